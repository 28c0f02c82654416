"""Tests for kata 09: run ``pytest katas/09_manipulation``."""

import copy
import itertools
import math
import re

import numpy as np
import pytest
import reshaping
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import assert_array, assert_inputs_unchanged, assert_raises_naming

# Every expected value below is written out or computed with plain Python indexing, never with
# reshape, transpose or stack: arrays of distinct values, so an element in the wrong place shows.


def _named(rows: list[tuple], name) -> list:
    """Parameter rows, each with ``name(*row)`` as its test id."""
    return [pytest.param(*row, id=name(*row)) for row in rows]


def _c_offset(index: tuple, shape: tuple) -> int:
    """The position of ``index`` in a row-major (C) array of ``shape``: last axis fastest."""
    offset = 0
    for i, length in zip(index, shape, strict=True):
        offset = offset * length + i
    return offset


def _transposed_then_flattened(values: list, shape: tuple, axes: tuple) -> list:
    """values laid out in ``shape``, axes permuted, read back in C order, by plain indexing."""
    transposed_shape = [shape[axis] for axis in axes]
    flat = []
    for index in itertools.product(*(range(length) for length in transposed_shape)):
        original = [0] * len(shape)
        for d, axis in enumerate(axes):
            original[axis] = index[d]  # axis d of the result is axis axes[d] of the original
        flat.append(values[_c_offset(tuple(original), shape)])
    return flat


# --- reshape_transpose_flatten ----------------------------------------------------------------

# The seed: np.arange(60) as (3, 4, 5), r[k, j, i] == 20 * k + 5 * j + i. Reversing the axes
# gives t of shape (5, 4, 3) with t[i, j, k] == r[k, j, i]; flattening reads t's last axis fastest.
SEED_FLAT = [20 * k + 5 * j + i for i in range(5) for j in range(4) for k in range(3)]


def test_reshape_transpose_flatten_matches_the_seed():
    values = np.arange(60)
    call = "reshape_transpose_flatten(np.arange(60), (3, 4, 5))"
    got = assert_inputs_unchanged(
        reshaping.reshape_transpose_flatten, values, (3, 4, 5), call=call
    )
    # A reshape to (5, 4, 3), or a flatten in Fortran order, gives the right shape and the wrong
    # order: 0, 1, 2, ... instead of 0, 20, 40, 5, 25, 45, ...
    assert_array(got, SEED_FLAT, call=f"{call}, a (5, 4, 3) transpose flattened", exact=True)


@pytest.mark.parametrize(
    ("values", "shown", "shape", "axes"),
    _named(
        [
            (np.arange(60), "np.arange(60)", (3, 4, 5), (2, 1, 0)),
            (np.arange(60), "np.arange(60)", (3, -1, 5), None),
            (np.arange(60), "np.arange(60)", (3, 4, 5), (-1, 1, 0)),
            # values of another shape are read in C order too, whatever their memory layout
            (np.arange(60).reshape(6, 10), "np.arange(60).reshape(6, 10)", (3, 4, 5), None),
            (
                np.asfortranarray(np.arange(60).reshape(6, 10)),
                "np.asfortranarray(np.arange(60).reshape(6, 10))",
                (3, 4, 5),
                None,
            ),
        ],
        lambda values, shown, shape, axes: f"{shown} {shape} axes {axes}",
    ),
)
def test_reshape_transpose_flatten_spells_the_seed_other_ways(values, shown, shape, axes):
    call = f"reshape_transpose_flatten({shown}, {shape}, {axes})"
    got = assert_inputs_unchanged(
        reshaping.reshape_transpose_flatten, values, shape, axes, call=call
    )
    assert_array(got, SEED_FLAT, call=call, exact=True)


