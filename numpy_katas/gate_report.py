"""The proof behind ``nox -s gates``: every gate passes the answer key and stops the loop proofs.

    python -m numpy_katas.gate_report [katas/NN_slug ...]

1. With one core kept busy by another process (so the margins hold on a loaded machine), run
   the gate tests against the answer key: all must pass.
2. Run every test of the gated katas against the loop proofs (gate_proofs/ laid over the answer
   key): every gate test must fail at its gate and every other test must pass.
3. Print, per timed gate, the reference's and the loop's time as a fraction of the budget, and
   per loop gate, the Python lines each ran for n and 4n.

Exits non-zero if a run does not end as expected. The targets (reference at most 1/10 of the
budget, loop at least 3 budgets) are reported, not enforced: they are margins, not verdicts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from numpy_katas.gates import REPORT_STOP_AFTER_BUDGETS, REPORT_VARIABLE

REFERENCE_TARGET = 0.1  # reference time / budget at most
LOOP_TARGET = 3.0  # loop time / budget at least
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rN"]


def _run(label: str, args: list[str], report: Path) -> bool:
    print(f"\n--- {label}: pytest {' '.join(args)}", flush=True)
    env = {**os.environ, REPORT_VARIABLE: str(report)}
    return subprocess.run([*PYTEST, *args], env=env, check=False).returncode == 0


def _records(report: Path) -> dict[tuple[str, str], dict]:
    if not report.exists():
        return {}
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    return {(row["gate"], row["test"]): row for row in rows}


def _short(test: str) -> str:
    path, _, name = test.partition("::")
    return f"{Path(path).parent.name}::{name.removeprefix('test_')}"


def _ratio(row: dict | None) -> tuple[float | None, str]:
    if row is None:
        return None, "-"
    ratio = row["elapsed_s"] / row["budget_s"]
    text = f">={REPORT_STOP_AFTER_BUDGETS:g}x (stopped)" if row["stopped"] else f"{ratio:.3f}x"
    return ratio, text


def print_tables(reference: dict, loops: dict) -> int:
    """Print the two tables; return how many gates miss a target."""
    missed = 0
    timed = sorted({test for gate, test in reference.keys() | loops.keys() if gate == "timed"})
    if timed:
        print(
            f"\nTimed gates: time / budget (targets: reference <= {REFERENCE_TARGET:g}x, "
            f"loop >= {LOOP_TARGET:g}x)"
        )
        width = max(len(_short(t)) for t in timed)
        print(f"  {'test':<{width}}  {'budget':>8}  {'reference':>10}  {'loop':>16}  input")
        for test in timed:
            ref, loop = reference.get(("timed", test)), loops.get(("timed", test))
            ref_ratio, ref_text = _ratio(ref)
            loop_ratio, loop_text = _ratio(loop)
            ok = (ref_ratio is not None and ref_ratio <= REFERENCE_TARGET) and (
                loop_ratio is not None and loop_ratio >= LOOP_TARGET
            )
            missed += not ok
            row = ref or loop
            print(
                f"  {_short(test):<{width}}  {row['budget_s'] * 1000:>6.0f}ms  {ref_text:>10}  "
                f"{loop_text:>16}  {row['input']}{'' if ok else '   <- target missed'}"
            )
    counted = sorted({test for gate, test in reference.keys() | loops.keys() if gate == "loop"})
    if counted:
        print("\nLoop gates: Python lines run for n and 4n (growth >= n fails)")
        width = max(len(_short(t)) for t in counted)
        print(f"  {'test':<{width}}  {'n':>5}  {'reference':>13}  {'loop':>17}  over")
        for test in counted:
            ref, loop = reference.get(("loop", test)), loops.get(("loop", test))
            row = ref or loop
            ref_text = f"{ref['lines_n']}/{ref['lines_4n']}" if ref else "-"
            loop_text = f"{loop['lines_n']}/{loop['lines_4n']}" if loop else "-"
            ok = bool(ref and loop)
            missed += not ok
            print(
                f"  {_short(test):<{width}}  {row['n']:>5}  {ref_text:>13}  {loop_text:>17}  "
                f"{row['over']}{'' if ok else '   <- not run on both'}"
            )
    return missed


def main(paths: list[str]) -> int:
    paths = paths or ["katas"]
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        with tempfile.TemporaryDirectory() as tmp:
            reference_file, loops_file = Path(tmp, "reference.jsonl"), Path(tmp, "loops.jsonl")
            ok = _run(
                "answer key, gates only",
                ["--solutions", "-m", "gate", "--tb=short", *paths],
                reference_file,
            )
            ok &= _run(
                "loop proofs, every test",
                ["--kata-source=loops", "--expect=gates-fail", "--tb=no", *paths],
                loops_file,
            )
            missed = print_tables(_records(reference_file), _records(loops_file))
    finally:
        busy.kill()
    print(f"\n{missed} gate(s) missed a target" if missed else "\nevery gate met its targets")
    if not ok:
        print("FAILED: a run above did not end as expected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
