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
    raise NotImplementedError("best_and_worst_subject")


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
    raise NotImplementedError("top_k_students")


def letter_grades(scores: np.ndarray) -> np.ndarray:
    """The letter grade of every score: A from 90, B from 80, C from 70, D from 60, else F.

    Each bound belongs to the higher grade: 90 is an A, 89.9 a B, 60 a D, 59.9 an F.
    ``scores``: an array of one or more dimensions, any real dtype (uint8 and int16 too),
    no NaN; it is not modified. Returns a new array of one-letter strings (dtype kind
    ``"U"``) of the same shape. Raises ValueError naming ``scores`` if it is 0-d or holds a
    NaN.
    """
    raise NotImplementedError("letter_grades")


def pass_mask(scores: np.ndarray, min_score: float = 70, min_subjects: int = 3) -> np.ndarray:
    """Which students pass: those with at least ``min_subjects`` scores of ``min_score`` or more.

    A score equal to ``min_score`` counts; ``min_score`` may be fractional also for integer
    scores (69.5 counts a 70 and not a 69). This is a count of subjects, not an average.
    ``scores``: as for best_and_worst_subject; it is not modified. Returns a new 1-D bool
    array, one entry per student.
    Raises ValueError naming ``min_subjects`` unless 0 <= min_subjects <= the number of
    subjects, and naming ``scores`` if it is not 2-D or holds a NaN.
    """
    raise NotImplementedError("pass_mask")
