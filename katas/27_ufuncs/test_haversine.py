"""Tests for kata 27: run ``pytest katas/27_ufuncs``."""

import math
import warnings

import haversine
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

R = 6371.0
HALF_WAY_ROUND = math.pi * R  # 20015.086796020572 km, the largest possible distance
QUARTER_WAY_ROUND = math.pi / 2 * R  # 10007.543398010286 km

NEW_YORK = (40.7128, -74.0060)
LONDON = (51.5074, -0.1278)

# A pair of antipodes where a = sin²(Δlat/2) + cos cos sin²(Δlon/2) rounds to
# 1.0000000000000002 (checked with math and with NumPy): sqrt(1 - a) and acos(1 - 2a) fail there.
ROUNDS_ABOVE_ONE = (2.5, 10.0, -2.5, -170.0)

DEGREES_RULE = (
    "the arguments are in degrees: convert every angle with math.radians / np.radians before "
    "sin and cos, and use R = 6371 km"
)
WRAPPERS = ["haversine_ufunc", "haversine_vectorized"]
ARRAY_VERSIONS = [*WRAPPERS, "haversine"]


def reference_km(lat1, lon1, lat2, lon2):
    """The angle between the points' unit vectors, by atan2 of |u x v| and u . v (no haversine)."""

    def unit(lat, lon):
        phi, lam = math.radians(lat), math.radians(lon)
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    (ux, uy, uz), (vx, vy, vz) = unit(lat1, lon1), unit(lat2, lon2)
    cross = math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx)
    return R * math.atan2(cross, ux * vx + uy * vy + uz * vz)


def reference_array(lat1, lon1, lat2, lon2):
    arrays = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (lat1, lon1, lat2, lon2)))
    flat = [
        reference_km(*point) for point in zip(*(a.ravel().tolist() for a in arrays), strict=True)
    ]
    return np.array(flat, dtype=float).reshape(arrays[0].shape)


def _seed_cities():
    rng = np.random.default_rng(42)
    return rng.uniform(-60, 70, 100), rng.uniform(-180, 180, 100)


