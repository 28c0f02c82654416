"""Correct loop answers to kata 27's gated functions: each must fail the gates."""

import math

import numpy as np


def haversine(
    lat1: float | np.ndarray,
    lon1: float | np.ndarray,
    lat2: float | np.ndarray,
    lon2: float | np.ndarray,
) -> np.ndarray:
    arrays = np.broadcast_arrays(
        *(np.asarray(x, dtype=np.float64) for x in (lat1, lon1, lat2, lon2))
    )
    for name, lat in (("lat1", arrays[0]), ("lat2", arrays[2])):
        if np.any(np.abs(lat) > 90):
            raise ValueError(f"{name} must lie in [-90, 90] degrees")
    distances = []
    for p1, l1, p2, l2 in zip(*(a.ravel().tolist() for a in arrays), strict=True):
        phi1, phi2 = math.radians(p1), math.radians(p2)
        a = (
            math.sin((phi2 - phi1) / 2) ** 2
            + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(l2 - l1) / 2) ** 2
        )
        distances.append(2 * 6371.0 * math.asin(math.sqrt(min(max(a, 0.0), 1.0))))
    return np.array(distances, dtype=np.float64).reshape(arrays[0].shape)
