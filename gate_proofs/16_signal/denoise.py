"""Correct loop answers to kata 16's gated functions: each must fail the gates."""

import math

import numpy as np


def _check_signal(signal):
    signal = np.asarray(signal)
    if signal.ndim != 1 or signal.size == 0:
        raise ValueError(f"signal must be a non-empty 1-D array, got shape {signal.shape}")
    return signal


def power_spectrum(signal: np.ndarray, fs: float) -> tuple[np.ndarray, np.ndarray]:
    signal = _check_signal(signal)
    if fs <= 0:
        raise ValueError(f"fs must be positive, got {fs}")
    spectrum = np.fft.rfft(signal)
    n = len(signal)
    freqs = np.zeros(len(spectrum))
    power = np.zeros(len(spectrum))
    for k in range(len(spectrum)):
        freqs[k] = k * fs / n
        power[k] = abs(spectrum[k]) ** 2
    return freqs, power


def top_peaks(freqs: np.ndarray, power: np.ndarray, k: int) -> np.ndarray:
    freqs, power = np.asarray(freqs), np.asarray(power)
    if power.shape != freqs.shape or power.ndim != 1:
        raise ValueError(f"power has shape {power.shape}; freqs has shape {freqs.shape}")
    if not 0 <= k <= len(power):
        raise ValueError(f"k must be between 0 and {len(power)}, got {k}")
    taken = set()
    peaks = []
    for _ in range(k):
        best = None
        for i in range(len(power)):
            if i not in taken and (best is None or power[i] > power[best]):
                best = i
        taken.add(best)
        peaks.append(freqs[best])
    return np.array(peaks, dtype=freqs.dtype)


def bandpass(signal: np.ndarray, fs: float, low: float, high: float) -> np.ndarray:
    signal = _check_signal(signal)
    if fs <= 0:
        raise ValueError(f"fs must be positive, got {fs}")
    if low < 0:
        raise ValueError(f"low must not be negative, got {low}")
    if high < low:
        raise ValueError(f"high ({high}) must not be below low ({low})")
    spectrum = np.fft.rfft(signal)
    n = len(signal)
    for k in range(len(spectrum)):
        frequency = k * fs / n
        if frequency < low or frequency > high:
            spectrum[k] = 0
    return np.fft.irfft(spectrum, n=n)


def snr_db(clean: np.ndarray, noisy: np.ndarray) -> float:
    clean, noisy = np.asarray(clean), np.asarray(noisy)
    if clean.ndim != 1 or clean.size == 0:
        raise ValueError(f"clean must be a non-empty 1-D array, got shape {clean.shape}")
    if noisy.shape != clean.shape:
        raise ValueError(f"noisy has shape {noisy.shape}; clean has shape {clean.shape}")
    signal_power = noise_power = 0.0
    for c, y in zip(clean, noisy, strict=True):
        c, y = float(c), float(y)
        signal_power += c * c
        noise_power += (y - c) * (y - c)
    if signal_power == 0:
        raise ValueError("clean has zero power: there is no signal to compare the noise with")
    if noise_power == 0:
        return math.inf
    return 10 * math.log10(signal_power / noise_power)


def gaussian_smooth(signal: np.ndarray, size: int = 21, sigma: float = 3.0) -> np.ndarray:
    signal = _check_signal(signal)
    if size < 1 or size % 2 == 0:
        raise ValueError(f"size must be a positive odd number of points, got {size}")
    if sigma <= 0:
        raise ValueError(f"sigma must be positive, got {sigma}")
    half = size // 2
    weights = [math.exp(-(x * x) / (2 * sigma * sigma)) for x in range(-half, half + 1)]
    total = sum(weights)
    weights = [w / total for w in weights]
    samples = signal.astype(np.float64)
    smoothed = np.zeros(len(samples))
    for i in range(len(samples)):
        acc = 0.0
        for j, w in enumerate(weights):
            position = i + j - half
            if 0 <= position < len(samples):
                acc += w * samples[position]
        smoothed[i] = acc
    return smoothed
