"""Tests for kata 30: run ``pytest katas/30_advanced_linalg``."""

from fractions import Fraction

import numpy as np
import pytest
import system_solver
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

EPS = np.finfo(np.float64).eps
LABELS = ("well-determined", "overdetermined", "underdetermined", "singular")
LABEL_RULE = {
    "well-determined": "square with full rank (m == n == rank)",
    "overdetermined": "more rows than columns, full column rank (m > n == rank)",
    "underdetermined": "more columns than rows, full row rank (n > m == rank)",
    "singular": "rank-deficient (rank < min(m, n)), whatever the shape",
}


def _solve(A, b, call):
    """solve_system(A, b), checked to be an (x, label) pair with a float x."""
    __tracebackhide__ = True
    result = assert_inputs_unchanged(system_solver.solve_system, A, b, call=call)
    if not (isinstance(result, tuple) and len(result) == 2):
        pytest.fail(f"{call} returned {result!r}; expected a pair (x, label)", pytrace=False)
    x, label = result
    if not isinstance(x, np.ndarray):
        pytest.fail(f"{call} returned x = {x!r}; expected an ndarray", pytrace=False)
    assert_dtype_kind(x, "f", call=call, why="x is a float array, whatever the dtype of A and b")
    return x, label


def _check_label(label, expected, call):
    __tracebackhide__ = True
    if label != expected:
        pytest.fail(
            f"{call} labelled the system {label!r}; expected {expected!r}: the system is "
            f"{LABEL_RULE[expected]}. The label is one of {LABELS}, decided by the rank of A.",
            pytrace=False,
        )


def _hilbert(n):
    return np.array([[1 / (i + j + 1) for j in range(n)] for i in range(n)])


def _row_space_part(A, x):
    """The projection of x onto the row space of A (by least squares on A.T)."""
    return A.T @ np.linalg.lstsq(A.T, x, rcond=None)[0]


# --- well-determined --------------------------------------------------------------------------


def test_solve_system_well_determined_integer_system():
    # 2x + y - z = 8, -3x - y + 2z = -11, -2x + y + 2z = -3: x = 2, y = 3, z = -1.
    A = np.array([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], dtype=np.int16)
    b = np.array([8, -11, -3], dtype=np.int16)
    call = "solve_system(3x3 int16 A, int16 b)"
    x, label = _solve(A, b, call)
    _check_label(label, "well-determined", call)
    assert_array(x, [2.0, 3.0, -1.0], call=call)


def test_solve_system_well_determined_gives_a_fractional_solution_for_integer_data():
    A = np.array([[2, 0], [0, 4]], dtype=np.uint8)
    b = np.array([1, 1], dtype=np.uint8)
    x, label = _solve(A, b, "solve_system([[2, 0], [0, 4]] uint8, [1, 1] uint8)")
    _check_label(label, "well-determined", "solve_system([[2, 0], [0, 4]], [1, 1])")
    assert_array(x, [0.5, 0.25], call="solve_system([[2, 0], [0, 4]] uint8, [1, 1] uint8)")


def test_solve_system_the_seed_random_3x3_system():
    rng = np.random.default_rng(42)
    A = rng.standard_normal((3, 3))
    b = rng.standard_normal(3)
    call = "solve_system(the seed's 3x3 A1, b1)"
    x, label = _solve(A, b, call)
    _check_label(label, "well-determined", call)
    assert_array(A @ x, b, call=f"A1 @ x for x from {call} (a solution satisfies A x = b)")


def test_solve_system_the_seed_ill_conditioned_system_is_still_well_determined():
    # Its smallest singular value is about 5e-11, far above the tolerance of about 4e-16.
    A = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]])
    b = np.array([2.0, 2.0])
    call = "solve_system([[1, 1], [1, 1 + 1e-10]], [2, 2])"
    x, label = _solve(A, b, call)
    _check_label(label, "well-determined", call)
    assert_array(x, [2.0, 0.0], call=call, atol=1e-5)


# --- overdetermined ---------------------------------------------------------------------------


