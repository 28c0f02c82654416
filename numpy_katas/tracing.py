"""Counting the Python-level work a function does: the evidence behind the loop detector.

Two kinds of iteration over the data are counted while the function runs:

- Python lines, by ``sys.settrace`` (in threads the function starts too): a ``for`` loop, a
  comprehension, ``np.vectorize`` or ``np.apply_along_axis`` over a Python function.
- Items that pass one by one through iteration that runs in C and so executes no Python line:
  builtins such as ``sum``, ``map``, ``sorted`` and ``set``, ``collections.Counter``,
  ``functools.reduce``, ``itertools``, ``np.fromiter``, and ``np.vectorize``/``np.frompyfunc`` of
  a builtin such as ``math.exp``. For the duration of the call, the names the function's module
  sees for them are replaced by counting stand-ins; nothing else is patched, and everything is
  put back afterwards. Whole-array NumPy (``np.add.at``, ``np.bincount``, ``np.unique``) is not
  touched, and ``sum`` of three arrays counts 3 items whatever the data's size.

Worker processes the function starts are counted too: their work cannot be traced at all.
"""

from __future__ import annotations

import builtins
import collections
import contextlib
import functools
import itertools
import linecache
import math
import multiprocessing.process
import sys
import sysconfig
import threading
from collections import Counter
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Work:
    """What one call did: Python lines per (file, line), and items per C-level construct."""

    lines: Counter = field(default_factory=Counter)
    items: Counter = field(default_factory=Counter)
    call_sites: dict = field(default_factory=dict)  # construct -> (file, line) of a call
    processes: int = 0

    @property
    def line_count(self) -> int:
        return sum(self.lines.values())


# -- counting stand-ins for C-level iteration ---------------------------------------------------

_RECORDING: list[Work] = []  # the Work being recorded (a stack: at most one entry in practice)


def _note(construct: str, items: int, caller: Any = None) -> None:
    """Count ``items`` for ``construct``; remember where it was first called from."""
    if _RECORDING:
        work = _RECORDING[-1]
        work.items[construct] += items
        while caller is not None and _not_learner_code(caller.f_code.co_filename):
            caller = caller.f_back  # a stand-in's own frames, the library that called it
        if caller is not None and construct not in work.call_sites:
            work.call_sites[construct] = (caller.f_code.co_filename, caller.f_lineno)


_LIBRARY_PATHS = tuple(
    {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
)


def _not_learner_code(filename: str) -> bool:
    return filename == __file__ or filename.startswith(_LIBRARY_PATHS)


def _fed(iterable: Any, construct: str) -> Any:
    """``iterable``, counting the items it yields (its length, for a sized one)."""
    if isinstance(iterable, Sized):
        with contextlib.suppress(TypeError):  # a 0-d array: NumPy will say what is wrong
            _note(construct, len(iterable))
        return iterable
    return _counting(iterable, construct)


def _counting(iterable: Any, construct: str):
    work = _RECORDING[-1] if _RECORDING else Work()
    for item in iterable:
        work.items[construct] += 1
        yield item


def _stand_in(real: Callable, construct: str, iterables: str) -> Callable:
    """A stand-in for ``real`` that counts the items of its iterable arguments.

    ``iterables``: which positional arguments are iterated: "0", "1", "all", "rest" (all but
    the first), "len" (counted by length, passed as they are), "args" (the items are the
    arguments themselves when there are several, as in ``max(a, b)``).
    """

    def counted(*args, **kwargs):
        _note(construct, 0, sys._getframe(1))
        if iterables == "args" and len(args) != 1:
            _note(construct, len(args))
        elif iterables == "len":
            _note(construct, len(args[0]) if args and isinstance(args[0], Sized) else 0)
        else:
            chosen = _positions(iterables, len(args))
            args = tuple(_fed(a, construct) if i in chosen else a for i, a in enumerate(args))
        return real(*args, **kwargs)

    if isinstance(real, type):
        return _type_stand_in(real, counted)
    return functools.wraps(real)(counted)


def _positions(which: str, count: int) -> Sequence[int]:
    if which == "all":
        return range(count)
    if which == "rest":
        return range(1, count)
    return (0,) if which == "args" else (int(which),)


class _TypeStandInMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._real)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls._real)

    def __call__(cls, *args, **kwargs):
        return cls._counted(*args, **kwargs)

    def __getattr__(cls, name):
        return getattr(cls._real, name)


def _type_stand_in(real: type, counted: Callable) -> type:
    """A class that stands in for ``real``: calling it counts, isinstance checks still work."""
    return _TypeStandInMeta(real.__name__, (), {"_real": real, "_counted": staticmethod(counted)})


def _calls_counted(func: Callable, construct: str) -> Callable:
    """``func``, counting its calls: the items a vectorize or frompyfunc wrapper feeds it."""

    @functools.wraps(func)
    def counted(*args, **kwargs):
        work = _RECORDING[-1] if _RECORDING else None
        if work is not None:
            work.items[construct] += 1
        return func(*args, **kwargs)

    return counted


def _vectorize(pyfunc=None, *args, **kwargs):
    _note("np.vectorize", 0, sys._getframe(1))
    if pyfunc is None:  # used as @np.vectorize(otypes=...)
        return lambda f: _vectorize(f, *args, **kwargs)
    return _REAL_VECTORIZE(_calls_counted(pyfunc, "np.vectorize"), *args, **kwargs)


def _frompyfunc(func, *args, **kwargs):
    _note("np.frompyfunc", 0, sys._getframe(1))
    return _REAL_FROMPYFUNC(_calls_counted(func, "np.frompyfunc"), *args, **kwargs)


