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
    raise NotImplementedError("normal_cdf")


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
    raise NotImplementedError("fit_normal")


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
    raise NotImplementedError("simulate_gbm")
