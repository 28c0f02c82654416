"""Tests for kata 04: run ``pytest katas/04_math``."""

import itertools
import math

import numpy as np
import pytest
import vector_math
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_bool,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

SEED_DEGREES = [0, 30, 45, 60, 90, 120, 180]
# The price history of the seed's real-world example (daily returns and volatility).
SEED_PRICES = [100.0, 102.0, 98.0, 105.0, 103.0, 110.0, 108.0, 115.0, 112.0, 118.0]


def seed_practice_data():
    """The seed's practice inputs: np.random.seed(42), 30 daily growth rates, then 100 values.

    RandomState(42) draws the same numbers as the legacy np.random.seed(42) calls, without
    touching the global generator.
    """
    generator = np.random.RandomState(42)
    rates = generator.normal(0.001, 0.02, 30)
    prices = np.cumprod(1 + rates) * 100
    data = generator.randn(100) * 10
    return rates, prices, data


def percentile_by_hand(values, q):
    """np.percentile's default: interpolate linearly between the two nearest ranks."""
    ordered = sorted(float(v) for v in np.ravel(values))
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


def unpack_pair(result, call):
    """The two arrays of a ``(sin, cos)`` answer, or a failure that says what came back."""
    __tracebackhide__ = True
    if not isinstance(result, (tuple, list, np.ndarray)) or len(result) != 2:
        pytest.fail(f"{call} returned {result!r}; expected the pair (sin, cos)", pytrace=False)
    return result


def call_with_a_missing_price(func, prices, call):
    """``func(prices)`` where ``prices`` holds NaN, which the contract does not refuse."""
    __tracebackhide__ = True
    try:
        return func(prices)
    except ValueError as error:
        refused = str(error)
    pytest.fail(
        f"{call} raised ValueError({refused!r}); a NaN price is a missing price, not a bad one, "
        "and must not be refused. Look for prices <= 0 (False for NaN) rather than for prices "
        "that are not > 0 (True for NaN).",
        pytrace=False,
    )


# --- sin_cos_degrees and pythagorean_identity_holds -------------------------------------------


def test_sin_cos_degrees_matches_the_seed_angles():
    half, root2, root3 = 0.5, math.sqrt(2) / 2, math.sqrt(3) / 2
    degrees = np.array(SEED_DEGREES, dtype=float)
    call = "sin_cos_degrees([0, 30, 45, 60, 90, 120, 180])"
    sin, cos = unpack_pair(
        assert_inputs_unchanged(vector_math.sin_cos_degrees, degrees, call=call), call
    )
    assert_array(sin, [0, half, root2, root3, 1, root3, 0], call=f"{call}[0] (sin)", atol=1e-12)
    assert_array(cos, [1, root3, root2, half, 0, -half, -1], call=f"{call}[1] (cos)", atol=1e-12)


def test_sin_cos_degrees_keeps_the_shape_and_takes_integers():
    degrees = np.array([[0, 90], [180, 270]])
    call = "sin_cos_degrees([[0, 90], [180, 270]])"
    sin, cos = unpack_pair(vector_math.sin_cos_degrees(degrees), call)
    assert_array(sin, [[0, 1], [0, -1]], call=f"{call}[0] (sin)", atol=1e-12)
    assert_array(cos, [[1, 0], [-1, 0]], call=f"{call}[1] (cos)", atol=1e-12)


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16, np.int32])
def test_sin_cos_degrees_of_small_integers_is_float64(dtype):
    # np.sin computes int8 and uint8 input in float16 (3 digits) and int16 in float32.
    values = [0, 30, 45, 60, 90, 120]
    degrees = np.array(values, dtype=dtype)
    call = f"sin_cos_degrees(np.array({values}, dtype={np.dtype(dtype).name}))"
    sin, cos = unpack_pair(
        assert_inputs_unchanged(vector_math.sin_cos_degrees, degrees, call=call), call
    )
    why = "integer degrees give float64 results: convert to float64 before np.sin and np.cos"
    for name, got, exact in (("sin", sin, math.sin), ("cos", cos, math.cos)):
        if not isinstance(got, np.ndarray) or got.dtype != np.float64:
            pytest.fail(
                f"{call} ({name}) returned dtype {np.asarray(got).dtype}: {why}", pytrace=False
            )
        expected = [exact(math.radians(v)) for v in values]
        assert_array(got, expected, call=f"{call} ({name})", atol=1e-12)


