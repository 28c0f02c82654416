"""The `katas` command and the progress it reads, on a small throwaway repository (pytester)."""

import json
import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from numpy_katas import cli, pristine, progress

CATALOGUE = """
[[kata]]
slug = "01_doubling"
title = "Doubling"
module = "doubling"
difficulty = 1
minutes = 10
concepts = ["multiplication"]
gated = false

[[kata]]
slug = "02_halving"
title = "Halving"
module = "halving"
difficulty = 2
minutes = 20
concepts = ["division"]
gated = false

[[kata]]
slug = "03_coming"
title = "Not Built Yet"
module = "coming"
difficulty = 3
minutes = 30
concepts = ["patience"]
gated = false
"""
DOUBLING_STUB = '''\
def double(x):
    """Twice x."""
    raise NotImplementedError("double")
'''
DOUBLING_ANSWER = '''\
def double(x):
    """Twice x."""
    return 2 * x
'''
DOUBLING_TESTS = """\
import doubling


def test_double():
    assert doubling.double(2) == 4
"""
DOUBLING_README = """\
# 01 · Doubling

## Hints

<details><summary>1. A nudge</summary>

Multiply.
</details>

<details><summary>2. The answer, almost</summary>

`2 * x`.
</details>

## What the gates demand

Nothing.
"""
HALVING_STUB = '''\
def half(x):
    """Half of x."""
    raise NotImplementedError("half")


def quarter(x):
    """A quarter of x."""
    raise NotImplementedError("quarter")
'''
HALVING_ANSWER = '''\
def half(x):
    """Half of x."""
    return x / 2


def quarter(x):
    """A quarter of x."""
    return x / 4
'''
HALVING_TESTS = """\
import halving


def test_half():
    assert halving.half(4) == 2


def test_quarter():
    assert halving.quarter(4) == 1
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def tree(pytester, monkeypatch):
    """A repository with two built katas (answer keys, gate proofs, shipped stubs) and one
    that is coming; the working directory is its root."""
    root = pytester.path
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\n")
    pytester.makeconftest('pytest_plugins = ["numpy_katas.plugin"]')
    write(root / "katas/catalogue.toml", CATALOGUE)
    for slug, module, stub, tests, answer in [
        ("01_doubling", "doubling", DOUBLING_STUB, DOUBLING_TESTS, DOUBLING_ANSWER),
        ("02_halving", "halving", HALVING_STUB, HALVING_TESTS, HALVING_ANSWER),
    ]:
        write(root / f"katas/{slug}/{module}.py", stub)
        write(root / f"katas/{slug}/test_{module}.py", tests)
        write(root / f"solutions/{slug}/{module}.py", answer)
    write(root / "katas/01_doubling/README.md", DOUBLING_README)
    write(root / "gate_proofs/01_doubling/doubling.py", DOUBLING_ANSWER)
    assert pristine.record(root) == []
    monkeypatch.chdir(root)
    monkeypatch.delenv("KATAS_SOURCE", raising=False)
    return pytester


def katas(capsys, *args, expect=0):
    """Run the command in this process; its output (stdout and stderr)."""
    capsys.readouterr()
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == expect, out + err
    return out + err


def row(listing, slug):
    return next(line for line in listing.splitlines() if f" {slug} " in line)


def test_list_before_any_run(tree, capsys):
    listing = katas(capsys)
    assert "not started" in row(listing, "01_doubling")
    assert "coming" in row(listing, "03_coming")
    assert "★★" in row(listing, "02_halving")
    assert "Next: 01_doubling" in listing


def test_list_after_runs(tree, capsys):
    tree.runpytest("katas")
    listing = katas(capsys, "list")
    assert "not started (0/1)" in row(listing, "01_doubling")
    write(tree.path / "katas/01_doubling/doubling.py", DOUBLING_ANSWER)
    write(tree.path / "katas/02_halving/halving.py", HALVING_ANSWER.replace("x / 4", "x"))
    tree.runpytest("katas")
    listing = katas(capsys, "list")
    assert "done" in row(listing, "01_doubling")
    assert "in progress 1/2" in row(listing, "02_halving")
    assert "1/3 katas done" in listing
    assert "Next: 02_halving" in listing


def test_list_says_when_a_module_changed_after_its_run(tree, capsys):
    write(tree.path / "katas/01_doubling/doubling.py", DOUBLING_ANSWER)
    tree.runpytest("katas/01_doubling")
    assert "done" in row(katas(capsys), "01_doubling")
    write(tree.path / "katas/01_doubling/doubling.py", DOUBLING_ANSWER + "\n# tidied\n")
    listing = katas(capsys)
    assert "changed since last run (was done)" in row(listing, "01_doubling")
    assert "0/3 katas done" in listing


def test_a_k_selection_does_not_make_a_kata_done(tree, capsys):
    write(tree.path / "katas/02_halving/halving.py", HALVING_ANSWER)
    tree.runpytest("katas/02_halving", "-k", "half")
    assert "in progress 1/?" in row(katas(capsys), "02_halving")
    tree.runpytest("katas/02_halving/test_halving.py::test_quarter")
    assert "in progress 2/?" in row(katas(capsys), "02_halving")  # still no whole-kata run
    tree.runpytest("katas/02_halving")
    assert "done" in row(katas(capsys), "02_halving")
    # A later -k run on the same code keeps the whole kata's test list.
    write(tree.path / "katas/02_halving/halving.py", HALVING_ANSWER.replace("x / 4", "x"))
    tree.runpytest("katas/02_halving", "-k", "half")
    assert "in progress 1/2" in row(katas(capsys), "02_halving")


def test_the_answer_key_and_the_loop_proofs_are_not_recorded(tree, capsys):
    tree.runpytest("--solutions", "katas")
    tree.runpytest("--kata-source=loops", "katas")
    assert progress.load_state(tree.path)["katas"] == {}
    assert "not started" in row(katas(capsys), "01_doubling")


def test_the_state_file_records_outcomes_per_module_version(tree):
    tree.runpytest("katas/02_halving")
    state = json.loads((tree.path / ".katas/progress.json").read_text())
    entry = state["katas"]["02_halving"]
    assert entry["module_sha256"] == progress.fingerprint(tree.path / "katas/02_halving")[0]
    assert entry["test_ids"] == [
        "katas/02_halving/test_halving.py::test_half",
        "katas/02_halving/test_halving.py::test_quarter",
    ]
    assert set(entry["outcomes"].values()) == {"failed"}
    assert "half() is not written yet" in entry["failures"][entry["test_ids"][0]]


def test_hints_one_per_call_then_all(tree, capsys):
    first = katas(capsys, "hint", "1")
    assert "Hint 1/2 for 01_doubling: A nudge" in first
    assert "Multiply." in first
    assert "2 * x" not in first
    second = katas(capsys, "hint", "01_doubling")
    assert "Hint 2/2" in second
    assert "`2 * x`." in second
    again = katas(capsys, "hint", "1")
    assert "That was the last of 01_doubling's 2 hints" in again
    every = katas(capsys, "hint", "1", "--all")
    assert "Multiply." in every
    assert "`2 * x`." in every
    assert "has no hints" in katas(capsys, "hint", "2")


@pytest.mark.parametrize("argument", ["1", "01", "01_doubling", "doubling", "katas/01_doubling/"])
def test_a_kata_is_a_number_or_a_slug(tree, capsys, argument):
    assert "Hint 1/2 for 01_doubling" in katas(capsys, "hint", argument)


def test_a_typo_gets_the_closest_slug_and_a_coming_kata_is_named(tree, capsys):
    assert "Did you mean 02_halving?" in katas(capsys, "hint", "02_halvign", expect=1)
    assert "Did you mean 01_doubling?" in katas(capsys, "reset", "dubling", expect=1)
    assert "not built yet: it is coming" in katas(capsys, "hint", "3", expect=1)
    assert "numbered 1 to 3" in katas(capsys, "hint", "40", expect=1)


def test_reset_without_git_keeps_a_backup(tree, capsys):
    module = tree.path / "katas/01_doubling/doubling.py"
    write(module, DOUBLING_ANSWER)
    out = katas(capsys, "reset", "1", "--yes")
    assert "1 line of yours will be lost (in double)" in out
    assert module.read_text() == DOUBLING_STUB
    backups = list((tree.path / ".katas/backups/01_doubling").iterdir())
    assert [b.read_text() for b in backups] == [DOUBLING_ANSWER]
    assert "already as shipped" in katas(capsys, "reset", "1", "--yes")


def test_reset_asks_first(tree, capsys, monkeypatch):
    module = tree.path / "katas/01_doubling/doubling.py"
    write(module, DOUBLING_ANSWER)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Nothing changed" in katas(capsys, "reset", "1", expect=1)
    assert module.read_text() == DOUBLING_ANSWER
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    katas(capsys, "reset", "1")
    assert module.read_text() == DOUBLING_STUB


def test_reset_one_function(tree, capsys):
    module = tree.path / "katas/02_halving/halving.py"
    write(module, HALVING_ANSWER)
    out = katas(capsys, "reset", "2", "quarter", "--yes")
    assert "Your quarter() (3 lines) will be replaced" in out
    text = module.read_text()
    assert "return x / 2" in text
    assert 'raise NotImplementedError("quarter")' in text
    assert "has no function 'third'" in katas(capsys, "reset", "2", "third", "-y", expect=1)
    write(module, "def half(x:\n")
    assert "does not parse" in katas(capsys, "reset", "2", "half", "-y", expect=1)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_reset_in_a_git_clone_after_the_learner_committed(tree, capsys):
    def git(*args):
        return subprocess.run(
            ["git", "-c", "user.name=l", "-c", "user.email=l@x", *args],
            cwd=tree.path,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "as shipped")
    module = tree.path / "katas/01_doubling/doubling.py"
    write(module, DOUBLING_ANSWER)
    git("commit", "-qam", "my answer")
    katas(capsys, "reset", "1", "--yes")
    assert module.read_text() == DOUBLING_STUB
    assert git("status", "--short", "--untracked-files=no") == " M katas/01_doubling/doubling.py\n"
    backup = next((tree.path / ".katas/backups/01_doubling").iterdir())
    assert backup.read_text() == DOUBLING_ANSWER


def test_the_solution_is_shown_once_the_kata_passed(tree, capsys):
    refused = katas(capsys, "solution", "1", expect=1)
    assert "shown once the kata has passed" in refused
    assert "return 2 * x" not in refused
    write(tree.path / "katas/01_doubling/doubling.py", DOUBLING_ANSWER)
    tree.runpytest("katas/01_doubling")
    assert "return 2 * x" in katas(capsys, "solution", "1")
    # Once passed, it stays unlocked, even after a reset.
    katas(capsys, "reset", "1", "--yes")
    assert "return 2 * x" in katas(capsys, "solution", "1")
    shutil.rmtree(tree.path / "solutions")
    assert "no solutions/ folder" in katas(capsys, "solution", "1", expect=1)


def run(*args, cwd, timeout=60):
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def test_export_leaves_out_the_answers_and_still_works(tree, capsys, tmp_path_factory):
    write(tree.path / "katas/01_doubling/doubling.py", DOUBLING_ANSWER)  # the facilitator's
    tree.runpytest("katas")
    target = tmp_path_factory.mktemp("dojo") / "copy"
    out = katas(capsys, "export", str(target))
    assert "katas/01_doubling/doubling.py: your answers stay here" in out
    files = {p.relative_to(target).as_posix() for p in target.rglob("*")}
    assert not [f for f in files if f.startswith(("solutions", "gate_proofs", ".katas"))]
    assert not [f for f in files if "__pycache__" in f]
    assert (target / "katas/01_doubling/doubling.py").read_text() == DOUBLING_STUB
    assert "pristine/02_halving/halving.py" in files

    tested = run("-m", "pytest", "katas/01_doubling", cwd=target)
    assert "1 failed" in tested.stdout, tested.stdout + tested.stderr
    assert "double() is not written yet" in tested.stdout
    listing = run("-m", "numpy_katas", "list", cwd=target)
    assert "not started (0/1)" in row(listing.stdout, "01_doubling"), listing.stderr
    answers = run("-m", "pytest", "--solutions", "katas/01_doubling", cwd=target)
    assert "no solutions/ folder in this copy" in answers.stderr
    shown = run("-m", "numpy_katas", "solution", "1", cwd=target)
    assert shown.returncode == 1
    assert "no solutions/ folder" in shown.stderr
    assert "not empty" in katas(capsys, "export", str(target), expect=1)


def test_watch_reacts_to_a_save_and_offers_the_next_kata(tree):
    """A real file write, seen by the watcher's polling mode; bounded to a few seconds."""
    # As shipped, the stub is older than the learner's save: polling compares modification
    # times, and a save within the same tick as the fixture's write would look unchanged.
    module = tree.path / "katas/01_doubling/doubling.py"
    an_hour_ago = time.time() - 3600
    os.utime(module, (an_hour_ago, an_hour_ago))
    watcher = subprocess.Popen(
        [sys.executable, "-m", "numpy_katas", "watch", "1", "--poll"],
        cwd=tree.path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in watcher.stdout], daemon=True).start()
    seen = []

    def wait_for(text, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.05)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return time.monotonic()
        pytest.fail(f"no {text!r} within {timeout} s:\n{''.join(seen)}")

    try:
        wait_for("0/1 tests pass")
        wait_for("Not written yet: double() (1 test)")
        wait_for("watching katas/01_doubling/doubling.py (polling, as asked (--poll))")
        saved = time.monotonic()
        (tree.path / "katas/01_doubling/doubling.py").write_text(DOUBLING_ANSWER)
        reacted = wait_for("saved doubling.py at")
        wait_for("1/1 tests pass")
        wait_for("01_doubling is done")
        offered = wait_for("Next unfinished: 02_halving")
        assert reacted - saved < 0.5 + 0.5  # half a second, and slack for a busy machine
        print(f"save -> first line {reacted - saved:.3f} s, -> done {offered - saved:.3f} s")
        watcher.stdin.write("n\n")
        watcher.stdin.flush()
        wait_for("02_halving · Halving: next kata")
        watcher.stdin.write("q\n")  # during that run: it is stopped
        watcher.stdin.flush()
        assert watcher.wait(timeout=10) == 0
    finally:
        watcher.kill()
        watcher.wait()


