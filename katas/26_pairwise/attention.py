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
    raise NotImplementedError("scaled_dot_product_attention")


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
    raise NotImplementedError("multi_head_attention")
