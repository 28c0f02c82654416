"""The gates against the answers learners write: loops they hide in C, and code that hangs.

Each learner answer is a module of its own (written to a temporary folder), as a kata module is,
so the loop detector sees it exactly as it sees a learner's file.
"""

import importlib.util
import signal
import textwrap
import time

import numpy as np
import pytest

from numpy_katas import gates

ANSWERS = """
import collections
import functools
import math
import operator
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np

LABELS = ("low", "mid", "high")
exp_each = np.frompyfunc(math.exp, 1, 1)


def counter_of_list(x):
    counts = Counter(x.tolist())
    return np.array([counts[v] for v in range(10)])


def counter_of_array(x):
    counts = collections.Counter(x)
    return np.array([counts[v] for v in range(10)])


def map_labels(x):
    return np.array(list(map(LABELS.__getitem__, x)))


def reduce_rows(m):
    return functools.reduce(operator.add, m)


def builtin_sum(x):
    return sum(x)


def builtin_min_max(x):
    return min(x), max(x)


def frompyfunc_exp(x):
    return np.frompyfunc(math.exp, 1, 1)(x).astype(float)


def frompyfunc_made_at_import(x):
    return exp_each(x).astype(float)


def vectorize_exp(x):
    return np.vectorize(math.exp)(x)


def sorted_values(x):
    return np.array(sorted(x))


def distinct_ids(x):
    return len(set(x.tolist()))


def loop_in_a_thread(x):
    out = np.empty_like(x)

    def work():
        for i in range(len(x)):
            out[i] = x[i] * 2

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    return out


def thread_pool(x):
    with ThreadPoolExecutor(2) as pool:
        return np.array(list(pool.map(math.exp, x)))


def process_pool(x):
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:
        return np.array(pool.map(math.exp, x))


# Whole-array answers, which no gate may flag.

def add_at(x):
    table = np.zeros(10)
    np.add.at(table, x, 1)
    return table


def bincount(x):
    return np.bincount(x, minlength=10)


def unique(x):
    return np.unique(x, return_counts=True)


def searchsorted(x):
    return np.searchsorted(np.sort(x), x)


def sum_of_three_arrays(x):
    return sum((x, 2 * x, 3 * x))


def loop_over_colour_channels(img):
    return np.stack([img[..., c] / max(img[..., c].max(), 1) for c in range(3)], axis=-1)
"""


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    path = tmp_path_factory.mktemp("learner") / "answers.py"
    path.write_text(textwrap.dedent(ANSWERS))
    spec = importlib.util.spec_from_file_location("answers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ints(n):
    return (np.random.default_rng(n).integers(0, 10, n),)


def _floats(n):
    return (np.random.default_rng(n).random(n),)


# (answer, arguments for n, what the message must name)
HIDDEN_LOOPS = [
    ("counter_of_list", _ints, "through collections.Counter"),
    ("counter_of_array", _ints, "through collections.Counter"),
    ("map_labels", lambda n: (np.random.default_rng(n).integers(0, 3, n),), "through map"),
    ("reduce_rows", lambda n: (np.ones((n, 3)),), "through functools.reduce"),
    ("builtin_sum", _floats, "through sum"),
    ("builtin_min_max", _floats, "through min"),
    ("frompyfunc_exp", _floats, "through np.frompyfunc"),
    ("frompyfunc_made_at_import", _floats, "through np.frompyfunc"),
    ("vectorize_exp", _floats, "through np.vectorize"),
    ("sorted_values", _floats, "through sorted"),
    ("distinct_ids", _ints, "through set"),
    ("loop_in_a_thread", _floats, "Your loop is on line"),
    ("thread_pool", _floats, "one by one through list"),
    ("process_pool", _floats, "started 2 worker process(es)"),
]


@pytest.mark.parametrize(("answer", "make_args", "named"), HIDDEN_LOOPS, ids=lambda v: str(v))
def test_the_loop_gate_catches_iteration_that_runs_in_c(answers, answer, make_args, named):
    with pytest.raises(gates.GateFailed) as failure:
        gates.LoopGate("test")(getattr(answers, answer), make_args, over="values")
    message = str(failure.value)
    assert named in message, message
    assert "answers.py" in message, f"the message does not point at the learner's file: {message}"


@pytest.mark.parametrize(
    ("answer", "make_args"),
    [
        ("add_at", _ints),
        ("bincount", _ints),
        ("unique", _ints),
        ("searchsorted", _floats),
        ("sum_of_three_arrays", _floats),
        ("loop_over_colour_channels", lambda n: (np.ones((n, 4, 3), dtype=np.uint8),)),
    ],
)
def test_the_loop_gate_passes_whole_array_code(answers, answer, make_args):
    gates.LoopGate("test")(getattr(answers, answer), make_args, over="values")


def test_the_stand_ins_are_gone_after_the_gate(answers):
    import collections
    import functools

    real = collections.Counter, functools.reduce, np.vectorize, np.frompyfunc
    with pytest.raises(gates.GateFailed):
        gates.LoopGate("test")(answers.counter_of_array, _ints, over="values")
    assert (collections.Counter, functools.reduce, np.vectorize, np.frompyfunc) == real
    assert "sum" not in vars(answers), "a shadowed builtin was left in the learner's module"


def test_the_loop_message_names_the_line_and_its_counts(answers, tmp_path):
    path = tmp_path / "rows.py"
    path.write_text("def row_sums(m):\n    out = []\n    for row in m:\n"
                    "        out.append(row.sum())\n    return out\n")  # fmt: skip
    spec = importlib.util.spec_from_file_location("rows", path)
    rows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rows)
    with pytest.raises(gates.GateFailed) as failure:
        gates.LoopGate("test")(rows.row_sums, lambda n: (np.ones((n, 3)),), over="rows")
    assert "Your loop is on line 3 of" in str(failure.value)
    assert "(`for row in m:`), which ran 101 times for 100 rows and 401 for 400 rows" in str(
        failure.value
    )