def test_solve_system_overdetermined_fits_a_line_by_least_squares():
    # Fit y = c0 + c1 t to (0, 1), (1, 3), (2, 2), (3, 5): the normal equations
    # [[4, 6], [6, 14]] c = [11, 22], solved with exact fractions, give c = [1.1, 1.1].
    t, y = [0, 1, 2, 3], [1, 3, 2, 5]
    s0, s1, s2 = len(t), sum(t), sum(v * v for v in t)
    r0, r1 = sum(y), sum(a * b for a, b in zip(t, y, strict=True))
    det = Fraction(s0 * s2 - s1 * s1)
    expected = [float((s2 * r0 - s1 * r1) / det), float((s0 * r1 - s1 * r0) / det)]
    A = np.array([[1, v] for v in t], dtype=np.int16)
    b = np.array(y, dtype=np.int16)
    call = "solve_system([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5])"
    x, label = _solve(A, b, call)
    _check_label(label, "overdetermined", call)
    assert_array(x, expected, call=f"{call} (the least-squares line)")


def test_solve_system_the_seed_overdetermined_system_meets_the_normal_equations():
    rng = np.random.default_rng(42)
    rng.standard_normal((3, 3))  # the seed draws A1 and b1 first
    rng.standard_normal(3)
    A = rng.standard_normal((10, 3))
    b = rng.standard_normal(10)
    call = "solve_system(the seed's 10x3 A2, b2)"
    x, label = _solve(A, b, call)
    _check_label(label, "overdetermined", call)
    # At the least-squares solution the residual is orthogonal to every column of A.
    assert_array(
        A.T @ (A @ x - b), np.zeros(3), call=f"A2.T @ (A2 @ x - b2) for {call}", atol=1e-12
    )


def test_solve_system_overdetermined_with_large_int16_entries_does_not_overflow():
    # A.T @ A in int16 would wrap around: 300 * 300 = 90000 > 32767. In exact arithmetic
    # A.T @ A = 90000 [[2, 1], [1, 2]] and A.T @ b = [90000, 0], so x = [2/3, -1/3].
    A = np.array([[300, 0], [0, 300], [300, 300]], dtype=np.int16)
    b = np.array([300, 0, 0], dtype=np.int16)
    call = "solve_system([[300, 0], [0, 300], [300, 300]] int16, [300, 0, 0] int16)"
    x, label = _solve(A, b, call)
    _check_label(label, "overdetermined", call)
    assert_array(x, [2 / 3, -1 / 3], call=f"{call} (compute in float, not in int16)")


# --- underdetermined --------------------------------------------------------------------------


def test_solve_system_underdetermined_gives_the_minimum_norm_solution():
    # x1 + 2 x2 + 3 x3 = 14: the shortest solution points along (1, 2, 3).
    A = np.array([[1, 2, 3]], dtype=np.int16)
    b = np.array([14], dtype=np.int16)
    call = "solve_system([[1, 2, 3]], [14])"
    x, label = _solve(A, b, call)
    _check_label(label, "underdetermined", call)
    assert_array(
        x, [1.0, 2.0, 3.0], call=f"{call} (the minimum-norm solution, not e.g. [14, 0, 0])"
    )


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_solve_system_underdetermined_solution_is_exact_and_in_the_row_space(m, extra, seed):
    rng = np.random.default_rng(seed)
    n = m + extra
    A = rng.standard_normal((m, n))
    b = rng.standard_normal(m)
    call = f"solve_system(random {m}x{n} A, b) (seed {seed})"
    x, label = _solve(A, b, call)
    _check_label(label, "underdetermined", call)
    assert_array(
        A @ x, b, call=f"A @ x for x from {call}: the solution must solve A x = b", atol=1e-9
    )
    assert_array(
        x,
        _row_space_part(A, x),
        call=f"x from {call}: the minimum-norm x lies in the row space of A (x = A.T @ y)",
        atol=1e-9,
    )


