"""Tests for kata 03: run ``pytest katas/03_indexing``."""

import indexing
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import assert_array, assert_inputs_unchanged, assert_raises_naming


def seed_matrix() -> np.ndarray:
    """The seed's 6 x 6 matrix: np.arange(36).reshape(6, 6), so m[i, j] == 6 * i + j."""
    return np.arange(36).reshape(6, 6)


def numbered(rows: int, cols: int) -> np.ndarray:
    """An r x c matrix whose entry (i, j) is i * cols + j: every value says where it came from."""
    return np.arange(rows * cols).reshape(rows, cols)


def assert_is_view_of(got: np.ndarray, m: np.ndarray, *, call: str) -> None:
    __tracebackhide__ = True
    assert np.shares_memory(got, m), (
        f"{call} returned a copy; the contract promises a view of m. Basic slicing "
        "(m[a:b, c:d], m[-1, ::2]) gives a view; fancy indexing with lists or arrays, "
        "np.take, np.array(...) and .copy() make copies."
    )


# --- centre_block -----------------------------------------------------------------------------


def test_centre_block_matches_the_seed():
    # Rows 2-3 and columns 2-3 of the seed matrix: 6 * 2 + 2 = 14, 15, 20, 21.
    got = assert_inputs_unchanged(indexing.centre_block, seed_matrix(), call="centre_block(m)")
    assert_array(got, [[14, 15], [20, 21]], call="centre_block(seed 6x6 matrix)", exact=True)


@pytest.mark.parametrize(
    ("rows", "cols", "size", "row_indices", "col_indices"),
    [
        (5, 5, 1, [2], [2]),
        (5, 5, 3, [1, 2, 3], [1, 2, 3]),
        (7, 7, 3, [2, 3, 4], [2, 3, 4]),
        (6, 6, 6, [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]),
        (4, 6, 2, [1, 2], [2, 3]),
        (8, 4, 4, [2, 3, 4, 5], [0, 1, 2, 3]),
        (3, 9, 1, [1], [4]),
    ],
)
def test_centre_block_of_other_shapes(rows, cols, size, row_indices, col_indices):
    m = numbered(rows, cols)
    expected = [[i * cols + j for j in col_indices] for i in row_indices]
    call = f"centre_block({rows}x{cols} matrix, size={size})"
    assert_array(indexing.centre_block(m, size), expected, call=call, exact=True)


@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=0, max_value=5),
)
def test_centre_block_leaves_equal_margins(size, row_margin, col_margin):
    rows, cols = size + 2 * row_margin, size + 2 * col_margin
    m = numbered(rows, cols)
    expected = [
        [(row_margin + i) * cols + col_margin + j for j in range(size)] for i in range(size)
    ]
    call = f"centre_block({rows}x{cols} matrix, size={size})"
    assert_array(indexing.centre_block(m, size), expected, call=call, exact=True)


def test_centre_block_is_a_view_of_the_matrix():
    m = seed_matrix()
    assert_is_view_of(indexing.centre_block(m), m, call="centre_block(m)")


@pytest.mark.parametrize(
    ("shape", "size", "why"),
    [
        ((6, 6), 8, "larger than the matrix"),
        ((4, 6), 6, "taller than the matrix"),
        ((6, 6), 3, "6 - 3 is odd: no exact centre"),
        ((5, 5), 2, "5 - 2 is odd: no exact centre"),
        ((5, 6), 1, "6 - 1 is odd: no exact centre across"),
        ((6, 6), 0, "an empty block"),
        ((6, 6), -2, "a negative size"),
    ],
)
def test_centre_block_refuses_a_size_that_cannot_be_centred(shape, size, why):
    m = numbered(*shape)
    call = f"centre_block({shape[0]}x{shape[1]} matrix, size={size}) ({why})"
    assert_raises_naming(ValueError, "size", indexing.centre_block, m, size, call=call)


@pytest.mark.parametrize("shape", [(36,), (2, 3, 6)])
def test_centre_block_refuses_a_matrix_that_is_not_2d(shape):
    m = np.arange(36).reshape(shape)
    call = f"centre_block(array of shape {shape})"
    assert_raises_naming(ValueError, "m", indexing.centre_block, m, call=call)


# --- main_diagonal ----------------------------------------------------------------------------


def test_main_diagonal_matches_the_seed():
    # m[i, i] == 6 * i + i: the top-left to bottom-right diagonal, not the anti-diagonal.
    got = assert_inputs_unchanged(indexing.main_diagonal, seed_matrix(), call="main_diagonal(m)")
    assert_array(got, [0, 7, 14, 21, 28, 35], call="main_diagonal(seed 6x6 matrix)", exact=True)


