"""Kata 16: Audio Denoising Pipeline. Spectrum, band-pass filter, SNR and smoothing."""

import numpy as np


def power_spectrum(signal: np.ndarray, fs: float) -> tuple[np.ndarray, np.ndarray]:
    """The one-sided power spectrum of a real signal: ``(freqs, power)``.

    ``signal`` is a non-empty 1-D array of n real samples (any integer or float dtype, such as
    int16 audio), taken ``fs`` times a second. ``power[k] = |X[k]|**2`` where ``X`` is
    ``np.fft.rfft(signal)``, unnormalised, and ``freqs[k] = k * fs / n`` is that bin's
    frequency in Hz: both are new float64 arrays of n // 2 + 1 bins (n = 8 gives bins
    0, 1, ..., 4; n = 9 too), from 0 Hz up to the highest frequency at or below fs / 2.
    Raises ValueError naming ``signal`` if it is not 1-D or is empty, naming ``fs`` if it is
    not positive. ``signal`` is not modified.
    """
    raise NotImplementedError("power_spectrum")


def top_peaks(freqs: np.ndarray, power: np.ndarray, k: int) -> np.ndarray:
    """The frequencies of the ``k`` strongest bins of a spectrum, strongest first.

    ``freqs`` and ``power`` are 1-D arrays of the same length, ``freqs`` ascending, as
    ``power_spectrum`` returns them. Returns a new array of ``k`` values taken from ``freqs``
    (so of its dtype), in decreasing power; bins of equal power come in increasing frequency.
    ``k`` may be 0 (an empty array) up to ``len(power)``.
    Raises ValueError naming ``power`` if its shape differs from ``freqs``', and naming ``k``
    if it is negative or more than ``len(power)``. Neither array is modified.
    """
    raise NotImplementedError("top_peaks")


def bandpass(signal: np.ndarray, fs: float, low: float, high: float) -> np.ndarray:
    """``signal`` with every frequency outside ``[low, high]`` Hz removed, by the FFT.

    Take ``np.fft.rfft`` of the signal, set to 0 each bin whose frequency (as in
    ``power_spectrum``) is below ``low`` or above ``high``, and transform back. Both edges
    belong to the band: a bin at exactly ``low`` or ``high`` Hz is kept. A tone that sits on a
    bin inside the band comes back unchanged, one outside it is removed. Returns a new
    float64 array of the same length as ``signal`` (odd lengths too), never a complex one.
    ``signal`` as in ``power_spectrum``; ``0 <= low <= high``.
    Raises ValueError naming ``signal`` if it is not 1-D or is empty, ``fs`` if it is not
    positive, ``low`` if it is negative, ``high`` if it is below ``low``.
    ``signal`` is not modified.
    """
    raise NotImplementedError("bandpass")


def snr_db(clean: np.ndarray, noisy: np.ndarray) -> float:
    """The signal-to-noise ratio of ``noisy`` against ``clean``, in decibels of power.

    The noise is ``noisy - clean``. The power of a signal is the mean of its squared samples
    (not its variance: an offset counts). Returns ``10 * log10(power(clean) / power(noise))``
    as a Python float: 0 dB when the two powers are equal, +10 dB for ten times less noise
    power, +20 dB for a hundred times (ten times less noise amplitude). Returns ``inf`` when
    ``noisy`` equals ``clean``. Both are 1-D arrays of the same length, any integer or float
    dtype (squares of int16 samples do not fit in int16).
    Raises ValueError naming ``clean`` if it is not 1-D, is empty or has zero power, and naming
    ``noisy`` if its shape differs from ``clean``'s. Neither array is modified.
    """
    raise NotImplementedError("snr_db")


def gaussian_smooth(signal: np.ndarray, size: int = 21, sigma: float = 3.0) -> np.ndarray:
    """``signal`` smoothed by a ``size``-point Gaussian kernel with ``np.convolve``.

    The kernel is ``exp(-x**2 / (2 * sigma**2))`` at ``x = -(size // 2), ..., size // 2``,
    divided by its sum so that it sums to 1. Each output sample is the kernel-weighted sum of
    the ``size`` samples centred on it; samples beyond either end count as 0 (so the first and
    last ``size // 2`` outputs lean towards 0), and away from the ends a constant or a
    straight line comes back unchanged. Returns a new float64 array of the same length as
    ``signal``, also when the signal is shorter than the kernel.
    ``signal`` as in ``power_spectrum``; ``size`` a positive odd int.
    Raises ValueError naming ``signal`` if it is not 1-D or is empty, ``size`` if it is not
    positive and odd, ``sigma`` if it is not positive. ``signal`` is not modified.
    """
    raise NotImplementedError("gaussian_smooth")
