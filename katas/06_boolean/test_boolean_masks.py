"""Tests for kata 06: run ``pytest katas/06_boolean``."""

import math

import boolean_masks
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_bool,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

# The seed's practice: five bands cut at 70, 90, 110 and 130.
SEED_EDGES = [70, 90, 110, 130]
SEED_LABELS = ["very_low", "low", "normal", "high", "very_high"]


def seed_data() -> np.ndarray:
    """The seed's 200 values: ``np.random.seed(0); np.random.normal(100, 20, 200)``."""
    return np.random.RandomState(0).normal(100, 20, 200)  # the seed's legacy stream, frozen


def band_of(value: float, edges) -> int:
    """The band of one value, the slow and obvious way: how many edges are at or below it."""
    return sum(value >= edge for edge in edges)


def just_below(edge: float) -> float:
    return math.nextafter(edge, -math.inf)


@st.composite
def edges_and_values(draw, max_values=40):
    """Strictly increasing edges, and values of which many sit exactly on an edge."""
    edges = sorted(draw(st.lists(st.floats(-100, 100), min_size=1, max_size=6, unique=True)))
    value = st.one_of(
        st.sampled_from(edges),
        st.sampled_from(edges).map(just_below),
        st.floats(-150, 150),
        st.sampled_from([-math.inf, math.inf]),
    )
    return edges, draw(st.lists(value, max_size=max_values))


# --- band_counts ------------------------------------------------------------------------------


def test_band_counts_match_the_seed():
    # Counted value by value with band_of: 10 below 70, 53 in [70, 90), 71 in [90, 110),
    # 47 in [110, 130) and 19 at or above 130.
    data = seed_data()
    call = "band_counts(seed data, [70, 90, 110, 130])"
    got = assert_inputs_unchanged(boolean_masks.band_counts, data, SEED_EDGES, call=call)
    assert_array(got, [10, 53, 71, 47, 19], call=call, exact=True)
    assert_dtype_kind(got, "iu", call=call, why="counts are whole numbers: use an integer dtype")


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (just_below(70), 0),
        (70.0, 1),
        (just_below(90), 1),
        (90.0, 2),
        (110.0, 3),
        (just_below(130), 3),
        (130.0, 4),
        (-math.inf, 0),
        (math.inf, 4),
    ],
)
def test_band_counts_put_a_value_on_an_edge_in_the_band_it_starts(value, band):
    expected = np.zeros(5, dtype=int)
    expected[band] = 1
    got = boolean_masks.band_counts(np.array([value]), SEED_EDGES)
    assert_array(got, expected, call=f"band_counts([{value!r}], {SEED_EDGES})", exact=True)


def test_band_counts_of_whole_numbers_on_the_edges():
    data = np.array([69, 70, 90, 110, 130, 131, 89])
    # 69 -> 0; 70, 89 -> 1; 90 -> 2; 110 -> 3; 130, 131 -> 4
    got = boolean_masks.band_counts(data, SEED_EDGES)
    assert_array(
        got, [1, 2, 1, 1, 2], call=f"band_counts({data.tolist()}, {SEED_EDGES})", exact=True
    )


def test_band_counts_count_more_values_than_a_small_integer_holds():
    # 300 values in band 2 and 70 000 in band 4: counts must not wrap around at 256 or 65 536.
    data = np.concatenate([np.full(300, 100.0), np.full(70_000, 150.0), [60.0]])
    call = f"band_counts(300 x 100.0, 70000 x 150.0 and 60.0, {SEED_EDGES})"
    got = assert_inputs_unchanged(boolean_masks.band_counts, data, SEED_EDGES, call=call)
    assert_array(got, [1, 0, 300, 0, 70_000], call=call, exact=True)
    assert_dtype_kind(got, "iu", call=call, why="counts are whole numbers: use an integer dtype")


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_band_counts_of_small_integers_between_fractional_edges(dtype):
    # Edges 69.5 and 70.5 stay as given: 69 is below both, 70 between, 71 above.
    data = np.array([69, 70, 70, 71, 255], dtype=dtype)
    call = (
        f"band_counts(np.array([69, 70, 70, 71, 255], dtype={np.dtype(dtype).name}), [69.5, 70.5])"
    )
    got = assert_inputs_unchanged(boolean_masks.band_counts, data, [69.5, 70.5], call=call)
    assert_array(got, [1, 2, 2], call=call, exact=True)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([10.0, 20.0, 30.0], [3, 0, 0, 0, 0]),
        ([500.0, 130.0], [0, 0, 0, 0, 2]),
        ([100.0], [0, 0, 1, 0, 0]),
    ],
    ids=["all-in-the-first-band", "all-in-the-last-band", "one-value"],
)
def test_band_counts_have_a_count_for_every_band_even_empty_ones(values, expected):
    got = boolean_masks.band_counts(np.array(values), SEED_EDGES)
    assert_array(got, expected, call=f"band_counts({values}, {SEED_EDGES})", exact=True)


