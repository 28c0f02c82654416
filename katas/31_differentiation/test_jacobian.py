"""Tests for kata 31: run ``pytest katas/31_differentiation``."""

import math

import jacobian
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_bool,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)


def seed_f(x):
    """The seed's test function, returning a list: [sin(x0) x1, x0**2 + exp(x1)]."""
    return [np.sin(x[0]) * x[1], x[0] ** 2 + np.exp(x[1])]


def seed_df(x):
    return np.array([[np.cos(x[0]) * x[1], np.sin(x[0])], [2 * x[0], np.exp(x[1])]])


def _jac(f, x, *rest, call):
    """jacobian(f, x, ...), checked to be a float ndarray and to leave x alone."""
    __tracebackhide__ = True
    got = assert_inputs_unchanged(jacobian.jacobian, f, x, *rest, call=call)
    if not isinstance(got, np.ndarray):
        pytest.fail(f"{call} returned {got!r}; expected an ndarray", pytrace=False)
    assert_dtype_kind(got, "f", call=call, why="the Jacobian is a float array")
    return got


KEYS = {"max_abs_err", "rel_err", "ok"}


def _check(f, grad_f, x, *rest, call):
    """gradient_check(...), checked to be the contract's dict with Python float and bool."""
    __tracebackhide__ = True
    got = assert_inputs_unchanged(jacobian.gradient_check, f, grad_f, x, *rest, call=call)
    if not isinstance(got, dict) or set(got) != KEYS:
        pytest.fail(f"{call} returned {got!r}; expected a dict with keys {sorted(KEYS)}", False)
    for key in ("max_abs_err", "rel_err"):
        if not isinstance(got[key], float):
            pytest.fail(
                f"{call}[{key!r}] is {got[key]!r} ({type(got[key]).__name__}); expected a "
                "Python float (float(...) turns a NumPy scalar into one)",
                pytrace=False,
            )
    assert_bool(got["ok"], got["ok"], call=f"{call}['ok']", python_bool=True)
    return got


# --- jacobian ---------------------------------------------------------------------------------


def test_jacobian_of_the_seed_function_at_the_seed_point():
    x0 = np.array([0.5, 1.2])
    call = "jacobian(seed f, [0.5, 1.2])"
    expected = [
        [math.cos(0.5) * 1.2, math.sin(0.5)],
        [2 * 0.5, math.exp(1.2)],
    ]
    assert_array(_jac(seed_f, x0, call=call), expected, call=call, rtol=1e-8)


def test_jacobian_of_a_cubic_is_exactly_the_central_difference():
    # For f(x) = x**3 the central difference is exactly 3 x**2 + h**2; a forward difference
    # gives 3 x**2 + 3 x h + h**2, a backward one 3 x**2 - 3 x h + h**2.
    x, h = 1.0, 1e-2
    call = "jacobian(lambda v: v**3, [1.0], h=1e-2)"
    got = _jac(lambda v: v**3, np.array([x]), h, call=call)
    assert_array(
        got,
        [[3 * x**2 + h**2]],
        call=f"{call} (central difference (f(x + h) - f(x - h)) / 2h = 3 + h**2)",
        rtol=1e-12,
    )


def test_jacobian_uses_central_differences_at_the_default_step():
    # f = exp(3 x) has a large second derivative: a forward difference at h = 1e-6 is off by
    # about 1.5e-6 relative, a central one by about 1e-10.
    call = "jacobian(lambda v: np.exp(3 * v), [1.0])"
    got = _jac(lambda v: np.exp(3 * v), np.array([1.0]), call=call)
    assert_array(got, [[3 * math.exp(3)]], call=f"{call} (central differences)", rtol=1e-8)


def test_jacobian_of_a_map_from_3_to_2_has_shape_m_by_n():
    # f(x) = [x0 x1, x1 + 5 x2], so J = [[x1, x0, 0], [0, 1, 5]]: row i is output i.
    def f(v):
        return np.array([v[0] * v[1], v[1] + 5 * v[2]])

    x = np.array([2.0, 3.0, 4.0])
    call = "jacobian(lambda v: [v0 v1, v1 + 5 v2], [2, 3, 4])"
    got = _jac(f, x, call=call)
    assert_array(got, [[3.0, 2.0, 0.0], [0.0, 1.0, 5.0]], call=f"{call} (rows are outputs)")


