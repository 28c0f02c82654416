"""Kata 31: Jacobian Checker. Differentiate by central differences; check an analytic Jacobian."""

from collections.abc import Callable

import numpy as np


def jacobian(f: Callable, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """The Jacobian of ``f`` at ``x`` by central differences, a float array of shape (m, n).

    ``x`` is 1-D with n >= 1 entries, any real dtype (integers included: f is evaluated at
    x converted to float64). ``f`` maps a 1-D float array of shape (n,) to m values: a 1-D
    array or a list of m numbers, or a scalar (then m = 1 and the result has shape (1, n)).
    Row i belongs to output i and column j to input j::

        J[i, j] = (f(x + h e_j)[i] - f(x - h e_j)[i]) / (2 h)

    with e_j the j-th unit vector. Its error shrinks like h**2 (a forward difference's like
    h): for a cubic, J is exactly f' + h**2 f''' / 6. f may be called once per step; it is
    never called with anything but a 1-D float array of shape (n,).
    Raises ValueError naming ``x`` if x is not 1-D or is empty, naming ``h`` if h <= 0, and
    naming ``f`` if f returns an array of 2 or more dimensions. ``x`` is not modified.
    """
    raise NotImplementedError("jacobian")


def gradient_check(
    f: Callable, grad_f: Callable, x: np.ndarray, h: float = 1e-6, rtol: float = 1e-5
) -> dict:
    """Compare the analytic Jacobian ``grad_f(x)`` with ``jacobian(f, x, h)``.

    ``grad_f(x)`` returns the (m, n) Jacobian (a (n,) gradient is accepted when m == 1).
    Returns ``{"max_abs_err": float, "rel_err": float, "ok": bool}``, Python float and bool:

    - ``max_abs_err``: the largest ``abs(J_num - J_ana)`` over all entries;
    - ``rel_err``: ``max_abs_err / max(max(abs(J_num)), max(abs(J_ana)))``, the error
      relative to the larger Jacobian's largest entry (0 when both Jacobians are all 0).
      It stays small where a derivative is 0 or tiny, unlike an entry-by-entry
      ``err / abs(J_ana)``;
    - ``ok``: ``rel_err <= rtol`` (an error equal to rtol passes).

    Raises ValueError naming ``grad_f`` if its result does not have the shape (m, n) (a
    transposed (n, m) Jacobian included), and the errors of ``jacobian``.
    ``x`` is not modified.
    """
    raise NotImplementedError("gradient_check")
