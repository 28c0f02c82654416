"""Kata 14: Student Score Analyzer. Pick, rank and grade students with fancy indexing."""

import numpy as np


def best_and_worst_subject(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each student's best and worst subject: the column of their highest and lowest score.

    ``scores``: a 2-D array, one row per student and one column per subject, any real dtype
    (uint8 and int16 too), no NaN; it is not modified.
    Returns ``(best, worst)``: two new 1-D integer arrays of column indices, one entry per
    student. On a tie the first of the equal columns (the lowest index) wins. No students
    give two empty arrays. Name them with ``np.asarray(subjects)[best]``.
    Raises ValueError naming ``scores`` if it is not 2-D, has no columns or holds a NaN.
    """
    scores = _checked(scores)
    if scores.shape[1] == 0:
        raise ValueError("scores has no subjects (columns): no best or worst subject")
    # argmax and argmin return the first of equal values, as the tie rule asks.
    return scores.argmax(axis=1), scores.argmin(axis=1)


def top_k_students(scores: np.ndarray, k: int) -> np.ndarray:
    """The row indices of the k students with the highest total score, highest total first.

    A student's total is the sum of their row, computed without overflow (uint8 scores can
    total more than 255). Tie rule: students with equal totals come in index order, lower
    index first, also where k cuts through a group of equal totals: the lower indices are the
    ones kept.

    ``scores``: as for best_and_worst_subject; it is not modified. Returns a new 1-D integer
    array of length k; k = 0 gives an empty one.
    Raises ValueError naming ``k`` if k < 0 or k > the number of students, and naming
    ``scores`` if it is not 2-D or holds a NaN.
    """
    scores = _checked(scores)
    n = len(scores)
    if not 0 <= k <= n:
        raise ValueError(f"k must be from 0 to {n} (the number of students), got {k}")
    if k == 0:
        return np.empty(0, dtype=np.intp)
    # sum promotes small integers to a 64-bit integer: uint8 totals do not wrap around.
    totals = scores.sum(axis=1)
    # The k-th highest total, in O(n): everyone above it is in, and of those equal to it
    # only the first ones, in index order (argpartition alone picks an arbitrary few).
    kth = np.partition(totals, n - k)[n - k]
    above = np.flatnonzero(totals > kth)
    tied = np.flatnonzero(totals == kth)[: k - len(above)]
    # Sort only the k chosen. Put them in descending index order, sort their totals
    # ascending with a stable sort (equal totals stay in descending index order), then
    # reverse it all: totals descending, equal totals in ascending index order. Negating
    # the totals instead would break unsigned ones: -0 is 0 and -1 is the largest uint64.
    chosen = np.sort(np.concatenate([above, tied]))[::-1]
    return chosen[np.argsort(totals[chosen], kind="stable")[::-1]]


def letter_grades(scores: np.ndarray) -> np.ndarray:
    """The letter grade of every score: A from 90, B from 80, C from 70, D from 60, else F.

    Each bound belongs to the higher grade: 90 is an A, 89.9 a B, 60 a D, 59.9 an F.
    ``scores``: an array of one or more dimensions, any real dtype (uint8 and int16 too),
    no NaN; it is not modified. Returns a new array of one-letter strings (dtype kind
    ``"U"``) of the same shape. Raises ValueError naming ``scores`` if it is 0-d or holds a
    NaN.
    """
    scores = np.asarray(scores)
    if scores.ndim == 0:
        raise ValueError("scores must have at least one dimension, got a 0-d array")
    if _has_nan(scores):
        raise ValueError("scores holds a NaN: it has no letter grade")
    letters = np.array(["F", "D", "C", "B", "A"])
    # side="right": a score equal to a bound counts as reaching it.
    return letters[np.searchsorted([60, 70, 80, 90], scores, side="right")]


def pass_mask(scores: np.ndarray, min_score: float = 70, min_subjects: int = 3) -> np.ndarray:
    """Which students pass: those with at least ``min_subjects`` scores of ``min_score`` or more.

    A score equal to ``min_score`` counts; ``min_score`` may be fractional also for integer
    scores (69.5 counts a 70 and not a 69). This is a count of subjects, not an average.
    ``scores``: as for best_and_worst_subject; it is not modified. Returns a new 1-D bool
    array, one entry per student.
    Raises ValueError naming ``min_subjects`` unless 0 <= min_subjects <= the number of
    subjects, and naming ``scores`` if it is not 2-D or holds a NaN.
    """
    scores = _checked(scores)
    if not 0 <= min_subjects <= scores.shape[1]:
        raise ValueError(
            f"min_subjects must be from 0 to {scores.shape[1]} (the subjects), got {min_subjects}"
        )
    return np.count_nonzero(scores >= min_score, axis=1) >= min_subjects


def _has_nan(scores: np.ndarray) -> bool:
    return scores.dtype.kind == "f" and bool(np.isnan(scores).any())


def _checked(scores) -> np.ndarray:
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ValueError(f"scores must be 2-D (students x subjects), got shape {scores.shape}")
    if _has_nan(scores):
        raise ValueError("scores holds a NaN: every score must be a number")
    return scores
