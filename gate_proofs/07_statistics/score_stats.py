"""Correct loop answers to kata 07's gated functions: each must fail the gates."""

import numpy as np


def _checked_scores(scores: np.ndarray) -> np.ndarray:
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ValueError(f"scores must be 2-D (students x subjects), got shape {scores.shape}")
    if scores.size == 0:
        raise ValueError(
            f"scores needs at least one student and one subject, got shape {scores.shape}"
        )
    return scores


def column_stats(scores: np.ndarray) -> dict[str, np.ndarray]:
    scores = _checked_scores(scores)
    n, k = scores.shape
    totals = [0.0] * k
    lowest = [scores[0, j] for j in range(k)]
    highest = [scores[0, j] for j in range(k)]
    for i in range(n):
        for j in range(k):
            value = scores[i, j]
            totals[j] += value
            lowest[j] = min(lowest[j], value)
            highest[j] = max(highest[j], value)
    means = [total / n for total in totals]
    squares = [0.0] * k
    for i in range(n):
        for j in range(k):
            squares[j] += (scores[i, j] - means[j]) ** 2
    return {
        "mean": np.array(means),
        "std": np.sqrt(np.array(squares) / n),
        "min": np.array(lowest),
        "max": np.array(highest),
    }


def struggling_students(scores: np.ndarray, threshold: float = 50) -> np.ndarray:
    scores = _checked_scores(scores)
    struggling = []
    for i, row in enumerate(scores):
        if row.mean() < threshold:
            struggling.append(i)
    return np.array(struggling, dtype=int)
