"""Correct loop answers to kata 01's gated functions: each must fail the gates."""

import numpy as np


def checkerboard(n: int) -> np.ndarray:
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    board = np.zeros((n, n), dtype=np.int8)
    for i in range(n):
        for j in range(n):
            board[i, j] = (i + j) % 2
    return board


def scaled_identity(scale: np.ndarray) -> np.ndarray:
    scale = np.asarray(scale)
    if scale.ndim != 1:
        raise ValueError(f"scale must be 1-D, got shape {scale.shape}")
    out = np.zeros((len(scale), len(scale)), dtype=scale.dtype)
    for i, value in enumerate(scale):
        out[i, i] = value
    return out
