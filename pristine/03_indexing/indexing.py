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
    raise NotImplementedError("centre_block")


def main_diagonal(m: np.ndarray) -> np.ndarray:
    """The main diagonal of the 2-D array ``m``: ``m[0, 0], m[1, 1], ...`` as a 1-D array.

    It starts at the top-left corner and runs down and to the right until it leaves the matrix,
    so its length is min(r, c) for an r x c matrix (non-square matrices are allowed).
    View or copy is left open (``np.diagonal`` returns a read-only view, fancy indexing a copy):
    callers do not write into the result. ``m`` is not modified.
    Raises ValueError naming ``m`` if m is not 2-D (``np.diag`` of a 1-D array would build a
    matrix instead of reading a diagonal).
    """
    raise NotImplementedError("main_diagonal")


def replace_above(m: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """A copy of ``m`` in which every entry strictly greater than ``threshold`` is ``value``.

    Entries equal to the threshold are kept (``>``, not ``>=``). NaN is not greater than
    anything, so it stays NaN; +inf is above every finite threshold and -inf below it.
    ``m`` may have any shape, including empty; the result has the same shape. The result is a
    new array that never shares memory with ``m``, even when nothing is replaced, and ``m``
    itself is not modified. Any dtype that holds m's values and ``value`` exactly (the tests
    pair an int ``value`` with an int ``m``, floats with floats).
    """
    raise NotImplementedError("replace_above")


def every_other_of_last_row(m: np.ndarray) -> np.ndarray:
    """Elements 0, 2, 4, ... of the last row of the 2-D array ``m``, as a view of ``m``.

    The first element of the row is always included, so an r x c matrix gives ceil(c / 2)
    elements (none if c is 0). The result is a 1-D view (basic slicing, no copy).
    ``m`` is not modified. Raises ValueError naming ``m`` if m is not 2-D or has no rows.
    """
    raise NotImplementedError("every_other_of_last_row")
