"""Correct loop answers to kata 21's gated functions: each must fail the gates."""

import math

import numpy as np


def _check_image(img: np.ndarray) -> np.ndarray:
    img = np.asarray(img)
    if img.dtype != np.uint8:
        raise ValueError(f"img must be a uint8 image, got dtype {img.dtype}")
    if img.ndim != 3 or img.shape[2] != 3 or img.shape[0] == 0 or img.shape[1] == 0:
        raise ValueError(f"img must have shape (H, W, 3) with H, W >= 1, got {img.shape}")
    return img


def image_stats(img: np.ndarray) -> dict:
    img = _check_image(img)
    height, width, _ = img.shape
    n = height * width
    sums, squares = [0, 0, 0], [0, 0, 0]
    lows, highs = [255, 255, 255], [0, 0, 0]
    white = black = 0
    for i in range(height):
        for j in range(width):
            pixel = [int(v) for v in img[i, j]]
            for c, v in enumerate(pixel):
                sums[c] += v
                squares[c] += v * v
                lows[c] = min(lows[c], v)
                highs[c] = max(highs[c], v)
            white += all(v > 200 for v in pixel)
            black += all(v < 55 for v in pixel)
    stats = {}
    for c, name in enumerate("RGB"):
        mean = sums[c] / n
        variance = max(squares[c] / n - mean * mean, 0.0)
        stats[name] = {"mean": mean, "std": math.sqrt(variance), "min": lows[c], "max": highs[c]}
    stats["near_white_pct"] = 100 * white / n
    stats["near_black_pct"] = 100 * black / n
    return stats


def normalize_contrast(img: np.ndarray) -> np.ndarray:
    img = _check_image(img)
    height, width, _ = img.shape
    out = np.zeros_like(img)
    for c in range(3):
        lo, hi = img[:, :, c].min(), img[:, :, c].max()
        if hi == lo:
            continue
        for i in range(height):
            for j in range(width):
                out[i, j, c] = np.rint(255.0 * (img[i, j, c] - lo) / (hi - lo))
    return out
