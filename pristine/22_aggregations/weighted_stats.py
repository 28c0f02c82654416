"""Kata 22: Weighted Statistics. Mean, standard deviation and percentiles of data with
frequency weights, without repeating a single value."""

import numpy as np


def weighted_mean(data: np.ndarray, weights: np.ndarray) -> float:
    """The mean of ``data`` in which value ``data[i]`` was observed ``weights[i]`` times.

    ``sum(weights * data) / sum(weights)``, as a Python float: the same as
    ``np.mean(np.repeat(data, weights))``, but without repeating anything (the weights may add
    up to far more values than fit in memory). ``data`` and ``weights`` are 1-D of the
    same length, any real dtype (uint8 and int16 included). Weights are frequencies: whole
    numbers (an integer dtype, or floats such as 2.0), not negative; a zero weight leaves its
    value out. Neither array is modified.
    Raises ValueError naming ``data`` if it is not 1-D, is empty or holds NaN or inf; naming
    ``weights`` if its shape differs from data's, or a weight is negative, not a whole number,
    NaN or inf, or all weights are zero.
    """
    raise NotImplementedError("weighted_mean")


def weighted_std(data: np.ndarray, weights: np.ndarray, ddof: int = 0) -> float:
    """The standard deviation of ``data`` with frequency ``weights``, as a Python float.

    ``sqrt(sum(weights * (data - m)**2) / (sum(weights) - ddof))`` with m the weighted mean:
    ddof counts against the number of observations, ``sum(weights)``, not ``len(data)``.
    This is ``np.std(np.repeat(data, weights), ddof=ddof)`` without the repeating.
    ``ddof`` is a whole number. ``data`` and ``weights`` are as in ``weighted_mean``, and
    neither is modified.
    Raises ValueError naming ``ddof`` if ddof < 0 or ddof >= sum(weights) (no observation
    would be left), and otherwise as ``weighted_mean`` does.
    """
    raise NotImplementedError("weighted_std")


def weighted_percentile(data: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The q-th percentile (0 <= q <= 100) of ``data`` with frequency ``weights``.

    What ``np.percentile(np.repeat(data, weights), q)`` gives (linear interpolation, NumPy's
    default; equal up to rounding), as a Python float, but without repeating anything: the
    weights may add up to far more values than fit in memory. q = 0 gives the smallest value
    with a nonzero weight, q = 100 the largest. ``data`` and ``weights`` are as in
    ``weighted_mean``, and neither is modified.
    Raises ValueError naming ``q`` if q is NaN or outside [0, 100], and otherwise as
    ``weighted_mean`` does.
    """
    raise NotImplementedError("weighted_percentile")
