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
    raise NotImplementedError("bivariate_gaussian")


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
    raise NotImplementedError("grid_integral")


def peak_position(Z: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The coordinates ``(x, y)`` of the grid point where ``Z`` is largest.

    The grid is laid out as in ``grid_integral``: ``Z[i, j]`` is the value at
    ``(x[j], y[i])``. Returns the pair ``(x[j], y[i])`` (x first) as two Python floats. On a
    tie the first maximum in row-major order wins (the smallest ``i``, then the smallest
    ``j``). Any integer or float dtype.
    Raises ValueError naming ``x`` or ``y`` if it is not 1-D or is empty, and naming ``Z`` if
    its shape is not ``(len(y), len(x))`` or it holds a NaN. No argument is modified.
    """
    raise NotImplementedError("peak_position")
