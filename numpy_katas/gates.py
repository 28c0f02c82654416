"""The two vectorisation gates: a timed gate and a deterministic loop detector.

A kata test uses them through the fixtures ``timed_gate`` and ``loop_gate`` (see plugin.py):

    def test_stable_softmax_is_fast_on_a_tall_batch(timed_gate):
        timed_gate(stability.stable_softmax, (logits,), warmup=(small_logits,),
                   budget_ms=235, workload="elementwise")

    def test_stable_softmax_has_no_python_loop_over_rows(loop_gate):
        loop_gate(stability.stable_softmax, lambda n: (rng.normal(size=(n, 10)),), over="rows")

Time alone cannot tell every loop from vectorised code (a list loop can be only 10-25x slower),
and a bare time constant is flaky across machines. So the loop detector counts Python lines and
the items fed through C-level iteration instead of seconds (tracing.py); a budget counts CPU
time and is scaled by a calibration workload of the same kind as the gated operation, timed
just before the call (calibration.py); the timed call is stopped safely when its time is up
(interrupt.py).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from numpy_katas import calibration, tracing
from numpy_katas.interrupt import Interrupt, in_files

TIME_SCALE_VARIABLE = "KATAS_TIME_SCALE"
REPORT_VARIABLE = "KATAS_GATE_REPORT"
# When a gate report is being written, a slow call may run to this many budgets, so the report
# can say how far over the budget a loop is; pass or fail is still decided by the budget.
REPORT_STOP_AFTER_BUDGETS = 5.0
# After a timed gate fails, the call runs this long once more with its lines counted, to point
# at the line where the time goes.
HOT_LINE_SECONDS = 0.3

VECTORISE_HINT = (
    "This test wants a vectorised answer: whole-array NumPy operations, which run in compiled "
    "code, instead of a Python loop (for, while, a comprehension, map, np.vectorize, "
    "np.apply_along_axis), which runs the interpreter once for every item of the data."
)
SLOW_CAUSES = (
    "Likely causes, most common first: a Python loop over the data, also one hidden in map, "
    "sum, sorted or collections.Counter; values of object dtype, which NumPy handles one Python "
    "object at a time; np.add.at or fancy indexing on a strided (non-contiguous) view; "
    "temporary arrays much larger than the input."
)


class GateFailed(pytest.fail.Exception):
    """A vectorisation gate rejected the answer (the answer may still be correct)."""


class _OverBudget(BaseException):
    """Raised inside the timed call when its budget is spent. Not an Exception: ``except
    Exception`` in a learner's code does not swallow it (and a bare ``except:`` meets it again
    on its next line)."""


# ---------------------------------------------------------------------------------------------
# Settings and descriptions


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
    if scale < 0 or scale != scale:
        raise pytest.UsageError(f"{TIME_SCALE_VARIABLE}={raw!r} must be 0 or more")
    return scale


def describe(value: Any) -> str:
    """A short description of an argument for a learner: shapes, not contents."""
    if isinstance(value, np.ndarray):
        shape = "x".join(str(n) for n in value.shape) or "0-d"
        return f"a {shape} {value.dtype} array"
    if isinstance(value, (list, tuple)) and len(value) > 8:
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, dict) and len(value) > 8:
        return f"a dict of {len(value)} items"
    text = repr(value)
    return f"a {type(value).__name__}" if " at 0x" in text or len(text) > 60 else text


def describe_args(args: Sequence[Any]) -> str:
    return ", ".join(describe(a) for a in args)


def _function_name(func: Callable) -> str:
    return getattr(func, "__name__", repr(func))


def _code(func: Callable) -> Any:
    """The learner's function's code object (through functools.partial), or None."""
    while hasattr(func, "func"):  # functools.partial
        func = func.func
    return getattr(func, "__code__", None)


def _source_file(func: Callable) -> str | None:
    """The file the learner's function was defined in (its code objects' file name)."""
    code = _code(func)
    return code.co_filename if code else None


def _where(filename: str, lineno: int) -> str:
    """'line 23 of katas/19_stability/stability.py (`for row in x:`)'."""
    try:
        shown = Path(filename).resolve().relative_to(Path.cwd())
    except ValueError:
        shown = Path(filename)
    text = tracing.source_line(filename, lineno)
    return f"line {lineno} of {shown}" + (f" (`{text}`)" if text else "")


def loop_line(counts: dict) -> Any:
    """The key of the line to show as "your loop": of the lines that ran at least half as
    often as the busiest, the first (the loop's own ``for`` line rather than a ``with`` in its
    body that runs twice per item; the inner loop of two, which runs far more)."""
    busiest = max(counts.values())
    return min((key for key, runs in counts.items() if 2 * runs >= busiest), key=_line_order)


def _line_order(key: Any) -> Any:
    return key if isinstance(key, int) else (key[0], key[1])


def _report(record: dict) -> None:
    path = os.environ.get(REPORT_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------------------------------------
# The timed gate


def _timed_call(
    func: Callable, args: Sequence[Any], stop_after: float, learner_file: str | None
) -> tuple[float, bool]:
    """Run func(*args); return (CPU seconds it used, whether its time ran out first).

    CPU time of this thread, not wall-clock time: on a busy machine the call waits for a core,
    but the work it does, which is what the budget is about, stays the same (and other
    threads' work, a BLAS pool spinning, is not billed). Work handed to other threads or
    processes is the loop detector's to find. The interrupt counts the same clock; the
    wall-clock safety net stays under every test."""
    # As timeit does: no garbage collection inside the timed call, so a collection pause is
    # not billed to the learner.
    collecting = gc.isenabled()
    gc.disable()
    interrupt = Interrupt(stop_after, _OverBudget, in_files(learner_file or ""), clock="cpu")
    start = time.thread_time()
    try:
        with interrupt:
            func(*args)
    except _OverBudget:
        pass
    finally:
        elapsed = time.thread_time() - start
        if collecting:
            gc.enable()
    return elapsed, interrupt.fired


def _hot_line(func: Callable, args: Sequence[Any], learner_file: str) -> str:
    """Run func(*args) for a short while, counting the learner's lines; describe the busiest."""
    counts: dict[int, int] = {}

    def local(frame, event, arg):
        if event == "line":
            counts[frame.f_lineno] = counts.get(frame.f_lineno, 0) + 1
        return local

    def on_call(frame, event, arg):
        return local if frame.f_code.co_filename == learner_file else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        _timed_call(func, args, HOT_LINE_SECONDS, learner_file)
    except Exception:
        pass
    finally:
        sys.settrace(previous)
    if not counts:
        return ""
    line = loop_line(counts)
    runs = counts[line]
    if runs < 100:
        return (
            "No line of your code ran more than a few times, so the time went inside the calls "
            "it makes: iteration in C (map, sum, sorted, collections.Counter over the values) "
            "or one of the causes below."
        )
    return (
        f"The time goes to {_where(learner_file, line)}, which ran {runs:,} times in "
        f"{HOT_LINE_SECONDS:g} s with its lines counted: a Python loop over the data."
    )


class TimedGate:
    """Run a function on a large input under a budget scaled to this machine's speed."""

    def __init__(self, nodeid: str):
        self.nodeid = nodeid

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

        ``workload`` names the gate's dominant operation (a key of calibration.WORKLOADS), so
        the budget is scaled by how fast this machine runs that kind of operation, now.
        ``warmup`` are small arguments for a first call outside the budget (first calls pay
        for imports and caches); they must share no memory with ``args``. Build ``args``
        before calling: only the call is timed.
        """
        __tracebackhide__ = True
        if workload not in calibration.WORKLOADS:
            raise ValueError(
                f"workload={workload!r}: choose one of {', '.join(calibration.WORKLOADS)}"
            )
        name = _function_name(func)
        learner_file = _source_file(func)
        func(*warmup)  # first: an unwritten stub fails, also with the timed gates off
        scale = time_scale()
        if scale == 0:
            pytest.skip(f"timed gates are off ({TIME_SCALE_VARIABLE}=0)")

        reporting = bool(os.environ.get(REPORT_VARIABLE))
        # One BLAS thread: on a machine whose other core is busy, a two-thread matrix product
        # waits for its slower thread and its time jumps five-fold; one thread is steady.
        with threadpool_limits(limits=1):
            # Two tries, each calibrated afresh, judged by the better: a single spike (another
            # process, a page-fault storm) should not fail a correct answer; a loop misses the
            # budget both times. A learner's passing first try needs no second.
            tries = []
            for _ in range(2):
                factor = calibration.machine_factor(workload)
                budget = budget_ms / 1000 * factor * scale
                stop_after = budget * (REPORT_STOP_AFTER_BUDGETS if reporting else 1.0)
                elapsed, stopped = _timed_call(func, args, stop_after, learner_file)
                tries.append((elapsed / budget, elapsed, budget, factor, stopped))
                if elapsed <= budget and not reporting:
                    break
            _, elapsed, budget, factor, stopped = min(tries)
        _report(
            {
                "gate": "timed",
                "test": self.nodeid,
                "function": name,
                "input": describe_args(args),
                "workload": workload,
                "factor": factor,
                "budget_s": budget,
                "elapsed_s": elapsed,
                "stopped": stopped and elapsed >= stop_after,
            }
        )
        if elapsed > budget:
            took = "was stopped at" if stopped else f"took {elapsed:.2f} s against"
            hot = _hot_line(func, args, learner_file) if learner_file else ""
            raise GateFailed(
                f"{name}({describe_args(args)}) {took} its budget of {budget:.3f} s, on both "
                f"of two tries. The budget is {budget_ms:g} ms on the reference machine, "
                f"x{factor:.2f} because this machine just ran the {workload!r} calibration "
                f"workload {factor:.2f} times as long; the reference answer needs about a "
                f"tenth of it. {hot + ' ' if hot else ''}{SLOW_CAUSES} On a very slow or busy "
                f"machine, {TIME_SCALE_VARIABLE}=2 doubles every budget.",
                pytrace=False,
            )


# ---------------------------------------------------------------------------------------------
# The loop detector


class LoopGate:
    """Fail if the Python-level work a function does grows with the size of its input."""

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

        The function runs on n and on 4n. Vectorised code runs the same Python lines and feeds
        the same few items through builtins such as ``sum`` for both; a loop over ``over``
        does at least one more of either per extra item.
        """
        __tracebackhide__ = True
        name = _function_name(func)
        small, large = make_args(n), make_args(4 * n)
        func(*make_args(n))  # warm-up: lazy imports and caches are not the learner's loop
        work_small = tracing.record(func, small)
        work_large = tracing.record(func, large)
        _report(
            {
                "gate": "loop",
                "test": self.nodeid,
                "function": name,
                "over": over,
                "n": n,
                "lines_n": work_small.line_count,
                "lines_4n": work_large.line_count,
                "items_n": sum(work_small.items.values()),
                "items_4n": sum(work_large.items.values()),
            }
        )
        learner_file = _source_file(func)
        lines = _function_lines(func)
        # Iteration in C named first when the call that feeds it runs once (np.vectorize of
        # your function: its lines repeat, the loop is the wrapper); your own loop line first
        # when that call sits inside it.
        fed_once = not _call_site_repeats(work_small, work_large, n)
        problem = (
            _processes_started(name, work_large)
            or (fed_once and _items_grow(name, work_small, work_large, n, over))
            or _lines_grow(
                name, learner_file, lines, work_small, work_large, n, over, own_only=True
            )
            or _items_grow(name, work_small, work_large, n, over)
            or _lines_grow(
                name, learner_file, lines, work_small, work_large, n, over, own_only=False
            )
        )
        if problem:
            raise GateFailed(problem, pytrace=False)


def _function_lines(func: Callable) -> set[int]:
    """The line numbers of the gated function's own code (its nested code objects too)."""
    code = _code(func)
    found: set[int] = set()
    stack = [code] if code else []
    while stack:
        code = stack.pop()
        found.update(line for _, _, line in code.co_lines() if line is not None)
        stack.extend(c for c in code.co_consts if hasattr(c, "co_lines"))
    return found


def _processes_started(name: str, work: tracing.Work) -> str:
    if not work.processes:
        return ""
    site = work.call_sites.get("multiprocessing")
    return (
        f"{name} started {work.processes} worker process(es)"
        f"{f' at {_where(*site)}' if site else ''}: the work is handed out piece by "
        "piece to other Python processes, which is a loop over the data run elsewhere. "
        f"{VECTORISE_HINT}"
    )


def _call_site_repeats(small: tracing.Work, large: tracing.Work, n: int) -> bool:
    """Whether a C-level construct that grew was called from a line that itself repeats."""
    for construct, site in large.call_sites.items():
        if large.items[construct] - small.items.get(construct, 0) >= n:
            return large.lines.get(site, 0) - small.lines.get(site, 0) >= n
    return False


def _items_grow(name: str, small: tracing.Work, large: tracing.Work, n: int, over: str) -> str:
    growth = {c: large.items[c] - small.items.get(c, 0) for c in large.items}
    grown = [c for c, g in growth.items() if g >= n]
    if not grown:
        return ""
    construct = max(grown, key=growth.get)
    site = large.call_sites.get(construct)
    called = f" (called at {_where(*site)})" if site else ""
    return (
        f"{name} passes {small.items[construct]:,} items one by one through {construct} for "
        f"{n} {over}, and {large.items[construct]:,} for {4 * n} {over}{called}. That is a "
        "loop over the data that runs inside C: no Python line repeats, but every item becomes "
        f"a Python object and is handled one at a time. {VECTORISE_HINT}"
    )


def _lines_grow(
    name: str,
    learner_file: str | None,
    function_lines: set[int],
    small: tracing.Work,
    large: tracing.Work,
    n: int,
    over: str,
    *,
    own_only: bool,
) -> str:
    """The message for Python lines that grow with the input: the learner's own loop line
    (``own_only``), or, failing that, the line of a NumPy helper that loops for them."""
    if large.line_count - small.line_count < n:
        return ""
    growth = {key: runs - small.lines.get(key, 0) for key, runs in large.lines.items()}
    own = {key: g for key, g in growth.items() if key[0] == learner_file and g > 0}
    if own_only and not own:
        return ""
    # The gated function's own loop rather than a line of a helper it calls in that loop.
    in_function = {key: g for key, g in own.items() if key[1] in function_lines}
    own = in_function if in_function and max(in_function.values()) >= n else own
    candidates = own or {key: g for key, g in growth.items() if g > 0}
    key = loop_line(candidates)
    runs = f"which ran {small.lines.get(key, 0):,} times for {n} {over} and {large.lines[key]:,}"
    if candidates is own:
        where = f"Your loop is on {_where(*key)}, {runs} for {4 * n} {over}."
    else:
        where = (
            f"The lines that ran more for more {over} are not in your file but in a helper "
            f"that loops in Python for you (np.vectorize, np.apply_along_axis, ...): "
            f"{_where(*key)}, {runs} for {4 * n} {over}."
        )
    return (
        f"{where} In all, {name} ran {small.line_count:,} lines of Python for {n} {over} and "
        f"{large.line_count:,} for {4 * n} {over}: its Python work grows with the number of "
        f"{over}. {VECTORISE_HINT}"
    )
