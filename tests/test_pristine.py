"""pristine/ holds each kata's stub exactly as shipped: `katas reset` and `katas export` use it."""

import pytest

from numpy_katas import catalogue, pristine
from numpy_katas.catalogue import ROOT

KATAS = catalogue.load(ROOT)
BUILT = [k for k in KATAS if k.built]
FIX = "after changing a stub, run `python -m numpy_katas.pristine` (on the stub, not an answer)"


@pytest.mark.parametrize("kata", BUILT, ids=lambda k: k.slug)
def test_the_shipped_copy_of_the_stub_is_the_stub(kata):
    assert pristine.text(kata) is not None, f"{kata.slug}: no pristine copy; {FIX}"
    assert pristine.text(kata) == kata.module_path.read_text(encoding="utf-8"), (
        f"pristine/{kata.slug}/{kata.module}.py differs from {kata.relative_module}: {FIX}"
    )


def test_pristine_holds_nothing_else():
    expected = {f"{k.slug}/{k.module}.py" for k in BUILT}
    found = {
        p.relative_to(ROOT / "pristine").as_posix() for p in (ROOT / "pristine").rglob("*.py")
    }
    assert found <= expected, f"pristine/ holds stale copies: {sorted(found - expected)}"


def test_recording_refuses_a_module_with_answers(tmp_path):
    (tmp_path / "katas" / "01_doubling").mkdir(parents=True)
    (tmp_path / "katas" / "catalogue.toml").write_text(
        '[[kata]]\nslug = "01_doubling"\ntitle = "Doubling"\nmodule = "doubling"\n'
        "difficulty = 1\nminutes = 10\nconcepts = []\ngated = false\n"
    )
    module = tmp_path / "katas" / "01_doubling" / "doubling.py"
    module.write_text('def double(x):\n    """Twice x."""\n    return 2 * x\n')
    problems = pristine.record(tmp_path)
    assert problems
    assert "double" in problems[0]
    assert not (tmp_path / "pristine").exists()
    module.write_text(
        'def double(x):\n    """Twice x."""\n    raise NotImplementedError("double")\n'
    )
    assert pristine.record(tmp_path) == []
    assert (
        tmp_path / "pristine" / "01_doubling" / "doubling.py"
    ).read_text() == module.read_text()


def test_answers_in_a_class_are_answers_too():
    stub = 'class Cache:\n    """A cache."""\n\n    def load(self, key):\n        """Load."""\n'
    stub += '        raise NotImplementedError("Cache.load")\n'
    answer = stub.replace('raise NotImplementedError("Cache.load")', "return {}")
    assert pristine.answered_functions(stub) == []
    assert pristine.answered_functions(answer) == ["Cache.load"]


def test_one_method_of_a_class_can_be_put_back():
    stub = 'class Cache:\n    """A cache."""\n\n    def load(self, key):\n        """Load."""\n'
    stub += '        raise NotImplementedError("Cache.load")\n'
    answer = stub.replace('raise NotImplementedError("Cache.load")', "return {}")
    assert list(pristine.functions(stub)) == ["Cache.load"]
    assert pristine.replace_function(answer, stub, "Cache.load") == stub
    with pytest.raises(KeyError):  # a method missing from the class: reset the whole module
        pristine.replace_function('class Cache:\n    """A cache."""\n', stub, "Cache.load")
