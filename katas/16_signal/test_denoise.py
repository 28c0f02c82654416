"""Tests for kata 16: run ``pytest katas/16_signal``."""

import cmath
import math

import denoise
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

FS = 8000  # the seed's sampling rate: one second of audio, so the FFT bins are 1 Hz apart


def _seed_signals():
    """The seed's clean and noisy signals, sampled with endpoint=False (see the README)."""
    t = np.linspace(0, 1, FS, endpoint=False)
    clean = np.sin(2 * np.pi * 440 * t) + 0.5 * np.sin(2 * np.pi * 880 * t)
    noisy = clean + np.random.RandomState(42).randn(FS) * 0.8  # np.random.seed(42), randn
    return clean, noisy


def _tone(freq, n, fs, amplitude=1.0, phase=0.0):
    """A cosine of ``freq`` Hz, n samples at ``fs`` Hz starting at t = 0 (no end point)."""
    return amplitude * np.cos(2 * np.pi * freq * np.arange(n) / fs + phase)


def _dft(values):
    """The full DFT, X[k] = sum_j x[j] exp(-2 pi i j k / n), by a Python loop."""
    n = len(values)
    return [
        sum(float(x) * cmath.exp(-2j * math.pi * j * k / n) for j, x in enumerate(values))
        for k in range(n)
    ]


def _direct_bandpass(values, fs, low, high):
    """Keep the DFT bins with |frequency| in [low, high], then the inverse DFT, by loops."""
    n = len(values)
    spectrum = _dft(values)
    kept = [x if low <= min(k, n - k) * fs / n <= high else 0 for k, x in enumerate(spectrum)]
    return [
        sum(x * cmath.exp(2j * math.pi * j * k / n) for k, x in enumerate(kept)).real / n
        for j in range(n)
    ]


def _direct_smooth(values, size, sigma):
    half = size // 2
    weights = [math.exp(-(x * x) / (2 * sigma * sigma)) for x in range(-half, half + 1)]
    total = math.fsum(weights)
    values = [float(v) for v in values]
    return [
        math.fsum(
            w / total * values[i + j - half]
            for j, w in enumerate(weights)
            if 0 <= i + j - half < len(values)
        )
        for i in range(len(values))
    ]


def _mean_square(values):
    return math.fsum(float(v) ** 2 for v in values) / len(values)


def _with_rule(check, rule):
    """Run a check; if it fails, add the rule that the wrong answer most likely broke."""
    __tracebackhide__ = True
    try:
        check()
    except pytest.fail.Exception as failure:
        message = f"{failure.msg}\n{rule}"
    else:
        return
    pytest.fail(message, pytrace=False)  # outside the except: no "during handling" chain


def _audio(n, seed=0):
    return np.random.default_rng(seed).normal(size=n)


# --- power_spectrum ---------------------------------------------------------------------------


def test_power_spectrum_of_the_seed_signal():
    _, noisy = _seed_signals()
    freqs, power = denoise.power_spectrum(noisy, FS)
    call = "power_spectrum(the seed's noisy signal, 8000)"
    _with_rule(
        lambda: assert_array(freqs[[0, 1, 440, 880, -1]], [0, 1, 440, 880, 4000], call=call),
        "8000 samples at 8000 Hz: rfft gives 4001 bins, 1 Hz apart, from 0 to 4000 Hz.",
    )
    phases = np.exp(-2j * np.pi * np.outer([440, 880], np.arange(FS)) / FS)
    expected = np.abs(phases @ noisy) ** 2  # the DFT at 440 and 880 Hz, summed directly
    _with_rule(
        lambda: assert_array(power[[440, 880]], expected, call=f"{call}[1][[440, 880]]"),
        "power[k] is |rfft(signal)[k]| ** 2, unnormalised.",
    )


