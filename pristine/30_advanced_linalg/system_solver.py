"""Kata 30: System of Equations Solver. Classify A x = b by rank, then solve it the right way."""

import numpy as np


def solve_system(A: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, str]:
    """Solve ``A x = b`` and say what kind of system it is: ``(x, label)``.

    ``A`` is a 2-D (m, n) array with m, n >= 1; ``b`` has shape (m,) or (m, k) (k right-hand
    sides, a column (m, 1) included). Any real dtype, integers included. ``x`` is a float
    array of shape (n,) or (n, k), matching ``b``.

    The rank r of A is the number of its singular values above the tolerance
    ``tol = max(m, n) * eps * s_max`` (``eps = np.finfo(np.float64).eps``, ``s_max`` the
    largest singular value; NumPy's ``matrix_rank`` default). A singular value equal to
    ``tol`` counts as zero. The label, a str, and x are:

    - ``"well-determined"``: m == n == r. The unique solution.
    - ``"overdetermined"``: m > n == r. The least-squares solution, the unique x that
      minimises ``||A x - b||``.
    - ``"underdetermined"``: n > m == r. The minimum-norm solution: ``A x = b`` exactly, and
      x lies in the row space of A (no other solution is shorter).
    - ``"singular"``: r < min(m, n), any shape (a singular square matrix, or dependent
      columns or rows). The minimum-norm least-squares solution: the shortest x among those
      that minimise ``||A x - b||``, with the singular values at or below ``tol`` taken as 0.

    Raises ValueError naming ``A`` if A is not 2-D, has no rows or no columns, or holds a NaN
    or an infinity; ValueError naming ``b`` if its shape does not fit A or it holds a NaN or
    an infinity. ``A`` and ``b`` are not modified.
    """
    raise NotImplementedError("solve_system")


def condition_number(A: np.ndarray) -> float:
    """The 2-norm condition number of the 2-D array ``A``, as a float.

    That is ``s_max / s_min``, the largest over the smallest of A's min(m, n) singular values:
    1 for an orthogonal matrix, and the factor by which A x = b can magnify a relative change
    in b into a relative change in x. It is ``inf`` when A is rank-deficient by the tolerance
    of ``solve_system`` (``s_min <= max(m, n) * eps * s_max``; an all-zero A included), not a
    huge finite number. Any real dtype, integers included.
    Raises ValueError naming ``A`` if A is not 2-D, has no rows or no columns, or holds a NaN
    or an infinity. ``A`` is not modified.
    """
    raise NotImplementedError("condition_number")
