"""Correct loop answers to kata 20's gated functions: each must fail the gates."""

import math

import numpy as np


def normal_cdf(x: np.ndarray, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    if not sigma > 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    x = np.asarray(x, dtype=np.float64)
    scale = sigma * math.sqrt(2)
    values = [0.5 * (1 + math.erf((v - mu) / scale)) for v in x.ravel().tolist()]
    return np.array(values, dtype=np.float64).reshape(x.shape)


def fit_normal(data: np.ndarray) -> tuple[float, float, float]:
    data = np.asarray(data)
    if data.ndim != 1 or data.size < 2:
        raise ValueError(f"data must be 1-D with at least two values, got shape {data.shape}")
    values = sorted(data.astype(np.float64).tolist())
    if not all(math.isfinite(v) for v in values):
        raise ValueError("data holds NaN or infinite values")
    if values[0] == values[-1]:
        raise ValueError("data is constant: its std is 0 and no normal distribution fits")
    n = len(values)
    mu = math.fsum(values) / n
    std = math.sqrt(math.fsum((v - mu) ** 2 for v in values) / n)
    ks = 0.0
    for i, v in enumerate(values, start=1):
        f = 0.5 * (1 + math.erf((v - mu) / (std * math.sqrt(2))))
        ks = max(ks, i / n - f, f - (i - 1) / n)
    return mu, std, ks


def simulate_gbm(
    s0: float,
    mu: float,
    sigma: float,
    t: float,
    n_steps: int,
    n_paths: int,
    rng: np.random.Generator,
) -> np.ndarray:
    if not s0 > 0:
        raise ValueError(f"s0 must be positive, got {s0}")
    if not sigma >= 0:
        raise ValueError(f"sigma must not be negative, got {sigma}")
    if not t > 0:
        raise ValueError(f"t must be positive, got {t}")
    if n_steps < 1:
        raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    if n_paths < 1:
        raise ValueError(f"n_paths must be at least 1, got {n_paths}")
    dt = t / n_steps
    paths = np.empty((n_paths, n_steps + 1))
    for p in range(n_paths):
        paths[p, 0] = s0
        for k in range(n_steps):
            z = rng.standard_normal()
            step = (mu - sigma**2 / 2) * dt + sigma * np.sqrt(dt) * z
            paths[p, k + 1] = paths[p, k] * np.exp(step)
    return paths
