"""Kata 08: Solve a 3x3 Linear System. Set up Ax = b, solve it, and solve many at once."""

import numpy as np


def seed_system() -> tuple[np.ndarray, np.ndarray]:
    """The coefficient matrix A and the right-hand side b of the system

         2x + y -  z =   8
        -3x - y + 2z = -11
        -2x + y + 2z =  -3

    Row i of A holds the coefficients of x, y and z (in that order) of equation i, and b[i]
    its right-hand side. Returns ``(A, b)``: A of shape (3, 3), b of shape (3,), float.
    """
    raise NotImplementedError("seed_system")


def solve(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The solution x of ``A @ x == b``: a float array of shape (n,), accurate to rounding.

    ``A`` has shape (n, n) and ``b`` shape (n,); any real numeric dtype. n = 0 is allowed:
    the empty system has the empty solution. Neither argument is modified.
    A is singular when its rows are linearly dependent (a zero row, a repeated row, ...):
    then there is no unique solution. A matrix with a tiny determinant but independent rows,
    such as 1e-4 * I, is not singular; rows dependent only up to rounding error need not be
    detected. NaN or inf in A or b: no behaviour is promised.
    Raises ValueError naming ``A`` if A is not a square 2-D array or is singular, and
    ValueError naming ``b`` if b's shape is not (n,).
    """
    raise NotImplementedError("solve")


def determinant(A: np.ndarray) -> float:
    """The determinant of the square (n, n) array ``A``, as a float (Python or NumPy).

    A singular A gives 0 (to rounding); the 0 x 0 matrix has determinant 1 (the empty
    product). A is not modified. Raises ValueError naming ``A`` if A is not a square 2-D
    array.
    """
    raise NotImplementedError("determinant")


def inverse(A: np.ndarray) -> np.ndarray:
    """The inverse of the square (n, n) array ``A``: the (n, n) float array B with
    ``A @ B == I`` to rounding.

    A is not modified. Raises ValueError naming ``A`` if A is not a square 2-D array or is
    singular (singular as in ``solve``).
    """
    raise NotImplementedError("inverse")


def is_inverse(A: np.ndarray, candidate: np.ndarray) -> bool:
    """Whether ``candidate`` is an inverse of ``A``: True when ``A @ candidate`` is close to
    the identity matrix by ``np.allclose``'s default tolerances (every entry within
    1e-8 + 1e-5 * |I| of the identity's), else False. A candidate holding NaN is not an inverse.

    A and candidate are (n, n) arrays; neither is modified. Returns one bool (Python or NumPy),
    not an array. Raises ValueError naming ``A`` if A is not a square 2-D array, and
    ValueError naming ``candidate`` if its shape is not A's.
    """
    raise NotImplementedError("is_inverse")


def solve_many(As: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """Solve N systems in one call: ``xs[i]`` is the solution of ``As[i] @ xs[i] == bs[i]``.

    ``As`` has shape (N, n, n) and ``bs`` shape (N, n): one right-hand side per system, as
    rows (not (N, n, 1)). Returns xs, a float array of shape (N, n). N may be 0: the result
    is then empty, of shape (0, n). Neither argument is modified. No Python loop over the
    systems (the gates time it on 100,000 systems).
    Raises ValueError naming ``As`` if As is not 3-D with square matrices, or if any As[i] is
    singular (as in ``solve``), and ValueError naming ``bs`` if bs's shape is not (N, n).
    """
    raise NotImplementedError("solve_many")