def test_band_counts_of_no_values_are_all_zero():
    got = boolean_masks.band_counts(np.array([]), SEED_EDGES)
    assert_array(got, [0, 0, 0, 0, 0], call=f"band_counts([], {SEED_EDGES})", exact=True)


def test_band_counts_with_one_edge_split_at_zero():
    # -0.0 == 0.0, so it is on the edge and in the upper band.
    data = np.array([-1.0, -0.0, 0.0, 2.5, -3.0])
    got = boolean_masks.band_counts(data, [0.0])
    assert_array(got, [2, 3], call="band_counts([-1, -0.0, 0, 2.5, -3], [0])", exact=True)


def test_band_counts_count_every_element_of_a_2d_array():
    data = np.array([[65.0, 75.0, 95.0], [115.0, 135.0, 130.0]])
    got = assert_inputs_unchanged(
        boolean_masks.band_counts, data, np.array(SEED_EDGES), call="band_counts(2x3 array)"
    )
    assert_array(
        got, [1, 1, 1, 1, 2], call=f"band_counts({data.tolist()}, {SEED_EDGES})", exact=True
    )


@given(edges_and_values())
def test_band_counts_add_up_and_agree_value_by_value(case):
    edges, values = case
    data = np.array(values, dtype=float)
    call = f"band_counts({values}, {edges})"
    got = np.asarray(boolean_masks.band_counts(data, np.array(edges)))
    assert got.shape == (len(edges) + 1,), (
        f"{call} returned shape {got.shape}; expected one count per band: {(len(edges) + 1,)}"
    )
    assert got.sum() == len(values), (
        f"{call} returned {got.tolist()}, which adds up to {got.sum()}, not to the "
        f"{len(values)} values: every value belongs to exactly one band"
    )
    bands = np.array([band_of(v, edges) for v in values], dtype=int)
    expected = np.bincount(bands, minlength=len(edges) + 1)
    assert_array(got, expected, call=call, exact=True)


@pytest.mark.parametrize(
    "edges",
    [[70, 90, 90, 130], [130, 110, 90, 70], [70, float("nan"), 130], [], [[70, 90], [110, 130]]],
    ids=["repeated", "decreasing", "nan", "empty", "2d"],
)
def test_band_counts_refuse_bad_edges(edges):
    call = f"band_counts([80.0, 100.0], {edges})"
    assert_raises_naming(
        ValueError, "edges", boolean_masks.band_counts, np.array([80.0, 100.0]), edges, call=call
    )


def test_band_counts_refuse_nan_in_data():
    data = np.array([80.0, np.nan, 100.0])
    call = f"band_counts([80, nan, 100], {SEED_EDGES})"
    assert_raises_naming(
        ValueError, "data", boolean_masks.band_counts, data, SEED_EDGES, call=call
    )


def test_band_counts_are_fast_on_a_million_values(timed_gate):
    # 10^6 values: searchsorted + bincount takes about 12 ms on the reference machine; a Python
    # loop over the values (comparing with each edge, or calling np.searchsorted once per
    # value) many times the budget.
    data = np.random.default_rng(0).normal(100, 20, 1_000_000)
    edges = np.array(SEED_EDGES, dtype=float)
    warmup = (data[:10].copy(), edges.copy())  # their own memory, not views of the timed input
    timed_gate(boolean_masks.band_counts, (data, edges), warmup=warmup, budget_ms=210)


def test_band_counts_have_no_python_loop_over_the_values(loop_gate):
    rng = np.random.default_rng(1)
    loop_gate(
        boolean_masks.band_counts,
        lambda n: (rng.normal(100, 20, n), np.array(SEED_EDGES, dtype=float)),
        over="values",
    )


