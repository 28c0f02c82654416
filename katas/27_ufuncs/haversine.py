"""Kata 27: Custom Ufunc. Great-circle distances by math, frompyfunc, vectorize and arrays."""

import numpy as np


def haversine_scalar(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points given in degrees, for plain numbers.

    The haversine formula on a sphere of radius 6371 km:
    ``a = sin²(Δlat / 2) + cos(lat1) cos(lat2) sin²(Δlon / 2)`` and ``d = 2 R arcsin(√a)``,
    with every angle in radians. Written with the ``math`` module, for one pair of points:
    the arguments are Python ints or floats, and the result is a Python ``float`` (not a NumPy
    scalar). Longitudes may be any number of degrees (190 is -170); latitudes lie in
    [-90, 90]. Rounding can push ``a`` just above 1 for antipodal points: clip it to [0, 1],
    so that the result is at most ``pi * 6371`` km and never a math domain error. The result is
    symmetric in the two points, and 0 for a point and itself.
    Raises ValueError naming ``lat1`` or ``lat2`` if it lies outside [-90, 90].
    """
    raise NotImplementedError("haversine_scalar")


def haversine_ufunc(
    lat1: float | np.ndarray,
    lon1: float | np.ndarray,
    lat2: float | np.ndarray,
    lon2: float | np.ndarray,
) -> np.ndarray:
    """``haversine_scalar`` over arrays, through a ufunc made by ``np.frompyfunc``.

    The four arguments are numbers or arrays that broadcast together (one point against many,
    a row against a column). ``np.frompyfunc(haversine_scalar, 4, 1)`` calls the scalar
    function once per broadcast element; it returns an *object* array, and this function
    returns a float64 ndarray of the broadcast shape instead (for four scalars, a float64
    scalar or 0-d array is fine). Empty arrays give an empty float64 array. The range rules and
    errors are those of ``haversine_scalar``. No argument is modified.
    """
    raise NotImplementedError("haversine_ufunc")


def haversine_vectorized(
    lat1: float | np.ndarray,
    lon1: float | np.ndarray,
    lat2: float | np.ndarray,
    lon2: float | np.ndarray,
) -> np.ndarray:
    """``haversine_scalar`` over arrays, wrapped by ``np.vectorize``.

    The same contract as ``haversine_ufunc``: arguments that broadcast together, a float64
    ndarray of the broadcast shape (for four scalars, a float64 scalar or 0-d array is fine),
    an empty float64 array for empty input, the errors of ``haversine_scalar``. Like
    ``np.frompyfunc``, ``np.vectorize`` is a Python loop in disguise: it calls the scalar
    function once per element. No argument is modified.
    """
    raise NotImplementedError("haversine_vectorized")


def haversine(
    lat1: float | np.ndarray,
    lon1: float | np.ndarray,
    lat2: float | np.ndarray,
    lon2: float | np.ndarray,
) -> np.ndarray:
    """The great-circle distance in km, as whole-array NumPy code that broadcasts.

    The formula, units and rules of ``haversine_scalar`` (degrees in, km out, R = 6371 km,
    ``a`` clipped to [0, 1], at most ``pi * R``), computed with NumPy ufuncs on whole arrays,
    with no Python loop and no call of ``haversine_scalar``. The arguments are numbers or
    arrays of any real dtype (int8 and uint8 included: subtracting degrees in int8 overflows,
    so compute in float64) that broadcast together. Returns a float64 ndarray of the broadcast
    shape (for four scalars, a float64 scalar or 0-d array is fine).
    Raises ValueError naming ``lat1`` or ``lat2`` if any of its values lies outside
    [-90, 90]. No argument is modified.
    """
    raise NotImplementedError("haversine")


def distance_summary(
    lat: float, lon: float, city_lats: np.ndarray, city_lons: np.ndarray
) -> dict[str, int | float]:
    """How far the cities are from one point: the nearest, the farthest and the mean.

    ``city_lats`` and ``city_lons`` are 1-D arrays of the same length, in degrees. Returns a
    dict of Python numbers: ``"nearest"`` and ``"farthest"`` (int, the city's index; the lowest
    index on a tie), ``"nearest_km"``, ``"farthest_km"`` and ``"mean_km"`` (float, distances by
    ``haversine``). Raises ValueError naming ``city_lats`` if there are no cities, and
    ``city_lons`` if its shape differs from ``city_lats``'s. No argument is modified.
    """
    raise NotImplementedError("distance_summary")
