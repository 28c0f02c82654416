"""Kata 21: Image Statistics. Per-channel statistics and a contrast stretch of an RGB image,
without a loop over the pixels and without uint8 wrap-around."""

import numpy as np


def _check_image(img: np.ndarray) -> np.ndarray:
    img = np.asarray(img)
    if img.dtype != np.uint8:
        raise ValueError(f"img must be a uint8 image, got dtype {img.dtype}")
    if img.ndim != 3 or img.shape[2] != 3 or img.shape[0] == 0 or img.shape[1] == 0:
        raise ValueError(f"img must have shape (H, W, 3) with H, W >= 1, got {img.shape}")
    return img


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
    img = _check_image(img)
    # A channel-first copy, one contiguous row per channel: reducing along it is fast, where
    # reducing img.reshape(-1, 3) along axis 0 runs an inner loop of length 3 per pixel.
    planes = np.ascontiguousarray(np.moveaxis(img, -1, 0)).reshape(3, -1)
    means, stds = planes.mean(axis=1), planes.std(axis=1)
    lows, highs = planes.min(axis=1), planes.max(axis=1)
    stats = {
        name: {
            "mean": float(means[c]),
            "std": float(stds[c]),
            "min": int(lows[c]),
            "max": int(highs[c]),
        }
        for c, name in enumerate("RGB")
    }
    # all(): every channel must pass, a single bright channel is not near white.
    stats["near_white_pct"] = float(np.mean(np.all(planes > 200, axis=0)) * 100)
    stats["near_black_pct"] = float(np.mean(np.all(planes < 55, axis=0)) * 100)
    return stats


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
    img = _check_image(img)
    planes = np.ascontiguousarray(np.moveaxis(img, -1, 0))  # (3, H, W): a plane per channel
    lo = planes.min(axis=(1, 2), keepdims=True)
    hi = planes.max(axis=(1, 2), keepdims=True)
    span = (hi - lo).astype(np.float64)  # hi >= lo, so no wrap-around
    # 255 / span per channel; a constant channel gets scale 0 instead of a division by zero.
    scale = np.divide(255.0, span, out=np.zeros_like(span), where=span > 0)
    # planes - lo stays in 0..255, so uint8 is safe; the product is float64, never uint8.
    stretched = np.rint((planes - lo) * scale).astype(np.uint8)
    return np.ascontiguousarray(np.moveaxis(stretched, 0, -1))
