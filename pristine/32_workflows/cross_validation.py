"""Kata 32: Cross-Validation. Split samples into k folds; validate every sample exactly once."""

from collections.abc import Callable

import numpy as np


def k_fold_indices(
    n: int, k: int, rng: np.random.Generator | int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle ``range(n)`` and split it into k folds: a list of k ``(train, val)`` pairs.

    ``val`` is fold i's 1-D integer array of sample indices, ``train`` the indices of all the
    other folds. Together the k ``val`` arrays hold every index in ``range(n)`` exactly once
    (no sample is dropped, whatever ``n % k``), their sizes differ by at most one, and each
    ``train`` is exactly the complement of its ``val``. The order of the folds and of the
    indices within an array is not fixed.
    ``rng`` is a ``np.random.Generator``, which is used (and so advanced), or an int seed for
    ``np.random.default_rng``: the same seed gives the same folds, another seed other folds.
    ``n`` and ``k`` are ints (NumPy integers included).
    Raises ValueError naming ``n`` if n < 2, and naming ``k`` unless 2 <= k <= n (k = n is
    leave-one-out).
    """
    raise NotImplementedError("k_fold_indices")


def k_fold_cv(
    X: np.ndarray,
    y: np.ndarray,
    model_fn: Callable,
    k: int = 5,
    rng: np.random.Generator | int = 42,
) -> dict:
    """k-fold cross-validated accuracy of ``model_fn`` on the samples ``X``, ``y``.

    ``X`` holds one sample per row (``len(X)`` samples, any dtype); ``y`` is 1-D, one label per
    sample. The folds are those of ``k_fold_indices(len(y), k, rng)``, in its order. For each
    fold, ``model_fn(X[train], y[train], X[val])`` is called once and returns one predicted
    label per validation sample, shape ``(len(val),)``; the fold's score is the fraction of
    those predictions equal to ``y[val]``.
    Returns ``{"mean": float, "std": float, "scores": ndarray}``: ``scores`` the k fold scores
    as floats in fold order, ``mean`` their mean and ``std`` their population standard
    deviation (ddof=0, np.std's default) as Python floats.
    Raises ValueError naming ``y`` if y is not 1-D, naming ``X`` if X is 0-d or
    ``len(X) != len(y)``, naming ``model_fn`` if a prediction does not have the shape
    ``(len(val),)``, and the errors of ``k_fold_indices``. ``X`` and ``y`` are not modified.
    """
    raise NotImplementedError("k_fold_cv")
