"""The one-minute safety net under every test, and one readable sentence when it or a recursion
stops a test.

pytest-timeout's signal method raises its failure once, wherever the code happens to be: a
learner's bare ``except:`` swallows it (the test then passes or never ends), and inside
``threading`` it can leave a lock held. Here its timer is replaced (its ``set_timer`` hook) by
an Interrupt that raises only in the katas' own code and keeps raising there; ten seconds later,
anywhere; ten more, and the run ends with a sentence saying why. A debugger that pytest-timeout
recognises switches the net off, as it does.

The exception is a BaseException of its own, so hypothesis does not catch it, retry the example
and report a FlakyFailure group: the test fails once, with one sentence.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from pathlib import Path

import pytest

from numpy_katas.interrupt import CAN_INTERRUPT, Interrupt, in_folders
from numpy_katas.scoreboard import find_exception

# After the net's first interrupt, the seconds until it is raised in any code, and until the run
# ends (a wait that never returns, or except clauses nested so deep they swallow every one).
ANYWHERE_AFTER_S = 10.0
GIVE_UP_AFTER_S = 20.0
_INTERRUPT = pytest.StashKey[Interrupt]()
_LAST_RESORT = pytest.StashKey[threading.Timer]()


class SafetyTimeout(BaseException):
    """A test ran longer than its safety timeout."""

    def __init__(self, *args):
        super().__init__(*(args or ("longer than the safety timeout",)))


def _is_debugging() -> bool:
    try:
        from pytest_timeout import is_debugging
    except ImportError:
        return False
    return is_debugging()


@functools.cache
def _kata_code(root: Path, test_folder: Path):
    return in_folders(root / "katas", root / "solutions", root / "gate_proofs", test_folder)


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings) -> bool | None:
    if settings.method != "signal" or not CAN_INTERRUPT:
        return None  # pytest-timeout's own timer
    if threading.current_thread() is not threading.main_thread():
        return None
    seconds = settings.timeout

    def start_the_last_resort() -> None:
        last_resort = threading.Timer(GIVE_UP_AFTER_S, _end_the_run, (item, seconds))
        last_resort.daemon = True
        last_resort.start()
        item.stash[_LAST_RESORT] = last_resort

    interrupt = Interrupt(
        seconds,
        SafetyTimeout,
        _kata_code(item.config.rootpath, item.path.parent),
        anywhere_after=ANYWHERE_AFTER_S,
        unless=lambda: not settings.disable_debugger_detection and _is_debugging(),
        on_fire=start_the_last_resort,
    )
    interrupt.start()
    item.stash[_INTERRUPT] = interrupt
    item.cancel_timeout = lambda: pytest_timeout_cancel_timer(item)
    return True


def _end_the_run(item: pytest.Item, seconds: float) -> None:
    """The last resort, from a thread of its own: what the main thread runs cannot stop it."""
    if _is_debugging():
        return
    sys.__stderr__.write(
        f"\nnumpy-katas: {item.nodeid} is still running {GIVE_UP_AFTER_S:g} s after its "
        f"{seconds:g} s safety timeout: it catches every interrupt (except clauses inside "
        "except clauses?) or waits for something that never comes. pytest stops here.\n"
    )
    sys.__stderr__.flush()
    os._exit(1)


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_cancel_timer(item: pytest.Item) -> bool | None:
    interrupt = item.stash.get(_INTERRUPT, None)
    if interrupt is None:
        return None
    interrupt.stop()
    if _LAST_RESORT in item.stash:
        item.stash[_LAST_RESORT].cancel()
    del item.stash[_INTERRUPT]
    return True


def _last_kata_frame(excinfo: pytest.ExceptionInfo, root: Path) -> str:
    """'in checkerboard, line 12 of katas/01_creation/creation.py (`board[i, j] = ...`)'."""
    for entry in reversed(excinfo.traceback):
        path = Path(entry.path)
        if path.is_relative_to(root) and "site-packages" not in path.parts:
            shown = path.relative_to(root)
            text = str(entry.statement).strip().splitlines()[0] if entry.statement else ""
            return f"in {entry.name}, line {entry.lineno + 1} of {shown}" + (
                f" (`{text}`)" if text else ""
            )
    return ""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if not report.failed or call.excinfo is None:
        return report
    root = item.config.rootpath
    if find_exception(call.excinfo.value, SafetyTimeout) is not None:
        where = _last_kata_frame(call.excinfo, root)
        report.longrepr = (
            f"{item.name} ran longer than its safety timeout and was stopped"
            f"{' ' + where if where else ''}. An endless loop (a while whose condition never "
            "turns false), or a Python loop over a large input, is the usual cause."
        )
    elif (recursion := find_exception(call.excinfo.value, RecursionError)) is not None:
        where = _last_kata_frame(call.excinfo, root)
        report.longrepr = (
            f"{item.name}: RecursionError ({recursion}){' ' + where if where else ''}. A "
            "function that calls itself once per item runs out of Python's stack on large "
            "input: use whole-array operations, or check the recursion's base case."
        )
    return report
