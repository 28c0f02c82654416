"""Tests for kata 21: run ``pytest katas/21_images``."""

import math
import warnings
from fractions import Fraction

import image_stats
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import assert_array, assert_inputs_unchanged, assert_raises_naming

CHANNELS = ("R", "G", "B")


def reference_stats(img):
    """image_stats computed pixel by pixel with plain Python: the test's own reference."""
    pixels = np.asarray(img).reshape(-1, 3).tolist()
    n = len(pixels)
    stats = {}
    for c, name in enumerate(CHANNELS):
        values = [p[c] for p in pixels]
        mean = Fraction(sum(values), n)
        variance = sum((Fraction(v) - mean) ** 2 for v in values) / n
        stats[name] = {
            "mean": float(mean),
            "std": math.sqrt(variance),
            "min": min(values),
            "max": max(values),
        }
    stats["near_white_pct"] = 100 * sum(all(v > 200 for v in p) for p in pixels) / n
    stats["near_black_pct"] = 100 * sum(all(v < 55 for v in p) for p in pixels) / n
    return stats


def _check_stats(img, *, call):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(image_stats.image_stats, img, call=call)
    expected = reference_stats(img)
    assert isinstance(got, dict), f"{call} returned {type(got).__name__}; expected a dict"
    assert set(got) == set(expected), (
        f"{call} returned the keys {sorted(got)}; expected {sorted(expected)}"
    )
    for name in CHANNELS:
        channel = got[name]
        assert isinstance(channel, dict), f"{call}[{name!r}] is {channel!r}; expected a dict"
        assert set(channel) == {"mean", "std", "min", "max"}, (
            f"{call}[{name!r}] has the keys {sorted(channel)}; expected max, mean, min, std"
        )
        for key, kind in (("mean", float), ("std", float), ("min", int), ("max", int)):
            value = channel[key]
            assert type(value) is kind, (
                f"{call}[{name!r}][{key!r}] is {value!r} of type {type(value).__name__}; the "
                f"contract asks for a Python {kind.__name__}: {kind.__name__}(...) turns a "
                "NumPy scalar into one"
            )
            want = expected[name][key]
            if math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-9):
                continue
            hint = ""
            n = np.asarray(img).shape[0] * np.asarray(img).shape[1]
            if key == "std" and n > 1 and math.isclose(value, want * math.sqrt(n / (n - 1))):
                hint = ": that is the std with ddof=1; the contract asks for ddof=0"
            elif key == "std":
                hint = (
                    ": squaring uint8 values wraps around (16**2 is 0 in uint8), so convert "
                    "to float first, or use np.std"
                )
            pytest.fail(
                f"{call}[{name!r}][{key!r}] is {value!r}; expected {want!r}{hint}", pytrace=False
            )
    for key, rule in (("near_white_pct", "> 200"), ("near_black_pct", "< 55")):
        value = got[key]
        assert type(value) is float, (
            f"{call}[{key!r}] is {value!r} of type {type(value).__name__}; the contract asks "
            "for a Python float: float(...) turns a NumPy scalar into one"
        )
        assert math.isclose(value, expected[key], rel_tol=1e-9, abs_tol=1e-9), (
            f"{call}[{key!r}] is {value!r}; expected {expected[key]!r}, the percentage (0 to "
            f"100) of pixels whose three channels are all {rule}: np.all over the channel "
            "axis, not np.any, and a strict comparison"
        )
    return got


# An image whose pixels sit on and just across both thresholds.
EDGES = np.array(
    [
        [[201, 201, 201], [200, 255, 255], [255, 255, 0]],  # white; 200 is not; one dark channel
        [[54, 54, 54], [55, 0, 0], [0, 0, 255]],  # black; 55 is not; one bright channel
    ],
    dtype=np.uint8,
)


# --- image_stats ------------------------------------------------------------------------------


def test_image_stats_of_the_seed_image():
    img = np.random.default_rng(42).integers(0, 256, (128, 128, 3), dtype=np.uint8)
    _check_stats(img, call="image_stats(rng.integers(0, 256, (128, 128, 3), dtype=np.uint8))")


def test_image_stats_thresholds_are_strict_and_need_all_three_channels():
    # Exactly one pixel of six is near white, [201, 201, 201], and one near black, [54, 54, 54].
    expected = reference_stats(EDGES)
    assert expected["near_white_pct"] == expected["near_black_pct"] == 100 / 6, expected
    _check_stats(EDGES, call=f"image_stats({EDGES.tolist()})")


def test_image_stats_of_a_hand_made_image():
    img = np.array([[[0, 10, 250], [4, 10, 250]], [[8, 10, 240], [12, 10, 240]]], np.uint8)
    # R: 0, 4, 8, 12 has mean 6 and std sqrt(20); G is constant; B: mean 245, std 5.
    expected = reference_stats(img)
    assert expected["R"] == {"mean": 6.0, "std": math.sqrt(20), "min": 0, "max": 12}, expected
    assert expected["G"] == {"mean": 10.0, "std": 0.0, "min": 10, "max": 10}, expected
    assert expected["B"] == {"mean": 245.0, "std": 5.0, "min": 240, "max": 250}, expected
    _check_stats(img, call=f"image_stats({img.tolist()})")


