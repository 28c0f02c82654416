"""The pytest plugin behind every kata run (loaded by the repository's conftest.py).

- Source swap: a kata's tests ``import <module>``; this plugin decides which file that is:
  the learner's stub in katas/ (default), the answer key in solutions/ (``--solutions`` or
  ``KATAS_SOURCE=solutions``), or the answer key with the loop proofs of gate_proofs/ laid
  over it (``--kata-source=loops``, used by ``nox -s gates``).
- A module that does not import (a syntax error, say) fails only its own kata's tests, with
  a message naming the file; a missing function fails with a message naming the function.
- The fixtures ``timed_gate`` and ``loop_gate`` (gates.py); tests that use one are marked
  ``gate``.
- Registers the scoreboard and the ``--expect`` checks (scoreboard.py), the safety net under
  every test (safety_net.py) and the record that ``katas list`` reads (progress.py).
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

from numpy_katas import gates, progress, safety_net, scoreboard
from numpy_katas.catalogue import kata_of
from numpy_katas.scoreboard import BrokenModule, MissingFunction

SOURCE_VARIABLE = "KATAS_SOURCE"
SOURCES = {
    "katas": "the stubs in katas/ (your answers)",
    "solutions": "the answer key in solutions/",
    "loops": "the loop proofs in gate_proofs/ over the answer key",
}
GATE_FIXTURES = {"timed_gate", "loop_gate"}

_SOURCE = pytest.StashKey[str]()  # which implementation this run tests

# Hypothesis: no per-example deadline, so a busy machine cannot fail a correct answer (the
# timed gates judge speed); no "explain" phase, which takes seconds on every failing stub.
settings.register_profile(
    "katas",
    deadline=None,
    max_examples=60,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
# All that Hypothesis stores (its example database, its caches) goes to .hypothesis/ at the
# repository root, wherever pytest was started: none in a kata's folder. Your own setting wins.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(__file__).parents[1] / ".hypothesis")
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
    progress.start_recording(config, source)  # the state `katas` reads (progress.py)
    config.pluginmanager.register(safety_net, "numpy-katas-safety-net")
    config.pluginmanager.register(scoreboard, "numpy-katas-scoreboard")


def pytest_report_header(config: pytest.Config) -> str:
    scale = gates.time_scale()
    timing = "off" if scale == 0 else f"budgets x{scale:g}"
    return f"numpy-katas: testing {SOURCES[config.stash[_SOURCE]]}; timed gates {timing}"


# ---------------------------------------------------------------------------------------------
# Source swap


class _BrokenModule(types.ModuleType):
    """Stands in for a kata module that failed to import: every use fails with the reason,
    in full the first time and in one line after that."""

    def __init__(self, name: str, reason: str, where: str):
        super().__init__(name)
        self._reason = reason
        self._where = where

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):  # pytest and hypothesis look for private markers
            raise AttributeError(attribute)
        reason = self._reason
        self._reason = f"{self._where} could not be imported (the first failure says why)"
        raise BrokenModule(reason)


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
        raise MissingFunction(
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
        return _BrokenModule(name, f"{where} could not be imported:\n{detail}", where)
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
