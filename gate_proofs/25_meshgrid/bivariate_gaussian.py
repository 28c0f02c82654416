"""Correct loop answers to kata 25's gated functions: each must fail the gates."""

import math

import numpy as np


def bivariate_gaussian(X, Y, mu_x=0.0, mu_y=0.0, sigma_x=1.0, sigma_y=1.0, rho=0.0):
    for name, sigma in (("sigma_x", sigma_x), ("sigma_y", sigma_y)):
        if not (math.isfinite(sigma) and sigma > 0):
            raise ValueError(f"{name} must be a positive, finite standard deviation, got {sigma}")
    if not -1 < rho < 1:
        raise ValueError(f"rho must be a correlation strictly between -1 and 1, got {rho}")
    X, Y = np.broadcast_arrays(np.asarray(X, dtype=float), np.asarray(Y, dtype=float))
    norm = 2 * math.pi * sigma_x * sigma_y * math.sqrt(1 - rho**2)
    density = np.empty(X.shape)
    for index in np.ndindex(X.shape):
        u = (X[index] - mu_x) / sigma_x
        v = (Y[index] - mu_y) / sigma_y
        density[index] = math.exp(-(u * u - 2 * rho * u * v + v * v) / (2 * (1 - rho**2))) / norm
    return density


def _check(Z, x, y, minimum):
    Z, x, y = np.asarray(Z), np.asarray(x), np.asarray(y)
    for name, axis in (("x", x), ("y", y)):
        if axis.ndim != 1 or len(axis) < minimum:
            raise ValueError(f"{name} must be 1-D with at least {minimum} points")
    if Z.shape != (len(y), len(x)):
        raise ValueError(f"Z must have shape (len(y), len(x)), got {Z.shape}")
    return Z, x, y


def grid_integral(Z, x, y):
    Z, x, y = _check(Z, x, y, 2)
    for name, axis in (("x", x), ("y", y)):
        if not np.all(np.diff(axis) > 0):
            raise ValueError(f"{name} must be strictly increasing")
    total = 0.0
    for i in range(len(y) - 1):
        row = np.trapezoid(Z[i : i + 2].astype(float), x, axis=1)  # the strip between two rows
        total += (row[0] + row[1]) / 2 * (y[i + 1] - y[i])
    return float(total)


def peak_position(Z, x, y):
    Z, x, y = _check(Z, x, y, 1)
    if np.issubdtype(Z.dtype, np.inexact) and np.isnan(Z).any():
        raise ValueError("Z holds a NaN")
    best_row, best_column = 0, 0
    for i in range(Z.shape[0]):
        j = int(np.argmax(Z[i]))
        if Z[i, j] > Z[best_row, best_column]:
            best_row, best_column = i, j
    return float(x[best_column]), float(y[best_row])
