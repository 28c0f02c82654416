"""Tests for kata 24: run ``pytest katas/24_datetime``."""

import datetime

import numpy as np
import pytest
import trading_days
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import assert_array, assert_inputs_unchanged, assert_raises_naming

# The NYSE's full-day closures in 2024. The seed's "US holidays 2024" lack Good Friday
# (2024-03-29, a market holiday though not a federal one) and Juneteenth (2024-06-19).
NYSE_2024 = [
    "2024-01-01",  # New Year's Day
    "2024-01-15",  # Martin Luther King Jr. Day
    "2024-02-19",  # Presidents' Day
    "2024-03-29",  # Good Friday
    "2024-05-27",  # Memorial Day
    "2024-06-19",  # Juneteenth
    "2024-07-04",  # Independence Day
    "2024-09-02",  # Labor Day
    "2024-11-28",  # Thanksgiving
    "2024-12-25",  # Christmas
]
SEED_US_2024 = [d for d in NYSE_2024 if d not in ("2024-03-29", "2024-06-19")]

DAY = np.dtype("datetime64[D]")
WORKDAY_RULE = "a trading day is a Monday to Friday that is not a holiday"


# --- the reference: a plain loop over datetime.date ---------------------------------------------


def _date(text):
    return datetime.date.fromisoformat(text)


def _is_trading_day(day, holidays):
    return day.weekday() < 5 and day not in holidays


def _trading_days_by_loop(start, end, holidays):
    closed = {_date(h) for h in holidays}
    day, days = _date(start), []
    while day <= _date(end):
        if _is_trading_day(day, closed):
            days.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return np.array(days, dtype=DAY)


def _next_by_loop(day, holidays):
    closed = {_date(h) for h in holidays}
    day = _date(day)
    while not _is_trading_day(day, closed):
        day += datetime.timedelta(days=1)
    return day.isoformat()


def _assert_days(got, expected, *, call, rule=WORKDAY_RULE):
    """``got`` is a datetime64[D] array equal to ``expected`` (a list of ISO dates)."""
    __tracebackhide__ = True
    expected = np.array(expected, dtype=DAY)
    if not isinstance(got, np.ndarray) or got.dtype != DAY:
        pytest.fail(
            f"{call} returned {type(got).__name__} of dtype {getattr(got, 'dtype', None)}; "
            "expected a datetime64[D] array (days, not datetimes or strings)",
            pytrace=False,
        )
    if got.shape != expected.shape:
        assert_array(got, expected, call=f"{call} ({rule})", exact=True)  # names the shapes
    wrong = np.flatnonzero(~((got == expected) | (np.isnat(got) & np.isnat(expected))))
    if wrong.size:
        first = wrong[0]
        pytest.fail(
            f"{call}: {wrong.size} wrong day(s); first at flat index {first}: got "
            f"{got.ravel()[first]}, expected {expected.ravel()[first]} ({rule}).\n"
            f"expected: {expected}\ngot:      {got}",
            pytrace=False,
        )


# --- trading_days -------------------------------------------------------------------------------


def test_the_first_quarter_of_2024_has_61_nyse_trading_days():
    call = "trading_days('2024-01-01', '2024-03-31', NYSE_2024)"
    got = trading_days.trading_days("2024-01-01", "2024-03-31", NYSE_2024)
    expected = _trading_days_by_loop("2024-01-01", "2024-03-31", NYSE_2024)
    assert len(expected) == 61  # 65 weekdays less Jan 1, Jan 15, Feb 19 and Good Friday
    _assert_days(got, expected, call=call)
    _assert_days(
        got[:5],
        ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"],
        call=f"{call}[:5]",
    )
    _assert_days(
        got[-3:],
        ["2024-03-26", "2024-03-27", "2024-03-28"],
        call=f"{call}[-3:] (Good Friday, March 29, is closed)",
    )


