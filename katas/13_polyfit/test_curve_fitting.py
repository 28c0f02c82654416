"""Tests for kata 13: run ``pytest katas/13_polyfit``."""

import math

import curve_fitting
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


def seed_practice_data():
    """The seed's practice: 60 points of sin(x) plus noise, np.random.seed(42)."""
    x = np.linspace(0, 2 * np.pi, 60)
    y = np.sin(x) + np.random.RandomState(42).randn(60) * 0.2
    return x, y


# The seed practice's training RMSE of degrees 1, 3, 5 and 7, to four places: it falls with
# every extra degree, so the lowest training RMSE always belongs to the highest degree.
SEED_TRAINING_RMSE = {1: 0.4765, 3: 0.1804, 5: 0.1696, 7: 0.1643}


def lstsq_coefficients(x, y, degree):
    """Least squares by np.linalg.lstsq on a float Vandermonde matrix, highest power first."""
    powers = np.vander(np.asarray(x, dtype=float), degree + 1)
    return np.linalg.lstsq(powers, np.asarray(y, dtype=float), rcond=None)[0]


def python_rmse(y, y_hat):
    """sqrt(mean of squared errors), one value at a time in Python floats."""
    squares = [(float(a) - float(b)) ** 2 for a, b in zip(y, y_hat, strict=True)]
    return math.sqrt(math.fsum(squares) / len(squares))


