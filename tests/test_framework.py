"""The plugin and the gates, tested on small throwaway kata trees (pytester)."""

import textwrap

import numpy as np
import pytest

from numpy_katas import tracing

STUB = '''
def double(x):
    """Twice x."""
    raise NotImplementedError("double")
'''
ANSWER = '''
def double(x):
    """Twice x."""
    return 2 * x
'''
TESTS = """
import doubling

def test_double():
    assert doubling.double(2) == 4
"""


@pytest.fixture
def kata_tree(pytester):
    """A repository with one kata, 01_doubling, and its answer key."""
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\n")
    pytester.makeconftest('pytest_plugins = ["numpy_katas.plugin"]')
    add_kata(pytester, "01_doubling", "doubling", STUB, TESTS, answer=ANSWER)
    return pytester


def add_kata(pytester, slug, module, stub, tests, answer=None):
    folder = pytester.path / "katas" / slug
    folder.mkdir(parents=True)
    (folder / f"{module}.py").write_text(textwrap.dedent(stub))
    (folder / f"test_{module}.py").write_text(textwrap.dedent(tests))
    if answer is not None:
        solutions = pytester.path / "solutions" / slug
        solutions.mkdir(parents=True)
        (solutions / f"{module}.py").write_text(textwrap.dedent(answer))


def test_the_stub_is_tested_by_default(kata_tree):
    result = kata_tree.runpytest("katas")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*testing the stubs in katas/*",
            "*double() is not written yet: katas/01_doubling/doubling.py still raises*",
        ]
    )


def test_the_flag_and_the_variable_swap_in_the_answer_key(kata_tree, monkeypatch):
    kata_tree.runpytest("--solutions", "katas").assert_outcomes(passed=1)
    monkeypatch.setenv("KATAS_SOURCE", "solutions")
    kata_tree.runpytest("katas").assert_outcomes(passed=1)


def test_without_solutions_the_flag_says_why(kata_tree):
    import shutil

    shutil.rmtree(kata_tree.path / "solutions")
    result = kata_tree.runpytest("--solutions", "katas")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*no solutions/ folder in this copy*"])


def test_a_broken_module_fails_only_its_own_kata(kata_tree):
    add_kata(kata_tree, "02_broken", "broken", "def half(x:\n", "import broken\n\n"
             "def test_half():\n    assert broken.half(4) == 2\n")  # fmt: skip
    (kata_tree.path / "katas/01_doubling/doubling.py").write_text(ANSWER)  # a finished kata
    result = kata_tree.runpytest("katas")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*katas/02_broken/broken.py could not be imported*", "SyntaxError: *never closed"]
    )


def test_a_missing_function_is_named(kata_tree):
    (kata_tree.path / "katas/01_doubling/doubling.py").write_text("def twice(x):\n    return x\n")
    result = kata_tree.runpytest("katas")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*katas/01_doubling/doubling.py has no function 'double'*"])


def test_the_scoreboard_counts_finished_katas(kata_tree):
    add_kata(kata_tree, "02_other", "other", STUB, TESTS.replace("doubling", "other"))
    result = kata_tree.runpytest("--solutions", "katas")
    # 02_other has no answer key here, so its module does not import.
    result.stdout.fnmatch_lines(
        ["*numpy-katas scoreboard*", "  01_doubling*1/1*done", "  02_other*0/1", "1/32 katas done"]
    )


def test_expect_fail_accepts_a_failing_stub_and_names_a_passing_test(kata_tree):
    assert kata_tree.runpytest("katas", "--expect=fail").ret == 0
    result = kata_tree.runpytest("katas", "--expect=fail", "--solutions")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["UNEXPECTED *test_double: passed*"])


def test_expect_fail_rejects_a_test_that_fails_for_another_reason(kata_tree):
    (kata_tree.path / "katas/01_doubling/test_doubling.py").write_text(
        "import doubling\n\ndef test_double():\n    assert 1 == 2\n"
    )
    result = kata_tree.runpytest("katas", "--expect=fail")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*not from the stub's NotImplementedError*"])


GATED_TESTS = """
import numpy as np
import summing

def test_fast(timed_gate):
    data = np.ones(3_000_000)
    timed_gate(summing.total, (data,), warmup=(data[:3],), budget_ms=30)

def test_no_loop(loop_gate):
    loop_gate(summing.total, lambda n: (np.ones(n),), over="values")
"""
VECTORISED = "import numpy as np\n\ndef total(x):\n    return np.sum(x)\n"
LOOP = "def total(x):\n    s = 0.0\n    for v in x:\n        s += v\n    return s\n"
SWALLOWING_LOOP = """
def total(x):
    s = 0.0
    for v in x:
        try:
            s += v
        except:  # a learner's bare except swallows any single alarm
            pass
    return s
"""


@pytest.mark.parametrize(
    ("answer", "outcomes"),
    [(VECTORISED, {"passed": 2}), (LOOP, {"failed": 2}), (SWALLOWING_LOOP, {"failed": 2})],
    ids=["vectorised", "loop", "loop-with-bare-except"],
)
def test_the_gates_tell_loops_from_vectorised_code(pytester, answer, outcomes):
    pytester.makeconftest('pytest_plugins = ["numpy_katas.plugin"]')
    add_kata(pytester, "01_summing", "summing", answer, GATED_TESTS)
    result = pytester.runpytest("katas", "-p", "no:cacheprovider")
    result.assert_outcomes(**outcomes)
    if "failed" in outcomes:
        result.stdout.fnmatch_lines(
            [
                "*total(a 3000000 float64 array)*its budget*a Python loop over the data*",
                "*Your loop is on line*grows with the number of values*",
            ]
        )


def test_a_time_scale_of_zero_skips_the_timed_gate(pytester, monkeypatch):
    monkeypatch.setenv("KATAS_TIME_SCALE", "0")
    pytester.makeconftest('pytest_plugins = ["numpy_katas.plugin"]')
    add_kata(pytester, "01_summing", "summing", LOOP, GATED_TESTS)
    result = pytester.runpytest("katas", "-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1, failed=1)
    result.stdout.fnmatch_lines(["*timed gates are off (KATAS_TIME_SCALE=0)*"])


def test_line_counts_do_not_grow_for_vectorised_code():
    def vectorised(x):
        return np.exp(x).sum()

    def comprehension(x):
        return [v * 2 for v in x]

    lines = [tracing.record(vectorised, (np.ones(n),)).line_count for n in (10, 1000)]
    assert lines[0] == lines[1]
    small = tracing.record(comprehension, (np.ones(10),)).line_count
    assert tracing.record(comprehension, (np.ones(40),)).line_count - small >= 30
