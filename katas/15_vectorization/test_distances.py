"""Tests for kata 15: run ``pytest katas/15_vectorization``."""

import math

import distances
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

METHODS = ["pairwise_loop", "pairwise_broadcast", "pairwise_gram"]
VECTORISED = ["pairwise_broadcast", "pairwise_gram"]


def _reference(points) -> np.ndarray:
    """Distances by math.dist over Python floats, pair by pair."""
    rows = [[float(x) for x in row] for row in np.asarray(points)]
    return np.array([[math.dist(a, b) for b in rows] for a in rows]).reshape(len(rows), -1)


def _assert_distances(got, expected, *, call, rule, atol=1e-12):
    """assert_array, with the rule a wrong answer most likely broke added to its message."""
    __tracebackhide__ = True
    try:
        assert_array(got, expected, call=call, atol=atol)
    except pytest.fail.Exception as failure:
        message = f"{failure.msg}\n{rule}"
    else:
        return
    pytest.fail(message, pytrace=False)  # outside the except: no "during handling" chain


def _assert_float64(got, *, call):
    __tracebackhide__ = True
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    assert got.dtype == np.float64, (
        f"{call} returned dtype {got.dtype}; expected float64: compute in float64 whatever the "
        "dtype of the points"
    )


def _assert_metric(got, *, call):
    """Symmetric exactly, exactly 0 on the diagonal, no NaN and nothing negative."""
    __tracebackhide__ = True
    got = np.asarray(got)
    assert not np.isnan(got).any(), (
        f"{call} returned NaN at {np.argwhere(np.isnan(got))[0].tolist()}. Rounding can make "
        "|x|^2 + |y|^2 - 2 x.y slightly negative for nearly equal points, and sqrt of a "
        "negative number is NaN: clip the squared distances at 0 before the square root."
    )
    assert (got >= 0).all(), f"{call} returned a negative distance {got.min()!r}"
    diagonal = np.diagonal(got)
    assert (diagonal == 0).all(), (
        f"{call} returned {diagonal[diagonal != 0][0]!r} on the diagonal; every point is at "
        "distance exactly 0 from itself (set the diagonal to 0: np.fill_diagonal)"
    )
    asymmetric = np.argwhere(got != got.T)
    assert not asymmetric.size, (
        f"{call} is not exactly symmetric: D{asymmetric[0].tolist()} = "
        f"{got[tuple(asymmetric[0])]!r} but D{asymmetric[0][::-1].tolist()} = "
        f"{got[tuple(asymmetric[0][::-1])]!r}; the distance from i to j is the distance from j "
        "to i, to the last bit (a @ a.T is symmetric, a @ b.T with b a copy of a may not be)"
    )


def _cloud(n, d=3, seed=0):
    return np.random.default_rng(seed).normal(size=(n, d))


# --- all three methods: values ----------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_distances_of_a_3_4_5_triangle(method):
    points = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0]])
    got = getattr(distances, method)(points)
    expected = [[0.0, 3.0, 4.0], [3.0, 0.0, 5.0], [4.0, 5.0, 0.0]]
    _assert_distances(
        got,
        expected,
        call=f"{method}([[0, 0], [3, 0], [0, 4]])",
        rule="D[i, j] is the Euclidean distance sqrt(sum((points[i] - points[j]) ** 2)).",
    )


@pytest.mark.parametrize("method", METHODS)
def test_distances_match_math_dist_on_the_seed_points(method):
    # The seed's X = np.random.randn(1000, 5) after np.random.seed(42); the loop runs on X[:50].
    points = np.random.RandomState(42).randn(1000, 5)[:50]
    got = getattr(distances, method)(points)
    _assert_distances(
        got,
        _reference(points),
        call=f"{method}(the seed's X[:50], 50 x 5)",
        rule="D[i, j] is the distance between row i and row j, a 50 x 50 matrix.",
        atol=1e-9,
    )
    _assert_metric(got, call=f"{method}(the seed's X[:50])")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("points", "what"),
    [
        (np.array([[0, 0], [255, 0], [3, 4], [255, 255]], dtype=np.uint8), "uint8"),
        (np.array([[-30000, 0], [30000, 0], [0, 200], [0, -200]], dtype=np.int16), "int16"),
    ],
    ids=["uint8", "int16"],
)
def test_distances_of_small_integer_points_do_not_wrap_around(method, points, what):
    call = f"{method}({points.tolist()} as {what})"
    got = getattr(distances, method)(points)
    _assert_distances(
        got,
        _reference(points),
        call=call,
        rule=f"Convert to float64 before subtracting or squaring: in {what} arithmetic "
        f"differences and squares wrap around (np.{what}(0) - np.{what}(255) is not -255).",
        atol=1e-9,
    )
    _assert_float64(got, call=call)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int64, np.float32, np.float64])
