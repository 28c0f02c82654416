"""The ``katas`` command: progress, watch mode, hints, reset, the answer after a pass, export.

pytest stays the way to work a kata; this command is what a learner keeps open beside it.
``katas`` (or ``python -m numpy_katas``) without arguments lists the katas and their state.
It reads the state that the plugin records after every run (progress.py) and never runs the
tests itself, except in ``katas watch``.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import sys
import time
from pathlib import Path

from numpy_katas import catalogue, pristine, progress
from numpy_katas.catalogue import Kata


class CommandError(Exception):
    """A message for the learner; the command exits with status 1."""


# ---------------------------------------------------------------------------------------------
# Finding katas


def repository(root: Path | None = None) -> tuple[Path, list[Kata]]:
    root = root or catalogue.find_root()
    if root is None:
        raise CommandError(
            "No numpy-katas repository here: run `katas` inside your copy of numpy-katas "
            "(the folder with katas/catalogue.toml)."
        )
    return root, catalogue.load(root)


def resolve(katas: list[Kata], argument: str, *, built: bool = True) -> Kata:
    """The kata named by a number (``19``), a slug (``19_stability``) or its module or slug's
    name (``stability``); a typo gets the closest slugs suggested."""
    key = argument.strip().rstrip("/\\").removeprefix("katas/").removeprefix("katas\\")
    found = None
    if key.isdigit():
        found = next((k for k in katas if k.number == int(key)), None)
        if found is None:
            raise CommandError(
                f"There is no kata {key}: the katas are numbered 1 to {len(katas)}."
            )
    else:
        lowered = key.lower()
        for kata in katas:
            if lowered in (kata.slug, kata.slug[3:], kata.module):
                found = kata
                break
    if found is None:
        names = {k.slug: k.slug for k in katas} | {k.slug[3:]: k.slug for k in katas}
        close = difflib.get_close_matches(key.lower(), list(names), n=3, cutoff=0.6)
        slugs = list(dict.fromkeys(names[n] for n in close))
        hint = f" Did you mean {' or '.join(slugs)}?" if slugs else " `katas list` names them all."
        raise CommandError(f"There is no kata {argument!r}.{hint}")
    if built and not found.built:
        raise CommandError(
            f"{found.slug} ({found.title}) is in the catalogue but not built yet: it is coming."
        )
    return found


def statuses(root: Path, katas: list[Kata]) -> dict[str, progress.Status]:
    state = progress.load_state(root)
    return {k.slug: progress.status(k, state, pristine.sha(k)) for k in katas}


def next_kata(katas: list[Kata], found: dict[str, progress.Status], after: Kata | None = None):
    """The first built kata that is not done (after ``after``, wrapping round), or None."""
    order = list(katas)
    if after is not None:
        i = order.index(after)
        order = order[i + 1 :] + order[: i + 1]
    return next((k for k in order if k.built and not found[k.slug].done and k != after), None)


# ---------------------------------------------------------------------------------------------
# katas list


def render_list(root: Path, katas: list[Kata]) -> str:
    found = statuses(root, katas)
    width = max(len(k.slug) for k in katas)
    title_width = min(max(len(k.title) for k in katas), 34)
    described = {slug: s.describe() for slug, s in found.items()}
    state_width = max(len(d) for d in described.values())
    lines = [
        f"{'#':>3}  {'kata':<{width}}  {'title':<{title_width}}  {'state':<{state_width}}  "
        "level  min"
    ]
    for kata in katas:
        title = kata.title if len(kata.title) <= title_width else kata.title[: title_width - 1]
        lines.append(
            f"{kata.number:>3}  {kata.slug:<{width}}  {title:<{title_width}}  "
            f"{described[kata.slug]:<{state_width}}  {'★' * kata.difficulty:<5}  "
            f"{kata.minutes:>3}"
        )
    built = [k for k in katas if k.built]
    done = sum(found[k.slug].done for k in katas)
    lines.append("")
    coming = "" if len(built) == len(katas) else f" ({len(built)} built, the others are coming)"
    lines.append(f"{done}/{len(katas)} katas done{coming}.")
    if any(found[k.slug].total is None and found[k.slug].state == "in progress" for k in built):
        lines.append("n/?: only part of the kata has run; run the whole kata to count its tests.")
    if any(found[k.slug].state == "changed" for k in built):
        lines.append("changed: the module was saved after its last run; run its tests again.")
    upcoming = next_kata(katas, found)
    if upcoming is None:
        lines.append("Every built kata is done.")
    else:
        lines.append(
            f"Next: {upcoming.slug} · {upcoming.title}: `katas watch {upcoming.number}`, or "
            f"edit {upcoming.relative_module} and run `pytest katas/{upcoming.slug}`."
        )
    return "\n".join(lines)


def command_list(args) -> int:
    root, katas = repository()
    print(render_list(root, katas))
    return 0


# ---------------------------------------------------------------------------------------------
# katas hint


HINT = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.DOTALL)


def hints(kata: Kata) -> list[tuple[str, str]]:
    """The kata README's hints, in order: (title, text)."""
    try:
        readme = (kata.folder / "README.md").read_text(encoding="utf-8")
    except OSError:
        return []
    match = re.search(r"^## Hints[ \t]*$(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    if not match:
        return []
    return [(t.strip(), body.strip()) for t, body in HINT.findall(match.group(1))]


def format_hint(kata: Kata, number: int, total: int, hint: tuple[str, str]) -> str:
    title = re.sub(r"^\d+\.\s*", "", hint[0])
    return f"Hint {number}/{total} for {kata.slug}: {title}\n\n{hint[1]}\n"


def next_hint(root: Path, kata: Kata) -> str:
    """The next hint not yet shown, remembered in the state file."""
    found = hints(kata)
    if not found:
        return f"{kata.slug}'s README has no hints."
    with progress.updating_state(root) as state:
        shown = int(state["hints"].get(kata.slug, 0))
        if shown >= len(found):
            return (
                format_hint(kata, len(found), len(found), found[-1])
                + f"\nThat was the last of {kata.slug}'s {len(found)} hints "
                f"(`katas hint {kata.number} --all` shows them all)."
            )
        state["hints"][kata.slug] = shown + 1
    text = format_hint(kata, shown + 1, len(found), found[shown])
    if shown + 1 < len(found):
        text += f"\n`katas hint {kata.number}` again for hint {shown + 2}/{len(found)}."
    return text


def named_or_next(root: Path, katas: list[Kata], name: str | None, example: str) -> Kata:
    """The kata the argument names, or without one the next kata to do."""
    if name:
        return resolve(katas, name)
    kata = next_kata(katas, statuses(root, katas))
    if kata is None:
        raise CommandError(f"Every built kata is done: name one, e.g. `{example}`.")
    return kata


def command_hint(args) -> int:
    root, katas = repository()
    kata = named_or_next(root, katas, args.kata, "katas hint 19")
    if args.all:
        found = hints(kata)
        if not found:
            print(f"{kata.slug}'s README has no hints.")
        for i, hint in enumerate(found, 1):
            print(format_hint(kata, i, len(found), hint))
        with progress.updating_state(root) as state:
            state["hints"][kata.slug] = len(found)
        return 0
    print(next_hint(root, kata))
    return 0


# ---------------------------------------------------------------------------------------------
# katas reset


def confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def backup(root: Path, kata: Kata, current: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = root / progress.STATE_DIR / "backups" / kata.slug
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{kata.module}-{stamp}.py"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{kata.module}-{stamp}-{n}.py"
    target.write_text(current, encoding="utf-8")
    return target


def command_reset(args) -> int:
    root, katas = repository()
    kata = resolve(katas, args.kata)
    stub = pristine.text(kata)
    if stub is None:
        raise CommandError(
            f"There is no shipped copy of {kata.slug}'s stub ({pristine.FOLDER}/{kata.slug}/"
            f"{kata.module}.py is missing), so it cannot be reset. In a git clone, "
            f"`git log -- {kata.relative_module}` shows where it came from."
        )
    try:
        current = kata.module_path.read_text(encoding="utf-8")
    except OSError:
        current = ""
    if args.function:
        try:
            pristine.functions(current)
        except SyntaxError as error:
            raise CommandError(
                f"{kata.relative_module} does not parse (line {error.lineno}: {error.msg}), so "
                f"one function cannot be cut out of it. `katas reset {kata.number}` resets the "
                "whole module."
            ) from None
        shipped = pristine.functions(stub)
        methods = [name for name in shipped if name.endswith(f".{args.function}")]
        if args.function not in shipped and len(methods) == 1:
            args.function = methods[0]  # `save` for DataCache.save
        if args.function not in shipped:
            names = ", ".join(shipped)
            raise CommandError(f"{kata.slug}'s stub has no function {args.function!r}: {names}.")
        try:
            new = pristine.replace_function(current, stub, args.function)
        except KeyError:
            raise CommandError(
                f"{args.function}() is missing from your class in {kata.relative_module}: "
                f"`katas reset {kata.number}` puts the whole module back."
            ) from None
        what = f"{args.function}() in {kata.relative_module}"
        lost = pristine.function_text(current, args.function)
        summary = (
            f"Your {args.function}() ({len(lost.splitlines())} lines) will be replaced by the "
            "stub's."
            if lost
            else f"{args.function}() is missing from your module: the stub's is added at the end."
        )
    else:
        new = stub
        what = kata.relative_module
        names, changed = pristine.changes(current, stub)
        listed = f" (in {', '.join(names)})" if names else ""
        summary = f"{changed} line{'s' * (changed != 1)} of yours will be lost{listed}."
    if new == current:
        print(f"{what} is already as shipped: nothing to reset.")
        return 0
    print(f"Reset {what} to the stub as shipped ({pristine.FOLDER}/{kata.slug}/{kata.module}.py).")
    print(summary)
    print(f"A backup of your file goes to {progress.STATE_DIR}/backups/{kata.slug}/.")
    if not args.yes and not confirm("Reset?"):
        print("Nothing changed.")
        return 1
    saved = backup(root, kata, current)
    kata.module_path.write_text(new, encoding="utf-8")
    print(f"Done. Your version is in {saved.relative_to(root)}.")
    return 0


# ---------------------------------------------------------------------------------------------
# katas solution


def command_solution(args) -> int:
    root, katas = repository()
    kata = resolve(katas, args.kata)
    answer = root / "solutions" / kata.slug / f"{kata.module}.py"
    if not (root / "solutions").is_dir():
        raise CommandError(
            "This copy of numpy-katas has no solutions/ folder (dojo copies often ship without "
            "the answers), so there is no reference answer to show."
        )
    found = statuses(root, katas)[kata.slug]
    if not found.solved:
        raise CommandError(
            f"The reference answer to {kata.slug} is shown once the kata has passed: every test "
            f"green on your code. Now: {found.describe()}. "
            f"`katas hint {kata.number}` gives the next hint."
        )
    if not answer.is_file():
        raise CommandError(f"solutions/{kata.slug}/{kata.module}.py is missing from this copy.")
    print(f"# The reference answer to {kata.slug} ({kata.title}): solutions/{kata.slug}/")
    print(f"# Compare it with yours: {kata.relative_module}\n")
    print(answer.read_text(encoding="utf-8"))
    return 0


# ---------------------------------------------------------------------------------------------
# katas export


EXCLUDED_AT_ROOT = {"solutions", "gate_proofs", ".git", ".venv", ".nox", progress.STATE_DIR}
EXCLUDED_ANYWHERE = {
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".mypy_cache",
    "build",
    "dist",
}


def export(root: Path, katas: list[Kata], target: Path) -> list[str]:
    """Copy the repository to ``target`` without the answers; returns notes for the user."""
    target = target.resolve()
    if target == root or root.is_relative_to(target):
        raise CommandError(f"{target} holds this repository: choose a new folder.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise CommandError(f"{target} exists and is not empty: choose a new folder.")

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).resolve()
        skipped = {n for n in names if n in EXCLUDED_ANYWHERE or n.endswith(".egg-info")}
        if here == root:
            skipped |= EXCLUDED_AT_ROOT & set(names)
        return skipped | {n for n in names if (here / n).resolve() == target}

    shutil.copytree(root, target, ignore=ignore, dirs_exist_ok=True, symlinks=True)
    notes = []
    for kata in katas:
        if not kata.built:
            continue
        stub = pristine.text(kata)
        copy = target / "katas" / kata.slug / f"{kata.module}.py"
        here = copy.read_text(encoding="utf-8")
        if stub == here:
            continue
        try:
            answered = pristine.answered_functions(here)
        except SyntaxError:
            answered = ["(does not parse)"]
        if stub is not None and answered:
            copy.write_text(stub, encoding="utf-8")
            notes.append(f"{kata.relative_module}: your answers stay here; the copy has the stub")
        elif stub is None:
            notes.append(f"{kata.relative_module}: no copy in {pristine.FOLDER}/, exported as is")
        else:  # a stub edited after pristine/ was written: the newer stub is the one to ship
            notes.append(
                f"{kata.relative_module}: a stub newer than {pristine.FOLDER}/, exported as is "
                "(run `python -m numpy_katas.pristine`)"
            )
    return notes


def command_export(args) -> int:
    root, katas = repository()
    target = Path(args.dir)
    notes = export(root, katas, target)
    print(f"Exported to {target}: without solutions/, gate_proofs/, .git, .venv and caches.")
    for note in notes:
        print(f"  {note}")
    print(
        f"There: `pip install -e .`, then `pytest katas/{katas[0].slug}` and `katas`. "
        "`--solutions` says that copy has no answer key."
    )
    return 0


# ---------------------------------------------------------------------------------------------
# katas watch


def command_watch(args) -> int:
    from numpy_katas import watch

    root, katas = repository()
    kata = named_or_next(root, katas, args.kata, "katas watch 1")
    return watch.Watch(root, katas, kata, poll=args.poll).run()


# ---------------------------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="katas",
        description="Your numpy-katas: progress, watch mode, hints, reset, answers after a pass. "
        "A KATA is a number or a slug: 19, 19_stability.",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, function, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=function)
        return sub

    add("list", command_list, "every kata with its state, and the next one to do (the default)")
    watch = add("watch", command_watch, "run a kata's tests whenever you save its module")
    watch.add_argument("kata", nargs="?", help="default: the first kata not done")
    watch.add_argument(
        "--poll",
        action="store_true",
        help="poll for changes (WSL on a Windows drive, Docker bind mounts, network drives)",
    )
    hint = add("hint", command_hint, "the next hint of a kata's README, one per call")
    hint.add_argument("kata", nargs="?", help="default: the first kata not done")
    hint.add_argument("--all", action="store_true", help="every hint at once")
    reset = add("reset", command_reset, "put a kata's module, or one function, back as shipped")
    reset.add_argument("kata")
    reset.add_argument("function", nargs="?", help="reset only this function")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    solution = add("solution", command_solution, "the reference answer, once the kata passed")
    solution.add_argument("kata")
    exporting = add(
        "export", command_export, "copy the repository without solutions/ and gate_proofs/"
    )
    exporting.add_argument("dir", help="a new or empty folder")
    return top


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")  # a console that cannot print ★ gets a ?
    args = parser().parse_args(argv)
    handler = getattr(args, "handler", command_list)
    try:
        return handler(args)
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
