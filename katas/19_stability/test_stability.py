"""Tests for kata 19: run ``pytest katas/19_stability``."""

import itertools
import math
import warnings

import numpy as np
import pytest
import stability
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import assert_array, assert_inputs_unchanged, assert_raises_naming

nan, inf = np.nan, np.inf

# Reference values, computed with Python's decimal module at 40 digits.
SOFTMAX_1_2_3 = [0.09003057317038046, 0.24472847105479765, 0.6652409557748219]
SOFTMAX_1_2_0 = [0.24472847105479765, 0.6652409557748219, 0.09003057317038046]
SOFTMAX_2_4_8 = [0.002428258029591337, 0.01794253480332919, 0.9796292071670795]
LOG_SOFTMAX_1_2_3 = [-2.4076059644443803, -1.4076059644443803, -0.4076059644443803]
LOGSUMEXP_1_2_3 = 3.4076059644443806

# A 2 x 3 batch, so that axis=0 and axis=-1 give different shapes and values.
BATCH = [[1.0, 2.0, 3.0], [2.0, 4.0, 8.0]]
BATCH_SOFTMAX = {
    -1: [SOFTMAX_1_2_3, SOFTMAX_2_4_8],
    # columns [1, 2], [2, 4], [3, 8]
    0: [
        [0.2689414213699951, 0.11920292202211755, 0.0066928509242848554],
        [0.7310585786300049, 0.8807970779778824, 0.9933071490757153],
    ],
}
BATCH_LOGSUMEXP = {
    -1: [LOGSUMEXP_1_2_3, 8.02058113894733],
    0: [2.313261687518223, 4.126928011042972, 8.006715348489118],
}

# Rows on wildly different scales: one shared shift cannot serve them all, and the batch is
# square, so a max or sum taken without keepdims broadcasts along the wrong axis silently.
SCALES = [[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0], [1.0, 2.0, 3.0]]
SCALES_SOFTMAX = [SOFTMAX_1_2_0, SOFTMAX_1_2_0, SOFTMAX_1_2_3]
SCALES_LOGSUMEXP = [1001.4076059644444, -998.5923940355556, LOGSUMEXP_1_2_3]

STABLE = ["stable_softmax", "log_softmax", "logsumexp"]


