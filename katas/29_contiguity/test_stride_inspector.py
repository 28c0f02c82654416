"""Tests for kata 29: run ``pytest katas/29_contiguity``."""

import math

import numpy as np
import pytest
import stride_inspector
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_bool,
    assert_inputs_unchanged,
    assert_raises_naming,
)

KEYS = {
    "shape",
    "dtype",
    "strides",
    "itemsize",
    "nbytes",
    "size",
    "c_contiguous",
    "f_contiguous",
    "is_view",
}
MEANING = {
    "shape": "the length of each axis, a tuple of Python ints",
    "dtype": "the element type, a np.dtype instance",
    "strides": "the BYTES (not elements) to step along each axis, a tuple of Python ints",
    "itemsize": "the bytes of one element, a Python int",
    "nbytes": "the bytes of this array's own elements (size * itemsize), a Python int",
    "size": "the number of elements, a Python int",
    "c_contiguous": "NumPy's C_CONTIGUOUS flag (arr.flags.c_contiguous), a Python bool",
    "f_contiguous": "NumPy's F_CONTIGUOUS flag (arr.flags.f_contiguous), a Python bool",
    "is_view": (
        "True when arr's memory belongs to another object (arr.base is not None): a slice, "
        "a transpose and every reshape are views, contiguous or not"
    ),
}

DTYPES = [np.bool_, np.uint8, np.int16, np.float32, np.int64, np.float64, np.complex128]


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_facts(got, expected: dict, call: str) -> None:
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
        elif key in ("shape", "strides"):
            right_type = isinstance(got[key], tuple) and all(_is_int(n) for n in got[key])
        elif isinstance(value, bool):
            right_type = isinstance(got[key], bool)
        else:
            right_type = _is_int(got[key])
        if not right_type or got[key] != value:
            pytest.fail(
                f"{call}[{key!r}] is {got[key]!r} ({type(got[key]).__name__}); expected "
                f"{value!r}: {MEANING[key]}",
                pytrace=False,
            )


def _facts(arr, strides, c, f, view):
    return {
        "shape": arr.shape,
        "dtype": arr.dtype,
        "strides": strides,
        "itemsize": arr.dtype.itemsize,
        "nbytes": math.prod(arr.shape) * arr.dtype.itemsize,
        "size": math.prod(arr.shape),
        "c_contiguous": c,
        "f_contiguous": f,
        "is_view": view,
    }


def _seed_base():
    return np.arange(24, dtype=np.float32).reshape(4, 6)


# --- inspect_array: the seed's arrays ---------------------------------------------------------


def test_inspect_array_of_the_seed_base_array():
    # arange(24).reshape(4, 6) is itself a reshape: its memory belongs to the arange.
    base = _seed_base()
    call = "inspect_array(np.arange(24, dtype=np.float32).reshape(4, 6))"
    got = stride_inspector.inspect_array(base)
    _check_facts(got, _facts(base, (24, 4), c=True, f=False, view=True), call)


def test_inspect_array_of_the_seed_transpose():
    T = _seed_base().T
    got = stride_inspector.inspect_array(T)
    _check_facts(got, _facts(T, (4, 24), c=False, f=True, view=True), call="inspect_array(base.T)")


def test_inspect_array_of_the_seed_strided_slice():
    s = _seed_base()[::2, ::2]
    got = stride_inspector.inspect_array(s)
    expected = _facts(s, (48, 8), c=False, f=False, view=True)
    _check_facts(got, expected, call="inspect_array(base[::2, ::2])")
    assert got["nbytes"] == 24, "nbytes counts the 6 elements of the slice, not base's 24"


def test_inspect_array_calls_a_reshape_of_a_fresh_copy_a_view():
    # The seed's last case: the reshape of a copy looks into the copy's memory, so is_view is
    # True even though it shares memory with nothing the caller holds.
    r = np.ascontiguousarray(_seed_base().T).reshape(24)
    got = stride_inspector.inspect_array(r)
    expected = _facts(r, (4,), c=True, f=True, view=True)
    _check_facts(got, expected, call="inspect_array(np.ascontiguousarray(base.T).reshape(24))")


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (lambda: np.zeros((3, 4)), "np.zeros((3, 4))"),
        (lambda: _seed_base().copy(), "base.copy()"),
        (lambda: np.ascontiguousarray(_seed_base().T), "np.ascontiguousarray(base.T)"),
        (lambda: np.array(3.5), "np.array(3.5)"),
    ],
)
def test_inspect_array_a_new_array_is_not_a_view(make, text):
    arr = make()
    got = stride_inspector.inspect_array(arr)
    view = got.get("is_view") if isinstance(got, dict) else got
    assert view is False, (
        f"inspect_array({text})['is_view'] is {view!r}; expected the Python bool False: this "
        "array owns its memory (arr.base is None)"
    )


