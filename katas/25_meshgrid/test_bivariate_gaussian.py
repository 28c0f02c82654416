"""Tests for kata 25: run ``pytest katas/25_meshgrid``."""

import math

import bivariate_gaussian as bg
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

# The seed's grid: 50 x 50 points over [-3, 3] x [-3, 3], and its correlated parameters.
SEED_AXIS = np.linspace(-3, 3, 50)
CORRELATED = {"mu_x": 0.5, "mu_y": -0.5, "sigma_x": 1.2, "sigma_y": 0.8, "rho": 0.7}
LAYOUT = "Z[i, j] is the value at (x[j], y[i]): rows follow y, columns follow x"


# --- the references: the covariance matrix, and a loop over the cells ---------------------------


def _density_by_covariance(X, Y, mu_x=0.0, mu_y=0.0, sigma_x=1.0, sigma_y=1.0, rho=0.0):
    """exp(-d^T inv(C) d / 2) / (2 pi sqrt(det C)), with the 2 x 2 covariance C built here."""
    cov = np.array([[sigma_x**2, rho * sigma_x * sigma_y], [rho * sigma_x * sigma_y, sigma_y**2]])
    X, Y = np.broadcast_arrays(np.asarray(X, dtype=float), np.asarray(Y, dtype=float))
    d = np.stack([X - mu_x, Y - mu_y], axis=-1)
    quadratic = np.einsum("...i,ij,...j->...", d, np.linalg.inv(cov), d)
    return np.exp(-quadratic / 2) / (2 * math.pi * math.sqrt(np.linalg.det(cov)))


def _trapezoid_by_loop(Z, x, y):
    """Each cell's area times the mean of its four corners, summed in Python."""
    total = 0.0
    for i in range(len(y) - 1):
        for j in range(len(x) - 1):
            corners = (
                float(Z[i, j]) + float(Z[i, j + 1]) + float(Z[i + 1, j]) + float(Z[i + 1, j + 1])
            )
            total += (
                corners / 4 * (float(x[j + 1]) - float(x[j])) * (float(y[i + 1]) - float(y[i]))
            )
    return total


def _peak_by_loop(Z, x, y):
    best = None
    for i in range(Z.shape[0]):
        for j in range(Z.shape[1]):
            if best is None or Z[i, j] > Z[best]:
                best = (i, j)
    return float(x[best[1]]), float(y[best[0]])


def _call(params):
    return ", ".join(f"{k}={v}" for k, v in params.items())


# --- bivariate_gaussian -------------------------------------------------------------------------


def test_the_seed_standard_density_peaks_next_to_the_origin():
    X, Y = np.meshgrid(SEED_AXIS, SEED_AXIS)
    Z = bg.bivariate_gaussian(X, Y)
    assert_array(Z, _density_by_covariance(X, Y), call="bivariate_gaussian(X, Y) on the seed grid")
    # No grid point sits on 0: the nearest are at +-3/49, so the max is a little below 1/(2 pi).
    expected_max = math.exp(-((3 / 49) ** 2)) / (2 * math.pi)
    assert_value(float(Z.max()), expected_max, call="bivariate_gaussian(X, Y).max()")
    assert round(expected_max, 4) == 0.1586  # the seed's printed max


def test_the_seed_correlated_density_matches_the_covariance_formula():
    X, Y = np.meshgrid(SEED_AXIS, SEED_AXIS)
    Z = bg.bivariate_gaussian(X, Y, **CORRELATED)
    expected = _density_by_covariance(X, Y, **CORRELATED)
    assert_array(Z, expected, call=f"bivariate_gaussian(X, Y, {_call(CORRELATED)})")
    assert round(float(expected.max()), 4) == 0.2316  # the seed's printed max


def test_the_density_at_the_mean_is_one_over_two_pi_sigma_x_sigma_y_root_one_minus_rho2():
    got = bg.bivariate_gaussian(np.array([0.5]), np.array([-0.5]), **CORRELATED)
    expected = 1 / (2 * math.pi * 1.2 * 0.8 * math.sqrt(1 - 0.7**2))
    assert_array(got, [expected], call=f"bivariate_gaussian(mu_x, mu_y, {_call(CORRELATED)})")


