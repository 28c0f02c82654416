"""Correct loop answers to kata 15's gated functions: each must fail the gates."""

import numpy as np


def pairwise_broadcast(points: np.ndarray) -> np.ndarray:
    points = np.asarray(points)
    if points.ndim != 2:
        raise ValueError(f"points must be a 2-D (n, d) array, got shape {points.shape}")
    points = points.astype(np.float64)
    n = len(points)
    distances = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            distances[i, j] = np.sqrt(np.sum((points[i] - points[j]) ** 2))
    return distances


def pairwise_gram(points: np.ndarray) -> np.ndarray:
    points = np.asarray(points)
    if points.ndim != 2:
        raise ValueError(f"points must be a 2-D (n, d) array, got shape {points.shape}")
    points = points.astype(np.float64)
    if len(points):
        points = points - points.mean(axis=0)
    gram = points @ points.T
    n = len(points)
    distances = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            squared = gram[i, i] + gram[j, j] - 2 * gram[i, j]
            distances[i, j] = np.sqrt(max(squared, 0.0))
    return distances