def python_cross_validation_rmse(x, y, degree, k):
    """Fold j holds the positions i with i % k == j; the held-out errors are pooled."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    predicted = [0.0] * len(x)
    for j in range(k):
        train = [i for i in range(len(x)) if i % k != j]
        coeffs = lstsq_coefficients(x[train], y[train], degree)
        for i in range(j, len(x), k):
            predicted[i] = float(np.polyval(coeffs, x[i]))
    return python_rmse(y, predicted)


def assert_coefficients(got, expected, *, call: str, atol: float = 1e-9) -> None:
    """A float coefficient array equal to ``expected`` (highest power first)."""
    __tracebackhide__ = True
    expected = np.asarray(expected, dtype=float)
    if isinstance(got, np.ndarray) and got.shape == expected.shape:
        assert_dtype_kind(got, "f", call=call, why="coefficients of a fit are floats")
        reversed_ = np.allclose(got[::-1], expected, atol=atol)
        assert not reversed_ or np.allclose(expected, expected[::-1]), (
            f"{call} returned {got}, lowest power first; expected {expected}, highest power "
            "first, the order np.polyval expects (np.polynomial returns lowest power first: "
            "reverse it)"
        )
    assert_array(
        got, expected, call=f"{call} (coefficients highest power first, in x itself)", atol=atol
    )


def fits_of(x, y, degrees, *, call: str) -> dict:
    __tracebackhide__ = True
    fits = curve_fitting.fit_polynomials(x, y, degrees)
    assert isinstance(fits, dict), f"{call} returned {type(fits).__name__}; expected a dict"
    assert list(fits) == list(degrees), (
        f"{call} returned a dict with the keys {list(fits)}; expected one entry per degree, "
        f"in the order given: {list(degrees)}"
    )
    return fits


# --- fit_polynomials --------------------------------------------------------------------------


def test_fit_polynomials_recovers_an_exact_quadratic():
    # The seed's y = 2x**2 - 3x + 1 without its noise, on int16 points -3 .. 3.
    x = np.arange(-3, 4, dtype=np.int16)
    y = 2 * x**2 - 3 * x + 1
    call = "fit_polynomials(x = -3..3, 2x**2 - 3x + 1, [2, 3])"
    fits = fits_of(x, y, [2, 3], call=call)
    assert_coefficients(fits[2], [2, -3, 1], call=f"{call}[2]")
    assert_coefficients(fits[3], [0, 2, -3, 1], call=f"{call}[3]")


def test_fit_polynomials_gives_coefficients_in_x_not_in_a_scaled_domain():
    # np.polynomial.Polynomial.fit maps x onto [-1, 1] first: its .coef belong to that window
    # (here [50, 15]), not to x. .convert() gives the coefficients in x, lowest power first.
    x = np.linspace(10, 20, 11)
    call = "fit_polynomials(x = 10..20, 3x + 5, [1])"
    got = fits_of(x, 3 * x + 5, [1], call=call)[1]
    assert_coefficients(got, [3, 5], call=f"{call}[1], not in Polynomial.fit's scaled domain")


def test_fit_polynomials_of_large_uint8_points_does_not_wrap_around():
    # x up to 225 in uint8: x**2 in uint8 wraps around above 255. Fit in floats.
    x = np.arange(0, 250, 25, dtype=np.uint8)
    y = 0.5 * x.astype(float) ** 2 - x
    call = "fit_polynomials(uint8 x = 0, 25, .., 225, 0.5x**2 - x, [2])"
    assert_coefficients(fits_of(x, y, [2], call=call)[2], [0.5, -1, 0], call=f"{call}[2]")


def test_fit_polynomials_keeps_the_order_of_the_degrees_given():
    x = np.linspace(-1, 1, 9)
    y = x**3
    call = "fit_polynomials(x, x**3, [3, 1, 2])"
    fits = fits_of(x, y, [3, 1, 2], call=call)
    for degree in (3, 1, 2):
        assert_coefficients(
            fits[degree], lstsq_coefficients(x, y, degree), call=f"{call}[{degree}]"
        )


def test_fit_polynomials_of_the_seed_practice_data():
    x, y = seed_practice_data()
    call = "fit_polynomials(seed x, seed y, [1, 3, 5, 7])"
    fits = assert_inputs_unchanged(curve_fitting.fit_polynomials, x, y, [1, 3, 5, 7], call=call)
    for degree, training_rmse in SEED_TRAINING_RMSE.items():
        fitted = np.polyval(fits[degree], x)
        expected = np.vander(x, degree + 1) @ lstsq_coefficients(x, y, degree)
        assert_array(fitted, expected, call=f"np.polyval({call}[{degree}], x)", atol=1e-8)
        assert_value(
            round(python_rmse(y, fitted), 4), training_rmse, call=f"training RMSE of {degree}"
        )


@given(
    st.lists(st.integers(-5, 5), min_size=1, max_size=5),
    st.integers(0, 15),
)
def test_fit_polynomials_recovers_any_exact_polynomial(coeffs, extra_points):
    degree = len(coeffs) - 1
    x = np.linspace(-2, 2, degree + 1 + extra_points)
    y = np.polyval(coeffs, x)
    call = f"fit_polynomials(x = {len(x)} points in [-2, 2], y = polyval({coeffs}, x), [{degree}])"
    fit = curve_fitting.fit_polynomials(x, y, [degree])[degree]
    assert_coefficients(fit, coeffs, call=f"{call}[{degree}]", atol=1e-8)


@given(
    st.lists(st.floats(-100, 100), min_size=2, max_size=30),
    st.integers(0, 4),
)
def test_fit_polynomials_leaves_residuals_orthogonal_to_every_power(values, degree):
    # Least squares solves the normal equations: the residuals y - p(x) have zero dot product
    # with 1, x, ..., x**degree. A fit through a few chosen points does not.
    y = np.array(values)
    degree = min(degree, len(y) - 1)
    x = np.linspace(-1, 1, len(y))
    fit = curve_fitting.fit_polynomials(x, y, [degree])[degree]
    dots = np.vander(x, degree + 1).T @ (y - np.polyval(fit, x))
    call = f"fit_polynomials(x = {len(x)} points in [-1, 1], {values}, [{degree}])"
    assert_array(
        dots,
        np.zeros(degree + 1),
        call=f"the dot products of x**j with the residuals of {call} (least squares makes them 0)",
        atol=1e-8 * max(1.0, float(np.abs(y).max())),
    )


@pytest.mark.parametrize(
    ("x", "y", "degrees", "bad"),
    [
        (np.ones((3, 2)), np.ones((3, 2)), [1], "x"),
        (np.arange(5.0), np.arange(4.0), [1], "y"),
        (np.array([0.0, np.nan, 2.0]), np.arange(3.0), [1], "x"),
        (np.arange(3.0), np.array([0.0, np.inf, 2.0]), [1], "y"),
        (np.arange(4.0), np.arange(4.0), [-1], "degrees"),
        (np.arange(4.0), np.arange(4.0), [1, 4], "degrees"),
    ],
    ids=["x_2d", "lengths_differ", "nan_x", "inf_y", "negative_degree", "degree_too_high"],
)
def test_fit_polynomials_refuses_bad_input(x, y, degrees, bad):
    call = f"fit_polynomials({x.tolist()}, {y.tolist()}, {degrees})"
    assert_raises_naming(ValueError, bad, curve_fitting.fit_polynomials, x, y, degrees, call=call)


def test_fit_polynomials_accepts_the_highest_degree_the_points_allow():
    # 4 points fix a cubic exactly: degree len(x) - 1 is allowed, len(x) is not.
    x, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 0.0, 3.0, 2.0])
    fit = fits_of(x, y, [3], call="fit_polynomials(4 points, [3])")[3]
    assert_array(np.polyval(fit, x), y, call="np.polyval(the cubic through 4 points, x)")


# --- residuals --------------------------------------------------------------------------------


def test_residuals_are_observed_minus_fitted():
    x, y = np.array([0.0, 1.0, 2.0]), np.array([2.0, 2.0, 2.0])
    call = "residuals(x=[0, 1, 2], y=[2, 2, 2], coeffs=[1, 0] (p(x) = x))"
    got = assert_inputs_unchanged(curve_fitting.residuals, x, y, np.array([1.0, 0.0]), call=call)
    assert_array(got, [2.0, 1.0, 0.0], call=f"{call}, which is y - p(x), not p(x) - y")


def test_residuals_read_coefficients_highest_power_first():
    # [2, 1] is 2x + 1, not 2 + x.
    x, y = np.array([0.0, 1.0, 2.0]), np.array([2.0, 3.0, 4.0])
    call = "residuals(x=[0, 1, 2], y=[2, 3, 4], coeffs=[2, 1] (p(x) = 2x + 1))"
    got = curve_fitting.residuals(x, y, np.array([2.0, 1.0]))
    assert_array(got, [1.0, 0.0, -1.0], call=f"{call}; coeffs are highest power first")


def test_residuals_of_small_integers_are_floats_that_do_not_wrap():
    x = np.array([0, 100, 200], dtype=np.uint8)
    y = np.array([0, 5, 250], dtype=np.uint8)
    coeffs = np.array([1, 0], dtype=np.int16)
    call = "residuals(uint8 [0, 100, 200], uint8 [0, 5, 250], int16 [1, 0])"
    got = assert_inputs_unchanged(curve_fitting.residuals, x, y, coeffs, call=call)
    assert_array(got, [0.0, -95.0, 50.0], call=f"{call}: 5 - 100 is -95, not 161")
    assert_dtype_kind(got, "f", call=call, why="the contract promises a float array")


def test_residuals_are_a_new_array():
    x, y = np.arange(4.0), np.arange(4.0)
    got = curve_fitting.residuals(x, y, np.array([0.0]))
    for name, argument in (("x", x), ("y", y)):
        assert not np.shares_memory(got, argument), (
            f"residuals(x, y, [0.0]) returned an array sharing memory with {name}; the "
            "contract promises a new array"
        )


@given(st.lists(st.floats(-100, 100), min_size=1, max_size=30), st.integers(0, 3))
def test_residuals_of_a_fit_match_y_minus_the_curve(values, degree):
    y = np.array(values)
    x = np.linspace(0, 3, len(y))
    coeffs = lstsq_coefficients(x, y, min(degree, len(y) - 1))
    got = curve_fitting.residuals(x, y, coeffs)
    expected = [v - float(np.polyval(coeffs, t)) for t, v in zip(x, values, strict=True)]
    assert_array(got, expected, call=f"residuals(x, {values}, {coeffs.tolist()})", atol=1e-9)


@pytest.mark.parametrize(
    ("x", "y", "coeffs", "bad"),
    [
        (np.ones((2, 2)), np.ones((2, 2)), np.array([1.0]), "x"),
        (np.arange(3.0), np.arange(4.0), np.array([1.0]), "y"),
        (np.arange(3.0), np.arange(3.0), np.array([]), "coeffs"),
        (np.arange(3.0), np.arange(3.0), np.ones((2, 2)), "coeffs"),
    ],
    ids=["x_2d", "lengths_differ", "no_coeffs", "coeffs_2d"],
)
def test_residuals_refuse_bad_input(x, y, coeffs, bad):
    call = f"residuals({x.tolist()}, {y.tolist()}, {coeffs.tolist()})"
    assert_raises_naming(ValueError, bad, curve_fitting.residuals, x, y, coeffs, call=call)


# --- rmse -------------------------------------------------------------------------------------


def test_rmse_is_the_root_of_the_mean_over_n():
    # Squared errors 0, 0, 0, 16: mean 4, root 2. Forgetting the root gives 4; dividing by
    # n - 1 gives 2.309; the mean absolute error is 1.
    y, y_hat = np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 2.0, 3.0, 8.0])
    call = "rmse([1, 2, 3, 4], [1, 2, 3, 8])"
    got = assert_inputs_unchanged(curve_fitting.rmse, y, y_hat, call=call)
    assert isinstance(got, float), f"{call} returned {got!r}; expected a float: float(...)"
    assert_value(got, 2.0, call=f"{call} (sqrt(sum((y - y_hat)**2) / n), n = 4, not n - 1)")


@pytest.mark.parametrize(
    ("dtype", "y", "y_hat", "expected"),
    [
        (np.uint8, [0, 20, 40], [20, 0, 40], math.sqrt(800 / 3)),  # 0 - 20 wraps to 236
        (np.int16, [0, 300], [300, 0], 300.0),  # 300**2 = 90000 does not fit in int16
    ],
    ids=["uint8", "int16"],
)
def test_rmse_of_small_integers_does_not_wrap_around(dtype, y, y_hat, expected):
    y, y_hat = np.array(y, dtype=dtype), np.array(y_hat, dtype=dtype)
    call = f"rmse({dtype.__name__} {y.tolist()}, {dtype.__name__} {y_hat.tolist()})"
    got = assert_inputs_unchanged(curve_fitting.rmse, y, y_hat, call=call)
    assert_value(got, expected, call=f"{call} (subtract and square in floats)")


def test_rmse_of_a_matrix_averages_every_entry():
    y, y_hat = np.zeros((2, 3)), np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 7.0]])
    assert_value(curve_fitting.rmse(y, y_hat), math.sqrt(54 / 6), call="rmse(2x3 zeros, ...)")


def test_rmse_with_a_nan_is_nan():
    got = curve_fitting.rmse(np.array([1.0, np.nan]), np.array([1.0, 2.0]))
    assert_value(got, math.nan, call="rmse([1, nan], [1, 2])")


@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=1, max_size=40))
def test_rmse_matches_a_plain_python_sum(pairs):
    y, y_hat = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    call = f"rmse({y.tolist()}, {y_hat.tolist()})"
    expected = python_rmse(y, y_hat)
    assert_value(curve_fitting.rmse(y, y_hat), expected, call=call, atol=1e-9)
    assert_value(curve_fitting.rmse(y_hat, y), expected, call=f"{call} swapped", atol=1e-9)


@pytest.mark.parametrize(
    ("y", "y_hat", "bad"),
    [(np.arange(3.0), np.arange(4.0), "y_hat"), (np.array([]), np.array([]), "y")],
    ids=["shapes_differ", "empty"],
)
def test_rmse_refuses_bad_input(y, y_hat, bad):
    call = f"rmse({y.tolist()}, {y_hat.tolist()})"
    assert_raises_naming(ValueError, bad, curve_fitting.rmse, y, y_hat, call=call)


# --- cross_validation_rmse --------------------------------------------------------------------


@pytest.mark.parametrize("degree", [1, 3, 5, 7])
def test_cross_validation_rmse_of_the_seed_practice_data(degree):
    # Held-out RMSE with k = 5: 0.4783, 0.1895, 0.1911, 0.1983. Unlike the training RMSE it
    # rises again after degree 3. Contiguous folds (np.array_split) give 0.67 to 2.9 here:
    # they extrapolate at the ends of the range.
    x, y = seed_practice_data()
    call = f"cross_validation_rmse(seed x, seed y, {degree}, 5)"
    got = assert_inputs_unchanged(curve_fitting.cross_validation_rmse, x, y, degree, 5, call=call)
    expected = python_cross_validation_rmse(x, y, degree, 5)
    assert_value(
        got,
        expected,
        call=f"{call} (fold j holds positions i % k == j; the RMSE of all n held-out "
        "predictions pooled, not the mean of the folds' RMSEs)",
    )
    assert isinstance(got, float), f"{call} returned {type(got).__name__}; expected a float"


def test_cross_validation_rmse_holds_out_every_sample_when_k_does_not_divide_n():
    # 23 samples in 5 folds of 5, 5, 5, 4, 4: none may be dropped.
    rng = np.random.default_rng(13)
    x = np.linspace(-1, 1, 23)
    y = x**2 + rng.normal(0, 0.1, 23)
    call = "cross_validation_rmse(23 points, 2, 5)"
    expected = python_cross_validation_rmse(x, y, 2, 5)
    got = curve_fitting.cross_validation_rmse(x, y, 2, 5)
    assert_value(got, expected, call=f"{call} (every sample is held out exactly once)")


def test_cross_validation_rmse_with_k_equal_to_n_leaves_one_out():
    x = np.array([0, 1, 2, 3, 4, 5, 6, 7], dtype=np.int16)
    y = np.array([1, 3, 2, 5, 4, 6, 8, 7], dtype=np.int16)
    call = "cross_validation_rmse(int16 8 points, 1, k=8)"
    got = curve_fitting.cross_validation_rmse(x, y, 1, 8)
    assert_value(got, python_cross_validation_rmse(x, y, 1, 8), call=call)


def test_cross_validation_rmse_of_an_exact_cubic_is_zero():
    x = np.linspace(-2, 2, 20)
    got = curve_fitting.cross_validation_rmse(x, x**3 - x, 3, 4)
    assert_value(got, 0.0, call="cross_validation_rmse(x, x**3 - x, 3, 4)", atol=1e-9)


@given(st.integers(6, 30), st.integers(2, 6), st.integers(0, 3), st.integers(0, 2**32 - 1))
def test_cross_validation_rmse_matches_a_fold_by_fold_loop(n, k, degree, seed):
    k = min(k, n)
    degree = min(degree, n - -(-n // k) - 1)
    rng = np.random.default_rng(seed)
    x, y = np.sort(rng.uniform(-1, 1, n)), rng.normal(size=n)
    call = f"cross_validation_rmse(x, y, {degree}, {k}) with x={x.tolist()}, y={y.tolist()}"
    got = curve_fitting.cross_validation_rmse(x, y, degree, k)
    assert_value(got, python_cross_validation_rmse(x, y, degree, k), call=call, rtol=1e-7)


@pytest.mark.parametrize(
    ("n", "degree", "k", "bad"),
    [
        (10, 1, 1, "k"),
        (10, 1, 11, "k"),
        (10, -1, 5, "degree"),
        (11, 8, 5, "degree"),  # folds of 3, 2, 2, 2, 2: the smallest training set has 8
    ],
    ids=["one_fold", "more_folds_than_points", "negative_degree", "degree_too_high"],
)
def test_cross_validation_rmse_refuses_bad_folds_and_degrees(n, degree, k, bad):
    x = np.arange(float(n))
    call = f"cross_validation_rmse({n} points, {degree}, {k})"
    assert_raises_naming(
        ValueError, bad, curve_fitting.cross_validation_rmse, x, x, degree, k, call=call
    )


def test_cross_validation_rmse_accepts_the_highest_degree_the_folds_allow():
    # 11 points in 5 folds: the smallest training set has 8 points, enough for degree 7.
    x = np.linspace(0, 1, 11)
    got = curve_fitting.cross_validation_rmse(x, x**2, 7, 5)
    assert_value(got, python_cross_validation_rmse(x, x**2, 7, 5), call="degree 7, k 5", atol=1e-6)


# --- choose_degree ----------------------------------------------------------------------------


def test_choose_degree_of_the_seed_practice_is_not_the_highest():
    x, y = seed_practice_data()
    call = "choose_degree(seed x, seed y, [1, 3, 5, 7])"
    got = assert_inputs_unchanged(curve_fitting.choose_degree, x, y, [1, 3, 5, 7], call=call)
    assert got == 3, (
        f"{call} returned {got!r}; expected 3, the lowest cross-validated RMSE. The training "
        f"RMSE ({SEED_TRAINING_RMSE}) always falls with the degree, so choosing by it picks 7."
    )
    assert isinstance(got, int), f"{call} returned {type(got).__name__}; expected a Python int"


def test_choose_degree_returns_the_degree_not_its_position():
    x, y = seed_practice_data()
    call = "choose_degree(seed x, seed y, [7, 5, 3, 1])"
    got = curve_fitting.choose_degree(x, y, [7, 5, 3, 1])
    assert got == 3, (
        f"{call} returned {got!r}; expected 3: return the degree with the lowest "
        "cross-validated RMSE itself, not its position in the list"
    )


def test_choose_degree_prefers_a_line_for_noisy_linear_data():
    rng = np.random.default_rng(13)
    x = np.linspace(0, 1, 30)
    y = 3 * x + 1 + rng.normal(0, 0.3, 30)
    call = "choose_degree(30 points of 3x + 1 + noise, [0, 1, ..., 7])"
    got = curve_fitting.choose_degree(x, y, range(8))
    assert got == 1, (
        f"{call} returned {got!r}; expected 1, the lowest cross-validated RMSE: higher "
        "degrees fit the noise, which lowers the training RMSE but not the held-out one"
    )


def test_choose_degree_takes_the_lowest_degree_on_a_tie():
    # y = 0 is fitted exactly by every degree: every error is 0.0.
    x = np.arange(10.0)
    call = "choose_degree(x, zeros, [4, 2, 3])"
    got = curve_fitting.choose_degree(x, np.zeros(10), [4, 2, 3])
    assert got == 2, f"{call} returned {got!r}; expected 2: on equal errors the lower degree wins"


@given(st.integers(8, 30), st.integers(0, 2**32 - 1))
def test_choose_degree_has_the_lowest_cross_validated_error(n, seed):
    rng = np.random.default_rng(seed)
    x = np.linspace(-1, 1, n)
    y = rng.normal(size=n) + 2 * x
    degrees = [0, 1, 2, 3]
    got = curve_fitting.choose_degree(x, y, degrees)
    errors = {d: python_cross_validation_rmse(x, y, d, 5) for d in degrees}
    call = f"choose_degree(x, y={y.tolist()}, {degrees})"
    assert got in errors, f"{call} returned {got!r}; expected one of the degrees {degrees}"
    assert math.isclose(errors[got], min(errors.values()), rel_tol=1e-9), (
        f"{call} returned {got}; its cross-validated RMSE {errors[got]} is not the lowest "
        f"of {errors}"
    )


@pytest.mark.parametrize(
    ("degrees", "k", "bad"),
    [([], 5, "degrees"), ([1, 8], 5, "degrees"), ([1, 2], 1, "k")],
    ids=["no_degrees", "degree_too_high", "one_fold"],
)
def test_choose_degree_refuses_bad_degrees_and_folds(degrees, k, bad):
    x = np.arange(10.0)  # 5 folds of 2: training sets of 8 points fit up to degree 7
    call = f"choose_degree(10 points, {degrees}, k={k})"
    assert_raises_naming(ValueError, bad, curve_fitting.choose_degree, x, x, degrees, k, call=call)
