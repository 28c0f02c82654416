"""Kata 22: Weighted Statistics. Mean, standard deviation and percentiles of data with
frequency weights, without repeating a single value."""

import numpy as np


def _check(data: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """data and weights as float64 (so that no product wraps around), checked as promised."""
    data, weights = np.asarray(data), np.asarray(weights)
    if data.ndim != 1 or data.size == 0:
        raise ValueError(f"data must be 1-D and not empty, got shape {data.shape}")
    if weights.shape != data.shape:
        raise ValueError(f"weights must have data's shape {data.shape}, got {weights.shape}")
    data = data.astype(np.float64, copy=False)
    weights = weights.astype(np.float64, copy=False)
    if not np.isfinite(data).all():
        raise ValueError("data holds NaN or infinite values")
    if not np.isfinite(weights).all() or weights.min() < 0:
        raise ValueError("weights must be finite and not negative")
    if (weights != np.floor(weights)).any():
        raise ValueError("weights are frequencies: every weight must be a whole number")
    if weights.max() == 0:
        raise ValueError("weights are all zero: there is no observation")
    return data, weights


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
    data, weights = _check(data, weights)
    return float(np.sum(weights * data) / weights.sum())


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
    data, weights = _check(data, weights)
    total = weights.sum()
    if not 0 <= ddof < total:
        raise ValueError(f"ddof must be at least 0 and below sum(weights) = {total}, got {ddof}")
    mean = np.sum(weights * data) / total
    return float(np.sqrt(np.sum(weights * (data - mean) ** 2) / (total - ddof)))


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
    data, weights = _check(data, weights)
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, got {q}")
    order = np.argsort(data)
    values, counts = data[order], weights[order]
    # cumulative[i]: how many repeated values come before and at values[i]. Position p
    # (0-based) of the repeated sorted data is values[i] for the first i with cumulative > p.
    cumulative = np.cumsum(counts)
    n = cumulative[-1]
    position = q / 100 * (n - 1)  # np.percentile's linear method
    below = np.floor(position)
    neighbours = np.searchsorted(cumulative, [below, min(below + 1, n - 1)], side="right")
    low, high = values[neighbours]
    return float(low + (position - below) * (high - low))
