"""Kata 01: Array Construction Challenge. Build arrays with factory functions, not loops."""

import numpy as np


def checkerboard(n: int) -> np.ndarray:
    """An n x n board of 0s and 1s, 0 in the top-left corner: ``board[i, j] == (i + j) % 2``.

    Build it with ``np.tile`` from the 2 x 2 unit ``[[0, 1], [1, 0]]``; n may be odd.
    Any integer dtype. Raises ValueError naming ``n`` if n < 1.
    """
    raise NotImplementedError("checkerboard")


def scaled_identity(scale: np.ndarray) -> np.ndarray:
    """The k x k matrix with ``scale`` on its diagonal and 0 elsewhere (k = len(scale)).

    ``scale`` is 1-D and is not modified. Any numeric dtype that holds its values.
    Raises ValueError naming ``scale`` if it is not 1-D.
    """
    raise NotImplementedError("scaled_identity")


def log_points(low: float, high: float, num: int) -> np.ndarray:
    """``num`` points from ``low`` to ``high`` inclusive, evenly spaced on a log scale.

    Consecutive points have the same ratio: ``log_points(10, 1000, 3)`` is ``[10, 100, 1000]``.
    Raises ValueError naming ``low`` or ``high`` if either is not positive.
    """
    raise NotImplementedError("log_points")


def closest_index(points: np.ndarray, target: float) -> int:
    """The index of the point nearest to ``target`` (smallest absolute difference).

    On a tie the lower index wins. Returns a Python int.
    Raises ValueError naming ``points`` if it is empty.
    """
    raise NotImplementedError("closest_index")
