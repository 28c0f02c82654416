"""Kata 03: Matrix Surgery. Cut blocks, diagonals and rows out of a matrix by indexing alone."""

import numpy as np


def centre_block(m: np.ndarray, size: int = 2) -> np.ndarray:
    """The ``size`` x ``size`` block in the exact centre of the 2-D array ``m``, as a view.

    The block leaves equal margins above and below it, and equal margins left and right: for an
    r x c matrix it covers rows ``(r - size) // 2`` up to ``(r + size) // 2`` (exclusive), and
    the same for columns. The 2 x 2 block of a 6 x 6 matrix is rows 2-3, columns 2-3.
    The result is a view (basic slicing, no copy): writing into it writes into ``m``.
    ``m`` itself is not modified.
    Raises ValueError naming ``m`` if m is not 2-D. Raises ValueError naming ``size`` if
    size < 1, if it is larger than either dimension, or if r - size or c - size is odd (then
    no block sits exactly in the centre, e.g. a 2 x 2 block of a 5 x 5 matrix).
    """
    m = np.asarray(m)
    if m.ndim != 2:
        raise ValueError(f"m must be a 2-D matrix, got {m.ndim}-D with shape {m.shape}")
    rows, cols = m.shape
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    if size > rows or size > cols:
        raise ValueError(f"size {size} does not fit in a {rows} x {cols} matrix")
    if (rows - size) % 2 or (cols - size) % 2:
        raise ValueError(
            f"size {size} cannot sit exactly in the centre of a {rows} x {cols} matrix: "
            "rows - size and cols - size must both be even"
        )
    top, left = (rows - size) // 2, (cols - size) // 2
    return m[top : top + size, left : left + size]  # basic slicing: a view, no copy


def main_diagonal(m: np.ndarray) -> np.ndarray:
    """The main diagonal of the 2-D array ``m``: ``m[0, 0], m[1, 1], ...`` as a 1-D array.

    It starts at the top-left corner and runs down and to the right until it leaves the matrix,
    so its length is min(r, c) for an r x c matrix (non-square matrices are allowed).
    View or copy is left open (``np.diagonal`` returns a read-only view, fancy indexing a copy):
    callers do not write into the result. ``m`` is not modified.
    Raises ValueError naming ``m`` if m is not 2-D (``np.diag`` of a 1-D array would build a
    matrix instead of reading a diagonal).
    """
    m = np.asarray(m)
    if m.ndim != 2:
        raise ValueError(f"m must be a 2-D matrix, got {m.ndim}-D with shape {m.shape}")
    return np.diagonal(m)  # stops at min(rows, cols) on its own


def replace_above(m: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """A copy of ``m`` in which every entry strictly greater than ``threshold`` is ``value``.

    Entries equal to the threshold are kept (``>``, not ``>=``). NaN is not greater than
    anything, so it stays NaN; +inf is above every finite threshold and -inf below it.
    ``m`` may have any shape, including empty; the result has the same shape. The result is a
    new array that never shares memory with ``m``, even when nothing is replaced, and ``m``
    itself is not modified. Any dtype that holds m's values and ``value`` exactly (the tests
    pair an int ``value`` with an int ``m``, floats with floats).
    """
    m = np.asarray(m)
    # np.where builds a new array, so m is never written to and never aliased.
    return np.where(m > threshold, value, m)


def every_other_of_last_row(m: np.ndarray) -> np.ndarray:
    """Elements 0, 2, 4, ... of the last row of the 2-D array ``m``, as a view of ``m``.

    The first element of the row is always included, so an r x c matrix gives ceil(c / 2)
    elements (none if c is 0). The result is a 1-D view (basic slicing, no copy).
    ``m`` is not modified. Raises ValueError naming ``m`` if m is not 2-D or has no rows.
    """
    m = np.asarray(m)
    if m.ndim != 2:
        raise ValueError(f"m must be a 2-D matrix, got {m.ndim}-D with shape {m.shape}")
    if m.shape[0] == 0:
        raise ValueError(f"m has no rows (shape {m.shape}), so it has no last row")
    return m[-1, ::2]
