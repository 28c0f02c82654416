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

    Accurate to rounding means backward stable: the residual ``A @ x - b`` is within a few
    rounding errors of 0, at most ``10 * n * eps * |A| * |x|`` in the infinity norm (|A| the
    largest row sum of abs(A), |x| the largest abs(x[i]), eps = 2.2e-16), also for an
    ill-conditioned A such as the 8 x 8 Hilbert matrix, where x itself may be off in its 7th
    digit. (Multiplying b by A's inverse is not backward stable: its residual grows with A's
    condition number.)

    ``A`` has shape (n, n) and ``b`` shape (n,); any real numeric dtype. n = 0 is allowed:
    the empty system has the empty solution. Neither argument is modified.
    A is singular when its rows are linearly dependent (a zero row, a repeated row, ...):
    then there is no unique solution. A matrix with a tiny determinant but independent rows,
    such as 1e-4 * I, is not singular; rows dependent only up to rounding error need not be
    detected. NaN or inf in A or b: no behaviour is promised.
    Raises ValueError naming ``A`` if A is not a square 2-D array (checked first: n is A's
    size), ValueError naming ``b`` if A is square but b's shape is not (n,), and ValueError
    naming ``A`` if A is singular.
    """
    raise NotImplementedError("solve")


def determinant(A: np.ndarray) -> float:
    """The determinant of the square (n, n) array ``A``, as a float (Python or NumPy).

    Not rounded: a tiny determinant is a determinant, ``1e-4 * I`` of size 3 x 3 has 1e-12,
    accurate to about 9 digits like any other. A singular A gives 0 (to rounding); the 0 x 0
    matrix has determinant 1 (the empty product). A is not modified. Raises ValueError naming
    ``A`` if A is not a square 2-D array.
    """
    raise NotImplementedError("determinant")


def inverse(A: np.ndarray) -> np.ndarray:
    """The inverse of the square (n, n) array ``A``: the (n, n) float array B with
    ``A @ B == I`` to rounding. ``A`` has any real dtype; B is float also for an integer A.

    A is not modified. Raises ValueError naming ``A`` if A is not a square 2-D array or is
    singular (singular as in ``solve``).
    """
    raise NotImplementedError("inverse")


def is_inverse(A: np.ndarray, candidate: np.ndarray) -> bool:
    """Whether ``candidate`` is an inverse of ``A``: True when ``A @ candidate`` is close to
    the identity matrix by ``np.allclose``'s default tolerances (every entry within
    1e-8 + 1e-5 * |I| of the identity's), else False. A candidate holding NaN is not an inverse.

    A and candidate are (n, n) arrays of any real dtype; the product is taken without wrapping
    around (uint8 ``[[3]] @ [[171]]`` is 513, not 1). Neither is modified. Returns one bool
    (Python or NumPy), not an array. Raises ValueError naming ``A`` if A is not a square 2-D
    array (checked first), and ValueError naming ``candidate`` if A is square but the shape of
    candidate is not A's.
    """
    raise NotImplementedError("is_inverse")


def solve_many(As: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """Solve N systems in one call: ``xs[i]`` is the solution of ``As[i] @ xs[i] == bs[i]``.

    ``As`` has shape (N, n, n) and ``bs`` shape (N, n): one right-hand side per system, as
    rows (not (N, n, 1)). Returns xs, a float array of shape (N, n). N may be 0: the result
    is then empty, of shape (0, n). Neither argument is modified. No Python loop over the
    systems (the gates time it on 100,000 systems).
    Raises ValueError naming ``As`` if As is not 3-D with square matrices (checked first: N
    and n come from As's shape), ValueError naming ``bs`` if As is fine but bs's shape is not
    (N, n), and ValueError naming ``As`` if any As[i] is singular (as in ``solve``).
    """
    raise NotImplementedError("solve_many")