# --- band_labels ------------------------------------------------------------------------------


def test_band_labels_match_the_seed():
    data = seed_data()
    call = "band_labels(seed data, [70, 90, 110, 130], ['very_low', ..., 'very_high'])"
    got = assert_inputs_unchanged(
        boolean_masks.band_labels, data, SEED_EDGES, SEED_LABELS, call=call
    )
    # The seed's first six values are 135.3, 108.0, 119.6, 144.8, 137.4 and 80.5.
    first_six = ["very_high", "normal", "high", "very_high", "very_high", "low"]
    assert_array(got[:6], first_six, call=f"{call}[:6]", exact=True)
    expected = [SEED_LABELS[band_of(v, SEED_EDGES)] for v in data]
    assert_array(got, expected, call=call, exact=True)


def test_band_labels_of_the_seeds_hourly_temperatures():
    # The seed's np.select example: rng(3) temperatures, cut at 5, 15 and 25 degrees.
    temps = np.array([36.3, -0.4, 23.3, 15.5, 16.4, 18.3, 3.8, 18.1, 13.1, 46.6, 21.8, 17.2])
    labels = ["freezing", "cold", "comfortable", "hot"]
    got = boolean_masks.band_labels(temps, [5, 15, 25], labels)
    bands = [3, 0, 2, 2, 2, 2, 0, 2, 1, 3, 2, 2]  # by hand: < 5, [5, 15), [15, 25), >= 25
    expected = [labels[band] for band in bands]
    call = f"band_labels({temps.tolist()}, [5, 15, 25], {labels})"
    assert_array(got, expected, call=call, exact=True)


def test_band_labels_put_values_on_an_edge_in_the_band_they_start():
    data = np.array([just_below(70), 70.0, 90.0, 110.0, just_below(130), 130.0, -np.inf, np.inf])
    expected = ["very_low", "low", "normal", "high", "high", "very_high", "very_low", "very_high"]
    got = boolean_masks.band_labels(data, SEED_EDGES, SEED_LABELS)
    call = f"band_labels({data.tolist()}, {SEED_EDGES}, labels)"
    assert_array(got, expected, call=call, exact=True)


def test_band_labels_keep_the_shape_of_2d_data():
    data = np.array([[65.0, 75.0, 95.0], [115.0, 135.0, 130.0]])
    labels = ("a", "b", "c", "d", "e")
    got = assert_inputs_unchanged(
        boolean_masks.band_labels, data, np.array(SEED_EDGES), labels, call="band_labels(2x3)"
    )
    call = f"band_labels({data.tolist()}, {SEED_EDGES}, {labels})"
    assert_array(got, [["a", "b", "c"], ["d", "e", "e"]], call=call, exact=True)


def test_band_labels_of_no_values_are_empty():
    got = boolean_masks.band_labels(np.array([]), SEED_EDGES, SEED_LABELS)
    call = f"band_labels([], {SEED_EDGES}, labels)"
    assert_array(got, np.array([], dtype=str), call=call, exact=True)


@given(edges_and_values())
def test_band_labels_agree_value_by_value_and_with_band_counts(case):
    edges, values = case
    data = np.array(values, dtype=float)
    labels = [f"band{i}" for i in range(len(edges) + 1)]
    call = f"band_labels({values}, {edges}, {labels})"
    got = boolean_masks.band_labels(data, np.array(edges), labels)
    expected = [labels[band_of(v, edges)] for v in values]
    assert_array(got, np.array(expected, dtype=str), call=call, exact=True)
    counts = np.asarray(boolean_masks.band_counts(data, np.array(edges)))
    per_label = [int(np.count_nonzero(got == label)) for label in labels]
    assert per_label == counts.tolist(), (
        f"for values {values} and edges {edges}, band_labels gives each band this many values: "
        f"{per_label}, but band_counts returned {counts.tolist()}; the two must agree"
    )


@pytest.mark.parametrize(
    "labels", [SEED_LABELS[:4], [*SEED_LABELS, "extreme"]], ids=["four", "six"]
)
def test_band_labels_refuse_a_label_count_that_does_not_fit_the_edges(labels):
    call = f"band_labels([80.0], {SEED_EDGES}, {labels})"
    data = np.array([80.0])
    assert_raises_naming(
        ValueError, "labels", boolean_masks.band_labels, data, SEED_EDGES, labels, call=call
    )