def _call_recording_warnings(func, *args):
    """func(*args) and the messages of the RuntimeWarnings it emitted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _assert_no_runtime_warning(messages, *, call):
    __tracebackhide__ = True
    assert not messages, (
        f"{call} emitted RuntimeWarning: {messages[0]!r}. The contract promises no warning "
        "here: no exp may overflow and no 0/0, inf - inf or log(0) may be computed."
    )


def _logits():
    """2-D float arrays with entries in [-1000, 1000], where exp alone overflows."""
    shapes = hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6)
    return hnp.arrays(np.float64, shapes, elements=st.floats(-1000, 1000))


# --- naive_softmax ----------------------------------------------------------------------------


def test_naive_softmax_of_1_2_3_matches_the_seed():
    got = stability.naive_softmax(np.array([1.0, 2.0, 3.0]))
    assert_array(got, SOFTMAX_1_2_3, call="naive_softmax([1, 2, 3])")


@pytest.mark.parametrize("axis", [-1, 0])
def test_naive_softmax_normalises_along_the_given_axis(axis):
    got = stability.naive_softmax(np.array(BATCH), axis)
    assert_array(got, BATCH_SOFTMAX[axis], call=f"naive_softmax({BATCH}, axis={axis})")


@pytest.mark.parametrize(
    ("logits", "what_exp_does"),
    [
        ([1000.0, 1001.0, 999.0], "overflows to inf"),
        ([-1000.0, -999.0, -1001.0], "underflows to 0"),
    ],
    ids=["plus_1000", "minus_1000"],
)
def test_naive_softmax_breaks_on_the_seed_logits_and_warns(logits, what_exp_does):
    call = f"naive_softmax({logits})"
    got, messages = _call_recording_warnings(stability.naive_softmax, np.array(logits))
    assert np.isnan(np.asarray(got, dtype=float)).all(), (
        f"{call} returned {got!r}; expected [nan, nan, nan]: there exp({logits[0]:g}) "
        f"{what_exp_does}, so exp(x) / sum(exp(x)) is NaN. naive_softmax is the baseline that "
        "shows this failure: compute exactly exp(x) / sum(exp(x)), with no shift."
    )
    assert messages, (
        f"{call} returned NaN without a RuntimeWarning: NumPy warns when exp overflows or 0/0 "
        "is computed. Do not silence it in naive_softmax (no np.errstate there)."
    )


# --- stable_softmax ---------------------------------------------------------------------------


def test_stable_softmax_of_1_2_3_matches_the_seed():
    got = stability.stable_softmax(np.array([1.0, 2.0, 3.0]))
    assert_array(got, SOFTMAX_1_2_3, call="stable_softmax([1, 2, 3])")


@pytest.mark.parametrize(
    "logits",
    [[1000.0, 1001.0, 999.0], [-1000.0, -999.0, -1001.0]],
    ids=["plus_1000", "minus_1000"],
)
def test_stable_softmax_survives_the_seed_logits_without_a_warning(logits):
    call = f"stable_softmax({logits})"
    got, messages = _call_recording_warnings(stability.stable_softmax, np.array(logits))
    assert_array(got, SOFTMAX_1_2_0, call=call)
    _assert_no_runtime_warning(messages, call=call)


@pytest.mark.parametrize("axis", [-1, 0])
def test_stable_softmax_normalises_along_the_given_axis(axis):
    got = stability.stable_softmax(np.array(BATCH), axis)
    assert_array(got, BATCH_SOFTMAX[axis], call=f"stable_softmax({BATCH}, axis={axis})")


def test_stable_softmax_shifts_each_row_by_its_own_max():
    got = stability.stable_softmax(np.array(SCALES))
    assert_array(got, SCALES_SOFTMAX, call=f"stable_softmax({SCALES})")


@given(_logits(), st.sampled_from([0, -1]))
def test_stable_softmax_slices_are_probabilities_summing_to_one(x, axis):
    got = stability.stable_softmax(x, axis)
    call = f"stable_softmax({x.tolist()}, axis={axis})"
    assert_array(np.sum(got, axis=axis), np.ones(np.delete(x.shape, axis)), call=f"sums of {call}")
    assert np.all((got >= 0) & (got <= 1)), f"{call} returned entries outside [0, 1]:\n{got}"


@given(st.data(), st.sampled_from([0, -1]))
def test_stable_softmax_ignores_a_constant_added_to_each_slice(data, axis):
    x = data.draw(_logits(), label="x")
    one_per_slice = tuple(1 if d == axis % x.ndim else n for d, n in enumerate(x.shape))
    offsets = data.draw(hnp.arrays(np.float64, one_per_slice, elements=st.floats(-1000, 1000)))
    call = f"stable_softmax(x + offsets, axis={axis}) vs stable_softmax(x)"
    got = stability.stable_softmax(x + offsets, axis)
    assert_array(got, stability.stable_softmax(x, axis), call=f"{call}, x={x.tolist()}")


# --- log_softmax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logits", "expected"),
    [
        ([1.0, 2.0, 3.0], LOG_SOFTMAX_1_2_3),
        ([1000.0, 1001.0, 999.0], np.roll(LOG_SOFTMAX_1_2_3, -1)),
        ([-1000.0, -999.0, -1001.0], np.roll(LOG_SOFTMAX_1_2_3, -1)),
    ],
    ids=["1_2_3", "plus_1000", "minus_1000"],
)
def test_log_softmax_matches_the_seed_without_a_warning(logits, expected):
    call = f"log_softmax({logits})"
    got, messages = _call_recording_warnings(stability.log_softmax, np.array(logits))
    assert_array(got, expected, call=call)
    _assert_no_runtime_warning(messages, call=call)


def test_log_softmax_stays_finite_where_softmax_underflows():
    call = "log_softmax([0, -1000])"
    got, messages = _call_recording_warnings(stability.log_softmax, np.array([0.0, -1000.0]))
    assert np.isfinite(np.asarray(got, dtype=float)).all(), (
        f"{call} returned {got!r}; expected [0, -1000]. softmax([0, -1000]) is [1, exp(-1000)], "
        "and exp(-1000) underflows to 0, so log(softmax(x)) gives log(0) = -inf. Work in log "
        "space instead: log_softmax(x) = x - logsumexp(x)."
    )
    assert_array(got, [0.0, -1000.0], call=call)
    _assert_no_runtime_warning(messages, call=call)


@pytest.mark.parametrize("axis", [-1, 0])
def test_log_softmax_works_along_the_given_axis(axis):
    got = stability.log_softmax(np.array(BATCH), axis)
    expected = np.log(BATCH_SOFTMAX[axis])
    assert_array(got, expected, call=f"log_softmax({BATCH}, axis={axis})")


def test_log_softmax_shifts_each_row_by_its_own_max():
    got = stability.log_softmax(np.array(SCALES))
    assert_array(got, np.log(SCALES_SOFTMAX), call=f"log_softmax({SCALES})")


@given(_logits(), st.sampled_from([0, -1]))
def test_exp_of_log_softmax_is_stable_softmax(x, axis):
    got = np.exp(stability.log_softmax(x, axis))
    expected = stability.stable_softmax(x, axis)
    call = f"exp(log_softmax({x.tolist()}, axis={axis}))"
    assert_array(got, expected, call=f"{call} vs stable_softmax", rtol=1e-9)


# --- logsumexp --------------------------------------------------------------------------------


def test_logsumexp_of_the_seed_logits():
    call = "logsumexp([1000, 1001, 999])"
    got, messages = _call_recording_warnings(
        stability.logsumexp, np.array([1000.0, 1001.0, 999.0])
    )
    assert_array(np.asarray(got), np.array(1001.4076059644444), call=call, rtol=1e-12)
    _assert_no_runtime_warning(messages, call=call)


@pytest.mark.parametrize("axis", [-1, 0])
def test_logsumexp_reduces_the_given_axis(axis):
    got = np.asarray(stability.logsumexp(np.array(BATCH), axis))
    assert_array(got, BATCH_LOGSUMEXP[axis], call=f"logsumexp({BATCH}, axis={axis})")


def test_logsumexp_shifts_each_row_by_its_own_max():
    got = np.asarray(stability.logsumexp(np.array(SCALES)))
    assert_array(got, SCALES_LOGSUMEXP, call=f"logsumexp({SCALES})")


@given(_logits(), st.sampled_from([0, -1]))
def test_logsumexp_matches_log_of_sum_of_exp_where_that_is_finite(x, axis):
    call = f"logsumexp({x.tolist()}, axis={axis})"
    got = np.asarray(stability.logsumexp(x, axis))
    peak = np.max(x, axis=axis)
    assert got.shape == peak.shape, f"{call} has shape {got.shape}, expected {peak.shape}"
    # Always: max <= logsumexp <= max + log(n), n the length of a slice.
    ceiling = peak + np.log(x.shape[axis])
    slack = 1e-9 * np.maximum(np.abs(peak), 1)
    assert np.all((got >= peak - slack) & (got <= ceiling + slack)), (
        f"{call} returned {got}; each entry must lie between its slice's max {peak} "
        f"and that max + log(n) {ceiling}"
    )
    # Where the plain formula neither overflows nor loses digits in subnormals, they agree.
    with np.errstate(over="ignore"):
        total = np.sum(np.exp(x), axis=axis)
    comparable = np.isfinite(total) & (total >= np.finfo(np.float64).tiny)
    assert_array(got[comparable], np.log(total[comparable]), call=call, rtol=1e-9)


# --- masked logits, NaN and empty input: all three stable functions ---------------------------


def test_stable_softmax_gives_masked_logits_zero_probability():
    x = [[2.0, -inf, 0.0], [-inf, 1.0, 1.0]]
    call = f"stable_softmax({x})"
    got, messages = _call_recording_warnings(stability.stable_softmax, np.array(x))
    assert_array(got, [[0.8807970779778824, 0.0, 0.11920292202211755], [0.0, 0.5, 0.5]], call=call)
    _assert_no_runtime_warning(messages, call=call)


def test_log_softmax_of_masked_logits_is_minus_inf():
    x = [[2.0, -inf, 0.0], [-inf, 1.0, 1.0]]
    call = f"log_softmax({x})"
    got, messages = _call_recording_warnings(stability.log_softmax, np.array(x))
    minus_log_2 = -math.log(2)
    expected = [
        [-0.12692801104297252, -inf, -2.1269280110429727],
        [-inf, minus_log_2, minus_log_2],
    ]
    assert_array(got, expected, call=call)
    _assert_no_runtime_warning(messages, call=call)


def test_logsumexp_skips_masked_logits():
    x = [[2.0, -inf, 0.0], [-inf, 1.0, 1.0]]
    call = f"logsumexp({x})"
    got, messages = _call_recording_warnings(stability.logsumexp, np.array(x))
    assert_array(np.asarray(got), [2.1269280110429727, 1.6931471805599454], call=call)
    _assert_no_runtime_warning(messages, call=call)


ALL_MASKED = [[-inf, -inf, -inf], [0.0, 0.0, 0.0]]
ALL_MASKED_EXPECTED = {
    "stable_softmax": [[nan, nan, nan], [1 / 3, 1 / 3, 1 / 3]],
    "log_softmax": [[nan, nan, nan], [-math.log(3)] * 3],
    # The log of a sum of zeros: -inf, not NaN.
    "logsumexp": [-inf, math.log(3)],
}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the contract allows warnings here
@pytest.mark.parametrize("name", STABLE)
def test_a_row_of_only_minus_inf(name):
    got = np.asarray(getattr(stability, name)(np.array(ALL_MASKED)))
    assert_array(got, ALL_MASKED_EXPECTED[name], call=f"{name}({ALL_MASKED})")


WITH_NAN = [[1.0, nan, 2.0], [1.0, 2.0, 3.0]]
WITH_NAN_EXPECTED = {
    "stable_softmax": [[nan, nan, nan], SOFTMAX_1_2_3],
    "log_softmax": [[nan, nan, nan], LOG_SOFTMAX_1_2_3],
    "logsumexp": [nan, LOGSUMEXP_1_2_3],
}


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the contract allows warnings here
@pytest.mark.parametrize("name", STABLE)
def test_a_nan_makes_only_its_own_row_nan(name):
    got = np.asarray(getattr(stability, name)(np.array(WITH_NAN)))
    assert_array(got, WITH_NAN_EXPECTED[name], call=f"{name}({WITH_NAN})")


@pytest.mark.parametrize("name", STABLE)
def test_an_empty_x_is_refused(name):
    call = f"{name}(np.array([]))"
    assert_raises_naming(ValueError, "x", getattr(stability, name), np.array([]), call=call)


# int8 logits at the ends of its range: in int8, -100 - 100 wraps around to 56, and np.exp
# computes int8 in float16, where exp(56) overflows. Values from math.exp, in float64.
SMALL_INT_LOGITS = [[100, -100, 0], [5, 5, 5]]
_TAIL = math.exp(-100.0) + math.exp(-200.0)
SMALL_INT_EXPECTED = {
    "stable_softmax": [
        [1 / (1 + _TAIL), math.exp(-200.0) / (1 + _TAIL), math.exp(-100.0) / (1 + _TAIL)],
        [1 / 3] * 3,
    ],
    "log_softmax": [
        [-math.log1p(_TAIL), -200.0 - math.log1p(_TAIL), -100.0 - math.log1p(_TAIL)],
        [-math.log(3)] * 3,
    ],
    "logsumexp": [100.0 + math.log1p(_TAIL), 5.0 + math.log(3)],
}


@pytest.mark.parametrize("dtype", [np.int8, np.int16])
@pytest.mark.parametrize("name", STABLE)
def test_small_integer_logits_are_computed_in_float64(name, dtype):
    x = np.array(SMALL_INT_LOGITS, dtype=dtype)
    call = (
        f"{name}(np.array({SMALL_INT_LOGITS}, dtype={np.dtype(dtype).name})) (compute in float64)"
    )
    got = assert_inputs_unchanged(getattr(stability, name), x, call=call)
    # Probabilities down to exp(-200) must be there, not 0; logs are compared to 1e-12.
    atol = 1e-300 if name == "stable_softmax" else 1e-12
    assert_array(np.asarray(got), SMALL_INT_EXPECTED[name], call=call, rtol=1e-9, atol=atol)


@pytest.mark.parametrize("name", ["naive_softmax", *STABLE])
def test_x_is_not_modified(name):
    x = np.array(SCALES) / 10  # small enough for naive_softmax too
    assert_inputs_unchanged(getattr(stability, name), x, call=f"{name}({x.tolist()})")


# --- gates: stable_softmax and log_softmax ----------------------------------------------------


def _tall_logits(rows):
    return np.random.default_rng(19).normal(scale=30, size=(rows, 10))


def test_stable_softmax_is_fast_on_a_tall_batch(timed_gate):
    # 200_000 rows of 10 logits: whole-array NumPy takes about 19 ms on the reference
    # machine, a loop over the rows many times the budget (the loop's cost is per row, which
    # is why the batch is tall and thin).
    logits = _tall_logits(200_000)
    timed_gate(stability.stable_softmax, (logits,), warmup=(logits[:2].copy(),), budget_ms=235)


def test_stable_softmax_has_no_python_loop_over_rows(loop_gate):
    loop_gate(stability.stable_softmax, lambda n: (_tall_logits(n),), over="rows")


def test_log_softmax_has_no_python_loop_over_rows(loop_gate):
    loop_gate(stability.log_softmax, lambda n: (_tall_logits(n),), over="rows")


# --- forward_fill -----------------------------------------------------------------------------


def test_forward_fill_matches_the_seed():
    values = [1.0, 2.0, nan, 4.0, nan, 6.0]
    got = stability.forward_fill(np.array(values))
    assert_array(got, [1.0, 2.0, 2.0, 4.0, 4.0, 6.0], call=f"forward_fill({values})", exact=True)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([nan, nan, 3.0, nan, 5.0], [nan, nan, 3.0, 3.0, 5.0]),  # leading NaNs stay NaN
        ([5.0, nan, 3.0, nan, nan, 1.0], [5.0, 5.0, 3.0, 3.0, 3.0, 1.0]),  # last, not largest
        ([1.0, inf, nan, -inf, nan], [1.0, inf, inf, -inf, -inf]),  # inf is a value, not a gap
        ([nan, nan, nan], [nan, nan, nan]),
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
        ([], []),
    ],
    ids=["leading_nan", "decreasing", "inf", "all_nan", "no_nan", "empty"],
)
def test_forward_fill_edge_cases(values, expected):
    got = stability.forward_fill(np.array(values))
    assert_array(got, expected, call=f"forward_fill({values})", exact=True)


@pytest.mark.parametrize("values", [[1.0, 2.0, 3.0], [nan, 4.0], [7.0]], ids=str)
def test_forward_fill_returns_a_new_array_even_without_gaps(values):
    array = np.array(values)
    call = f"forward_fill({values})"
    got = assert_inputs_unchanged(stability.forward_fill, array, call=call)
    if np.shares_memory(got, array):
        pytest.fail(
            f"{call} returned values itself (or a view of it): the contract promises a new "
            "array, so that filling or writing into the result never changes the caller's data",
            pytrace=False,
        )


@given(st.lists(st.one_of(st.just(nan), st.floats(allow_nan=False)), max_size=40))
def test_forward_fill_copies_the_last_value_before_each_gap(values):
    expected, last = [], nan
    for value in values:
        last = last if math.isnan(value) else value
        expected.append(last)
    got = stability.forward_fill(np.array(values, dtype=float))
    assert_array(got, np.array(expected, dtype=float), call=f"forward_fill({values})", exact=True)


def test_forward_fill_does_not_modify_its_input():
    values = np.array([nan, 1.0, nan, 3.0, nan])
    assert_inputs_unchanged(
        stability.forward_fill, values, call="forward_fill([nan, 1, nan, 3, nan])"
    )


def test_forward_fill_refuses_a_matrix():
    values = np.array([[1.0, nan], [nan, 2.0]])
    call = "forward_fill(a 2x2 array)"
    assert_raises_naming(ValueError, "values", stability.forward_fill, values, call=call)


def _gappy_values(n):
    rng = np.random.default_rng(7)
    values = rng.normal(size=n)
    values[rng.random(n) < 0.3] = nan
    return values


def test_forward_fill_has_no_python_loop_over_values(loop_gate):
    loop_gate(stability.forward_fill, lambda n: (_gappy_values(n),), over="values")


# --- clean_returns ----------------------------------------------------------------------------


def test_clean_returns_on_every_kind_of_bad_quote():
    prices = [100.0, 102.0, nan, 104.04, 0.0, 99.0, -5.0, inf, 99.0]
    # cleaned:  100,   102,  102, 104.04, 104.04, 99,  99,  99,  99
    expected = [0.02, 0.0, 0.02, 0.0, 99 / 104.04 - 1, 0.0, 0.0, 0.0]
    got = stability.clean_returns(np.array(prices))
    assert_array(got, expected, call=f"clean_returns({prices})")


def test_clean_returns_matches_the_seed_example():
    # The seed's year of 252 prices, with a missing quote, a halt and a data error injected.
    rng = np.random.default_rng(42)
    true_prices = 100 * np.exp(np.cumsum(rng.normal(size=252) * 0.01))
    prices = true_prices.copy()
    prices[10], prices[50], prices[100] = nan, 0.0, -5.0
    expected = true_prices[1:] / true_prices[:-1] - 1
    for day in (10, 50, 100):  # flat into the bad day, the whole move out of it
        expected[day - 1] = 0.0
        expected[day] = true_prices[day + 1] / true_prices[day - 1] - 1
    got = stability.clean_returns(prices)
    assert_array(got, expected, call="clean_returns(252 prices, bad at days 10, 50 and 100)")


def test_clean_returns_keeps_nan_before_the_first_valid_price():
    prices = [nan, 0.0, 50.0, 55.0]
    got = stability.clean_returns(np.array(prices))
    assert_array(got, [nan, nan, 0.1], call=f"clean_returns({prices})")


@pytest.mark.parametrize("prices", [[], [42.0]], ids=["no_price", "one_price"])
def test_clean_returns_of_fewer_than_two_prices_is_empty(prices):
    got = stability.clean_returns(np.array(prices))
    assert_array(got, np.empty(0), call=f"clean_returns({prices})")


@given(
    st.lists(
        st.one_of(st.floats(0.01, 1e4), st.sampled_from([nan, 0.0, -5.0, inf, -inf])),
        max_size=30,
    )
)
def test_clean_returns_matches_a_day_by_day_reference(prices):
    cleaned, last = [], nan
    for price in prices:
        last = price if math.isfinite(price) and price > 0 else last
        cleaned.append(last)
    expected = [after / before - 1 for before, after in itertools.pairwise(cleaned)]
    got = stability.clean_returns(np.array(prices, dtype=float))
    assert_array(got, np.array(expected, dtype=float), call=f"clean_returns({prices})")


def test_clean_returns_does_not_modify_its_input():
    prices = np.array([100.0, nan, 0.0, -5.0, 101.0])
    call = "clean_returns([100, nan, 0, -5, 101])"
    assert_inputs_unchanged(stability.clean_returns, prices, call=call)


def test_clean_returns_refuses_a_matrix():
    prices = np.ones((2, 3))
    call = "clean_returns(a 2x3 array)"
    assert_raises_naming(ValueError, "prices", stability.clean_returns, prices, call=call)
