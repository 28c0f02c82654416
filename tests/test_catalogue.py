"""The catalogue, the kata folders and the README table agree, and every built kata is whole."""

import ast
import importlib.metadata
import sys

import pytest

from numpy_katas import catalogue
from numpy_katas.catalogue import ROOT

# Fixed: learners already type these.
SLUGS = [
    "01_creation", "02_attributes", "03_indexing", "04_math", "05_broadcasting", "06_boolean",
    "07_statistics", "08_linalg", "09_manipulation", "10_random", "11_strides", "12_structured",
    "13_polyfit", "14_fancy_indexing", "15_vectorization", "16_signal", "17_sorting", "18_sets",
    "19_stability", "20_distributions", "21_images", "22_aggregations", "23_io", "24_datetime",
    "25_meshgrid", "26_pairwise", "27_ufuncs", "28_masked", "29_contiguity", "30_advanced_linalg",
    "31_differentiation", "32_workflows",
]  # fmt: skip

KATAS = catalogue.load()
BUILT = [k for k in KATAS if k.built]


def test_the_catalogue_lists_the_32_katas_in_course_order():
    assert [k.slug for k in KATAS] == SLUGS
    assert len(SLUGS) == catalogue.KATA_COUNT


def test_every_kata_folder_is_in_the_catalogue():
    folders = {p.name for p in (ROOT / "katas").iterdir() if p.is_dir() and p.name[:2].isdigit()}
    assert folders <= set(SLUGS), f"folders missing from the catalogue: {folders - set(SLUGS)}"
    answers = {p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()}
    assert answers == {k.slug for k in BUILT}, "katas/ and solutions/ must hold the same katas"


def test_module_names_are_unique_and_shadow_nothing():
    modules = [k.module for k in KATAS]
    assert len(set(modules)) == len(modules), "two katas share a module name"
    installed = set(importlib.metadata.packages_distributions())
    for name in modules:
        assert name not in sys.stdlib_module_names, f"{name} shadows a standard-library module"
        assert name not in installed, f"{name} shadows an installed package"
        assert name.isidentifier(), f"{name} is not an importable module name"


def test_the_readme_table_matches_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == catalogue.readme_with_table(readme, KATAS), (
        "README.md's kata table is stale: run `python -m numpy_katas.catalogue`"
    )


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_a_built_kata_has_every_file(kata):
    expected = [
        kata.folder / "README.md",
        kata.folder / f"{kata.module}.py",
        kata.folder / f"test_{kata.module}.py",
        ROOT / "solutions" / kata.slug / f"{kata.module}.py",
    ]
    if kata.gated:
        expected.append(ROOT / "gate_proofs" / kata.slug / f"{kata.module}.py")
    missing = [str(p.relative_to(ROOT)) for p in expected if not p.exists()]
    assert not missing, f"{kata.slug} lacks {missing}"
    # Caches (__pycache__, .hypothesis from a run inside the folder) are not the kata's files.
    extra = {p.name for p in kata.folder.iterdir() if p.name != "__pycache__"}
    extra = {name for name in extra if not name.startswith(".")}
    extra -= {p.name for p in expected}
    assert not extra, f"{kata.slug} holds files beyond the kata's shape: {sorted(extra)}"


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_gated_katas_and_only_they_use_the_gates(kata):
    tests = (kata.folder / f"test_{kata.module}.py").read_text(encoding="utf-8")
    uses_gates = "timed_gate" in tests or "loop_gate" in tests
    assert uses_gates == kata.gated, (
        f"{kata.slug}: the catalogue says gated={kata.gated}, the tests say {uses_gates}"
    )


def test_katas_never_import_the_answers():
    for path in (ROOT / "katas").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                root = name.split(".")[0]
                assert root not in {"solutions", "gate_proofs"}, f"{path} imports {name}"


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_tests_import_the_kata_module_whole(kata):
    """`from module import f` would fail at collection on a learner's broken module; calling
    module.f lets the plugin answer with a message naming the file and the function."""
    tree = ast.parse((kata.folder / f"test_{kata.module}.py").read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert any(
        isinstance(n, ast.Import) and kata.module in [a.name for a in n.names] for n in imports
    ), f"{kata.slug}: the tests must `import {kata.module}`"
    assert not any(isinstance(n, ast.ImportFrom) and n.module == kata.module for n in imports), (
        f"{kata.slug}: use `import {kata.module}` and `{kata.module}.func(...)`, not from-imports"
    )
