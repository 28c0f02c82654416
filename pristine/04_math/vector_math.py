"""Kata 04: Vectorized Math Challenge. Ufuncs, differences, convolution and percentiles."""

import numpy as np


def sin_cos_degrees(degrees: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sine and cosine of angles given in degrees, as a pair ``(sin, cos)``.

    ``degrees`` has any shape and any real dtype (integers of any width too); ``sin`` and
    ``cos`` are float arrays of the same shape, float64 for integer ``degrees`` (on int8 and
    uint8 input NumPy's ufuncs compute in float16, good to 3 digits only):
    ``sin_cos_degrees(np.array([30, 90]))`` is about ``([0.5, 1.0], [0.866, 0.0])``.
    ``degrees`` is not modified.
    """
    raise NotImplementedError("sin_cos_degrees")


def pythagorean_identity_holds(sin: np.ndarray, cos: np.ndarray) -> bool:
    """Whether ``sin**2 + cos**2`` is 1 at every position, allowing for float rounding.

    Rounding makes some sums 0.9999999999999999, which must count as 1: compare with a small
    tolerance (np.allclose's default is fine). A sum off by 1e-4 or more (1.0001, 0.9999) is
    not 1, and NaN is never 1. Empty arrays give True (no position breaks the identity).
    Returns a Python bool.
    Raises ValueError naming ``cos`` if its shape differs from the shape of ``sin``.
    Neither input is modified.
    """
    raise NotImplementedError("pythagorean_identity_holds")


def percent_returns(prices: np.ndarray) -> np.ndarray:
    """Daily returns in percent: ``result[i] == 100 * (prices[i + 1] - prices[i]) / prices[i]``.

    ``prices`` is 1-D with n >= 2 prices of any real dtype, integers of any width too (uint8
    prices [100, 90] fall by 10 %); the result is a float array of length n - 1:
    ``percent_returns(np.array([100, 110, 99]))`` is ``[10.0, -10.0]``. Percent, not
    fractions: 10.0 means +10 %. A NaN price is a missing price, not an error: the two returns
    next to it are NaN and the others are unaffected.
    Raises ValueError naming ``prices`` if it has fewer than 2 prices or a price <= 0.
    ``prices`` is not modified.
    """
    raise NotImplementedError("percent_returns")


def moving_average(prices: np.ndarray, window: int = 5) -> np.ndarray:
    """The simple moving average: the mean of every ``window`` consecutive prices.

    ``prices`` is 1-D with n values of any real dtype, integers of any width too (the sum of a
    window of uint8 or int16 prices must not wrap around). Only windows that fit completely
    count, as in np.convolve's ``mode="valid"``: the result is a float array of length
    n - window + 1 with ``result[i] == prices[i:i + window].mean()``. A NaN price makes every
    window that contains it NaN, and no other window.
    Raises ValueError naming ``window`` if window < 1 or window > n. ``prices`` is not modified.
    """
    raise NotImplementedError("moving_average")


def cumulative_return(prices: np.ndarray) -> float:
    """The return over the whole period as a fraction: ``prices[-1] / prices[0] - 1``.

    A fraction, not percent (unlike percent_returns): 0.25 means +25 %. A Python float or a
    NumPy float. ``prices`` has any real dtype, integers of any width too. Only the first and
    the last price count: a NaN first or last price gives NaN, a NaN between them changes
    nothing.
    Raises ValueError naming ``prices`` if it has fewer than 2 prices or a price <= 0.
    ``prices`` is not modified.
    """
    raise NotImplementedError("cumulative_return")


def winsorise(data: np.ndarray, lower: float = 10, upper: float = 90) -> np.ndarray:
    """``data`` with its extremes capped at its ``lower``-th and ``upper``-th percentiles.

    Values below the ``lower``-th percentile become that percentile, values above the
    ``upper``-th become that one, the others stay. The percentiles are np.percentile's default
    (linear interpolation between the two nearest ranks) over all values of ``data`` together,
    whatever its shape. ``data`` has any real dtype, integers of any width too. The result is
    a new float array of ``data``'s shape (even when nothing is capped); ``data`` is not
    modified. ``data`` holds no NaN (not checked). ``lower`` and ``upper`` are in [0, 100].
    Raises ValueError naming ``data`` if it is empty, ``lower`` if lower < 0, ``upper`` if
    upper > 100, and both ``lower`` and ``upper`` if lower > upper.
    """
    raise NotImplementedError("winsorise")
