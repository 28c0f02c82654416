"""Kata 05: Broadcasting Workout. Line shapes up with keepdims instead of writing loops."""

import numpy as np


def add_bias(X: np.ndarray) -> np.ndarray:
    """X with a column of ones in front: ``out[:, 0] == 1`` and ``out[:, 1:] == X``.

    X is 2-D, shape (n, d): n samples of d features. The result has shape (n, d + 1) with the
    ones FIRST (the intercept column of a linear model) and X's values copied unchanged after
    them. n or d may be 0. Any numeric dtype that holds X's values and 1 (uint8 X may stay
    uint8, or become any wider type).
    X is not modified. Raises ValueError naming ``X`` if X is not 2-D.
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (samples x features), got shape {X.shape}")
    ones = np.ones((X.shape[0], 1), dtype=X.dtype)  # an (n, 1) column: one 1 per sample
    return np.hstack([ones, X])


def softmax_rows(logits: np.ndarray) -> np.ndarray:
    """Softmax of each row: ``out[i, j] = exp(logits[i, j]) / sum(exp(logits[i, :]))``.

    logits is 2-D, shape (n, k) with k >= 1: n samples of k class scores, any real dtype,
    integers of any width too. The result is a float array of the same shape: every entry is
    in (0, 1] and every row sums to 1. Rows are independent: a NaN in a row makes that whole
    row NaN and leaves the other rows alone. n may be 0.
    The logits are moderate (between -100 and 100), so the formula above works as written in
    float64: ``exp`` neither overflows nor underflows to 0. Subtracting each row's maximum
    first (the stable form of kata 19, which handles any logits) is just as correct. Integer
    logits are computed in float64 too: int8 logits ``[[100, -100]]`` give
    ``[[1.0, exp(-200)]]`` (NumPy's exp computes int8 in float16, where exp(100) overflows,
    and int16 in float32, where exp(-200) is 0).
    logits is not modified. Raises ValueError naming ``logits`` if it is not 2-D or has no
    columns (an empty row has no softmax).
    """
    # float64 first: np.exp computes int8 in float16 and int16 in float32, and int8 differences
    # such as -100 - 100 would wrap around.
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 2:
        raise ValueError(f"logits must be 2-D (samples x classes), got shape {logits.shape}")
    if logits.shape[1] == 0:
        raise ValueError(
            f"logits has no columns (shape {logits.shape}): an empty row has no softmax"
        )
    # keepdims leaves each row's maximum and sum as an (n, 1) column, which broadcasts along
    # its own row; an (n,) vector would line up with the columns instead. Subtracting the
    # row maximum does not change the softmax and keeps exp from overflowing.
    exps = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def center_rows(M: np.ndarray) -> np.ndarray:
    """Each row of M minus that row's mean, so every row of the result has mean 0.

    M is 2-D, shape (n, k) with k >= 1, any real dtype, integers of any width too. The result
    is a float array of the same shape, also for integer M: ``[[1, 2]]`` gives
    ``[[-0.5, 0.5]]``. Rows are independent:
    a NaN in a row makes that whole row NaN and leaves the other rows alone. n may be 0.
    M is not modified. Raises ValueError naming ``M`` if it is not 2-D or has no columns
    (an empty row has no mean).
    """
    M = np.asarray(M)
    if M.ndim != 2:
        raise ValueError(f"M must be 2-D, got shape {M.shape}")
    if M.shape[1] == 0:
        raise ValueError(f"M has no columns (shape {M.shape}): an empty row has no mean")
    return M - M.mean(axis=1, keepdims=True)  # (n, k) - (n, 1): each row minus its own mean
