"""Tests for kata 11: run ``pytest katas/11_strides``."""

import statistics

import lag_features
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

FUNCTIONS = ["lag_matrix", "window_features"]


def seed_random_walk():
    """The seed's practice series: np.random.seed(0), then np.cumsum(np.random.randn(50)).

    RandomState(0) draws the same numbers as the legacy global calls, without touching the
    global generator.
    """
    return np.cumsum(np.random.RandomState(0).randn(50))


def windows_by_hand(values, lags):
    """Every run of lags + 1 consecutive values, oldest first, as Python lists."""
    width = lags + 1
    return [list(values[i : i + width]) for i in range(len(values) - width + 1)]


def features_by_hand(values, lags):
    """[mean, population std, last value] of every window, in exact-as-possible Python."""
    return [
        [statistics.fmean(window), statistics.pstdev(window), window[-1]]
        for window in windows_by_hand([float(v) for v in values], lags)
    ]


def assert_view_of(result, series, call):
    """``result`` must be a read-only ndarray that shares the memory of ``series``."""
    __tracebackhide__ = True
    if not isinstance(result, np.ndarray):
        pytest.fail(f"{call} returned {type(result).__name__}; expected an ndarray", pytrace=False)
    if not np.shares_memory(result, series):
        pytest.fail(
            f"{call} returned a copy: np.shares_memory(result, series) is False. The lag matrix "
            "must be a view of the series' own memory (no value copied), which is what "
            "np.lib.stride_tricks.sliding_window_view gives. np.array(...), np.stack, "
            "np.column_stack, .astype and .copy() all copy.",
            pytrace=False,
        )
    if result.flags.writeable:
        pytest.fail(
            f"{call} returned a writeable view. Each value of the series sits in up to lags + 1 "
            "rows, so one assignment to the result would change several rows and the caller's "
            "series: the contract asks for a read-only view (sliding_window_view's default; "
            "as_strided needs writeable=False).",
            pytrace=False,
        )


# --- lag_matrix -------------------------------------------------------------------------------


def test_lag_matrix_of_the_seed_sliding_window_example():
    # The seed's np.arange-like array 1..10 with a window of 4: shape (7, 4).
    values = list(range(1, 11))
    series = np.array(values)
    call = "lag_matrix(np.array([1, 2, ..., 10]), lags=3)"
    got = lag_features.lag_matrix(series, 3)
    assert_array(got, windows_by_hand(values, 3), call=call, exact=True)
    assert_view_of(got, series, call)


@pytest.mark.parametrize("dtype", [np.int16, np.uint8, np.float32])
def test_lag_matrix_has_the_series_dtype(dtype):
    series = np.array([3, 250, 7, 0, 12], dtype=dtype)
    call = f"lag_matrix(np.array([3, 250, 7, 0, 12], dtype={np.dtype(dtype).name}), lags=1)"
    got = lag_features.lag_matrix(series, 1)
    assert_array(got, windows_by_hand(series.tolist(), 1), call=call, exact=True)
    assert_view_of(got, series, call)
    if got.dtype != series.dtype:
        pytest.fail(
            f"{call} returned dtype {got.dtype}; a view of the series has the series' dtype, "
            f"{series.dtype}",
            pytrace=False,
        )


def test_lag_matrix_columns_are_oldest_first():
    series = np.array([10.0, 20.0, 30.0, 40.0, 50.0])
    call = "lag_matrix([10, 20, 30, 40, 50], lags=2) (columns t-2, t-1, t)"
    expected = [[10, 20, 30], [20, 30, 40], [30, 40, 50]]
    assert_array(lag_features.lag_matrix(series, 2), expected, call=call, exact=True)


def test_lag_matrix_of_the_seed_random_walk_is_a_view():
    walk = seed_random_walk()
    call = "lag_matrix(the seed's 50-step random walk, lags=3)"
    got = lag_features.lag_matrix(walk, 3)
    assert_array(got, windows_by_hand(walk.tolist(), 3), call=call, exact=True)
    assert_view_of(got, walk, call)


def test_lag_matrix_uses_three_lags_by_default():
    series = np.arange(6.0)
    expected = [[0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5]]
    assert_array(lag_features.lag_matrix(series), expected, call="lag_matrix([0..5])", exact=True)