@pytest.mark.parametrize(
    ("size", "shape", "axes", "expected"),
    _named(
        [
            # a matrix transpose: the columns of [[0, 1, 2], [3, 4, 5]] one after the other
            (6, (2, 3), None, [0, 3, 1, 4, 2, 5]),
            (6, (3, 2), None, [0, 2, 4, 1, 3, 5]),
            (6, (2, 3), (0, 1), [0, 1, 2, 3, 4, 5]),
            # t[i, j, k] == r[i, k, j]: the last two axes swap
            (8, (2, 2, 2), (0, 2, 1), [0, 2, 1, 3, 4, 6, 5, 7]),
            # t[i, j, k] == r[j, i, k]: the first two axes swap
            (8, (2, 2, 2), (1, 0, 2), [0, 1, 4, 5, 2, 3, 6, 7]),
            # a 3-cycle is not its own inverse: axes (1, 2, 0) gives t[i, j, k] == r[k, i, j]
            (
                24,
                (2, 3, 4),
                (1, 2, 0),
                [12 * k + 4 * i + j for i in range(3) for j in range(4) for k in range(2)],
            ),
            (
                24,
                (2, 3, 4),
                (2, 0, 1),
                [12 * j + 4 * k + i for i in range(4) for j in range(2) for k in range(3)],
            ),
            (7, (7,), None, list(range(7))),
        ],
        lambda size, shape, axes, expected: f"{shape} axes {axes}",
    ),
)
def test_reshape_transpose_flatten_small_cases(size, shape, axes, expected):
    call = f"reshape_transpose_flatten(np.arange({size}), {shape}, {axes})"
    assert_array(
        reshaping.reshape_transpose_flatten(np.arange(size), shape, axes),
        expected,
        call=call,
        exact=True,
    )


@pytest.mark.parametrize(("shape", "axes"), [((0, 3), None), ((3, 0, 2), (1, 2, 0))], ids=str)
def test_reshape_transpose_flatten_of_nothing_is_empty(shape, axes):
    call = f"reshape_transpose_flatten(np.arange(0), {shape}, {axes})"
    got = reshaping.reshape_transpose_flatten(np.arange(0), shape, axes)
    assert_array(got, np.zeros(0), call=call, exact=True)


@pytest.mark.parametrize(("shape", "axes"), [((60,), None), ((3, 4, 5), (0, 1, 2))], ids=str)
def test_reshape_transpose_flatten_returns_a_copy(shape, axes):
    # When the axes stay in order, ravel() and reshape(-1) return a view of values itself.
    values = np.arange(60)
    call = f"reshape_transpose_flatten(np.arange(60), {shape}, {axes})"
    got = reshaping.reshape_transpose_flatten(values, shape, axes)
    assert_array(got, np.arange(60), call=call, exact=True)
    if np.shares_memory(got, values):
        pytest.fail(
            f"{call} returned a view of values: np.shares_memory(result, values) is True. The "
            "result must be a new array (flatten copies; ravel and reshape(-1) return a view "
            "when they can).",
            pytrace=False,
        )
    got[0] = -1
    if values[0] != 0:
        pytest.fail(
            f"{call} returned a view of values: writing -1 into the result changed values[0] "
            "too. The result must be a new array (flatten copies; ravel and reshape(-1) return "
            "a view when they can).",
            pytrace=False,
        )


@st.composite
def values_shapes_and_axes(draw):
    """Distinct values in random order, a shape that holds them, a permutation of its axes."""
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=1, max_size=4)))
    axes = tuple(draw(st.permutations(range(len(shape)))))
    values = draw(st.permutations(range(math.prod(shape))))
    return np.array(values, dtype=np.int64), shape, axes


@given(values_shapes_and_axes())
def test_reshape_transpose_flatten_moves_each_element_where_the_axes_say(case):
    values, shape, axes = case
    call = f"reshape_transpose_flatten({values.tolist()}, {shape}, {axes})"
    once = assert_inputs_unchanged(
        reshaping.reshape_transpose_flatten, values, shape, axes, call=call
    )
    expected = _transposed_then_flattened(values.tolist(), shape, axes)
    assert_array(once, np.array(expected, dtype=np.int64), call=call, exact=True)
    # Transposing back with the inverse permutation must give values again.
    transposed_shape = tuple(shape[axis] for axis in axes)
    inverse = tuple(axes.index(d) for d in range(len(axes)))  # inverse[axes[d]] == d
    twice = reshaping.reshape_transpose_flatten(once, transposed_shape, inverse)
    call = f"reshape_transpose_flatten({call}, {transposed_shape}, {inverse}), the way back"
    assert_array(twice, values, call=call, exact=True)