@pytest.mark.parametrize(
    "params",
    [
        {"mu_x": 1.0, "mu_y": 2.0, "sigma_x": 0.5, "sigma_y": 3.0, "rho": -0.9},
        {"mu_x": -2.0, "mu_y": 0.0, "sigma_x": 2.0, "sigma_y": 0.25, "rho": 0.3},
        {"mu_x": 0.0, "mu_y": 0.0, "sigma_x": 1.0, "sigma_y": 1.0, "rho": 0.999999},
        {"mu_x": 0.0, "mu_y": 0.0, "sigma_x": 1.0, "sigma_y": 1.0, "rho": -0.999999},
    ],
    ids=["strong_negative", "narrow_y", "rho_just_below_1", "rho_just_above_minus_1"],
)
def test_the_density_matches_the_covariance_formula_on_a_non_square_grid(params):
    X, Y = np.meshgrid(np.linspace(-4, 4, 9), np.linspace(-3, 5, 5))
    got = bg.bivariate_gaussian(X, Y, **params)
    expected = _density_by_covariance(X, Y, **params)
    call = f"bivariate_gaussian(X, Y, {_call(params)})"
    assert_array(
        got,
        expected,
        call=f"{call} (the exponent is divided by 2 (1 - rho**2))",
        rtol=1e-9,
        atol=0,
    )


@given(
    st.floats(-3, 3),
    st.floats(-3, 3),
    st.floats(0.1, 5),
    st.floats(0.1, 5),
    st.floats(-0.99, 0.99),
)
def test_the_density_always_matches_the_covariance_formula(mu_x, mu_y, sigma_x, sigma_y, rho):
    X, Y = np.meshgrid(np.linspace(-5, 5, 7), np.linspace(-4, 4, 6))
    params = {"mu_x": mu_x, "mu_y": mu_y, "sigma_x": sigma_x, "sigma_y": sigma_y, "rho": rho}
    got = bg.bivariate_gaussian(X, Y, **params)
    assert_array(
        got,
        _density_by_covariance(X, Y, **params),
        call=f"bivariate_gaussian(X, Y, {_call(params)})",
        rtol=1e-9,
        atol=1e-300,
    )


@pytest.mark.parametrize(
    ("dtype", "axis", "mean"),
    [(np.int16, np.arange(-300, 301, 50), 100), (np.uint8, np.arange(0, 251, 25), 100)],
    ids=["int16", "uint8"],
)
def test_an_integer_grid_with_integer_means_does_not_overflow(dtype, axis, mean):
    X, Y = np.meshgrid(axis.astype(dtype), axis[::2].astype(dtype))
    params = {"mu_x": mean, "mu_y": mean, "sigma_x": 150, "sigma_y": 100, "rho": 0.5}
    got = assert_inputs_unchanged(
        lambda X, Y: bg.bivariate_gaussian(X, Y, **params),
        X,
        Y,
        call=f"bivariate_gaussian({dtype.__name__} grid, {_call(params)})",
    )
    expected = _density_by_covariance(X.astype(float), Y.astype(float), **params)
    call = f"bivariate_gaussian(a {dtype.__name__} grid, {_call(params)})"
    assert_array(
        got,
        expected,
        call=f"{call} (convert to float before subtracting and squaring)",
        rtol=1e-9,
        atol=0,
    )
    assert_dtype_kind(got, "f", call=call, why="a density is a float, whatever the grid's dtype")


def test_an_open_grid_broadcasts_to_the_full_grid():
    x, y = np.linspace(-2, 2, 5), np.linspace(-1, 1, 3)
    got = bg.bivariate_gaussian(x[np.newaxis, :], y[:, np.newaxis], **CORRELATED)
    X, Y = np.meshgrid(x, y)
    assert_array(
        got,
        _density_by_covariance(X, Y, **CORRELATED),
        call="bivariate_gaussian(x[None, :], y[:, None], ...)",
    )


def test_the_density_is_a_new_float_array_and_the_grid_is_not_modified():
    X, Y = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 1, 4))
    call = f"bivariate_gaussian(X, Y, {_call(CORRELATED)})"
    got = assert_inputs_unchanged(
        lambda X, Y: bg.bivariate_gaussian(X, Y, **CORRELATED), X, Y, call=call
    )
    assert_dtype_kind(got, "f", call=call, why="a density is a float")
    for name, grid in (("X", X), ("Y", Y)):
        assert not np.shares_memory(got, grid), (
            f"{call} returned a view of {name}; expected a new array"
        )


@pytest.mark.parametrize("name", ["sigma_x", "sigma_y"])
@pytest.mark.parametrize(
    "value",
    [0.0, -1.0, -1e-12, math.nan, math.inf],
    ids=["zero", "negative", "tiny_negative", "nan", "inf"],
)
def test_a_standard_deviation_that_is_not_positive_and_finite_is_refused(name, value):
    X, Y = np.meshgrid(np.linspace(-1, 1, 3), np.linspace(-1, 1, 2))
    call = f"bivariate_gaussian(X, Y, {name}={value})"
    assert_raises_naming(
        ValueError, name, lambda: bg.bivariate_gaussian(X, Y, **{name: value}), call=call
    )


