"""Tests for kata 20: run ``pytest katas/20_distributions``."""

import math
from fractions import Fraction

import distribution_fit
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

inf, nan = np.inf, np.nan
ACCURACY = 1e-7  # the contract's absolute accuracy of normal_cdf


def exact_cdf(x, mu=0.0, sigma=1.0):
    """The normal CDF from math.erf, one value at a time: the test's own reference."""
    return 0.5 * (1 + math.erf((float(x) - mu) / (sigma * math.sqrt(2))))


def exact_cdf_array(x, mu=0.0, sigma=1.0):
    x = np.asarray(x)
    flat = [exact_cdf(v, mu, sigma) for v in x.ravel().tolist()]
    return np.array(flat, dtype=float).reshape(x.shape)


def reference_fit(data):
    """mu, std (ddof=0) and the two-sided KS statistic, by plain Python and math.erf."""
    values = sorted(float(v) for v in np.asarray(data).tolist())
    n = len(values)
    mu = math.fsum(values) / n
    std = math.sqrt(math.fsum((v - mu) ** 2 for v in values) / n)
    ks = 0.0
    for i, v in enumerate(values, start=1):
        f = exact_cdf(v, mu, std)
        ks = max(ks, float(Fraction(i, n)) - f, f - float(Fraction(i - 1, n)))
    return mu, std, ks


# --- normal_cdf -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (0.0, 0.5),
        (1.0, 0.8413447460685429),
        (1.96, 0.9750021048517795),
        (-1.96, 0.024997895148220435),
        (-3.0, 0.0013498980316301035),
    ],
)
def test_normal_cdf_of_the_standard_normal_at_known_points(x, expected):
    got = distribution_fit.normal_cdf(np.array([x]))
    assert_array(got, [expected], call=f"normal_cdf([{x}])", rtol=0, atol=ACCURACY)


def test_normal_cdf_is_within_1e_7_of_math_erf_everywhere():
    # A dense grid over the whole range where the CDF is not yet 0 or 1 in float64.
    x = np.linspace(-9.0, 9.0, 36_001)
    got = distribution_fit.normal_cdf(x)
    expected = exact_cdf_array(x)
    worst = float(np.max(np.abs(np.asarray(got, dtype=float) - expected)))
    assert worst <= ACCURACY, (
        f"normal_cdf(np.linspace(-9, 9, 36001)) is off by up to {worst:.2e} from "
        f"0.5 * (1 + math.erf(x / sqrt(2))); the contract asks for {ACCURACY:g} (absolute). "
        "A short approximation such as the logistic 1 / (1 + exp(-1.702 x)) is off by 1e-2; "
        "Abramowitz & Stegun 7.1.26 or 26.2.17 are accurate enough."
    )
    assert_array(got, expected, call="normal_cdf(np.linspace(-9, 9, 36001))", rtol=0, atol=1e-7)


def test_normal_cdf_shifts_by_mu_and_scales_by_sigma():
    x = np.array([20.0, 35.0, 50.0, 60.0, 80.0])
    got = distribution_fit.normal_cdf(x, 50.0, 10.0)
    expected = exact_cdf_array(x, 50.0, 10.0)  # z = -3, -1.5, 0, 1, 3
    assert_array(got, expected, call="normal_cdf([20, 35, 50, 60, 80], 50, 10)", atol=ACCURACY)


@given(
    st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=20),
    st.floats(-100, 100),
    st.floats(1e-3, 1e3),
)
def test_normal_cdf_matches_math_erf_for_any_mu_and_sigma(values, mu, sigma):
    got = distribution_fit.normal_cdf(np.array(values), mu, sigma)
    call = f"normal_cdf({values}, mu={mu}, sigma={sigma})"
    assert_array(got, exact_cdf_array(values, mu, sigma), call=call, rtol=0, atol=ACCURACY)
    assert np.all((got >= 0) & (got <= 1)), f"{call} returned {got}: a probability is in [0, 1]"