def test_2024_has_252_nyse_trading_days():
    got = trading_days.trading_days("2024-01-01", "2024-12-31", NYSE_2024)
    assert len(got) == 252, (
        f"trading_days('2024-01-01', '2024-12-31', NYSE_2024) has {len(got)} days; expected "
        "252 (262 weekdays less 10 closures): end is included, and every holiday is removed"
    )


def test_the_seed_holidays_leave_good_friday_and_juneteenth_open():
    got = trading_days.trading_days("2024-01-01", "2024-12-31", SEED_US_2024)
    expected = _trading_days_by_loop("2024-01-01", "2024-12-31", SEED_US_2024)
    _assert_days(got, expected, call="trading_days(2024, the seed's 8 US holidays)")
    assert len(got) == 254, f"with the seed's 8 holidays 2024 has 254 trading days, got {len(got)}"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-01-02", "2024-01-05", ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]),
        ("2024-01-05", "2024-01-05", ["2024-01-05"]),  # one day, a Friday
        ("2024-01-06", "2024-01-07", []),  # a weekend
        ("2024-01-06", "2024-01-08", ["2024-01-08"]),  # start on Saturday, end on Monday
        ("2024-03-29", "2024-03-29", []),  # Good Friday alone
        ("2024-03-28", "2024-04-01", ["2024-03-28", "2024-04-01"]),
        ("2024-01-09", "2024-01-08", []),  # start after end
        ("2024-12-31", "2024-12-31", ["2024-12-31"]),
    ],
    ids=[
        "end_is_included",
        "start_equals_end",
        "weekend_only",
        "weekend_start",
        "holiday_only",
        "across_good_friday",
        "start_after_end",
        "last_day_of_the_year",
    ],
)
def test_trading_days_at_the_ends_of_the_range(start, end, expected):
    got = trading_days.trading_days(start, end, NYSE_2024)
    rule = f"{WORKDAY_RULE}; start and end are both included"
    _assert_days(got, expected, call=f"trading_days({start!r}, {end!r}, NYSE_2024)", rule=rule)


def test_the_end_is_included_however_it_is_given():
    expected = ["2024-01-04", "2024-01-05"]
    for end in ("2024-01-05", datetime.date(2024, 1, 5), np.datetime64("2024-01-05T23:59")):
        got = trading_days.trading_days(datetime.date(2024, 1, 4), end, [])
        _assert_days(
            got,
            expected,
            call=f"trading_days(date(2024, 1, 4), {end!r}, [])",
            rule="end is included, a time of day dropped",
        )


@pytest.mark.parametrize(
    "holidays",
    [
        np.array(NYSE_2024, dtype="datetime64[D]"),
        np.array(NYSE_2024[::-1] + NYSE_2024[:3]),  # unsorted, with duplicates
        [_date(h) for h in NYSE_2024],
        np.array(NYSE_2024, dtype="datetime64[D]").astype("datetime64[s]")
        + np.timedelta64(3600, "s"),
    ],
    ids=["datetime64_array", "unsorted_duplicates", "datetime_dates", "datetimes"],
)
def test_holidays_may_come_in_any_form(holidays):
    call = f"trading_days('2024-01-01', '2024-12-31', {holidays!r})"
    got = trading_days.trading_days("2024-01-01", "2024-12-31", holidays)
    _assert_days(got, _trading_days_by_loop("2024-01-01", "2024-12-31", NYSE_2024), call=call)


def test_a_holiday_on_a_weekend_changes_nothing():
    weekend = ["2024-07-06", "2024-07-07"]  # a Saturday and a Sunday
    got = trading_days.trading_days("2024-07-01", "2024-07-12", weekend)
    expected = _trading_days_by_loop("2024-07-01", "2024-07-12", [])
    _assert_days(got, expected, call=f"trading_days('2024-07-01', '2024-07-12', {weekend})")


def test_no_holidays_leaves_every_weekday():
    got = trading_days.trading_days("2024-06-17", "2024-06-23", [])
    _assert_days(
        got,
        ["2024-06-17", "2024-06-18", "2024-06-19", "2024-06-20", "2024-06-21"],
        call="trading_days('2024-06-17', '2024-06-23', [])",
    )


