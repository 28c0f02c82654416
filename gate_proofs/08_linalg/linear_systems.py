"""Correct loop answers to kata 08's gated functions: each must fail the gates."""

import numpy as np


def solve_many(As: np.ndarray, bs: np.ndarray) -> np.ndarray:
    As = np.asarray(As)
    bs = np.asarray(bs)
    if As.ndim != 3 or As.shape[1] != As.shape[2]:
        raise ValueError(f"As must have shape (N, n, n), got shape {As.shape}")
    if bs.shape != As.shape[:2]:
        raise ValueError(f"bs must have shape {As.shape[:2]} to match As, got shape {bs.shape}")
    xs = np.empty(bs.shape, dtype=np.result_type(As, bs, 1.0))
    for i in range(len(As)):
        try:
            xs[i] = np.linalg.solve(As[i], bs[i])
        except np.linalg.LinAlgError:
            raise ValueError(f"As[{i}] is singular: that system has no unique solution") from None
    return xs
