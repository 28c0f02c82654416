"""Correct loop answers to kata 03's gated functions: each must fail the gates."""

import numpy as np


def main_diagonal(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m)
    if m.ndim != 2:
        raise ValueError(f"m must be a 2-D matrix, got {m.ndim}-D with shape {m.shape}")
    return np.array([m[i, i] for i in range(min(m.shape))], dtype=m.dtype)


def replace_above(m: np.ndarray, threshold: float, value: float) -> np.ndarray:
    out = np.array(m, copy=True)
    flat = out.reshape(-1)  # a view of the copy, so writing into it fills out
    for i in range(flat.size):
        if flat[i] > threshold:
            flat[i] = value
    return out
