"""Kata 26: Attention Scores. Scaled dot-product and multi-head attention, batched, no loops."""

import numpy as np


def scaled_dot_product_attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    """``softmax(Q @ K^T / sqrt(d_k)) @ V``, the softmax taken over the keys.

    ``Q`` is (..., seq_q, d_k), ``K`` is (..., seq_k, d_k) and ``V`` is (..., seq_k, d_v):
    the last two axes are a matrix, any leading axes are batch axes, which broadcast against
    each other as in ``@`` (a 2-D ``K`` and ``V`` serve every batch item). d_v may differ from
    d_k; the scale is ``1 / sqrt(d_k)``, the width of the queries and keys. Row i of the
    weights ``softmax(scores)`` holds query i's attention to every key: it is nonnegative and
    sums to 1, so each output row is a convex combination of V's rows. The result is a float
    array of shape (..., seq_q, d_v). Any integer or float dtype is accepted (compute in
    float: ``Q @ K^T`` of int16 data overflows). Any finite scores work without overflow or a
    RuntimeWarning, scores of 1000 included.

    ``mask``, if given, is a bool array that broadcasts to (..., seq_q, seq_k): True where
    query i may attend to key j, False where it may not (weight exactly 0, however large the
    score). A query that may attend to no key gets a row of NaN (a RuntimeWarning is allowed
    there). Raises ValueError naming ``Q``, ``K`` or ``V`` if it has fewer than 2 axes,
    ``K`` if its last axis differs from Q's or it holds no keys (seq_k = 0), ``V`` if its
    key axis differs from K's, and ``mask`` if it is not bool or does not broadcast to
    (..., seq_q, seq_k). No argument is modified.
    """
    Q, K, V = _as_float_matrices(Q, K, V)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"mask must be a bool array (True = may attend), got {mask.dtype}")
        try:
            fits = np.broadcast_shapes(mask.shape, scores.shape) == scores.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"mask of shape {mask.shape} does not broadcast to {scores.shape}")
        scores = np.where(mask, scores, -np.inf)
    # Shift each query's scores by their max: exp never overflows, the softmax is unchanged.
    # A query with every key masked has max -inf, and -inf - -inf gives the NaN it is owed.
    with np.errstate(invalid="ignore"):
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights @ V


def multi_head_attention(Q: np.ndarray, K: np.ndarray, V: np.ndarray, n_heads: int) -> np.ndarray:
    """Attention in ``n_heads`` heads, each on its own slice of the features, concatenated.

    ``Q`` is (..., seq_q, d), ``K`` is (..., seq_k, d) and ``V`` is (..., seq_k, d_v), with
    leading batch axes as in ``scaled_dot_product_attention``. Head h takes columns
    ``h * d_k : (h + 1) * d_k`` of Q and K (d_k = d / n_heads) and columns
    ``h * d_h : (h + 1) * d_h`` of V (d_h = d_v / n_heads), and computes
    ``scaled_dot_product_attention`` on them, scaled by ``1 / sqrt(d_k)`` of its own width.
    The result, of shape (..., seq_q, d_v), holds head 0's output in its first d_h columns,
    head 1's in the next d_h, and so on. A float array; any integer or float input dtype.
    Raises ValueError naming ``n_heads`` if it is less than 1 or does not divide d and d_v,
    and ``Q``, ``K`` or ``V`` for the shape errors of ``scaled_dot_product_attention``.
    No argument is modified.
    """
    Q, K, V = _as_float_matrices(Q, K, V)
    if n_heads < 1:
        raise ValueError(f"n_heads must be at least 1, got {n_heads}")
    for name, width in (("Q and K", Q.shape[-1]), ("V", V.shape[-1])):
        if width % n_heads:
            raise ValueError(f"n_heads={n_heads} does not divide the {width} columns of {name}")
    heads = scaled_dot_product_attention(
        _split_heads(Q, n_heads), _split_heads(K, n_heads), _split_heads(V, n_heads)
    )  # (..., n_heads, seq_q, d_h)
    joined = np.swapaxes(heads, -2, -3)  # (..., seq_q, n_heads, d_h): heads side by side
    return joined.reshape(*joined.shape[:-2], -1)


def _as_float_matrices(Q, K, V):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.ndim < 2:
            raise ValueError(f"{name} needs 2 axes or more (sequence, features), got {a.ndim}")
    if K.shape[-1] != Q.shape[-1]:
        raise ValueError(f"K has {K.shape[-1]} columns but Q has {Q.shape[-1]}: both are d_k")
    if K.shape[-2] == 0:
        raise ValueError("K holds no keys: there is nothing to attend to")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError(f"V has {V.shape[-2]} rows but K has {K.shape[-2]}: one per key")
    return Q, K, V


def _split_heads(x: np.ndarray, n_heads: int) -> np.ndarray:
    """(..., seq, n_heads * width) -> (..., n_heads, seq, width), head h = column block h."""
    *lead, seq, d = x.shape
    return np.swapaxes(x.reshape(*lead, seq, n_heads, d // n_heads), -2, -3)