_DAYS_2023_2025 = st.dates(datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))


@given(_DAYS_2023_2025, _DAYS_2023_2025, st.lists(_DAYS_2023_2025, max_size=12))
def test_trading_days_match_a_day_by_day_loop(start, end, holidays):
    holidays = [h.isoformat() for h in holidays]
    got = trading_days.trading_days(start.isoformat(), end.isoformat(), holidays)
    expected = _trading_days_by_loop(start.isoformat(), end.isoformat(), holidays)
    _assert_days(got, expected, call=f"trading_days({start}, {end}, {holidays})")


@pytest.mark.parametrize("bad", ["start", "end"])
def test_a_nat_end_of_the_range_is_refused(bad):
    args = {"start": "2024-01-01", "end": "2024-01-31"}
    args[bad] = np.datetime64("NaT", "D")
    call = f"trading_days({args['start']!r}, {args['end']!r}, [])"
    assert_raises_naming(
        ValueError, bad, trading_days.trading_days, args["start"], args["end"], [], call=call
    )


def test_trading_days_does_not_modify_holidays():
    holidays = np.array(NYSE_2024[::-1], dtype="datetime64[D]")
    assert_inputs_unchanged(
        trading_days.trading_days,
        "2024-01-01",
        "2024-12-31",
        holidays,
        call="trading_days(2024, reversed NYSE holidays)",
    )


def test_trading_days_has_no_python_loop_over_days(loop_gate):
    holidays = np.array(NYSE_2024, dtype="datetime64[D]")
    first = np.datetime64("2024-01-01")
    loop_gate(
        trading_days.trading_days,
        lambda n: (first, first + np.timedelta64(n, "D"), holidays),
        over="days of the range",
    )


# --- next_trading_day ---------------------------------------------------------------------------

NEXT_CASES = {
    "2024-12-24": "2024-12-24",  # the seed's example: a trading day gives itself
    "2024-03-28": "2024-03-28",
    "2024-03-29": "2024-04-01",  # Good Friday, then the weekend
    "2024-03-30": "2024-04-01",
    "2024-06-19": "2024-06-20",  # Juneteenth
    "2024-07-04": "2024-07-05",
    "2024-01-13": "2024-01-16",  # Saturday, Sunday, then Martin Luther King Jr. Day
    "2024-11-28": "2024-11-29",
    "2024-12-25": "2024-12-26",
    "2024-12-28": "2024-12-30",
    "2024-12-31": "2024-12-31",
}


def test_next_trading_day_around_the_nyse_2024_holidays():
    dates = list(NEXT_CASES)
    got = trading_days.next_trading_day(np.array(dates, dtype="datetime64[D]"), NYSE_2024)
    for day, expected in NEXT_CASES.items():
        assert _next_by_loop(day, NYSE_2024) == expected
    _assert_days(
        got,
        list(NEXT_CASES.values()),
        call=f"next_trading_day({dates}, NYSE_2024)",
        rule=f"{WORKDAY_RULE}; a trading day gives itself",
    )


def test_next_trading_day_of_the_seed_date_is_that_day():
    got = trading_days.next_trading_day(["2024-12-24"], SEED_US_2024)
    _assert_days(
        got,
        ["2024-12-24"],
        call="next_trading_day(['2024-12-24'], the seed's holidays)",
        rule="on or after: a trading day gives itself",
    )


def test_a_holiday_on_a_weekend_does_not_move_the_next_trading_day():
    got = trading_days.next_trading_day(["2024-07-05", "2024-07-06"], ["2024-07-06", "2024-07-08"])
    _assert_days(
        got,
        ["2024-07-05", "2024-07-09"],
        call="next_trading_day(['2024-07-05', '2024-07-06'], ['2024-07-06', '2024-07-08'])",
    )


