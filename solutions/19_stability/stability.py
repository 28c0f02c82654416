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
    exps = np.exp(x)
    return exps / np.sum(exps, axis=axis, keepdims=True)


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
    x = np.asarray(x, dtype=np.float64)  # integer differences such as -100 - 100 would wrap
    if x.size == 0:
        raise ValueError("x is empty: softmax needs at least one value")
    # The shift leaves softmax unchanged and makes each slice's largest exponent 0, so exp
    # cannot overflow. An all -inf slice gives -inf - -inf = NaN: that NaN is its answer.
    with np.errstate(invalid="ignore"):
        exps = np.exp(x - np.max(x, axis=axis, keepdims=True))
        exps /= np.sum(exps, axis=axis, keepdims=True)  # exps is ours: divide in place
    return exps


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
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        raise ValueError("x is empty: log_softmax needs at least one value")
    # Work on the shifted values, all <= 0 with a 0 in each slice: their sum of exp is in
    # [1, n], so its log is small and exact enough, and nothing underflows to log(0).
    with np.errstate(invalid="ignore"):
        shifted = x - np.max(x, axis=axis, keepdims=True)
        return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


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
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        raise ValueError("x is empty: logsumexp needs at least one value")
    peak = np.max(x, axis=axis, keepdims=True)
    # Shifting an all -inf slice by its max would give -inf - -inf = NaN. Shift it by 0
    # instead: its exps are all 0, and log(0) = -inf is the answer.
    peak = np.where(peak == -np.inf, 0.0, peak)
    with np.errstate(divide="ignore"):
        total = np.log(np.sum(np.exp(x - peak), axis=axis))
    return np.squeeze(peak, axis=axis) + total


def forward_fill(values: np.ndarray) -> np.ndarray:
    """Each NaN in the 1-D ``values`` replaced by the last non-NaN value before it.

    ``[1, 2, nan, 4, nan, 6]`` gives ``[1, 2, 2, 4, 4, 6]``. Leading NaNs (before the first
    non-NaN value) have nothing to copy and stay NaN. ``inf`` and ``-inf`` are values, not
    gaps: they are carried forward like any other value. Returns a new array of the same
    length (empty for empty ``values``).
    Raises ValueError naming ``values`` if it is not 1-D. ``values`` is not modified.
    """
    values = np.asarray(values)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {values.shape}")
    positions = np.arange(len(values))
    # Each position's source: its own index where there is a value, 0 in a gap; the running
    # max then carries the index of the last value forward. Leading gaps keep index 0, which
    # is itself NaN, so they stay NaN.
    sources = np.where(np.isnan(values), 0, positions)
    np.maximum.accumulate(sources, out=sources)
    return values[sources]


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
    prices = np.asarray(prices, dtype=float)
    if prices.ndim != 1:
        raise ValueError(f"prices must be 1-D, got shape {prices.shape}")
    valid = np.isfinite(prices) & (prices > 0)
    cleaned = forward_fill(np.where(valid, prices, np.nan))
    return np.diff(cleaned) / cleaned[:-1]