@pytest.mark.parametrize("n", [1, 2, 8, 9], ids=lambda n: f"n={n}")
def test_power_spectrum_matches_a_direct_dft(n):
    signal = np.array([3, -1, 4, 1, -5, 9, 2, -6, 5][:n], dtype=float)
    call = f"power_spectrum({signal.tolist()}, fs=100)"
    freqs, power = denoise.power_spectrum(signal, 100)
    bins = n // 2 + 1
    _with_rule(
        lambda: assert_array(freqs, [k * 100 / n for k in range(bins)], call=f"{call}[0]"),
        f"A real signal of {n} samples has n // 2 + 1 = {bins} one-sided bins (np.fft.rfft, "
        "not np.fft.fft), at k * fs / n Hz (np.fft.rfftfreq(n, d=1 / fs)).",
    )
    expected = [abs(x) ** 2 for x in _dft(signal)[:bins]]
    _with_rule(
        lambda: assert_array(power, expected, call=f"{call}[1]", atol=1e-9),
        "power[k] is |X[k]| ** 2 with X = np.fft.rfft(signal), no normalisation.",
    )
    assert_dtype_kind(power, "f", call=call, why="power is real: |X| ** 2, not X ** 2")


def test_power_spectrum_of_int16_pcm_samples():
    signal = np.array([32767, -32768, 32767, -32768, 0, 12345, -1], dtype=np.int16)
    call = f"power_spectrum({signal.tolist()} as int16, fs=7)"
    freqs, power = denoise.power_spectrum(signal, 7)
    assert_array(freqs, [0.0, 1.0, 2.0, 3.0], call=f"{call}[0]")
    expected = [abs(x) ** 2 for x in _dft(signal)[:4]]
    assert_array(power, expected, call=f"{call}[1]", rtol=1e-9)
    assert_dtype_kind(power, "f", call=call, why="powers of int16 samples overflow int16")


