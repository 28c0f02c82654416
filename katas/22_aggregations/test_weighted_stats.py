"""Tests for kata 22: run ``pytest katas/22_aggregations``."""

import math
from fractions import Fraction

import numpy as np
import pytest
import weighted_stats
from hypothesis import assume, given
from hypothesis import strategies as st

from numpy_katas.checks import assert_inputs_unchanged, assert_raises_naming

nan, inf = np.nan, np.inf

# The seed's example: 1 observed five times, 2..5 once each; the repeated data is
# [1, 1, 1, 1, 1, 2, 3, 4, 5].
SEED_DATA = [1.0, 2.0, 3.0, 4.0, 5.0]
SEED_WEIGHTS = [5.0, 1.0, 1.0, 1.0, 1.0]

# Weights adding up to 2 * 10**12 + 1 observations: np.repeat would need 16 TB.
HUGE_DATA = [1.0, 2.0, 3.0]
HUGE_WEIGHTS = [10**12, 1, 10**12]

FUNCTIONS = {
    "weighted_mean": lambda data, weights: weighted_stats.weighted_mean(data, weights),
    "weighted_std": lambda data, weights: weighted_stats.weighted_std(data, weights),
    "weighted_percentile": lambda data, weights: weighted_stats.weighted_percentile(
        data, weights, 50
    ),
}
CALLS = {
    "weighted_mean": "weighted_mean({data}, {weights})",
    "weighted_std": "weighted_std({data}, {weights})",
    "weighted_percentile": "weighted_percentile({data}, {weights}, 50)",
}


def exact_moments(data, weights):
    """The weighted mean and the sum of weighted squared deviations, as Fractions."""
    pairs = [(Fraction(float(x)), Fraction(int(w))) for x, w in zip(data, weights, strict=True)]
    total = sum(w for _, w in pairs)
    mean = sum(w * x for x, w in pairs) / total
    return mean, sum(w * (x - mean) ** 2 for x, w in pairs), total


def _call(func, *args, call):
    """func(*args), checked to be a Python float; a MemoryError gets the reason."""
    __tracebackhide__ = True
    out_of_memory = None
    try:
        got = assert_inputs_unchanged(func, *args, call=call)
    except MemoryError as error:
        out_of_memory = str(error)
    if out_of_memory is not None:  # outside the except: no chained traceback for the learner
        pytest.fail(
            f"{call} raised MemoryError ({out_of_memory}). The weights count observations: do "
            "not build the repeated data (np.repeat), work with the weights themselves.",
            pytrace=False,
        )
    assert type(got) is float, (
        f"{call} returned {got!r} of type {type(got).__name__}; the contract asks for a "
        "Python float: float(...) turns a NumPy scalar into one"
    )
    return got


def _close(got, expected, *, call, rule, rtol=1e-12):
    __tracebackhide__ = True
    if not math.isclose(got, expected, rel_tol=rtol, abs_tol=1e-12):
        pytest.fail(f"{call} returned {got!r}; expected {expected!r}: {rule}", pytrace=False)


MEAN_RULE = "the weighted mean is sum(weights * data) / sum(weights)"
STD_RULE = (
    "the variance is sum(weights * (data - mean)**2) / (sum(weights) - ddof): ddof counts "
    "against the number of observations, sum(weights), not against len(data)"
)
PERCENTILE_RULE = (
    "the result is np.percentile of the repeated data: the value at position "
    "q / 100 * (sum(weights) - 1) of the sorted observations, interpolated linearly"
)


def mean_of(data, weights, call):
    func = weighted_stats.weighted_mean
    return _call(func, np.asarray(data), np.asarray(weights), call=call)


def std_of(data, weights, ddof, call):
    func = weighted_stats.weighted_std
    return _call(func, np.asarray(data), np.asarray(weights), ddof, call=call)


def percentile_of(data, weights, q, call):
    func = weighted_stats.weighted_percentile
    return _call(func, np.asarray(data), np.asarray(weights), q, call=call)


# --- weighted_mean ----------------------------------------------------------------------------


def test_weighted_mean_of_the_seed_example_is_19_over_9():
    call = f"weighted_mean({SEED_DATA}, {SEED_WEIGHTS})"
    got = mean_of(SEED_DATA, SEED_WEIGHTS, call)
    # (5 * 1 + 2 + 3 + 4 + 5) / 9 = 19 / 9 = 2.11, well above 1.5.
    _close(got, 19 / 9, call=call, rule=MEAN_RULE)