def test_inspect_array_a_contiguous_slice_is_still_a_view():
    rows = _seed_base()[1:3]
    got = stride_inspector.inspect_array(rows)
    expected = _facts(rows, (24, 4), c=True, f=False, view=True)
    _check_facts(got, expected, call="inspect_array(base[1:3]) (a view, yet C-contiguous)")


# --- inspect_array: strides in bytes, odd layouts ---------------------------------------------


@pytest.mark.parametrize(
    ("dtype", "strides"), [(np.uint8, (5, 1)), (np.int16, (10, 2)), (np.complex128, (80, 16))]
)
def test_inspect_array_strides_are_bytes_not_elements(dtype, strides):
    arr = np.zeros((3, 5), dtype=dtype)
    got = stride_inspector.inspect_array(arr)
    expected = _facts(arr, strides, c=True, f=False, view=False)
    _check_facts(got, expected, call=f"inspect_array(np.zeros((3, 5), dtype={arr.dtype}))")


def test_inspect_array_a_reversed_axis_has_a_negative_stride():
    rev = np.arange(5, dtype=np.int64)[::-1]
    got = stride_inspector.inspect_array(rev)
    _check_facts(
        got, _facts(rev, (-8,), c=False, f=False, view=True), call="inspect_array(arange(5)[::-1])"
    )
    flipped = np.zeros((2, 3), dtype=np.int16)[:, ::-1]
    got = stride_inspector.inspect_array(flipped)
    expected = _facts(flipped, (6, -2), c=False, f=False, view=True)
    _check_facts(got, expected, call="inspect_array(np.zeros((2, 3), int16)[:, ::-1])")


def test_inspect_array_a_1d_contiguous_array_is_both_c_and_f():
    arr = np.arange(7, dtype=np.int16)
    got = stride_inspector.inspect_array(arr)
    _check_facts(
        got, _facts(arr, (2,), c=True, f=True, view=False), call="inspect_array(arange(7, int16))"
    )


def test_inspect_array_of_a_0d_array():
    got = stride_inspector.inspect_array(np.array(3.5))
    _check_facts(got, _facts(np.array(3.5), (), c=True, f=True, view=False), "inspect_array(3.5)")
    element = np.arange(6.0).reshape(2, 3)[1, 2, ...]  # a 0-d view of one element
    got = stride_inspector.inspect_array(element)
    expected = _facts(element, (), c=True, f=True, view=True)
    _check_facts(got, expected, call="inspect_array(arange(6.).reshape(2, 3)[1, 2, ...])")


def test_inspect_array_of_empty_arrays():
    # NumPy picks the strides of an array with no elements freely: the test reads them back.
    empty = np.zeros((0, 3), dtype=np.uint8)
    got = stride_inspector.inspect_array(empty)
    expected = _facts(empty, empty.strides, c=True, f=True, view=False)
    _check_facts(got, expected, call="inspect_array(np.zeros((0, 3), uint8))")
    # A strided slice with no elements is still flagged contiguous: there is no gap to skip.
    sliced = np.zeros((4, 6))[4:, ::2]
    got = stride_inspector.inspect_array(sliced)
    expected = _facts(sliced, sliced.strides, c=True, f=True, view=True)
    _check_facts(got, expected, call="inspect_array(np.zeros((4, 6))[4:, ::2])")


def test_inspect_array_ignores_the_stride_of_an_axis_of_length_one():
    # One row taken from every other row: strides (48, 8), yet its 3 elements are adjacent,
    # so NumPy flags it both C- and F-contiguous. Comparing strides with a formula misses this.
    row = np.arange(12, dtype=np.int64).reshape(4, 3)[::2][:1]
    got = stride_inspector.inspect_array(row)
    expected = _facts(row, (48, 8), c=True, f=True, view=True)
    _check_facts(got, expected, call="inspect_array(arange(12).reshape(4, 3)[::2][:1])")
    column = np.arange(12, dtype=np.int64).reshape(4, 3)[:, :1]
    got = stride_inspector.inspect_array(column)
    expected = _facts(column, (24, 8), c=False, f=False, view=True)
    _check_facts(got, expected, call="inspect_array(arange(12).reshape(4, 3)[:, :1])")


shapes = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=4).map(tuple)


@given(shapes, st.sampled_from(DTYPES))
def test_inspect_array_c_strides_follow_the_formula(shape, dtype):
    # stride[k] = itemsize * prod(shape[k+1:]) for a new C-ordered array; its transpose
    # has the same strides reversed.
    arr = np.zeros(shape, dtype=dtype)
    itemsize = np.dtype(dtype).itemsize
    strides = tuple(itemsize * math.prod(shape[k + 1 :]) for k in range(len(shape)))
    got = stride_inspector.inspect_array(arr)
    call = f"inspect_array(np.zeros({shape}, dtype={arr.dtype}))"
    f = sum(n > 1 for n in shape) <= 1
    _check_facts(got, _facts(arr, strides, c=True, f=f, view=False), call=call)
    got = stride_inspector.inspect_array(arr.T)
    _check_facts(got, _facts(arr.T, strides[::-1], c=f, f=True, view=True), call=f"{call[:-1]}.T)")


