"""Correct loop answers to kata 06's gated functions: each must fail the gates."""

import numpy as np


def _checked_data_and_edges(data, edges):
    data, edges = np.asarray(data), np.asarray(edges)
    if edges.ndim != 1 or edges.size == 0:
        raise ValueError(f"edges must be a non-empty 1-D list of edges, got shape {edges.shape}")
    if not np.all(np.diff(edges) > 0):
        raise ValueError(f"edges must be strictly increasing, got {edges}")
    if np.isnan(data).any():
        raise ValueError("data holds a NaN, which is in no band")
    return data, edges


def band_counts(data, edges):
    data, edges = _checked_data_and_edges(data, edges)
    counts = np.zeros(edges.size + 1, dtype=int)
    for value in data.flat:
        counts[np.searchsorted(edges, value, side="right")] += 1
    return counts


def band_labels(data, edges, labels):
    data, edges = _checked_data_and_edges(data, edges)
    if len(labels) != edges.size + 1:
        raise ValueError(f"labels needs {edges.size + 1} entries, got {len(labels)}")
    result = np.empty(data.shape, dtype=object)
    for index, value in np.ndenumerate(data):
        result[index] = labels[np.searchsorted(edges, value, side="right")]
    return result