def test_jacobian_of_a_scalar_function_is_one_row():
    # f(x) = x0 x1 + sin(x2): a scalar, so J has shape (1, 3).
    x = np.array([1.0, -2.0, 0.5])
    call = "jacobian(lambda v: v0 v1 + sin(v2), [1, -2, 0.5])"
    got = _jac(lambda v: v[0] * v[1] + np.sin(v[2]), x, call=call)
    assert_array(got, [[-2.0, 1.0, math.cos(0.5)]], call=f"{call} (a scalar f: shape (1, n))")


def test_jacobian_of_a_function_of_one_variable():
    call = "jacobian(lambda v: [v0**2, 3 v0], [2.0])"
    got = _jac(lambda v: [v[0] ** 2, 3 * v[0]], np.array([2.0]), call=call)
    assert_array(got, [[4.0], [3.0]], call=f"{call} (2 outputs, 1 input: shape (2, 1))")


@pytest.mark.parametrize("dtype", [np.int16, np.uint8])
def test_jacobian_at_an_integer_point_steps_in_float(dtype):
    # Adding h in place to an integer copy of x truncates the step to 0.
    x = np.array([2, 3], dtype=dtype)
    call = f"jacobian(lambda v: [v0**2, v0 v1], np.array([2, 3], {np.dtype(dtype)}))"
    got = _jac(lambda v: [v[0] ** 2, v[0] * v[1]], x, call=call)
    assert_array(got, [[4.0, 0.0], [3.0, 2.0]], call=f"{call} (evaluate f at float x)", atol=1e-6)


def test_jacobian_of_integer_valued_output_is_float():
    call = "jacobian(lambda v: [2, 3], [1.0, 2.0]) (a constant with int values)"
    got = _jac(lambda v: [2, 3], np.array([1.0, 2.0]), call=call)
    assert_array(got, np.zeros((2, 2)), call=call, exact=True)


def test_jacobian_passes_f_a_float_array_of_shape_n():
    seen = []

    def f(v):
        seen.append((type(v).__name__, getattr(v, "shape", None), getattr(v, "dtype", None)))
        return v * 2

    jacobian.jacobian(f, np.array([1, 2, 3], dtype=np.int16))
    wrong = [s for s in seen if s[:2] != ("ndarray", (3,)) or s[2] != np.float64]
    assert seen, "jacobian(f, x) never called f"
    assert not wrong, (
        f"jacobian called f with {wrong[0]}; expected only 1-D float64 arrays of shape (3,), "
        "the points x + h e_j and x - h e_j"
    )


M_ELEMENTS = st.integers(-10, 10).map(float)


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=M_ELEMENTS),
    st.data(),
)
def test_jacobian_of_a_linear_map_is_its_matrix(M, data):
    n = M.shape[1]
    x = data.draw(hnp.arrays(np.float64, n, elements=st.floats(-10, 10)), label="x")
    c = data.draw(hnp.arrays(np.float64, M.shape[0], elements=st.floats(-100, 100)), label="c")
    call = f"jacobian(lambda v: M @ v + c, {x.tolist()}) with M = {M.tolist()}"
    got = _jac(lambda v: M @ v + c, x, call=call)
    assert_array(got, M, call=f"{call} (the Jacobian of a linear map is its matrix)", atol=1e-6)


@pytest.mark.parametrize(
    ("x", "h", "bad"),
    [
        (np.array([]), 1e-6, "x"),
        (np.ones((2, 2)), 1e-6, "x"),
        (np.array(1.0), 1e-6, "x"),
        (np.ones(2), 0.0, "h"),
        (np.ones(2), -1e-6, "h"),
    ],
    ids=["x_empty", "x_2d", "x_0d", "h_zero", "h_negative"],
)
def test_jacobian_refuses_bad_input(x, h, bad):
    call = f"jacobian(f, x of shape {x.shape}, h={h})"
    assert_raises_naming(ValueError, bad, jacobian.jacobian, lambda v: v, x, h, call=call)


