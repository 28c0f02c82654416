"""Correct loop answers to kata 19's gated functions: each must fail the gates."""

import numpy as np


def stable_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("x is empty: softmax needs at least one value")
    rows = np.moveaxis(x, axis, -1)
    out = np.empty_like(rows)
    for index in np.ndindex(rows.shape[:-1]):
        row = rows[index]
        with np.errstate(invalid="ignore"):
            exps = np.exp(row - row.max())
            out[index] = exps / exps.sum()
    return np.moveaxis(out, -1, axis)


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("x is empty: log_softmax needs at least one value")
    rows = np.moveaxis(x, axis, -1)
    out = np.empty_like(rows)
    for index in np.ndindex(rows.shape[:-1]):
        row = rows[index]
        with np.errstate(invalid="ignore"):
            shifted = row - row.max()
            out[index] = shifted - np.log(np.exp(shifted).sum())
    return np.moveaxis(out, -1, axis)


def forward_fill(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {values.shape}")
    filled = values.copy()
    for i in range(1, len(filled)):
        if np.isnan(filled[i]):
            filled[i] = filled[i - 1]
    return filled