def test_normal_cdf_keeps_the_shape_and_returns_floats():
    x = np.arange(-6.0, 6.0).reshape(3, 4)
    got = distribution_fit.normal_cdf(x)
    assert_array(got, exact_cdf_array(x), call="normal_cdf(a 3x4 array)", rtol=0, atol=ACCURACY)
    assert_dtype_kind(got, "f", call="normal_cdf(a 3x4 array)", why="a probability is a float")


def test_normal_cdf_of_infinities_and_nan():
    x = np.array([inf, -inf, nan, 0.0])
    got = distribution_fit.normal_cdf(x)
    assert_array(
        got, [1.0, 0.0, nan, 0.5], call="normal_cdf([inf, -inf, nan, 0])", rtol=0, atol=ACCURACY
    )


@pytest.mark.parametrize(
    ("x", "mu", "sigma", "z"),
    [
        (np.array([0, 100, 200], dtype=np.uint8), 100, 50, [-2.0, 0.0, 2.0]),
        (np.array([-30000, 0, 30000], dtype=np.int16), -10000, 10000, [-2.0, 1.0, 4.0]),
    ],
    ids=["uint8", "int16"],
)
def test_normal_cdf_of_small_integers_does_not_wrap_around(x, mu, sigma, z):
    call = f"normal_cdf(np.array({x.tolist()}, dtype=np.{x.dtype}), {mu}, {sigma})"
    got = distribution_fit.normal_cdf(x, mu, sigma)
    expected = [exact_cdf(v) for v in z]
    if np.allclose(got, expected, rtol=0, atol=ACCURACY):
        return
    pytest.fail(
        f"{call} returned {got}; expected {np.array(expected)} (z = {z}). x - mu in "
        f"{x.dtype} wraps around: convert x to float before subtracting mu.",
        pytrace=False,
    )


def test_normal_cdf_accepts_a_tiny_sigma():
    x = np.array([-1e-12, 0.0, 1e-12])
    got = distribution_fit.normal_cdf(x, 0.0, 1e-12)
    expected = [exact_cdf(-1.0), 0.5, exact_cdf(1.0)]
    assert_array(got, expected, call="normal_cdf([-1e-12, 0, 1e-12], 0, 1e-12)", atol=ACCURACY)


@pytest.mark.parametrize("sigma", [0.0, -1e-12, -1.0])
def test_normal_cdf_refuses_a_sigma_that_is_not_positive(sigma):
    call = f"normal_cdf([0, 1], 0, {sigma})"
    x = np.array([0.0, 1.0])
    assert_raises_naming(
        ValueError, "sigma", distribution_fit.normal_cdf, x, 0.0, sigma, call=call
    )


def test_normal_cdf_does_not_modify_x():
    x = np.array([3.0, -1.0, 0.5, 2.0])
    assert_inputs_unchanged(distribution_fit.normal_cdf, x, 1.0, 2.0, call="normal_cdf(x, 1, 2)")


def test_normal_cdf_has_no_python_loop_over_values(loop_gate):
    # No timed gate: 0.5 * (1 + math.erf(v)) in a comprehension over x.tolist() is only about
    # 8 times slower than a vectorised approximation, too close for a timer to tell apart.
    rng = np.random.default_rng(20)
    loop_gate(distribution_fit.normal_cdf, lambda n: (rng.normal(size=n),), over="values")


# --- fit_normal -------------------------------------------------------------------------------