def _call_recording_warnings(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _assert_float64(got, *, call, why):
    __tracebackhide__ = True
    dtype = np.asarray(got).dtype
    is_float64 = isinstance(got, (np.ndarray, np.floating, float)) and dtype == np.float64
    assert is_float64, (
        f"{call} returned {type(got).__name__} of dtype {dtype}; expected a float64 array: {why}"
    )


def _in_range(func, *args, call):
    """func(*args), failing with the rule if it refuses a latitude of exactly 90 or -90."""
    __tracebackhide__ = True
    try:
        return func(*args)
    except ValueError as error:
        message = str(error)
    pytest.fail(
        f"{call} raised ValueError({message!r}): 90 and -90 are the poles, and lie in the "
        "range [-90, 90]; only latitudes beyond them are refused (abs(lat) > 90, not >=)",
        pytrace=False,
    )


# Points on the equator and the poles, whose distances are fractions of the circumference.
HAND_VALUES = [
    ((0.0, 0.0, 0.0, 90.0), QUARTER_WAY_ROUND),
    ((0.0, 0.0, 90.0, 0.0), QUARTER_WAY_ROUND),
    ((0.0, 0.0, 0.0, 180.0), HALF_WAY_ROUND),
    ((90.0, 0.0, -90.0, 0.0), HALF_WAY_ROUND),
    ((90.0, 0.0, 90.0, 123.0), 0.0),  # every longitude meets at the pole
    ((0.0, 0.0, 0.0, 1.0), math.pi / 180 * R),  # one degree along the equator: 111.19 km
]


# --- haversine_scalar -------------------------------------------------------------------------


HAND_IDS = ["quarter_along_equator", "equator_to_pole", "half_along_equator", "pole_to_pole",
            "pole_to_pole_itself", "one_degree_along_equator"]  # fmt: skip


@pytest.mark.parametrize(("points", "expected"), HAND_VALUES, ids=HAND_IDS)
def test_scalar_distances_along_the_equator_and_to_the_poles(points, expected):
    got = haversine.haversine_scalar(*points)
    call = f"haversine_scalar{points}"
    assert_value(got, expected, call=f"{call} [{DEGREES_RULE}]", rtol=1e-12, atol=1e-9)


def test_scalar_new_york_to_london_is_5570_km():
    got = haversine.haversine_scalar(*NEW_YORK, *LONDON)
    call = f"haversine_scalar(New York {NEW_YORK}, London {LONDON})"
    assert_value(got, reference_km(*NEW_YORK, *LONDON), call=f"{call} [{DEGREES_RULE}]")
    assert round(got) == 5570, f"{call} returned {got}; expected about 5570 km"


def test_scalar_returns_a_python_float():
    got = haversine.haversine_scalar(*NEW_YORK, *LONDON)
    assert type(got) is float, (
        f"haversine_scalar(New York, London) returned {type(got).__name__}; expected a plain "
        "Python float: write it with the math module (math.sin, math.asin), which works on one "
        "number at a time. np.sin returns a NumPy scalar."
    )


def test_scalar_survives_antipodes_where_rounding_passes_one():
    call = f"haversine_scalar{ROUNDS_ABOVE_ONE}"
    try:
        got = haversine.haversine_scalar(*ROUNDS_ABOVE_ONE)
    except ValueError as error:
        pytest.fail(
            f"{call} raised ValueError({error!s}): for these antipodes a rounds to "
            "1.0000000000000002, just above 1, so sqrt(1 - a) or acos(1 - 2a) leave math's "
            "domain. Clip a to [0, 1] first: min(max(a, 0.0), 1.0).",
            pytrace=False,
        )
    assert_value(got, HALF_WAY_ROUND, call=f"{call} (antipodes: half way round)", rtol=1e-12)


@pytest.mark.parametrize("lon", [190.0, -170.0, 550.0])
def test_scalar_longitudes_wrap_round(lon):
    got = haversine.haversine_scalar(0.0, lon, 0.0, 0.0)
    call = f"haversine_scalar(0, {lon}, 0, 0) (longitude {lon} is -170)"
    assert_value(got, 170 / 180 * HALF_WAY_ROUND, call=call, rtol=1e-12)


def test_scalar_is_accurate_a_metre_apart():
    # 1e-5 degrees of latitude is 1.11 m: the haversine keeps its digits there, where the
    # spherical law of cosines, acos(sin sin + cos cos cos), loses about 1%.
    got = haversine.haversine_scalar(45.0, 7.0, 45.00001, 7.0)
    expected = 1e-5 * math.pi / 180 * R
    assert_value(got, expected, call="haversine_scalar(45, 7, 45.00001, 7)", rtol=1e-6)


@pytest.mark.parametrize("lat", [90.0, -90.0])
def test_scalar_accepts_latitudes_on_the_poles(lat):
    got = _in_range(
        haversine.haversine_scalar, lat, 0.0, 0.0, 0.0, call=f"haversine_scalar({lat}, 0, 0, 0)"
    )
    assert_value(got, QUARTER_WAY_ROUND, call=f"haversine_scalar({lat}, 0, 0, 0)", rtol=1e-12)


@pytest.mark.parametrize("lat", [math.nextafter(90.0, 91.0), -90.000001, 180.0])
@pytest.mark.parametrize("bad", ["lat1", "lat2"])
def test_scalar_refuses_latitudes_beyond_the_poles(lat, bad):
    args = (lat, 0.0, 0.0, 0.0) if bad == "lat1" else (0.0, 0.0, lat, 0.0)
    call = f"haversine_scalar{args}"
    assert_raises_naming(ValueError, bad, haversine.haversine_scalar, *args, call=call)


_latitudes = st.floats(-90, 90)
_longitudes = st.floats(-720, 720)


@given(_latitudes, _longitudes, _latitudes, _longitudes)
def test_scalar_is_symmetric_zero_on_itself_and_at_most_half_way_round(lat1, lon1, lat2, lon2):
    call = f"haversine_scalar({lat1}, {lon1}, {lat2}, {lon2})"
    got = haversine.haversine_scalar(lat1, lon1, lat2, lon2)
    assert_value(got, reference_km(lat1, lon1, lat2, lon2), call=call, rtol=1e-9, atol=1e-3)
    back = haversine.haversine_scalar(lat2, lon2, lat1, lon1)
    assert_value(back, got, call=f"{call} the other way round (symmetry)", rtol=1e-12)
    assert 0 <= got <= HALF_WAY_ROUND, f"{call} returned {got}, outside [0, pi * R]"
    itself = haversine.haversine_scalar(lat1, lon1, lat1, lon1)
    assert_value(itself, 0.0, call=f"haversine_scalar({lat1}, {lon1}, the same point)")


# --- haversine_ufunc and haversine_vectorized -------------------------------------------------


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_returns_a_float64_array_of_distances(name):
    lats, lons = _seed_cities()
    got = getattr(haversine, name)(*NEW_YORK, lats[:5], lons[:5])
    call = f"{name}(New York, 5 cities)"
    _assert_float64(
        got,
        call=call,
        why="np.frompyfunc returns an object array (dtype=object) whatever the function "
        "returns; convert it with .astype(np.float64), or give np.vectorize otypes=[np.float64]",
    )
    assert_array(got, reference_array(*NEW_YORK, lats[:5], lons[:5]), call=call, rtol=1e-9)


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_broadcasts_a_column_against_a_row(name):
    lats = np.array([[0.0], [45.0], [-30.0]])  # 3 x 1
    lons = np.array([0.0, 90.0, -120.0, 180.0])  # 4
    got = getattr(haversine, name)(lats, 0.0, 10.0, lons)
    call = f"{name}(3x1 latitudes, 0, 10, 4 longitudes)"
    assert_array(got, reference_array(lats, 0.0, 10.0, lons), call=call, rtol=1e-9)


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_of_no_points_is_an_empty_float64_array(name):
    empty = np.array([])
    call = f"{name}(New York, no cities)"
    try:
        got = getattr(haversine, name)(*NEW_YORK, empty, empty)
    except ValueError as error:
        pytest.fail(
            f"{call} raised ValueError({error!s}); expected an empty float64 array. Without "
            "otypes, np.vectorize calls the function on the first element to learn the "
            "output dtype, and empty input has none: pass otypes=[np.float64].",
            pytrace=False,
        )
    assert_array(got, np.empty(0), call=call)
    _assert_float64(got, call=call, why="no cities is still a float64 array of distances")


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_of_four_numbers_is_one_float64(name):
    got = getattr(haversine, name)(*NEW_YORK, *LONDON)
    call = f"{name}(New York, London)"
    _assert_float64(got, call=call, why="four numbers give one float64 (0-d array or scalar)")
    assert_array(np.asarray(got), np.array(reference_km(*NEW_YORK, *LONDON)), call=call)


@pytest.mark.parametrize("name", WRAPPERS)
def test_wrapper_survives_antipodes(name):
    got = getattr(haversine, name)(*(np.array([v]) for v in ROUNDS_ABOVE_ONE))
    call = f"{name}{ROUNDS_ABOVE_ONE}"
    assert_array(got, [HALF_WAY_ROUND], call=f"{call} (antipodes: clip a to [0, 1])")


@pytest.mark.parametrize("name", WRAPPERS)
@pytest.mark.parametrize("bad", ["lat1", "lat2"])
def test_wrapper_refuses_latitudes_beyond_the_poles(name, bad):
    lats = np.array([10.0, 90.5, 20.0])
    others = np.zeros(3)
    args = (lats, others, others, others) if bad == "lat1" else (others, others, lats, others)
    call = f"{name}({'lats with 90.5' if bad == 'lat1' else '0, 0'}, ...)"
    assert_raises_naming(ValueError, bad, getattr(haversine, name), *args, call=call)


@pytest.mark.parametrize("name", ARRAY_VERSIONS)
def test_array_versions_do_not_modify_their_arguments(name):
    lats, lons = _seed_cities()
    args = (lats[:10], lons[:10], lats[10:20], lons[10:20])
    assert_inputs_unchanged(getattr(haversine, name), *args, call=f"{name}(four arrays of 10)")


# --- haversine --------------------------------------------------------------------------------


def test_haversine_from_new_york_to_the_seed_cities():
    lats, lons = _seed_cities()
    got = haversine.haversine(*NEW_YORK, lats, lons)
    call = "haversine(New York, the seed's 100 cities)"
    assert_array(got, reference_array(*NEW_YORK, lats, lons), call=f"{call} [{DEGREES_RULE}]")
    _assert_float64(got, call=call, why="distances are float64")
    # The seed prints these three, rounded to the km.
    summary = [round(float(got.min())), round(float(got.max())), round(float(got.mean()))]
    assert summary == [685, 19116, 9780], (
        f"{call}: min, max, mean {summary}, not [685, 19116, 9780]"
    )


def test_haversine_of_the_hand_values_at_once():
    points = np.array([p for p, _ in HAND_VALUES])
    got = haversine.haversine(*points.T)
    expected = [km for _, km in HAND_VALUES]
    assert_array(got, expected, call=f"haversine{tuple(points.T.tolist())} [{DEGREES_RULE}]")


def test_haversine_clips_a_for_antipodes_without_a_warning():
    # Antipodes where a rounds just above 1, and exact ones along the equator and the poles.
    points = np.array([ROUNDS_ABOVE_ONE, (-87.5, -180, 87.5, 0), (0, 0, 0, 180), (90, 0, -90, 0)])
    call = "haversine(four pairs of antipodes)"
    got, messages = _call_recording_warnings(haversine.haversine, *points.T)
    rule = (
        "a = sin²(Δlat/2) + cos cos sin²(Δlon/2) can round to just above 1 for antipodes: "
        "np.clip(a, 0, 1) before sqrt(1 - a), arccos or arcsin"
    )
    assert_array(got, np.full(4, HALF_WAY_ROUND), call=f"{call} [{rule}]", rtol=1e-12)
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


@pytest.mark.parametrize("dtype", [np.int8, np.uint8, np.int16], ids=["int8", "uint8", "int16"])
def test_haversine_computes_small_integer_degrees_in_float(dtype):
    # int8 80 - (-80) wraps to -96, uint8 10 - 80 to 186: subtract in float64, not in degrees
    # of the input's dtype.
    if dtype is np.uint8:
        lat1, lat2, lon1, lon2 = [10, 80], [80, 10], [0, 100], [100, 0]
    else:
        lat1, lat2, lon1, lon2 = [80, -80], [-80, 80], [-100, 120], [100, -120]
    args = [np.array(v, dtype=dtype) for v in (lat1, lon1, lat2, lon2)]
    got = haversine.haversine(*args)
    call = (
        f"haversine({', '.join(f'{np.dtype(dtype).name} {v}' for v in (lat1, lon1, lat2, lon2))})"
    )
    rule = "convert to float64 before subtracting: differences of small integers overflow"
    assert_array(got, reference_array(lat1, lon1, lat2, lon2), call=f"{call} [{rule}]")
    _assert_float64(
        got, call=call, why="np.radians of int8 gives float16 or float32: ask for float64"
    )


def test_haversine_broadcasts_a_column_against_a_row():
    lats = np.array([[0.0], [45.0], [-30.0]])
    lons = np.array([0.0, 90.0, -120.0, 180.0])
    got = haversine.haversine(lats, 0.0, 10.0, lons)
    call = "haversine(3x1 latitudes, 0, 10, 4 longitudes)"
    assert_array(got, reference_array(lats, 0.0, 10.0, lons), call=call)


def test_haversine_of_four_numbers_is_one_float64():
    got = haversine.haversine(*NEW_YORK, *LONDON)
    call = "haversine(New York, London)"
    _assert_float64(got, call=call, why="four numbers give one float64 (0-d array or scalar)")
    assert_array(np.asarray(got), np.array(reference_km(*NEW_YORK, *LONDON)), call=call)


def test_haversine_accepts_latitudes_on_the_poles():
    lats = np.array([90.0, -90.0])
    call = "haversine([90, -90], 0, 0, 0)"
    got = _in_range(haversine.haversine, lats, 0.0, 0.0, 0.0, call=call)
    assert_array(got, [QUARTER_WAY_ROUND] * 2, call=call)


@pytest.mark.parametrize("bad", ["lat1", "lat2"])
@pytest.mark.parametrize("lat", [math.nextafter(90.0, 91.0), -90.000001], ids=["north", "south"])
def test_haversine_refuses_latitudes_beyond_the_poles(lat, bad):
    lats = np.array([10.0, lat, 20.0])
    others = np.zeros(3)
    args = (lats, others, others, others) if bad == "lat1" else (others, others, lats, others)
    call = f"haversine(lats [10, {lat!r}, 20] as {bad})"
    assert_raises_naming(ValueError, bad, haversine.haversine, *args, call=call)


@given(
    st.lists(st.tuples(_latitudes, _longitudes, _latitudes, _longitudes), min_size=1, max_size=20)
)
def test_haversine_is_symmetric_zero_on_itself_and_at_most_half_way_round(pairs):
    lat1, lon1, lat2, lon2 = (np.array(column) for column in zip(*pairs, strict=True))
    call = f"haversine of {pairs}"
    got = haversine.haversine(lat1, lon1, lat2, lon2)
    assert_array(got, reference_array(lat1, lon1, lat2, lon2), call=call, rtol=1e-9, atol=1e-3)
    back = haversine.haversine(lat2, lon2, lat1, lon1)
    assert_array(back, got, call=f"{call}, the other way round (symmetry)", rtol=1e-12)
    assert np.all((got >= 0) & (got <= HALF_WAY_ROUND)), f"{call}: {got} outside [0, pi * R]"
    assert_array(
        haversine.haversine(lat1, lon1, lat1, lon1),
        np.zeros(len(pairs)),
        call=f"{call}, each point to itself",
    )


def _from_new_york(n):
    rng = np.random.default_rng(27)
    return (*NEW_YORK, rng.uniform(-90, 90, n), rng.uniform(-180, 180, n))


def test_haversine_has_no_python_loop_over_points(loop_gate):
    loop_gate(haversine.haversine, _from_new_york, over="points")


# --- distance_summary -------------------------------------------------------------------------


def test_distance_summary_from_new_york_matches_the_seed():
    lats, lons = _seed_cities()
    got = haversine.distance_summary(*NEW_YORK, lats, lons)
    km = [
        reference_km(*NEW_YORK, lat, lon)
        for lat, lon in zip(lats.tolist(), lons.tolist(), strict=True)
    ]
    expected = {
        "nearest": km.index(min(km)),
        "nearest_km": min(km),
        "farthest": km.index(max(km)),
        "farthest_km": max(km),
        "mean_km": sum(km) / len(km),
    }
    call = "distance_summary(New York, the seed's 100 cities)"
    is_summary = isinstance(got, dict) and set(got) == set(expected)
    assert is_summary, f"{call} returned {got!r}; expected a dict with the keys {sorted(expected)}"
    for key, value in expected.items():
        assert_value(got[key], value, call=f"{call}[{key!r}]", rtol=1e-9)
        kind = int if key in ("nearest", "farthest") else float
        assert type(got[key]) is kind, (
            f"{call}[{key!r}] is {type(got[key]).__name__}; expected a Python {kind.__name__} "
            f"({kind.__name__}(...) turns a NumPy scalar into one)"
        )
    assert (expected["nearest"], expected["farthest"]) == (7, 59)  # the seed: 685 and 19116 km


def test_distance_summary_takes_the_lowest_index_on_a_tie():
    # From (0, 0): cities 1 and 2 are both 10 degrees away, cities 0 and 3 both 20 degrees.
    lats, lons = np.zeros(4), np.array([20.0, 10.0, -10.0, -20.0])
    got = haversine.distance_summary(0.0, 0.0, lats, lons)
    call = "distance_summary(0, 0, cities at longitudes [20, 10, -10, -20])"
    picked = (got["nearest"], got["farthest"])
    assert picked == (1, 0), (
        f"{call} picked nearest {got['nearest']} and farthest {got['farthest']}; expected 1 "
        "and 0: on a tie the lowest index wins (np.argmin and np.argmax return the first)"
    )


def test_distance_summary_of_one_city():
    got = haversine.distance_summary(*NEW_YORK, np.array([LONDON[0]]), np.array([LONDON[1]]))
    km = reference_km(*NEW_YORK, *LONDON)
    call = "distance_summary(New York, [London])"
    assert (got["nearest"], got["farthest"]) == (0, 0), f"{call} returned {got}"
    for key in ("nearest_km", "farthest_km", "mean_km"):
        assert_value(got[key], km, call=f"{call}[{key!r}]")


def test_distance_summary_refuses_no_cities():
    call = "distance_summary(New York, no cities)"
    empty = np.array([])
    assert_raises_naming(
        ValueError, "city_lats", haversine.distance_summary, *NEW_YORK, empty, empty, call=call
    )


def test_distance_summary_refuses_longitudes_of_another_length():
    call = "distance_summary(New York, 3 latitudes, 2 longitudes)"
    lats, lons = np.zeros(3), np.zeros(2)
    assert_raises_naming(
        ValueError, "city_lons", haversine.distance_summary, *NEW_YORK, lats, lons, call=call
    )


def test_distance_summary_does_not_modify_its_arguments():
    lats, lons = _seed_cities()
    call = "distance_summary(New York, the seed's cities)"
    assert_inputs_unchanged(haversine.distance_summary, *NEW_YORK, lats, lons, call=call)
