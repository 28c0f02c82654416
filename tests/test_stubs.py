"""Stub purity: a stub holds the contract and no answer, and matches its solution's API."""

import ast

import pytest

from numpy_katas import catalogue
from numpy_katas.catalogue import ROOT

BUILT = [k for k in catalogue.load() if k.built]


def _functions(path):
    """The module's functions, and its classes' methods as ``Class.method``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        methods = (n for n in cls.body if isinstance(n, ast.FunctionDef))
        functions.update((f"{cls.name}.{m.name}", m) for m in methods)
    return tree, functions


def _raises_not_implemented(statement):
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    exc = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_every_stub_function_only_raises_not_implemented(kata):
    tree, functions = _functions(kata.folder / f"{kata.module}.py")
    assert functions, f"{kata.slug}: the stub defines no function"
    for name, node in functions.items():
        body = node.body
        assert ast.get_docstring(node), f"{kata.slug}: {name} has no contract docstring"
        only_raises = len(body) == 2 and _raises_not_implemented(body[1])
        assert only_raises, f"{kata.slug}: {name} must hold its docstring and a raise only"
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.Expr, ast.ClassDef, ast.Assign)
    for node in tree.body:
        assert isinstance(node, allowed), f"{kata.slug}: stub holds a {type(node).__name__}"
        if isinstance(node, ast.Expr):
            assert isinstance(node.value, ast.Constant), f"{kata.slug}: stub runs code at import"
        if isinstance(node, ast.ClassDef):
            assert ast.get_docstring(node), f"{kata.slug}: class {node.name} has no docstring"
            for member in node.body[1:]:
                assert isinstance(member, ast.FunctionDef), (
                    f"{kata.slug}: class {node.name} holds a {type(member).__name__}"
                )


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_stub_and_solution_have_the_same_functions_and_signatures(kata):
    _, stub = _functions(kata.folder / f"{kata.module}.py")
    _, answer = _functions(ROOT / "solutions" / kata.slug / f"{kata.module}.py")
    public = {
        name for name in answer if not name.split(".")[-1].startswith("_") or "__init__" in name
    }
    assert set(stub) == public, f"{kata.slug}: stub {sorted(stub)} vs solution {sorted(public)}"
    for name in stub:
        assert ast.dump(stub[name].args) == ast.dump(answer[name].args), (
            f"{kata.slug}: {name} has different parameters in the stub and the solution"
        )
        assert ast.get_docstring(stub[name]) == ast.get_docstring(answer[name]), (
            f"{kata.slug}: {name}'s docstring differs between the stub and the solution"
        )