@pytest.mark.parametrize("rho", [1.0, -1.0, 1.0000001, -1.5, math.nan])
def test_a_correlation_outside_minus_1_to_1_is_refused(rho):
    X, Y = np.meshgrid(np.linspace(-1, 1, 3), np.linspace(-1, 1, 2))
    call = f"bivariate_gaussian(X, Y, rho={rho}) (rho must satisfy -1 < rho < 1)"
    assert_raises_naming(
        ValueError, "rho", lambda: bg.bivariate_gaussian(X, Y, rho=rho), call=call
    )


def test_a_tiny_positive_standard_deviation_is_accepted():
    X, Y = np.meshgrid(np.array([0.0, 1e-3]), np.array([0.0]))
    got = bg.bivariate_gaussian(X, Y, sigma_x=1e-3, sigma_y=1.0)
    assert_array(
        got,
        _density_by_covariance(X, Y, sigma_x=1e-3),
        call="bivariate_gaussian(X, Y, sigma_x=1e-3)",
    )


def _tall_grid(rows, columns=20):
    return np.meshgrid(np.linspace(-4, 4, columns), np.linspace(-4, 4, rows))


def test_bivariate_gaussian_is_fast_on_a_large_grid(timed_gate):
    # A 1000 x 1000 grid: whole-array NumPy takes about 8.2 ms on the reference machine, a
    # loop over the 10^6 points with math.exp many times the budget.
    X, Y = np.meshgrid(np.linspace(-5, 5, 1000), np.linspace(-5, 5, 1000))
    warmup = (X[:2, :2].copy(), Y[:2, :2].copy(), *CORRELATED.values())
    timed_gate(
        bg.bivariate_gaussian,
        (X, Y, *CORRELATED.values()),
        warmup=warmup,
        budget_ms=134,
        workload="elementwise",
    )


def test_bivariate_gaussian_has_no_python_loop_over_rows(loop_gate):
    loop_gate(
        bg.bivariate_gaussian,
        lambda n: (*_tall_grid(n), *CORRELATED.values()),
        over="rows of the grid",
    )


# --- grid_integral ------------------------------------------------------------------------------


def test_the_integral_of_one_counts_the_border_as_half_cells():
    x, y = np.linspace(0, 2, 5), np.linspace(0, 1, 3)
    Z = np.ones((3, 5))
    got = bg.grid_integral(Z, x, y)
    call = "grid_integral(ones((3, 5)), linspace(0, 2, 5), linspace(0, 1, 3))"
    assert type(got) is float, (
        f"{call} returned {type(got).__name__}; expected a Python float (float(...))"
    )
    assert_value(
        got,
        2.0,
        call=f"{call} (by the trapezoidal rule, the area of [0, 2] x [0, 1]; "
        "Z.sum() * dx * dy gives 3.75: border points weigh half a cell)",
        rtol=1e-12,
    )


@pytest.mark.parametrize(
    ("which", "expected"),
    [("x", 2.0), ("y", 1.0), ("xy", 1.0)],
    ids=["z_is_x", "z_is_y", "z_is_x_times_y"],
)
@pytest.mark.parametrize("size", [(5, 3), (4, 4)], ids=["non_square", "square"])
def test_the_rows_of_z_follow_y_and_its_columns_follow_x(which, expected, size):
    # Over [0, 2] x [0, 1]: the integral of x is 2, of y is 1, of x*y is 1. The rule is
    # exact for these, so a swapped axis shows up as a wrong value even on a square grid.
    x, y = np.linspace(0, 2, size[0]), np.linspace(0, 1, size[1])
    X, Y = np.meshgrid(x, y)
    Z = {"x": X, "y": Y, "xy": X * Y}[which]
    got = bg.grid_integral(Z, x, y)
    assert_value(
        got,
        expected,
        call=f"grid_integral(Z = {which} on meshgrid(linspace(0, 2, {size[0]}), "
        f"linspace(0, 1, {size[1]})), x, y) ({LAYOUT})",
        rtol=1e-12,
    )


def test_uneven_spacing_uses_each_cell_width():
    x, y = np.array([0.0, 0.1, 0.5, 2.0]), np.array([0.0, 1.0, 3.0])
    X, Y = np.meshgrid(x, y)
    got = assert_inputs_unchanged(
        bg.grid_integral, X * Y, x, y, call="grid_integral(x*y, uneven x, y)"
    )
    # The integral of x*y over [0, 2] x [0, 3] is (2**2 / 2) * (3**2 / 2) = 9, exactly.
    assert_value(
        got,
        9.0,
        call=f"grid_integral(x*y, x={x.tolist()}, y={y.tolist()}) (each cell has its own width)",
        rtol=1e-12,
    )