def _assert_fit(data, *, call):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(distribution_fit.fit_normal, data, call=call)
    assert isinstance(got, tuple), f"{call} returned {got!r}; expected a tuple (mu, std, ks)"
    assert len(got) == 3, f"{call} returned {got!r}; expected a tuple of three: (mu, std, ks)"
    for name, value in zip(("mu", "std", "ks"), got, strict=True):
        assert type(value) is float, (
            f"{call} returned {name} = {value!r} of type {type(value).__name__}; the contract "
            "asks for Python floats: float(...) turns a NumPy scalar into one"
        )
    mu, std, ks = reference_fit(data)
    assert_value(got[0], mu, call=f"{call}: mu (the mean)", rtol=1e-12)
    if not math.isclose(got[1], std, rel_tol=1e-12):
        ddof1 = std * math.sqrt(len(data) / (len(data) - 1))
        hint = (
            " That is the std with ddof=1; the contract asks for ddof=0 (np.std's default)."
            if math.isclose(got[1], ddof1, rel_tol=1e-9)
            else ""
        )
        pytest.fail(f"{call} returned std {got[1]!r}; expected {std!r}.{hint}", pytrace=False)
    if abs(got[2] - ks) > 2 * ACCURACY:
        pytest.fail(
            f"{call} returned ks {got[2]!r}; expected {ks!r}. The empirical CDF steps from "
            "(i-1)/n up to i/n at the i-th smallest value: compare F(x_i) with both "
            "i/n and (i-1)/n, and take the largest distance on either side.",
            pytrace=False,
        )


def test_fit_normal_matches_the_seed_sample():
    data = np.random.default_rng(42).normal(50, 10, 200)
    _assert_fit(data, call="fit_normal(np.random.default_rng(42).normal(50, 10, 200))")


def test_fit_normal_uses_the_std_with_ddof_0():
    _assert_fit(np.array([1.0, 2.0, 3.0, 4.0]), call="fit_normal([1, 2, 3, 4])")


@pytest.mark.parametrize(
    "values",
    [[0.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 1.0], [0.0, 1.0], [5.0, 1.0, 2.0, 2.0, 9.0, 2.0]],
    ids=["largest_below_a_step", "largest_above_a_step", "two_values", "ties_unsorted"],
)
def test_fit_normal_ks_takes_both_sides_of_every_step(values):
    # [0, 1, 1, 1]: F(0) = 0.28 lies above the step's foot (0/4) by more than any value lies
    # below a step's top; comparing F with i/n alone misses it.
    _assert_fit(np.array(values), call=f"fit_normal({values})")


@pytest.mark.parametrize(
    "data",
    [
        np.array([10, 200, 250, 30, 30], dtype=np.uint8),
        np.array([-30000, 30000, 100, 29000, -5], dtype=np.int16),
    ],
    ids=["uint8", "int16"],
)
def test_fit_normal_of_small_integers_does_not_overflow(data):
    # Squaring uint8 or int16 values in their own dtype wraps around (200**2 > 255).
    _assert_fit(data, call=f"fit_normal(np.array({data.tolist()}, dtype=np.{data.dtype}))")


def test_fit_normal_accepts_values_that_differ_only_slightly():
    data = np.array([3.0, 3.0, 3.0 + 1e-9])
    _assert_fit(data, call="fit_normal([3, 3, 3 + 1e-9])")


_SAMPLES = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40).filter(
    lambda v: len(set(v)) > 1
)


@given(_SAMPLES)
def test_fit_normal_matches_a_plain_python_fit(values):
    data = np.array(values, dtype=float) / 8
    _assert_fit(data, call=f"fit_normal({data.tolist()})")


