"""The pytest plugin behind every kata run (loaded by the repository's conftest.py).

- Source swap: a kata's tests ``import <module>``; this plugin decides which file that is:
  the learner's stub in katas/ (default), the answer key in solutions/ (``--solutions`` or
  ``KATAS_SOURCE=solutions``), or the answer key with the loop proofs of gate_proofs/ laid
  over it (``--kata-source=loops``, used by ``nox -s gates``).
- A module that does not import (a syntax error, say) fails only its own kata's tests, with
  a message naming the file; a missing function fails with a message naming the function.
- The fixtures ``timed_gate`` and ``loop_gate`` (gates.py); tests that use one are marked
  ``gate``. The safety net under every test is safety_net.py, registered here.
- A scoreboard after any run that covers more than one kata.
- ``--expect=fail`` and ``--expect=gates-fail``: the checks behind ``nox -s stubs`` and
  ``nox -s gates`` (every test fails on the stubs; on the loop proofs every gate fails and
  every other test passes).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import traceback
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from numpy_katas import gates, progress, safety_net
from numpy_katas.catalogue import KATA_COUNT

SOURCE_VARIABLE = "KATAS_SOURCE"
SOURCES = {
    "katas": "the stubs in katas/ (your answers)",
    "solutions": "the answer key in solutions/",
    "loops": "the loop proofs in gate_proofs/ over the answer key",
}
GATE_FIXTURES = {"timed_gate", "loop_gate"}

_SOURCE = pytest.StashKey[str]()  # which implementation this run tests
_OUTCOMES = pytest.StashKey[dict]()  # nodeid -> kata, outcome, cause, gate
_PROBLEMS = pytest.StashKey[list]()  # what an --expect check found

# Hypothesis: no per-example deadline, so a busy machine cannot fail a correct answer (the
# timed gates judge speed); no "explain" phase, which takes seconds on every failing stub.
settings.register_profile(
    "katas",
    deadline=None,
    max_examples=60,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "katas"))


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("numpy-katas")
    group.addoption(
        "--kata-source",
        choices=sorted(SOURCES),
        default=None,
        help=f"which implementation the kata tests import (default: ${SOURCE_VARIABLE} or katas)",
    )
    group.addoption(
        "--solutions",
        action="store_const",
        const="solutions",
        dest="kata_source",
        help="run the kata tests against the answer key in solutions/",
    )
    group.addoption(
        "--expect",
        choices=["fail", "gates-fail"],
        default=None,
        help="check outcomes instead of reporting them: 'fail' (every test fails with "
        "NotImplementedError), 'gates-fail' (gate tests fail at their gate, others pass)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "gate: a vectorisation gate (uses the timed_gate or loop_gate fixture)"
    )
    source = config.getoption("kata_source") or os.environ.get(SOURCE_VARIABLE, "katas")
    if source not in SOURCES:
        raise pytest.UsageError(
            f"{SOURCE_VARIABLE}={source!r}: choose one of {', '.join(sorted(SOURCES))}"
        )
    if source in ("solutions", "loops") and not (config.rootpath / "solutions").is_dir():
        raise pytest.UsageError(
            "There is no solutions/ folder in this copy of numpy-katas (dojo copies often ship "
            "without the answers), so the tests cannot run against the answer key. "
            "Run without --solutions to test your own code in katas/."
        )
    gates.time_scale()  # a bad KATAS_TIME_SCALE stops the run here, with or without -q
    config.stash[_SOURCE] = source
    config.stash[_OUTCOMES] = {}
    progress.start_recording(config, source)  # the state `katas` reads (progress.py)
    config.pluginmanager.register(safety_net, "numpy-katas-safety-net")


def pytest_report_header(config: pytest.Config) -> str:
    scale = gates.time_scale()
    timing = "off" if scale == 0 else f"budgets x{scale:g}"
    return f"numpy-katas: testing {SOURCES[config.stash[_SOURCE]]}; timed gates {timing}"


# ---------------------------------------------------------------------------------------------
# Source swap


def kata_of(path: Path, root: Path) -> str | None:
    """The kata slug of a path under root/katas/, else None."""
    try:
        parts = path.resolve().relative_to(root / "katas").parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


class _BrokenModule(types.ModuleType):
    """Stands in for a kata module that failed to import: every use fails with the reason."""

    def __init__(self, name: str, reason: str):
        super().__init__(name)
        self._reason = reason

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        pytest.fail(self._reason, pytrace=False)


def _relative(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _exec_file(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _missing_function(where: str):
    def __getattr__(attribute: str):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        raise AttributeError(
            f"{where} has no function {attribute!r}: the tests call it by that name. "
            "Check the spelling, or restore it from the stub."
        )

    return __getattr__


def load_kata_module(root: Path, slug: str, name: str, source: str) -> types.ModuleType:
    """Import kata module ``name`` of ``slug`` from the chosen source, never raising."""
    folder = "katas" if source == "katas" else "solutions"
    path = root / folder / slug / f"{name}.py"
    try:
        module = _exec_file(name, path)
        if source == "loops":
            proof = root / "gate_proofs" / slug / f"{name}.py"
            if proof.exists():
                loops = _exec_file(f"{name}_loops", proof)
                module.__dict__.update(
                    (key, value)
                    for key, value in vars(loops).items()
                    if callable(value) and getattr(value, "__module__", None) == loops.__name__
                )
    except Exception:
        error = traceback.format_exc(limit=-1).strip().splitlines()
        detail = "\n".join(line for line in error[-4:] if not line.startswith("Traceback"))
        where = _relative(path, root)
        return _BrokenModule(name, f"{where} could not be imported:\n{detail}")
    module.__getattr__ = _missing_function(_relative(path, root))
    return module


@pytest.hookimpl(tryfirst=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    """Before a kata's test file is imported, put the chosen kata module in sys.modules."""
    config = parent.config
    slug = kata_of(file_path, config.rootpath)
    if slug and file_path.name.startswith("test_") and file_path.suffix == ".py":
        name = file_path.stem.removeprefix("test_")
        sys.modules[name] = load_kata_module(config.rootpath, slug, name, config.stash[_SOURCE])


