"""Stopping a learner's code when its time is up, only where that is safe, and for good.

A signal handler can raise into whatever Python code happens to be running. Inside ``threading``
or ``concurrent.futures`` that leaves a lock held, and pytest then hangs at exit. So the
interrupt is raised only while the learner's own code runs (the files the caller calls safe).

A bare ``except:`` in the learner's code may swallow the interrupt. So from the moment the time
is up, the interrupt comes again every few milliseconds, and a trace function on the learner's
frames raises it again at the first line of an ``except`` clause that caught it: outside the
``try`` that clause guards, so a retry loop (``while True: try: ... except: continue``) ends.
Clauses nested inside each other can still swallow it for ever: the safety net's last resort
(safety_net.py) is to end the run.

Code that never comes back to a learner's line (one long C call, a wait inside the standard
library) runs to its end and is judged by its elapsed time. An earlier timer (the safety net) is
put back on the clock meanwhile, and its handler takes over when its own time is up.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import CodeType, FrameType

CAN_INTERRUPT = hasattr(signal, "SIGALRM") and hasattr(signal, "SIGPROF")
# The two clocks an Interrupt can count: wall-clock time, and the CPU time of the thread that
# started it, which other processes' load does not inflate. No timer counts one thread's CPU
# time, so the process's (ITIMER_PROF) stands in: it runs at least as fast, and a signal that
# comes early (another thread was busy too) only sets the timer again for what is left.
CLOCKS = {
    "wall": ("SIGALRM", "ITIMER_REAL", time.monotonic),
    "cpu": ("SIGPROF", "ITIMER_PROF", time.thread_time),
}
# Once the time is up, how soon to ask again when the interrupt found no learner's code running.
RETRY_S = 0.002


def in_folders(*folders: Path | str) -> Callable[[CodeType], bool]:
    """A test for code objects: is this code from a file inside one of ``folders``?"""
    prefixes = tuple(str(Path(folder).resolve()) + "/" for folder in folders)
    known: dict[str, bool] = {}

    def is_safe(code: CodeType) -> bool:
        name = code.co_filename
        if name not in known:
            path = str(Path(name).resolve()) if name and not name.startswith("<") else ""
            known[name] = path.startswith(prefixes) and "site-packages" not in path
        return known[name]

    return is_safe


def in_files(*files: str) -> Callable[[CodeType], bool]:
    """A test for code objects: is this code from one of ``files`` (code object file names)?"""
    names = frozenset(files)
    return lambda code: code.co_filename in names


class Interrupt:
    """Raise ``error`` in the main thread after ``seconds``, in code that ``is_safe`` accepts.

    Use as ``with Interrupt(...) as interrupt:``, or ``start()`` and ``stop()`` by hand (then
    the whole stack is the learner's to interrupt). ``interrupt.fired`` tells afterwards
    whether the time ran out, even when the learner's code swallowed every interrupt.
    """

    def __init__(
        self,
        seconds: float,
        error: type[BaseException],
        is_safe: Callable[[CodeType], bool],
        *,
        anywhere_after: float | None = None,
        unless: Callable[[], bool] = lambda: False,
        on_fire: Callable[[], None] = lambda: None,
        clock: str = "wall",
    ):
        """``anywhere_after``: seconds after the first interrupt when it is raised in any code,
        safe or not (for a safety net: a wait that never returns to the learner's code).
        ``unless``: checked when the time is up; if true, nothing is raised (a debugger).
        ``on_fire``: called once, when the time is up. ``clock``: "wall", or "cpu" for the
        CPU time of this thread (each clock has its own signal, so they nest freely)."""
        self.seconds = seconds
        self.anywhere_after = anywhere_after
        self.unless = unless
        self.on_fire = on_fire
        signal_name, timer_name, self._now = CLOCKS[clock]
        self._signal = getattr(signal, signal_name, None)
        self._timer = getattr(signal, timer_name, None)
        self._fired_at = 0.0
        self._deadline = 0.0
        self.error = error
        self.is_safe = is_safe
        self.fired = False
        self._active = False
        self._boundary: FrameType | None = None
        self._tracing = False
        self._previous_trace = None
        self._previous_handler = None
        self._previous_deadline: float | None = None
        self._previous_interval = 0.0

    # -- arming and disarming ------------------------------------------------------------------

    def __enter__(self) -> Interrupt:
        self.start(boundary=sys._getframe(1))
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self, boundary: FrameType | None = None) -> None:
        """Arm the timer. Frames at and above ``boundary`` are never interrupted."""
        usable = CAN_INTERRUPT and threading.current_thread() is threading.main_thread()
        if not usable or self._active:
            return  # Windows, or not the main thread: the caller times the call instead
        self._active = True
        self._boundary = boundary
        self._deadline = self._now() + self.seconds
        self._previous_handler = signal.signal(self._signal, self._on_alarm)
        delay, self._previous_interval = signal.setitimer(self._timer, 0)
        now = self._now()
        self._previous_deadline = now + delay if delay else None
        first = self.seconds if delay == 0 else min(self.seconds, delay)
        signal.setitimer(self._timer, max(first, 1e-6))

    def stop(self) -> None:
        """Disarm, stop tracing, and put back the earlier handler and timer."""
        if not self._active:
            return
        self._active = False
        signal.setitimer(self._timer, 0)
        if self._tracing:
            sys.settrace(self._previous_trace)
            self._tracing = False
        signal.signal(self._signal, self._previous_handler)
        if self._previous_deadline is not None:
            left = max(self._previous_deadline - self._now(), 0.001)
            signal.setitimer(self._timer, left, self._previous_interval)

    # -- what happens when the time is up ------------------------------------------------------

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if not self._active:
            # A signal that arrived before stop() and is handled during it: re-arming the
            # timer now would deliver its next signal to the default handler, which ends the
            # process.
            return
        now = self._now()
        if self._previous_deadline is not None and now >= self._previous_deadline:
            # The earlier timer's time is up too: it decides what happens now.
            previous = self._previous_handler
            self.stop()
            if callable(previous):
                previous(signum, frame)
            return
        if not self.fired:
            if now < self._deadline or self.unless():  # early: set the timer for what is left
                self._arm_next(now, retry=False)
                return
            self.fired, self._fired_at = True, now
            self.on_fire()
        anywhere = self.anywhere_after is not None and now - self._fired_at >= self.anywhere_after
        # Again soon, until the code under test has stopped: the learner's code may swallow
        # this one, or NumPy's or the standard library's code may be running now.
        self._arm_next(now, retry=True)
        self._trace_learner_frames(frame)
        if frame is not None and (anywhere or self.is_safe(frame.f_code)):
            raise self.error()

    def _arm_next(self, now: float, retry: bool) -> None:
        """Set the timer for the earliest of: a retry, the earlier timer, raising anywhere."""
        waits = []
        if retry:
            waits.append(RETRY_S)
        elif not self.fired:
            waits.append(self._deadline - now)
        if self._previous_deadline is not None:
            waits.append(self._previous_deadline - now)
        if self.fired and self.anywhere_after is not None:
            waits.append(self._fired_at + self.anywhere_after - now)
        due = [wait for wait in waits if wait > 0]
        if waits and not due:
            due = [1e-6]  # overdue: at once
        signal.setitimer(self._timer, min(due) if due else 0)

    def _trace_learner_frames(self, frame: FrameType | None) -> None:
        """From now on, every line of the learner's code asks for the interrupt again."""
        while frame is not None and frame is not self._boundary:
            if self.is_safe(frame.f_code):
                frame.f_trace = self._trace
            frame = frame.f_back
        if not self._tracing:
            self._previous_trace = sys.gettrace()
            self._tracing = True
        sys.settrace(self._trace)

    def _trace(self, frame: FrameType, event: str, arg) -> Callable | None:
        if event == "call":
            return self._trace if self.is_safe(frame.f_code) else None
        if event == "line" and self._active and isinstance(sys.exc_info()[1], self.error):
            # A line of an ``except`` clause that caught the interrupt: raise it again here,
            # outside the ``try`` that clause guards. (That switches tracing off; the next
            # alarm switches it on again.)
            raise self.error()
        return self._trace
