"""Kata 10: Monte Carlo Dice Simulation. Roll two dice a million times with one call to a
seeded Generator, then count the sums without a loop.

``rolls`` must be a 2-D array of shape (n, 2) with n >= 1, such as roll_two_dice returns:
row i is roll i, column 0 the first die and column 1 the second, every value from 1 to 6,
any signed integer dtype (np.int8 to np.int64). Anything else is a ValueError naming ``rolls``.
"""

import numpy as np


def roll_two_dice(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` rolls of two fair six-sided dice, drawn from ``rng`` and from nothing else.

    Returns an array of shape (n, 2): row i is roll i, column 0 the first die and column 1 the
    second, every value from 1 to 6 inclusive; n == 0 gives shape (0, 2). Any signed integer
    dtype: np.int8 holds 10^7 rolls in 20 MB, where the default int64 needs 160 MB.
    The same seed gives the same rolls: two Generators made by ``np.random.default_rng(seed)``
    give identical rolls, and each call continues ``rng``'s stream, so a second call with the
    same ``rng`` gives new rolls. NumPy's global random state (``np.random.seed``,
    ``np.random.randint``, ...) is neither used nor changed.
    Raises ValueError naming ``n`` if n < 0.
    """
    raise NotImplementedError("roll_two_dice")


def sum_frequencies(rolls: np.ndarray) -> np.ndarray:
    """The relative frequency of each sum of the two dice, from 2 to 12.

    A float array of shape (11,): entry k is the fraction of the rolls whose two dice add up
    to k + 2, so entry 0 is the sum 2, entry 5 the sum 7 and entry 10 the sum 12. A sum that
    never came up has frequency 0.0. The entries add up to 1 (up to rounding).
    ``rolls`` is not modified.
    Raises ValueError naming ``rolls`` if it is not of shape (n, 2) with n >= 1, or if it holds
    a value outside 1..6.
    """
    raise NotImplementedError("sum_frequencies")


def theoretical_probabilities() -> np.ndarray:
    """The exact probability of each sum of two fair dice, in the layout of sum_frequencies.

    A float array of shape (11,): entry k is P(sum == k + 2), the number of the 36 equally
    likely (first die, second die) outcomes that add up to k + 2, divided by 36. It is 1/36
    for the sums 2 and 12 and rises by 1/36 per step to 6/36 for the sum 7.
    """
    raise NotImplementedError("theoretical_probabilities")


def probability_of_sum(rolls: np.ndarray, total: int) -> float:
    """The fraction of the rolls whose two dice add up to ``total``: an estimate of P(sum = total).

    A float from 0 to 1 (a Python float or a NumPy float scalar). A total that two dice cannot
    make (below 2 or above 12) has probability 0.0. ``rolls`` is not modified.
    Raises ValueError naming ``rolls`` if it is not of shape (n, 2) with n >= 1, or if it holds
    a value outside 1..6.
    """
    raise NotImplementedError("probability_of_sum")


def craps_first_roll_win(rolls: np.ndarray) -> float:
    """The fraction of the rolls that win a game of craps on the first roll: a sum of 7 or 11.

    A float from 0 to 1 (a Python float or a NumPy float scalar), the estimate of the exact
    probability 8/36 = 2/9 (6 of the 36 outcomes make 7 and 2 make 11). ``rolls`` is not
    modified.
    Raises ValueError naming ``rolls`` if it is not of shape (n, 2) with n >= 1, or if it holds
    a value outside 1..6.
    """
    raise NotImplementedError("craps_first_roll_win")
