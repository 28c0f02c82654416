"""Kata 02: Array Attribute Inspector. Read an array's metadata; reshape it without copying."""

import numpy as np


def describe(arr: np.ndarray) -> dict:
    """The metadata of ``arr`` as a dict with exactly these five keys::

        {"shape": tuple of int, "ndim": int, "dtype": np.dtype, "itemsize": int, "nbytes": int}

    ``shape`` is the length of each axis, ``ndim`` the number of axes, ``dtype`` the element
    type as a ``np.dtype`` instance (not a string, not a scalar type such as ``np.int8``),
    ``itemsize`` the bytes of one element and ``nbytes`` the bytes of all its elements.
    The numbers are Python ints, not NumPy scalars. Any shape and dtype, 0-d and empty
    arrays included; for a view (a slice, a transpose) the figures describe the view itself,
    not the array it looks into. ``arr`` is not modified.
    """
    raise NotImplementedError("describe")


def bytes_saved_vs_float64(arr: np.ndarray) -> int:
    """The bytes saved by storing ``arr`` rather than a float64 array of the same shape.

    That is: the nbytes of a float64 array shaped like ``arr``, minus ``arr.nbytes``, as a
    Python int. Positive when arr's elements are narrower than 8 bytes (int8, float32), 0
    when they are 8 bytes wide, and negative when they are wider: a complex128 array takes
    twice the bytes of float64. Any shape and dtype; 0 for an empty array.
    ``arr`` is not modified.
    """
    raise NotImplementedError("bytes_saved_vs_float64")


def reshape_view(arr: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``arr`` in the new ``shape`` as a view: no data is copied, the result shares arr's memory.

    The elements keep their row-major (C) order, as with ``arr.reshape(shape)``. ``shape`` is a
    tuple of non-negative ints (no -1). Raises ValueError naming ``shape`` if it does not hold
    exactly ``arr.size`` elements (checked first, whatever arr's layout; this message does not
    name ``arr``, as arr is not what is wrong), and ValueError naming ``arr`` if, and only if,
    the new shape cannot be laid over arr's memory without a copy. That can happen to a
    transposed or sliced array, but not every such array needs a copy. An empty ``arr``
    always reshapes (there is nothing to copy). ``arr`` is not modified: its own shape stays
    as it was.
    """
    raise NotImplementedError("reshape_view")
