"""Kata 28: Masked Correlation. Pairwise-complete correlations from masked matrix products."""

import numpy as np


def masked_corrcoef(X: np.ma.MaskedArray) -> np.ndarray:
    """The pairwise-complete Pearson correlation matrix of the columns of a masked 2-D array.

    ``X`` has shape (n_obs, n_vars): one row per observation, one column per variable, masked
    where a value is missing. A plain ndarray, or a masked array without a mask, has nothing
    missing. Entry (i, j) of the result is the correlation of columns i and j computed only
    on the rows where *both* are unmasked, with their means and variances taken over those
    same rows (``np.ma.corrcoef`` does not do this: it centres each column on all its own
    valid rows). Values under the mask are ignored whatever they are (NaN, inf, -999).

    Returns a plain float64 ndarray (not a masked array) of shape (n_vars, n_vars), symmetric,
    with entries in [-1, 1] and 1 on the diagonal where defined. An entry is NaN, without a
    RuntimeWarning, where it is not defined: the pair has fewer than 2 common rows, or either
    variable is constant on the common rows (zero variance); with fewer than 2 rows, every
    entry is NaN. With nothing masked it equals ``np.corrcoef(X, rowvar=False)``. Any
    integer or float dtype; the result does not change when a column is shifted by a
    constant, however large (1e6, say).
    Raises ValueError naming ``X`` if it is not 2-D. ``X`` (data and mask) is not modified.
    """
    X = np.ma.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_obs, n_vars), got {X.ndim} dimensions")
    if X.shape[0] < 2:  # no pair can have two rows in common
        return np.full((X.shape[1], X.shape[1]), np.nan)
    valid = ~np.ma.getmaskarray(X)
    data = X.filled(0).astype(np.float64)
    # Shift each column by one of its own valid values: correlation ignores the shift, the
    # sums below no longer cancel for data far from 0, and a constant column becomes exactly 0.
    first = data[np.argmax(valid, axis=0), np.arange(data.shape[1])]
    Z = np.where(valid, data - first, 0.0)
    w = valid.astype(np.float64)
    n = w.T @ w  # n[i, j]: the rows where both i and j are valid
    s = Z.T @ w  # s[i, j]: the sum of column i over those rows
    ss = (Z * Z).T @ w  # ... its sum of squares
    sp = Z.T @ Z  # ... and the sum of products of columns i and j
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = sp - s * s.T / n
        var = ss - s * s / n  # var[i, j]: column i's, over the rows it shares with j
        r = cov / np.sqrt(var * var.T)
    defined = (n >= 2) & (var > 0) & (var.T > 0)
    return np.where(defined, np.clip(r, -1.0, 1.0), np.nan)
