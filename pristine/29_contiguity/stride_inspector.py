"""Kata 29: Stride Inspector. Read an array's memory layout; reshape it, copying only if needed."""

import numpy as np


def inspect_array(arr: np.ndarray) -> dict:
    """The memory-layout facts of ``arr`` as a dict with exactly these nine keys::

        {"shape": tuple of int, "dtype": np.dtype, "strides": tuple of int, "itemsize": int,
         "nbytes": int, "size": int, "c_contiguous": bool, "f_contiguous": bool,
         "is_view": bool}

    ``strides`` are in bytes (one per axis, negative for a reversed axis); ``nbytes`` is the
    bytes of arr's own elements (``size * itemsize``), not of the buffer it looks into;
    ``size`` is the number of elements (1 for a 0-d array, 0 for an empty one).
    ``c_contiguous`` and ``f_contiguous`` are NumPy's own flags: the elements fill one gap-free
    block in row-major (C) or column-major (F) order. A 1-D contiguous array, a 0-d array and
    an empty array are both; axes of length 1 do not count.
    ``is_view`` is True when arr does not own its memory: it looks into a buffer that belongs
    to another object (``arr.base is not None``). That holds for a slice and a transpose, and
    also for any reshape, even a reshape of an array you just copied (its memory belongs to
    the copy). It does not say whether arr shares memory with some other array: that is
    ``np.shares_memory``'s question.
    The numbers are Python ints and the truth values Python bools, not NumPy scalars.
    Any shape and dtype, 0-d and empty arrays included. ``arr`` is not modified.
    """
    raise NotImplementedError("inspect_array")


def reshape_safe(arr: np.ndarray, shape: int | tuple[int, ...]) -> np.ndarray:
    """``arr``'s elements, read in row-major (C) order, in the new ``shape``, C-contiguous.

    The result always is C-contiguous and holds the values of ``arr.reshape(shape)``, with
    arr's dtype. It copies only when it must: if arr is C-contiguous, the result is a view
    that shares arr's memory; otherwise (a transpose, a strided or reversed slice) it is a
    new array that shares no memory with arr. ``shape`` is an int or a tuple of ints and may
    hold one -1, as in ``arr.reshape``. Any dtype; 0-d and empty arrays included.
    Raises ValueError naming ``shape`` if it does not hold exactly ``arr.size`` elements.
    ``arr`` is not modified: its own shape and values stay as they were.
    """
    raise NotImplementedError("reshape_safe")