@pytest.mark.parametrize("shape", [(7, 8), (3, 4, 6), (61,), (2, -1, 7)], ids=str)
def test_reshape_transpose_flatten_refuses_a_shape_of_the_wrong_size(shape):
    call = f"reshape_transpose_flatten(np.arange(60), {shape})"
    assert_raises_naming(
        ValueError, "shape", reshaping.reshape_transpose_flatten, np.arange(60), shape, call=call
    )
    try:
        reshaping.reshape_transpose_flatten(np.arange(60), shape)
    except ValueError as error:
        message = str(error)
    if re.search(r"\baxes\b", message):
        pytest.fail(
            f"{call} raised ValueError({message!r}): the shape is what is wrong here, not the "
            "axes (there are none), so the message must name 'shape' and not 'axes'. Check the "
            "shape before you transpose.",
            pytrace=False,
        )


@pytest.mark.parametrize(
    "axes",
    [(0, 1), (0, 1, 2, 3), (0, 1, 1), (0, 1, 3)],
    ids=["too few", "too many", "a repeated axis", "an axis out of range"],
)
def test_reshape_transpose_flatten_refuses_axes_that_are_not_a_permutation(axes):
    call = f"reshape_transpose_flatten(np.arange(60), (3, 4, 5), {axes})"
    assert_raises_naming(
        ValueError,
        "axes",
        reshaping.reshape_transpose_flatten,
        np.arange(60),
        (3, 4, 5),
        axes,
        call=call,
    )


# --- stack_new_axis ---------------------------------------------------------------------------


def _stack_leaving_inputs_alone(arrays: list, call: str) -> np.ndarray:
    """stack_new_axis(arrays), failing if it changed the list or any array in it."""
    __tracebackhide__ = True
    before = [copy.deepcopy(array) for array in arrays]
    members = list(arrays)
    result = reshaping.stack_new_axis(arrays)
    if len(arrays) != len(before) or any(a is not b for a, b in zip(arrays, members, strict=True)):
        pytest.fail(f"{call} changed the list it was given; leave the caller's list as it was")
    for i, (old, new) in enumerate(zip(before, arrays, strict=True)):
        if not np.array_equal(old, new):
            pytest.fail(
                f"{call} modified arrays[{i}] in place (from shape {old.shape} to {new.shape}); "
                "the caller's arrays must not change"
            )
    return result


def test_stack_new_axis_matches_the_seed():
    # Three (4, 3) matrices of 1s, 0s and 2s: a new axis 0 of length 3, so shape (3, 4, 3).
    # np.concatenate or np.vstack gives (12, 3); np.dstack or axis=-1 gives (4, 3, 3).
    arrays = [np.ones((4, 3)), np.zeros((4, 3)), np.full((4, 3), 2.0)]
    call = "stack_new_axis([np.ones((4, 3)), np.zeros((4, 3)), np.full((4, 3), 2.0)])"
    got = _stack_leaving_inputs_alone(arrays, call)
    expected = [[[fill] * 3 for _ in range(4)] for fill in (1.0, 0.0, 2.0)]
    assert_array(got, expected, call=call, exact=True)


def test_stack_new_axis_keeps_each_matrix_whole():
    # Distinct values: result[i] must be arrays[i] itself, not a mix of rows or columns.
    arrays = [np.arange(12).reshape(4, 3) + 100 * i for i in range(3)]
    call = "stack_new_axis([arange(12).reshape(4, 3) + 0, ... + 100, ... + 200])"
    got = _stack_leaving_inputs_alone(arrays, call)
    expected = [
        [[100 * i + 3 * row + col for col in range(3)] for row in range(4)] for i in range(3)
    ]
    assert_array(got, expected, call=call, exact=True)


