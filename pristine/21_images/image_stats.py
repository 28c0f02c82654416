"""Kata 21: Image Statistics. Per-channel statistics and a contrast stretch of an RGB image,
without a loop over the pixels and without uint8 wrap-around."""

import numpy as np


def image_stats(img: np.ndarray) -> dict:
    """Statistics of an RGB image ``img`` of shape (H, W, 3), dtype uint8, H and W >= 1.

    Returns a dict with five keys. ``"R"``, ``"G"`` and ``"B"`` (channels 0, 1 and 2) each map
    to a dict ``{"mean": float, "std": float, "min": int, "max": int}`` over that channel's
    H * W values; ``std`` has ddof=0. ``"near_white_pct"`` is the percentage (0 to 100) of
    pixels whose three channels are all above 200 (201 counts, 200 does not);
    ``"near_black_pct"`` the percentage whose three channels are all below 55 (54 counts,
    55 does not). Every number is a Python float or int, as stated, not a NumPy scalar.
    ``img`` is not modified. Raises ValueError naming ``img`` if it is not uint8 or not of
    shape (H, W, 3) with H, W >= 1.
    """
    raise NotImplementedError("image_stats")


def normalize_contrast(img: np.ndarray) -> np.ndarray:
    """Stretch each channel of ``img`` to the full range 0..255 (min-max normalisation).

    ``img`` is an RGB image of shape (H, W, 3), dtype uint8, H and W >= 1. In each channel,
    with ``lo`` and ``hi`` its smallest and largest value, a value v becomes the integer
    nearest to ``255 * (v - lo) / (hi - lo)``; when that is exactly halfway between two
    integers, either one is accepted. So ``lo`` becomes 0 and ``hi`` becomes 255. A constant
    channel (lo == hi) becomes all 0, without a division by zero and without a RuntimeWarning.
    Returns a new uint8 array of the same shape (never a view of ``img``); ``img`` is not
    modified. Raises ValueError naming ``img`` if it is not uint8 or not of shape (H, W, 3)
    with H, W >= 1.
    """
    raise NotImplementedError("normalize_contrast")