def test_the_seed_densities_over_minus_3_to_3():
    X, Y = np.meshgrid(SEED_AXIS, SEED_AXIS)
    standard = bg.bivariate_gaussian(X, Y)
    got = bg.grid_integral(standard, SEED_AXIS, SEED_AXIS)
    call = "grid_integral(standard density on the seed's 50 x 50 grid)"
    assert_value(got, _trapezoid_by_loop(standard, SEED_AXIS, SEED_AXIS), call=call, rtol=1e-12)
    # The mass of [-3, 3]^2 is erf(3 / sqrt 2)**2 = 0.99461; the seed's Z.sum() * dx * dy
    # says 0.9956, more than the mass, because it counts each border point as a whole cell.
    assert_value(got, math.erf(3 / math.sqrt(2)) ** 2, call=f"{call} vs the exact mass", rtol=1e-3)
    correlated = bg.bivariate_gaussian(X, Y, **CORRELATED)
    got = bg.grid_integral(correlated, SEED_AXIS, SEED_AXIS)
    call = f"grid_integral(density with {_call(CORRELATED)} on the seed grid)"
    assert_value(got, _trapezoid_by_loop(correlated, SEED_AXIS, SEED_AXIS), call=call, rtol=1e-12)


def test_the_density_integrates_to_one_over_a_wide_grid():
    x, y = np.linspace(-10, 10, 401), np.linspace(-8, 8, 301)
    X, Y = np.meshgrid(x, y)
    got = bg.grid_integral(_density_by_covariance(X, Y, **CORRELATED), x, y)
    assert_value(
        got,
        1.0,
        call=f"grid_integral(density with {_call(CORRELATED)} on [-10, 10] x [-8, 8])",
        rtol=1e-9,
    )


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_an_integer_z_does_not_overflow(dtype):
    x, y = np.linspace(0, 3, 4), np.linspace(0, 2, 3)
    Z = np.full((3, 4), 200, dtype=dtype)
    got = bg.grid_integral(Z, x, y)
    call = f"grid_integral(full((3, 4), 200, {dtype.__name__}), x over [0, 3], y over [0, 2])"
    assert_value(
        got, 1200.0, call=f"{call} (convert Z to float: 200 + 200 overflows in uint8)", rtol=1e-12
    )


@given(
    hnp.arrays(
        np.float64, st.tuples(st.integers(2, 6), st.integers(2, 6)), elements=st.floats(-100, 100)
    ),
    st.data(),
)
def test_grid_integral_matches_a_cell_by_cell_loop(Z, data):
    steps = st.floats(0.01, 3)
    x = np.cumsum(
        [0.0, *data.draw(st.lists(steps, min_size=Z.shape[1] - 1, max_size=Z.shape[1] - 1))]
    )
    y = np.cumsum(
        [0.0, *data.draw(st.lists(steps, min_size=Z.shape[0] - 1, max_size=Z.shape[0] - 1))]
    )
    got = bg.grid_integral(Z, x, y)
    assert_value(
        got,
        _trapezoid_by_loop(Z, x, y),
        call=f"grid_integral({Z.tolist()}, {x.tolist()}, {y.tolist()})",
        rtol=1e-9,
        atol=1e-9,
    )


GOOD_AXIS = np.linspace(0, 1, 3)
BAD_AXES = {
    "two_d": np.ones((3, 1)),
    "one_point": np.array([0.0]),
    "decreasing": np.array([1.0, 0.5, 0.0]),
    "repeated": np.array([0.0, 0.5, 0.5]),
    "nan": np.array([0.0, np.nan, 1.0]),
}


@pytest.mark.parametrize("name", ["x", "y"])
@pytest.mark.parametrize("bad", BAD_AXES)
def test_grid_integral_refuses_a_bad_axis(name, bad):
    axes = {"x": GOOD_AXIS, "y": GOOD_AXIS, name: BAD_AXES[bad]}
    Z = np.ones((len(axes["y"]), len(axes["x"])))
    call = (
        f"grid_integral(Z, {name}={BAD_AXES[bad].tolist()}) "
        "(an axis is 1-D, strictly increasing, with at least 2 points)"
    )
    assert_raises_naming(ValueError, name, bg.grid_integral, Z, axes["x"], axes["y"], call=call)


