"""A learner's progress: recorded after every pytest run, read by the ``katas`` command.

The state lives in ``.katas/progress.json`` at the repository's root (ignored by git). For each
kata it holds the outcome of every test on one version of the kata's module, identified by
the SHA-256 of the module file, and the test ids of the whole kata. A kata is done only when
every one of its tests passed on the module as it is now: a ``-k`` run that passed a few
tests, or a run before the learner's last save, does not make it done.

```json
{"version": 1,
 "katas": {"19_stability": {
     "module_sha256": "...", "tests_sha256": "...",
     "test_ids": ["katas/19_stability/test_stability.py::test_x", ...],
     "outcomes": {"katas/19_stability/test_stability.py::test_x": "passed", ...},
     "failures": {"<test id>": "the failure's message (shortened)"},
     "last_run": 1733040000.0, "solved_at": 1733040000.0}},
 "hints": {"19_stability": 2}}
```

``test_ids`` is set by a run that collected the whole kata (nothing deselected, no
``file::test`` argument, no ``--lf``) and kept while the test file is unchanged;
``outcomes`` is reset whenever the module or the tests change. ``solved_at`` is the first time
the kata was done, and unlocks ``katas solution``.

Only runs against the learner's modules are recorded (not ``--solutions`` or
``--kata-source=loops``), and under pytest-xdist only on the controller. The plugin calls
:func:`start_recording` from its ``pytest_configure``; nothing else in it knows about this file.
This module does not import pytest or NumPy, so ``katas list`` starts instantly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from numpy_katas.catalogue import Kata, kata_of

STATE_DIR = ".katas"
STATE_FILE = "progress.json"
VERSION = 1
MESSAGE_LIMIT = 1500  # characters of a failure's message kept for `katas watch`


# ---------------------------------------------------------------------------------------------
# Fingerprints: which version of a kata's module and tests a run saw


def _digest(paths: list[Path]) -> str | None:
    if not paths:
        return None
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0")
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"<unreadable>")
        sha.update(b"\0")
    return sha.hexdigest()


def fingerprint(folder: Path) -> tuple[str | None, str | None]:
    """SHA-256 of a kata folder's module file(s) and of its test file(s)."""
    try:
        files = sorted(p for p in folder.glob("*.py") if p.is_file())
    except OSError:
        return None, None
    modules = [p for p in files if not p.name.startswith("test_") and p.name != "conftest.py"]
    return _digest(modules), _digest([p for p in files if p.name.startswith("test_")])


# ---------------------------------------------------------------------------------------------
# The state file


def state_path(root: Path) -> Path:
    return root / STATE_DIR / STATE_FILE


