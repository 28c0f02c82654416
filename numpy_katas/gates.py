"""The two vectorisation gates: a timed gate and a deterministic loop detector.

A kata test uses them through the fixtures ``timed_gate`` and ``loop_gate`` (see plugin.py):

    def test_softmax_rows_is_fast_on_a_tall_matrix(timed_gate):
        timed_gate(broadcasting.softmax_rows, (big_logits,), warmup=(small_logits,),
                   budget_ms=150)

    def test_softmax_rows_has_no_loop_over_rows(loop_gate):
        loop_gate(broadcasting.softmax_rows, lambda n: (rng.normal(size=(n, 10)),), over="rows")

Time alone cannot tell every loop from vectorised code (a list loop is only 7-40x slower), and
a bare time constant is flaky across machines. So budgets are scaled by a calibration workload
timed on this machine, and the loop detector counts Python lines instead of seconds.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

# The calibration workload took this long on the machine the budgets were written on
# (2-core EPYC VM, numpy 2.4): budgets in tests are milliseconds on that machine.
REFERENCE_CALIBRATION_S = 0.0045
TIME_SCALE_VARIABLE = "KATAS_TIME_SCALE"
REPORT_VARIABLE = "KATAS_GATE_REPORT"
# When a gate report is being written, a slow call may run to this many budgets, so the report
# can say how far over the budget a loop is; pass or fail is still decided by the budget.
REPORT_STOP_AFTER_BUDGETS = 5.0
# A repeating alarm: if a learner's bare ``except:`` swallows one, the next one comes.
ALARM_REPEAT_S = 0.05

VECTORISE_HINT = (
    "This test wants a vectorised answer: whole-array NumPy operations, which run in compiled "
    "code, instead of a Python loop (for, while, a comprehension, map, np.vectorize, "
    "np.apply_along_axis), which runs the interpreter once for every item of the data."
)


# The kinds of operation a timed gate can be dominated by; each has a calibration workload.
WORKLOADS = {
    "elementwise": "ufuncs, comparisons, np.where, reductions such as sum and max",
    "sort": "sort, argsort, partition, percentile, unique, searchsorted, isin",
    "scatter": "bincount, np.add.at, histogram, fancy-index gathers and scatters",
    "matmul": "matrix products: @, np.dot, np.einsum (BLAS)",
    "linalg": "batched small solves, inverses, determinants (LAPACK)",
    "fft": "np.fft transforms",
}


class GateFailed(pytest.fail.Exception):
    """A vectorisation gate rejected the answer (the answer may still be correct)."""


class _OverBudget(BaseException):
    """Raised by the alarm inside the timed call. Not an Exception: ``except Exception`` in a
    learner's code does not swallow it, and a bare ``except:`` only delays the next alarm."""


# ---------------------------------------------------------------------------------------------
# Calibration and budgets


def time_scale() -> float:
    """The learner's multiplier for every budget; 0 switches the timed gates off."""
    raw = os.environ.get(TIME_SCALE_VARIABLE, "1")
    try:
        scale = float(raw)
    except ValueError:
        raise pytest.UsageError(
            f"{TIME_SCALE_VARIABLE}={raw!r} is not a number: use e.g. 2 for twice the time, "
            "or 0 to switch the timed gates off"
        ) from None
    if scale < 0:
        raise pytest.UsageError(f"{TIME_SCALE_VARIABLE}={raw!r} must be 0 or more")
    return scale


def calibrate(repeats: int = 21) -> float:
    """Seconds this machine takes for ``exp`` + ``sum`` over 10^6 float64 (median of repeats).

    The median, not the best: on a busy machine the gated call meets the same load, and the
    best of several runs would hide it.
    """
    x = np.linspace(0.0, 1.0, 1_000_000)
    np.exp(x).sum()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.exp(x).sum()
        times.append(time.perf_counter() - start)
    return sorted(times)[repeats // 2]


def describe(value: Any) -> str:
    """A short description of an argument for a learner: shapes, not contents."""
    if isinstance(value, np.ndarray):
        shape = "x".join(str(n) for n in value.shape) or "0-d"
        return f"a {shape} {value.dtype} array"
    if isinstance(value, (list, tuple)) and len(value) > 8:
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value)
    return f"a {type(value).__name__}" if " at 0x" in text else text


def describe_args(args: Sequence[Any]) -> str:
    return ", ".join(describe(a) for a in args)