@st.composite
def views(draw):
    """A random view of a new array: sliced with steps (negative too), maybe transposed."""
    shape = draw(st.lists(st.integers(1, 6), min_size=1, max_size=3))
    dtype = draw(st.sampled_from(DTYPES))
    arr = np.arange(math.prod(shape)).astype(dtype).reshape(shape)
    index = tuple(
        slice(None, None, draw(st.sampled_from([1, 2, 3, -1, -2]))) for _ in range(arr.ndim)
    )
    view = arr[index]
    return view.T if draw(st.booleans()) else view


def _address(arr):
    return arr.__array_interface__["data"][0]


@given(views(), st.data())
def test_inspect_array_strides_locate_every_element(view, data):
    got = stride_inspector.inspect_array(view)
    strides = got["strides"] if isinstance(got, dict) else None
    index = tuple(data.draw(st.integers(0, n - 1)) for n in view.shape)
    offset = _address(view[(*index, Ellipsis)]) - _address(view)
    located = isinstance(strides, tuple) and len(strides) == len(index)
    located = located and sum(i * s for i, s in zip(index, strides, strict=True)) == offset
    assert located, (
        f"inspect_array of a view with shape {view.shape}: element {index} lies {offset} bytes "
        f"from the first element, but strides {strides} put it at "
        "sum(index * strides): strides are signed byte steps, one per axis"
    )


def test_inspect_array_does_not_modify_its_input():
    T = _seed_base().T
    assert_inputs_unchanged(stride_inspector.inspect_array, T, call="inspect_array(base.T)")


# --- reshape_safe -----------------------------------------------------------------------------


def _c_order(arr):
    """arr's elements in row-major order, by walking its indices."""
    return [arr[index] for index in np.ndindex(arr.shape)]


def _check_c_contiguous(got, call):
    __tracebackhide__ = True
    if not isinstance(got, np.ndarray):
        pytest.fail(f"{call} returned {got!r}; expected an ndarray", pytrace=False)
    if not got.flags.c_contiguous:
        pytest.fail(
            f"{call} returned an array with shape {got.shape} and strides {got.strides}, which "
            "is not C-contiguous; reshape_safe must always return a C-contiguous array "
            "(arr.reshape alone can return a view with the input's gaps or order)",
            pytrace=False,
        )


def _check_copy(got, arr, *, should_share, call):
    __tracebackhide__ = True
    shares = np.shares_memory(got, arr)
    if should_share and not shares:
        pytest.fail(
            f"{call} copied a C-contiguous input; it should return a view that shares arr's "
            "memory: copy only when the input is not C-contiguous",
            pytrace=False,
        )
    if shares and not should_share:
        pytest.fail(
            f"{call} shares memory with its input, which is not C-contiguous; the result "
            "must be a new C-contiguous array",
            pytrace=False,
        )


def test_reshape_safe_of_the_seed_transpose_copies_in_row_order():
    T = _seed_base().T
    call = "reshape_safe(base.T, (24,))"
    got = assert_inputs_unchanged(stride_inspector.reshape_safe, T, (24,), call=call)
    expected = [6 * j + i for i in range(6) for j in range(4)]  # T[i, j] = base[j, i]
    assert_array(got, np.array(expected, dtype=np.float32), call=call, exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, T, should_share=False, call=call)


@pytest.mark.parametrize("shape", [(2, 12), (3, 2, 4), (24,), 24, (-1,), (2, -1, 3)])
def test_reshape_safe_of_a_contiguous_array_is_a_view(shape):
    base = _seed_base()
    call = f"reshape_safe(base, {shape})"
    got = assert_inputs_unchanged(stride_inspector.reshape_safe, base, shape, call=call)
    assert_array(got, base.reshape(shape), call=call, exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, base, should_share=True, call=call)


def test_reshape_safe_of_a_contiguous_slice_is_a_view():
    rows = _seed_base()[1:3]
    call = "reshape_safe(base[1:3], (3, 4))"
    got = stride_inspector.reshape_safe(rows, (3, 4))
    assert_array(got, np.arange(6, 18, dtype=np.float32).reshape(3, 4), call=call, exact=True)
    _check_copy(got, rows, should_share=True, call=call)


