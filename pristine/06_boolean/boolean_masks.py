"""Kata 06: Boolean Filtering & Replacement. Sort values into bands and clip them with masks."""

from collections.abc import Sequence

import numpy as np


def band_counts(data: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """How many values of ``data`` fall in each band cut by ``edges``: k edges make k + 1 bands.

    With edges ``e[0] < e[1] < ... < e[k-1]`` the bands are half-open, each one including its
    lower edge: band 0 is ``x < e[0]``, band i is ``e[i-1] <= x < e[i]``, band k is
    ``x >= e[k-1]``. A value exactly on an edge is in the band that edge starts: with edges
    ``[70, 90, 110, 130]``, 69.9 is in band 0, 70 in band 1 and 130 in band 4. -inf is in
    band 0 and +inf in band k.

    ``data``: real numbers of any real dtype, any shape (every element is counted); not
    modified. The edges stay as given: with edges ``[69.5, 70.5]`` the integer 70 is in band 1.
    ``edges``: 1-D (a list or an array); not modified.
    Returns an integer array of shape ``(k + 1,)`` whose sum is ``data.size``; empty ``data``
    gives k + 1 zeros.
    Raises ValueError naming ``edges`` if it is not 1-D, is empty, or is not strictly
    increasing (a NaN edge counts as not increasing), and ValueError naming ``data`` if it
    holds a NaN (a NaN is in no band).
    """
    raise NotImplementedError("band_counts")


def band_labels(data: np.ndarray, edges: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """The label of each value's band: ``labels[i]`` for every value in band i.

    The bands are band_counts' bands (half-open, a value on an edge is in the band it starts),
    so ``labels`` has ``len(edges) + 1`` entries, lowest band first. With edges
    ``[70, 90, 110, 130]`` and labels ``["very_low", "low", "normal", "high", "very_high"]``,
    69.9 is "very_low", 70 is "low" and 130 is "very_high".

    Returns an array of ``data``'s shape holding whole labels (a str dtype, or object dtype
    holding str); empty ``data`` gives an empty array. ``data``, ``edges`` and ``labels`` are
    not modified.
    Raises ValueError naming ``edges`` as band_counts does, ValueError naming ``labels`` if it
    does not have ``len(edges) + 1`` entries, and ValueError naming ``data`` if it holds a NaN.
    """
    raise NotImplementedError("band_labels")


def clip_to(data: np.ndarray, low: float, high: float) -> np.ndarray:
    """A copy of ``data`` with every value clipped into the closed interval ``[low, high]``.

    Values below ``low`` become ``low`` (-inf too), values above ``high`` become ``high`` (+inf
    too), values in ``[low, high]``, ends included, are unchanged, and NaN stays NaN.
    ``data`` has any real dtype, and the bounds stay as given: integer data clipped to a
    fractional bound gives floats (``clip_to(np.array([1, 5, 9]), 2.5, 7)`` is
    ``[2.5, 5.0, 7.0]``). Returns a new array of ``data``'s shape that shares no memory with
    ``data``; ``data`` is not modified. Raises ValueError naming ``low`` if ``low > high``.
    """
    raise NotImplementedError("clip_to")


def all_within(data: np.ndarray, low: float, high: float) -> bool:
    """Whether every value of ``data`` lies in the closed interval ``[low, high]``.

    The ends are inside. A NaN lies in no interval, so any NaN makes the answer False; empty
    ``data`` gives True. ``data`` has any real dtype, and the bounds stay as given: 3 is not
    within [3.5, 9]. Returns a Python bool; ``data`` is not modified.
    """
    raise NotImplementedError("all_within")
