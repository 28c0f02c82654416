"""Tests for kata 05: run ``pytest katas/05_broadcasting``."""

import math

import broadcasting
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

# The gates' tall, thin matrix: 400 000 samples of 5 values (16 MB). A loop over the rows
# runs 400 000 times here; the same number of values in a square matrix would hide it.
TALL = (400_000, 5)


def seed_workout_data():
    """The practice's starter data: np.random.seed(42), then randn for X, logits and M."""
    legacy = np.random.RandomState(42)
    X = legacy.randn(50, 4)
    logits = legacy.randn(3, 5)
    M = legacy.randn(4, 6)
    return X, logits, M


def softmax_by_hand(rows):
    """Row-wise softmax in plain Python, independent of NumPy."""
    result = []
    for row in rows:
        exps = [math.exp(v) for v in row]
        total = math.fsum(exps)
        result.append([e / total for e in exps])
    return result


def centred_by_hand(rows):
    """Each row minus its mean, in plain Python."""
    return [[v - math.fsum(row) / len(row) for v in row] for row in rows]


@st.composite
def matrices(draw, low=-50.0, high=50.0, min_rows=1, min_cols=1):
    """Float matrices up to 5 x 5, square half of the time: a square matrix is where a
    reduction without keepdims broadcasts along the wrong axis without an error."""
    rows = draw(st.integers(min_rows, 5))
    cols = draw(st.one_of(st.just(rows), st.integers(min_cols, 5)))
    size = rows * cols
    values = draw(st.lists(st.floats(low, high), min_size=size, max_size=size))
    return np.array(values, dtype=float).reshape(rows, cols)


# --- add_bias ---------------------------------------------------------------------------------


def test_add_bias_on_the_seed_feature_matrix():
    X, _, _ = seed_workout_data()
    expected = [[1.0, *row] for row in X.tolist()]
    got = assert_inputs_unchanged(broadcasting.add_bias, X, call="add_bias(X of shape (50, 4))")
    assert_array(got, expected, call="add_bias(X of shape (50, 4))", exact=True)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([[2, 3], [4, 5]], [[1, 2, 3], [1, 4, 5]]),
        ([[7, 8, 9]], [[1, 7, 8, 9]]),
        ([[5], [6], [7]], [[1, 5], [1, 6], [1, 7]]),
    ],
)
def test_add_bias_puts_the_ones_first(rows, expected):
    X = np.array(rows, dtype=float)
    got = broadcasting.add_bias(X)
    call = f"add_bias({rows})"
    if isinstance(got, np.ndarray) and got.shape == (len(rows), len(rows[0]) + 1):
        assert np.all(got[:, 0] == 1), (
            f"{call}[:, 0] is {got[:, 0]}: the column of ones must be the FIRST column"
        )
    assert_array(got, expected, call=call, exact=True)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int64])
def test_add_bias_keeps_integer_features_whole(dtype):
    X = np.array([[255, 0], [7, 200]], dtype=dtype)
    call = f"add_bias(np.array([[255, 0], [7, 200]], dtype={np.dtype(dtype).name}))"
    got = assert_inputs_unchanged(broadcasting.add_bias, X, call=call)
    assert_array(got, [[1, 255, 0], [1, 7, 200]], call=call, exact=True)


@pytest.mark.parametrize(("rows", "cols"), [(0, 3), (3, 0), (0, 0)])
def test_add_bias_with_no_samples_or_no_features(rows, cols):
    X = np.zeros((rows, cols))
    assert_array(
        broadcasting.add_bias(X),
        np.ones((rows, cols + 1)),
        call=f"add_bias(an empty {rows}x{cols} array)",
        exact=True,
    )


@given(matrices(low=-1e6, high=1e6, min_rows=0, min_cols=0))
def test_add_bias_keeps_every_value_after_the_ones(X):
    got = assert_inputs_unchanged(broadcasting.add_bias, X, call=f"add_bias({X.tolist()})")
    rows, cols = X.shape
    expected = np.array([[1.0, *row] for row in X.tolist()]).reshape(rows, cols + 1)
    assert_array(got, expected, call=f"add_bias({X.tolist()})", exact=True)


