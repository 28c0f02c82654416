"""Kata 15: Vectorize a Distance Computation. Pairwise distances by loop, broadcast and Gram."""

import time
from collections.abc import Callable

import numpy as np


def pairwise_loop(points: np.ndarray) -> np.ndarray:
    """The n x n matrix of Euclidean distances ``D[i, j] = ||points[i] - points[j]||``.

    Write it with plain Python loops over the pairs (and the coordinates): it is the baseline
    the two vectorised versions are measured against, so run it on small inputs only.
    ``points`` is a 2-D (n, d) array of real numbers, any integer or float dtype (n and d may
    be 0). The result is a new float64 array, computed in float64 whatever the input dtype (so
    uint8 or int16 coordinates never wrap around). ``D`` is exactly symmetric, its diagonal
    is exactly 0 and every entry is >= 0.
    Raises ValueError naming ``points`` if it is not 2-D. ``points`` is not modified.
    """
    raise NotImplementedError("pairwise_loop")


def pairwise_broadcast(points: np.ndarray) -> np.ndarray:
    """The same distance matrix as ``pairwise_loop``, by broadcasting: no Python loop.

    Subtract an (n, 1, d) view of the points from a (1, n, d) view, square, sum over the last
    axis, take the square root. Same contract as ``pairwise_loop``: a 2-D (n, d) ``points`` of
    any real dtype; a new float64 n x n result, exactly symmetric, exactly 0 on the diagonal.
    Raises ValueError naming ``points`` if it is not 2-D. ``points`` is not modified.
    """
    raise NotImplementedError("pairwise_broadcast")


def pairwise_gram(points: np.ndarray) -> np.ndarray:
    """The same distance matrix from the Gram matrix: ``|x|^2 + |y|^2 - 2 x.y``, no loop.

    The (n, n, d) differences are never built: the cross terms come from one matrix product
    (``points @ points.T`` or ``np.einsum``). Same contract as ``pairwise_loop``: a 2-D (n, d)
    ``points`` of any real dtype; a new float64 n x n result, exactly symmetric, exactly 0 on
    the diagonal and never NaN. Rounding may make a squared distance slightly negative: such
    values count as 0. The result agrees with ``pairwise_broadcast`` to within 1e-6 times the
    largest distance, wherever the points lie (also far from the origin, such as map
    coordinates in metres: the formula is only that accurate after moving the points' mean to
    the origin, which changes no distance).
    Raises ValueError naming ``points`` if it is not 2-D. ``points`` is not modified.
    """
    raise NotImplementedError("pairwise_gram")


def benchmark(
    functions: dict[str, Callable[[np.ndarray], np.ndarray]],
    points: np.ndarray,
    baseline: str,
    repeats: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """How many times faster than ``functions[baseline]`` each function runs on ``points``.

    Every function is called with ``points`` once untimed (the first, cold call pays for
    imports, caches and page faults), then ``repeats`` times, each call timed on its own with
    ``clock`` read just before and just after it. A function's time is the fastest of its
    ``repeats`` timed calls (the one least disturbed by other work on the machine). Returns a
    dict ``{name: baseline_time / time}`` with the names of ``functions`` in their order, each
    value a Python float; the baseline's own entry is 1.0. So every function is called exactly
    ``1 + repeats`` times. ``clock`` is any function returning seconds, such as the default
    ``time.perf_counter``.
    Raises ValueError naming ``baseline`` if it is not a key of ``functions``, and naming
    ``repeats`` if it is less than 1. ``points`` is not modified.
    """
    raise NotImplementedError("benchmark")
