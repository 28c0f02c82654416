"""Tests for kata 08: run ``pytest katas/08_linalg``."""

import linear_systems
import numpy as np
import pytest
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

# The seed's system, written out here so the tests do not depend on seed_system():
#    2x + y -  z =   8
#   -3x - y + 2z = -11
#   -2x + y + 2z =  -3
# x = 2, y = 3, z = -1 satisfies all three: 4 + 3 + 1 = 8, -6 - 3 - 2 = -11, -4 + 3 - 2 = -3.
SEED_A = [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]]
SEED_B = [8, -11, -3]
SEED_X = [2, 3, -1]
# Cofactor expansion along the first row: 2*(-2 - 2) - 1*(-6 + 4) + (-1)*(-3 - 2) = -1.
SEED_DET = -1
# The adjugate divided by the determinant; every entry of SEED_A @ SEED_INVERSE was checked
# by hand to be the identity's.
SEED_INVERSE = [[4, 3, -1], [-2, -2, 1], [5, 4, -1]]

# Singular matrices whose rows are dependent exactly, so that every LAPACK finds a zero pivot.
SINGULAR = {
    "a zero row": [[1, 2, 3], [0, 0, 0], [4, 5, 6]],
    "a repeated row": [[1, 2, 3], [4, 5, 6], [1, 2, 3]],
    "a row twice another": [[1, 2, 3], [2, 4, 6], [0, 1, 1]],
    "a zero column": [[0, 1, 2], [0, 3, 4], [0, 5, 7]],
    "2x2 [[1, 2], [2, 4]]": [[1, 2], [2, 4]],
    "all zeros": [[0, 0], [0, 0]],
}
NOT_SQUARE = {
    "a 2x3 matrix": np.ones((2, 3)),
    "a 1-D array": np.ones(3),
    "a stack of two 3x3 matrices": np.stack([2 * np.eye(3), 2 * np.eye(3)]),
}


def well_conditioned_batch(rng: np.random.Generator, count: int, n: int = 3) -> np.ndarray:
    """``count`` random n x n matrices, each with a condition number of at most n."""
    # Each row's off-diagonal entries sum to at most n - 1 in size, so a diagonal of n + 1
    # makes the matrix diagonally dominant: its infinity-norm condition number is at most n.
    return rng.uniform(-1, 1, size=(count, n, n)) + (n + 1) * np.eye(n)


@st.composite
def well_conditioned(draw):
    """(A, x): a well-conditioned n x n A at a random scale, and an x to solve for."""
    n = draw(st.integers(1, 6))
    # Entries from a seeded generator: drawing each float through hypothesis is much slower.
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    A = 10.0 ** draw(st.integers(-6, 6)) * well_conditioned_batch(rng, 1, n)[0]
    x = rng.uniform(-100, 100, size=n)
    return A, x


# --- seed_system ------------------------------------------------------------------------------


def test_seed_system_holds_the_seed_coefficients():
    A, b = linear_systems.seed_system()
    expected_A, expected_b = np.array(SEED_A, dtype=float), np.array(SEED_B, dtype=float)
    assert_array(A, expected_A, call="seed_system()[0] (the matrix A)", exact=True)
    assert_array(b, expected_b, call="seed_system()[1] (the vector b)", exact=True)
    why = "the contract asks for float arrays: write the coefficients as 2.0, or pass dtype=float"
    assert_dtype_kind(A, "f", call="seed_system()[0] (the matrix A)", why=why)
    assert_dtype_kind(b, "f", call="seed_system()[1] (the vector b)", why=why)


def test_seed_system_is_solved_by_2_3_minus_1():
    A, b = linear_systems.seed_system()
    residual = np.asarray(A) @ SEED_X - np.asarray(b)
    solved = bool(np.allclose(residual, 0))
    assert solved, (
        f"seed_system(): A @ [2, 3, -1] - b is {residual}, not 0. x=2, y=3, z=-1 solves the "
        "seed's system, so a coefficient of A (row = equation, column = x, y, z) or of b is wrong"
    )


# --- solve ------------------------------------------------------------------------------------


