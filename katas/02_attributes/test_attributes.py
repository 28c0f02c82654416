"""Tests for kata 02: run ``pytest katas/02_attributes``."""

import math
import re

import attributes
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

# Dtypes for the properties: 1 to 16 bytes per element.
DTYPES = [
    np.bool_,
    np.int8,
    np.uint8,
    np.int16,
    np.float16,
    np.int32,
    np.float32,
    np.int64,
    np.float64,
    np.complex64,
    np.complex128,
]

shapes = st.lists(st.integers(min_value=0, max_value=5), min_size=0, max_size=4).map(tuple)


def _named(*rows: tuple) -> list:
    """Parameter rows (array, how a call shows it, ...) with readable test ids."""
    return [pytest.param(*row, id=" ".join(str(part) for part in row[1:3])) for row in rows]


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- describe ---------------------------------------------------------------------------------

KEYS = {"shape", "ndim", "dtype", "itemsize", "nbytes"}
MEANING = {
    "shape": "the length of each axis, a tuple of Python ints",
    "ndim": "the number of axes, a Python int",
    "dtype": "the element type, a np.dtype instance",
    "itemsize": "the bytes of ONE element, a Python int",
    "nbytes": "the bytes of ALL the elements (size * itemsize), a Python int",
}


def _check_description(got, expected: dict, call: str) -> None:
    __tracebackhide__ = True
    if not isinstance(got, dict):
        pytest.fail(f"{call} returned {got!r}; expected a dict like {expected!r}", pytrace=False)
    if set(got) != KEYS:
        pytest.fail(
            f"{call} returned a dict with the keys {sorted(got)}; expected exactly {sorted(KEYS)}",
            pytrace=False,
        )
    for key, value in expected.items():
        if key == "dtype":
            right_type = isinstance(got[key], np.dtype)
        elif key == "shape":
            right_type = isinstance(got[key], tuple) and all(_is_int(n) for n in got[key])
        else:
            right_type = _is_int(got[key])
        if not right_type or got[key] != value:
            pytest.fail(
                f"{call}[{key!r}] is {got[key]!r} ({type(got[key]).__name__}); expected "
                f"{value!r}: {MEANING[key]}",
                pytrace=False,
            )


@pytest.mark.parametrize(
    ("dtype", "itemsize"), [(np.int8, 1), (np.float32, 4), (np.complex128, 16)]
)
def test_describe_matches_the_seed_arrays(dtype, itemsize):
    arr = np.zeros((4, 5), dtype=dtype)
    name = np.dtype(dtype).name
    expected = {
        "shape": (4, 5),
        "ndim": 2,
        "dtype": np.dtype(dtype),
        "itemsize": itemsize,
        "nbytes": 20 * itemsize,
    }
    got = assert_inputs_unchanged(attributes.describe, arr, call=f"describe((4, 5) {name})")
    _check_description(got, expected, call=f"describe(np.zeros((4, 5), dtype={name}))")


CASES = _named(
    # (array, what the call shows, shape, ndim, dtype, itemsize, nbytes)
    (np.ones((2, 3), np.float32), "np.ones((2, 3), float32)", (2, 3), 2, np.float32, 4, 24),
    (np.zeros((3, 3, 3), bool), "np.zeros((3, 3, 3), bool)", (3, 3, 3), 3, np.bool_, 1, 27),
    (np.arange(7, dtype=np.int32), "np.arange(7, dtype=int32)", (7,), 1, np.int32, 4, 28),
    (np.zeros((4, 1)), "np.zeros((4, 1))", (4, 1), 2, np.float64, 8, 32),
    # a view of a 1-D array: its own shape and ndim, not its base's
    (
        np.arange(6, dtype=np.int64).reshape(2, 3),
        "np.arange(6, dtype=int64).reshape(2, 3)",
        (2, 3),
        2,
        np.int64,
        8,
        48,
    ),
    (np.array(3.5), "np.array(3.5), a 0-d array", (), 0, np.float64, 8, 8),
    (np.zeros((0, 5), np.int16), "np.zeros((0, 5), int16), empty", (0, 5), 2, np.int16, 2, 0),
    # a string's itemsize is bytes, not characters: NumPy stores 4 bytes per character
    (np.array(["ab", "cde"]), "np.array(['ab', 'cde'])", (2,), 1, np.dtype("U3"), 12, 24),
    # a view: its own elements, not those of the array it looks into
    (np.zeros((4, 5), np.float32).T, "np.zeros((4, 5), float32).T", (5, 4), 2, np.float32, 4, 80),
    (
        np.zeros((4, 5), np.float32)[:, ::2],
        "np.zeros((4, 5), float32)[:, ::2]",
        (4, 3),
        2,
        np.float32,
        4,
        48,
    ),
)