@pytest.mark.parametrize("lags", [0, 1, 2, 5, 9])
def test_lag_matrix_has_n_minus_lags_rows(lags):
    values = [float(v) for v in range(10)]
    call = f"lag_matrix([0., 1., ..., 9.], lags={lags})"
    got = lag_features.lag_matrix(np.array(values), lags)
    assert_array(got, windows_by_hand(values, lags), call=call, exact=True)


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=5),
    st.integers(min_value=1, max_value=3),
)
def test_lag_matrix_rows_are_consecutive_slices(values, lags, step):
    # A strided series (every step-th value of a buffer) must work too: the view follows it.
    series = np.array(values)[::step]
    assume(len(series) >= lags + 1)
    call = f"lag_matrix(np.array({values})[::{step}], lags={lags})"
    got = lag_features.lag_matrix(series, lags)
    assert_array(got, windows_by_hand(series.tolist(), lags), call=call, exact=True)
    assert_view_of(got, series, call)


def test_lag_matrix_follows_the_strides_of_a_strided_series():
    # Every other value of a buffer: consecutive values are 16 bytes apart, not 8.
    buffer = np.arange(12.0)
    series = buffer[::2]
    call = "lag_matrix(np.arange(12.0)[::2], lags=2) (a series whose values are 16 bytes apart)"
    got = lag_features.lag_matrix(series, 2)
    expected = [[0, 2, 4], [2, 4, 6], [4, 6, 8], [6, 8, 10]]
    assert_array(got, expected, call=call, exact=True)
    assert_view_of(got, series, call)


# No gate for lag_matrix: building the rows in a loop makes a copy, which the view checks above
# reject, and a view takes microseconds whatever the length of the series.


# --- window_features --------------------------------------------------------------------------


def test_window_features_of_the_seed_sliding_window_example():
    # Windows of 4 consecutive integers: deviations 1.5, 0.5, 0.5, 1.5, so the population
    # variance is 5 / 4 and the std sqrt(1.25) = 1.118 (ddof=1 would give sqrt(5 / 3) = 1.291).
    series = np.arange(1, 11)
    call = "window_features(np.array([1, 2, ..., 10]), lags=3) (std with ddof=0)"
    got = assert_inputs_unchanged(lag_features.window_features, series, 3, call=call)
    expected = [[t - 1.5, 1.25**0.5, t] for t in range(4, 11)]
    assert_array(got, expected, call=call, rtol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the features of an integer series are floats")


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_window_features_of_a_small_integer_series(dtype):
    # In uint8, 250 * 250 wraps around to 36 and a window's sum does not fit: compute in floats.
    values = [200, 250, 10, 255, 0, 128]
    series = np.array(values, dtype=dtype)
    call = (
        f"window_features(np.array({values}, dtype={np.dtype(dtype).name}), lags=2) "
        "(small integers wrap around: compute in floats)"
    )
    got = assert_inputs_unchanged(lag_features.window_features, series, 2, call=call)
    assert_array(got, features_by_hand(values, 2), call=call, rtol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="a float feature matrix, also for integers")


def test_window_features_of_the_seed_random_walk():
    walk = seed_random_walk()
    call = "window_features(the seed's 50-step random walk, lags=3) (columns mean, std, last)"
    got = lag_features.window_features(walk, 3)
    assert_array(got, features_by_hand(walk.tolist(), 3), call=call, rtol=1e-12, atol=1e-12)


def test_window_features_columns_are_mean_std_last():
    series = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    call = "window_features([2, 4, 4, 4, 5, 5, 7, 9], lags=3) (columns mean, std, last)"
    expected = [
        [3.5, 0.75**0.5, 4.0],
        [4.25, 0.1875**0.5, 5.0],
        [4.5, 0.25**0.5, 5.0],
        [5.25, 1.1875**0.5, 7.0],
        [6.5, 2.75**0.5, 9.0],
    ]
    assert_array(lag_features.window_features(series), expected, call=call, rtol=1e-12)


def test_window_features_with_no_lags_are_the_values_themselves():
    series = np.array([3.0, -1.0, 4.0])
    call = "window_features([3, -1, 4], lags=0) (one-value windows: std 0)"
    expected = [[3.0, 0.0, 3.0], [-1.0, 0.0, -1.0], [4.0, 0.0, 4.0]]
    assert_array(lag_features.window_features(series, 0), expected, call=call, exact=True)


def test_window_features_nan_spoils_only_the_windows_that_hold_it():
    series = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0, 7.0])
    call = "window_features([1, 2, nan, 4, 5, 6, 7], lags=2) (NaN in windows 0-2 only)"
    nan, spread = np.nan, (2 / 3) ** 0.5
    expected = [
        [nan, nan, nan],
        [nan, nan, 4.0],
        [nan, nan, 5.0],
        [5.0, spread, 6.0],
        [6.0, spread, 7.0],
    ]
    assert_array(lag_features.window_features(series, 2), expected, call=call, rtol=1e-12)