def test_next_trading_day_drops_the_time_of_day():
    dates = np.array(
        ["2024-03-28T23:59:59", "2024-03-29T09:30:00", "2024-06-18T00:00:01"],
        dtype="datetime64[s]",
    )
    got = trading_days.next_trading_day(dates, NYSE_2024)
    _assert_days(
        got,
        ["2024-03-28", "2024-04-01", "2024-06-18"],
        call=f"next_trading_day({dates}, NYSE_2024)",
        rule="a datetime counts as its calendar day",
    )


def test_next_trading_day_keeps_nat_and_the_shape():
    dates = np.array(
        [["2024-03-29", "NaT"], ["2024-01-13", "2024-01-16"], ["NaT", "2024-07-04"]],
        dtype="datetime64[D]",
    )
    got = assert_inputs_unchanged(
        trading_days.next_trading_day,
        dates,
        NYSE_2024,
        call="next_trading_day(3x2 dates with NaT)",
    )
    expected = [["2024-04-01", "NaT"], ["2024-01-16", "2024-01-16"], ["NaT", "2024-07-05"]]
    _assert_days(
        got,
        expected,
        call=f"next_trading_day({dates.tolist()}, NYSE_2024)",
        rule="NaT gives NaT; the result has the shape of dates",
    )


def test_next_trading_day_of_no_dates_is_empty():
    got = trading_days.next_trading_day(np.array([], dtype="datetime64[D]"), NYSE_2024)
    _assert_days(got, [], call="next_trading_day([], NYSE_2024)")


def test_next_trading_day_takes_lists_of_strings_and_dates():
    for dates in (
        ["2024-03-29", "2024-03-27"],
        [datetime.date(2024, 3, 29), datetime.date(2024, 3, 27)],
    ):
        got = trading_days.next_trading_day(dates, np.array(NYSE_2024, dtype="datetime64[D]"))
        _assert_days(
            got, ["2024-04-01", "2024-03-27"], call=f"next_trading_day({dates!r}, NYSE_2024)"
        )


def test_next_trading_day_returns_a_new_array():
    dates = np.array(["2024-01-02", "2024-01-03", "2024-01-04"], dtype="datetime64[D]")
    got = trading_days.next_trading_day(dates, NYSE_2024)
    assert not np.shares_memory(got, dates), (
        "next_trading_day(three trading days) returned a view of dates; it must return a new "
        "array, so that changing the result cannot change the caller's dates"
    )


def test_next_trading_day_does_not_modify_its_arguments():
    dates = np.array(
        ["2024-03-29", "2024-03-30", "2024-06-19", "2024-06-20"], dtype="datetime64[D]"
    )
    holidays = np.array(NYSE_2024[::-1], dtype="datetime64[D]")
    assert_inputs_unchanged(
        trading_days.next_trading_day,
        dates,
        holidays,
        call="next_trading_day(dates, reversed NYSE holidays)",
    )


@given(st.lists(_DAYS_2023_2025, max_size=20), st.lists(_DAYS_2023_2025, max_size=30))
def test_next_trading_day_matches_a_day_by_day_loop(dates, holidays):
    dates = [d.isoformat() for d in dates]
    holidays = [h.isoformat() for h in holidays]
    got = trading_days.next_trading_day(np.array(dates, dtype="datetime64[D]"), holidays)
    expected = [_next_by_loop(d, holidays) for d in dates]
    _assert_days(got, expected, call=f"next_trading_day({dates}, {holidays})")


# --- gates: next_trading_day --------------------------------------------------------------------


def _random_dates(n, seed=24):
    rng = np.random.default_rng(seed)
    return np.datetime64("2000-01-01") + rng.integers(0, 30 * 365, n).astype("timedelta64[D]")


def _many_holidays():
    # About ten a year for thirty years, like a real exchange calendar.
    return np.unique(_random_dates(300, seed=7))


def test_next_trading_day_has_no_python_loop_over_dates(loop_gate):
    holidays = _many_holidays()
    loop_gate(
        trading_days.next_trading_day, lambda n: (_random_dates(n), holidays.copy()), over="dates"
    )