# ---------------------------------------------------------------------------------------------
# Gates


@pytest.fixture
def timed_gate(request: pytest.FixtureRequest) -> gates.TimedGate:
    return gates.TimedGate(request.node.nodeid)


@pytest.fixture
def loop_gate(request: pytest.FixtureRequest) -> gates.LoopGate:
    return gates.LoopGate(request.node.nodeid)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if GATE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gate)


# ---------------------------------------------------------------------------------------------
# Outcomes: the scoreboard and the --expect checks


def _caused_by(error: BaseException | None, kind: type) -> bool:
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, kind):
            return True
        if isinstance(error, BaseExceptionGroup):
            return any(_caused_by(e, kind) for e in error.exceptions)
        error = error.__cause__ or error.__context__
    return False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    outcomes = item.config.stash[_OUTCOMES]
    entry = outcomes.setdefault(
        item.nodeid,
        {"kata": kata_of(item.path, item.config.rootpath), "outcome": "passed", "cause": None},
    )
    entry["gate"] = item.get_closest_marker("gate") is not None
    if report.failed and entry["outcome"] != "failed":
        entry["outcome"] = "failed"
        error = call.excinfo.value if call.excinfo else None
        if _caused_by(error, NotImplementedError):
            entry["cause"] = "NotImplementedError"
            _shorten_not_implemented(report, call.excinfo, item.config.rootpath)
        elif _caused_by(error, gates.GateFailed):
            entry["cause"] = "gate"
        else:
            entry["cause"] = report.longreprtext.strip().splitlines()[-1][:200]
    elif report.skipped and entry["outcome"] == "passed":
        entry["outcome"] = "skipped"
    return report


def _shorten_not_implemented(report, excinfo: pytest.ExceptionInfo, root: Path) -> None:
    """A stub's NotImplementedError needs one line, not a traceback through its docstring."""
    if not isinstance(excinfo.value, NotImplementedError) or not excinfo.traceback:
        return
    last = excinfo.traceback[-1]
    where = _relative(Path(last.path), root)
    name = last.frame.code.raw.co_qualname  # DataCache.save, not save
    report.longrepr = f"{name}() is not written yet: {where} still raises NotImplementedError"


def _expectation_violations(outcomes: dict, expect: str) -> list[str]:
    problems = []
    for nodeid, entry in outcomes.items():
        outcome, cause = entry["outcome"], entry["cause"]
        if expect == "fail":
            if outcome != "failed":
                problems.append(f"{nodeid}: {outcome} on the stub (it must fail)")
            elif cause != "NotImplementedError":
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
    outcomes = session.config.stash[_OUTCOMES]
    problems = _expectation_violations(outcomes, expect)
    if not outcomes:
        problems.append("no kata tests ran")
    session.config.stash[_PROBLEMS] = problems
    session.exitstatus = pytest.ExitCode.TESTS_FAILED if problems else pytest.ExitCode.OK


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter, config: pytest.Config):
    # Outermost wrapper: what follows the yield comes after pytest's short test summary, so
    # the scoreboard is the last thing above the final count, where a learner looks.
    yield
    _write_summary(terminalreporter, config)


def _write_summary(terminalreporter, config: pytest.Config) -> None:
    write = terminalreporter.write_line
    if config.getoption("expect"):
        problems = config.stash.get(_PROBLEMS, [])
        title = f"--expect={config.getoption('expect')}"
        terminalreporter.section(f"numpy-katas {title}", sep="=")
        for line in problems:
            write(f"UNEXPECTED {line}")
        total = len(config.stash[_OUTCOMES])
        write(f"{total - len(problems)}/{total} tests as expected")
        return

    per_kata: dict[str, list[str]] = {}
    for entry in config.stash[_OUTCOMES].values():
        if entry["kata"]:
            per_kata.setdefault(entry["kata"], []).append(entry["outcome"])
    if len(per_kata) < 2:
        return
    terminalreporter.section("numpy-katas scoreboard", sep="=")
    width = max(len(slug) for slug in per_kata)
    done = 0
    for slug in sorted(per_kata):
        outcomes = per_kata[slug]
        passed = outcomes.count("passed")
        finished = passed == len(outcomes)
        done += finished
        note = "done" if finished else ""
        if "skipped" in outcomes:
            note = f"{outcomes.count('skipped')} skipped"
        write(f"  {slug:<{width}}  {passed:>3}/{len(outcomes):<3} {note}".rstrip())
    write(f"{done}/{KATA_COUNT} katas done")
