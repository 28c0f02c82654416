"""Assertions whose failure messages teach: the call, what was expected, what came back.

A learner reads the assertion message, not the test code. Each check names the call
(``call="checkerboard(5)"``), and on failure shows the expected and the returned value.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

_PRINT = {"threshold": 60, "edgeitems": 3, "precision": 6, "suppress_small": True}


def _show(value: Any) -> str:
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, np.ndarray):
        text = np.array2string(value, **_PRINT)
        return f"{text}  (shape {value.shape}, dtype {value.dtype})"
    return repr(value)


def _fail(message: str) -> None:
    __tracebackhide__ = True
    pytest.fail(message, pytrace=False)


def assert_array(
    got: Any,
    expected: Any,
    *,
    call: str,
    exact: bool = False,
    rtol: float = 1e-7,
    atol: float = 1e-12,
) -> None:
    """``got`` must be an ndarray with ``expected``'s shape and values (NaN equals NaN).

    ``exact=True`` compares with ==; otherwise within rtol/atol. The dtype is not compared:
    where a contract states one, check it with assert_dtype_kind.
    """
    __tracebackhide__ = True
    expected = np.asarray(expected)
    if not isinstance(got, np.ndarray):
        _fail(f"{call} returned {_show(got)}; expected an ndarray:\n{_show(expected)}")
    if got.shape != expected.shape:
        _fail(
            f"{call} returned shape {got.shape}; expected shape {expected.shape}.\n"
            f"expected:\n{_show(expected)}\ngot:\n{_show(got)}"
        )
    if exact:
        wrong = ~((got == expected) | (_isnan(got) & _isnan(expected)))
    else:
        try:
            wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
        except TypeError:
            _fail(
                f"{call} returned values of dtype {got.dtype}; expected numbers like:\n"
                f"{_show(expected)}"
            )
    wrong = np.asarray(wrong)
    if wrong.any():
        where = tuple(int(i) for i in np.argwhere(wrong)[0])
        first = where if got.ndim else ()
        tolerance = "" if exact else f" (tolerance rtol={rtol:g}, atol={atol:g})"
        _fail(
            f"{call} returned wrong values at {int(wrong.sum())} of {wrong.size} positions"
            f"{tolerance}; first at index {list(first)}: got {_show(got[first])}, expected "
            f"{_show(expected[first])}.\nexpected:\n{_show(expected)}\ngot:\n{_show(got)}"
        )


def _isnan(a: np.ndarray) -> np.ndarray:
    return np.isnan(a) if np.issubdtype(a.dtype, np.inexact) else np.zeros(a.shape, bool)


def assert_value(got: Any, expected: Any, *, call: str, rtol: float = 1e-9, atol: float = 0.0):
    """A scalar (or any == comparable value) equal to ``expected``, within rtol for numbers."""
    __tracebackhide__ = True
    if isinstance(expected, (int, float, np.number)) and not isinstance(expected, bool):
        ok = isinstance(got, (int, float, np.number)) and not isinstance(got, bool)
        ok = ok and bool(np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True))
    else:
        ok = got == expected
    if not ok:
        _fail(f"{call} returned {_show(got)}; expected {_show(expected)}")


def assert_bool(got: Any, expected: bool, *, call: str, python_bool: bool = False) -> None:
    """One truth value equal to ``expected``, not an array of them. With ``python_bool`` (when
    the contract says "a Python bool"), a NumPy bool such as ``np.True_`` is refused."""
    __tracebackhide__ = True
    if not isinstance(got, (bool, np.bool_)):
        _fail(
            f"{call} returned {_show(got)}; expected one bool, {expected} "
            "(reduce the comparison over the whole array, e.g. with np.all)"
        )
    if got != expected:
        _fail(f"{call} returned {got!r}; expected {expected}")
    if python_bool and not isinstance(got, bool):
        _fail(
            f"{call} returned the NumPy bool {got!r}; expected a Python bool: "
            "bool(...) turns one into the other"
        )


def assert_dtype_kind(got: np.ndarray, kinds: str, *, call: str, why: str) -> None:
    """``got.dtype.kind`` must be one of ``kinds`` ('i' signed int, 'u', 'f', 'b', 'c')."""
    __tracebackhide__ = True
    if got.dtype.kind not in kinds:
        _fail(f"{call} returned dtype {got.dtype}: {why}")


def assert_raises_naming(
    error: type[Exception], argument: str, func: Callable, *args: Any, call: str
) -> None:
    """``func(*args)`` must raise ``error`` whose message names ``argument``."""
    __tracebackhide__ = True
    try:
        result = func(*args)
    except error as raised:
        message = str(raised)
    except NotImplementedError:
        raise
    except Exception as other:  # any other error is the learner's to see, in our words
        _fail(
            f"{call} raised {type(other).__name__}({str(other)!r}); expected {error.__name__} "
            f"naming {argument!r}: check the argument before NumPy trips over it"
        )
    else:
        _fail(f"{call} returned {_show(result)}; expected {error.__name__} naming {argument!r}")
    if not re.search(rf"\b{re.escape(argument)}\b", message):
        _fail(
            f"{call} raised {error.__name__}({message!r}); the message should name "
            f"the argument {argument!r} so the caller knows what to fix"
        )


def _same(old: Any, new: Any) -> bool:
    """Equal in value (NaN equals NaN); lists, tuples and dicts compared item by item."""
    if isinstance(old, np.ndarray):
        if not isinstance(new, np.ndarray) or (old.dtype, old.shape) != (new.dtype, new.shape):
            return False
        if old.dtype.hasobject:
            return bool(np.array_equal(old, new))
        # Byte for byte: NaN equals NaN, also inside structured records.
        return old.tobytes() == new.tobytes()
    if isinstance(old, (list, tuple)):
        return (
            type(old) is type(new)
            and len(old) == len(new)
            and all(_same(a, b) for a, b in zip(old, new, strict=True))
        )
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    return bool(old == new)


def assert_inputs_unchanged(func: Callable, *args: Any, call: str) -> Any:
    """Call ``func(*args)`` and fail if it modified any argument in place. Returns the result."""
    __tracebackhide__ = True
    before = [copy.deepcopy(a) for a in args]
    result = func(*args)
    for position, (old, new) in enumerate(zip(before, args, strict=True)):
        if not _same(old, new):
            _fail(
                f"{call} modified its argument {position + 1} in place; the caller's data "
                f"must not change (work on a copy).\nbefore:\n{_show(old)}\nafter:\n{_show(new)}"
            )
    return result
