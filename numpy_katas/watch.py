"""``katas watch``: run a kata's tests whenever its module is saved, and show what fails.

File events come from watchfiles (inotify, FSEvents, ReadDirectoryChangesW). Where they do not
arrive (WSL on a Windows drive, Docker bind mounts, network drives) it polls: when asked
(``--poll`` or ``KATAS_POLL=1``), when the kata sits on such a file system, on WSL (watchfiles
itself), or when the event watcher cannot start. The tests run in a fresh pytest process, whose
plugin records the outcomes (progress.py); the screen shows them from that record, compactly:
the count, each distinct failure once, and the functions not written yet. A save during a run
stops it and starts again. Once the kata is green it says so and offers the next unfinished
kata on a key: it never moves on by itself.
"""

from __future__ import annotations

import contextlib
import os
import platform
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from numpy_katas import cli, pristine, progress
from numpy_katas.progress import Kata

POLL_DELAY_MS = 200  # with polling, a save is seen within this, plus the 50 ms debounce step
UNRELIABLE_FILE_SYSTEMS = {
    "9p",  # WSL 2 Windows drives, some VMs
    "drvfs",  # WSL 1 Windows drives
    "cifs",
    "smb3",
    "smbfs",
    "nfs",
    "nfs4",
    "vboxsf",
    "virtiofs",
    "fakeowner",  # Docker Desktop bind mounts
    "fuse.grpcfuse",
    "fuse.osxfs",
    "fuse.sshfs",
    "prl_fs",
}
NOT_WRITTEN = re.compile(r"^([\w.]+)\(\) is not written yet")
KEYS = "h hint · r rerun · p pytest's output · l list · q quit"