@pytest.mark.parametrize("shape", [(4,), (2, 3, 4)])
def test_add_bias_refuses_an_array_that_is_not_2d(shape):
    X = np.ones(shape)
    call = f"add_bias(an array of shape {shape})"
    assert_raises_naming(ValueError, "X", broadcasting.add_bias, X, call=call)


def test_add_bias_has_no_loop_over_rows(loop_gate):
    # No timed gate: copying X row by row is only 20-100x slower than np.hstack, too close for
    # a timer to reject it on every machine without failing correct answers. Counting lines can.
    rng = np.random.default_rng(0)
    loop_gate(broadcasting.add_bias, lambda n: (rng.normal(size=(n, 5)),), over="rows")


# --- softmax_rows -----------------------------------------------------------------------------


def test_softmax_rows_on_the_seed_logits():
    _, logits, _ = seed_workout_data()
    call = "softmax_rows(logits of shape (3, 5))"
    got = assert_inputs_unchanged(broadcasting.softmax_rows, logits, call=call)
    assert_array(got, softmax_by_hand(logits.tolist()), call=call, rtol=1e-9)


def test_softmax_rows_on_a_square_matrix():
    # exp(logits) is [[1, 1, 2], [1, 2, 3], [4, 3, 1]]; the row sums are 4, 6 and 8.
    logits = np.log([[1.0, 1.0, 2.0], [1.0, 2.0, 3.0], [4.0, 3.0, 1.0]])
    expected = [[1 / 4, 1 / 4, 2 / 4], [1 / 6, 2 / 6, 3 / 6], [4 / 8, 3 / 8, 1 / 8]]
    call = "softmax_rows(log([[1, 1, 2], [1, 2, 3], [4, 3, 1]]))"
    got = broadcasting.softmax_rows(logits)
    if isinstance(got, np.ndarray) and got.shape == (3, 3):
        sums = got.sum(axis=1)
        assert np.allclose(sums, 1.0), (
            f"the rows of {call} sum to {sums}, not to 1: each row must be divided by the sum "
            "of its own exponentials (on a square matrix, check which axis each sum lines up with)"
        )
    assert_array(got, expected, call=call, rtol=1e-9)


def test_softmax_rows_of_integer_logits():
    logits = np.array([[1, 2, 3], [0, 0, 4]])
    expected = softmax_by_hand(logits.tolist())
    got = broadcasting.softmax_rows(logits)
    call = "softmax_rows([[1, 2, 3], [0, 0, 4]])"
    assert_array(got, expected, call=call)
    assert_dtype_kind(got, "f", call=call, why="probabilities are floats, also for integer logits")


@pytest.mark.parametrize("dtype", [np.int8, np.int16])
def test_softmax_rows_of_small_integer_logits_at_the_ends_of_the_range(dtype):
    # np.exp computes int8 in float16 (exp(100) overflows) and int16 in float32 (exp(-200) is 0),
    # and in int8 the shift -100 - 100 wraps around to 56: compute in float64.
    rows = [[100, -100], [-100, 100], [5, 5]]
    logits = np.array(rows, dtype=dtype)
    tiny = math.exp(-200.0)
    expected = [[1.0, tiny], [tiny, 1.0], [0.5, 0.5]]
    call = f"softmax_rows(np.array({rows}, dtype={np.dtype(dtype).name}))"
    got = assert_inputs_unchanged(broadcasting.softmax_rows, logits, call=call)
    assert_array(
        got, expected, call=f"{call} (integer logits are computed in float64)", rtol=1e-9, atol=0
    )


