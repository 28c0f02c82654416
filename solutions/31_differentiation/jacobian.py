"""Kata 31: Jacobian Checker. Differentiate by central differences; check an analytic Jacobian."""

from collections.abc import Callable

import numpy as np


def _values(f: Callable, x: np.ndarray) -> np.ndarray:
    """f(x) as a 1-D float array: a scalar becomes one value."""
    values = np.asarray(f(x), dtype=float)
    if values.ndim > 1:
        raise ValueError(f"f must return a scalar or a 1-D array, got shape {values.shape}")
    return values.reshape(-1)


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
    x = np.asarray(x, dtype=float)  # a new float array: x itself is never touched
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    if not h > 0:
        raise ValueError(f"h must be positive, got {h}")
    # One loop step per input (n is small); each step is a whole-vector evaluation of f.
    steps = h * np.eye(x.size)
    columns = [(_values(f, x + step) - _values(f, x - step)) / (2 * h) for step in steps]
    return np.stack(columns, axis=1)  # row i: output i, column j: input j


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
    numeric = jacobian(f, x, h)
    analytic = np.asarray(grad_f(np.asarray(x, dtype=float)), dtype=float)
    if analytic.shape != numeric.shape and not (
        numeric.shape[0] == 1 and analytic.shape == numeric.shape[1:]
    ):
        raise ValueError(
            f"grad_f must return the Jacobian of shape {numeric.shape} (outputs x inputs), "
            f"got shape {analytic.shape}"
        )
    max_abs_err = float(np.max(np.abs(numeric - analytic)))
    scale = max(np.max(np.abs(numeric)), np.max(np.abs(analytic)))
    rel_err = max_abs_err / scale if scale > 0 else 0.0
    return {"max_abs_err": max_abs_err, "rel_err": float(rel_err), "ok": bool(rel_err <= rtol)}