def load_state(root: Path) -> dict:
    try:
        state = json.loads(state_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if not isinstance(state, dict) or state.get("version") != VERSION:
        state = {}
    state.setdefault("version", VERSION)
    state.setdefault("katas", {})
    state.setdefault("hints", {})
    return state


@contextlib.contextmanager
def updating_state(root: Path):
    """Read, change and write the state under a lock, so that two runs cannot interleave."""
    folder = root / STATE_DIR
    folder.mkdir(exist_ok=True)
    with open(folder / "progress.lock", "a+") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: the write below is still atomic
            pass
        state = load_state(root)
        yield state
        temporary = folder / f"{STATE_FILE}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, state_path(root))


# ---------------------------------------------------------------------------------------------
# Reading: the status of one kata


@dataclass(frozen=True)
class Status:
    state: str  # "coming", "not started", "in progress", "done", "changed", "edited"
    passed: int = 0
    total: int | None = None  # None: no whole-kata run recorded on these tests yet
    skipped: int = 0
    was: str = ""  # for "changed": what the last run found
    solved: bool = False

    @property
    def done(self) -> bool:
        return self.state == "done"

    def describe(self) -> str:
        count = f"{self.passed}/{self.total if self.total is not None else '?'}"
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        if self.state == "in progress":
            return f"in progress {count}{skipped}"
        if self.state == "not started" and self.total:
            return f"not started (0/{self.total})"
        if self.state == "changed":
            return f"changed since last run (was {self.was})"
        if self.state == "edited":
            return "edited, not run yet"
        return self.state


def counts(entry: dict) -> tuple[int, int | None, int]:
    """Passed, total and skipped tests of a state entry (total None if not known)."""
    outcomes = entry.get("outcomes", {})
    ids = entry.get("test_ids")
    considered = ids if ids is not None else list(outcomes)
    passed = sum(outcomes.get(t) == "passed" for t in considered)
    skipped = sum(outcomes.get(t) == "skipped" for t in considered)
    return passed, (len(ids) if ids is not None else None), skipped


def is_done(entry: dict) -> bool:
    passed, total, _ = counts(entry)
    return bool(total) and passed == total


def status(kata: Kata, state: dict, pristine_sha: str | None = None) -> Status:
    """The kata's status from the recorded state and its files as they are now.

    ``pristine_sha``: the fingerprint of the stub as shipped, if known; a module equal to it
    is "not started" whatever its earlier runs found.
    """
    if not kata.built:
        return Status("coming")
    entry = state["katas"].get(kata.slug)
    module_sha, tests_sha = fingerprint(kata.folder)
    solved = bool(entry and entry.get("solved_at"))
    untouched = pristine_sha is not None and module_sha == pristine_sha
    if entry is None:
        return Status("not started" if untouched or pristine_sha is None else "edited")
    passed, total, skipped = counts(entry)
    if entry.get("module_sha256") != module_sha or entry.get("tests_sha256") != tests_sha:
        if untouched:
            return Status("not started", solved=solved)
        was = "done" if is_done(entry) else f"{passed}/{total if total is not None else '?'}"
        return Status("changed", passed, total, skipped, was=was, solved=solved)
    if total and passed == total:
        return Status("done", passed, total, solved=True)
    if untouched:
        return Status("not started", 0, total, skipped, solved=solved)
    return Status("in progress", passed, total, skipped, solved=solved)


# ---------------------------------------------------------------------------------------------
# Recording: a pytest plugin object, registered by numpy_katas/plugin.py


def start_recording(config, source: str) -> None:
    """Record this run's outcomes in the state file, if it tests the learner's modules."""
    if source != "katas" or hasattr(config, "workerinput"):
        return  # the answer key, the loop proofs, or an xdist worker (the controller records)
    config.pluginmanager.register(_Recorder(config), "numpy-katas-progress")


def _message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    text = text.strip()
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."


class _Recorder:
    def __init__(self, config):
        self.config = config
        self.root = Path(config.rootpath)
        self.fingerprints: dict[str, tuple[str | None, str | None]] = {}
        self.outcomes: dict[str, dict[str, str]] = {}  # kata -> test id -> outcome
        self.failures: dict[str, dict[str, str]] = {}
        self.collected: dict[str, set[str]] | None = None  # None: not collected here (xdist)
        self.deselected: set[str] = set()

    def _slug(self, nodeid: str) -> str | None:
        return kata_of(self.root / nodeid.split("::")[0], self.root)

    def pytest_sessionstart(self, session) -> None:
        # Before the modules are imported: a save during the run makes the kata "changed".
        katas = self.root / "katas"
        if katas.is_dir():
            for folder in katas.glob("[0-9][0-9]_*"):
                if folder.is_dir():
                    self.fingerprints[folder.name] = fingerprint(folder)

    def pytest_deselected(self, items) -> None:
        self.deselected.update(self._slug(item.nodeid) or "" for item in items)

    def pytest_collection_finish(self, session) -> None:
        self.collected = {}
        for item in session.items:
            slug = self._slug(item.nodeid)
            if slug:
                self.collected.setdefault(slug, set()).add(item.nodeid)

    def pytest_runtest_logreport(self, report) -> None:
        slug = self._slug(report.nodeid)
        if not slug:
            return
        outcomes = self.outcomes.setdefault(slug, {})
        current = outcomes.get(report.nodeid, "passed")
        if report.failed:
            outcomes[report.nodeid] = "failed"
            if current != "failed":
                self.failures.setdefault(slug, {})[report.nodeid] = _message(report)
        elif report.skipped and current == "passed":
            outcomes[report.nodeid] = "skipped"
        else:
            outcomes[report.nodeid] = current

    def _narrowed(self) -> set[str] | None:
        """Katas this run did not collect whole; None if that holds for every kata."""
        option = self.config.getoption
        if option("lf", False):
            return None
        if self.collected is None and (
            option("keyword", "") or option("markexpr", "") or option("deselect", None)
        ):
            return None  # under xdist the controller does not see what a worker deselected
        narrowed = {slug for slug in self.deselected if slug}
        invocation = Path(self.config.invocation_params.dir)
        for arg in self.config.args:
            if "::" in arg:
                narrowed.add(kata_of(invocation / arg.split("::")[0], self.root) or "")
        return narrowed

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        if not self.outcomes:
            return
        narrowed = self._narrowed()
        finished = int(exitstatus) in (0, 1) and not self.config.getoption("maxfail", 0)
        try:
            with updating_state(self.root) as state:
                for slug, outcomes in self.outcomes.items():
                    if slug not in self.fingerprints:
                        continue
                    if self.collected is not None:
                        whole = narrowed is not None and slug not in narrowed
                        ids = self.collected.get(slug, set())
                    else:  # xdist: the tests reported are the tests collected
                        whole = narrowed is not None and slug not in narrowed and finished
                        ids = set(outcomes)
                    self._merge(state, slug, outcomes, ids if whole else None)
        except OSError:
            pass  # a read-only checkout: progress is a convenience, never a failure

    def _merge(self, state: dict, slug: str, outcomes: dict, ids: set[str] | None) -> None:
        module_sha, tests_sha = self.fingerprints[slug]
        entry = state["katas"].get(slug, {})
        if entry.get("tests_sha256") != tests_sha:
            entry["test_ids"] = None
        if entry.get("module_sha256") != module_sha or entry.get("tests_sha256") != tests_sha:
            entry["outcomes"], entry["failures"] = {}, {}
        entry["module_sha256"], entry["tests_sha256"] = module_sha, tests_sha
        entry["outcomes"].update(outcomes)
        failures = entry["failures"]
        for nodeid, outcome in outcomes.items():
            if outcome == "failed":
                failures[nodeid] = self.failures.get(slug, {}).get(nodeid, "")
            else:
                failures.pop(nodeid, None)
        if ids is not None:
            entry["test_ids"] = sorted(ids)
            entry["outcomes"] = {t: o for t, o in entry["outcomes"].items() if t in ids}
            entry["failures"] = {t: m for t, m in failures.items() if t in ids}
        entry.setdefault("test_ids", None)
        entry["last_run"] = time.time()
        if is_done(entry) and not entry.get("solved_at"):
            entry["solved_at"] = entry["last_run"]
        entry.setdefault("solved_at", None)
        state["katas"][slug] = entry