def test_jacobian_refuses_an_f_that_returns_a_matrix():
    call = "jacobian(lambda v: np.ones((2, 2)), [1.0, 2.0])"
    f = lambda v: np.outer(v, v)  # noqa: E731
    assert_raises_naming(ValueError, "f", jacobian.jacobian, f, np.array([1.0, 2.0]), call=call)


# --- gradient_check ---------------------------------------------------------------------------


def test_gradient_check_accepts_the_seed_jacobian():
    call = "gradient_check(seed f, seed df, [0.5, 1.2])"
    got = _check(seed_f, seed_df, np.array([0.5, 1.2]), call=call)
    assert_bool(got["ok"], True, call=f"{call}['ok'] (the analytic Jacobian is right)")
    assert got["max_abs_err"] < 1e-8, f"{call}['max_abs_err'] is {got['max_abs_err']}, not < 1e-8"
    assert got["rel_err"] < 1e-8, f"{call}['rel_err'] is {got['rel_err']}, not < 1e-8"


def test_gradient_check_accepts_an_exact_jacobian_with_zero_entries():
    # At (0, 1) the derivative of 2 x0**3 is 0 while the central difference gives 2 h**2 =
    # 2e-12: err / abs(J_ana) there is huge (2e-4 with the seed's + 1e-8), yet J is exact.
    def f(v):
        return [2 * v[0] ** 3, np.sin(v[1])]

    def df(v):
        return np.array([[6 * v[0] ** 2, 0.0], [0.0, np.cos(v[1])]])

    call = "gradient_check(lambda v: [2 v0**3, sin(v1)], its exact Jacobian, [0, 1])"
    got = _check(f, df, np.array([0.0, 1.0]), call=call)
    assert got["ok"] is True, (
        f"{call} returned {got}; expected ok True: the analytic Jacobian is exact. A relative "
        "error of err / abs(J_ana) explodes where a derivative is 0; divide by the larger "
        "Jacobian's largest entry instead"
    )
    assert got["rel_err"] < 1e-9, f"{call}['rel_err'] is {got['rel_err']}; expected < 1e-9"


@pytest.mark.parametrize(
    ("wrong", "what"),
    [
        (lambda x: seed_df(x) * [[1, 1], [1, 1.001]], "one entry off by 0.1%"),
        (lambda x: seed_df(x).T, "transposed"),
        (lambda x: seed_df(x) * [[1, 1], [0, 1]], "a derivative 1.0 dropped"),
    ],
    ids=["one_entry", "transposed", "dropped"],
)
def test_gradient_check_rejects_a_wrong_jacobian(wrong, what):
    call = f"gradient_check(seed f, seed df {what}, [0.5, 1.2])"
    got = _check(seed_f, wrong, np.array([0.5, 1.2]), call=call)
    assert_bool(got["ok"], False, call=f"{call}['ok'] (the analytic Jacobian is wrong)")


def test_gradient_check_reports_the_errors_as_defined():
    # f(x) = [3 x0 + x1, x0 - 4 x1] is linear: its central differences are exact up to
    # rounding, so the errors are those of the claimed Jacobian [[3, 1], [1, -4.02]].
    def f(v):
        return np.array([3 * v[0] + v[1], v[0] - 4 * v[1]])

    call = "gradient_check(linear f, [[3, 1], [1, -4.02]], [1, 1])"
    got = _check(
        f, lambda v: np.array([[3.0, 1.0], [1.0, -4.02]]), np.array([1.0, 1.0]), call=call
    )
    assert_value(got["max_abs_err"], 0.02, call=f"{call}['max_abs_err']", rtol=1e-6)
    assert_value(
        got["rel_err"], 0.02 / 4.02, call=f"{call}['rel_err'] (max_abs_err / 4.02)", rtol=1e-6
    )
    assert_bool(got["ok"], False, call=f"{call}['ok']")


