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
    raise NotImplementedError("add_bias")


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
    raise NotImplementedError("softmax_rows")


def center_rows(M: np.ndarray) -> np.ndarray:
    """Each row of M minus that row's mean, so every row of the result has mean 0.

    M is 2-D, shape (n, k) with k >= 1, any real dtype, integers of any width too. The result
    is a float array of the same shape, also for integer M: ``[[1, 2]]`` gives
    ``[[-0.5, 0.5]]``. Rows are independent:
    a NaN in a row makes that whole row NaN and leaves the other rows alone. n may be 0.
    M is not modified. Raises ValueError naming ``M`` if it is not 2-D or has no columns
    (an empty row has no mean).
    """
    raise NotImplementedError("center_rows")
