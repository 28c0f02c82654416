"""Kata 19: Stable Softmax. Softmax and log-sum-exp that survive any logits; NaN gaps filled."""

import numpy as np


def naive_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` straight from the definition: ``exp(x) / sum(exp(x))``.

    Write it just so, with no shift: it is the baseline that shows why ``stable_softmax``
    exists. Same shape as ``x``; each slice along ``axis`` sums to 1 as long as its
    exponentials fit in a float64 (roughly -700 < x < 700). Beyond that it breaks, and it must
    not hide it: at ``[1000, 1001, 999]`` exp overflows to inf, at ``[-1000, -999, -1001]`` it
    underflows to 0, and either way the result is all NaN (inf / inf, 0 / 0) with a NumPy
    RuntimeWarning. Do not silence that warning. ``x`` is not modified.
    """
    raise NotImplementedError("naive_softmax")


def stable_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along ``axis`` that never overflows, however large or small the logits.

    ``x`` has at least one dimension. Each slice along ``axis`` is normalised on its own: the
    result has the shape of ``x``, entries in [0, 1], and every slice sums to 1. Any finite
    ``x`` works without a RuntimeWarning: ``[1000, 1001, 999]`` gives the same as ``[1, 2, 0]``.
    ``-inf`` marks a masked entry: it gets probability 0 and the rest of its slice shares 1
    (no warning). A slice of only ``-inf`` has nothing to share: it gives all NaN. A NaN
    anywhere in a slice makes that whole slice NaN. (+inf is outside this contract.)
    ``x`` has any real dtype: integer logits of any width are computed in float64 (in int8,
    -100 - 100 would wrap around). Raises ValueError naming ``x`` if it is empty. ``x`` is
    not modified.
    """
    raise NotImplementedError("stable_softmax")


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """``log(softmax(x))`` along ``axis``, computed so that it stays finite for finite ``x``.

    Same shape as ``x``, and ``exp(log_softmax(x))`` equals ``stable_softmax(x)``. It stays
    finite where softmax underflows to 0: ``log_softmax([0, -1000])`` is ``[0, -1000]``, while
    ``np.log(stable_softmax([0, -1000]))`` is ``[0, -inf]``. Any finite ``x`` works without a
    RuntimeWarning. A masked ``-inf`` entry gives ``-inf`` (no warning); a slice of only
    ``-inf`` gives all NaN; a NaN anywhere in a slice makes that whole slice NaN. (+inf is
    outside this contract.)
    ``x`` has any real dtype: integer logits of any width are computed in float64 (in int8,
    -100 - 100 would wrap around). Raises ValueError naming ``x`` if it is empty. ``x`` is
    not modified.
    """
    raise NotImplementedError("log_softmax")


def logsumexp(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """``log(sum(exp(x)))`` along ``axis``, without overflow however large the logits.

    The result has the shape of ``x`` without ``axis``, like ``np.sum(x, axis=axis)`` (a NumPy
    scalar or a 0-d array for 1-D ``x``). ``logsumexp([1000, 1001, 999])`` is 1001.4076...,
    where ``np.log(np.sum(np.exp(x)))`` gives inf. Any finite ``x`` works without a
    RuntimeWarning. ``-inf`` entries add nothing (exp(-inf) is 0); a slice of only ``-inf``
    gives ``-inf`` (the log of a sum of zeros), not NaN; a NaN anywhere in a slice makes that
    slice's result NaN. (+inf is outside this contract.)
    ``x`` has any real dtype: integer logits of any width are computed in float64 (in int8,
    -100 - 100 would wrap around). Raises ValueError naming ``x`` if it is empty. ``x`` is
    not modified.
    """
    raise NotImplementedError("logsumexp")


def forward_fill(values: np.ndarray) -> np.ndarray:
    """Each NaN in the 1-D ``values`` replaced by the last non-NaN value before it.

    ``[1, 2, nan, 4, nan, 6]`` gives ``[1, 2, 2, 4, 4, 6]``. Leading NaNs (before the first
    non-NaN value) have nothing to copy and stay NaN. ``inf`` and ``-inf`` are values, not
    gaps: they are carried forward like any other value. Returns a new array of the same
    length (empty for empty ``values``).
    Raises ValueError naming ``values`` if it is not 1-D. ``values`` is not modified.
    """
    raise NotImplementedError("forward_fill")


def clean_returns(prices: np.ndarray) -> np.ndarray:
    """Daily simple returns of a 1-D price series that has bad quotes.

    A quote is valid if it is finite and positive. Every other quote (NaN for a missing quote,
    0 for a trading halt, a negative or infinite value for a data error) is replaced by the
    last valid quote before it (forward fill). Then ``returns[t] = cleaned[t + 1] / cleaned[t]
    - 1``: the result has ``len(prices) - 1`` entries and ``returns[t]`` belongs to day t + 1.
    A day with a bad quote has return 0, and the next valid day carries the whole move since
    the last valid quote. Bad quotes before the first valid one cannot be filled: the returns
    that involve them are NaN (kept, not dropped, so the days stay aligned). Fewer than two
    prices give an empty array.
    Raises ValueError naming ``prices`` if it is not 1-D. ``prices`` is not modified.
    """
    raise NotImplementedError("clean_returns")