# --- singular (rank-deficient) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("A", "b", "expected"),
    [
        # A = [1, 2]^T [1, 2], so pinv(A) = A.T / 25: x = A.T b / 25.
        ([[1, 2], [2, 4]], [1, 2], [0.2, 0.4]),  # consistent: A x = b exactly
        ([[1, 2], [2, 4]], [1, 0], [0.04, 0.08]),  # inconsistent: least squares
        ([[1, 1], [1, 1], [1, 1]], [1, 2, 3], [1.0, 1.0]),  # tall, dependent columns
        ([[1, 2, 3], [2, 4, 6]], [1, 2], [1 / 14, 2 / 14, 3 / 14]),  # wide, dependent rows
        ([[0, 0, 0], [0, 0, 0]], [1, 2], [0.0, 0.0, 0.0]),  # rank 0
    ],
    ids=["square_consistent", "square_inconsistent", "tall", "wide", "zero"],
)
def test_solve_system_rank_deficient_is_singular_with_the_minimum_norm_solution(A, b, expected):
    call = f"solve_system({A}, {b})"
    x, label = _solve(np.array(A, dtype=np.int16), np.array(b, dtype=np.int16), call)
    _check_label(label, "singular", call)
    assert_array(x, expected, call=f"{call} (the minimum-norm least-squares solution)")


@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_solve_system_singular_solution_is_least_squares_and_in_the_row_space(m, n, seed):
    rng = np.random.default_rng(seed)
    rank = min(m, n) - 1
    A = rng.standard_normal((m, rank)) @ rng.standard_normal((rank, n))
    b = rng.standard_normal(m)
    call = f"solve_system(random {m}x{n} A of rank {rank}, b) (seed {seed})"
    x, label = _solve(A, b, call)
    _check_label(label, "singular", call)
    residual = A.T @ (A @ x - b)
    assert_array(residual, np.zeros(n), call=f"A.T @ (A x - b) for {call}", atol=1e-8)
    assert_array(x, _row_space_part(A, x), call=f"x from {call} (in the row space)", atol=1e-8)


# --- the tolerance ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [(2 * EPS, "singular"), (np.nextafter(2 * EPS, 1), "well-determined"), (0.0, "singular")],
    ids=["on_tol", "just_above_tol", "zero"],
)
def test_solve_system_square_label_at_the_tolerance(d, expected):
    # diag(1, d) has singular values 1 and d; tol = max(2, 2) * eps * 1 = 2 eps.
    A = np.diag([1.0, d])
    b = np.array([1.0, d])
    call = f"solve_system(diag(1, {d:.17g}), [1, d]) (tol = 2 * eps = {2 * EPS:.17g})"
    x, label = _solve(A, b, call)
    _check_label(label, expected, call)
    if expected == "well-determined":
        why, x_expected = "A x = b has the unique solution [1, 1]", [1.0, 1.0]
    else:
        why, x_expected = "a singular value at or below tol counts as 0", [1.0, 0.0]
    assert_array(x, x_expected, call=f"{call} ({why})")


@pytest.mark.parametrize(
    ("d", "tall", "wide"),
    [
        (3 * EPS, "singular", "singular"),
        (np.nextafter(3 * EPS, 1), "overdetermined", "underdetermined"),
    ],
    ids=["on_tol", "just_above_tol"],
)
def test_solve_system_non_square_label_at_the_tolerance(d, tall, wide):
    # Singular values 1 and d; tol = max(3, 2) * eps * 1 = 3 eps.
    A = np.array([[1.0, 0.0], [0.0, d], [0.0, 0.0]])
    call = f"solve_system(3x2 A with singular values 1 and {d:.17g}, b) (tol = 3 * eps)"
    _check_label(_solve(A, np.ones(3), call)[1], tall, call)
    call = f"solve_system(2x3 A with singular values 1 and {d:.17g}, b) (tol = 3 * eps)"
    _check_label(_solve(A.T.copy(), np.ones(2), call)[1], wide, call)


def test_solve_system_singular_solution_drops_singular_values_at_the_stated_tolerance():
    # s = 1.05e-15 lies between np.linalg.pinv's default cutoff (1e-15 * s_max) and the
    # contract's tol = 6 * eps = 1.3e-15: the contract drops it, so x[5] is 0, not 1e15.
    A = np.diag([1.0, 1.0, 1.0, 1.0, 1.0, 1.05e-15])
    b = np.ones(6)
    call = "solve_system(diag(1, 1, 1, 1, 1, 1.05e-15), ones(6)) (tol = 6 * eps = 1.33e-15)"
    x, label = _solve(A, b, call)
    _check_label(label, "singular", call)
    assert_array(
        x,
        [1.0, 1.0, 1.0, 1.0, 1.0, 0.0],
        call=f"{call}: cut the singular values at the same tol as the rank "
        "(np.linalg.pinv's default rcond is 1e-15; lstsq(rcond=None) or pinv(rtol=None) use tol)",
    )


