"""Correct loop answers to kata 28's gated functions: each must fail the gates."""

import numpy as np


def masked_corrcoef(X: np.ma.MaskedArray) -> np.ndarray:
    X = np.ma.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_obs, n_vars), got {X.ndim} dimensions")
    valid = ~np.ma.getmaskarray(X)
    data = X.filled(0).astype(np.float64)
    n_vars = X.shape[1]
    corr = np.full((n_vars, n_vars), np.nan)
    for i in range(n_vars):
        for j in range(i, n_vars):
            both = valid[:, i] & valid[:, j]
            if both.sum() < 2:
                continue
            xi, xj = data[both, i], data[both, j]
            di, dj = xi - xi.mean(), xj - xj.mean()
            # Exact zero for constant values: compare them, not their rounded deviations.
            if np.all(xi == xi[0]) or np.all(xj == xj[0]):
                continue
            r = np.sum(di * dj) / np.sqrt(np.sum(di * di) * np.sum(dj * dj))
            corr[i, j] = corr[j, i] = np.clip(r, -1.0, 1.0)
    return corr