@pytest.mark.parametrize(
    ("arrays", "shown", "expected"),
    _named(
        [
            # the seed's a and b: like np.vstack for 1-D arrays, unlike np.stack(..., axis=1)
            (
                [np.array([1, 2, 3]), np.array([4, 5, 6])],
                "[[1, 2, 3], [4, 5, 6]]",
                [[1, 2, 3], [4, 5, 6]],
            ),
            ((np.array(7), np.array(8), np.array(9)), "a tuple of three 0-d arrays", [7, 8, 9]),
            ([np.array([[1, 2], [3, 4]])], "one (2, 2) matrix", [[[1, 2], [3, 4]]]),
            ([np.zeros(0)] * 3, "three empty 1-D arrays", np.zeros((3, 0))),
            (
                [np.array([1, 2]), np.array([0.5, 1.5])],
                "an int and a float array",
                [[1, 2], [0.5, 1.5]],
            ),
            # a result in the first array's dtype would turn -5 into 251
            (
                [np.array([200, 255], np.uint8), np.array([-5, 7], np.int8)],
                "a uint8 and an int8 array",
                [[200, 255], [-5, 7]],
            ),
        ],
        lambda arrays, shown, expected: shown,
    ),
)
def test_stack_new_axis_other_shapes(arrays, shown, expected):
    call = f"stack_new_axis({shown})"
    assert_array(_stack_leaving_inputs_alone(arrays, call), expected, call=call, exact=True)


@st.composite
def same_shape_arrays(draw):
    """Between 1 and 5 arrays of one random shape, holding distinct integers."""
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=0, max_size=3)))
    count = draw(st.integers(1, 5))
    size = math.prod(shape)
    values = draw(st.permutations(range(count * size)))
    return [np.array(values[i * size : (i + 1) * size]).reshape(shape) for i in range(count)]


@given(same_shape_arrays())
def test_stack_new_axis_then_unstacking_gives_the_arrays_back(arrays):
    shape = arrays[0].shape
    call = f"stack_new_axis({len(arrays)} arrays of shape {shape})"
    got = _stack_leaving_inputs_alone(arrays, call)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    expected_shape = (len(arrays), *shape)
    assert got.shape == expected_shape, (
        f"{call} returned shape {got.shape}; expected {expected_shape}: a new axis of length "
        f"{len(arrays)} in front, every other axis as it was"
    )
    for i, array in enumerate(arrays):
        assert_array(
            got[i, ...], array, call=f"{call}[{i}], which must be arrays[{i}]", exact=True
        )


@pytest.mark.parametrize(
    ("arrays", "shown"),
    _named(
        [
            ([], "[], no arrays"),
            ([np.ones((4, 3)), np.ones((3, 4))], "a (4, 3) and a (3, 4) matrix"),
            ([np.ones(2), np.ones(3)], "arrays of lengths 2 and 3"),
            ([np.ones((2, 2)), np.ones(4)], "a (2, 2) matrix and a length-4 vector"),
        ],
        lambda arrays, shown: shown,
    ),
)
def test_stack_new_axis_refuses_no_arrays_or_different_shapes(arrays, shown):
    call = f"stack_new_axis({shown})"
    assert_raises_naming(ValueError, "arrays", reshaping.stack_new_axis, arrays, call=call)


# --- split_and_restack ------------------------------------------------------------------------


def _restacked(a: list, chunks: int) -> list:
    """result[i][j][k] == a[k * b + i][j] with b = len(a) // chunks, by plain indexing."""
    block_rows = len(a) // chunks
    columns = len(a[0]) if a else 0
    return [
        [[a[k * block_rows + i][j] for k in range(chunks)] for j in range(columns)]
        for i in range(block_rows)
    ]


def test_split_and_restack_matches_the_seed():
    # np.arange(96).reshape(12, 8): row r is 8r .. 8r + 7. Four blocks of 3 rows; block k starts
    # at row 3k, so result[i, j, k] == 8 * (3k + i) + j == 24k + 8i + j, shape (3, 8, 4).
    big = np.arange(96).reshape(12, 8)
    call = "split_and_restack(np.arange(96).reshape(12, 8), 4)"
    got = assert_inputs_unchanged(reshaping.split_and_restack, big, 4, call=call)
    expected = [[[24 * k + 8 * i + j for k in range(4)] for j in range(8)] for i in range(3)]
    assert_array(got, expected, call=call, exact=True)