def test_solve_matches_the_seed():
    A, b = np.array(SEED_A, dtype=float), np.array(SEED_B, dtype=float)
    got = assert_inputs_unchanged(linear_systems.solve, A, b, call="solve(seed A, seed b)")
    assert_array(got, SEED_X, call="solve(seed A, seed b)", rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("A", "b", "expected"),
    [
        ([[4]], [2], [0.5]),
        ([[2, 0], [0, 4]], [1, 1], [0.5, 0.25]),
        ([[0, 1], [1, 0]], [3, 5], [5, 3]),
        ([[1, 1], [1, -1]], [3, 1], [2, 1]),
    ],
    ids=["1x1", "diagonal", "swapped rows", "sum and difference"],
)
def test_solve_small_integer_systems(A, b, expected):
    # Integer input, fractional answers: the result must be float, not truncated.
    call = f"solve({A}, {b})"
    got = linear_systems.solve(np.array(A), np.array(b))
    assert_array(got, expected, call=call, rtol=1e-9, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the solution is a float array, also here")


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16])
def test_solve_small_integer_dtypes(dtype):
    A = np.array([[100, 0, 0], [0, 120, 1], [0, 0, 50]], dtype=dtype)
    b = np.array([50, 122, 100], dtype=dtype)
    call = (
        f"solve([[100, 0, 0], [0, 120, 1], [0, 0, 50]], [50, 122, 100]) as {np.dtype(dtype).name}"
    )
    got = assert_inputs_unchanged(linear_systems.solve, A, b, call=call)
    assert_array(got, [0.5, 1.0, 2.0], call=call, rtol=1e-9, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the solution is a float array")


def test_solve_is_backward_stable_on_an_ill_conditioned_matrix():
    # The 8 x 8 Hilbert matrix, H[i, j] = 1 / (i + j + 1), has condition number 1.5e10. LU with
    # partial pivoting (np.linalg.solve) leaves a residual H @ x - b of about one rounding error;
    # inv(H) @ b leaves one about 10^8 times larger.
    n = 8
    index = np.arange(n)
    H = 1.0 / (index[:, np.newaxis] + index + 1)
    b = H @ np.ones(n)
    call = "solve(8 x 8 Hilbert matrix H, H @ ones(8))"
    got = assert_inputs_unchanged(linear_systems.solve, H, b, call=call)
    assert_array(got, np.ones(n), call=call, rtol=1e-4)  # cond * eps: x is good to ~6 digits
    residual = float(np.max(np.abs(H @ got - b)))
    bound = (
        10 * n * np.finfo(float).eps * float(np.max(np.abs(H).sum(axis=1)) * np.max(np.abs(got)))
    )
    if not residual <= bound:
        pytest.fail(
            f"{call}: the residual max|H @ x - b| is {residual:.3g}, above the contract's "
            f"10 * n * eps * |H| * |x| = {bound:.3g}. Solving is accurate to rounding (backward "
            "stable); multiplying b by the inverse is not, and an ill-conditioned matrix shows "
            "it: use np.linalg.solve rather than np.linalg.inv(A) @ b.",
            pytrace=False,
        )


@given(well_conditioned())
def test_solve_recovers_x(system):
    A, x = system
    got = linear_systems.solve(A, A @ x)
    assert_array(got, x, call=f"solve(A, A @ x) for x = {x.tolist()}", rtol=1e-9, atol=1e-9)


def test_solve_is_not_fooled_by_a_tiny_determinant():
    A = 1e-4 * np.eye(3)
    b = np.array([1.0, 2.0, 3.0])
    refused = None
    try:
        got = linear_systems.solve(A, b)
    except ValueError as error:
        refused = str(error)
    if refused is not None:  # failing outside the except block keeps the message short
        pytest.fail(
            f"solve(1e-4 * I, [1, 2, 3]) raised ValueError({refused!r}). This A is not "
            "singular: its rows are independent and its determinant, 1e-12, is tiny only "
            "because of the scale. Do not test np.isclose(det, 0).",
            pytrace=False,
        )
    assert_array(got, [1e4, 2e4, 3e4], call="solve(1e-4 * I, [1, 2, 3])", rtol=1e-9)


@pytest.mark.parametrize("A", SINGULAR.values(), ids=SINGULAR.keys())
def test_solve_refuses_a_singular_matrix(A):
    A = np.array(A, dtype=float)
    b = np.ones(len(A))
    call = f"solve({A.tolist()}, {b.tolist()})"
    assert_raises_naming(ValueError, "A", linear_systems.solve, A, b, call=call)


@pytest.mark.parametrize("A", NOT_SQUARE.values(), ids=NOT_SQUARE.keys())
def test_solve_refuses_a_matrix_that_is_not_square(A):
    b = np.ones(3)
    call = f"solve(A of shape {A.shape}, b of shape (3,))"
    assert_raises_naming(ValueError, "A", linear_systems.solve, A, b, call=call)


def test_solve_checks_a_that_is_not_square_before_b():
    # A is 2 x 3: there is no n for b to match, so the error is about A.
    A, b = np.ones((2, 3)), np.ones(2)
    call = "solve(A of shape (2, 3), b of shape (2,)) (A is checked first)"
    assert_raises_naming(ValueError, "A", linear_systems.solve, A, b, call=call)


@pytest.mark.parametrize("shape", [(2,), (4,), (3, 1), (1, 3)], ids=str)
def test_solve_refuses_b_of_the_wrong_shape(shape):
    A = np.array(SEED_A, dtype=float)
    b = np.ones(shape)
    call = f"solve(3x3 A, b of shape {shape})"
    assert_raises_naming(ValueError, "b", linear_systems.solve, A, b, call=call)


def test_the_empty_system():
    got = linear_systems.solve(np.zeros((0, 0)), np.zeros(0))
    assert_array(got, np.zeros(0), call="solve(0x0 A, empty b)")
    det = linear_systems.determinant(np.zeros((0, 0)))
    assert_value(det, 1.0, call="determinant(0x0 matrix)")


# --- determinant ------------------------------------------------------------------------------


def test_determinant_of_the_seed_matrix():
    A = np.array(SEED_A, dtype=float)
    got = assert_inputs_unchanged(linear_systems.determinant, A, call="determinant(seed A)")
    assert_value(got, SEED_DET, call="determinant(seed A)", rtol=1e-9)
    assert isinstance(got, (float, np.floating)), (
        f"determinant(seed A) returned {got!r} ({type(got).__name__}); expected a float"
    )


@pytest.mark.parametrize(
    ("A", "shown", "expected"),
    [
        (1e-4 * np.eye(3), "1e-4 * I (3 x 3)", 1e-12),
        (np.diag([1e-3, 2e-3]), "diag(1e-3, 2e-3)", 2e-6),
        (np.diag([1e-7, 3.0]), "diag(1e-7, 3)", 3e-7),
    ],
    ids=["1e-12", "2e-6", "3e-7"],
)
def test_determinant_of_a_tiny_determinant_is_not_rounded_away(A, shown, expected):
    call = f"determinant({shown}) (not rounded: a tiny determinant is not 0)"
    got = linear_systems.determinant(A)
    assert_value(got, expected, call=call, rtol=1e-9)
    assert isinstance(got, (float, np.floating)), (
        f"{call} returned {got!r} ({type(got).__name__}); expected a float"
    )


@pytest.mark.parametrize(
    ("A", "expected"),
    [
        ([[3.5]], 3.5),
        ([[0.5, 0.0], [0.0, 0.5]], 0.25),
        ([[2.0, 7.0, 1.0], [0.0, 0.5, 9.0], [0.0, 0.0, -3.0]], -3.0),
        ([[0, 1, 0], [1, 0, 0], [0, 0, 1]], -1.0),
        ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 0.0),
    ],
    ids=["1x1", "half identity", "triangular", "swap", "singular"],
)
def test_determinant_small_matrices(A, expected):
    got = linear_systems.determinant(np.array(A))
    assert_value(got, expected, call=f"determinant({A})", rtol=1e-9, atol=1e-9)


