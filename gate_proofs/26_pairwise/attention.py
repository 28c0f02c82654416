"""Correct loop answers to kata 26's gated functions: each must fail the gates."""

import numpy as np


def scaled_dot_product_attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> np.ndarray:
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.ndim < 2:
            raise ValueError(f"{name} needs 2 axes or more, got {a.ndim}")
    if K.shape[-1] != Q.shape[-1]:
        raise ValueError(f"K has {K.shape[-1]} columns but Q has {Q.shape[-1]}")
    if K.shape[-2] == 0:
        raise ValueError("K holds no keys")
    if V.shape[-2] != K.shape[-2]:
        raise ValueError(f"V has {V.shape[-2]} rows but K has {K.shape[-2]}")
    lead = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    seq_q, seq_k = Q.shape[-2], K.shape[-2]
    if mask is None:
        mask = np.ones((seq_q, seq_k), dtype=bool)
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise ValueError(f"mask must be bool, got {mask.dtype}")
    try:
        mask = np.broadcast_to(mask, (*lead, seq_q, seq_k))
    except ValueError:
        raise ValueError(f"mask of shape {mask.shape} does not fit the scores") from None
    Q = np.broadcast_to(Q, (*lead, *Q.shape[-2:]))
    K = np.broadcast_to(K, (*lead, *K.shape[-2:]))
    V = np.broadcast_to(V, (*lead, *V.shape[-2:]))
    out = np.empty((*lead, seq_q, V.shape[-1]))
    for index in np.ndindex(lead):
        for i in range(seq_q):
            scores = K[index] @ Q[index][i] / np.sqrt(Q.shape[-1])
            scores = np.where(mask[index][i], scores, -np.inf)
            with np.errstate(invalid="ignore"):
                weights = np.exp(scores - scores.max())
            out[index][i] = weights / weights.sum() @ V[index]
    return out


def multi_head_attention(Q: np.ndarray, K: np.ndarray, V: np.ndarray, n_heads: int) -> np.ndarray:
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if n_heads < 1:
        raise ValueError(f"n_heads must be at least 1, got {n_heads}")
    for name, a in (("Q", Q), ("K", K), ("V", V)):
        if a.ndim < 2:
            raise ValueError(f"{name} needs 2 axes or more, got {a.ndim}")
    if Q.shape[-1] % n_heads or V.shape[-1] % n_heads:
        raise ValueError(f"n_heads={n_heads} must divide the columns of Q and of V")
    if K.shape[-1] != Q.shape[-1]:
        raise ValueError(f"K has {K.shape[-1]} columns but Q has {Q.shape[-1]}")
    d_k, d_h = Q.shape[-1] // n_heads, V.shape[-1] // n_heads
    heads = []
    for h in range(n_heads):
        heads.append(
            scaled_dot_product_attention(
                Q[..., h * d_k : (h + 1) * d_k],
                K[..., h * d_k : (h + 1) * d_k],
                V[..., h * d_h : (h + 1) * d_h],
            )
        )
    return np.concatenate(heads, axis=-1)
