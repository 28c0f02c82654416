"""Kata 13: Curve Fitting & Residuals. Fit polynomials, measure their error, choose a degree."""

from collections.abc import Sequence

import numpy as np


def fit_polynomials(x: np.ndarray, y: np.ndarray, degrees: Sequence[int]) -> dict[int, np.ndarray]:
    """The least-squares polynomial of each degree in ``degrees`` through the points (x, y).

    Returns a dict with one entry per degree, in the order given: ``fits[d]`` is a float array
    of the d + 1 coefficients, highest power first (the order ``np.polyval`` expects), so
    ``np.polyval(fits[d], x)`` is the fitted curve. Each fit minimises ``sum((y - p(x))**2)``.

    ``x`` and ``y``: 1-D arrays of the same length, any real dtype (integers too); they are
    not modified.
    Raises ValueError naming ``x`` if it is not 1-D, naming ``y`` if its shape differs from
    x's, naming ``x`` or ``y`` if it holds a NaN or an infinity, and naming ``degrees`` if a
    degree is negative or not below len(x) (degree d needs at least d + 1 points).
    """
    raise NotImplementedError("fit_polynomials")


def residuals(x: np.ndarray, y: np.ndarray, coeffs: np.ndarray) -> np.ndarray:
    """Observed minus fitted: ``y - p(x)``, p the polynomial with coefficients ``coeffs``.

    ``coeffs`` is highest power first, as fit_polynomials returns it; any real dtype.
    ``x`` and ``y``: 1-D arrays of the same length, any real dtype (integers too).
    Returns a new float array of len(y): positive where a point lies above the curve.
    Nothing is modified.
    Raises ValueError naming ``x`` if it is not 1-D, naming ``y`` if its shape differs from
    x's, and naming ``coeffs`` if it is empty or not 1-D.
    """
    raise NotImplementedError("residuals")


def rmse(y: np.ndarray, y_hat: np.ndarray) -> float:
    """Root-mean-square error: ``sqrt(mean((y - y_hat)**2))``, the mean over all n values.

    ``y`` (observed) and ``y_hat`` (predicted): arrays of the same shape, any real dtype;
    integers are subtracted as floats, so nothing wraps around. Neither is modified.
    Returns a float (NumPy's float64 is one); NaN if any value is NaN.
    Raises ValueError naming ``y_hat`` if its shape differs from y's, and naming ``y`` if
    it is empty.
    """
    raise NotImplementedError("rmse")


def cross_validation_rmse(x: np.ndarray, y: np.ndarray, degree: int, k: int = 5) -> float:
    """The k-fold cross-validated RMSE of a degree ``degree`` polynomial fit to (x, y).

    Fold j (j = 0, ..., k - 1) holds the samples at the positions i with ``i % k == j``, so
    every sample is held out exactly once, also when k does not divide n, and on sorted x
    every fold spans the whole range. Each fold is predicted by the least-squares polynomial
    fitted to the other k - 1 folds. The result is the RMSE of all n held-out predictions
    against y, pooled (not the mean of the k folds' RMSEs). Returns a float.

    ``x`` and ``y`` as for fit_polynomials; they are not modified.
    Raises ValueError as fit_polynomials does for ``x`` and ``y``, naming ``k`` if k < 2 or
    k > len(x), and naming ``degree`` if it is negative or not below the size of the
    smallest training set, n - ceil(n / k).
    """
    raise NotImplementedError("cross_validation_rmse")


def choose_degree(x: np.ndarray, y: np.ndarray, degrees: Sequence[int], k: int = 5) -> int:
    """The degree in ``degrees`` with the lowest ``cross_validation_rmse(x, y, d, k)``.

    Not the lowest training RMSE: that falls with every extra degree, so it always picks the
    highest. On equal errors the lower degree wins, whatever the order of ``degrees``.
    Returns a Python int. ``x`` and ``y`` are not modified.
    Raises ValueError naming ``degrees`` if it is empty or holds a degree that
    cross_validation_rmse refuses, and as cross_validation_rmse does for ``x``, ``y``, ``k``.
    """
    raise NotImplementedError("choose_degree")
