"""Correct loop answers to kata 10's gated functions: each must fail the gates."""

import numpy as np


def roll_two_dice(rng: np.random.Generator, n: int) -> np.ndarray:
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    rolls = np.empty((n, 2), dtype=np.int64)
    for i in range(n):
        rolls[i] = rng.integers(1, 7, size=2)
    return rolls


def sum_frequencies(rolls: np.ndarray) -> np.ndarray:
    if rolls.ndim != 2 or rolls.shape[1] != 2 or len(rolls) == 0:
        raise ValueError(f"rolls must have shape (n, 2) with n >= 1, got shape {rolls.shape}")
    counts = np.zeros(11)
    for first, second in rolls:
        if not (1 <= first <= 6 and 1 <= second <= 6):
            raise ValueError(f"rolls must hold dice values 1 to 6, got {first} and {second}")
        counts[first + second - 2] += 1
    return counts / len(rolls)