def test_split_and_restack_a_small_matrix():
    # np.arange(12).reshape(6, 2) in 3 blocks of 2 rows: [[0, 1], [2, 3]], [[4, 5], [6, 7]],
    # [[8, 9], [10, 11]]. Block k is result[:, :, k]. A reshape to (2, 2, 3) gives
    # [[[0, 1, 2], ...]] instead: the right shape, the wrong elements.
    a = np.arange(12).reshape(6, 2)
    expected = [[[0, 4, 8], [1, 5, 9]], [[2, 6, 10], [3, 7, 11]]]
    call = "split_and_restack(np.arange(12).reshape(6, 2), 3)"
    assert_array(reshaping.split_and_restack(a, 3), expected, call=call, exact=True)


@pytest.mark.parametrize(
    ("rows", "columns", "chunks"),
    [(5, 3, 1), (5, 3, 5), (4, 1, 2), (1, 4, 1)],
    ids=str,
)
def test_split_and_restack_one_block_or_one_row_per_block(rows, columns, chunks):
    a = np.arange(rows * columns).reshape(rows, columns) * 10
    call = (
        f"split_and_restack(np.arange({rows * columns}).reshape({rows}, {columns}) * 10, {chunks})"
    )
    expected = _restacked(a.tolist(), chunks)
    assert_array(reshaping.split_and_restack(a, chunks), expected, call=call, exact=True)


@pytest.mark.parametrize(
    ("shape", "chunks", "expected_shape"),
    [((0, 5), 3, (0, 5, 3)), ((6, 0), 3, (2, 0, 3))],
    ids=str,
)
def test_split_and_restack_of_an_empty_matrix(shape, chunks, expected_shape):
    call = f"split_and_restack(np.zeros({shape}), {chunks})"
    got = reshaping.split_and_restack(np.zeros(shape), chunks)
    assert_array(got, np.zeros(expected_shape), call=call, exact=True)


@st.composite
def matrices_and_chunks(draw):
    """A matrix of distinct integers whose row count is a multiple of chunks."""
    chunks = draw(st.integers(1, 5))
    rows = chunks * draw(st.integers(0, 4))
    columns = draw(st.integers(1, 5))
    values = draw(st.permutations(range(rows * columns)))
    return np.array(values, dtype=np.int64).reshape(rows, columns), chunks


@given(matrices_and_chunks())
def test_split_and_restack_puts_block_k_in_layer_k(case):
    a, chunks = case
    rows, columns = a.shape
    block_rows = rows // chunks
    call = f"split_and_restack({a.tolist()}, {chunks})"
    got = assert_inputs_unchanged(reshaping.split_and_restack, a, chunks, call=call)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    expected_shape = (block_rows, columns, chunks)
    assert got.shape == expected_shape, (
        f"{call} returned shape {got.shape}; expected {expected_shape}: blocks of "
        f"{block_rows} rows, stacked along a new last axis"
    )
    # Unstack: layer k, put back, must be the k-th block of consecutive rows.
    for k in range(chunks):
        block = a[k * block_rows : (k + 1) * block_rows]
        where = f"rows {k * block_rows} to {(k + 1) * block_rows - 1} of a"
        assert_array(got[:, :, k], block, call=f"{call}[:, :, {k}], {where},", exact=True)


@pytest.mark.parametrize(
    ("rows", "chunks"),
    [(12, 5), (12, 8), (6, 7), (12, 0), (12, -4)],
    ids=str,
)
def test_split_and_restack_refuses_chunks_that_do_not_divide_the_rows(rows, chunks):
    a = np.arange(rows * 2).reshape(rows, 2)
    call = f"split_and_restack(a matrix of {rows} rows, {chunks})"
    assert_raises_naming(ValueError, "chunks", reshaping.split_and_restack, a, chunks, call=call)


@pytest.mark.parametrize(
    ("a", "shown"),
    _named(
        [(np.arange(12), "np.arange(12), 1-D"), (np.zeros((2, 6, 1)), "np.zeros((2, 6, 1)), 3-D")],
        lambda a, shown: shown,
    ),
)
def test_split_and_restack_refuses_an_array_that_is_not_a_matrix(a, shown):
    call = f"split_and_restack({shown}, 2)"
    assert_raises_naming(ValueError, "a", reshaping.split_and_restack, a, 2, call=call)