def test_image_stats_of_a_bright_image_does_not_wrap_around():
    img = np.array([[[255, 250, 16], [200, 201, 32]], [[255, 255, 48], [230, 240, 64]]], np.uint8)
    _check_stats(img, call=f"image_stats({img.tolist()})")


def test_image_stats_of_one_pixel():
    img = np.array([[[255, 230, 201]]], dtype=np.uint8)
    _check_stats(img, call="image_stats([[[255, 230, 201]]])")  # std 0, 100% near white


@given(hnp.arrays(np.uint8, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6)))
def test_image_stats_matches_a_pixel_by_pixel_reference(plane):
    # Channels built from one plane, so that near-white and near-black pixels come up often.
    third = np.where(plane > 127, plane // 2 + 128, plane // 2)
    img = np.stack([plane, 255 - plane // 8, third], axis=-1).astype(np.uint8)
    _check_stats(img, call=f"image_stats({img.tolist()})")


BAD_IMAGES = [
    (np.zeros((2, 2, 3), dtype=np.float64), "float64"),
    (np.zeros((2, 2, 3), dtype=np.int16), "int16"),
    (np.zeros((2, 2), dtype=np.uint8), "grey (H, W)"),
    (np.zeros((2, 2, 4), dtype=np.uint8), "RGBA"),
    (np.zeros((0, 5, 3), dtype=np.uint8), "no rows"),
    (np.zeros((5, 0, 3), dtype=np.uint8), "no columns"),
]


@pytest.mark.parametrize(("img", "what"), BAD_IMAGES, ids=[w for _, w in BAD_IMAGES])
@pytest.mark.parametrize("name", ["image_stats", "normalize_contrast"])
def test_a_bad_image_is_refused(name, img, what):
    call = f"{name}(a {what} image of shape {img.shape}, dtype {img.dtype})"
    assert_raises_naming(ValueError, "img", getattr(image_stats, name), img, call=call)


def _random_image(rows, cols=4, seed=21):
    return np.random.default_rng(seed).integers(0, 256, (rows, cols, 3), dtype=np.uint8)


def test_image_stats_is_fast_on_a_megapixel_image(timed_gate):
    # 1000 x 1000 pixels: a channel-first copy and its reductions take about 8.3 ms on the
    # reference machine (a loop over the 3 channels is fine; reductions over axes (0, 1) of
    # the (H, W, 3) image are slower). A loop over the pixels takes seconds over NumPy
    # scalars; the loop detector catches even the quicker loop over a Python list.
    img = _random_image(1000, 1000)
    warmup = (_random_image(4),)
    timed_gate(image_stats.image_stats, (img,), warmup=warmup, budget_ms=250)


def test_image_stats_has_no_python_loop_over_pixels(loop_gate):
    loop_gate(image_stats.image_stats, lambda n: (_random_image(n),), over="pixel rows")


# --- normalize_contrast -----------------------------------------------------------------------


def reference_stretch(img):
    """For each value, the lowest and highest accepted result (they differ only on halves)."""
    img = np.asarray(img)
    low, high = np.zeros(img.shape, dtype=int), np.zeros(img.shape, dtype=int)
    for c in range(3):
        values = img[..., c].tolist()
        flat = [v for row in values for v in row]
        lo, hi = min(flat), max(flat)
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if hi == lo:
                    continue  # a constant channel becomes 0
                exact = Fraction(255 * (v - lo), hi - lo)
                nearest = math.floor(exact + Fraction(1, 2))
                halfway = exact - math.floor(exact) == Fraction(1, 2)
                low[i, j, c] = math.floor(exact) if halfway else nearest
                high[i, j, c] = nearest
    return low, high


def _check_stretch(img, *, call):
    __tracebackhide__ = True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = assert_inputs_unchanged(image_stats.normalize_contrast, img, call=call)
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not messages, (
        f"{call} emitted RuntimeWarning: {messages[0]!r}. A constant channel must become 0 "
        "without dividing by zero: np.divide(255, span, out=np.zeros(3), where=span > 0), or "
        "divide by np.maximum(span, 1). np.where(span > 0, 255 / span, 0) still divides by 0."
    )
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    assert got.shape == img.shape, f"{call} returned shape {got.shape}; expected {img.shape}"
    assert got.dtype == np.uint8, (
        f"{call} returned dtype {got.dtype}; expected uint8: round, then .astype(np.uint8)"
    )
    assert not np.shares_memory(got, img), (
        f"{call} returned a view of img; the contract asks for a new array"
    )
    low, high = reference_stretch(img)
    wrong = (got < low) | (got > high)
    if wrong.any():
        where = tuple(int(i) for i in np.argwhere(wrong)[0])
        c = where[2]
        channel = img[..., c]
        lo, hi = int(channel.min()), int(channel.max())
        v = int(img[where])
        exact = 255 * (v - lo) / (hi - lo) if hi > lo else 0.0
        pytest.fail(
            f"{call} returned wrong values at {int(wrong.sum())} of {wrong.size} positions; "
            f"first at index {list(where)}: got {int(got[where])}, expected {int(high[where])}. "
            f"Channel {c} runs from lo = {lo} to hi = {hi}, so {v} becomes the integer nearest "
            f"to 255 * ({v} - {lo}) / ({hi} - {lo}) = {exact:.4f}. Round (np.rint) rather than "
            "truncate, compute in float (uint8 arithmetic wraps around past 255), and take lo "
            "and hi per channel.\n"
            f"expected:\n{high}\ngot:\n{got}",
            pytrace=False,
        )
    return got


def test_normalize_contrast_stretches_each_channel_on_its_own():
    img = np.array([[[10, 0, 100], [20, 255, 100]], [[13, 128, 107], [15, 3, 102]]], np.uint8)
    got = _check_stretch(img, call=f"normalize_contrast({img.tolist()})")
    # R: 10..20, so 13 -> 76.5 (76 or 77) and 15 -> 127.5 (127 or 128); G is already 0..255;
    # B: 100..107, so 102 -> 72.86 -> 73 and 107 -> 255.
    assert_array(got[..., 1], img[..., 1], call="normalize_contrast(...)[..., 1]", exact=True)
    assert_array(got[..., 2], [[0, 0], [255, 73]], call="normalize_contrast(...)[..., 2]")


def test_normalize_contrast_does_not_wrap_around_on_a_narrow_range():
    # (v - lo) * 255 in uint8 wraps around; so does v * 255 before the cast.
    img = np.dstack([np.array([[100, 101], [102, 103]], np.uint8)] * 3)
    got = _check_stretch(img, call=f"normalize_contrast({img.tolist()})")
    assert_array(got[..., 0], [[0, 85], [170, 255]], call="normalize_contrast(...)[..., 0]")


def test_normalize_contrast_rounds_to_the_nearest_integer():
    # Range 0..7: 255 * k / 7 is 36.43, 72.86, 109.29, 145.71, 182.14, 218.57: truncation gives
    # 36, 72, 109, 145, 182, 218; rounding gives 36, 73, 109, 146, 182, 219.
    ramp = np.arange(8, dtype=np.uint8).reshape(2, 4)
    img = np.dstack([ramp, ramp, 7 - ramp])
    _check_stretch(img, call=f"normalize_contrast({img.tolist()})")


def test_normalize_contrast_turns_a_constant_channel_into_zeros():
    img = np.dstack(
        [
            np.full((2, 3), 77, np.uint8),
            np.array([[0, 50, 100], [150, 200, 250]], np.uint8),
            np.full((2, 3), 255, np.uint8),
        ]
    )
    got = _check_stretch(img, call=f"normalize_contrast({img.tolist()})")
    zeros = np.zeros((2, 3))
    assert_array(got[..., 0], zeros, call="normalize_contrast(...)[..., 0], all 77", exact=True)
    assert_array(got[..., 2], zeros, call="normalize_contrast(...)[..., 2], all 255", exact=True)


def test_normalize_contrast_of_one_pixel_is_black():
    img = np.array([[[12, 200, 255]]], dtype=np.uint8)
    _check_stretch(img, call="normalize_contrast([[[12, 200, 255]]])")


@given(hnp.arrays(np.uint8, st.tuples(st.integers(1, 5), st.integers(1, 5), st.just(3))))
def test_normalize_contrast_matches_an_exact_reference(img):
    _check_stretch(img, call=f"normalize_contrast({img.tolist()})")


@given(hnp.arrays(np.uint8, st.tuples(st.integers(1, 5), st.integers(1, 5), st.just(3))))
def test_normalize_contrast_twice_is_the_same_as_once(img):
    once = image_stats.normalize_contrast(img)
    twice = image_stats.normalize_contrast(once)
    call = f"normalize_contrast(normalize_contrast({img.tolist()}))"
    assert_array(twice, once, call=f"{call} vs once (a stretched channel already spans 0..255)")


def test_normalize_contrast_is_fast_on_a_megapixel_image(timed_gate):
    # 1000 x 1000 pixels: whole-array NumPy takes about 10.3 ms on the reference machine (a
    # loop over the 3 channels is fine); a loop over the pixels many times the budget.
    img = _random_image(1000, 1000)
    img[..., 1] //= 2  # a channel that really needs stretching
    warmup = (_random_image(4),)
    timed_gate(image_stats.normalize_contrast, (img,), warmup=warmup, budget_ms=340)


def test_normalize_contrast_has_no_python_loop_over_pixels(loop_gate):
    loop_gate(image_stats.normalize_contrast, lambda n: (_random_image(n),), over="pixel rows")
