"""Correct loop answers to kata 14's gated functions: each must fail the gates."""

import numpy as np


def _checked(scores) -> np.ndarray:
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ValueError(f"scores must be 2-D (students x subjects), got shape {scores.shape}")
    if scores.dtype.kind == "f" and np.isnan(scores).any():
        raise ValueError("scores holds a NaN: every score must be a number")
    return scores


def best_and_worst_subject(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scores = _checked(scores)
    if scores.shape[1] == 0:
        raise ValueError("scores has no subjects (columns)")
    best = np.zeros(len(scores), dtype=np.intp)
    worst = np.zeros(len(scores), dtype=np.intp)
    for i, row in enumerate(scores):
        best[i] = np.argmax(row)
        worst[i] = np.argmin(row)
    return best, worst


def top_k_students(scores: np.ndarray, k: int) -> np.ndarray:
    scores = _checked(scores)
    if not 0 <= k <= len(scores):
        raise ValueError(f"k must be from 0 to {len(scores)}, got {k}")
    totals = []
    for row in scores:
        total = 0
        for score in row:
            total += score.item()
        totals.append(total)
    # Python's sort is stable: equal totals keep index order.
    ranking = sorted(range(len(totals)), key=lambda i: -totals[i])
    return np.array(ranking[:k], dtype=np.intp)


def letter_grades(scores: np.ndarray) -> np.ndarray:
    scores = np.asarray(scores)
    if scores.ndim == 0:
        raise ValueError("scores must have at least one dimension")
    if scores.dtype.kind == "f" and np.isnan(scores).any():
        raise ValueError("scores holds a NaN")
    grades = np.empty(scores.shape, dtype="U1")
    for index, score in np.ndenumerate(scores):
        if score >= 90:
            grades[index] = "A"
        elif score >= 80:
            grades[index] = "B"
        elif score >= 70:
            grades[index] = "C"
        elif score >= 60:
            grades[index] = "D"
        else:
            grades[index] = "F"
    return grades


def pass_mask(scores: np.ndarray, min_score: float = 70, min_subjects: int = 3) -> np.ndarray:
    scores = _checked(scores)
    if not 0 <= min_subjects <= scores.shape[1]:
        raise ValueError(f"min_subjects must be from 0 to {scores.shape[1]}, got {min_subjects}")
    passed = np.zeros(len(scores), dtype=bool)
    for i, row in enumerate(scores):
        count = 0
        for score in row:
            if score >= min_score:
                count += 1
        passed[i] = count >= min_subjects
    return passed