@pytest.mark.parametrize(
    ("data", "weights"),
    [
        (np.array([200, 250, 100], dtype=np.uint8), np.array([2, 3, 1], dtype=np.uint8)),
        (np.array([30000, -30000, 20000], dtype=np.int16), np.array([3, 1, 2], dtype=np.int16)),
    ],
    ids=["uint8", "int16"],
)
def test_weighted_mean_of_small_integers_does_not_wrap_around(data, weights):
    call = f"weighted_mean({data!r}, {weights!r})"
    mean, _, _ = exact_moments(data, weights)
    got = mean_of(data, weights, call)
    rule = f"{MEAN_RULE}; weights * data in {data.dtype} wraps around, so compute in float"
    _close(got, float(mean), call=call, rule=rule)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [([1, 1, 0], 1.5), ([1, 1, 1], (1 + 2 + 1e6) / 3)],
    ids=["zero_weight_left_out", "weight_one_counts"],
)
def test_weighted_mean_leaves_out_a_value_of_weight_zero(weights, expected):
    data = [1.0, 2.0, 1e6]
    call = f"weighted_mean({data}, {weights})"
    _close(mean_of(data, weights, call), expected, call=call, rule=MEAN_RULE)


def test_weighted_mean_accepts_whole_float_weights():
    call = "weighted_mean([1.0, 4.0], [2.0, 1.0])"
    _close(mean_of([1.0, 4.0], [2.0, 1.0], call), 2.0, call=call, rule=MEAN_RULE)


def test_weighted_mean_counts_weights_beyond_memory():
    call = f"weighted_mean({HUGE_DATA}, {HUGE_WEIGHTS})"
    mean, _, _ = exact_moments(HUGE_DATA, HUGE_WEIGHTS)
    _close(mean_of(HUGE_DATA, HUGE_WEIGHTS, call), float(mean), call=call, rule=MEAN_RULE)


_DATA = st.lists(st.integers(-50, 50), min_size=1, max_size=12)


@given(_DATA, st.data())
def test_weighted_mean_is_the_mean_of_the_repeated_data(values, draw):
    weights = draw.draw(st.lists(st.integers(0, 5), min_size=len(values), max_size=len(values)))
    assume(sum(weights) > 0)
    data = np.array(values, dtype=float) / 4
    call = f"weighted_mean({data.tolist()}, {weights})"
    expected = float(np.mean(np.repeat(data, weights)))
    _close(mean_of(data, weights, call), expected, call=call, rule=MEAN_RULE, rtol=1e-9)


# --- weighted_std -----------------------------------------------------------------------------


@pytest.mark.parametrize(("ddof", "variance"), [(0, Fraction(170, 81)), (1, Fraction(170, 72))])
def test_weighted_std_of_the_seed_example(ddof, variance):
    # Sum of squared deviations of [1, 1, 1, 1, 1, 2, 3, 4, 5] from 19/9: 170/9, over 9 - ddof
    # observations (not over 5 - ddof values).
    call = f"weighted_std({SEED_DATA}, {SEED_WEIGHTS}, ddof={ddof})"
    got = std_of(SEED_DATA, SEED_WEIGHTS, ddof, call)
    _close(got, math.sqrt(variance), call=call, rule=STD_RULE)


@pytest.mark.parametrize(
    ("ddof", "expected"),
    [(0, math.sqrt(2 / 9)), (1, math.sqrt(1 / 3)), (2, math.sqrt(2 / 3))],
)
def test_weighted_std_accepts_any_ddof_below_the_number_of_observations(ddof, expected):
    # [1, 2] seen 1 and 2 times: mean 5/3, squared deviations 4/9 + 2 * 1/9 = 2/3 over
    # 3 - ddof observations.
    call = f"weighted_std([1, 2], [1, 2], ddof={ddof})"
    _close(std_of([1.0, 2.0], [1, 2], ddof, call), expected, call=call, rule=STD_RULE)


@pytest.mark.parametrize(
    ("data", "weights", "ddof"),
    [
        ([1.0, 2.0], [1, 2], 3),  # sum(weights) - ddof = 0
        ([1.0, 2.0], [1, 2], 4),
        ([1.0, 2.0], [1, 2], -1),
        ([5.0], [1], 1),  # one observation has no sample variance
        ([5.0, 7.0], [1, 0], 1),  # two values, but one observation
    ],
)
def test_weighted_std_refuses_a_ddof_that_leaves_no_observation(data, weights, ddof):
    call = f"weighted_std({data}, {weights}, ddof={ddof})"
    func = weighted_stats.weighted_std
    assert_raises_naming(
        ValueError, "ddof", func, np.array(data), np.array(weights), ddof, call=call
    )


