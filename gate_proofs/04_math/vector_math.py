"""Correct loop answers to kata 04's gated functions: each must fail the gates."""

import numpy as np


def moving_average(prices: np.ndarray, window: int = 5) -> np.ndarray:
    prices = np.asarray(prices)
    if not 1 <= window <= len(prices):
        raise ValueError(
            f"window must be from 1 to the number of prices ({len(prices)}), got {window}"
        )
    return np.array([prices[i : i + window].mean() for i in range(len(prices) - window + 1)])


def winsorise(data: np.ndarray, lower: float = 10, upper: float = 90) -> np.ndarray:
    data = np.asarray(data)
    if data.size == 0:
        raise ValueError("data is empty: it has no percentiles")
    if lower < 0:
        raise ValueError(f"lower must be at least 0, got {lower}")
    if upper > 100:
        raise ValueError(f"upper must be at most 100, got {upper}")
    if lower > upper:
        raise ValueError(f"lower ({lower}) must not be above upper ({upper})")
    low, high = np.percentile(data, [lower, upper])
    capped = [min(max(value, low), high) for value in data.ravel()]
    return np.array(capped, dtype=float).reshape(data.shape)
