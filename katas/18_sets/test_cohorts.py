"""Tests for kata 18: run ``pytest katas/18_sets``."""

import cohorts
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import assert_inputs_unchanged, assert_raises_naming

KEYS = ["week", "total", "new", "returning", "churned"]


def _reference(weeks):
    """The analysis with Python sets, week by week in the order given."""
    rows, seen, previous = [], set(), set()
    for week, ids in weeks.items():
        users = {int(i) for i in ids}
        rows.append(
            {
                "week": week,
                "total": len(users),
                "new": len(users - seen),
                "returning": len(users & seen),
                "churned": len(previous - users),
            }
        )
        seen |= users
        previous = users
    return rows


def _row(week, total, new, returning, churned):
    return dict(zip(KEYS, (week, total, new, returning, churned), strict=True))


def _assert_rows(got, expected, *, call, rule):
    """The list of per-week dicts, compared week by week, naming the first wrong count."""
    __tracebackhide__ = True
    assert isinstance(got, list), f"{call} returned {type(got).__name__}; expected a list"
    got_weeks = [row.get("week") if isinstance(row, dict) else row for row in got]
    expected_weeks = [row["week"] for row in expected]
    assert got_weeks == expected_weeks, (
        f"{call} returned the weeks {got_weeks}; expected {expected_weeks}, one dict per week "
        "in the order of the cohorts dict (never sorted by label: 'W10' sorts before 'W2')"
    )
    for row, want in zip(got, expected, strict=True):
        assert sorted(row) == sorted(KEYS), (
            f"{call}: the dict for week {want['week']!r} has the keys {sorted(row)}; "
            f"expected {KEYS}"
        )
        for key in KEYS[1:]:
            value = row[key]
            assert type(value) is int, (
                f"{call}: week {want['week']!r} has {key} = {value!r} "
                f"({type(value).__name__}); expected a Python int (int(...) converts)"
            )
            assert value == want[key], (
                f"{call}: week {want['week']!r} has {key} = {value}; expected {want[key]}.\n"
                f"got:      {row}\nexpected: {want}\n{rule}"
            )


def _check(weeks, expected, *, call, rule):
    __tracebackhide__ = True
    got = cohorts.cohort_analysis(weeks)
    _assert_rows(got, expected, call=call, rule=rule)


def _arrays(**weeks):
    return {week: np.array(ids, dtype=np.int64) for week, ids in weeks.items()}


def test_cohort_analysis_of_the_seed_weeks():
    rng = np.random.RandomState(42)  # the seed's np.random.seed(42), then np.random.randint
    weeks = {
        "W1": rng.randint(0, 100, 50),
        "W2": rng.randint(20, 120, 60),
        "W3": rng.randint(40, 140, 55),
        "W4": rng.randint(60, 160, 70),
    }
    _check(
        weeks,
        _reference(weeks),
        call="cohort_analysis(the seed's four weeks)",
        rule="Count distinct users: np.random.randint draws the same id more than once.",
    )


def test_cohort_analysis_by_hand():
    weeks = _arrays(W1=[1, 2, 3], W2=[2, 3, 4, 5], W3=[1, 5, 6])
    expected = [
        _row("W1", 3, 3, 0, 0),
        _row("W2", 4, 2, 2, 1),  # 4, 5 new; 2, 3 back; 1 gone
        _row("W3", 3, 1, 2, 3),  # 6 new; 1 (from W1) and 5 back; 2, 3, 4 gone
    ]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1=[1, 2, 3], W2=[2, 3, 4, 5], W3=[1, 5, 6])",
        rule="new: never seen before; returning: seen in any earlier week; churned: in the "
        "previous week but not this one.",
    )


def test_cohort_analysis_keeps_the_weeks_in_the_order_given():
    # Eleven weeks: sorted() on the labels gives W1, W10, W11, W2, ..., W9.
    weeks = {f"W{w}": np.arange(w, w + 3) for w in range(1, 12)}
    expected = [_row("W1", 3, 3, 0, 0)] + [_row(f"W{w}", 3, 1, 2, 1) for w in range(2, 12)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1..W11, week w = [w, w + 1, w + 2])",
        rule="The weeks come in the order of the dict: sorted() would put 'W10' before 'W2'.",
    )


def test_cohort_analysis_does_not_sort_month_labels():
    weeks = _arrays(Mar=[1, 2], Apr=[2, 3], May=[3])
    expected = [_row("Mar", 2, 2, 0, 0), _row("Apr", 2, 1, 1, 1), _row("May", 1, 0, 1, 1)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(Mar=[1, 2], Apr=[2, 3], May=[3])",
        rule="The weeks come in the order of the dict, not alphabetically ('Apr' < 'Mar').",
    )


def test_cohort_analysis_counts_a_repeated_id_once():
    weeks = _arrays(W1=[7, 7, 7, 8], W2=[8, 8, 9, 9, 9])
    expected = [_row("W1", 2, 2, 0, 0), _row("W2", 2, 1, 1, 1)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1=[7, 7, 7, 8], W2=[8, 8, 9, 9, 9])",
        rule="A user who appears several times in a week counts once (np.unique).",
    )