def test_weighted_std_of_one_observation_is_zero():
    call = "weighted_std([5.0], [1])"
    _close(std_of([5.0], [1], 0, call), 0.0, call=call, rule=STD_RULE)


def test_weighted_std_of_small_integers_does_not_wrap_around():
    data, weights = np.array([200, 250, 16], dtype=np.uint8), np.array([2, 3, 1], dtype=np.uint8)
    call = f"weighted_std({data!r}, {weights!r})"
    _, squares, total = exact_moments(data, weights)
    rule = f"{STD_RULE}; squares of uint8 values wrap around, so compute in float"
    _close(std_of(data, weights, 0, call), math.sqrt(squares / total), call=call, rule=rule)


def test_weighted_std_counts_weights_beyond_memory():
    call = f"weighted_std({HUGE_DATA}, {HUGE_WEIGHTS}, ddof=1)"
    _, squares, total = exact_moments(HUGE_DATA, HUGE_WEIGHTS)
    expected = math.sqrt(squares / (total - 1))
    _close(std_of(HUGE_DATA, HUGE_WEIGHTS, 1, call), expected, call=call, rule=STD_RULE)


@given(_DATA, st.data(), st.sampled_from([0, 1]))
def test_weighted_std_is_the_std_of_the_repeated_data(values, draw, ddof):
    weights = draw.draw(st.lists(st.integers(0, 5), min_size=len(values), max_size=len(values)))
    assume(sum(weights) > ddof)
    data = np.array(values, dtype=float) / 4
    call = f"weighted_std({data.tolist()}, {weights}, ddof={ddof})"
    expected = float(np.std(np.repeat(data, weights), ddof=ddof))
    got = std_of(data, weights, ddof, call)
    if not math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12):
        pytest.fail(f"{call} returned {got!r}; expected {expected!r}: {STD_RULE}", pytrace=False)


# --- weighted_percentile ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    # Positions q / 100 * 8 in [1, 1, 1, 1, 1, 2, 3, 4, 5].
    [(0, 1.0), (50, 1.0), (62.5, 2.0), (75, 3.0), (90, 4.2), (100, 5.0)],
)
def test_weighted_percentile_of_the_seed_example(q, expected):
    call = f"weighted_percentile({SEED_DATA}, {SEED_WEIGHTS}, {q})"
    got = percentile_of(SEED_DATA, SEED_WEIGHTS, q, call)
    _close(got, expected, call=call, rule=PERCENTILE_RULE)


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.0), (100, 3.0), (25, 1.5)])
def test_weighted_percentile_ignores_values_of_weight_zero(q, expected):
    data, weights = [1000.0, 2.0, -1000.0, 1.0, 3.0, 7.0], [0, 1, 0, 1, 1, 0]
    call = f"weighted_percentile({data}, {weights}, {q})"
    got = percentile_of(data, weights, q, call)
    rule = f"{PERCENTILE_RULE}; a value of weight 0 is not observed at all"
    _close(got, expected, call=call, rule=rule)


@pytest.mark.parametrize(("q", "expected"), [(1e-9, 1.0), (100 - 1e-9, 3.0)])
def test_weighted_percentile_just_inside_the_range(q, expected):
    call = f"weighted_percentile([3, 1, 2], [1, 1, 1], {q})"
    got = percentile_of([3.0, 1.0, 2.0], [1, 1, 1], q, call)
    _close(got, expected, call=call, rule=PERCENTILE_RULE, rtol=1e-8)


def test_weighted_percentile_of_small_integers_does_not_wrap_around():
    # 30000 - (-30000) wraps around in int16; the median of the two is 0.
    data, weights = np.array([30000, -30000], dtype=np.int16), np.array([1, 1], dtype=np.uint8)
    call = f"weighted_percentile({data!r}, {weights!r}, 50)"
    rule = f"{PERCENTILE_RULE}; interpolate in float, int16 differences wrap around"
    _close(percentile_of(data, weights, 50, call), 0.0, call=call, rule=rule)


