"""Kata 24: Holiday Calendar. Trading days and the next trading day, with datetime64 and busday."""

import datetime

import numpy as np


def trading_days(
    start: str | datetime.date | np.datetime64,
    end: str | datetime.date | np.datetime64,
    holidays: np.ndarray | list,
) -> np.ndarray:
    """Every trading day from ``start`` to ``end``, both included, in order.

    A trading day is a Monday to Friday that is not in ``holidays``. ``start`` and ``end`` are
    dates: ``"2024-01-02"``, a ``datetime.date`` or a ``np.datetime64`` (a time of day is
    dropped: a datetime counts as its calendar day). ``end`` is included:
    ``trading_days("2024-01-01", "2024-03-31", nyse_2024)`` is the first quarter of 2024. A
    ``start`` after ``end`` gives an empty array. ``holidays`` is a 1-D list or array of dates
    (strings, ``datetime.date`` or datetime64), in any order, possibly empty; a holiday that
    falls on a weekend changes nothing. Returns a new ``datetime64[D]`` array.
    Raises ValueError naming ``start`` or ``end`` if it is NaT. ``holidays`` is not modified.
    """
    first, last = np.datetime64(start, "D"), np.datetime64(end, "D")
    if np.isnat(first):
        raise ValueError("start is NaT: the range needs a first day")
    if np.isnat(last):
        raise ValueError("end is NaT: the range needs a last day")
    calendar = np.busdaycalendar(holidays=np.asarray(holidays, dtype="datetime64[D]"))
    one_day = np.timedelta64(1, "D")  # a bare 1 is a unitless timedelta, deprecated in numpy 2.5
    days = np.arange(first, last + one_day, dtype="datetime64[D]")  # end is included
    return days[np.is_busday(days, busdaycal=calendar)]


def next_trading_day(dates: np.ndarray | list, holidays: np.ndarray | list) -> np.ndarray:
    """For each of ``dates``, the first trading day on or after it.

    A trading day is as in ``trading_days``: a trading day gives itself, a Saturday or Sunday
    gives the next Monday (or later, if that Monday is a holiday), a holiday gives the next
    trading day after it. ``dates`` is an array (any shape) or list of dates: strings,
    ``datetime.date`` or datetime64 of any unit (a time of day is dropped: a datetime counts
    as its calendar day). NaT gives NaT. ``holidays`` is as in ``trading_days``.
    Returns a new ``datetime64[D]`` array of the shape of ``dates``, never a view of it.
    ``dates`` and ``holidays`` are not modified.
    """
    # busday_offset takes days only: cast first, which drops any time of day.
    days = np.asarray(dates, dtype="datetime64[D]")
    calendar = np.busdaycalendar(holidays=np.asarray(holidays, dtype="datetime64[D]"))
    return np.busday_offset(days, 0, roll="forward", busdaycal=calendar)