@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30))
def test_sin_cos_degrees_agrees_with_math(values):
    call = f"sin_cos_degrees({values})"
    sin, cos = unpack_pair(vector_math.sin_cos_degrees(np.array(values)), call)
    expected_sin = [math.sin(math.radians(v)) for v in values]
    expected_cos = [math.cos(math.radians(v)) for v in values]
    assert_array(sin, expected_sin, call=f"{call}[0] (sin)", atol=1e-9)
    assert_array(cos, expected_cos, call=f"{call}[1] (cos)", atol=1e-9)


def test_identity_holds_for_the_seed_angles_despite_rounding():
    # At 120 degrees, sin**2 + cos**2 rounds to 0.9999999999999999: == 1 is too strict.
    sin = np.array([math.sin(math.radians(d)) for d in SEED_DEGREES])
    cos = np.array([math.cos(math.radians(d)) for d in SEED_DEGREES])
    assert not np.all(sin**2 + cos**2 == 1), "test data: expected a rounded sum"
    call = (
        "pythagorean_identity_holds(sin, cos of [0, 30, 45, 60, 90, 120, 180] degrees, "
        "where the sum at 120 degrees is 0.9999999999999999)"
    )
    holds = assert_inputs_unchanged(vector_math.pythagorean_identity_holds, sin, cos, call=call)
    assert_bool(holds, True, call=call, python_bool=True)


@pytest.mark.parametrize(
    ("sin", "cos", "why"),
    [
        ([0.6], [0.6], "0.36 + 0.36 is 0.72"),
        ([0.6], [0.4], "0.6 + 0.4 is 1, but 0.36 + 0.16 is 0.52"),
        ([0.6, 0.6], [0.8, 0.8006], "the second sum is 1.00096"),
        ([0.0, 0.0], [1.0, math.sqrt(1.0001)], "the second sum is 1.0001, 1e-4 too much"),
        ([0.0, 0.0], [1.0, math.sqrt(0.9999)], "the second sum is 0.9999, 1e-4 too little"),
        ([0.0, float("nan")], [1.0, 1.0], "NaN is never 1"),
    ],
    ids=[
        "sums to 0.72",
        "sin + cos is 1",
        "one sum off by 1e-3",
        "1e-4 above",
        "1e-4 below",
        "NaN",
    ],
)
def test_identity_fails_when_a_sum_is_not_one(sin, cos, why):
    call = f"pythagorean_identity_holds({sin}, {cos})"
    holds = vector_math.pythagorean_identity_holds(np.array(sin), np.array(cos))
    assert_bool(holds, False, call=f"{call} ({why}; a sum off by 1e-4 or more is not 1)")


def test_identity_holds_for_empty_arrays():
    holds = vector_math.pythagorean_identity_holds(np.array([]), np.array([]))
    assert_bool(holds, True, call="pythagorean_identity_holds([], [])")


@given(st.lists(st.floats(-1e4, 1e4), min_size=1, max_size=30))
def test_identity_holds_for_any_angles_and_fails_when_scaled(values):
    radians = np.radians(values)
    sin, cos = np.sin(radians), np.cos(radians)
    call = f"pythagorean_identity_holds(sin, cos of {values} degrees)"
    assert_bool(vector_math.pythagorean_identity_holds(sin, cos), True, call=call)
    scaled = f"pythagorean_identity_holds(1.01 * sin, 1.01 * cos of {values} degrees)"
    assert_bool(vector_math.pythagorean_identity_holds(1.01 * sin, 1.01 * cos), False, call=scaled)


@pytest.mark.parametrize("cos_size", [1, 2])
def test_identity_refuses_arrays_of_different_shapes(cos_size):
    sin, cos = np.zeros(3), np.ones(cos_size)
    call = f"pythagorean_identity_holds(3 values, {cos_size} values)"
    assert_raises_naming(
        ValueError, "cos", vector_math.pythagorean_identity_holds, sin, cos, call=call
    )


# --- percent_returns ---------------------------------------------------------------------------


def test_percent_returns_of_the_seed_price_history():
    prices = np.array(SEED_PRICES)
    expected = [
        100 * (after - before) / before for before, after in itertools.pairwise(SEED_PRICES)
    ]
    got = assert_inputs_unchanged(vector_math.percent_returns, prices, call="percent_returns")
    assert_array(got, expected, call=f"percent_returns({SEED_PRICES})", rtol=1e-12)