@pytest.mark.parametrize(
    ("rows", "cols", "expected"),
    [
        (3, 5, [0, 6, 12]),  # wide: stops at the last row
        (5, 3, [0, 4, 8]),  # tall: stops at the last column
        (1, 4, [0]),
        (4, 1, [0]),
        (0, 3, []),
    ],
)
def test_main_diagonal_of_a_non_square_matrix(rows, cols, expected):
    call = f"main_diagonal({rows}x{cols} matrix)"
    assert_array(indexing.main_diagonal(numbered(rows, cols)), expected, call=call, exact=True)


@given(
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=0, max_value=2**31),
)
def test_main_diagonal_reads_m_i_i(rows, cols, seed):
    m = np.random.default_rng(seed).normal(size=(rows, cols))
    expected = [m[i, i] for i in range(min(rows, cols))]
    got = assert_inputs_unchanged(indexing.main_diagonal, m, call="main_diagonal(m)")
    assert_array(got, expected, call=f"main_diagonal({rows}x{cols} matrix)", exact=True)


@pytest.mark.parametrize("shape", [(6,), (2, 2, 2)])
def test_main_diagonal_refuses_an_array_that_is_not_2d(shape):
    m = np.arange(int(np.prod(shape))).reshape(shape)
    call = f"main_diagonal(array of shape {shape})"
    assert_raises_naming(ValueError, "m", indexing.main_diagonal, m, call=call)


def test_main_diagonal_has_no_python_loop(loop_gate):
    # No timed gate: a loop over the n diagonal entries of an n x n matrix is only n steps,
    # too quick for a timer at any size that fits in memory. Counting lines catches it.
    loop_gate(
        indexing.main_diagonal,
        lambda n: (np.arange(n * n, dtype=float).reshape(n, n),),
        over="diagonal entries",
    )


# --- replace_above ----------------------------------------------------------------------------


def test_replace_above_matches_the_seed():
    # Every value above 25 (26..35) becomes -1; 25 itself stays.
    expected = [[-1 if 6 * i + j > 25 else 6 * i + j for j in range(6)] for i in range(6)]
    got = indexing.replace_above(seed_matrix(), 25, -1)
    assert_array(got, expected, call="replace_above(seed 6x6 matrix, 25, -1)", exact=True)


def test_replace_above_leaves_its_input_unchanged():
    m = seed_matrix()
    assert_inputs_unchanged(indexing.replace_above, m, 25, -1, call="replace_above(m, 25, -1)")


def test_replace_above_keeps_values_equal_to_the_threshold():
    m = np.array([[1.0, 2.5], [2.5, 4.0]])
    got = indexing.replace_above(m, 2.5, 0.0)
    call = "replace_above([[1.0, 2.5], [2.5, 4.0]], threshold=2.5, value=0.0)"
    assert_array(got, [[1.0, 2.5], [2.5, 0.0]], call=call, exact=True)


def test_replace_above_returns_a_new_array_even_when_nothing_is_replaced():
    m = seed_matrix()
    got = indexing.replace_above(m, 100, -1)
    assert_array(got, seed_matrix(), call="replace_above(seed 6x6 matrix, 100, -1)", exact=True)
    assert not np.shares_memory(got, m), (
        "replace_above(m, 100, -1) returned an array that shares memory with m (m itself, or a "
        "view of it): the contract promises a new array, so that writing into the result can "
        "never change the caller's m. Work on m.copy(), or build the result with np.where."
    )


def test_replace_above_keeps_nan():
    m = np.array([np.nan, 1.0, 5.0, np.nan])
    got = indexing.replace_above(m, 2.0, 0.0)
    call = "replace_above([nan, 1.0, 5.0, nan], threshold=2.0, value=0.0)"
    assert_array(got, [np.nan, 1.0, 0.0, np.nan], call=call, exact=True)


def test_replace_above_handles_infinities():
    # -inf stays, +inf is above and is replaced: arithmetic such as m * (m <= t) gives NaN here.
    m = np.array([-np.inf, 1.0, np.inf])
    got = indexing.replace_above(m, 2.0, 0.0)
    call = "replace_above([-inf, 1.0, inf], threshold=2.0, value=0.0)"
    assert_array(got, [-np.inf, 1.0, 0.0], call=call, exact=True)


