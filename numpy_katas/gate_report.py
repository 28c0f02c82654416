"""The proof behind ``nox -s gates``: every gate passes the answer key and stops the loop proofs.

    python -m numpy_katas.gate_report [--busy N] [katas/NN_slug ...]

1. With N cores kept busy by other processes (default 1, so the margins hold on a loaded
   machine), run the gate tests against the answer key three times: all must pass, and each
   timed gate is judged by its median run.
2. Run every test of the gated katas against the loop proofs (gate_proofs/ laid over the answer
   key): every gate test must fail at its gate and every other test must pass.
3. Print, per timed gate, the reference's and the loop's time as a fraction of the budget, and
   per loop gate, the Python lines (and items fed through C-level iteration) for n and 4n.

Exits non-zero if a run does not end as expected or a gate misses a target: the reference at
most 1/10 of its budget with one core busy (1/4 with both busy), every loop proof at least 3
budgets, and every loop gate run against both. A margin cannot shrink unnoticed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from numpy_katas.gates import REPORT_STOP_AFTER_BUDGETS, REPORT_VARIABLE

REFERENCE_TARGETS = {0: 0.1, 1: 0.1, 2: 0.25}  # reference time / budget at most, by busy cores
LOOP_TARGET = 3.0  # loop time / budget at least
REFERENCE_RUNS = 3
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rN"]


def _run(label: str, args: list[str], report: Path) -> bool:
    print(f"\n--- {label}: pytest {' '.join(args)}", flush=True)
    env = {**os.environ, REPORT_VARIABLE: str(report)}
    return subprocess.run([*PYTEST, *args], env=env, check=False).returncode == 0


def _records(report: Path) -> dict[tuple[str, str], dict]:
    """Each gate's record; of several runs of a timed gate, the one of median time/budget."""
    if not report.exists():
        return {}
    runs: dict[tuple[str, str], list[dict]] = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        runs.setdefault((row["gate"], row["test"]), []).append(row)
    return {
        key: sorted(rows, key=lambda r: r.get("elapsed_s", 0) / r.get("budget_s", 1))[
            len(rows) // 2
        ]
        for key, rows in runs.items()
    }


def _short(test: str) -> str:
    path, _, name = test.partition("::")
    return f"{Path(path).parent.name}::{name.removeprefix('test_')}"


def _ratio(row: dict | None) -> tuple[float | None, str]:
    if row is None:
        return None, "-"
    ratio = row["elapsed_s"] / row["budget_s"]
    text = f">={REPORT_STOP_AFTER_BUDGETS:g}x (stopped)" if row["stopped"] else f"{ratio:.3f}x"
    return ratio, text


def _work(row: dict | None) -> str:
    if row is None:
        return "-"
    return f"{row['lines_n'] + row['items_n']}/{row['lines_4n'] + row['items_4n']}"


def print_tables(reference: dict, loops: dict, reference_target: float) -> int:
    """Print the two tables; return how many gates miss a target."""
    missed = 0
    timed = sorted({test for gate, test in reference.keys() | loops.keys() if gate == "timed"})
    if timed:
        print(
            f"\nTimed gates: time / budget (targets: reference <= {reference_target:g}x, "
            f"loop >= {LOOP_TARGET:g}x)"
        )
        width = max(len(_short(t)) for t in timed)
        print(
            f"  {'test':<{width}}  {'budget':>8}  {'workload':>11}  {'factor':>6}  "
            f"{'reference':>10}  {'loop':>16}  input"
        )
        for test in timed:
            ref, loop = reference.get(("timed", test)), loops.get(("timed", test))
            ref_ratio, ref_text = _ratio(ref)
            loop_ratio, loop_text = _ratio(loop)
            ok = (ref_ratio is not None and ref_ratio <= reference_target) and (
                loop_ratio is not None and loop_ratio >= LOOP_TARGET
            )
            missed += not ok
            row = ref or loop
            print(
                f"  {_short(test):<{width}}  {row['budget_s'] * 1000:>6.0f}ms  "
                f"{row['workload']:>11}  {row['factor']:>6.2f}  {ref_text:>10}  "
                f"{loop_text:>16}  {row['input']}{'' if ok else '   <- target missed'}"
            )
    counted = sorted({test for gate, test in reference.keys() | loops.keys() if gate == "loop"})
    if counted:
        print("\nLoop gates: Python lines + items fed through C-level iteration, for n and 4n")
        width = max(len(_short(t)) for t in counted)
        print(f"  {'test':<{width}}  {'n':>5}  {'reference':>13}  {'loop':>17}  over")
        for test in counted:
            ref, loop = reference.get(("loop", test)), loops.get(("loop", test))
            row = ref or loop
            ref_text = _work(ref)
            loop_text = _work(loop)
            ok = bool(ref and loop)
            missed += not ok
            print(
                f"  {_short(test):<{width}}  {row['n']:>5}  {ref_text:>13}  {loop_text:>17}  "
                f"{row['over']}{'' if ok else '   <- not run on both'}"
            )
    return missed


def main(arguments: list[str]) -> int:
    busy_cores = 1
    if arguments[:1] == ["--busy"]:
        busy_cores, arguments = int(arguments[1]), arguments[2:]
    paths = arguments or ["katas"]
    spin = [sys.executable, "-c", "while True: pass"]
    busy = [subprocess.Popen(spin) for _ in range(busy_cores)]
    print(f"{busy_cores} busy process(es) keep(s) {busy_cores} core(s) busy during the runs")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            reference_file, loops_file = Path(tmp, "reference.jsonl"), Path(tmp, "loops.jsonl")
            # The answer key three times, each gate judged by its median: one run's spike
            # is noise, a margin that shrinks in most runs is not.
            ok = True
            for run in range(1, REFERENCE_RUNS + 1):
                ok &= _run(
                    f"answer key, gates only ({run} of {REFERENCE_RUNS})",
                    ["--solutions", "-m", "gate", "--tb=short", *paths],
                    reference_file,
                )
            ok &= _run(
                "loop proofs, every test",
                ["--kata-source=loops", "--expect=gates-fail", "--tb=no", *paths],
                loops_file,
            )
            target = REFERENCE_TARGETS[min(busy_cores, 2)]
            missed = print_tables(_records(reference_file), _records(loops_file), target)
    finally:
        for process in busy:
            process.kill()
    print(
        f"\nFAILED: {missed} gate(s) missed a target" if missed else "\nevery gate met its targets"
    )
    if not ok:
        print("FAILED: a run above did not end as expected")
    return 0 if ok and not missed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
