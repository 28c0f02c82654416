"""Correct loop answers to kata 11's gated functions: each must fail the gates."""

import numpy as np


def window_features(series: np.ndarray, lags: int = 3) -> np.ndarray:
    if lags < 0:
        raise ValueError(f"lags must be at least 0, got {lags}")
    if series.ndim != 1:
        raise ValueError(f"series must be 1-D, got shape {series.shape}")
    if len(series) < lags + 1:
        raise ValueError(
            f"lags={lags} needs a series of at least {lags + 1} values, got {len(series)}"
        )
    rows = []
    for t in range(lags, len(series)):
        window = series[t - lags : t + 1]
        rows.append([window.mean(), window.std(), window[-1]])
    return np.array(rows, dtype=float)