def test_distances_are_float64_for_every_dtype_of_points(method, dtype):
    points = np.array([[1, 2], [4, 6], [1, 2]], dtype=dtype)
    call = f"{method}([[1, 2], [4, 6], [1, 2]] as {np.dtype(dtype)})"
    got = getattr(distances, method)(points)
    _assert_float64(got, call=call)
    expected = [[0.0, 5.0, 0.0], [5.0, 0.0, 5.0], [0.0, 5.0, 0.0]]
    _assert_distances(got, expected, call=call, rule="Equal points are at distance 0.", atol=1e-7)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("shape", "what"),
    [((0, 3), "no points"), ((1, 3), "one point"), ((4, 0), "points with no coordinates")],
    ids=["no_points", "one_point", "zero_dimensions"],
)
def test_distances_of_degenerate_point_sets(method, shape, what):
    points = np.ones(shape)
    call = f"{method}(np.ones({shape}), {what})"
    got = getattr(distances, method)(points)
    n = shape[0]
    _assert_distances(
        got, np.zeros((n, n)), call=call, rule=f"{what.capitalize()}: an {n} x {n} matrix of 0."
    )
    _assert_float64(got, call=call)


@pytest.mark.parametrize("method", METHODS)
def test_distances_are_a_new_array_and_leave_points_unchanged(method):
    points = np.array([[0, 0], [200, 100], [255, 3]], dtype=np.uint8)
    call = f"{method}({points.tolist()} as uint8)"
    got = assert_inputs_unchanged(getattr(distances, method), points, call=call)
    assert not np.shares_memory(got, points), f"{call} returned memory shared with its input"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("points", "what"),
    [(np.arange(5.0), "a 1-D array"), (np.zeros((2, 3, 4)), "a 2x3x4 array")],
    ids=["1d", "3d"],
)
def test_distances_refuse_points_that_are_not_2d(method, points, what):
    func = getattr(distances, method)
    assert_raises_naming(ValueError, "points", func, points, call=f"{method}({what})")


# --- all three methods: properties ------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_distances_are_exactly_symmetric_with_a_zero_diagonal(method):
    # 300 x 7: a size where a general matrix product a @ b.T is not exactly symmetric.
    points = _cloud(300, 7) if method != "pairwise_loop" else _cloud(40, 7)
    got = getattr(distances, method)(points)
    _assert_metric(got, call=f"{method}({len(points)} random points in 7-D)")


def _points():
    shapes = hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=10)
    floats = hnp.arrays(np.float64, shapes, elements=st.floats(-1e6, 1e6))
    small_ints = st.sampled_from([np.uint8, np.int16]).flatmap(
        lambda dtype: hnp.arrays(dtype, shapes)
    )
    return st.one_of(floats, small_ints)


@given(_points())
def test_the_three_methods_agree_and_give_distances(points):
    expected = _reference(points)
    tolerance = 1e-6 * max(expected.max(), 1.0)
    for method in METHODS:
        call = f"{method}({points.tolist()} as {points.dtype})"
        got = getattr(distances, method)(points)
        _assert_distances(
            got,
            expected,
            call=call,
            rule="All three methods compute the same distances (float64, no wrap-around).",
            atol=tolerance,
        )
        _assert_metric(got, call=call)


# --- pairwise_gram: the rounding traps --------------------------------------------------------


def test_pairwise_gram_never_gives_nan_for_repeated_points():
    # Every point twice: |x|^2 + |x|^2 - 2 x.x rounds to tiny negatives for many of the pairs.
    base = _cloud(100, 3, seed=1) * 1000
    points = np.concatenate([base, base])
    got = distances.pairwise_gram(points)
    call = "pairwise_gram(100 points in 3-D, each listed twice)"
    _assert_metric(got, call=call)
    twins = np.diagonal(got, offset=100)
    assert (twins <= 1e-6 * got.max()).all(), (
        f"{call}: a point and its copy are {twins.max()!r} apart; they should be 0 apart"
    )


