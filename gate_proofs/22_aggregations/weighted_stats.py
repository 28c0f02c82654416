"""Correct loop answers to kata 22's gated functions: each must fail the gates."""

import math

import numpy as np


def _check(data: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    data, weights = np.asarray(data), np.asarray(weights)
    if data.ndim != 1 or data.size == 0:
        raise ValueError(f"data must be 1-D and not empty, got shape {data.shape}")
    if weights.shape != data.shape:
        raise ValueError(f"weights must have data's shape {data.shape}, got {weights.shape}")
    data, weights = data.astype(np.float64), weights.astype(np.float64)
    total = 0.0
    for x, w in zip(data, weights, strict=True):
        if not math.isfinite(x):
            raise ValueError("data holds NaN or infinite values")
        if not math.isfinite(w) or w < 0:
            raise ValueError("weights must be finite and not negative")
        if w != math.floor(w):
            raise ValueError("weights are frequencies: every weight must be a whole number")
        total += w
    if total == 0:
        raise ValueError("weights are all zero: there is no observation")
    return data, weights


def weighted_mean(data: np.ndarray, weights: np.ndarray) -> float:
    data, weights = _check(data, weights)
    weighted_sum = count = 0.0
    for x, w in zip(data, weights, strict=True):
        weighted_sum += w * x
        count += w
    return float(weighted_sum / count)


def weighted_std(data: np.ndarray, weights: np.ndarray, ddof: int = 0) -> float:
    data, weights = _check(data, weights)
    count = sum(weights)
    if not 0 <= ddof < count:
        raise ValueError(f"ddof must be at least 0 and below sum(weights) = {count}, got {ddof}")
    mean = weighted_mean(data, weights)
    squares = 0.0
    for x, w in zip(data, weights, strict=True):
        squares += w * (x - mean) ** 2
    return float(math.sqrt(squares / (count - ddof)))


def weighted_percentile(data: np.ndarray, weights: np.ndarray, q: float) -> float:
    data, weights = _check(data, weights)
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, got {q}")
    pairs = sorted(zip(data.tolist(), weights.tolist(), strict=True))
    count = sum(w for _, w in pairs)
    position = q / 100 * (count - 1)
    below = math.floor(position)
    above = min(below + 1, count - 1)
    seen, low, high = 0, None, None
    for value, w in pairs:
        seen += w
        if low is None and seen > below:
            low = value
        if seen > above:
            high = value
            break
    return float(low + (position - below) * (high - low))