@given(
    hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(-1e3, 1e3)),
    st.floats(1, 1e5),
)
def test_power_spectrum_keeps_the_energy_of_the_signal(signal, fs):
    # Parseval: sum(x ** 2) = (sum of |X[k]| ** 2 over all n bins) / n; the one-sided
    # spectrum counts every bin but 0 and n / 2 (for even n) twice.
    freqs, power = denoise.power_spectrum(signal, fs)
    n = len(signal)
    twice = np.ones(len(power), dtype=bool)
    twice[0] = False
    if n % 2 == 0:
        twice[-1] = False
    energy = (power.sum() + power[twice].sum()) / n
    call = f"power_spectrum({signal.tolist()}, {fs})"
    assert_value(energy, math.fsum(x * x for x in signal), call=f"energy of {call}", atol=1e-6)
    assert_array(freqs[-1:], [(n // 2) * fs / n], call=f"{call}[0][-1]", rtol=1e-12)


def test_power_spectrum_returns_new_arrays_and_leaves_the_signal_unchanged():
    signal = np.array([1.0, 2.0, 0.0, -1.0])
    call = "power_spectrum([1, 2, 0, -1], 4)"
    _, power = assert_inputs_unchanged(denoise.power_spectrum, signal, 4, call=call)
    assert not np.shares_memory(power, signal), f"{call}: power shares memory with signal"


@pytest.mark.parametrize(
    ("signal", "fs", "bad"),
    [
        (np.ones((2, 4)), 100, "signal"),
        (np.array([]), 100, "signal"),
        (np.ones(4), 0, "fs"),
        (np.ones(4), -8000, "fs"),
    ],
    ids=["2d", "empty", "fs_zero", "fs_negative"],
)
def test_power_spectrum_refuses_bad_input(signal, fs, bad):
    call = f"power_spectrum(shape {signal.shape}, fs={fs})"
    assert_raises_naming(ValueError, bad, denoise.power_spectrum, signal, fs, call=call)


def test_power_spectrum_has_no_python_loop_over_the_spectrum(loop_gate):
    # No timed gate: the FFT dominates, and a loop over the bins to square each one costs
    # only a few times as much, too little for a timer. Counting lines catches it.
    loop_gate(denoise.power_spectrum, lambda n: (_audio(n), 44_100), over="samples", n=200)


# --- top_peaks --------------------------------------------------------------------------------


def test_top_peaks_of_the_seed_signal_are_440_and_880_hz():
    _, noisy = _seed_signals()
    freqs, power = denoise.power_spectrum(noisy, FS)
    got = denoise.top_peaks(freqs, power, 2)
    assert_array(got, [440.0, 880.0], call="top_peaks(spectrum of the seed's signal, 2)")


def test_top_peaks_returns_frequencies_not_bin_indices():
    # 500 samples at 1000 Hz: the bins are 2 Hz apart, so bin 60 is 120 Hz.
    signal = _tone(120, 500, 1000) + 0.5 * _tone(300, 500, 1000)
    freqs, power = denoise.power_spectrum(signal, 1000)
    got = denoise.top_peaks(freqs, power, 2)
    _with_rule(
        lambda: assert_array(got, [120.0, 300.0], call="top_peaks(120 Hz + 300 Hz at fs=1000)"),
        "Return freqs at the strongest bins (freqs[indices]), not the indices themselves.",
    )


def test_top_peaks_breaks_ties_by_lower_frequency():
    freqs = np.array([0.0, 10.0, 20.0, 30.0, 40.0])
    power = np.array([1.0, 5.0, 3.0, 5.0, 3.0])
    got = denoise.top_peaks(freqs, power, 4)
    _with_rule(
        lambda: assert_array(
            got, [10.0, 30.0, 20.0, 40.0], call="top_peaks([0..40], [1, 5, 3, 5, 3], 4)"
        ),
        "Strongest first; equal powers in increasing frequency: a stable sort of -power "
        "(np.argsort(power)[::-1] reverses the order of equal powers).",
    )


@pytest.mark.parametrize("k", [0, 1, 5], ids=lambda k: f"k={k}")
def test_top_peaks_from_none_to_every_bin(k):
    freqs = np.array([0.0, 0.5, 1.0, 1.5, 2.0])
    power = np.array([4.0, 1.0, 9.0, 16.0, 0.0])
    got = denoise.top_peaks(freqs, power, k)
    assert_array(got, [1.5, 1.0, 0.0, 0.5, 2.0][:k], call=f"top_peaks(5 bins, {k})")


@given(st.lists(st.integers(0, 4), min_size=1, max_size=30), st.data())
def test_top_peaks_matches_a_sorted_reference(levels, data):
    k = data.draw(st.integers(0, len(levels)), label="k")
    freqs = np.arange(len(levels)) * 2.5
    power = np.array(levels, dtype=float)
    order = sorted(range(len(levels)), key=lambda i: (-levels[i], i))[:k]
    got = denoise.top_peaks(freqs, power, k)
    call = f"top_peaks(freqs, power={levels}, {k})"
    assert_array(got, freqs[order], call=f"{call} (equal powers: lower frequency first)")


def test_top_peaks_returns_a_new_array_and_leaves_its_inputs_unchanged():
    freqs = np.array([0.0, 1.0, 2.0])
    power = np.array([1.0, 3.0, 2.0])
    call = "top_peaks([0, 1, 2], [1, 3, 2], 3)"
    got = assert_inputs_unchanged(denoise.top_peaks, freqs, power, 3, call=call)
    assert not np.shares_memory(got, freqs), f"{call} returned a view of freqs, not a new array"


@pytest.mark.parametrize(
    ("power", "k", "bad"),
    [(np.ones(3), 4, "k"), (np.ones(3), -1, "k"), (np.ones(2), 1, "power")],
    ids=["k_too_large", "k_negative", "shapes_differ"],
)
def test_top_peaks_refuses_bad_input(power, k, bad):
    freqs = np.arange(3.0)
    call = f"top_peaks(3 freqs, {len(power)} powers, {k})"
    assert_raises_naming(ValueError, bad, denoise.top_peaks, freqs, power, k, call=call)


def _spectrum(n):
    rng = np.random.default_rng(3)
    return np.arange(n) * 0.5, rng.exponential(size=n)


def test_top_peaks_has_no_python_loop_over_bins(loop_gate):
    loop_gate(denoise.top_peaks, lambda n: (*_spectrum(n), 3), over="bins")


# --- bandpass ---------------------------------------------------------------------------------


def test_bandpass_keeps_the_seed_tones_and_removes_most_noise():
    clean, noisy = _seed_signals()
    call = "bandpass(the seed's clean signal, 8000, 400, 950)"
    _with_rule(
        lambda: assert_array(denoise.bandpass(clean, FS, 400, 950), clean, call=call, atol=1e-9),
        "440 and 880 Hz lie inside 400-950 Hz, on bins: the filter leaves them unchanged.",
    )
    filtered = denoise.bandpass(noisy, FS, 400, 950)
    noise_before = _mean_square(noisy - clean)
    noise_after = _mean_square(filtered - clean)
    # White noise spreads evenly over the 4001 bins and the band keeps 551 of them.
    assert 0.1 < noise_after / noise_before < 0.2, (
        f"bandpass(the seed's noisy signal, 8000, 400, 950) kept {noise_after / noise_before:.3f}"
        " of the noise power; expected about 551 / 4000 = 0.138 (only the bins from 400 to "
        "950 Hz survive)"
    )


@pytest.mark.parametrize(
    ("freq", "low", "high", "kept"),
    [
        (400, 400, 950, True),
        (950, 400, 950, True),
        (399, 400, 950, False),
        (951, 400, 950, False),
        (400, 399.5, 950.5, True),
        (399, 399.5, 950.5, False),
        (951, 399.5, 950.5, False),
        (700, 700, 700, True),
    ],
    ids=[
        "on_low",
        "on_high",
        "below_low",
        "above_high",
        "half_bin_inside_low",
        "half_bin_below_low",
        "half_bin_above_high",
        "low_equals_high",
    ],
)
def test_bandpass_includes_both_band_edges(freq, low, high, kept):
    tone = _tone(freq, 2000, 2000, phase=0.3)  # 2000 samples at 2000 Hz: bins 1 Hz apart
    got = denoise.bandpass(tone, 2000, low, high)
    expected = tone if kept else np.zeros_like(tone)
    fate = "kept unchanged" if kept else "removed"
    _with_rule(
        lambda: assert_array(got, expected, call=f"bandpass({freq} Hz tone, 2000, {low}, {high})"),
        f"The band is {low} <= f <= {high}, both edges included: a {freq} Hz tone is {fate}.",
    )


def test_bandpass_with_low_0_keeps_the_constant_offset():
    signal = 2.0 + _tone(5, 100, 100)
    call = "bandpass(2 + 5 Hz tone, 100, low, 10)"
    kept = denoise.bandpass(signal, 100, 0, 10)
    assert_array(kept, signal, call=call.replace("low", "0") + " (0 Hz is in the band)")
    removed = denoise.bandpass(signal, 100, 1, 10)
    assert_array(removed, signal - 2.0, call=call.replace("low", "1") + " (0 Hz is not)")


@pytest.mark.parametrize("n", [999, 1000], ids=["odd_length", "even_length"])
def test_bandpass_returns_real_float64_of_the_same_length(n):
    signal = _audio(n)
    call = f"bandpass({n} samples, 1000, 50, 200)"
    got = denoise.bandpass(signal, 1000, 50, 200)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    assert got.shape == (n,), (
        f"{call} returned shape {got.shape}; expected ({n},). np.fft.irfft returns an even "
        "number of samples unless told: pass n=len(signal)."
    )
    assert got.dtype == np.float64, (
        f"{call} returned dtype {got.dtype}; expected float64: a filtered real signal is real "
        "(np.fft.irfft gives it; np.fft.ifft gives complex numbers)"
    )


@pytest.mark.parametrize(
    ("signal", "fs", "low", "high"),
    [
        (np.array([3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5], dtype=np.int16), 11, 2, 4),
        (np.array([200, 0, 255, 7, 0, 128, 64, 1], dtype=np.uint8), 8, 0.5, 3.5),
        (np.array([0.5, -1.5, 2.0, 0.25, -0.75, 1.0, 3.0]), 7000, 1000, 3000),
    ],
    ids=["int16_odd_length", "uint8_fractional_band", "float_odd_length"],
)
def test_bandpass_matches_a_direct_dft(signal, fs, low, high):
    got = denoise.bandpass(signal, fs, low, high)
    expected = _direct_bandpass(signal, fs, low, high)
    call = f"bandpass({signal.tolist()} as {signal.dtype}, {fs}, {low}, {high})"
    _with_rule(
        lambda: assert_array(got, expected, call=call, atol=1e-9),
        "Zero the rfft bins below low or above high (both edges kept), then irfft with "
        "n=len(signal).",
    )


@given(st.data())
def test_bandpass_keeps_a_tone_inside_the_band_and_removes_one_outside(data):
    n = data.draw(st.integers(8, 64), label="n")
    fs = n * data.draw(st.sampled_from([0.5, 1.0, 2.0, 8.0]), label="fs / n")
    low_bin = data.draw(st.integers(1, n // 2 - 1), label="low bin")
    high_bin = data.draw(st.integers(low_bin, n // 2 - 1), label="high bin")
    tone_bin = data.draw(st.integers(1, n // 2 - 1), label="tone bin")
    phase = data.draw(st.floats(0, 2 * math.pi), label="phase")
    low, high = (low_bin - 0.5) * fs / n, (high_bin + 0.5) * fs / n  # edges between bins
    tone = _tone(tone_bin * fs / n, n, fs, amplitude=3.0, phase=phase)
    inside = low_bin <= tone_bin <= high_bin
    got = denoise.bandpass(tone, fs, low, high)
    expected = tone if inside else np.zeros(n)
    fate = "inside the band: unchanged" if inside else "outside the band: removed"
    call = f"bandpass({tone_bin * fs / n} Hz tone, {n} samples, fs={fs}, {low}, {high}) ({fate})"
    assert_array(got, expected, call=call, atol=1e-9)


def test_bandpass_returns_a_new_array_and_leaves_the_signal_unchanged():
    signal = np.array([1.0, -2.0, 3.0, 0.5, 0.0, -1.0])
    call = "bandpass([1, -2, 3, 0.5, 0, -1], 6, 0, 3)"
    got = assert_inputs_unchanged(denoise.bandpass, signal, 6, 0, 3, call=call)
    assert not np.shares_memory(got, signal), f"{call} returned memory shared with signal"


@pytest.mark.parametrize(
    ("signal", "fs", "low", "high", "bad"),
    [
        (np.ones((2, 4)), 100, 1, 10, "signal"),
        (np.array([]), 100, 1, 10, "signal"),
        (np.ones(8), 0, 1, 10, "fs"),
        (np.ones(8), 100, -1, 10, "low"),
        (np.ones(8), 100, 20, 10, "high"),
    ],
    ids=["2d", "empty", "fs_zero", "low_negative", "high_below_low"],
)
def test_bandpass_refuses_bad_input(signal, fs, low, high, bad):
    call = f"bandpass(shape {signal.shape}, {fs}, {low}, {high})"
    assert_raises_naming(ValueError, bad, denoise.bandpass, signal, fs, low, high, call=call)


def test_bandpass_has_no_python_loop_over_the_spectrum(loop_gate):
    # No timed gate: the two FFTs dominate, and a loop over the bins to zero them costs only
    # a few times as much. Counting lines catches it.
    loop_gate(denoise.bandpass, lambda n: (_audio(n), 44_100, 300, 3400), over="samples", n=200)


# --- snr_db -----------------------------------------------------------------------------------


def test_snr_db_of_the_seed_signals():
    clean, noisy = _seed_signals()
    expected = 10 * math.log10(_mean_square(clean) / _mean_square(noisy - clean))
    got = denoise.snr_db(clean, noisy)
    assert_value(got, expected, call="snr_db(the seed's clean, noisy)")


@pytest.mark.parametrize(
    ("noise_amplitude", "expected"),
    [(1.0, 0.0), (0.1, 20.0), (math.sqrt(0.1), 10.0), (10.0, -20.0)],
    ids=["equal_power", "tenth_amplitude", "tenth_power", "ten_times_amplitude"],
)
def test_snr_db_is_ten_log10_of_the_power_ratio(noise_amplitude, expected):
    clean = np.array([1.0, -1.0, 1.0, -1.0])
    noisy = clean + noise_amplitude * np.array([1.0, 1.0, -1.0, -1.0])
    got = denoise.snr_db(clean, noisy)
    call = f"snr_db([1, -1, 1, -1], clean + {noise_amplitude:g} * [1, 1, -1, -1])"
    _with_rule(
        lambda: assert_value(got, expected, call=call, atol=1e-9),
        "SNR in dB is 10 * log10(signal power / noise power); 20 * log10 is for amplitude "
        "ratios. Power is the mean of the squared samples.",
    )


def test_snr_db_counts_a_constant_offset_as_noise():
    clean = np.array([2.0, 0.0, 2.0, 0.0])  # mean square 2, variance 1
    noisy = clean + 0.2
    got = denoise.snr_db(clean, noisy)
    _with_rule(
        lambda: assert_value(got, 10 * math.log10(2 / 0.04), call="snr_db([2, 0, 2, 0], + 0.2)"),
        "Power is the mean of the squares, not the variance: np.var ignores an offset, so "
        "it counts neither the clean signal's mean nor a constant error.",
    )


def test_snr_db_of_int16_samples_does_not_wrap_around():
    clean = np.array([30000, -30000, 20000, -20000], dtype=np.int16)
    noisy = np.array([30300, 30000, 20000, -20200], dtype=np.int16)
    noise = [300, 60000, 0, -200]  # -30000 to 30000: the difference does not fit in int16
    expected = 10 * math.log10(_mean_square(clean.tolist()) / _mean_square(noise))
    got = denoise.snr_db(clean, noisy)
    call = f"snr_db({clean.tolist()}, {noisy.tolist()}, both int16)"
    _with_rule(
        lambda: assert_value(got, expected, call=call),
        "Convert to float64 before subtracting or squaring: int16 differences and squares "
        "wrap around.",
    )


def test_snr_db_returns_a_python_float():
    got = denoise.snr_db(np.array([1.0, -1.0]), np.array([1.5, -1.0]))
    assert type(got) is float, (
        f"snr_db([1, -1], [1.5, -1]) returned {got!r} ({type(got).__name__}); expected a "
        "Python float: float(...) turns a NumPy number into one"
    )


def test_snr_db_of_a_perfect_copy_is_infinite():
    clean = np.array([1.0, -2.0, 3.0])
    got = denoise.snr_db(clean, clean.copy())
    assert got == math.inf, (
        f"snr_db(x, x) returned {got!r}; expected inf: no noise at all is an infinite SNR"
    )


@given(
    hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-1e3, 1e3)),
    st.floats(1e-3, 1e3),
    st.integers(0, 2**32 - 1),
)
def test_snr_db_matches_a_python_reference(clean, noise_scale, seed):
    noise = np.random.default_rng(seed).normal(size=len(clean)) * noise_scale
    noisy = clean + noise
    signal_power, noise_power = _mean_square(clean), _mean_square(noisy - clean)
    if signal_power < 1e-12 or noise_power == 0:
        return
    got = denoise.snr_db(clean, noisy)
    expected = 10 * math.log10(signal_power / noise_power)
    assert_value(got, expected, call=f"snr_db({clean.tolist()}, noisy)", atol=1e-9)


def test_snr_db_leaves_its_inputs_unchanged():
    clean = np.array([1, -1, 1], dtype=np.int16)
    noisy = np.array([2, -1, 0], dtype=np.int16)
    assert_inputs_unchanged(denoise.snr_db, clean, noisy, call="snr_db(int16 arrays)")


@pytest.mark.parametrize(
    ("clean", "noisy", "bad"),
    [
        (np.zeros(4), np.ones(4), "clean"),
        (np.array([]), np.array([]), "clean"),
        (np.ones((2, 2)), np.ones((2, 2)), "clean"),
        (np.ones(4), np.ones(5), "noisy"),
    ],
    ids=["silent_clean", "empty", "2d", "lengths_differ"],
)
def test_snr_db_refuses_bad_input(clean, noisy, bad):
    call = f"snr_db(shape {clean.shape}, shape {noisy.shape})"
    assert_raises_naming(ValueError, bad, denoise.snr_db, clean, noisy, call=call)


def _signal_pair(n):
    clean = _audio(n, seed=1)
    return clean, clean + _audio(n, seed=2) * 0.3


def test_snr_db_has_no_python_loop_over_samples(loop_gate):
    loop_gate(denoise.snr_db, _signal_pair, over="samples")


# --- gaussian_smooth --------------------------------------------------------------------------


def test_gaussian_smooth_of_the_seed_signal_matches_a_direct_sum():
    _, noisy = _seed_signals()
    got = denoise.gaussian_smooth(noisy)
    expected = _direct_smooth(noisy, 21, 3.0)
    assert_array(got, expected, call="gaussian_smooth(the seed's noisy signal)", atol=1e-9)


def test_gaussian_smooth_leaves_a_constant_unchanged_away_from_the_ends():
    got = denoise.gaussian_smooth(np.ones(100))
    _with_rule(
        lambda: assert_array(got[10:90], np.ones(80), call="gaussian_smooth(ones(100))[10:90]"),
        "The kernel must sum to 1 (divide it by its sum): then a constant stays constant.",
    )


@pytest.mark.parametrize(
    ("size", "sigma"), [(1, 3.0), (3, 0.5), (5, 1.0), (21, 3.0), (11, 10.0)], ids=str
)
def test_gaussian_smooth_matches_a_direct_sum_with_zeros_beyond_the_ends(size, sigma):
    signal = np.array([4.0, -2.0, 7.0, 1.0, 0.0, 3.0, -5.0, 8.0, 2.0, 6.0, -1.0, 9.0] * 3)
    got = denoise.gaussian_smooth(signal, size, sigma)
    expected = _direct_smooth(signal, size, sigma)
    _with_rule(
        lambda: assert_array(
            got, expected, call=f"gaussian_smooth(36 samples, {size}, {sigma})", atol=1e-12
        ),
        "Each output is the weighted sum of the size samples centred on it, with the kernel "
        "exp(-x**2 / (2 * sigma**2)) / sum, x from -(size // 2) to size // 2, and zeros "
        "beyond the ends (np.convolve(..., mode='same')).",
    )


@pytest.mark.parametrize("n", [1, 5, 20], ids=lambda n: f"{n}_samples")
def test_gaussian_smooth_of_a_signal_shorter_than_the_kernel(n):
    signal = np.arange(1.0, n + 1)
    got = denoise.gaussian_smooth(signal)
    call = f"gaussian_smooth({n} samples) with the 21-point kernel"
    _with_rule(
        lambda: assert_array(got, _direct_smooth(signal, 21, 3.0), call=call, atol=1e-12),
        "The result has len(signal) samples: np.convolve(mode='same') returns "
        "max(len(signal), len(kernel)) of them.",
    )


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_gaussian_smooth_of_integer_samples_is_float64(dtype):
    top = np.iinfo(dtype).max
    signal = np.array([top, top, 0, top, top, 0, 1], dtype=dtype)
    call = f"gaussian_smooth({signal.tolist()} as {np.dtype(dtype)}, 3, 1.0)"
    got = denoise.gaussian_smooth(signal, 3, 1.0)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}, not an ndarray"
    assert got.dtype == np.float64, f"{call} returned dtype {got.dtype}; expected float64"
    assert_array(got, _direct_smooth(signal, 3, 1.0), call=call, atol=1e-9)


@given(
    st.floats(-100, 100),
    st.floats(-100, 100),
    st.sampled_from([1, 3, 5, 9, 21]),
    st.floats(0.3, 20),
)
def test_gaussian_smooth_leaves_a_straight_line_unchanged_away_from_the_ends(
    slope, intercept, size, sigma
):
    line = intercept + slope * np.arange(60.0)
    got = denoise.gaussian_smooth(line, size, sigma)
    half = size // 2
    call = f"gaussian_smooth({intercept} + {slope} * t, {size}, {sigma})[{half}:{60 - half}]"
    assert_array(got[half : 60 - half], line[half : 60 - half], call=call, atol=1e-9)


def test_gaussian_smooth_returns_a_new_array_and_leaves_the_signal_unchanged():
    signal = np.array([1.0, 5.0, 2.0, 8.0, 3.0])
    call = "gaussian_smooth([1, 5, 2, 8, 3], 3, 1.0)"
    got = assert_inputs_unchanged(denoise.gaussian_smooth, signal, 3, 1.0, call=call)
    assert not np.shares_memory(got, signal), f"{call} returned memory shared with signal"


@pytest.mark.parametrize(
    ("signal", "size", "sigma", "bad"),
    [
        (np.ones(30), 20, 3.0, "size"),
        (np.ones(30), 0, 3.0, "size"),
        (np.ones(30), -3, 3.0, "size"),
        (np.ones(30), 21, 0.0, "sigma"),
        (np.ones(30), 21, -1.0, "sigma"),
        (np.array([]), 21, 3.0, "signal"),
        (np.ones((3, 10)), 21, 3.0, "signal"),
    ],
    ids=["even_size", "size_zero", "size_negative", "sigma_zero", "sigma_negative", "empty", "2d"],
)
def test_gaussian_smooth_refuses_bad_input(signal, size, sigma, bad):
    call = f"gaussian_smooth(shape {signal.shape}, {size}, {sigma})"
    assert_raises_naming(ValueError, bad, denoise.gaussian_smooth, signal, size, sigma, call=call)


def test_gaussian_smooth_is_fast_on_a_million_samples(timed_gate):
    # 10^6 samples: np.convolve with 21 weights takes about 7 ms on the reference machine, a
    # loop over the samples seconds.
    signal = _audio(1_000_000)
    timed_gate(denoise.gaussian_smooth, (signal,), warmup=(_audio(50, seed=1),), budget_ms=260)


def test_gaussian_smooth_has_no_python_loop_over_samples(loop_gate):
    loop_gate(denoise.gaussian_smooth, lambda n: (_audio(n),), over="samples")