def test_gradient_check_accepts_a_gradient_vector_for_a_scalar_function():
    def f(v):
        return v[0] ** 2 + 3 * v[1]

    call = "gradient_check(lambda v: v0**2 + 3 v1, gradient of shape (2,), [1, 2])"
    got = _check(f, lambda v: np.array([2 * v[0], 3.0]), np.array([1.0, 2.0]), call=call)
    assert_bool(got["ok"], True, call=f"{call}['ok']")


def test_gradient_check_of_a_constant_function_is_ok_with_zero_error():
    call = "gradient_check(lambda v: [5, 5], zeros((2, 3)), [1, 2, 3])"
    zeros = lambda v: np.zeros((2, 3))  # noqa: E731
    got = _check(lambda v: [5.0, 5.0], zeros, np.array([1.0, 2.0, 3.0]), call=call)
    assert_value(got["max_abs_err"], 0.0, call=f"{call}['max_abs_err']")
    assert_value(got["rel_err"], 0.0, call=f"{call}['rel_err'] (0 when both Jacobians are 0)")
    assert_bool(got["ok"], True, call=f"{call}['ok']")


# The tolerance: f(x) = 4 x at x = 0 with h = 2**-20 has the exact central difference 4, and
# rtol = 2**-16 makes every error below exact in floating point.
RTOL = 2.0**-16
ON_RTOL = 4 - 4 * RTOL  # error 2**-14, relative to 4: exactly rtol
ACROSS_RTOL = np.nextafter(ON_RTOL, 0.0)


@pytest.mark.parametrize(
    ("claimed", "expected"),
    [(4.0, True), (ON_RTOL, True), (ACROSS_RTOL, False)],
    ids=["exact", "on_rtol", "just_across_rtol"],
)
def test_gradient_check_at_the_tolerance(claimed, expected):
    call = f"gradient_check(lambda v: 4 v, [[{claimed!r}]], [0.0], h=2**-20, rtol=2**-16)"
    got = _check(
        lambda v: 4 * v,
        lambda v: np.array([[claimed]]),
        np.array([0.0]),
        2.0**-20,
        RTOL,
        call=call,
    )
    assert_value(got["rel_err"], (4 - claimed) / 4, call=f"{call}['rel_err']", rtol=0.0)
    assert_bool(got["ok"], expected, call=f"{call}['ok'] (ok means rel_err <= rtol)")


@pytest.mark.parametrize(
    ("claimed", "text"),
    [
        (np.ones((3, 2)), "(3, 2), the transpose"),
        (np.ones(6), "(6,)"),
        (np.ones((2, 2)), "(2, 2)"),
    ],
)
def test_gradient_check_refuses_a_jacobian_of_the_wrong_shape(claimed, text):
    def f(v):
        return v[:2] * v[2]  # 3 inputs, 2 outputs: J has shape (2, 3)

    call = f"gradient_check(f from 3 to 2 values, grad_f of shape {text}, [1, 2, 3])"
    assert_raises_naming(
        ValueError,
        "grad_f",
        jacobian.gradient_check,
        f,
        lambda v: claimed,
        np.array([1.0, 2.0, 3.0]),
        call=call,
    )


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=M_ELEMENTS),
    st.data(),
)
def test_gradient_check_of_a_linear_map_accepts_its_matrix_and_rejects_a_changed_one(M, data):
    x = data.draw(hnp.arrays(np.float64, M.shape[1], elements=st.floats(-10, 10)), label="x")
    call = f"gradient_check(lambda v: M @ v, M, {x.tolist()}) with M = {M.tolist()}"
    got = _check(lambda v: M @ v, lambda v: M, x, call=call)
    assert_bool(got["ok"], True, call=f"{call}['ok'] (the exact Jacobian)")
    i = data.draw(st.integers(0, M.size - 1), label="changed entry")
    changed = M.copy()
    changed.flat[i] += 0.01 * max(np.abs(M).max(), 1.0)
    call = f"gradient_check(lambda v: M @ v, M with entry {i} changed by 1%, {x.tolist()})"
    got = _check(lambda v: M @ v, lambda v: changed, x, call=call)
    assert_bool(got["ok"], False, call=f"{call}['ok'] (one entry is 1% of the largest off)")
