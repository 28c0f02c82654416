"""Kata 11: Stride-Based Feature Matrix. Lagged windows as a view, then features per window."""

import numpy as np


def lag_matrix(series: np.ndarray, lags: int = 3) -> np.ndarray:
    """The lag matrix of ``series``: one row per time step t that has ``lags`` values before it.

    ``series`` is a 1-D NumPy array of n values; ``lags`` is an int, 0 or more. The result has
    shape ``(n - lags, lags + 1)`` and the row for time t holds
    ``[series[t - lags], ..., series[t - 1], series[t]]``, oldest first, for t = lags .. n - 1.
    So row i is ``series[i : i + lags + 1]``: with lags=3 the columns are t-3, t-2, t-1, t.

    The result is a view of ``series``, not a copy: ``np.shares_memory(result, series)`` is True,
    and it has the series' dtype. It is read-only (``result.flags.writeable`` is False), as
    ``sliding_window_view`` makes it: each value appears in up to lags + 1 rows, so one write
    would change several rows and the caller's series.

    Raises ValueError naming ``lags`` if lags < 0 or the series has fewer than lags + 1 values
    (so the result always has at least one row), and naming ``series`` if it is not 1-D.
    ``series`` is not modified, and stays writeable.
    """
    raise NotImplementedError("lag_matrix")


def window_features(series: np.ndarray, lags: int = 3) -> np.ndarray:
    """A float feature matrix of shape ``(n - lags, 3)``, one row per row of the lag matrix.

    Row i describes the window ``series[i : i + lags + 1]`` (the values from t - lags to t, for
    t = i + lags) with three columns: its mean, its population standard deviation (ddof=0,
    dividing by lags + 1, as ``np.std`` does by default) and its last value ``series[t]``.
    Each feature is what ``np.mean`` and ``np.std`` give for that window, up to float rounding,
    also for a series far from zero.

    A NaN makes the mean and std of every window that holds it NaN, and only those; the last
    value is NaN where ``series[t]`` is. Integer series of any width (uint8 and int16 too) give
    the same features as float ones.

    Raises ValueError naming ``lags`` if lags < 0 or the series has fewer than lags + 1 values,
    and naming ``series`` if it is not 1-D. ``series`` is not modified, and stays writeable.
    """
    raise NotImplementedError("window_features")