def _report(record: dict) -> None:
    path = os.environ.get(REPORT_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------------------------------------
# The timed gate


@contextmanager
def _alarm(seconds: float):
    """Raise _OverBudget in this thread after ``seconds``, and again every ALARM_REPEAT_S.

    Yields a list that counts the alarms, so the caller knows the budget ran out even if the
    code under test swallowed every one. Any timer set before (pytest-timeout's safety net) is
    put back afterwards with the time that is left on it.
    """
    fired = [0]
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:  # Windows, or not the main thread: time the call without stopping it.
        yield fired
        return

    def on_alarm(signum, frame):
        fired[0] += 1
        raise _OverBudget

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(
        signal.ITIMER_REAL, seconds, ALARM_REPEAT_S
    )
    start = time.perf_counter()
    try:
        yield fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            left = max(previous_delay - (time.perf_counter() - start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)


def _timed_call(func: Callable, args: Sequence[Any], stop_after: float) -> tuple[float, bool]:
    """Run func(*args); return (seconds, whether the alarm stopped or interrupted it)."""
    # As timeit does: no garbage collection inside the timed call, so a collection pause is
    # not billed to the learner and the alarm never lands inside a gc callback.
    collecting = gc.isenabled()
    gc.disable()
    start = time.perf_counter()
    try:
        with _alarm(stop_after) as fired:
            func(*args)
    except _OverBudget:
        return time.perf_counter() - start, True
    finally:
        if collecting:
            gc.enable()
    return time.perf_counter() - start, fired[0] > 0


class TimedGate:
    """Run a function on a large input under a budget scaled to this machine's speed."""

    def __init__(self, nodeid: str, machine_factor: Callable[[], float]):
        self.nodeid = nodeid
        self._machine_factor = machine_factor

    def __call__(
        self,
        func: Callable,
        args: Sequence[Any],
        *,
        warmup: Sequence[Any],
        budget_ms: float,
        workload: str = "elementwise",
    ) -> None:
        """Fail unless ``func(*args)`` finishes within ``budget_ms`` (reference-machine ms).

        ``workload`` names the gate's dominant operation (one of WORKLOADS), so the budget is
        scaled by how fast this machine runs that kind of operation.
        ``warmup`` are small arguments for a first call outside the budget (first calls pay
        for imports and caches). Build ``args`` before calling: only the call is timed.
        """
        __tracebackhide__ = True
        scale = time_scale()
        if scale == 0:
            pytest.skip(f"timed gates are off ({TIME_SCALE_VARIABLE}=0)")
        if workload not in WORKLOADS:
            raise ValueError(f"workload={workload!r}: choose one of {', '.join(WORKLOADS)}")
        name = getattr(func, "__name__", repr(func))
        func(*warmup)  # first, so an unwritten stub fails before any calibration
        budget = budget_ms / 1000 * self._machine_factor() * scale

        reporting = bool(os.environ.get(REPORT_VARIABLE))
        stop_after = budget * (REPORT_STOP_AFTER_BUDGETS if reporting else 1.0)
        # One retry: a single spike (another process, a page-fault storm) should not fail a
        # correct answer; a loop misses the budget both times.
        elapsed, stopped = _timed_call(func, args, stop_after)
        if elapsed > budget:
            elapsed, stopped = _timed_call(func, args, stop_after)
        _report(
            {
                "gate": "timed",
                "test": self.nodeid,
                "function": name,
                "input": describe_args(args),
                "budget_s": budget,
                "elapsed_s": elapsed,
                "stopped": stopped,
            }
        )
        if elapsed > budget:
            took = "was stopped at" if stopped else f"took {elapsed:.2f} s against"
            raise GateFailed(
                f"{name}({describe_args(args)}) {took} its budget of {budget:.2f} s "
                f"on both of two tries. {VECTORISE_HINT} A vectorised answer needs well under "
                f"a tenth of this budget. On a very slow or busy machine, "
                f"{TIME_SCALE_VARIABLE}=2 doubles every budget.",
                pytrace=False,
            )


# ---------------------------------------------------------------------------------------------
# The loop detector


def count_python_lines(func: Callable, args: Sequence[Any]) -> int:
    """How many Python line events run while func(*args) runs (its own and any callee's)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def on_call(frame, event, arg):
        return local

    previous = sys.gettrace()  # a debugger or coverage: put it back afterwards
    sys.settrace(on_call)
    try:
        func(*args)
    finally:
        sys.settrace(previous)
    return count


class LoopGate:
    """Fail if the Python work done by a function grows with the size of its input."""

    def __init__(self, nodeid: str):
        self.nodeid = nodeid

    def __call__(
        self,
        func: Callable,
        make_args: Callable[[int], Sequence[Any]],
        *,
        over: str,
        n: int = 100,
    ) -> None:
        """``make_args(n)`` builds arguments whose size along ``over`` (e.g. "rows") is n.

        The function runs on n and on 4n. Vectorised code runs the same Python lines for
        both; a loop over ``over`` runs at least one more line per extra item.
        """
        __tracebackhide__ = True
        name = getattr(func, "__name__", repr(func))
        small, large = make_args(n), make_args(4 * n)
        func(*small)  # warm-up: lazy imports and caches are not the learner's loop
        lines_small = count_python_lines(func, small)
        lines_large = count_python_lines(func, large)
        growth = lines_large - lines_small
        _report(
            {
                "gate": "loop",
                "test": self.nodeid,
                "function": name,
                "over": over,
                "n": n,
                "lines_n": lines_small,
                "lines_4n": lines_large,
            }
        )
        if growth >= n:
            raise GateFailed(
                f"{name} ran {lines_small} lines of Python for {n} {over} and {lines_large} "
                f"for {4 * n} {over}: its Python work grows with the number of {over}, so it "
                f"loops over the {over} in Python. {VECTORISE_HINT}",
                pytrace=False,
            )