@given(_SAMPLES, st.sampled_from([-3.0, -1.0, 0.5, 2.0]), st.floats(-100, 100))
def test_fit_normal_ks_ignores_shifting_scaling_and_mirroring(values, scale, shift):
    data = np.array(values, dtype=float) / 8
    ks = distribution_fit.fit_normal(data)[2]
    moved = distribution_fit.fit_normal(data * scale + shift)[2]
    assert abs(moved - ks) <= 2 * ACCURACY, (
        f"fit_normal(data)[2] = {ks!r} but fit_normal(data * {scale} + {shift})[2] = {moved!r} "
        f"for data = {data.tolist()}. The fit moves with the data, so the KS statistic must "
        "not change; if only mirroring (a negative scale) changes it, one side of the "
        "empirical CDF's steps is missing."
    )
    n = len(values)
    assert 1 / (2 * n) - 2 * ACCURACY <= ks <= 1, (
        f"fit_normal({data.tolist()}) returned ks = {ks!r}; with n = {n} values it lies in "
        f"[1/(2n), 1] = [{1 / (2 * n):.4f}, 1]: a step of height 1/n cannot be closer than "
        "1/(2n) to a continuous CDF on both sides"
    )


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), "2-D"),
        (np.array([]), "empty"),
        (np.array([1.5]), "one value"),
        (np.array([1.0, nan, 3.0]), "NaN"),
        (np.array([1.0, inf, 3.0]), "inf"),
        (np.array([3.0, 3.0, 3.0]), "constant"),
        (np.array([7, 7], dtype=np.uint8), "constant uint8"),
        # np.std([0.1, 0.1, 0.1]) is 1.4e-17, not 0: check the values, not the std.
        (np.array([0.1, 0.1, 0.1]), "constant 0.1"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_fit_normal_refuses_data_it_cannot_fit(data, why):
    call = f"fit_normal({data.tolist()})  ({why})"
    assert_raises_naming(ValueError, "data", distribution_fit.fit_normal, data, call=call)


def test_fit_normal_has_no_python_loop_over_values(loop_gate):
    # No timed gate: even the seed's loop of math.erf over the values is only about 6 times
    # slower than the vectorised fit on 10^6 values (the sort is fast on both).
    rng = np.random.default_rng(21)
    loop_gate(distribution_fit.fit_normal, lambda n: (rng.normal(50, 10, n),), over="values")


# --- simulate_gbm -----------------------------------------------------------------------------


def _paths(s0=100.0, mu=0.05, sigma=0.2, t=1.0, n_steps=4, n_paths=3, seed=0):
    """simulate_gbm with a fresh Generator, checked to be a float array of the right shape."""
    call = f"simulate_gbm({s0}, {mu}, {sigma}, {t}, {n_steps}, {n_paths}, default_rng({seed}))"
    paths = distribution_fit.simulate_gbm(
        s0, mu, sigma, t, n_steps, n_paths, np.random.default_rng(seed)
    )
    assert isinstance(paths, np.ndarray), f"{call} returned {type(paths).__name__}, not ndarray"
    assert paths.shape == (n_paths, n_steps + 1), (
        f"{call} returned shape {paths.shape}; expected (n_paths, n_steps + 1) = "
        f"{(n_paths, n_steps + 1)}: one row per path, column 0 the start s0"
    )
    assert paths.dtype == np.float64, f"{call} returned dtype {paths.dtype}; expected float64"
    return paths, call


def test_simulate_gbm_starts_every_path_at_s0():
    paths, call = _paths(s0=100.0, n_steps=5, n_paths=4)
    assert_array(paths[:, 0], np.full(4, 100.0), call=f"{call}[:, 0] (column 0 is s0)", exact=True)


def test_simulate_gbm_without_volatility_is_the_growth_curve():
    paths, call = _paths(s0=100, mu=0.08, sigma=0.0, t=2.0, n_steps=4, n_paths=2)
    curve = [100 * math.exp(0.08 * 2.0 * k / 4) for k in range(5)]
    assert_array(paths, [curve, curve], call=f"{call} (s0 * exp(mu * k * dt))", rtol=1e-12)


def test_simulate_gbm_mean_price_grows_at_rate_mu():
    s0, mu, sigma, t, n_steps, n_paths = 100.0, 0.1, 0.5, 1.0, 4, 200_000
    paths, call = _paths(s0, mu, sigma, t, n_steps, n_paths, seed=2)
    times = np.arange(n_steps + 1) * t / n_steps
    expected = s0 * np.exp(mu * times)
    spread = expected * np.sqrt(np.expm1(sigma**2 * times)) / math.sqrt(n_paths)
    got = paths.mean(axis=0)
    wrong = np.abs(got - expected) > 6 * spread + 1e-9
    assert not wrong.any(), (
        f"{call}: the mean over the paths at times {times.tolist()} is {got.round(3).tolist()}; "
        f"expected s0 * exp(mu * time) = {expected.round(3).tolist()} (within 6 standard "
        "errors). Each step's exponent is (mu - sigma**2 / 2) * dt + sigma * sqrt(dt) * z: "
        "without the -sigma**2 / 2 the mean grows at mu + sigma**2 / 2."
    )


def test_simulate_gbm_log_steps_have_the_right_mean_and_variance():
    s0, mu, sigma, t, n_steps, n_paths = 50.0, 0.05, 0.4, 2.0, 4, 100_000
    paths, call = _paths(s0, mu, sigma, t, n_steps, n_paths, seed=3)
    dt = t / n_steps
    log_steps = np.diff(np.log(paths), axis=1)
    mean, var = log_steps.mean(), log_steps.var()
    n = log_steps.size
    expected_mean, expected_var = (mu - sigma**2 / 2) * dt, sigma**2 * dt
    assert abs(mean - expected_mean) < 6 * math.sqrt(expected_var / n), (
        f"{call}: log(S[k+1] / S[k]) averages {mean:.5f}; expected (mu - sigma**2 / 2) * dt = "
        f"{expected_mean:.5f}"
    )
    assert abs(var - expected_var) < 6 * expected_var * math.sqrt(2 / n), (
        f"{call}: log(S[k+1] / S[k]) has variance {var:.5f}; expected sigma**2 * dt = "
        f"{expected_var:.5f}: the noise term is sigma * sqrt(dt) * z"
    )


def test_simulate_gbm_draws_fresh_noise_for_every_step_and_path():
    s0, mu, sigma, t, n_steps, n_paths = 100.0, 0.0, 0.3, 1.0, 8, 50_000
    paths, call = _paths(s0, mu, sigma, t, n_steps, n_paths, seed=4)
    log_end = np.log(paths[:, -1] / s0)
    # Independent steps add their variances: var(log S_T) = sigma**2 * t, for any n_steps.
    expected = sigma**2 * t
    got = float(log_end.var())
    assert abs(got - expected) < 6 * expected * math.sqrt(2 / n_paths), (
        f"{call}: log(S_T / s0) has variance {got:.4f} across the paths; expected sigma**2 * t "
        f"= {expected:.4f}. 0 means every path is the same (one draw shared by the paths); "
        f"{n_steps}x too much means the same draw is reused for every step."
    )
    log_steps = np.diff(np.log(paths), axis=1)
    corr = float(np.corrcoef(log_steps[:, 0], log_steps[:, 1])[0, 1])
    assert abs(corr) < 6 / math.sqrt(n_paths), (
        f"{call}: the first and second log-steps have correlation {corr:.3f}; they must be "
        "independent: draw a new z for each step"
    )


def test_simulate_gbm_is_reproducible_from_the_generator():
    first, call = _paths(n_paths=5, seed=7)
    again, _ = _paths(n_paths=5, seed=7)
    assert np.array_equal(first, again), (
        f"{call} gave different paths on two calls, each with a new Generator seeded 7: draw "
        "every z from the rng argument, not from np.random or an unseeded default_rng()"
    )
    other, _ = _paths(n_paths=5, seed=8)
    assert not np.array_equal(first, other), (
        "simulate_gbm gave the same paths for Generators seeded 7 and 8: draw from the rng "
        "argument, not from a Generator or seed of your own"
    )


def test_simulate_gbm_continues_the_generators_stream():
    rng = np.random.default_rng(9)
    first = distribution_fit.simulate_gbm(100.0, 0.05, 0.2, 1.0, 4, 3, rng)
    second = distribution_fit.simulate_gbm(100.0, 0.05, 0.2, 1.0, 4, 3, rng)
    assert not np.array_equal(first, second), (
        "two calls of simulate_gbm(..., rng) with the same rng gave the same paths: draw from "
        "rng itself (each draw moves it on), not from a copy or a new Generator made from it"
    )


def global_random_state() -> tuple:
    """NumPy's global (legacy) random state, in a form that compares with ==."""
    # The legacy call on purpose: this is the state a stray np.random.normal would change.
    name, keys, position, has_gauss, cached_gauss = np.random.get_state()  # noqa: NPY002
    return name, keys.tolist(), position, has_gauss, cached_gauss


def test_simulate_gbm_leaves_numpys_global_random_state_alone():
    before = global_random_state()
    distribution_fit.simulate_gbm(100.0, 0.05, 0.2, 1.0, 4, 3, np.random.default_rng(0))
    assert global_random_state() == before, (
        "simulate_gbm changed NumPy's global random state: np.random.normal and friends are "
        "not the rng you were given. Draw with rng.standard_normal."
    )


def test_simulate_gbm_with_one_step_and_one_path():
    paths, call = _paths(s0=1e-9, n_steps=1, n_paths=1)
    assert paths[0, 0] == 1e-9, f"{call} returned {paths}; a path starts at s0 exactly"
    assert paths[0, 1] > 0, f"{call} returned {paths}; a price stays positive"


@pytest.mark.parametrize(
    ("changes", "bad"),
    [
        ({"s0": 0.0}, "s0"),
        ({"s0": -5.0}, "s0"),
        ({"sigma": -1e-9}, "sigma"),
        ({"t": 0.0}, "t"),
        ({"t": -1.0}, "t"),
        ({"n_steps": 0}, "n_steps"),
        ({"n_paths": 0}, "n_paths"),
    ],
    ids=[
        "s0_zero",
        "s0_negative",
        "sigma_negative",
        "t_zero",
        "t_negative",
        "no_steps",
        "no_paths",
    ],
)
def test_simulate_gbm_refuses_bad_parameters(changes, bad):
    params = {"s0": 100.0, "mu": 0.05, "sigma": 0.2, "t": 1.0, "n_steps": 4, "n_paths": 3}
    params.update(changes)
    call = f"simulate_gbm({', '.join(f'{k}={v}' for k, v in params.items())}, rng)"
    args = (*params.values(), np.random.default_rng(0))
    assert_raises_naming(ValueError, bad, distribution_fit.simulate_gbm, *args, call=call)


def test_simulate_gbm_is_fast_for_many_paths(timed_gate):
    # 200_000 paths of 5 steps: one draw, a cumsum and an exp take about 14.7 ms on the
    # reference machine; a loop over the paths (each path vectorised over its steps) many
    # times the budget.
    args = (100.0, 0.05, 0.2, 1.0, 5, 200_000, np.random.default_rng(0))
    warmup = (100.0, 0.05, 0.2, 1.0, 5, 2, np.random.default_rng(1))
    timed_gate(distribution_fit.simulate_gbm, args, warmup=warmup, budget_ms=215)


def test_simulate_gbm_is_fast_for_many_steps(timed_gate):
    # 2 paths of 500_000 steps: about 13 ms vectorised on the reference machine; a loop over
    # the steps (each step vectorised over the paths) many times the budget.
    args = (100.0, 0.05, 0.2, 1.0, 500_000, 2, np.random.default_rng(0))
    warmup = (100.0, 0.05, 0.2, 1.0, 5, 2, np.random.default_rng(1))
    timed_gate(distribution_fit.simulate_gbm, args, warmup=warmup, budget_ms=189)


def test_simulate_gbm_has_no_python_loop_over_paths(loop_gate):
    def make_args(n):
        return (100.0, 0.05, 0.2, 1.0, 5, n, np.random.default_rng(0))

    loop_gate(distribution_fit.simulate_gbm, make_args, over="paths")


def test_simulate_gbm_has_no_python_loop_over_steps(loop_gate):
    def make_args(n):
        return (100.0, 0.05, 0.2, 1.0, n, 2, np.random.default_rng(0))

    loop_gate(distribution_fit.simulate_gbm, make_args, over="steps")