@pytest.mark.parametrize(("q", "expected"), [(25, 1.0), (50, 2.0), (75, 3.0)])
def test_weighted_percentile_counts_weights_beyond_memory(q, expected):
    # 10**12 ones, one 2, 10**12 threes: the median is the 2 in the middle.
    call = f"weighted_percentile({HUGE_DATA}, {HUGE_WEIGHTS}, {q})"
    got = percentile_of(HUGE_DATA, HUGE_WEIGHTS, q, call)
    _close(got, expected, call=call, rule=PERCENTILE_RULE)


@given(_DATA, st.data(), st.floats(0, 100))
def test_weighted_percentile_is_the_percentile_of_the_repeated_data(values, draw, q):
    weights = draw.draw(st.lists(st.integers(0, 5), min_size=len(values), max_size=len(values)))
    assume(sum(weights) > 0)
    data = np.array(values, dtype=float) / 4
    call = f"weighted_percentile({data.tolist()}, {weights}, {q})"
    expected = float(np.percentile(np.repeat(data, weights), q))
    got = percentile_of(data, weights, q, call)
    _close(got, expected, call=call, rule=PERCENTILE_RULE, rtol=1e-9)


@pytest.mark.parametrize("q", [-1e-9, -5, 100 + 1e-9, 101, nan])
def test_weighted_percentile_refuses_q_outside_0_to_100(q):
    call = f"weighted_percentile([1, 2], [1, 1], {q})"
    func = weighted_stats.weighted_percentile
    data, weights = np.array([1.0, 2.0]), np.array([1, 1])
    assert_raises_naming(ValueError, "q", func, data, weights, q, call=call)


# --- bad input, for all three -----------------------------------------------------------------

BAD_INPUT = [
    ([1.0, 2.0, 3.0], [1, 1], "weights", "lengths_differ"),
    ([1.0, 2.0], [1, 1, 1], "weights", "weights_longer"),
    ([[1.0, 2.0], [3.0, 4.0]], [[1, 1], [1, 1]], "data", "data_2d"),
    ([], [], "data", "empty"),
    ([1.0, nan, 3.0], [1, 1, 1], "data", "nan_in_data"),
    ([1.0, inf, 3.0], [1, 1, 1], "data", "inf_in_data"),
    ([1.0, 2.0, 3.0], [1, -1, 1], "weights", "negative_weight"),
    ([1.0, 2.0, 3.0], [1.0, 2.5, 1.0], "weights", "fractional_weight"),
    ([1.0, 2.0, 3.0], [1.0, 2.0000001, 1.0], "weights", "nearly_whole_weight"),
    ([1.0, 2.0, 3.0], [1.0, nan, 1.0], "weights", "nan_weight"),
    ([1.0, 2.0, 3.0], [1.0, inf, 1.0], "weights", "inf_weight"),
    ([1.0, 2.0, 3.0], [0, 0, 0], "weights", "all_zero"),
    ([1.0, 2.0, 3.0], np.zeros(3, dtype=np.uint8), "weights", "all_zero_uint8"),
]


@pytest.mark.parametrize(
    ("data", "weights", "bad"), [b[:3] for b in BAD_INPUT], ids=[b[3] for b in BAD_INPUT]
)
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_bad_input_is_refused(name, data, weights, bad):
    data, weights = np.asarray(data), np.asarray(weights)
    call = CALLS[name].format(data=data.tolist(), weights=weights.tolist())
    assert_raises_naming(ValueError, bad, FUNCTIONS[name], data, weights, call=call)


# --- gates ------------------------------------------------------------------------------------


def _sample(n, seed=22):
    rng = np.random.default_rng(seed)
    return rng.normal(50, 10, n), rng.integers(0, 20, n)


def test_weighted_mean_is_fast_on_a_million_values(timed_gate):
    # 10^6 values and weights: whole-array NumPy takes about 4.6 ms with its input checks on
    # the reference machine; a loop over the pairs several times the budget.
    data, weights = _sample(1_000_000)
    warmup = _sample(10, seed=1)
    timed_gate(weighted_stats.weighted_mean, (data, weights), warmup=warmup, budget_ms=75)


@pytest.mark.parametrize(
    ("name", "extra"),
    [("weighted_mean", ()), ("weighted_std", (1,)), ("weighted_percentile", (37.5,))],
)
def test_no_python_loop_over_values(loop_gate, name, extra):
    loop_gate(getattr(weighted_stats, name), lambda n: (*_sample(n), *extra), over="values")
