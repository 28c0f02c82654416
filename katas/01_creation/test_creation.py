"""Tests for kata 01: run ``pytest katas/01_creation``."""

import creation
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

# --- checkerboard -----------------------------------------------------------------------------


INTEGER_BOARD = (
    "the contract asks for an integer dtype: a board of 0s and 1s to count and index with, "
    "not floats (np.zeros makes float64 unless given a dtype; np.tile keeps the unit's dtype)"
)


def test_checkerboard_matches_the_seed_6x6_board():
    expected = [[(i + j) % 2 for j in range(6)] for i in range(6)]
    board = creation.checkerboard(6)
    assert_array(board, expected, call="checkerboard(6)", exact=True)
    assert_dtype_kind(board, "iu", call="checkerboard(6)", why=INTEGER_BOARD)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 7])
def test_checkerboard_small_and_odd_sizes(n):
    expected = np.add.outer(np.arange(n), np.arange(n)) % 2
    board = creation.checkerboard(n)
    assert_array(board, expected, call=f"checkerboard({n})", exact=True)
    assert_dtype_kind(board, "iu", call=f"checkerboard({n})", why=INTEGER_BOARD)


@given(st.integers(min_value=1, max_value=60))
def test_checkerboard_neighbours_always_differ(n):
    board = np.asarray(creation.checkerboard(n))
    assert board.shape == (n, n), f"checkerboard({n}) has shape {board.shape}, not {(n, n)}"
    assert board[0, 0] == 0, f"checkerboard({n}) starts with {board[0, 0]}, not 0"
    assert np.all(board[1:, :] != board[:-1, :]), f"checkerboard({n}): two equal cells in a column"
    assert np.all(board[:, 1:] != board[:, :-1]), f"checkerboard({n}): two equal cells in a row"


@pytest.mark.parametrize("n", [0, -3])
def test_checkerboard_refuses_sizes_below_one(n):
    assert_raises_naming(ValueError, "n", creation.checkerboard, n, call=f"checkerboard({n})")


def test_checkerboard_is_fast_on_a_large_board(timed_gate):
    # A 3000 x 3000 board: np.tile takes about 0.4 ms on the reference machine, an index
    # formula (np.add.outer(i, i) % 2) about 60 ms; filling it cell by cell in Python seconds.
    timed_gate(creation.checkerboard, (3000,), warmup=(4,), budget_ms=150)


def test_checkerboard_has_no_python_loop(loop_gate):
    loop_gate(creation.checkerboard, lambda n: (n,), over="rows and columns", n=40)


# --- scaled_identity --------------------------------------------------------------------------


def test_scaled_identity_matches_the_seed():
    scale = np.array([1, 2, 3, 4, 5])
    expected = [[scale[i] if i == j else 0 for j in range(5)] for i in range(5)]
    got = assert_inputs_unchanged(creation.scaled_identity, scale, call="scaled_identity([1..5])")
    assert_array(got, expected, call="scaled_identity([1, 2, 3, 4, 5])", exact=True)


@pytest.mark.parametrize(
    ("scale", "shown"),
    [
        (np.array([0.5, 2.5, -1.25]), "[0.5, 2.5, -1.25]"),
        (np.array([200, 255, 7], dtype=np.uint8), "uint8 [200, 255, 7]"),
        (np.array([-30000, 1, 32767], dtype=np.int16), "int16 [-30000, 1, 32767]"),
    ],
    ids=["fractions", "uint8", "int16"],
)
def test_scaled_identity_keeps_every_value_of_the_scale(scale, shown):
    # Fractions must not be cut to integers, and small integers must not wrap around.
    values = scale.tolist()
    expected = [[values[i] if i == j else 0 for j in range(3)] for i in range(3)]
    call = f"scaled_identity({shown})"
    got = assert_inputs_unchanged(creation.scaled_identity, scale, call=call)
    assert_array(got, expected, call=call, exact=True)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=30))
def test_scaled_identity_scales_each_coordinate(values):
    scale = np.array(values)
    vector = np.arange(1.0, len(values) + 1)
    got = creation.scaled_identity(scale)
    assert_array(got @ vector, scale * vector, call=f"scaled_identity({values}) @ {vector}")


def test_scaled_identity_refuses_a_matrix():
    scale = np.ones((2, 2))
    assert_raises_naming(
        ValueError, "scale", creation.scaled_identity, scale, call="scaled_identity(2x2 array)"
    )