def test_softmax_rows_at_the_ends_of_the_logit_range():
    logits = np.array([[100.0, 100.0], [-100.0, -100.0], [100.0, -100.0]])
    expected = [[0.5, 0.5], [0.5, 0.5], [1.0, math.exp(-200.0)]]
    call = "softmax_rows([[100, 100], [-100, -100], [100, -100]])"
    assert_array(broadcasting.softmax_rows(logits), expected, call=call, rtol=1e-9, atol=0)


@pytest.mark.parametrize("rows", [1, 3, 5])
def test_softmax_rows_of_a_single_column_is_all_ones(rows):
    logits = np.arange(rows, dtype=float).reshape(rows, 1)
    call = f"softmax_rows(a {rows}x1 column)"
    assert_array(broadcasting.softmax_rows(logits), np.ones((rows, 1)), call=call)


def test_softmax_rows_of_equal_logits_is_uniform():
    logits = np.array([[3.0, 3.0, 3.0, 3.0], [-7.0, -7.0, -7.0, -7.0]])
    call = "softmax_rows([[3, 3, 3, 3], [-7, -7, -7, -7]])"
    assert_array(broadcasting.softmax_rows(logits), np.full((2, 4), 0.25), call=call)


def test_softmax_rows_with_no_rows():
    logits = np.zeros((0, 4))
    call = "softmax_rows(an empty 0x4 array)"
    assert_array(broadcasting.softmax_rows(logits), np.zeros((0, 4)), call=call)


def test_softmax_rows_a_nan_spoils_only_its_own_row():
    logits = np.array([[0.0, np.nan, 1.0], [1.0, 2.0, 3.0], [2.0, 2.0, 2.0]])
    expected = [[np.nan] * 3, *softmax_by_hand([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]])]
    call = "softmax_rows([[0, nan, 1], [1, 2, 3], [2, 2, 2]])"
    got = assert_inputs_unchanged(broadcasting.softmax_rows, logits, call=call)
    assert_array(got, expected, call=call, rtol=1e-9)


@given(matrices())
def test_softmax_rows_are_probabilities(logits):
    call = f"softmax_rows({logits.tolist()})"
    got = assert_inputs_unchanged(broadcasting.softmax_rows, logits, call=call)
    assert_array(got, softmax_by_hand(logits.tolist()), call=call, rtol=1e-9, atol=1e-15)
    sums = got.sum(axis=1)
    assert np.allclose(sums, 1.0, rtol=1e-12), f"the rows of {call} sum to {sums}, not to 1"
    assert np.all((got > 0) & (got <= 1 + 1e-12)), f"{call} has entries outside (0, 1]: {got}"


@given(st.data())
def test_softmax_rows_ignore_a_constant_added_to_a_row(data):
    logits = data.draw(matrices())
    rows = logits.shape[0]
    shifts = np.array(data.draw(st.lists(st.floats(-50, 50), min_size=rows, max_size=rows)))
    shifted = logits + shifts[:, np.newaxis]
    before = broadcasting.softmax_rows(logits)
    call = f"softmax_rows({shifted.tolist()}) (row i shifted by {shifts.tolist()}[i])"
    assert_array(broadcasting.softmax_rows(shifted), before, call=call, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("shape", [(5,), (2, 3, 4), (3, 0)])
def test_softmax_rows_refuses_a_shape_without_rows_of_logits(shape):
    logits = np.zeros(shape)
    call = f"softmax_rows(an array of shape {shape})"
    assert_raises_naming(ValueError, "logits", broadcasting.softmax_rows, logits, call=call)


def test_softmax_rows_has_no_loop_over_rows(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(broadcasting.softmax_rows, lambda n: (rng.normal(size=(n, 5)),), over="rows")


# --- center_rows ------------------------------------------------------------------------------


def test_center_rows_on_the_seed_matrix():
    _, _, M = seed_workout_data()
    call = "center_rows(M of shape (4, 6))"
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call=call)
    assert_array(got, centred_by_hand(M.tolist()), call=call, atol=1e-14)


def test_center_rows_on_a_square_matrix():
    # Row means 2, 6 and 3; the column means (5/3, 8/3, 20/3) and the overall mean differ.
    M = np.array([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0], [0.0, 0.0, 9.0]])
    expected = [[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-3.0, -3.0, 6.0]]
    call = "center_rows([[1, 2, 3], [4, 6, 8], [0, 0, 9]])"
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call=call)
    if isinstance(got, np.ndarray) and got.shape == (3, 3):
        means = got.mean(axis=1)
        assert np.allclose(means, 0.0, atol=1e-12), (
            f"the rows of {call} have means {means}, not 0: each row must lose its own mean "
            "(on a square matrix, check which axis the means line up with)"
        )
    assert_array(got, expected, call=call, atol=1e-12)


