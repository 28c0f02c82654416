"""What a run of kata tests came to: one line per failure a stub causes, the scoreboard, and the
``--expect`` checks behind ``nox -s stubs`` and ``nox -s gates``. Registered by plugin.py.

- A stub's NotImplementedError, a missing function and a module that does not import each
  fail in one line, and no traceback is formatted for them (most of the time of a run over
  untouched stubs went there).
- When more than one kata runs, a kata whose tests all fail because nothing is written yet
  shows as one scoreboard line ("not started"), not as one failure per test.
- The scoreboard counts what ran: under ``-k``, ``-m``, ``--lf`` or a test id it says how many
  tests were selected, and never calls a kata done on a selection.
- Outcomes are read from the reports (``pytest_runtest_logreport``), so under pytest-xdist
  the controller, which prints the summary, sees every worker's tests.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from numpy_katas import gates
from numpy_katas.catalogue import KATA_COUNT, kata_of

NOT_WRITTEN = "NotImplementedError"
NOT_STARTED = "not started"

_OUTCOMES = pytest.StashKey[dict]()  # nodeid -> {kata, outcome, cause, gate}
_DESELECTED = pytest.StashKey[Counter]()  # kata -> tests deselected
_PROBLEMS = pytest.StashKey[list]()  # what an --expect check found


class MissingFunction(AttributeError):
    """A kata module lacks a function its tests call."""


class BrokenModule(Exception):
    """A kata module could not be imported."""


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_OUTCOMES] = {}
    config.stash[_DESELECTED] = Counter()
    config.pluginmanager.register(_Recorder(config), "numpy-katas-outcomes")


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        kata = kata_of(item.path, item.config.rootpath)
        if kata:
            item.config.stash[_DESELECTED][kata] += 1


# ---------------------------------------------------------------------------------------------
# Reports


def find_exception(error: BaseException | None, kind: type) -> BaseException | None:
    """``error`` itself, or the first exception of ``kind`` among its causes and groups."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, kind):
            return error
        if isinstance(error, BaseExceptionGroup):
            for inner in error.exceptions:
                if (found := find_exception(inner, kind)) is not None:
                    return found
        error = error.__cause__ or error.__context__
    return None


def _one_line(excinfo: pytest.ExceptionInfo, root: Path) -> str | None:
    """The whole report of a failure a stub causes, or None for any other failure."""
    error = excinfo.value
    if isinstance(error, NotImplementedError) and excinfo.traceback:
        last = excinfo.traceback[-1]
        path = Path(last.path)
        where = path.relative_to(root) if path.is_relative_to(root) else path
        name = last.frame.code.raw.co_qualname  # DataCache.save, not save
        return f"{name}() is not written yet: {where} still raises NotImplementedError"
    if isinstance(error, MissingFunction | BrokenModule):
        return str(error)
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A failure a stub causes is reported in one line, without formatting a traceback: by
    pytest, and by hypothesis, which formats every failing example it meets."""
    for item in items:
        if kata_of(item.path, item.config.rootpath):
            item.repr_failure = functools.partial(_repr_failure, item.repr_failure, item)


def _repr_failure(original, item: pytest.Item, excinfo: pytest.ExceptionInfo, *args, **kwargs):
    return _one_line(excinfo, item.config.rootpath) or original(excinfo, *args, **kwargs)


@pytest.hookimpl(specname="pytest_runtest_makereport", wrapper=True)
def pytest_runtest_makereport_with_cause(item: pytest.Item, call: pytest.CallInfo):
    """Say on the report why a kata test failed, for the --expect checks (also under xdist)."""
    report = yield
    report.katas_gate = item.get_closest_marker("gate") is not None
    if report.failed:
        error = call.excinfo.value if call.excinfo else None
        if find_exception(error, NotImplementedError) is not None:
            report.katas_cause = NOT_WRITTEN
        elif find_exception(error, gates.GateFailed) is not None:
            report.katas_cause = "gate"
        else:  # the first line says what went wrong; the last is often a value's dtype
            text = str(error).strip() if error is not None else report.longreprtext.strip()
            report.katas_cause = (text.splitlines() or [type(error).__name__])[0][:200]
    return report


class _Recorder:
    """Collects each kata test's outcome from its reports (on the xdist controller too)."""

    def __init__(self, config: pytest.Config):
        self.config = config

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.config.stash[_OUTCOMES].setdefault(
            report.nodeid,
            {
                "kata": kata_of(report.fspath, self.config.rootpath),
                "outcome": "passed",
                "cause": None,
                "gate": False,
            },
        )
        entry["gate"] |= getattr(report, "katas_gate", False)
        if report.failed and entry["outcome"] != "failed":
            entry["outcome"] = "failed"
            entry["cause"] = getattr(report, "katas_cause", None) or "an error"
            entry["report"] = report
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"


# ---------------------------------------------------------------------------------------------
# --expect


