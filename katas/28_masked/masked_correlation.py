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
    raise NotImplementedError("masked_corrcoef")