# --- stopping the timed call ------------------------------------------------------------------


def test_the_timed_call_puts_back_an_earlier_timer():
    def endless():
        while True:
            pass

    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        elapsed, stopped = gates._timed_call(endless, (), 0.05, endless.__code__.co_filename)
        assert stopped
        assert elapsed < 5
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_a_bare_except_in_a_retry_loop_cannot_keep_the_timed_call_going():
    def attempt():
        total = 0.0
        for v in range(10**8):
            total += v
        return total

    def retry_for_ever():
        while True:
            try:
                return attempt()
            except:  # noqa: E722 - the learner's answer under test
                continue

    start = time.perf_counter()
    _, stopped = gates._timed_call(retry_for_ever, (), 0.05, attempt.__code__.co_filename)
    assert stopped
    assert time.perf_counter() - start < 2, "the retry loop kept running after its budget"


def test_the_timed_call_never_interrupts_standard_library_code():
    # The interrupt waits until the learner's own code runs again: a thread pool's locks are
    # never left held, so pytest cannot hang at exit.
    import math
    from concurrent.futures import ThreadPoolExecutor

    def pooled(x):
        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(math.sqrt, x))

    values = list(range(200_000))
    elapsed, stopped = gates._timed_call(pooled, (values,), 0.01, pooled.__code__.co_filename)
    assert stopped
    assert elapsed >= 0.01


# --- whole runs: no hang, one sentence --------------------------------------------------------

RETRY_LOOP = """
def total(x):
    def attempt():
        s = 0.0
        for v in x:
            s += v
        return s

    while True:
        try:
            return attempt()
        except:
            continue
"""
THREAD_POOL = """
import math
from concurrent.futures import ThreadPoolExecutor


def total(x):
    with ThreadPoolExecutor(4) as pool:
        return sum(pool.map(math.sqrt, x[:100_000].tolist()))
"""
TIMED_TEST = """
import numpy as np
import summing

def test_fast(timed_gate):
    data = np.ones(3_000_000)
    timed_gate(summing.total, (data,), warmup=(np.ones(3),), budget_ms=20)
"""


def _kata(pytester, module_source, tests_source):
    pytester.makeconftest('pytest_plugins = ["numpy_katas.plugin"]')
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\ntimeout = 60\n")
    folder = pytester.path / "katas" / "01_summing"
    folder.mkdir(parents=True)
    (folder / "summing.py").write_text(textwrap.dedent(module_source))
    (folder / "test_summing.py").write_text(textwrap.dedent(tests_source))


@pytest.mark.parametrize("answer", [RETRY_LOOP, THREAD_POOL], ids=["retry-loop", "thread-pool"])
def test_a_run_whose_answer_fights_the_gate_still_ends(pytester, answer):
    _kata(pytester, answer, TIMED_TEST)
    start = time.perf_counter()
    result = pytester.runpytest_subprocess("katas", timeout=50)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*total(a 3000000 float64 array)*its budget*"])
    assert time.perf_counter() - start < 30


def test_the_safety_net_stops_a_swallowing_loop_in_one_sentence(pytester):
    _kata(
        pytester,
        "import time\n\ndef total(x):\n    while True:\n        try:\n"
        "            time.sleep(0.01)\n        except:\n            pass\n",
        "import pytest\nimport summing\n\n@pytest.mark.timeout(1)\n"
        "def test_total():\n    assert summing.total([1]) == 1\n",
    )
    result = pytester.runpytest_subprocess("katas", timeout=30)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*test_total ran longer than its safety timeout and was stopped in total, line 7 *"]
    )


def test_a_timeout_inside_a_hypothesis_test_is_one_sentence(pytester):
    _kata(
        pytester,
        "def total(x):\n    while x > 5:\n        pass\n    return x\n",
        "import pytest\nimport summing\nfrom hypothesis import given, strategies as st\n\n"
        "@pytest.mark.timeout(2)\n@given(st.integers(0, 10))\n"
        "def test_total(x):\n    assert summing.total(x) == x\n",
    )
    result = pytester.runpytest_subprocess("katas", timeout=30)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ran longer than its safety timeout and was stopped in total*"])
    result.stdout.no_fnmatch_line("*Flaky*")
    result.stdout.no_fnmatch_line("*ExceptionGroup*")


def test_a_recursion_that_overflows_is_one_sentence(pytester):
    _kata(
        pytester,
        "def total(x):\n    return 0 if not x else x[0] + total(x[1:])\n",
        "import summing\n\ndef test_total():\n    assert summing.total(list(range(5000))) > 0\n",
    )
    result = pytester.runpytest_subprocess("katas", timeout=30)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*test_total: RecursionError (maximum recursion depth*"])
    assert len(result.stdout.lines) < 40, "\n".join(result.stdout.lines)