def test_center_rows_of_integers_gives_floats():
    M = np.array([[1, 2], [3, 5], [4, 4]])
    expected = [[-0.5, 0.5], [-1.0, 1.0], [0.0, 0.0]]
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call="center_rows([[1, 2], ...])")
    call = "center_rows([[1, 2], [3, 5], [4, 4]])"
    assert_array(got, expected, call=call, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="a mean of integers is a float, and so is x - mean")


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_center_rows_of_small_integers(dtype):
    # In uint8, 0 - 128 would wrap around, and a row's sum 255 + 255 does not fit.
    M = np.array([[0, 255, 255], [100, 200, 0]], dtype=dtype)
    expected = [[-170.0, 85.0, 85.0], [0.0, 100.0, -100.0]]
    call = f"center_rows(np.array([[0, 255, 255], [100, 200, 0]], dtype={np.dtype(dtype).name}))"
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call=call)
    assert_array(got, expected, call=call, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the result is float, also for integer M")


@pytest.mark.parametrize("rows", [1, 4])
def test_center_rows_of_a_single_column_is_zero(rows):
    M = np.arange(1.0, rows + 1).reshape(rows, 1)
    call = f"center_rows(a {rows}x1 column)"
    assert_array(broadcasting.center_rows(M), np.zeros((rows, 1)), call=call, atol=1e-12)


def test_center_rows_with_no_rows():
    call = "center_rows(an empty 0x4 array)"
    assert_array(broadcasting.center_rows(np.zeros((0, 4))), np.zeros((0, 4)), call=call)


def test_center_rows_a_nan_spoils_only_its_own_row():
    M = np.array([[1.0, np.nan], [1.0, 3.0]])
    call = "center_rows([[1, nan], [1, 3]])"
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call=call)
    assert_array(got, [[np.nan, np.nan], [-1.0, 1.0]], call=call, atol=1e-12)


@given(matrices(low=-1e6, high=1e6))
def test_center_rows_leaves_every_row_with_mean_zero(M):
    call = f"center_rows({M.tolist()})"
    got = assert_inputs_unchanged(broadcasting.center_rows, M, call=call)
    scale = max(1.0, float(np.abs(M).max()))
    assert_array(got, centred_by_hand(M.tolist()), call=call, atol=1e-12 * scale)
    means = got.mean(axis=1)
    assert np.allclose(means, 0.0, atol=1e-12 * scale), f"the rows of {call} have means {means}"


@pytest.mark.parametrize("shape", [(6,), (2, 3, 4), (3, 0)])
def test_center_rows_refuses_a_shape_without_rows_of_values(shape):
    M = np.zeros(shape)
    call = f"center_rows(an array of shape {shape})"
    assert_raises_naming(ValueError, "M", broadcasting.center_rows, M, call=call)


def test_center_rows_is_fast_on_a_tall_matrix(timed_gate):
    # On the reference machine the vectorised answer takes about 10.9 ms; a loop that calls
    # NumPy on each of the 400 000 rows takes many times the budget.
    M = np.random.default_rng(0).normal(size=TALL)
    timed_gate(broadcasting.center_rows, (M,), warmup=(M[:3].copy(),), budget_ms=175)


def test_center_rows_has_no_loop_over_rows(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(broadcasting.center_rows, lambda n: (rng.normal(size=(n, 5)),), over="rows")