def sarrus(m: list[list[int]]) -> int:
    """The determinant of a 3 x 3 integer matrix by the rule of Sarrus, in exact integers."""
    (a, b, c), (d, e, f), (g, h, i) = m
    return a * e * i + b * f * g + c * d * h - c * e * g - b * d * i - a * f * h


@given(st.lists(st.lists(st.integers(-9, 9), min_size=3, max_size=3), min_size=3, max_size=3))
def test_determinant_matches_the_rule_of_sarrus(m):
    got = linear_systems.determinant(np.array(m))
    assert_value(got, sarrus(m), call=f"determinant({m})", rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("A", NOT_SQUARE.values(), ids=NOT_SQUARE.keys())
def test_determinant_refuses_a_matrix_that_is_not_square(A):
    call = f"determinant(A of shape {A.shape})"
    assert_raises_naming(ValueError, "A", linear_systems.determinant, A, call=call)


# --- inverse ----------------------------------------------------------------------------------


def test_inverse_of_the_seed_matrix():
    A = np.array(SEED_A, dtype=float)
    got = assert_inputs_unchanged(linear_systems.inverse, A, call="inverse(seed A)")
    assert_array(got, SEED_INVERSE, call="inverse(seed A)", rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("dtype", [np.int8, np.int64])
def test_inverse_of_an_integer_matrix_is_float(dtype):
    # The seed's inverse happens to hold whole numbers; it is still a float array.
    A = np.array(SEED_A, dtype=dtype)
    call = f"inverse(seed A as {np.dtype(dtype).name})"
    got = assert_inputs_unchanged(linear_systems.inverse, A, call=call)
    assert_array(got, SEED_INVERSE, call=call, rtol=1e-9, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the contract promises a float array")


@given(well_conditioned())
def test_inverse_times_the_matrix_is_the_identity(system):
    A, _ = system
    got = linear_systems.inverse(A)
    call = f"A @ inverse(A) for A = {A.tolist()}"
    assert_array(A @ got, np.eye(len(A)), call=call, rtol=1e-9, atol=1e-9)
    call = f"inverse(A) @ A for A = {A.tolist()}"
    assert_array(got @ A, np.eye(len(A)), call=call, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("A", SINGULAR.values(), ids=SINGULAR.keys())
def test_inverse_refuses_a_singular_matrix(A):
    A = np.array(A, dtype=float)
    call = f"inverse({A.tolist()})"
    assert_raises_naming(ValueError, "A", linear_systems.inverse, A, call=call)


@pytest.mark.parametrize("A", NOT_SQUARE.values(), ids=NOT_SQUARE.keys())
def test_inverse_refuses_a_matrix_that_is_not_square(A):
    call = f"inverse(A of shape {A.shape})"
    assert_raises_naming(ValueError, "A", linear_systems.inverse, A, call=call)


# --- is_inverse -------------------------------------------------------------------------------


def check_is_inverse(A, candidate, expected: bool, call: str) -> None:
    got = assert_inputs_unchanged(linear_systems.is_inverse, A, candidate, call=call)
    assert_bool(got, expected, call=call)


def test_is_inverse_accepts_the_seed_inverse():
    A, candidate = np.array(SEED_A, dtype=float), np.array(SEED_INVERSE, dtype=float)
    check_is_inverse(A, candidate, True, call="is_inverse(seed A, its inverse)")


def test_is_inverse_allows_rounding():
    # 0.6, 0.7, 0.2 and 0.4 are not exact in binary: A @ candidate misses the identity by about
    # 3e-16, so a test with == fails where np.allclose passes.
    A = np.array([[4.0, 7.0], [2.0, 6.0]])
    candidate = np.array([[0.6, -0.7], [-0.2, 0.4]])
    check_is_inverse(A, candidate, True, call="is_inverse([[4, 7], [2, 6]], [[0.6, -0.7], ...])")


def test_is_inverse_accepts_a_scaled_identity():
    A, candidate = 1e-4 * np.eye(3), 1e4 * np.eye(3)
    check_is_inverse(A, candidate, True, call="is_inverse(1e-4 * I, 1e4 * I)")


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        (np.array(SEED_INVERSE, dtype=float).T, "the transpose of the inverse"),
        (np.array(SEED_INVERSE) + 1e-3, "the inverse plus 1e-3"),
        (np.array(SEED_A, dtype=float), "A itself"),
        (np.eye(3), "the identity"),
        (np.full((3, 3), np.nan), "all NaN"),
    ],
    ids=["transpose", "off by 1e-3", "A itself", "identity", "NaN"],
)
def test_is_inverse_rejects_what_is_not_an_inverse(candidate, why):
    A = np.array(SEED_A, dtype=float)
    check_is_inverse(A, candidate, False, call=f"is_inverse(seed A, {why})")


# A = diag(2, 4): A @ candidate is computed exactly, so these sit exactly where they say.
# np.allclose's defaults allow 1e-8 + 1e-5 * |I[i, j]|: 1.001e-5 on the diagonal, 1e-8 off it.
TOLERANCE_CASES = {
    "diagonal off by 5e-6": ([[0.5 * (1 + 5e-6), 0.0], [0.0, 0.25]], True),
    "diagonal off by 2e-5": ([[0.5 * (1 + 2e-5), 0.0], [0.0, 0.25]], False),
    "off-diagonal 5e-9": ([[0.5, 0.5 * 5e-9], [0.0, 0.25]], True),
    "off-diagonal 5e-8": ([[0.5, 0.5 * 5e-8], [0.0, 0.25]], False),
}


@pytest.mark.parametrize("case", TOLERANCE_CASES)
def test_is_inverse_uses_np_allclose_default_tolerances(case):
    candidate, expected = TOLERANCE_CASES[case]
    A = np.diag([2.0, 4.0])
    call = (
        f"is_inverse(diag(2, 4), candidate whose product with A has its {case}) (np.allclose's "
        "default tolerances: within 1e-8 + 1e-5 * |I| of the identity, no looser, no tighter)"
    )
    check_is_inverse(A, np.array(candidate), expected, call=call)


@pytest.mark.parametrize(
    ("A", "candidate", "expected", "shown"),
    [
        (np.array([[3]], np.uint8), np.array([[171]], np.uint8), False, "uint8 [[3]], [[171]]"),
        (
            np.array(SEED_A, np.int8),
            np.array(SEED_INVERSE, np.int8),
            True,
            "seed A and inverse, int8",
        ),
    ],
    ids=["uint8-wraps", "int8-seed"],
)
def test_is_inverse_of_small_integer_matrices(A, candidate, expected, shown):
    # 3 * 171 is 513; in uint8 it wraps around to 1 and would look like the identity.
    call = f"is_inverse({shown}) (the product must not wrap around)"
    check_is_inverse(A, candidate, expected, call=call)


def test_is_inverse_refuses_a_candidate_of_another_shape():
    A, candidate = np.array(SEED_A, dtype=float), np.eye(2)
    call = "is_inverse(3x3 A, 2x2 candidate)"
    assert_raises_naming(
        ValueError, "candidate", linear_systems.is_inverse, A, candidate, call=call
    )


def test_is_inverse_refuses_a_matrix_that_is_not_square():
    A, candidate = np.ones((2, 3)), np.ones((3, 2))
    call = "is_inverse(2x3 A, 3x2 candidate)"
    assert_raises_naming(ValueError, "A", linear_systems.is_inverse, A, candidate, call=call)


# --- solve_many -------------------------------------------------------------------------------


def test_solve_many_with_as_many_systems_as_unknowns():
    # Three 3x3 systems: As has shape (3, 3, 3) and bs (3, 3). NumPy 2's np.linalg.solve reads
    # a 2-D bs as one 3x3 matrix of right-hand sides, not as three vectors, and returns a
    # (3, 3, 3) array of wrong answers without an error.
    seed = np.array(SEED_A, dtype=float)
    As = np.stack([seed, 2 * np.eye(3), seed[[2, 0, 1]]])
    xs = np.array([SEED_X, [1.0, -1.0, 0.5], SEED_X])
    bs = np.array([SEED_B, [2.0, -2.0, 1.0], np.array(SEED_B)[[2, 0, 1]]])
    call = "solve_many(As of shape (3, 3, 3), bs of shape (3, 3))"
    got = assert_inputs_unchanged(linear_systems.solve_many, As, bs, call=call)
    shape = np.shape(got)
    assert shape == (3, 3), (
        f"{call} returned shape {shape}; expected (3, 3), one solution row per system. "
        "NumPy 2's np.linalg.solve reads a 2-D b as one matrix of right-hand-side columns, "
        "not as one vector per system (see the hints in the README)"
    )
    assert_array(got, xs, call=call, rtol=1e-9, atol=1e-12)


@st.composite
def well_conditioned_stack(draw):
    """(As, xs): a stack of 1 to 8 well-conditioned n x n matrices, and one x for each."""
    count, n = draw(st.integers(1, 8)), draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    As = 10.0 ** draw(st.integers(-6, 6)) * well_conditioned_batch(rng, count, n)
    xs = rng.uniform(-100, 100, size=(count, n))
    return As, xs


@given(well_conditioned_stack())
def test_solve_many_recovers_each_x(stack):
    As, xs = stack
    bs = np.einsum("nij,nj->ni", As, xs)  # bs[k] = As[k] @ xs[k]
    call = f"solve_many(As of shape {As.shape}, bs of shape {bs.shape})"
    assert_array(linear_systems.solve_many(As, bs), xs, call=call, rtol=1e-9, atol=1e-9)


def test_solve_many_of_integer_systems_is_float():
    As = np.stack([np.diag([2, 4]), np.array([[1, 1], [1, -1]])])
    bs = np.array([[1, 1], [3, 0]])
    call = "solve_many([diag(2, 4), [[1, 1], [1, -1]]], [[1, 1], [3, 0]]) (integers)"
    got = assert_inputs_unchanged(linear_systems.solve_many, As, bs, call=call)
    assert_array(got, [[0.5, 0.25], [1.5, 1.5]], call=call, rtol=1e-9, atol=1e-12)
    assert_dtype_kind(got, "f", call=call, why="the solutions are a float array")


def test_solve_many_of_no_systems_is_empty():
    got = linear_systems.solve_many(np.zeros((0, 3, 3)), np.zeros((0, 3)))
    assert_array(got, np.zeros((0, 3)), call="solve_many(As of shape (0, 3, 3), bs (0, 3))")


def test_solve_many_refuses_a_batch_with_a_singular_matrix():
    As = well_conditioned_batch(np.random.default_rng(8), 4)
    As[2] = SINGULAR["a repeated row"]
    bs = np.ones((4, 3))
    call = "solve_many(As with a repeated row in As[2], bs)"
    assert_raises_naming(ValueError, "As", linear_systems.solve_many, As, bs, call=call)


@pytest.mark.parametrize(
    "As",
    [2 * np.eye(3), np.ones((4, 3, 2)), np.ones((4, 2, 3)), np.ones(4)],
    ids=["one 3x3 matrix", "4x3x2", "4x2x3", "1-D"],
)
def test_solve_many_refuses_as_of_the_wrong_shape(As):
    bs = np.ones((4, 3))
    call = f"solve_many(As of shape {As.shape}, bs of shape (4, 3))"
    assert_raises_naming(ValueError, "As", linear_systems.solve_many, As, bs, call=call)


@pytest.mark.parametrize("shape", [(4, 3, 1), (5, 3), (4, 2), (3,)], ids=str)
def test_solve_many_refuses_bs_of_the_wrong_shape(shape):
    As = well_conditioned_batch(np.random.default_rng(8), 4)
    bs = np.ones(shape)
    call = f"solve_many(As of shape (4, 3, 3), bs of shape {shape})"
    assert_raises_naming(ValueError, "bs", linear_systems.solve_many, As, bs, call=call)


def test_solve_many_has_no_python_loop(loop_gate):
    rng = np.random.default_rng(0)
    loop_gate(
        linear_systems.solve_many,
        lambda n: (well_conditioned_batch(rng, n), rng.normal(size=(n, 3))),
        over="systems",
    )
