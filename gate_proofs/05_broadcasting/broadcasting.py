"""Correct loop answers to kata 05's gated functions: each must fail the gates."""

import numpy as np


def add_bias(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (samples x features), got shape {X.shape}")
    out = np.ones((X.shape[0], X.shape[1] + 1), dtype=X.dtype)
    for i in range(X.shape[0]):
        out[i, 1:] = X[i]
    return out


def softmax_rows(logits: np.ndarray) -> np.ndarray:
    logits = np.asarray(logits, dtype=float)
    if logits.ndim != 2:
        raise ValueError(f"logits must be 2-D (samples x classes), got shape {logits.shape}")
    if logits.shape[1] == 0:
        raise ValueError(f"logits has no columns (shape {logits.shape})")
    out = np.empty(logits.shape)
    for i, row in enumerate(logits):
        exps = np.exp(row - row.max())
        out[i] = exps / exps.sum()
    return out


def center_rows(M: np.ndarray) -> np.ndarray:
    M = np.asarray(M)
    if M.ndim != 2:
        raise ValueError(f"M must be 2-D, got shape {M.shape}")
    if M.shape[1] == 0:
        raise ValueError(f"M has no columns (shape {M.shape})")
    out = np.empty(M.shape)
    for i, row in enumerate(M):
        out[i] = row - row.mean()
    return out