@pytest.mark.parametrize(
    ("arr", "shown", "shape", "ndim", "dtype", "itemsize", "nbytes"),
    CASES,
)
def test_describe_other_shapes_and_dtypes(arr, shown, shape, ndim, dtype, itemsize, nbytes):
    expected = {
        "shape": shape,
        "ndim": ndim,
        "dtype": np.dtype(dtype),
        "itemsize": itemsize,
        "nbytes": nbytes,
    }
    got = assert_inputs_unchanged(attributes.describe, arr, call=f"describe({shown})")
    _check_description(got, expected, call=f"describe({shown})")


@given(shapes, st.sampled_from(DTYPES))
def test_describe_agrees_with_the_shape_and_the_element_size(shape, dtype):
    arr = np.zeros(shape, dtype=dtype)
    itemsize = np.dtype(dtype).itemsize
    expected = {
        "shape": shape,
        "ndim": len(shape),
        "dtype": np.dtype(dtype),
        "itemsize": itemsize,
        "nbytes": math.prod(shape) * itemsize,
    }
    name = np.dtype(dtype).name
    _check_description(attributes.describe(arr), expected, call=f"describe({shape} {name})")


# --- bytes_saved_vs_float64 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dtype", "saved"),
    # a float64 (4, 5) array takes 20 * 8 = 160 bytes; these take 20, 80 and 320
    [(np.int8, 140), (np.float32, 80), (np.complex128, -160)],
)
def test_bytes_saved_matches_the_seed_arrays(dtype, saved):
    arr = np.zeros((4, 5), dtype=dtype)
    name = np.dtype(dtype).name
    call = f"bytes_saved_vs_float64(np.zeros((4, 5), dtype={name}))"
    got = assert_inputs_unchanged(attributes.bytes_saved_vs_float64, arr, call=call)
    assert_value(got, saved, call=f"{call} (float64 takes 160 bytes, this array {160 - saved})")


@pytest.mark.parametrize(
    ("arr", "shown", "saved"),
    _named(
        (np.zeros((4, 5)), "np.zeros((4, 5)), float64 itself", 0),
        (np.zeros((2, 2), np.complex64), "np.zeros((2, 2), complex64), 8 bytes each", 0),
        (np.zeros(1000, np.int16), "np.zeros(1000, int16)", 6000),
        (np.zeros((3, 3, 3), bool), "np.zeros((3, 3, 3), bool)", 189),
        (np.array(1.5, np.float32), "np.array(1.5, float32), 0-d", 4),
        (np.zeros((0, 5), np.int8), "np.zeros((0, 5), int8), empty", 0),
        (np.zeros((4, 5), np.int8)[:, ::2], "np.zeros((4, 5), int8)[:, ::2], a (4, 3) view", 84),
    ),
)
def test_bytes_saved_other_shapes_and_dtypes(arr, shown, saved):
    call = f"bytes_saved_vs_float64({shown})"
    got = assert_inputs_unchanged(attributes.bytes_saved_vs_float64, arr, call=call)
    assert_value(got, saved, call=call)


@given(shapes, st.sampled_from(DTYPES))
def test_bytes_saved_is_a_python_int_with_the_right_sign(shape, dtype):
    arr = np.zeros(shape, dtype=dtype)
    itemsize = np.dtype(dtype).itemsize
    got = attributes.bytes_saved_vs_float64(arr)
    call = f"bytes_saved_vs_float64(np.zeros({shape}, {np.dtype(dtype).name}))"
    if not _is_int(got):
        pytest.fail(
            f"{call} returned {got!r} ({type(got).__name__}); expected a Python int",
            pytrace=False,
        )
    # every element saves 8 - itemsize bytes: negative when the element is wider than float64
    assert_value(got, math.prod(shape) * (8 - itemsize), call=call)