def test_percent_returns_of_the_seed_practice_prices():
    # prices = 100 * cumprod(1 + rates), so each day's return is that day's rate.
    rates, prices, _ = seed_practice_data()
    got = vector_math.percent_returns(prices)
    call = "percent_returns(the seed's 30 prices from np.random.seed(42))"
    assert_array(got, 100 * rates[1:], call=call, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize(
    ("prices", "expected"),
    [
        ([100, 110, 99], [10.0, -10.0]),
        ([100.0, 110.0, 99.0], [10.0, -10.0]),
        ([50, 75], [50.0]),
        ([80.0, 80.0, 20.0, 40.0], [0.0, -75.0, 100.0]),
    ],
)
def test_percent_returns_by_hand(prices, expected):
    got = vector_math.percent_returns(np.array(prices))
    assert_array(got, expected, call=f"percent_returns({prices})", rtol=1e-12)
    assert_dtype_kind(got, "f", call=f"percent_returns({prices})", why="the result is float")


@pytest.mark.parametrize(
    ("prices", "dtype", "expected"),
    [
        ([100, 90, 200], np.uint8, [-10.0, 100 * 110 / 90]),
        ([100, 110, 55], np.int8, [10.0, -50.0]),
        ([1000, 1500, 750], np.int16, [50.0, -50.0]),
    ],
    ids=["uint8", "int8", "int16"],
)
def test_percent_returns_of_small_integer_prices(prices, dtype, expected):
    # In uint8, 90 - 100 wraps around to 246; in int8 or int16, a change times 100 overflows.
    array = np.array(prices, dtype=dtype)
    call = f"percent_returns(np.array({prices}, dtype={np.dtype(dtype).name}))"
    got = assert_inputs_unchanged(vector_math.percent_returns, array, call=call)
    assert_array(got, expected, call=f"{call} (compute in floats: integers wrap)", rtol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="returns are fractions of a price: floats")


def test_percent_returns_leave_a_missing_price_missing():
    prices = np.array([100.0, np.nan, 110.0, 121.0])
    call = "percent_returns([100, nan, 110, 121])"
    got = call_with_a_missing_price(vector_math.percent_returns, prices, call)
    assert_array(got, [np.nan, np.nan, 10.0], call=call, rtol=1e-12)


@given(st.lists(st.floats(1.0, 1000.0), min_size=2, max_size=40))
def test_percent_returns_compound_to_the_whole_change(values):
    prices = np.array(values)
    got = vector_math.percent_returns(prices)
    call = f"percent_returns({values})"
    assert_array(got[:1], [100 * (values[1] - values[0]) / values[0]], call=f"{call}[:1]")
    growth = math.prod(1 + r / 100 for r in got.tolist())
    assert_value(
        growth, values[-1] / values[0], call=f"the product of (1 + {call} / 100)", rtol=1e-9
    )


@pytest.mark.parametrize("prices", [[], [100.0], [100.0, 0.0, 5.0], [100.0, -5.0]])
def test_percent_returns_refuse_too_few_or_non_positive_prices(prices):
    call = f"percent_returns({prices})"
    assert_raises_naming(
        ValueError, "prices", vector_math.percent_returns, np.array(prices), call=call
    )


# --- moving_average ----------------------------------------------------------------------------


def test_moving_average_of_the_seed_price_history_over_5_days():
    prices = np.array(SEED_PRICES)
    # (100 + 102 + 98 + 105 + 103) / 5 = 101.6, and so on one day at a time.
    expected = [101.6, 103.6, 104.8, 108.2, 109.6, 112.6]
    got = assert_inputs_unchanged(vector_math.moving_average, prices, 5, call="moving_average")
    assert_array(got, expected, call=f"moving_average({SEED_PRICES}, 5)", rtol=1e-12)
    default = vector_math.moving_average(prices)
    assert_array(
        default, expected, call=f"moving_average({SEED_PRICES}) (window 5 by default)", rtol=1e-12
    )


def test_moving_average_of_the_seed_practice_prices():
    _, prices, _ = seed_practice_data()
    values = prices.tolist()
    expected = [math.fsum(values[i : i + 5]) / 5 for i in range(len(values) - 4)]
    got = vector_math.moving_average(prices, 5)
    call = "moving_average(the seed's 30 prices from np.random.seed(42), 5)"
    assert_array(got, expected, call=call, rtol=1e-12)


@pytest.mark.parametrize(
    ("prices", "window", "expected"),
    [
        ([1, 2, 3, 4, 5], 3, [2.0, 3.0, 4.0]),
        ([1, 2, 3, 4], 2, [1.5, 2.5, 3.5]),
        ([4.0, 8.0, 6.0], 1, [4.0, 8.0, 6.0]),
        ([4.0, 8.0, 6.0], 3, [6.0]),
        ([10.0, 0.0, 10.0, 0.0, 10.0, 0.0, 10.0], 4, [5.0, 5.0, 5.0, 5.0]),
    ],
)
def test_moving_average_by_hand(prices, window, expected):
    got = vector_math.moving_average(np.array(prices), window)
    assert_array(got, expected, call=f"moving_average({prices}, {window})", rtol=1e-12)


@pytest.mark.parametrize(
    ("prices", "dtype", "window", "expected"),
    [
        ([200, 250, 100, 255], np.uint8, 2, [225.0, 175.0, 177.5]),
        ([20000, 20000, 20000, -5], np.int16, 3, [20000.0, 39995 / 3]),
        ([1, 2, 3, 4, 6], np.int64, 2, [1.5, 2.5, 3.5, 5.0]),
    ],
    ids=["uint8", "int16", "int64"],
)
def test_moving_average_of_integer_prices(prices, dtype, window, expected):
    # A window's sum of uint8 or int16 prices does not fit their dtype: it must not wrap.
    array = np.array(prices, dtype=dtype)
    call = f"moving_average(np.array({prices}, dtype={np.dtype(dtype).name}), {window})"
    got = assert_inputs_unchanged(vector_math.moving_average, array, window, call=call)
    assert_array(got, expected, call=call, rtol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="a mean of integers is a float")


def test_moving_average_spreads_a_missing_price_only_to_its_windows():
    prices = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0, 7.0])
    call = "moving_average([1, 2, nan, 4, 5, 6, 7], 2)"
    assert_array(
        vector_math.moving_average(prices, 2), [1.5, np.nan, np.nan, 4.5, 5.5, 6.5], call=call
    )


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=40),
)
def test_moving_average_is_the_mean_of_each_window(values, window):
    window = min(window, len(values))
    expected = [
        math.fsum(values[i : i + window]) / window for i in range(len(values) - window + 1)
    ]
    got = vector_math.moving_average(np.array(values), window)
    assert_array(got, expected, call=f"moving_average({values}, {window})", rtol=1e-9, atol=1e-6)