def test_band_labels_refuse_bad_edges_and_nan_data():
    labels = ["a", "b", "c"]
    data = np.array([80.0])
    call = "band_labels([80.0], [90, 70], ['a', 'b', 'c'])"
    assert_raises_naming(
        ValueError, "edges", boolean_masks.band_labels, data, [90, 70], labels, call=call
    )
    data = np.array([80.0, np.nan])
    call = "band_labels([80, nan], [70, 90], ['a', 'b', 'c'])"
    assert_raises_naming(
        ValueError, "data", boolean_masks.band_labels, data, [70, 90], labels, call=call
    )


def test_band_labels_are_fast_on_a_million_values(timed_gate):
    # 10^6 values: np.select takes about 20 ms on the reference machine, nested np.where
    # longer (each level writes 10^6 strings); calling np.searchsorted or np.digitize once
    # per value takes many times the budget.
    data = np.random.default_rng(0).normal(100, 20, 1_000_000)
    edges = np.array(SEED_EDGES, dtype=float)
    timed_gate(
        boolean_masks.band_labels,
        (data, edges, SEED_LABELS),
        warmup=(data[:10].copy(), edges.copy(), list(SEED_LABELS)),
        budget_ms=300,
    )


def test_band_labels_have_no_python_loop_over_the_values(loop_gate):
    rng = np.random.default_rng(2)
    loop_gate(
        boolean_masks.band_labels,
        lambda n: (rng.normal(100, 20, n), np.array(SEED_EDGES, dtype=float), list(SEED_LABELS)),
        over="values",
    )


# --- clip_to and all_within -------------------------------------------------------------------


def test_clip_to_matches_the_seed():
    # Of the seed's values 2 are below 60 (the lowest is 48.9) and 4 above 140 (up to 147.7).
    data = seed_data()
    got = assert_inputs_unchanged(
        boolean_masks.clip_to, data, 60, 140, call="clip_to(seed data, 60, 140)"
    )
    expected = [min(max(v, 60.0), 140.0) for v in data.tolist()]
    assert_array(got, expected, call="clip_to(seed data, 60, 140)", exact=True)
    changed = int(np.count_nonzero(got != data))
    assert changed == 6, f"clip_to(seed data, 60, 140) changed {changed} values; expected 6"


def test_clip_to_keeps_the_ends_and_replaces_what_is_beyond_them():
    data = np.array([59.9, 60.0, 100.0, 140.0, 140.1, -np.inf, np.inf, np.nan])
    got = boolean_masks.clip_to(data, 60, 140)
    expected = [60.0, 60.0, 100.0, 140.0, 140.0, 60.0, 140.0, np.nan]
    assert_array(got, expected, call=f"clip_to({data.tolist()}, 60, 140)", exact=True)


def test_clip_to_keeps_the_shape_of_2d_data():
    data = np.array([[1, 5, 10], [-4, 7, 8]])
    got = assert_inputs_unchanged(boolean_masks.clip_to, data, 2, 8, call="clip_to(2x3, 2, 8)")
    assert_array(got, [[2, 5, 8], [2, 7, 8]], call=f"clip_to({data.tolist()}, 2, 8)", exact=True)


@pytest.mark.parametrize(
    ("data", "low", "high", "expected"),
    [
        (np.array([1, 5, 9]), 2.5, 7, [2.5, 5.0, 7.0]),
        (np.array([0, 100, 255], dtype=np.uint8), 0.5, 99.5, [0.5, 99.5, 99.5]),
        (np.array([-3, 2, 3], dtype=np.int16), -2.25, 2.75, [-2.25, 2.0, 2.75]),
    ],
    ids=["int64", "uint8", "int16"],
)
def test_clip_to_keeps_fractional_bounds_on_integer_data(data, low, high, expected):
    # A bound of 2.5 stays 2.5: clipping an integer copy of the data would make it 2.
    call = f"clip_to({data.tolist()} ({data.dtype}), {low}, {high})"
    got = assert_inputs_unchanged(boolean_masks.clip_to, data, low, high, call=call)
    assert_array(got, expected, call=f"{call} (values below low become low, as given)", exact=True)