# --- reshape_view -----------------------------------------------------------------------------


def _seed_array() -> np.ndarray:
    return np.arange(20, dtype=np.float32).reshape(4, 5)


def _attempt(arr: np.ndarray, shape: tuple, call: str) -> tuple:
    """reshape_view(arr, shape), checking arr is not modified: (result, None) or (None, error)."""
    __tracebackhide__ = True
    before = arr.copy()
    try:
        result, error = attributes.reshape_view(arr, shape), None
    except NotImplementedError:
        raise
    except Exception as raised:
        result, error = None, raised
    if arr.shape != before.shape:
        pytest.fail(
            f"{call} changed the shape of arr itself from {before.shape} to {arr.shape}; the "
            "caller's array must stay as it was: return a new view of its memory instead",
            pytrace=False,
        )
    if not np.array_equal(arr, before):
        pytest.fail(f"{call} modified the values of arr; it must not change them", pytrace=False)
    return result, error


def _check_view(arr: np.ndarray, shape: tuple, call: str) -> None:
    __tracebackhide__ = True
    expected = np.array(arr).reshape(shape)  # a fresh C-ordered copy, reshaped
    got, error = _attempt(arr, shape, call)
    if error is not None:
        pytest.fail(
            f"{call} raised {type(error).__name__}({str(error)!r}), but this array CAN be "
            f"viewed in shape {shape} without a copy: refuse only when NumPy would have to copy",
            pytrace=False,
        )
    assert_array(got, expected, call=call, exact=True)
    if not np.shares_memory(got, arr):
        pytest.fail(
            f"{call} returned a copy: np.shares_memory(result, arr) is False. This layout can "
            "be viewed in the new shape, so the result must share arr's memory.",
            pytrace=False,
        )


def test_reshape_view_of_the_seed_array_shares_memory():
    _check_view(_seed_array(), (2, 2, 5), call="reshape_view(arange(20).reshape(4, 5), (2, 2, 5))")


@pytest.mark.parametrize(
    ("arr", "shown", "shape"),
    _named(
        (_seed_array(), "a (4, 5) array", (20,)),
        (_seed_array(), "a (4, 5) array", (4, 5, 1)),
        (np.array(7.0), "np.array(7.0), 0-d", (1, 1)),
        # not contiguous, yet these can be viewed: contiguity is enough, not necessary
        (np.arange(20)[::2], "np.arange(20)[::2]", (2, 5)),
        (_seed_array().T, "a (4, 5) array transposed", (5, 2, 2)),
        (_seed_array()[:, :2], "a (4, 5) array's first two columns", (2, 2, 2)),
    ),
)
def test_reshape_view_returns_a_view_whenever_one_exists(arr, shown, shape):
    _check_view(arr, shape, call=f"reshape_view({shown}, {shape})")


def _check_refusal(arr: np.ndarray, shape: tuple, call: str) -> None:
    __tracebackhide__ = True
    got, error = _attempt(arr, shape, call)
    if error is None:
        what = "an array" if np.shares_memory(got, arr) else "a copy of arr"
        pytest.fail(
            f"{call} returned {what}; this layout cannot be viewed in shape {shape} (NumPy "
            "would have to copy), so it must raise ValueError naming 'arr'",
            pytrace=False,
        )
    if not isinstance(error, ValueError):
        pytest.fail(
            f"{call} raised {type(error).__name__}({str(error)!r}); expected ValueError naming "
            "'arr' (this layout cannot be viewed in the new shape)",
            pytrace=False,
        )
    assert_raises_naming(ValueError, "arr", attributes.reshape_view, arr, shape, call=call)