def test_watch_polls_when_asked_or_where_events_do_not_arrive(tmp_path, monkeypatch):
    from numpy_katas import watch

    monkeypatch.delenv("KATAS_POLL", raising=False)
    monkeypatch.setattr(watch, "file_system", lambda path: "ext4")
    assert watch.polling_reason(tmp_path, asked=False) is None
    assert "--poll" in watch.polling_reason(tmp_path, asked=True)
    monkeypatch.setattr(watch, "file_system", lambda path: "fakeowner")
    assert "fakeowner file system" in watch.polling_reason(tmp_path, asked=False)
    monkeypatch.setattr(watch, "file_system", lambda path: "ext4")
    monkeypatch.setenv("KATAS_POLL", "1")
    assert "KATAS_POLL" in watch.polling_reason(tmp_path, asked=False)


def test_the_compact_view_groups_stubs_and_repeated_messages():
    from numpy_katas import watch

    ids = [f"k/test_k.py::test_{i}" for i in range(5)]
    entry = {
        "test_ids": ids,
        "outcomes": dict.fromkeys(ids, "failed") | {ids[0]: "passed"},
        "failures": {
            ids[1]: "half() is not written yet: katas/k/k.py still raises NotImplementedError",
            ids[2]: "half() is not written yet: katas/k/k.py still raises NotImplementedError",
            ids[3]: "Failed: double(2) returned 5; expected 4",
            ids[4]: "Failed: double(2) returned 5; expected 4",
        },
    }
    assert watch.compact(entry) == [
        "1/5 tests pass",
        "",
        "✗ test_3 (and 1 more with this message)",
        "    double(2) returned 5; expected 4",
        "",
        "Not written yet: half() (2 tests)",
    ]
