"""Checks for numpy-katas. ``nox`` runs them all; ``nox -s solutions -- 19`` checks one kata.

Sessions taking kata arguments accept numbers or slugs (``19``, ``19_stability``); none means all.
"""

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


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def tests(session: nox.Session) -> None:
    """The repository's own tests: layout, catalogue, stub purity, the framework itself."""
    install(session)
    session.run("pytest", *QUIET, "tests", *session.posargs)
