"""How fast this machine runs each kind of NumPy operation, against the reference machine.

A timed gate's budget is written in milliseconds on the reference machine and names the kind of
operation that dominates the answer (its workload). Machines do not speed up alike: a Xeon with
AVX-512 runs ``exp`` 3.6x faster than an EPYC, but ``np.percentile`` no faster. So each kind has
its own small workload, timed here just before the gate. Both count CPU time, which other
processes' load does not inflate, as it inflates wall-clock time.

``python -m numpy_katas.calibration`` prints this machine's times, to write down as the
reference when the budgets are retuned on a new reference machine.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable

import numpy as np

# The reference machine: a 2-core Intel Xeon VM (KVM), CPython 3.11, numpy 2.4 with OpenBLAS,
# quiet. Medians of the workloads below, in seconds.
REFERENCE_S = {
    "elementwise": 0.00205,
    "sort": 0.00375,
    "scatter": 0.00182,
    "matmul": 0.0039,
    "linalg": 0.0039,
    "fft": 0.0050,
}
WORKLOADS = {
    "elementwise": "ufuncs, comparisons, np.where, reductions such as sum and max",
    "sort": "sort, argsort, partition, percentile, unique, searchsorted, isin",
    "scatter": "bincount, np.add.at, histogram, fancy-index gathers and scatters",
    "matmul": "matrix products: @, np.dot, np.einsum (BLAS)",
    "linalg": "batched small solves, inverses, determinants (LAPACK)",
    "fft": "np.fft transforms",
}
# Never scale a budget below this fraction of its reference value, whatever a calibration says.
FLOOR = 0.25
REPEATS = 5


@functools.cache
def _workload(kind: str) -> Callable[[], object]:
    """The calibration workload of one kind: a few milliseconds of that kind of NumPy work."""
    rng = np.random.default_rng(0)
    if kind == "elementwise":
        x = np.linspace(0.0, 1.0, 1_000_000)
        return lambda: (np.exp(x).sum(), np.where(x > 0.5, x, 0.0).max())
    if kind == "sort":
        y = rng.random(200_000)
        return lambda: (np.sort(y), np.partition(y, 100_000), np.percentile(y, [10, 90]))
    if kind == "scatter":
        index = rng.integers(0, 1000, 1_000_000)
        weights = rng.random(1_000_000)
        table = np.zeros(1000)
        return lambda: (
            np.bincount(index, weights, 1000),
            weights[index],
            np.add.at(table, index[:50_000], 1.0),
        )
    if kind == "matmul":
        a, b = rng.random((1500, 64)), rng.random((64, 1500))
        return lambda: a @ b
    if kind == "linalg":
        m = rng.random((20_000, 3, 3)) + 3 * np.eye(3)
        v = rng.random((20_000, 3, 1))
        return lambda: (np.linalg.solve(m, v), np.linalg.det(m))
    if kind == "fft":
        z = rng.random(1 << 18)
        return lambda: np.fft.irfft(np.fft.rfft(z))
    raise ValueError(f"workload={kind!r}: choose one of {', '.join(WORKLOADS)}")


def measure(kind: str, repeats: int = REPEATS) -> float:
    """Median CPU seconds of ``repeats`` runs of the workload (after one warm-up run).

    CPU time of this thread, as the timed gate counts: how fast the machine is, not how busy
    it is."""
    run = _workload(kind)
    run()
    times = []
    for _ in range(repeats):
        start = time.thread_time()
        run()
        times.append(time.thread_time() - start)
    return sorted(times)[repeats // 2]


def machine_factor(kind: str) -> float:
    """How many times longer than the reference machine this one takes for ``kind``, now."""
    return max(measure(kind) / REFERENCE_S[kind], FLOOR)


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    kinds = sys.argv[1:] or list(WORKLOADS)
    for kind in kinds:
        with threadpool_limits(limits=1):  # as the timed gate runs
            runs = sorted(measure(kind, 21) for _ in range(3))
        print(
            f"{kind:<12} {runs[1] * 1000:7.2f} ms  (reference {REFERENCE_S[kind] * 1000:.2f} ms)"
        )