# --- b as a column, several right-hand sides --------------------------------------------------


@pytest.mark.parametrize(
    ("A", "b", "expected", "label"),
    [
        ([[2, 0], [0, 4]], [[1], [1]], [[0.5], [0.25]], "well-determined"),
        ([[1, 0], [1, 1], [1, 2], [1, 3]], [[1], [3], [2], [5]], [[1.1], [1.1]], "overdetermined"),
        ([[1, 2, 3]], [[14]], [[1.0], [2.0], [3.0]], "underdetermined"),
        ([[1, 2], [2, 4]], [[1], [2]], [[0.2], [0.4]], "singular"),
        ([[2, 0], [0, 4]], [[1, 2, 0], [1, 0, 4]], [[0.5, 1, 0], [0.25, 0, 1]], "well-determined"),
    ],
    ids=["well", "over", "under", "singular", "three_columns"],
)
def test_solve_system_b_as_a_column_gives_x_as_a_column(A, b, expected, label):
    call = f"solve_system({A}, {b})"
    x, got_label = _solve(np.array(A, dtype=np.int16), np.array(b, dtype=np.int16), call)
    _check_label(got_label, label, call)
    assert_array(x, expected, call=f"{call} (b has shape (m, k), so x has shape (n, k))")


# --- instability ------------------------------------------------------------------------------


def test_solve_system_a_hilbert_system_amplifies_a_small_change_in_b():
    # Hilbert(6) has condition number 1.5e7. A change of relative size 1e-10 in b along the
    # direction A shrinks most changes x by nearly 1.5e7 times as much, and never more.
    A = _hilbert(6)
    x_true = np.ones(6)
    b = A @ x_true
    u, s, _ = np.linalg.svd(A)
    relative_change = 1e-10
    db = relative_change * np.linalg.norm(b) * u[:, -1]
    call = "solve_system(hilbert(6), b) and solve_system(hilbert(6), b + db)"
    x, label = _solve(A, b, call)
    x_moved, _ = _solve(A, b + db, call)
    _check_label(label, "well-determined", call)
    amplification = (np.linalg.norm(x_moved - x) / np.linalg.norm(x)) / relative_change
    cond = s[0] / s[-1]
    assert 1e6 < amplification <= cond * 1.001, (
        f"{call}: a relative change of 1e-10 in b moved x by a relative {amplification:.3g} "
        f"times as much; expected close to the condition number {cond:.4g} (and never above it)"
    )


# --- condition_number -------------------------------------------------------------------------


def _check_cond(A, expected, call, rtol=1e-9):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(system_solver.condition_number, A, call=call)
    if not isinstance(got, float):
        pytest.fail(
            f"{call} returned {got!r} ({type(got).__name__}); expected a float", pytrace=False
        )
    assert_value(got, expected, call=call, rtol=rtol)


@pytest.mark.parametrize(
    ("A", "expected"),
    [
        ([[1, 0], [0, 1]], 1.0),
        ([[0, 1], [1, 0]], 1.0),  # orthogonal
        ([[200, 0], [0, 100]], 2.0),  # entries whose squares overflow uint8 and int16
        ([[3, 0], [0, -4], [0, 0]], 4 / 3),  # 3x2: singular values 4 and 3
        ([[1, 2, 2]], 1.0),  # one singular value, 3
    ],
    ids=["identity", "orthogonal", "diagonal", "tall", "one_row"],
)
def test_condition_number_of_small_matrices(A, expected):
    for dtype in (np.int16, np.float64):
        arr = np.array(A, dtype=dtype)
        _check_cond(arr, expected, call=f"condition_number({A}, dtype={arr.dtype})")
    _check_cond(np.array([[200, 0], [0, 100]], np.uint8), 2.0, "condition_number(uint8 diag)")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(3, 524.0567775860644), (4, 15513.738738929), (5, 476607.25024259), (6, 1.495105864e7)],
)
def test_condition_number_of_hilbert_matrices(n, expected):
    _check_cond(_hilbert(n), expected, call=f"condition_number(hilbert({n}))", rtol=1e-8)