@pytest.mark.parametrize(
    ("m", "shown", "threshold", "value", "expected"),
    [
        (np.array([-1, 0, 1, 4095], np.int16), "int16 [-1, 0, 1, 4095]", -0.5, 9, [-1, 9, 9, 9]),
        (
            np.array([[0, 128], [255, 127]], np.uint8),
            "uint8 [[0, 128], [255, 127]]",
            127.5,
            0,
            [[0, 0], [0, 127]],
        ),
        (
            np.array([3, 4090, 4091, 4095], np.int16),
            "int16 [3, 4090, 4091, 4095]",
            4090,
            -1,
            [3, 4090, -1, -1],
        ),
    ],
    ids=["int16-negative-fraction", "uint8-fraction", "int16-sensor"],
)
def test_replace_above_compares_small_integers_with_the_threshold_as_given(
    m, shown, threshold, value, expected
):
    # A fractional threshold meets integer data: -0.5 is below 0, and 127.5 is above 127.
    call = f"replace_above({shown}, threshold={threshold}, value={value})"
    got = assert_inputs_unchanged(indexing.replace_above, m, threshold, value, call=call)
    assert_array(got, expected, call=call, exact=True)


@pytest.mark.parametrize("shape", [(0,), (3, 0), (2, 3, 4), (7,)])
def test_replace_above_works_on_any_shape(shape):
    m = np.arange(int(np.prod(shape)), dtype=float).reshape(shape)
    expected = np.array([-1.0 if v > 5 else v for v in m.ravel().tolist()]).reshape(shape)
    call = f"replace_above(array of shape {shape}, 5, -1.0)"
    assert_array(indexing.replace_above(m, 5, -1.0), expected, call=call, exact=True)


@given(st.data(), st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40))
def test_replace_above_replaces_exactly_the_entries_above(data, values):
    # Half the time the threshold is one of the values, so some entries sit exactly on it.
    threshold = data.draw(st.one_of(st.sampled_from(values), st.floats(-1e6, 1e6)))
    value = data.draw(st.floats(-1e6, 1e6))
    m = np.array(values)
    call = f"replace_above({values}, threshold={threshold}, value={value})"
    got = assert_inputs_unchanged(indexing.replace_above, m, threshold, value, call=call)
    expected = [value if v > threshold else v for v in values]
    assert_array(got, expected, call=call, exact=True)


def test_replace_above_is_fast_on_five_million_readings(timed_gate):
    # 10^6 time steps x 5 channels of a 12-bit sensor as int16 (10 MB); counts above 4090 are
    # saturated and become -1. np.where takes about 4.7 ms on the reference machine; a Python
    # loop over the rows or the elements many times the budget.
    rng = np.random.default_rng(0)
    readings = rng.integers(0, 4096, size=(1_000_000, 5), dtype=np.int16)
    warmup = (readings[:2].copy(), 4090, -1)  # its own memory: never a view of the timed input
    timed_gate(indexing.replace_above, (readings, 4090, -1), warmup=warmup, budget_ms=75)


def test_replace_above_has_no_python_loop(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(indexing.replace_above, lambda n: (rng.normal(size=(n, 5)), 0.5, -1.0), over="rows")


# --- every_other_of_last_row ------------------------------------------------------------------


def test_every_other_of_last_row_matches_the_seed():
    # The last row is 30..35; every other element starting from the first: 30, 32, 34.
    got = assert_inputs_unchanged(
        indexing.every_other_of_last_row, seed_matrix(), call="every_other_of_last_row(m)"
    )
    assert_array(got, [30, 32, 34], call="every_other_of_last_row(seed 6x6 matrix)", exact=True)


@pytest.mark.parametrize(
    ("rows", "cols", "expected"),
    [
        (3, 5, [10, 12, 14]),  # an odd row length keeps its last element
        (4, 1, [3]),
        (1, 4, [0, 2]),
        (2, 0, []),
    ],
)
def test_every_other_of_last_row_of_other_shapes(rows, cols, expected):
    call = f"every_other_of_last_row({rows}x{cols} matrix)"
    got = indexing.every_other_of_last_row(numbered(rows, cols))
    assert_array(got, expected, call=call, exact=True)


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=12))
def test_every_other_of_last_row_starts_at_the_first_column(rows, cols):
    m = numbered(rows, cols)
    expected = [(rows - 1) * cols + j for j in range(0, cols, 2)]
    call = f"every_other_of_last_row({rows}x{cols} matrix)"
    assert_array(indexing.every_other_of_last_row(m), expected, call=call, exact=True)


def test_every_other_of_last_row_is_a_view_of_the_matrix():
    m = seed_matrix()
    got = indexing.every_other_of_last_row(m)
    assert_is_view_of(got, m, call="every_other_of_last_row(m)")


@pytest.mark.parametrize("shape", [(6,), (0, 4), (2, 3, 6)])
def test_every_other_of_last_row_refuses_an_array_without_rows(shape):
    m = np.arange(int(np.prod(shape))).reshape(shape)
    call = f"every_other_of_last_row(array of shape {shape})"
    assert_raises_naming(ValueError, "m", indexing.every_other_of_last_row, m, call=call)
