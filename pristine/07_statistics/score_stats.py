"""Kata 07: Statistics on a 2D Dataset. Rows are students, columns are subjects: reduce along
the right axis.

``scores`` must be a 2-D array of shape (n, k) with n >= 1 and k >= 1: one row per student, one
column per subject, finite int or float scores of any dtype (uint8 and int16 too, whose squares
and sums do not fit their own dtype). Anything else is a ValueError naming ``scores``.
"""

from collections.abc import Sequence

import numpy as np


def column_stats(scores: np.ndarray) -> dict[str, np.ndarray]:
    """Per-subject (per-column) mean, standard deviation, minimum and maximum of ``scores``.

    Returns a dict with exactly the keys ``"mean"``, ``"std"``, ``"min"`` and ``"max"``, each a
    1-D array of length k whose entry j describes column j. ``"std"`` is the population
    standard deviation (ddof=0, the default of ``np.std``), so a subject in which every student
    has the same score has std 0. Mean and std are floats, accurate to float64 rounding also
    for small integer dtypes and for scores far from 0 (1e6 + a few points); min and max may
    keep the scores' dtype. ``scores`` is not modified.
    Raises ValueError naming ``scores`` if it is not 2-D or has no rows or no columns.
    """
    raise NotImplementedError("column_stats")


def highest_variance_subject(scores: np.ndarray, subjects: Sequence[str]) -> str:
    """The name of the subject whose column of ``scores`` has the largest variance.

    ``subjects`` holds the k column names in column order; the result is one of them, a str.
    The variance is the population variance (ddof=0); any ddof picks the same subject when
    there are two or more students, as it scales every column's variance by the same factor.
    On a tie the first subject (the lowest column index) wins; with one student every variance
    is 0, so the first subject wins. Neither argument is modified.
    Raises ValueError naming ``scores`` if it is not 2-D or has no rows or no columns, and
    naming ``subjects`` if it does not hold exactly k names.
    """
    raise NotImplementedError("highest_variance_subject")


def struggling_students(scores: np.ndarray, threshold: float = 50) -> np.ndarray:
    """Row indices of the students whose mean score is strictly below ``threshold``.

    A student whose mean equals the threshold is not struggling. Returns a 1-D array of
    integer indices (any integer dtype) in ascending order; it is empty if nobody is below.
    ``scores`` is not modified.
    Raises ValueError naming ``scores`` if it is not 2-D or has no rows or no columns.
    """
    raise NotImplementedError("struggling_students")


def subject_correlation(scores: np.ndarray) -> np.ndarray:
    """The Pearson correlation matrix of the subjects: the columns of ``scores``, not the rows.

    A float array of shape (k, k), also when k == 1: entry [i, j] is the correlation between
    subject i and subject j, so the matrix is symmetric with 1.0 on its diagonal and every
    entry lies in [-1, 1] (up to rounding). A subject in which every student has the same
    score (all 70, say) has standard deviation 0 and no correlation: its whole row and column
    are NaN, its diagonal entry included. With one student, every subject is like that.
    A RuntimeWarning on the way to those NaNs is allowed. ``scores`` is not modified.
    Raises ValueError naming ``scores`` if it is not 2-D or has no rows or no columns.
    """
    raise NotImplementedError("subject_correlation")