def test_scaled_identity_has_no_python_loop(loop_gate):
    # No timed gate here: a loop over the k diagonal entries is tiny next to filling k * k
    # zeros, so a timer cannot tell it from np.diag. Counting lines can.
    loop_gate(
        creation.scaled_identity, lambda n: (np.arange(1.0, n + 1),), over="diagonal entries"
    )


# --- log_points and closest_index -------------------------------------------------------------


def test_log_points_matches_the_seed():
    got = creation.log_points(10, 10_000, 20)
    expected = 10 ** np.linspace(1, 4, 20)
    assert_array(got, expected, call="log_points(10, 10_000, 20)")


@given(
    st.floats(1e-3, 1e3),
    st.floats(1e-3, 1e3),
    st.integers(min_value=2, max_value=50),
)
def test_log_points_have_a_constant_ratio(low, high, num):
    got = creation.log_points(low, high, num)
    call = f"log_points({low}, {high}, {num})"
    assert_array(got[[0, -1]], [low, high], call=f"{call}[[0, -1]]", rtol=1e-9)
    ratios = got[1:] / got[:-1]
    assert_array(ratios, np.full(num - 1, ratios[0]), call=f"ratios of {call}", rtol=1e-9)


@pytest.mark.parametrize(("low", "high", "bad"), [(0, 10, "low"), (-1, 10, "low"), (1, 0, "high")])
def test_log_points_refuse_non_positive_ends(low, high, bad):
    call = f"log_points({low}, {high}, 5)"
    assert_raises_naming(ValueError, bad, creation.log_points, low, high, 5, call=call)


def test_closest_to_500_matches_the_seed():
    points = 10 ** np.linspace(1, 4, 20)
    index = creation.closest_index(points, 500)
    assert_value(index, 11, call="closest_index(log_points(10, 10_000, 20), 500)")
    assert isinstance(index, int), f"closest_index returned {type(index).__name__}, not int"
    assert_value(points[index], 10 ** (1 + 3 * 11 / 19), call="the closest point", rtol=1e-12)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0.0, 4.0, 6.0, 10.0], 1), ([10.0, 6.0, 4.0, 0.0], 1), ([6.0, 4.0], 0), ([5.5, 4.5], 0)],
    ids=["rising", "falling", "higher-point-first", "both-half-away"],
)
def test_closest_index_takes_the_lower_index_on_a_tie(values, expected):
    # The lower INDEX wins, not the lower point: with [6, 4] and 5 that is index 0, the 6.
    call = f"closest_index({values}, 5.0) (a tie: the lower index wins)"
    index = creation.closest_index(np.array(values), 5.0)
    assert_value(index, expected, call=call)
    assert isinstance(index, int), f"{call} returned {type(index).__name__}, not a Python int"


def test_closest_index_of_small_integer_points():
    # uint8 points: 10 - 250 must be -240, a distance of 240, not a wrapped-around 16.
    points = np.array([10, 3, 200, 251], dtype=np.uint8)
    call = "closest_index(uint8 [10, 3, 200, 251], 4.0)"
    got = assert_inputs_unchanged(creation.closest_index, points, 4.0, call=call)
    assert_value(got, 1, call=call)
    call = "closest_index(uint8 [10, 3, 200, 251], 250.0)"
    assert_value(creation.closest_index(points, 250.0), 3, call=call)


@pytest.mark.parametrize(("target", "expected"), [(-100.0, 0), (1e9, 3)])
def test_closest_index_outside_the_range_is_an_end(target, expected):
    points = np.array([1.0, 2.0, 3.0, 4.0])
    call = f"closest_index([1, 2, 3, 4], {target})"
    assert_value(creation.closest_index(points, target), expected, call=call)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40), st.floats(-1e6, 1e6))
def test_closest_index_is_nearest_and_first(values, target):
    points = np.array(values)
    index = assert_inputs_unchanged(creation.closest_index, points, target, call="closest_index")
    distances = np.abs(points - target)
    call = f"closest_index({values}, {target})"
    assert_value(int(index), int(np.flatnonzero(distances == distances.min())[0]), call=call)


def test_closest_index_refuses_no_points():
    assert_raises_naming(
        ValueError,
        "points",
        creation.closest_index,
        np.array([]),
        5.0,
        call="closest_index([], 5)",
    )
