"""Kata 25: Bivariate Gaussian. A density on a meshgrid, its integral and its peak."""

import numpy as np


def bivariate_gaussian(
    X: np.ndarray,
    Y: np.ndarray,
    mu_x: float = 0.0,
    mu_y: float = 0.0,
    sigma_x: float = 1.0,
    sigma_y: float = 1.0,
    rho: float = 0.0,
) -> np.ndarray:
    """The bivariate normal density at each point ``(X, Y)``.

    The density with means ``mu_x``, ``mu_y``, standard deviations ``sigma_x``, ``sigma_y``
    and correlation ``rho``, i.e. covariance ``[[sigma_x**2, rho*sigma_x*sigma_y],
    [rho*sigma_x*sigma_y, sigma_y**2]]``. ``X`` and ``Y`` are arrays of coordinates that
    broadcast together: the two arrays of ``np.meshgrid``, or the open grid of ``np.ogrid``.
    Any integer or float dtype (an int16 or uint8 grid works without overflow). Returns a new
    float array of their broadcast shape.
    Raises ValueError naming ``sigma_x`` or ``sigma_y`` unless it is positive and finite, and
    naming ``rho`` unless -1 < rho < 1 (a NaN parameter is refused too). ``X`` and ``Y`` are
    not modified.
    """
    for name, sigma in (("sigma_x", sigma_x), ("sigma_y", sigma_y)):
        if not (np.isfinite(sigma) and sigma > 0):
            raise ValueError(f"{name} must be a positive, finite standard deviation, got {sigma}")
    if not -1 < rho < 1:  # NaN fails this comparison too
        raise ValueError(f"rho must be a correlation strictly between -1 and 1, got {rho}")
    # Standardise in float64 first: an integer grid minus an integer mean, squared, would
    # overflow (int16) or wrap around below 0 (uint8).
    u = (np.asarray(X, dtype=np.float64) - mu_x) / sigma_x
    v = (np.asarray(Y, dtype=np.float64) - mu_y) / sigma_y
    one_minus_rho2 = 1.0 - rho**2
    # The quadratic form d^T inv(cov) d: det(cov) = (sigma_x sigma_y)**2 (1 - rho**2).
    quadratic = (u * u - 2.0 * rho * u * v + v * v) / one_minus_rho2
    norm = 2.0 * np.pi * sigma_x * sigma_y * np.sqrt(one_minus_rho2)
    return np.exp(-0.5 * quadratic) / norm


def grid_integral(Z: np.ndarray, x: np.ndarray, y: np.ndarray) -> float:
    """The integral of ``Z`` over the grid of ``x`` and ``y``, by the trapezoidal rule.

    ``x`` and ``y`` are the 1-D coordinates of the grid, strictly increasing, at least 2
    points each, not necessarily evenly spaced. ``Z`` holds the values on the grid laid out
    as ``np.meshgrid(x, y)`` lays it out (``indexing="xy"``): ``Z[i, j]`` is the value at
    ``(x[j], y[i])``, so ``Z.shape`` is ``(len(y), len(x))``. Any integer or float dtype. The
    rule integrates each row over ``x`` with the trapezoidal rule, then the row integrals
    over ``y`` (so the border points weigh half a cell: the integral of 1 over
    ``[0, 2] x [0, 1]`` is exactly 2). Returns a Python float.
    Raises ValueError naming ``x`` or ``y`` if it is not 1-D, has fewer than 2 points or is
    not strictly increasing, and naming ``Z`` if its shape is not ``(len(y), len(x))``.
    No argument is modified.
    """
    x, y = _axis("x", x, 2), _axis("y", y, 2)
    for name, axis in (("x", x), ("y", y)):
        if not np.all(np.diff(axis) > 0):  # NaN fails this comparison too
            raise ValueError(f"{name} must be strictly increasing")
    Z = _grid_values(Z, x, y)
    # Float first: np.trapezoid adds neighbours, which would overflow in uint8.
    rows = np.trapezoid(Z.astype(np.float64), x, axis=1)  # along each row, over x
    return float(np.trapezoid(rows, y))


def peak_position(Z: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The coordinates ``(x, y)`` of the grid point where ``Z`` is largest.

    The grid is laid out as in ``grid_integral``: ``Z[i, j]`` is the value at
    ``(x[j], y[i])``. Returns the pair ``(x[j], y[i])`` (x first) as two Python floats. On a
    tie the first maximum in row-major order wins (the smallest ``i``, then the smallest
    ``j``). Any integer or float dtype.
    Raises ValueError naming ``x`` or ``y`` if it is not 1-D or is empty, and naming ``Z`` if
    its shape is not ``(len(y), len(x))`` or it holds a NaN. No argument is modified.
    """
    x, y = _axis("x", x, 1), _axis("y", y, 1)
    Z = _grid_values(Z, x, y)
    if np.issubdtype(Z.dtype, np.inexact) and np.isnan(Z).any():
        raise ValueError("Z holds a NaN: it has no largest value")
    # argmax returns the first maximum of the flattened (row-major) array.
    row, column = np.unravel_index(np.argmax(Z), Z.shape)
    return float(x[column]), float(y[row])


def _axis(name: str, values: np.ndarray, minimum: int) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1 or len(values) < minimum:
        raise ValueError(f"{name} must be 1-D with at least {minimum} points, got {values.shape}")
    return values


def _grid_values(Z: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    Z = np.asarray(Z)
    if Z.shape != (len(y), len(x)):
        raise ValueError(
            f"Z must have shape (len(y), len(x)) = {(len(y), len(x))}, as np.meshgrid(x, y) "
            f"lays it out, got {Z.shape}"
        )
    return Z
