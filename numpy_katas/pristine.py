"""The stubs as shipped, in pristine/, which ``katas reset`` puts back and ``katas export`` ships.

``pristine/NN_slug/<module>.py`` is a copy of each kata's stub, kept in a folder learners do
not work in. It is the source of a reset because it is there in every copy of the repository:
a git clone where the learner has committed their answers (so ``git checkout`` would bring
back their own work), a zip or a dojo copy without ``.git``. A test (tests/test_pristine.py)
fails when a stub in katas/ and its copy differ, so the copy cannot drift from what shipped.

``python -m numpy_katas.pristine`` rewrites pristine/ from katas/, after checking that every
function of every stub still holds only its docstring and ``raise NotImplementedError``: run it
after changing a stub, on your stub, never on a module with answers in it.
"""

from __future__ import annotations

import ast
import difflib
import sys
from pathlib import Path

from numpy_katas.catalogue import Kata, find_root
from numpy_katas.catalogue import load as load_catalogue
from numpy_katas.progress import fingerprint

FOLDER = "pristine"


def path(kata: Kata) -> Path:
    return kata.root / FOLDER / kata.slug / f"{kata.module}.py"


def text(kata: Kata) -> str | None:
    try:
        return path(kata).read_text(encoding="utf-8")
    except OSError:
        return None


def sha(kata: Kata) -> str | None:
    """The fingerprint (progress.fingerprint) the kata's folder has when its stub is pristine."""
    if not path(kata).is_file():
        return None
    return fingerprint(path(kata).parent)[0]


# ---------------------------------------------------------------------------------------------
# Functions of a module's text


def functions(source: str) -> dict[str, tuple[int, int]]:
    """Top-level functions and class methods (``DataCache.save``) of ``source``: name ->
    (first line, last line), 1-based, inclusive, decorators included. Raises SyntaxError if
    the source does not parse."""
    spans = {}
    for name, node in _functions_and_methods(ast.parse(source)):
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        spans[name] = (first, node.end_lineno)
    return spans


def function_text(source: str, name: str) -> str | None:
    span = functions(source).get(name)
    if span is None:
        return None
    lines = source.splitlines(keepends=True)
    return "".join(lines[span[0] - 1 : span[1]])


def replace_function(current: str, stub: str, name: str) -> str:
    """``current`` with function ``name`` put back as in ``stub`` (appended if it is missing).

    Raises SyntaxError if ``current`` does not parse, KeyError if ``stub`` has no ``name``.
    """
    replacement = function_text(stub, name)
    if replacement is None:
        raise KeyError(name)
    span = functions(current).get(name)
    lines = current.splitlines(keepends=True)
    if span is None and "." in name:
        raise KeyError(name)  # a method goes inside its class: the caller resets the module
    if span is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return "".join(lines).rstrip("\n") + "\n\n\n" + replacement
    return "".join(lines[: span[0] - 1]) + replacement + "".join(lines[span[1] :])


def changes(current: str, stub: str) -> tuple[list[str], int]:
    """What resetting ``current`` to ``stub`` loses: the functions whose text differs (or that
    the stub lacks, such as helpers), and the number of lines of ``current`` that go."""
    diff = difflib.unified_diff(stub.splitlines(), current.splitlines(), lineterm="", n=0)
    changed = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
    try:
        mine = functions(current)
    except SyntaxError:
        return [], changed
    names = [n for n in mine if function_text(current, n) != function_text(stub, n)]
    return names, changed


# ---------------------------------------------------------------------------------------------
# Regenerating pristine/


def _functions_and_methods(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):  # DataCache's methods are the kata's functions
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{member.name}", member


def answered_functions(source: str) -> list[str]:
    """Functions (and methods) that hold more than a docstring and ``raise
    NotImplementedError(...)``."""
    impure = []
    for name, node in _functions_and_methods(ast.parse(source)):
        body = node.body
        if ast.get_docstring(node) is not None:
            body = body[1:]
        raises = (
            len(body) == 1
            and isinstance(body[0], ast.Raise)
            and isinstance(body[0].exc, ast.Call | ast.Name)
            and getattr(getattr(body[0].exc, "func", body[0].exc), "id", "")
            == "NotImplementedError"
        )
        if not raises:
            impure.append(name)
    return impure


def record(root: Path) -> list[str]:
    """Copy every built kata's stub into pristine/; returns the problems (nothing written
    for a kata with one)."""
    problems = []
    for kata in load_catalogue(root):
        if not kata.built:
            continue
        source = kata.module_path.read_text(encoding="utf-8")
        try:
            impure = answered_functions(source)
        except SyntaxError as error:
            problems.append(f"{kata.relative_module}: does not parse ({error.msg})")
            continue
        if impure:
            problems.append(
                f"{kata.relative_module}: {', '.join(impure)} hold(s) more than a docstring "
                "and `raise NotImplementedError`: is that an answer, not the stub?"
            )
            continue
        if text(kata) != source:
            path(kata).parent.mkdir(parents=True, exist_ok=True)
            path(kata).write_text(source, encoding="utf-8")
            print(f"{FOLDER}/{kata.slug}/{kata.module}.py: updated", file=sys.stderr)
    return problems


if __name__ == "__main__":
    found = find_root()
    if found is None:
        sys.exit("no numpy-katas repository here (katas/catalogue.toml not found)")
    trouble = record(found)
    for line in trouble:
        print(line, file=sys.stderr)
    sys.exit(1 if trouble else 0)
