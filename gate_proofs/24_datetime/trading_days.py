"""Correct loop answers to kata 24's gated functions: each must fail the gates."""

import datetime

import numpy as np


def _closed_days(holidays):
    return set(np.asarray(holidays, dtype="datetime64[D]").tolist())


def trading_days(start, end, holidays):
    first, last = np.datetime64(start, "D"), np.datetime64(end, "D")
    if np.isnat(first):
        raise ValueError("start is NaT: the range needs a first day")
    if np.isnat(last):
        raise ValueError("end is NaT: the range needs a last day")
    closed = _closed_days(holidays)
    days = []
    day, last_day = first.item(), last.item()
    while day <= last_day:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += datetime.timedelta(days=1)
    return np.array(days, dtype="datetime64[D]")


def next_trading_day(dates, holidays):
    days = np.asarray(dates, dtype="datetime64[D]")
    closed = _closed_days(holidays)
    result = np.empty(days.shape, dtype="datetime64[D]")
    for index, day in np.ndenumerate(days):
        day = day.item()  # a datetime.date, or None for NaT
        while day is not None and (day.weekday() >= 5 or day in closed):
            day += datetime.timedelta(days=1)
        result[index] = np.datetime64("NaT") if day is None else day
    return result