def _expectation_violations(outcomes: dict, expect: str) -> list[str]:
    problems = []
    for nodeid, entry in outcomes.items():
        outcome, cause = entry["outcome"], entry["cause"]
        if expect == "fail":
            if outcome != "failed":
                problems.append(f"{nodeid}: {outcome} on the stub (it must fail)")
            elif cause != NOT_WRITTEN:
                problems.append(
                    f"{nodeid}: failed, but not from the stub's NotImplementedError: {cause}"
                )
        elif entry["gate"]:
            if outcome != "failed" or cause != "gate":
                problems.append(f"{nodeid}: the loop proof {outcome} this gate ({cause})")
        elif outcome != "passed":
            problems.append(f"{nodeid}: the loop proof {outcome} a correctness test ({cause})")
    return problems


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    expect = session.config.getoption("expect")
    if not expect or exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        return
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller checks every worker's outcomes
    outcomes = session.config.stash[_OUTCOMES]
    problems = _expectation_violations(outcomes, expect)
    if not outcomes:
        problems.append("no kata tests ran")
    session.config.stash[_PROBLEMS] = problems
    session.exitstatus = pytest.ExitCode.TESTS_FAILED if problems else pytest.ExitCode.OK


# ---------------------------------------------------------------------------------------------
# The summary


def _per_kata(config: pytest.Config) -> dict[str, list[dict]]:
    per_kata: dict[str, list[dict]] = {}
    for entry in config.stash[_OUTCOMES].values():
        if entry["kata"]:
            per_kata.setdefault(entry["kata"], []).append(entry)
    return per_kata


def _not_started(entries: list[dict]) -> bool:
    return all(e["outcome"] == "failed" and e["cause"] == NOT_WRITTEN for e in entries)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, config: pytest.Config):
    # Outermost wrapper: before the yield, ahead of pytest's failure sections; after it, below
    # pytest's short test summary, where a learner looks.
    per_kata = _per_kata(config)
    failed = terminalreporter.stats.get("failed", [])
    if not config.getoption("expect"):
        _condense_not_started(terminalreporter, per_kata)
    yield
    if failed:  # back for the final count: they are failures, only not listed one by one
        terminalreporter.stats["failed"] = failed
    if config.getoption("expect"):
        _write_expectations(terminalreporter, config)
    elif len(per_kata) > 1:
        _write_scoreboard(terminalreporter, config, per_kata)
    elif per_kata and _not_started(entries := next(iter(per_kata.values()))):
        _write_not_started(terminalreporter, next(iter(per_kata)), entries)


def _condense_not_started(terminalreporter, per_kata: dict[str, list[dict]]) -> None:
    """Keep the failures of katas not started out of pytest's failure sections and short
    summary (the summary lines below say it once per kata)."""
    untouched = {
        id(e["report"]) for entries in per_kata.values() if _not_started(entries) for e in entries
    }
    failed = terminalreporter.stats.get("failed", [])
    if untouched:
        terminalreporter.stats["failed"] = [r for r in failed if id(r) not in untouched]


def _write_not_started(terminalreporter, slug: str, entries: list[dict]) -> None:
    """One kata, none of it written yet: one line per function instead of one per test."""
    reasons = Counter(str(e["report"].longrepr) for e in entries)
    terminalreporter.section(f"numpy-katas: {slug} not started", sep="=")
    terminalreporter.write_line(
        f"{len(entries)} tests, each waiting for a function that is not written yet:"
    )
    for reason, tests in reasons.items():
        terminalreporter.write_line(f"  {reason} ({tests} test{'s' if tests > 1 else ''})")
    terminalreporter.write_line(f"Start with the first; `katas hint {slug[:2]}` gives a nudge.")


def _write_expectations(terminalreporter, config: pytest.Config) -> None:
    problems = config.stash.get(_PROBLEMS, [])
    terminalreporter.section(f"numpy-katas --expect={config.getoption('expect')}", sep="=")
    for line in problems:
        terminalreporter.write_line(f"UNEXPECTED {line}")
    total = len(config.stash[_OUTCOMES])
    terminalreporter.write_line(f"{total - len(problems)}/{total} tests as expected")


def _write_scoreboard(terminalreporter, config: pytest.Config, per_kata: dict) -> None:
    terminalreporter.section("numpy-katas scoreboard", sep="=")
    deselected = config.stash[_DESELECTED]
    targeted = {kata_of(Path(a.split("::")[0]), config.rootpath) for a in config.args if "::" in a}
    width = max(len(slug) for slug in per_kata)
    done = 0
    for slug in sorted(per_kata):
        entries = per_kata[slug]
        outcomes = Counter(e["outcome"] for e in entries)
        passed, ran = outcomes["passed"], len(entries)
        if deselected[slug]:
            note = f"{ran} of {ran + deselected[slug]} tests selected"
        elif slug in targeted:
            note = f"{ran} test(s) selected"
        elif _not_started(entries):
            note = NOT_STARTED
        elif passed == ran:
            note, done = "done", done + 1
        elif outcomes["skipped"]:
            note = f"{outcomes['skipped']} skipped"
        else:
            note = ""
        terminalreporter.write_line(f"  {slug:<{width}}  {passed:>3}/{ran:<3} {note}".rstrip())
    terminalreporter.write_line(f"{done}/{KATA_COUNT} katas done")
