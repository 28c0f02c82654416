"""Kata 01: Array Construction Challenge. Build arrays with factory functions, not loops."""

import numpy as np


def checkerboard(n: int) -> np.ndarray:
    """An n x n board of 0s and 1s, 0 in the top-left corner: ``board[i, j] == (i + j) % 2``.

    Build it with ``np.tile`` from the 2 x 2 unit ``[[0, 1], [1, 0]]``; n may be odd.
    Any integer dtype. Raises ValueError naming ``n`` if n < 1.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    unit = np.array([[0, 1], [1, 0]], dtype=np.int8)
    repeats = (n + 1) // 2  # one tile too many for odd n, then trim
    return np.tile(unit, (repeats, repeats))[:n, :n]


def scaled_identity(scale: np.ndarray) -> np.ndarray:
    """The k x k matrix with ``scale`` on its diagonal and 0 elsewhere (k = len(scale)).

    ``scale`` is 1-D and is not modified. Any numeric dtype that holds its values.
    Raises ValueError naming ``scale`` if it is not 1-D.
    """
    scale = np.asarray(scale)
    if scale.ndim != 1:
        raise ValueError(f"scale must be 1-D, got shape {scale.shape}")
    return np.diag(scale)


def log_points(low: float, high: float, num: int) -> np.ndarray:
    """``num`` points from ``low`` to ``high`` inclusive, evenly spaced on a log scale.

    Consecutive points have the same ratio: ``log_points(10, 1000, 3)`` is ``[10, 100, 1000]``.
    Raises ValueError naming ``low`` or ``high`` if either is not positive.
    """
    if low <= 0:
        raise ValueError(f"low must be positive for a log scale, got {low}")
    if high <= 0:
        raise ValueError(f"high must be positive for a log scale, got {high}")
    return np.geomspace(low, high, num)


def closest_index(points: np.ndarray, target: float) -> int:
    """The index of the point nearest to ``target`` (smallest absolute difference).

    On a tie the lower index wins. Returns a Python int.
    Raises ValueError naming ``points`` if it is empty.
    """
    points = np.asarray(points)
    if points.size == 0:
        raise ValueError("points is empty: there is no closest point")
    return int(np.argmin(np.abs(points - target)))  # argmin returns the first of equal minima