def test_pairwise_gram_is_accurate_far_from_the_origin():
    # GPS fixes as UTM coordinates in metres: ~500 km east, ~5000 km north, spread over 50 m.
    # |x|^2 is about 2.5e13 there, so |x|^2 + |y|^2 - 2 x.y loses about 13 of float64's 16
    # digits unless the points are moved to the origin first.
    points = np.array([500_000.0, 5_000_000.0]) + _cloud(200, 2, seed=2) * 10
    expected = _reference(points)
    got = distances.pairwise_gram(points)
    _assert_distances(
        got,
        expected,
        call="pairwise_gram(200 GPS fixes near (500 km, 5000 km), metres)",
        rule="Within 1e-6 x the largest distance: subtract the mean point before the Gram "
        "formula (it changes no distance, but keeps |x|^2 small, so far fewer digits cancel).",
        atol=1e-6 * expected.max(),
    )
    _assert_metric(got, call="pairwise_gram(200 GPS fixes in metres)")


# --- gates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "budget_ms"), [("pairwise_broadcast", 360), ("pairwise_gram", 84)]
)
def test_vectorised_distances_are_fast_on_1000_points(timed_gate, method, budget_ms):
    # 1000 points in 3-D (the 1000 x 1000 x 3 differences are 24 MB): broadcasting takes
    # about 16 ms on the reference machine, the Gram trick about 4.1 ms, a Python loop over
    # the pairs many times the budget.
    points = _cloud(1000)
    warmup = _cloud(5, seed=1)
    timed_gate(getattr(distances, method), (points,), warmup=(warmup,), budget_ms=budget_ms)


@pytest.mark.parametrize("method", VECTORISED)
def test_vectorised_distances_have_no_python_loop_over_points(loop_gate, method):
    loop_gate(getattr(distances, method), lambda n: (_cloud(n),), over="points", n=20)


# --- benchmark --------------------------------------------------------------------------------