@pytest.mark.parametrize(
    ("arr", "shown", "shape"),
    _named(
        (_seed_array().T, "a (4, 5) array transposed", (20,)),
        (_seed_array().T, "a (4, 5) array transposed", (2, 2, 5)),
        (_seed_array()[:, ::2], "a (4, 5) array's even columns", (12,)),
        (np.asfortranarray(_seed_array()), "a (4, 5) array in Fortran order", (20,)),
    ),
)
def test_reshape_view_refuses_a_reshape_that_needs_a_copy(arr, shown, shape):
    _check_refusal(arr, shape, call=f"reshape_view({shown}, {shape})")


@pytest.mark.parametrize(
    ("arr", "shown", "shape"),
    _named(
        (_seed_array(), "a (4, 5) array", (3, 7)),
        (_seed_array(), "a (4, 5) array", (21,)),
        (_seed_array(), "a (4, 5) array", (2, 2, 2)),
        # layouts that could not be viewed in any new shape: the size is still what is wrong
        (_seed_array().T, "a (4, 5) array transposed", (21,)),
        (_seed_array()[:, ::2], "a (4, 5) array's even columns", (2, 5)),
    ),
)
def test_reshape_view_refuses_a_shape_of_the_wrong_size(arr, shown, shape):
    call = f"reshape_view({shown}, {shape})"
    got, error = _attempt(arr, shape, call)
    if error is None:
        pytest.fail(
            f"{call} returned {got!r}; shape {shape} holds {math.prod(shape)} elements, not "
            f"arr.size = {arr.size}, so it must raise ValueError naming 'shape'",
            pytrace=False,
        )
    assert_raises_naming(ValueError, "shape", attributes.reshape_view, arr, shape, call=call)
    if re.search(r"\barr\b", str(error)):
        pytest.fail(
            f"{call} raised {type(error).__name__}({str(error)!r}): a shape of the wrong size "
            "is the caller's shape at fault, not arr, so the message must not name 'arr' (that "
            "message is for a layout that needs a copy). Check the size first, before reshaping.",
            pytrace=False,
        )


@pytest.mark.parametrize(
    ("arr", "shown", "shape"),
    _named(
        (np.zeros((2, 0)), "np.zeros((2, 0))", (0, 5)),
        (np.zeros((0, 3)).T, "np.zeros((0, 3)).T", (0,)),
    ),
)
def test_reshape_view_of_an_empty_array_always_works(arr, shown, shape):
    # np.shares_memory is False for empty arrays (they hold no bytes), so it cannot judge here.
    call = f"reshape_view({shown}, {shape})"
    got, error = _attempt(arr, shape, call)
    if error is not None:
        pytest.fail(
            f"{call} raised {type(error).__name__}({str(error)!r}); an empty array has no data "
            "to copy, so any shape holding 0 elements is a view of it (careful: "
            "np.shares_memory is False for arrays without elements, so it cannot tell)",
            pytrace=False,
        )
    assert_array(got, np.zeros(shape), call=call, exact=True)


@st.composite
def strided_arrays_and_shapes(draw):
    """A transposed and/or sliced view of a small array, and a shape with its size."""
    base_shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    base = np.arange(math.prod(base_shape), dtype=np.int16).reshape(base_shape)
    axes = draw(st.permutations(range(base.ndim)))
    steps = draw(st.lists(st.integers(1, 2), min_size=base.ndim, max_size=base.ndim))
    arr = base.transpose(axes)[tuple(slice(None, None, step) for step in steps)]
    remaining, shape = arr.size, []
    for _ in range(draw(st.integers(0, 3))):
        divisor = draw(st.sampled_from([d for d in range(1, remaining + 1) if remaining % d == 0]))
        shape.append(divisor)
        remaining //= divisor
    return arr, (*shape, remaining)


@given(strided_arrays_and_shapes())
def test_reshape_view_gives_a_view_or_refuses_only_when_numpy_must_copy(arr_and_shape):
    arr, shape = arr_and_shape
    call = f"reshape_view(array of shape {arr.shape} with strides {arr.strides}, {shape})"
    # NumPy's own reshape copies exactly when no view exists: that is the judge here
    if np.shares_memory(arr.reshape(shape), arr):
        _check_view(arr, shape, call=call)
    else:
        _check_refusal(arr, shape, call=call)