def test_condition_number_of_the_seed_matrices():
    # The seed's ill-conditioned A3: with d = (1 + 1e-10) - 1 in floats, its eigenvalues give
    # cond = (2 + d / 2)**2 / d, about 4e10.
    d = (1 + 1e-10) - 1
    A3 = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]])
    _check_cond(A3, (2 + d / 2) ** 2 / d, "condition_number([[1, 1], [1, 1 + 1e-10]])", rtol=1e-6)
    rng = np.random.default_rng(42)
    A1 = rng.standard_normal((3, 3))
    eigenvalues = np.linalg.eigvalsh(A1.T @ A1)  # squares of the singular values
    expected = float(np.sqrt(eigenvalues[-1] / eigenvalues[0]))
    _check_cond(A1, expected, "condition_number(the seed's 3x3 A1)", rtol=1e-8)


@pytest.mark.parametrize(
    ("A", "text"),
    [
        (np.array([[1, 2], [2, 4]], dtype=np.int16), "[[1, 2], [2, 4]]"),
        (np.zeros((2, 3)), "zeros((2, 3))"),
        (np.ones((3, 2)), "ones((3, 2))"),
        (np.diag([1.0, 2 * EPS]), "diag(1, 2 eps) (s_min on the tolerance)"),
    ],
)
def test_condition_number_of_a_rank_deficient_matrix_is_inf(A, text):
    _check_cond(A, np.inf, call=f"condition_number({text}) (rank-deficient: inf, not 1e16)")


def test_condition_number_just_above_the_tolerance_is_finite():
    d = np.nextafter(2 * EPS, 1)
    _check_cond(np.diag([1.0, d]), 1 / d, call=f"condition_number(diag(1, {d:.17g}))")


@given(hnp.arrays(np.float64, (3, 3), elements=st.floats(-100, 100)), st.integers(-6, 6))
def test_condition_number_ignores_scaling_and_is_at_least_one(A, power):
    scale = 2.0**power  # exact in floating point, so the singular values scale exactly
    call = f"condition_number({A.tolist()})"
    got = system_solver.condition_number(A)
    assert isinstance(got, float), f"{call} returned {got!r}; expected a float"
    assert got >= 1 - 1e-12, f"{call} returned {got}; a condition number is at least 1"
    scaled = system_solver.condition_number(A * scale)
    assert_value(scaled, got, call=f"condition_number({scale} * A) vs {call}", rtol=1e-12)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("A", "b", "bad"),
    [
        (np.ones(3), np.ones(3), "A"),
        (np.ones((2, 2, 2)), np.ones(2), "A"),
        (np.ones((0, 3)), np.ones(0), "A"),
        (np.ones((3, 0)), np.ones(3), "A"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), np.ones(2), "A"),
        (np.ones((3, 2)), np.ones(2), "b"),
        (np.ones((3, 2)), np.ones((2, 1)), "b"),
        (np.ones((3, 2)), np.ones((3, 1, 1)), "b"),
        (np.eye(2), np.array([1.0, np.inf]), "b"),
    ],
    ids=[
        "A_1d",
        "A_3d",
        "A_no_rows",
        "A_no_columns",
        "A_nan",
        "b_short",
        "b_column_short",
        "b_3d",
        "b_inf",
    ],
)
def test_solve_system_refuses_bad_input(A, b, bad):
    call = f"solve_system(A of shape {A.shape}, b of shape {b.shape})"
    assert_raises_naming(ValueError, bad, system_solver.solve_system, A, b, call=call)


@pytest.mark.parametrize(
    "A",
    [np.ones(3), np.ones((0, 2)), np.array([[1.0, np.inf], [0.0, 1.0]])],
    ids=["1d", "empty", "inf"],
)
def test_condition_number_refuses_bad_input(A):
    call = f"condition_number(A of shape {A.shape})"
    assert_raises_naming(ValueError, "A", system_solver.condition_number, A, call=call)