def test_window_features_std_is_accurate_far_from_zero():
    # Readings near 10^6 that move by about 1. The mean of squares minus the squared mean
    # cancels 12 of the 16 digits a float holds here, so such a std is off by about 10^-4.
    series = 1e6 + np.array([0.0, 0.3, 1.2, 0.7, 2.1, 1.6, 3.0, 2.2, 2.5])
    call = "window_features(1e6 + [0, 0.3, 1.2, 0.7, 2.1, 1.6, 3, 2.2, 2.5], lags=3) (far from 0)"
    expected = features_by_hand(series.tolist(), 3)
    assert_array(lag_features.window_features(series, 3), expected, call=call, rtol=1e-9)


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=5),
)
def test_window_features_match_each_window(values, lags):
    assume(len(values) >= lags + 1)
    call = f"window_features({values}, lags={lags}) (columns mean, std, last)"
    got = lag_features.window_features(np.array(values), lags)
    # Rounding of values up to 10^6 leaves errors near 10^-10; allow 10^-9 of the largest value.
    scale = max(abs(v) for v in values)
    expected = features_by_hand(values, lags)
    assert_array(got, expected, call=call, rtol=1e-9, atol=1e-9 * scale + 1e-12)


# --- bad input and unchanged input (both functions) -------------------------------------------


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("lags", [-1, -4])
def test_negative_lags_are_refused(name, lags):
    func = getattr(lag_features, name)
    call = f"{name}(np.arange(10.0), lags={lags})"
    assert_raises_naming(ValueError, "lags", func, np.arange(10.0), lags, call=call)


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize(("length", "lags"), [(3, 3), (0, 0), (1, 1), (5, 9)])
def test_a_series_shorter_than_lags_plus_one_is_refused(name, length, lags):
    func = getattr(lag_features, name)
    call = f"{name}(a series of {length} values, lags={lags}) (no full window)"
    assert_raises_naming(ValueError, "lags", func, np.arange(float(length)), lags, call=call)


@pytest.mark.parametrize(("length", "lags"), [(1, 0), (4, 3), (6, 5)])
def test_a_series_of_exactly_lags_plus_one_values_gives_one_row(length, lags):
    values = [float(v * v) for v in range(length)]
    series = np.array(values)
    expected = {"lag_matrix": [values], "window_features": features_by_hand(values, lags)}
    for name in FUNCTIONS:
        call = f"{name}({values}, lags={lags})"
        try:
            got = getattr(lag_features, name)(series, lags)
        except ValueError as error:
            refused = str(error)
        else:
            assert_array(got, expected[name], call=call, rtol=1e-12)
            continue
        pytest.fail(
            f"{call} raised ValueError({refused!r}); {length} values hold exactly one "
            f"window of lags + 1 = {lags + 1} values, so the answer has one row",
            pytrace=False,
        )


@pytest.mark.parametrize("name", FUNCTIONS)
def test_a_series_that_is_not_1d_is_refused(name):
    func = getattr(lag_features, name)
    column = np.arange(10.0).reshape(10, 1)
    call = f"{name}(a 10 x 1 column, lags=3)"
    assert_raises_naming(ValueError, "series", func, column, 3, call=call)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_series_is_not_modified_and_stays_writeable(name):
    series = np.array([5.0, np.nan, 3.0, 8.0, 1.0, 9.0, 2.0])
    call = f"{name}([5, nan, 3, 8, 1, 9, 2], lags=3)"
    assert_inputs_unchanged(getattr(lag_features, name), series, 3, call=call)
    if not series.flags.writeable:
        pytest.fail(
            f"{call} made the caller's series read-only (series.flags.writeable is now False). "
            "Only the returned view should be read-only; leave the input's flags alone.",
            pytrace=False,
        )


# --- gates ------------------------------------------------------------------------------------


def test_window_features_is_fast_on_a_long_series(timed_gate):
    # 250,000 time steps, lags=3: sliding_window_view with .mean(axis=1) and .std(axis=1)
    # takes about 13 ms on the reference machine; window.mean() and window.std() per time step
    # many times the budget. The same sums over a Python list are far quicker (that one the
    # loop gate catches for sure). At 10^6 steps the (n, 4) temporaries of .std outgrow the
    # cache: the vectorised answer then slows down more than the input grows, and the margin
    # shrinks.
    series = np.cumsum(np.random.default_rng(0).normal(size=250_000))
    timed_gate(
        lag_features.window_features, (series, 3), warmup=(series[:20].copy(), 3), budget_ms=290
    )


def test_window_features_has_no_python_loop(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(
        lag_features.window_features,
        lambda n: (np.cumsum(rng.normal(size=n)), 3),
        over="time steps",
    )