def file_system(path: Path) -> str | None:
    """The type of the file system holding ``path`` (Linux only, from /proc/mounts)."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, kind = "", None
    target = str(path.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind


def polling_reason(folder: Path, asked: bool) -> str | None:
    """Why to poll instead of waiting for file events, or None."""
    if asked:
        return "polling, as asked (--poll)"
    if os.environ.get("KATAS_POLL", "") not in ("", "0"):
        return "polling (KATAS_POLL is set)"
    if "microsoft" in platform.release().lower() and str(folder.resolve()).startswith("/mnt/"):
        return "polling: WSL does not pass on file events from Windows drives"
    kind = file_system(folder)
    if kind in UNRELIABLE_FILE_SYSTEMS:
        return f"polling: file events may not arrive on this {kind} file system"
    return None


def compact(entry: dict, shown: int = 3) -> list[str]:
    """The outcome of a recorded run, compactly: each distinct failure once."""
    outcomes, failures = entry.get("outcomes", {}), entry.get("failures", {})
    passed, total, skipped = progress.counts(entry)
    ids = entry.get("test_ids") or list(outcomes)
    lines = [f"{passed}/{total if total is not None else len(ids)} tests pass"]
    if skipped:
        lines[0] += f", {skipped} skipped"
    not_written: dict[str, int] = {}
    distinct: dict[str, list[str]] = {}
    for test in ids:
        if outcomes.get(test) != "failed":
            continue
        message = failures.get(test, "").removeprefix("Failed: ")  # pytest.fail's prefix
        match = NOT_WRITTEN.match(message)
        if match:
            not_written[match[1]] = not_written.get(match[1], 0) + 1
        else:
            distinct.setdefault(message, []).append(test.split("::", 1)[-1])
    for message, tests in list(distinct.items())[:shown]:
        more = f" (and {len(tests) - 1} more with this message)" if len(tests) > 1 else ""
        lines.append("")
        lines.append(f"✗ {tests[0]}{more}")
        body = message.splitlines() or ["(no message)"]
        lines += [f"    {line}" for line in body[:12]]
        if len(body) > 12:
            lines.append("    ...")
    if len(distinct) > shown:
        rest = sum(len(tests) for tests in list(distinct.values())[shown:])
        lines.append("")
        lines.append(f"... and {rest} more failing tests: press p for pytest's full output.")
    if not_written:
        lines.append("")
        lines.append(
            "Not written yet: "
            + ", ".join(f"{f}() ({n} test{'s' * (n > 1)})" for f, n in not_written.items())
        )
    return lines


class Watch:
    def __init__(self, root: Path, katas: list[Kata], kata: Kata, *, poll: bool = False):
        self.root, self.katas, self.kata = root, katas, kata
        self.asked_to_poll = poll
        self.events: queue.Queue = queue.Queue()
        self.stop = threading.Event()
        self.watcher: threading.Thread | None = None
        self.watcher_stop = threading.Event()
        self.polling: str | None = None
        self.process: subprocess.Popen | None = None
        self.output = None
        self.started = 0.0
        self.offer: Kata | None = None
        self.tty = sys.stdout.isatty()

    # -- output ---------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        print(text, flush=True)

    def clear(self) -> None:
        if self.tty:
            sys.stdout.write("\x1b[2J\x1b[3J\x1b[H")
        else:
            self.say("-" * 79)

    # -- the file watcher -----------------------------------------------------------------

    def _wanted(self, change, path: str) -> bool:
        changed = Path(path)
        kata = self.kata
        return (
            changed.parent == kata.folder
            and (changed.name == kata.module_path.name or changed.name.startswith("test_"))
            and changed.suffix == ".py"
        )

    def start_watcher(self, force_polling: bool | None) -> None:
        import watchfiles

        self.watcher_stop.set()
        if self.watcher is not None:
            self.watcher.join(timeout=2)
        stop = self.watcher_stop = threading.Event()

        def watch() -> None:
            try:
                for changes in watchfiles.watch(
                    self.root / "katas",
                    watch_filter=self._wanted,
                    stop_event=stop,
                    force_polling=force_polling,
                    poll_delay_ms=POLL_DELAY_MS,
                    step=50,
                    rust_timeout=500,
                    raise_interrupt=False,
                ):
                    self.events.put(("save", sorted({Path(p).name for _, p in changes})))
            except Exception as error:  # no inotify watches left, a file system without events
                if not stop.is_set():
                    self.events.put(("watcher failed", error))

        self.watcher = threading.Thread(target=watch, name="katas-watch", daemon=True)
        self.watcher.start()

    # -- keys -----------------------------------------------------------------------------

    def start_keys(self) -> contextlib.AbstractContextManager:
        """Read keys in a thread: single keys on a terminal, lines otherwise."""
        stdin = sys.stdin
        restore = contextlib.nullcontext()
        if stdin is None:
            return restore
        if stdin.isatty() and os.name == "posix":
            import termios
            import tty

            fd = stdin.fileno()
            saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)
            restore = contextlib.ExitStack()
            restore.callback(termios.tcsetattr, fd, termios.TCSADRAIN, saved)

            def read() -> None:
                while not self.stop.is_set():
                    key = os.read(fd, 1).decode(errors="ignore")
                    if not key:
                        return
                    self.events.put(("key", key.lower()))

        elif stdin.isatty() and os.name == "nt":
            import msvcrt

            def read() -> None:
                while not self.stop.is_set():
                    if msvcrt.kbhit():
                        self.events.put(("key", msvcrt.getwch().lower()))
                    else:
                        time.sleep(0.05)

        else:

            def read() -> None:
                for line in stdin:
                    self.events.put(("key", line.strip()[:1].lower() or "\n"))

        threading.Thread(target=read, name="katas-keys", daemon=True).start()
        return restore

    # -- test runs ------------------------------------------------------------------------

    def start_run(self, reason: str) -> None:
        self.stop_run()
        self.clear()
        kata = self.kata
        self.say(f"{kata.slug} · {kata.title}: {reason}, testing {kata.relative_module} ...")
        self.offer = None
        if self.output is not None:
            self.output.close()
        # A file, not a pipe: a run that prints a lot cannot block on a full pipe. It stays
        # open after the run, for the p key.
        self.output = tempfile.TemporaryFile()  # noqa: SIM115
        self.started = time.time()
        command = [sys.executable, "-m", "pytest", f"katas/{kata.slug}", "-q", "--no-header"]
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )

    def stop_run(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def pytest_output(self) -> str:
        if self.output is None:
            return ""
        self.output.seek(0)
        return self.output.read().decode(errors="replace")

    def finish_run(self) -> None:
        code = self.process.returncode
        self.process = None
        kata = self.kata
        state = progress.load_state(self.root)
        entry = state["katas"].get(kata.slug)
        if not entry or entry.get("last_run", 0) < self.started:
            self.say(f"pytest ended with status {code} without running the tests:")
            self.say("\n".join(self.pytest_output().strip().splitlines()[-25:]))
            self.footer()
            return
        found = progress.status(kata, state, pristine.sha(kata))
        self.say()
        self.say("\n".join(compact(entry)))
        self.say()
        if found.done:
            self.say(f"✓ {kata.slug} is done: every test passes.")
            self.say(f"  `katas solution {kata.number}` shows the reference answer.")
            statuses = cli.statuses(self.root, self.katas)
            self.offer = cli.next_kata(self.katas, statuses, after=kata)
            if self.offer is None:
                self.say("Every built kata is done. Press q to quit.")
            else:
                self.say(
                    f"Next unfinished: {self.offer.slug} · {self.offer.title}. "
                    "Press n to go on, or keep editing."
                )
        elif found.state == "changed":
            self.say("(the module changed during the run: testing again)")
        self.footer()

    def footer(self) -> None:
        how = self.polling or "file events"
        keys = KEYS + (" · n next kata" if self.offer else "")
        self.say(f"[{keys}]  watching {self.kata.relative_module} ({how})")

    # -- keys and events ------------------------------------------------------------------

    def key(self, key: str) -> bool:
        """Handle a key; False to quit."""
        if key in ("q", "\x04", "\x1b"):
            return False
        if key in ("r", "\n", "\r", " "):
            self.start_run("rerun")
        elif key == "n":
            if self.offer is None:
                self.say("n moves on once this kata is green.")
            else:
                self.kata = self.offer
                self.start_run("next kata")
        elif key == "h":
            self.say()
            self.say(cli.next_hint(self.root, self.kata))
        elif key == "l":
            self.say()
            self.say(cli.render_list(self.root, self.katas))
        elif key == "p":
            self.say()
            self.say(self.pytest_output().rstrip())
        return True

    def run(self) -> int:
        self.polling = polling_reason(self.kata.folder, self.asked_to_poll)
        self.start_watcher(True if self.polling else None)
        with self.start_keys():
            try:
                self.start_run("watching")
                while True:
                    try:
                        kind, value = self.events.get(timeout=0.05)
                    except queue.Empty:
                        kind, value = None, None
                    if self.process is not None and self.process.poll() is not None:
                        self.finish_run()
                    if kind == "save":
                        self.start_run(f"saved {', '.join(value)} at {time.strftime('%H:%M:%S')}")
                    elif kind == "key" and not self.key(value):
                        break
                    elif kind == "watcher failed":
                        self.polling = f"polling: file events failed ({value})"
                        self.say(f"File events are not available ({value}): polling instead.")
                        self.start_watcher(True)
            except KeyboardInterrupt:
                pass
            finally:
                self.stop.set()
                self.watcher_stop.set()
                self.stop_run()
                if self.output is not None:
                    self.output.close()
        self.say()
        self.say(
            f"Stopped watching. `katas` shows your progress; `katas watch {self.kata.number}`."
        )
        return 0
