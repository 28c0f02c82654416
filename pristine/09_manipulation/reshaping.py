"""Kata 09: Shape Manipulation Challenge. Reshape, transpose, stack and split without loops."""

from collections.abc import Sequence

import numpy as np


def reshape_transpose_flatten(
    values: np.ndarray, shape: tuple[int, ...], axes: tuple[int, ...] | None = None
) -> np.ndarray:
    """``values`` reshaped to ``shape``, its axes permuted by ``axes``, then flattened.

    Three steps, as in ``values.reshape(shape).transpose(axes).flatten()``:

    1. reshape: the elements of ``values`` (any shape, usually 1-D) read in row-major (C)
       order, last axis fastest, into ``shape``; ``shape`` may hold one -1, inferred as in
       ``reshape``. The seed: ``np.arange(60)`` of shape (60,) -> (3, 4, 5).
    2. transpose: axis d of the result is axis ``axes[d]`` of the reshaped array, so
       ``t[i, j, k] == r[k, j, i]`` for ``axes=(2, 1, 0)``. ``axes`` is a permutation of
       0, 1, ..., len(shape) - 1 (negative entries count from the end, as in np.transpose);
       None (the default) reverses the axes, as ``.T`` does. The seed: (3, 4, 5) -> (5, 4, 3).
    3. flatten: the transposed array read in row-major (C) order, its last axis fastest,
       into a 1-D array of ``values.size`` elements. The seed: (5, 4, 3) -> (60,).

    The result is a new array: writing into it never changes ``values``. An empty ``values``
    gives an empty result. Raises ValueError naming ``shape`` (and not ``axes``: the axes are
    not what is wrong) if it does not hold ``values.size`` elements, and ValueError naming
    ``axes`` if it is not a permutation of the axes of ``shape``. ``values`` is not modified
    (its own shape stays as it was).
    """
    raise NotImplementedError("reshape_transpose_flatten")


def stack_new_axis(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """The arrays stacked along a new first axis (axis 0): ``result[i]`` equals ``arrays[i]``.

    ``arrays`` is a non-empty sequence of k arrays that all have the same shape s (any number
    of dimensions, 0-d included); the result has shape (k, *s). No existing axis grows: the
    seed's three (4, 3) matrices give (3, 4, 3), not (12, 3) or (4, 3, 3). The dtype is one
    that holds every value (NumPy's usual promotion: a uint8 and an int8 array give int16, so
    -5 stays -5). Raises ValueError naming ``arrays`` if it
    is empty or its arrays differ in shape. Neither ``arrays`` nor its arrays are modified.
    """
    raise NotImplementedError("stack_new_axis")


def split_and_restack(a: np.ndarray, chunks: int) -> np.ndarray:
    """Split the rows of ``a`` into ``chunks`` equal blocks and stack the blocks along axis 2.

    ``a`` is 2-D, of shape (n, m); each block has b = n // chunks rows. Block k holds the
    consecutive rows ``a[k * b : (k + 1) * b]``, a (b, m) matrix, and becomes
    ``result[:, :, k]``: the result has shape (b, m, chunks) and
    ``result[i, j, k] == a[k * b + i, j]``. The seed: a (12, 8) matrix in 4 blocks of (3, 8)
    gives (3, 8, 4). Empty blocks are fine: a (0, m) matrix gives (0, m, chunks).

    Raises ValueError naming ``chunks`` if it is below 1 or does not divide n (the rows must
    split evenly: no block is shorter than another), and ValueError naming ``a`` if ``a`` is
    not 2-D. ``a`` is not modified (its own shape stays as it was).
    """
    raise NotImplementedError("split_and_restack")