def test_grid_integral_refuses_a_z_laid_out_ij():
    x, y = np.linspace(0, 2, 5), np.linspace(0, 1, 3)
    Z = np.ones((5, 3))  # (len(x), len(y)): indexing="ij"
    call = f"grid_integral(Z of shape (5, 3), x of 5 points, y of 3) ({LAYOUT})"
    assert_raises_naming(ValueError, "Z", bg.grid_integral, Z, x, y, call=call)


def test_grid_integral_has_no_python_loop_over_rows(loop_gate):
    def make_args(n):
        x, y = np.linspace(-4, 4, 20), np.linspace(-4, 4, n)
        return np.exp(-np.add.outer(y**2, x**2)), x, y

    loop_gate(bg.grid_integral, make_args, over="rows of the grid")


# --- peak_position ------------------------------------------------------------------------------


def test_the_seed_correlated_peak_is_at_the_grid_point_nearest_the_mean():
    X, Y = np.meshgrid(SEED_AXIS, SEED_AXIS)
    Z = _density_by_covariance(X, Y, **CORRELATED)
    got = assert_inputs_unchanged(
        bg.peak_position, Z, SEED_AXIS, SEED_AXIS, call="peak_position(Z2, x, y)"
    )
    expected = _peak_by_loop(Z, SEED_AXIS, SEED_AXIS)
    assert (round(expected[0], 2), round(expected[1], 2)) == (0.43, -0.55)  # the seed's peak
    _assert_pair(got, expected, call=f"peak_position(the seed's density with {_call(CORRELATED)})")


def _assert_pair(got, expected, *, call):
    __tracebackhide__ = True
    if not isinstance(got, tuple) or len(got) != 2:
        pytest.fail(f"{call} returned {got!r}; expected a pair (x, y)", pytrace=False)
    assert all(type(v) is float for v in got), (
        f"{call} returned {got!r}; expected two Python floats (float(...))"
    )
    assert got == expected, (
        f"{call} returned {got}; expected (x, y) = {expected} ({LAYOUT}; x comes first)"
    )


def test_peak_position_on_a_non_square_grid_gives_x_first():
    x, y = np.linspace(0, 6, 7), np.linspace(0, 3, 4)
    X, Y = np.meshgrid(x, y)
    Z = -((X - 5) ** 2) - (Y - 1) ** 2
    _assert_pair(
        bg.peak_position(Z, x, y),
        (5.0, 1.0),
        call="peak_position(peak at x=5, y=1 on a 4 x 7 grid)",
    )


def test_peak_position_takes_the_first_maximum_in_row_major_order():
    x, y = np.array([10.0, 20.0, 30.0]), np.array([1.0, 2.0])
    Z = np.zeros((2, 3), dtype=np.uint8)
    Z[1, 0] = Z[0, 2] = 255
    _assert_pair(
        bg.peak_position(Z, x, y),
        (30.0, 1.0),
        call=f"peak_position({Z.tolist()}, x, y) (a tie goes to the first row, then column)",
    )


@given(
    hnp.arrays(
        np.int16, st.tuples(st.integers(1, 5), st.integers(1, 5)), elements=st.integers(-3, 3)
    )
)
def test_peak_position_matches_a_loop_over_the_grid(Z):
    x = np.arange(Z.shape[1]) * 1.5
    y = np.arange(Z.shape[0]) - 10.0
    _assert_pair(
        bg.peak_position(Z, x, y),
        _peak_by_loop(Z, x, y),
        call=f"peak_position({Z.tolist()}, {x.tolist()}, {y.tolist()})",
    )


@pytest.mark.parametrize(
    ("Z", "x", "y", "bad"),
    [
        (np.ones((3, 2)), np.arange(3.0), np.arange(2.0), "Z"),  # laid out ij
        (np.array([[1.0, np.nan], [0.0, 2.0]]), np.arange(2.0), np.arange(2.0), "Z"),
        (np.ones((2, 0)), np.array([]), np.arange(2.0), "x"),
        (np.ones((1, 2)), np.arange(2.0), np.ones((1, 1)), "y"),
    ],
    ids=["ij_layout", "nan", "empty_x", "two_d_y"],
)
def test_peak_position_refuses_bad_input(Z, x, y, bad):
    call = f"peak_position(Z of shape {Z.shape}, x of shape {x.shape}, y of shape {y.shape})"
    assert_raises_naming(ValueError, bad, bg.peak_position, Z, x, y, call=call)


def test_peak_position_has_no_python_loop_over_rows(loop_gate):
    def make_args(n):
        x, y = np.linspace(-4, 4, 20), np.linspace(-4, 4, n)
        return -np.add.outer((y - 1) ** 2, x**2), x, y

    loop_gate(bg.peak_position, make_args, over="rows of the grid")