_REAL_FROMPYFUNC = np.frompyfunc
_REAL_VECTORIZE = np.vectorize

# Builtins that iterate in C: shadowed in the function's module only, never in builtins.
_BUILTINS = {
    "sum": "0", "min": "args", "max": "args", "any": "0", "all": "0", "sorted": "0",
    "map": "rest", "filter": "1", "zip": "all", "enumerate": "0", "reversed": "len",
    "list": "0", "tuple": "0", "set": "0", "frozenset": "0", "dict": "0",
}  # fmt: skip
# Library callables that iterate in C: (module, attribute, which arguments, construct name).
_LIBRARY = [
    (collections, "Counter", "0", "collections.Counter"),
    (collections, "deque", "0", "collections.deque"),
    (functools, "reduce", "1", "functools.reduce"),
    (math, "fsum", "0", "math.fsum"),
    (math, "prod", "0", "math.prod"),
    (np, "fromiter", "0", "np.fromiter"),
    *[
        (itertools, name, which, f"itertools.{name}")
        for name, which in [
            ("accumulate", "0"), ("chain", "all"), ("starmap", "1"), ("groupby", "0"),
            ("islice", "0"), ("pairwise", "0"), ("compress", "all"), ("filterfalse", "1"),
            ("takewhile", "1"), ("dropwhile", "1"), ("zip_longest", "all"), ("product", "all"),
        ]
    ],
]  # fmt: skip


def _is_frompyfunc_ufunc(value: Any) -> bool:
    return (
        isinstance(value, np.ufunc)
        and len(value.types) == 1
        and set(value.types[0].replace("->", "")) == {"O"}
    )


def _wrapper_stand_in(wrapper: Callable, construct: str) -> Callable:
    """A module-level vectorize or frompyfunc object: count the elements it is called on."""

    def counted(*args, **kwargs):
        try:
            size = np.broadcast(*[np.asarray(a, dtype=object) for a in args]).size
            _note(construct, size, sys._getframe(1))
        except (ValueError, TypeError):
            pass
        return wrapper(*args, **kwargs)

    return counted


class _Patches:
    """Put the counting stand-ins in place for one call, and take them out again."""

    def __init__(self, module_globals: dict | None):
        self.module_globals = module_globals if module_globals is not None else {}
        self._saved_globals: dict[str, Any] = {}
        self._added_globals: list[str] = []
        self._saved_attributes: list[tuple[Any, str, Any]] = []

    def __enter__(self):
        library = {}
        for module, attribute, which, construct in _LIBRARY:
            real = getattr(module, attribute)
            stand_in = _stand_in(real, construct, which)
            library[id(real)] = stand_in
            self._set_attribute(module, attribute, stand_in)
        self._set_attribute(np, "vectorize", _vectorize)
        self._set_attribute(np, "frompyfunc", _frompyfunc)
        library[id(_REAL_VECTORIZE)] = _vectorize
        library[id(_REAL_FROMPYFUNC)] = _frompyfunc
        self._set_attribute(multiprocessing.process.BaseProcess, "start", _counting_start)

        names = self.module_globals
        for name, which in _BUILTINS.items():
            if name not in names:
                names[name] = _stand_in(getattr(builtins, name), name, which)
                self._added_globals.append(name)
        for name, value in list(names.items()):
            if name in self._added_globals or name.startswith("__"):
                continue
            replacement = library.get(id(value))
            if replacement is None and isinstance(value, _REAL_VECTORIZE):
                replacement = _wrapper_stand_in(value, "np.vectorize")
            elif replacement is None and _is_frompyfunc_ufunc(value):
                replacement = _wrapper_stand_in(value, "np.frompyfunc")
            if replacement is not None:
                self._saved_globals[name] = value
                names[name] = replacement
        return self

    def __exit__(self, *exc_info):
        for name in self._added_globals:
            self.module_globals.pop(name, None)
        self.module_globals.update(self._saved_globals)
        for owner, attribute, real in reversed(self._saved_attributes):
            setattr(owner, attribute, real)

    def _set_attribute(self, owner: Any, attribute: str, value: Any) -> None:
        self._saved_attributes.append((owner, attribute, getattr(owner, attribute)))
        setattr(owner, attribute, value)


_REAL_START = multiprocessing.process.BaseProcess.start


def _counting_start(self, *args, **kwargs):
    if _RECORDING:
        _RECORDING[-1].processes += 1
        _note("multiprocessing", 0, sys._getframe(1))
    return _REAL_START(self, *args, **kwargs)


# -- the recording ------------------------------------------------------------------------------

_OWN_CODE = frozenset(
    f.__code__ for f in (_counting, _fed, _note, _counting_start, _wrapper_stand_in)
)


def record(func: Callable, args: Sequence[Any]) -> Work:
    """Run ``func(*args)`` once and return the Python-level work it did."""
    work = Work()
    lines = work.lines

    def local(frame, event, arg):
        if event == "line":
            lines[frame.f_code.co_filename, frame.f_lineno] += 1
        return local

    def on_call(frame, event, arg):
        code = frame.f_code
        if code in _OWN_CODE or (code.co_name == "counted" and code.co_filename == __file__):
            return None
        return local

    previous, previous_threads = sys.gettrace(), threading.gettrace()
    _RECORDING.append(work)
    try:
        with _Patches(getattr(func, "__globals__", None)):
            threading.settrace(on_call)
            sys.settrace(on_call)
            try:
                func(*args)
            finally:
                sys.settrace(previous)
                threading.settrace(previous_threads)
    finally:
        _RECORDING.pop()
    return work


def source_line(filename: str, lineno: int) -> str:
    """The stripped text of a source line, for a message ('' when it cannot be read)."""
    return linecache.getline(filename, lineno).strip()