def test_clip_to_returns_a_new_array_even_when_nothing_changes():
    data = np.array([61.0, 100.0, 139.0])
    got = boolean_masks.clip_to(data, 60, 140)
    assert_array(got, data, call="clip_to([61, 100, 139], 60, 140)", exact=True)
    assert not np.shares_memory(got, data), (
        "clip_to([61, 100, 139], 60, 140) returned the input itself (or a view of it): "
        "a caller who changes the result would change their data; return a new array"
    )


def test_clip_to_with_equal_bounds_gives_that_value():
    got = boolean_masks.clip_to(np.array([1.0, 5.0, 9.0]), 5, 5)
    assert_array(got, [5.0, 5.0, 5.0], call="clip_to([1, 5, 9], 5, 5)", exact=True)


def test_clip_to_refuses_low_above_high():
    data = np.array([1.0, 2.0])
    call = "clip_to([1, 2], 140, 60)"
    assert_raises_naming(ValueError, "low", boolean_masks.clip_to, data, 140, 60, call=call)


@given(
    st.lists(st.floats(allow_nan=False), max_size=40),
    st.floats(-1e3, 1e3),
    st.floats(0, 1e3),
)
def test_clip_to_lands_every_value_within_the_bounds(values, low, width):
    high = low + width
    data = np.array(values, dtype=float)
    call = f"clip_to({values}, {low}, {high})"
    got = assert_inputs_unchanged(boolean_masks.clip_to, data, low, high, call=call)
    assert_array(got, [min(max(v, low), high) for v in values], call=call, exact=True)
    assert_bool(boolean_masks.all_within(got, low, high), True, call=f"all_within({call})")


def test_all_within_finds_the_seed_data_outside_and_its_clipped_copy_inside():
    data = seed_data()
    call = "all_within(seed data, 60, 140)"
    got = assert_inputs_unchanged(boolean_masks.all_within, data, 60, 140, call=call)
    assert_bool(got, False, call=call, python_bool=True)
    clipped = np.array([min(max(v, 60.0), 140.0) for v in data.tolist()])
    got = boolean_masks.all_within(clipped, 60, 140)
    call = "all_within(seed data clipped to [60, 140], 60, 140)"
    assert_bool(got, True, call=call, python_bool=True)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([60.0, 100.0, 140.0], True),
        ([just_below(60.0), 100.0], False),
        ([100.0, math.nextafter(140.0, math.inf)], False),
        ([100.0, math.nan], False),
        ([math.nan], False),
        ([], True),
        ([-math.inf], False),
    ],
    ids=["both-ends", "below-low", "above-high", "a-nan", "only-nan", "empty", "minus-inf"],
)
def test_all_within_includes_the_ends_and_excludes_nan(values, expected):
    got = boolean_masks.all_within(np.array(values, dtype=float), 60, 140)
    call = f"all_within({values}, 60, 140)"
    assert_bool(got, expected, call=call, python_bool=True)


def test_all_within_looks_at_every_element_of_a_2d_array():
    data = np.array([[60.0, 70.0], [80.0, 150.0]])
    call = f"all_within({data.tolist()}, 60, 140)"
    assert_bool(boolean_masks.all_within(data, 60, 140), False, call=call, python_bool=True)


@pytest.mark.parametrize(
    ("data", "low", "high", "expected"),
    [
        (np.array([3, 5, 9]), 3.5, 9, False),
        (np.array([4, 5, 9]), 3.5, 9, True),
        (np.array([4, 9, 10], dtype=np.uint8), 3.5, 9.5, False),
        (np.array([0, 255], dtype=np.uint8), -0.5, 255.5, True),
        (np.array([-2, 2], dtype=np.int16), -1.5, 2.5, False),
    ],
    ids=["int-below", "int-inside", "uint8-above", "uint8-inside", "int16-below"],
)
def test_all_within_compares_integers_with_fractional_bounds_as_given(data, low, high, expected):
    call = f"all_within({data.tolist()} ({data.dtype}), {low}, {high})"
    got = assert_inputs_unchanged(boolean_masks.all_within, data, low, high, call=call)
    assert_bool(got, expected, call=call, python_bool=True)