def test_reshape_safe_of_a_transpose_to_its_own_shape_is_c_contiguous():
    # arr.reshape(arr.shape) returns a view with the transpose's F-order strides.
    T = _seed_base().T
    call = "reshape_safe(base.T, (6, 4))"
    got = stride_inspector.reshape_safe(T, (6, 4))
    assert_array(got, T, call=call, exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, T, should_share=False, call=call)


def test_reshape_safe_of_a_strided_slice_copies():
    # base[:, ::2].reshape(2, 2, 3) is a view, but not a C-contiguous one.
    s = _seed_base()[:, ::2]
    call = "reshape_safe(base[:, ::2], (2, 2, 3))"
    got = stride_inspector.reshape_safe(s, (2, 2, 3))
    expected = np.array([6 * i + j for i in range(4) for j in range(0, 6, 2)], dtype=np.float32)
    assert_array(got, expected.reshape(2, 2, 3), call=call, exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, s, should_share=False, call=call)


def test_reshape_safe_of_a_reversed_array_copies():
    rev = np.arange(6, dtype=np.int16)[::-1]
    call = "reshape_safe(arange(6, int16)[::-1], (2, 3))"
    got = stride_inspector.reshape_safe(rev, (2, 3))
    assert_array(got, [[5, 4, 3], [2, 1, 0]], call=call, exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, rev, should_share=False, call=call)


def test_reshape_safe_reads_an_f_ordered_array_in_c_order():
    f_ordered = np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3))
    call = "reshape_safe(np.asfortranarray([[0, 1, 2], [3, 4, 5]], uint8), (6,))"
    got = stride_inspector.reshape_safe(f_ordered, (6,))
    assert_array(got, [0, 1, 2, 3, 4, 5], call=f"{call} (C order, not memory order)", exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, f_ordered, should_share=False, call=call)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.bool_, np.complex128])
def test_reshape_safe_keeps_the_dtype(dtype):
    arr = np.ones((3, 4), dtype=dtype).T
    got = stride_inspector.reshape_safe(arr, (12,))
    got_dtype = getattr(got, "dtype", type(got).__name__)
    assert got_dtype == arr.dtype, (
        f"reshape_safe(array of {arr.dtype}, (12,)) returned dtype {got_dtype}; "
        "a reshape keeps the dtype"
    )


@pytest.mark.parametrize("shape", [(), (1,), (1, 1)])
def test_reshape_safe_of_a_0d_array(shape):
    scalar = np.array(7, dtype=np.int16)
    call = f"reshape_safe(np.array(7, int16), {shape})"
    got = stride_inspector.reshape_safe(scalar, shape)
    # np.ascontiguousarray returns at least 1-D: applied after the reshape, it turns () into (1,).
    assert_array(got, np.full(shape, 7), call=f"{call} (the shape asked for)", exact=True)
    _check_c_contiguous(got, call)
    _check_copy(got, scalar, should_share=True, call=call)


def test_reshape_safe_of_an_empty_array():
    empty = np.zeros((4, 0))[:, ::2]
    call = "reshape_safe(np.zeros((4, 0)), (0, 4))"
    got = stride_inspector.reshape_safe(empty, (0, 4))
    assert_array(got, np.zeros((0, 4)), call=call, exact=True)
    _check_c_contiguous(got, call)


@pytest.mark.parametrize("shape", [(5, 5), (25,), (2, 13), 23])
def test_reshape_safe_refuses_a_shape_of_another_size(shape):
    call = f"reshape_safe(base (24 elements), {shape})"
    base = _seed_base()
    reshape_safe = stride_inspector.reshape_safe
    assert_raises_naming(ValueError, "shape", reshape_safe, base, shape, call=call)


def test_reshape_safe_does_not_reshape_its_input_in_place():
    base = _seed_base()
    assert_inputs_unchanged(stride_inspector.reshape_safe, base, (6, 4), call="reshape_safe(base)")
    T = _seed_base().T
    assert_inputs_unchanged(stride_inspector.reshape_safe, T, (4, 6), call="reshape_safe(base.T)")


@given(views(), st.data())
def test_reshape_safe_keeps_the_c_order_and_copies_only_when_needed(view, data):
    split = data.draw(st.sampled_from([(-1,), (view.size, 1), (1, -1)]))
    call = f"reshape_safe(view with shape {view.shape} and strides {view.strides}, {split})"
    got = assert_inputs_unchanged(stride_inspector.reshape_safe, view, split, call=call)
    assert isinstance(got, np.ndarray), f"{call} returned {got!r}; expected an ndarray"
    assert_array(got.ravel(), np.array(_c_order(view), dtype=view.dtype), call=call, exact=True)
    _check_c_contiguous(got, call)
    shares = bool(np.shares_memory(got, view))
    assert_bool(
        shares,
        view.flags.c_contiguous,
        call=f"np.shares_memory({call}, view) (copy only when the view is not C-contiguous)",
    )