@pytest.mark.parametrize(("size", "window"), [(5, 0), (5, -1), (5, 6), (0, 5)])
def test_moving_average_refuses_a_window_that_does_not_fit(size, window):
    prices = np.arange(100.0, 100.0 + size)
    call = f"moving_average({size} prices, {window})"
    assert_raises_naming(
        ValueError, "window", vector_math.moving_average, prices, window, call=call
    )


def test_moving_average_is_fast_on_a_long_series(timed_gate):
    # 10^6 prices, window 5: np.convolve takes about 0.9 ms on the reference machine; a loop
    # taking prices[i:i + 5].mean() for every window many times the budget. A running sum over
    # a Python list is too quick to tell by time: the loop gate finds it.
    prices = np.random.default_rng(0).uniform(50, 150, size=1_000_000)
    timed_gate(
        vector_math.moving_average, (prices, 5), warmup=(prices[:20].copy(), 5), budget_ms=66
    )


def test_moving_average_has_no_python_loop(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(
        vector_math.moving_average, lambda n: (rng.uniform(50, 150, size=n), 5), over="prices"
    )


# --- cumulative_return -------------------------------------------------------------------------


def test_cumulative_return_of_the_seed_price_history():
    prices = np.array(SEED_PRICES)
    got = assert_inputs_unchanged(vector_math.cumulative_return, prices, call="cumulative_return")
    assert_value(got, 0.18, call=f"cumulative_return({SEED_PRICES}) (118 / 100 - 1)", rtol=1e-12)


def test_cumulative_return_of_the_seed_practice_prices():
    # 100 * cumprod(1 + rates) grows by (1 + rate) each day after the first: about -9.39 %.
    rates, prices, _ = seed_practice_data()
    expected = math.prod(1 + r for r in rates[1:].tolist()) - 1
    got = vector_math.cumulative_return(prices)
    call = "cumulative_return(the seed's 30 prices from np.random.seed(42))"
    assert_value(got, expected, call=call, rtol=1e-9)


@pytest.mark.parametrize(
    ("prices", "expected"),
    [([100, 125], 0.25), ([200.0, 150.0], -0.25), ([100.0, 300.0, 50.0, 100.0], 0.0)],
)
def test_cumulative_return_is_a_fraction(prices, expected):
    call = f"cumulative_return({prices}) (a fraction: 0.25 means +25 %)"
    got = vector_math.cumulative_return(np.array(prices))
    assert_value(got, expected, call=call, atol=1e-12)
    assert isinstance(got, (float, np.floating)), (
        f"{call} returned {got!r} ({type(got).__name__}); expected a Python or NumPy float"
    )


def test_cumulative_return_of_a_missing_last_price_is_nan():
    prices = np.array([100.0, 110.0, np.nan])
    call = "cumulative_return([100, 110, nan])"
    assert_value(
        call_with_a_missing_price(vector_math.cumulative_return, prices, call), np.nan, call=call
    )


@pytest.mark.parametrize(
    ("prices", "expected"),
    [([100.0, np.nan, 120.0], 0.2), ([100.0, 90.0, np.nan, np.nan, 125.0], 0.25)],
    ids=["one-gap", "two-gaps"],
)
def test_cumulative_return_ignores_a_missing_price_in_between(prices, expected):
    # Only the first and the last price count: compounding the daily returns instead gives NaN.
    array = np.array(prices)
    call = f"cumulative_return({prices}) (prices[-1] / prices[0] - 1: a gap in between is fine)"
    got = call_with_a_missing_price(vector_math.cumulative_return, array, call)
    assert_value(got, expected, call=call, rtol=1e-12)


def test_cumulative_return_of_a_missing_first_price_is_nan():
    prices = np.array([np.nan, 110.0, 120.0])
    call = "cumulative_return([nan, 110, 120])"
    assert_value(
        call_with_a_missing_price(vector_math.cumulative_return, prices, call), np.nan, call=call
    )


@pytest.mark.parametrize(
    ("prices", "dtype", "expected"),
    [
        ([200, 150, 100], np.uint8, -0.5),
        ([100, 3, 250], np.uint8, 1.5),
        ([40, 127], np.int8, 2.175),
    ],
    ids=["uint8-fall", "uint8-rise", "int8"],
)
def test_cumulative_return_of_small_integer_prices(prices, dtype, expected):
    # In uint8, 100 - 200 wraps around to 156.
    array = np.array(prices, dtype=dtype)
    call = f"cumulative_return(np.array({prices}, dtype={np.dtype(dtype).name}))"
    got = assert_inputs_unchanged(vector_math.cumulative_return, array, call=call)
    assert_value(got, expected, call=call, rtol=1e-12)
    assert isinstance(got, (float, np.floating)), (
        f"{call} returned {got!r} ({type(got).__name__}); expected a float"
    )


@given(st.lists(st.floats(1.0, 1000.0), min_size=2, max_size=40))
def test_cumulative_return_compounds_the_percent_returns(values):
    prices = np.array(values)
    daily = vector_math.percent_returns(prices).tolist()
    expected = math.prod(1 + r / 100 for r in daily) - 1
    call = f"cumulative_return({values})"
    assert_value(vector_math.cumulative_return(prices), expected, call=call, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("prices", [[], [100.0], [100.0, 0.0, 5.0], [-100.0, 50.0]])
def test_cumulative_return_refuses_too_few_or_non_positive_prices(prices):
    call = f"cumulative_return({prices})"
    assert_raises_naming(
        ValueError, "prices", vector_math.cumulative_return, np.array(prices), call=call
    )


# --- winsorise ---------------------------------------------------------------------------------


def test_winsorise_one_to_ten_by_hand():
    # 10th percentile: rank 0.9 between 1 and 2 is 1.9; 90th: rank 8.1 between 9 and 10 is 9.1.
    data = np.arange(1, 11)
    got = assert_inputs_unchanged(vector_math.winsorise, data, call="winsorise")
    expected = [1.9, 2, 3, 4, 5, 6, 7, 8, 9, 9.1]
    assert_array(got, expected, call="winsorise([1, 2, ..., 10])", rtol=1e-12)
    assert_dtype_kind(
        got, "f", call="winsorise([1, 2, ..., 10])", why="the percentiles 1.9 and 9.1 are floats"
    )


def test_winsorise_of_small_integers():
    # uint8 values 25, 50, ..., 250: the percentiles are 47.5 and 227.5, not whole numbers.
    data = np.arange(25, 251, 25, dtype=np.uint8)
    call = "winsorise(np.arange(25, 251, 25, dtype=uint8))"
    got = assert_inputs_unchanged(vector_math.winsorise, data, call=call)
    expected = [47.5, 50, 75, 100, 125, 150, 175, 200, 225, 227.5]
    assert_array(got, expected, call=call, rtol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the result is a float array")


def test_winsorise_returns_a_new_array_even_when_nothing_is_capped():
    data = np.array([3.0, 1.0, 2.0])
    call = "winsorise([3.0, 1.0, 2.0], 0, 100)"
    got = vector_math.winsorise(data, 0, 100)
    assert_array(got, data, call=call, exact=True)
    if np.shares_memory(got, data):
        pytest.fail(
            f"{call} returned data itself (or a view of it): the contract promises a new array, "
            "so that writing into the result never changes the caller's data",
            pytrace=False,
        )


def test_winsorise_takes_the_percentiles_of_all_values_of_a_matrix():
    data = np.arange(1.0, 11.0).reshape(2, 5)
    expected = [[1.9, 2, 3, 4, 5], [6, 7, 8, 9, 9.1]]
    got = vector_math.winsorise(data)
    assert_array(got, expected, call="winsorise([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])", rtol=1e-12)


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [
        (0, 50, [1, 2, 3, 4, 5, 5.5, 5.5, 5.5, 5.5, 5.5]),
        (25, 100, [3.25, 3.25, 3.25, 4, 5, 6, 7, 8, 9, 10]),
        (0, 100, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (50, 50, [5.5] * 10),
    ],
)
def test_winsorise_other_percentiles_by_hand(lower, upper, expected):
    data = np.array([7.0, 1.0, 10.0, 4.0, 2.0, 9.0, 3.0, 6.0, 8.0, 5.0])
    order = np.argsort(data)
    got = vector_math.winsorise(data, lower, upper)
    call = f"winsorise({data.tolist()}, {lower}, {upper})"
    expected_in_place = np.empty(10)
    expected_in_place[order] = expected
    assert_array(got, expected_in_place, call=call, rtol=1e-12)


def test_winsorise_the_seed_practice_data():
    _, _, data = seed_practice_data()
    low, high = percentile_by_hand(data, 10), percentile_by_hand(data, 90)
    expected = [min(max(v, low), high) for v in data.tolist()]
    got = assert_inputs_unchanged(vector_math.winsorise, data, call="winsorise")
    call = "winsorise(the seed's 100 values after np.random.seed(42))"
    assert_array(got, expected, call=call, rtol=1e-12)
    assert_value(float(np.min(got)), low, call=f"min of {call}", rtol=1e-12)
    assert_value(float(np.max(got)), high, call=f"max of {call}", rtol=1e-12)


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=50),
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=0, max_value=100),
)
def test_winsorise_caps_at_the_percentiles(values, q1, q2):
    lower, upper = min(q1, q2), max(q1, q2)
    low, high = percentile_by_hand(values, lower), percentile_by_hand(values, upper)
    data = np.array(values)
    call = f"winsorise({values}, {lower}, {upper})"
    got = assert_inputs_unchanged(vector_math.winsorise, data, lower, upper, call=call)
    expected = [min(max(v, low), high) for v in values]
    assert_array(got, expected, call=call, rtol=1e-9, atol=1e-6)


def test_winsorise_refuses_empty_data():
    call = "winsorise([])"
    assert_raises_naming(ValueError, "data", vector_math.winsorise, np.array([]), call=call)


@pytest.mark.parametrize(
    ("lower", "upper", "names"),
    [(-1, 90, ["lower"]), (10, 101, ["upper"]), (90, 10, ["lower", "upper"])],
)
def test_winsorise_refuses_bad_percentiles(lower, upper, names):
    data = np.arange(10.0)
    call = f"winsorise(data, lower={lower}, upper={upper})"
    for name in names:
        assert_raises_naming(
            ValueError, name, vector_math.winsorise, data, lower, upper, call=call
        )


def test_winsorise_has_no_python_loop(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(vector_math.winsorise, lambda n: (rng.normal(size=n) * 10,), over="values")
