"""Kata 20: Distribution Fitter. A vectorised normal CDF, a goodness-of-fit statistic, and
stock prices by geometric Brownian motion, all without a Python loop."""

import numpy as np


def normal_cdf(x: np.ndarray, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    """The cumulative distribution function of the normal distribution N(mu, sigma^2) at ``x``.

    ``x`` is array_like of any shape and any real dtype (uint8 and int16 included); the result
    is a float array of the same shape, each entry within 1e-7 (absolute) of
    ``0.5 * (1 + math.erf((x - mu) / (sigma * sqrt(2))))``, which is the exact value. NumPy has
    no ``erf``: write a vectorised approximation, never a Python loop over ``x``.
    ``x = +inf`` gives 1.0, ``-inf`` gives 0.0, NaN gives NaN. Every result lies in [0, 1].
    ``x`` is not modified. Raises ValueError naming ``sigma`` if sigma <= 0.
    """
    if not sigma > 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    # Float before subtracting: uint8 minus mu would wrap around.
    z = (np.asarray(x, dtype=np.float64) - mu) / sigma
    # Abramowitz & Stegun 26.2.17 for z >= 0 (absolute error below 7.5e-8), mirrored for
    # z < 0 by Phi(-z) = 1 - Phi(z).
    a = np.abs(z)
    t = 1.0 / (1.0 + 0.2316419 * a)
    poly = t * (
        0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429)))
    )
    upper_tail = np.exp(-0.5 * a * a) / np.sqrt(2 * np.pi) * poly  # 1 - Phi(|z|)
    return np.where(z >= 0, 1.0 - upper_tail, upper_tail)  # a NaN z gives a NaN tail


def fit_normal(data: np.ndarray) -> tuple[float, float, float]:
    """Fit a normal distribution to ``data`` and measure the fit: ``(mu, std, ks)``.

    ``data`` is 1-D, of any real dtype (uint8 and int16 included). ``mu`` is its mean and
    ``std`` its standard deviation with ddof=0 (``np.std``'s default, the maximum-likelihood
    estimate). ``ks`` is the Kolmogorov-Smirnov statistic: the largest distance between the
    empirical CDF of ``data`` and ``normal_cdf(., mu, std)``. The empirical CDF is a step
    function, so both sides of every step count: with the sorted values x_1 <= ... <= x_n,
    ``ks = max over i of max(i/n - F(x_i), F(x_i) - (i-1)/n)``. All three are Python floats;
    ``ks`` is within 1e-7 of the exact value and lies in [1/(2n), 1].
    ``data`` is not modified. Raises ValueError naming ``data`` if it is not 1-D, has fewer
    than two values, holds a NaN or an infinity, or if all its values are equal (std 0).
    """
    data = np.asarray(data)
    if data.ndim != 1 or data.size < 2:
        raise ValueError(f"data must be 1-D with at least two values, got shape {data.shape}")
    values = np.sort(data.astype(np.float64))  # a sorted copy: data itself stays as it was
    if not np.isfinite(values).all():
        raise ValueError("data holds NaN or infinite values")
    # Compare the values, not the std: np.std([0.1, 0.1, 0.1]) is 1.4e-17 by rounding.
    if values[0] == values[-1]:
        raise ValueError("data is constant: its std is 0 and no normal distribution fits")
    mu, std = values.mean(), values.std()
    n = values.size
    cdf = normal_cdf(values, mu, std)
    steps = np.arange(n + 1) / n  # the empirical CDF just before and after each value
    ks = max(np.max(steps[1:] - cdf), np.max(cdf - steps[:-1]))
    return float(mu), float(std), float(ks)


def simulate_gbm(
    s0: float,
    mu: float,
    sigma: float,
    t: float,
    n_steps: int,
    n_paths: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``n_paths`` price paths of geometric Brownian motion from ``s0`` over time ``t``.

    Returns a float64 array of shape (n_paths, n_steps + 1): row p is path p, column k the
    price at time ``k * t / n_steps``, column 0 is ``s0`` exactly. With dt = t / n_steps, each
    step multiplies the price by ``exp((mu - sigma**2 / 2) * dt + sigma * sqrt(dt) * z)``, z a
    fresh standard normal draw, independent across steps and paths. The ``-sigma**2 / 2`` term
    makes the expected price ``s0 * exp(mu * k * dt)``; sigma == 0 gives that curve exactly.
    Every draw comes from ``rng`` and from nothing else: the same seed gives the same paths,
    and NumPy's global random state is neither used nor changed.
    Raises ValueError naming ``s0`` if s0 <= 0, ``sigma`` if sigma < 0, ``t`` if t <= 0,
    ``n_steps`` if n_steps < 1, ``n_paths`` if n_paths < 1.
    """
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
    z = rng.standard_normal((n_paths, n_steps))
    log_steps = (mu - 0.5 * sigma**2) * dt + sigma * np.sqrt(dt) * z
    log_paths = np.zeros((n_paths, n_steps + 1))
    np.cumsum(log_steps, axis=1, out=log_paths[:, 1:])  # column 0 stays log(1) = 0
    return s0 * np.exp(log_paths)