class _FakeClock:
    """A clock that only moves when a fake function runs: readings are exact and repeatable."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _fake(clock, seconds, calls):
    """A stand-in distance function: call k takes seconds[k] on the fake clock."""

    def func(points):
        calls.append(points)
        clock.now += seconds[min(len(calls), len(seconds)) - 1]
        return np.zeros((len(points), len(points)))

    return func


def _run_benchmark(seconds_by_name, baseline, repeats):
    clock = _FakeClock()
    calls = {name: [] for name in seconds_by_name}
    functions = {
        name: _fake(clock, seconds, calls[name]) for name, seconds in seconds_by_name.items()
    }
    points = _cloud(4)
    got = distances.benchmark(functions, points, baseline, repeats, clock)
    return got, calls, points


def _assert_speedups(got, expected, *, call, rule):
    __tracebackhide__ = True
    assert isinstance(got, dict), f"{call} returned {got!r}; expected a dict {expected}"
    assert list(got) == list(expected), (
        f"{call} returned the names {list(got)}; expected {list(expected)}: one entry per "
        "function, in the order of the functions dict"
    )
    for name, value in expected.items():
        ok = isinstance(got[name], (int, float)) and math.isclose(got[name], value)
        assert ok, f"{call} returned {got}; expected {expected}. {rule}"


def test_benchmark_divides_the_baseline_time_by_each_time():
    # first call (cold, untimed), then three timed calls each
    seconds = {"loop": [50.0, 8.0, 8.0, 8.0], "broadcast": [5.0, 2.0, 2.0, 2.0]}
    seconds["gram"] = [1.0, 0.5, 0.5, 0.5]
    got, _, _ = _run_benchmark(seconds, "loop", 3)
    _assert_speedups(
        got,
        {"loop": 1.0, "broadcast": 4.0, "gram": 16.0},
        call="benchmark(loop 8 s, broadcast 2 s, gram 0.5 s per call, baseline='loop')",
        rule="The speed-up of a function is baseline_time / its time, from the clock readings.",
    )


def test_benchmark_does_not_time_the_cold_first_call():
    seconds = {"loop": [1.0, 6.0, 6.0], "broadcast": [1000.0, 3.0, 3.0]}
    got, _, _ = _run_benchmark(seconds, "loop", 2)
    _assert_speedups(
        got,
        {"loop": 1.0, "broadcast": 2.0},
        call="benchmark(loop 6 s, broadcast 3 s after a 1000 s first call, repeats=2)",
        rule="Call each function once untimed first: the cold call pays for caches and page "
        "faults, and is not part of its time.",
    )


def test_benchmark_takes_the_fastest_of_the_repeats():
    seconds = {"loop": [1.0, 9.0, 3.0, 6.0], "broadcast": [1.0, 2.0, 2.0, 1.0]}
    got, _, _ = _run_benchmark(seconds, "loop", 3)
    _assert_speedups(
        got,
        {"loop": 1.0, "broadcast": 3.0},
        call="benchmark(loop 9, 3, 6 s; broadcast 2, 2, 1 s; repeats=3)",
        rule="A function's time is the fastest of its timed repeats (min), not their mean, "
        "total or last.",
    )


@pytest.mark.parametrize("repeats", [1, 4])
def test_benchmark_calls_each_function_once_plus_repeats_times_with_the_points(repeats):
    seconds = {"loop": [1.0], "broadcast": [1.0], "gram": [1.0]}
    _, calls, points = _run_benchmark(seconds, "gram", repeats)
    for name, received in calls.items():
        assert len(received) == 1 + repeats, (
            f"benchmark(..., repeats={repeats}) called {name} {len(received)} times; expected "
            f"{1 + repeats}: one untimed warm-up call, then {repeats} timed ones"
        )
        assert all(arg is points for arg in received), (
            f"benchmark called {name} with something other than the points it was given"
        )


def test_benchmark_baseline_may_be_any_entry():
    seconds = {"loop": [1.0, 8.0], "broadcast": [1.0, 2.0], "gram": [1.0, 0.5]}
    got, _, _ = _run_benchmark(seconds, "broadcast", 1)
    _assert_speedups(
        got,
        {"loop": 0.25, "broadcast": 1.0, "gram": 4.0},
        call="benchmark(loop 8 s, broadcast 2 s, gram 0.5 s, baseline='broadcast')",
        rule="Speed-ups are relative to the baseline named: slower functions get less than 1.",
    )


def test_benchmark_returns_python_floats():
    seconds = {"loop": [1.0, 3.0], "gram": [1.0, 1.0]}
    got, _, _ = _run_benchmark(seconds, "loop", 1)
    for name, value in got.items():
        assert type(value) is float, (
            f"benchmark returned {value!r} ({type(value).__name__}) for {name!r}; expected a "
            "Python float: float(...) turns a NumPy number into one"
        )


def test_benchmark_runs_the_three_methods_with_the_real_clock():
    points = _cloud(30)
    functions = {name: getattr(distances, name) for name in METHODS}
    call = "benchmark({loop, broadcast, gram}, 30 points, 'pairwise_loop', 2)"
    got = assert_inputs_unchanged(
        distances.benchmark, functions, points, "pairwise_loop", 2, call=call
    )
    assert isinstance(got, dict), f"{call} returned {got!r}; expected a dict"
    assert list(got) == METHODS, f"{call} returned the keys {list(got)}; expected {METHODS}"
    assert_value(got["pairwise_loop"], 1.0, call=f"{call}['pairwise_loop']")
    for name, value in got.items():
        ok = isinstance(value, float) and math.isfinite(value) and value > 0
        assert ok, f"{call} gave {name} the speed-up {value!r}; expected a positive finite float"


@pytest.mark.parametrize(
    ("baseline", "repeats", "bad"), [("numba", 3, "baseline"), ("loop", 0, "repeats")]
)
def test_benchmark_refuses_an_unknown_baseline_and_no_repeats(baseline, repeats, bad):
    functions = {"loop": distances.pairwise_loop}
    call = f"benchmark({{'loop': ...}}, points, {baseline!r}, {repeats})"
    args = (functions, _cloud(3), baseline, repeats)
    assert_raises_naming(ValueError, bad, distances.benchmark, *args, call=call)