def test_cohort_analysis_churn_is_against_the_previous_week_only():
    weeks = _arrays(W1=[1, 2], W2=[3], W3=[1, 3])
    expected = [_row("W1", 2, 2, 0, 0), _row("W2", 1, 1, 0, 2), _row("W3", 2, 0, 2, 0)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1=[1, 2], W2=[3], W3=[1, 3])",
        rule="churned counts the previous week's users missing now (W3 keeps W2's only user, "
        "3); returning counts users of any earlier week (1 was there in W1).",
    )


def test_cohort_analysis_with_an_empty_week():
    weeks = _arrays(W1=[1, 2], W2=[], W3=[2, 4])
    expected = [_row("W1", 2, 2, 0, 0), _row("W2", 0, 0, 0, 2), _row("W3", 2, 1, 1, 0)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1=[1, 2], W2=[], W3=[2, 4])",
        rule="An empty week loses every user of the week before; the week after it has nobody "
        "to lose, and users from before the gap still count as returning.",
    )


def test_cohort_analysis_of_a_single_week_has_only_new_users():
    _check(
        _arrays(W1=[5, 3, 5]),
        [_row("W1", 2, 2, 0, 0)],
        call="cohort_analysis(W1=[5, 3, 5])",
        rule="In the first week every user is new; nobody returns or churns.",
    )


def test_cohort_analysis_of_no_weeks_is_empty():
    got = cohorts.cohort_analysis({})
    assert got == [], f"cohort_analysis({{}}) returned {got!r}; expected []"


def test_cohort_analysis_of_small_integer_ids():
    weeks = {
        "W1": np.array([255, 0, 255, 1], dtype=np.uint8),
        "W2": np.array([-1, 255, 32767, -32768], dtype=np.int16),
        "W3": np.array([0, 255, 1], dtype=np.uint8),
    }
    expected = [_row("W1", 3, 3, 0, 0), _row("W2", 4, 3, 1, 2), _row("W3", 3, 0, 3, 3)]
    _check(
        weeks,
        expected,
        call="cohort_analysis(W1=[255, 0, 255, 1] uint8, W2=[-1, 255, 32767, -32768] int16, "
        "W3=[0, 255, 1] uint8)",
        rule="Ids are compared as integers whatever their dtype: uint8 255 and int16 255 are "
        "the same user, int16 -1 is not uint8 255.",
    )


@given(
    st.lists(
        st.lists(st.integers(0, 30), max_size=25).map(np.array),
        max_size=8,
    )
)
def test_cohort_analysis_matches_a_python_set_reference(week_ids):
    weeks = {f"W{w + 1}": ids.astype(np.int64) for w, ids in enumerate(week_ids)}
    got = cohorts.cohort_analysis(weeks)
    shown = {week: ids.tolist() for week, ids in weeks.items()}
    _assert_rows(
        got,
        _reference(weeks),
        call=f"cohort_analysis({shown})",
        rule="Compared with Python sets, week by week.",
    )
    for row, ids in zip(got, weeks.values(), strict=True):
        assert row["new"] + row["returning"] == row["total"] == len(set(ids.tolist())), (
            f"cohort_analysis({shown}): week {row['week']!r} has new + returning = "
            f"{row['new']} + {row['returning']}, total {row['total']}; both must be the "
            f"{len(set(ids.tolist()))} distinct users of that week"
        )


def test_cohort_analysis_does_not_modify_the_cohorts():
    weeks = {
        "W1": np.array([3, 1, 3, 2], dtype=np.int16),
        "W2": np.array([5, 2, 4], dtype=np.uint8),
    }
    assert_inputs_unchanged(
        cohorts.cohort_analysis, weeks, call="cohort_analysis(W1=[3, 1, 3, 2], W2=[5, 2, 4])"
    )


@pytest.mark.parametrize(
    ("ids", "what"),
    [
        (np.array([1.0, 2.5]), "float ids"),
        (np.array([[1, 2], [3, 4]]), "a 2-D array"),
        (np.array([True, False]), "bool ids"),
    ],
    ids=["float", "2d", "bool"],
)
def test_cohort_analysis_refuses_ids_that_are_not_1d_integers(ids, what):
    weeks = {"W1": np.array([1, 2]), "W2": ids}
    call = f"cohort_analysis(W1=[1, 2], W2={what})"
    assert_raises_naming(ValueError, "cohorts", cohorts.cohort_analysis, weeks, call=call)


def _weeks(n):
    """Four weeks of n ids each, drawn with repeats from overlapping ranges of 2n users."""
    rng = np.random.default_rng(5)
    return ({f"W{w + 1}": rng.integers(w * n // 2, w * n // 2 + 2 * n, size=n) for w in range(4)},)


def test_cohort_analysis_has_no_python_loop_over_ids(loop_gate):
    # No timed gate: Python's own sets are about as fast as NumPy's set routines on integer
    # ids (np.unique of integers is hash-based, and slow, in NumPy 2.4), so a timer cannot
    # tell them apart. The loop detector counts the ids fed one by one into set() or a loop.
    loop_gate(cohorts.cohort_analysis, _weeks, over="ids per week")
