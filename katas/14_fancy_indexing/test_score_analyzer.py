"""Tests for kata 14: run ``pytest katas/14_fancy_indexing``."""

import numpy as np
import pytest
import score_analyzer
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

SUBJECTS = ["Math", "Science", "English", "History", "Art"]


def seed_scores():
    """The seed's practice: 30 students x 5 subjects, np.random.seed(42), scores 40..99."""
    return np.random.RandomState(42).randint(40, 100, (30, 5))


# The seed's first three students, checked by hand. Student 2 scores 50 in both Science and
# English: the first of the two is the worst.
SEED_FIRST_ROWS = [[78, 91, 68, 54, 82], [47, 60, 78, 97, 58], [62, 50, 50, 63, 92]]


def python_best_and_worst(rows):
    """The first column holding each row's max and min, by a plain loop."""
    best = [row.index(max(row)) for row in rows]
    worst = [row.index(min(row)) for row in rows]
    return best, worst


def python_top_k(rows, k):
    """Python's sort is stable: equal totals keep index order."""
    totals = [sum(row) for row in rows]
    return sorted(range(len(rows)), key=lambda i: -totals[i])[:k]


def python_letter(score):
    if score >= 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"


def score_matrices(elements=None):
    """2-D int16 score matrices with many repeated values, so ties are common."""
    elements = elements or st.integers(0, 100)
    shape = st.tuples(st.integers(0, 25), st.integers(1, 6))
    return hnp.arrays(np.int16, shape, elements=elements)


def assert_integer_indices(got, expected, *, call: str, rule: str) -> None:
    __tracebackhide__ = True
    assert_array(got, expected, call=f"{call} ({rule})", exact=True)
    assert_dtype_kind(got, "iu", call=call, why="indices are integers")


# --- best_and_worst_subject -------------------------------------------------------------------


def best_and_worst_of(scores, *, call: str):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(score_analyzer.best_and_worst_subject, scores, call=call)
    assert isinstance(got, tuple), f"{call} returned {type(got).__name__}; expected a tuple"
    assert len(got) == 2, f"{call} returned {len(got)} items; expected two: (best, worst)"
    return got


def test_best_and_worst_subject_of_the_seeds_first_students():
    scores = np.array(SEED_FIRST_ROWS)
    call = "best_and_worst_subject(the seed's first 3 students)"
    best, worst = best_and_worst_of(scores, call=call)
    rule = "one column index per student; the first column wins a tie"
    assert_integer_indices(best, [1, 3, 4], call=f"{call}[0]", rule=rule)
    assert_integer_indices(worst, [3, 0, 1], call=f"{call}[1]", rule=rule)


def test_best_and_worst_subject_of_the_whole_seed_class():
    scores = seed_scores()
    best, worst = best_and_worst_of(scores, call="best_and_worst_subject(seed scores)")
    expected_best, expected_worst = python_best_and_worst(scores.tolist())
    rule = "the column of each row's highest / lowest score, first on a tie"
    assert_integer_indices(best, expected_best, call="best (seed scores)", rule=rule)
    assert_integer_indices(worst, expected_worst, call="worst (seed scores)", rule=rule)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.float64])
def test_best_and_worst_subject_takes_the_first_of_equal_scores(dtype):
    scores = np.array([[5, 9, 9, 1, 1], [7, 7, 7, 7, 7], [0, 3, 0, 3, 2]], dtype=dtype)
    call = f"best_and_worst_subject({scores.tolist()} as {np.dtype(dtype).name})"
    best, worst = best_and_worst_of(scores, call=call)
    rule = "on a tie the first of the equal columns wins (np.argmax and np.argmin do this)"
    assert_integer_indices(best, [1, 0, 1], call=f"{call}[0]", rule=rule)
    assert_integer_indices(worst, [3, 0, 0], call=f"{call}[1]", rule=rule)


def test_best_and_worst_subject_of_no_students_is_empty():
    best, worst = best_and_worst_of(np.empty((0, 5)), call="best_and_worst_subject(0 x 5)")
    rule = "no students, no entries"
    assert_integer_indices(best, np.empty(0, int), call="best of 0 students", rule=rule)
    assert_integer_indices(worst, np.empty(0, int), call="worst of 0 students", rule=rule)


@given(score_matrices())
def test_best_and_worst_subject_matches_a_plain_loop(scores):
    call = f"best_and_worst_subject({scores.tolist()})"
    best, worst = best_and_worst_of(scores, call=call)
    expected_best, expected_worst = python_best_and_worst(scores.tolist())
    rule = "first column of each row's max / min"
    assert_integer_indices(best, np.array(expected_best, int), call=f"{call}[0]", rule=rule)
    assert_integer_indices(worst, np.array(expected_worst, int), call=f"{call}[1]", rule=rule)


@pytest.mark.parametrize(
    "scores",
    [np.array([70, 80, 90]), np.empty((3, 0)), np.array([[1.0, np.nan], [2.0, 3.0]])],
    ids=["1d", "no_subjects", "nan"],
)
def test_best_and_worst_subject_refuses_bad_scores(scores):
    call = f"best_and_worst_subject({scores.tolist()})"
    assert_raises_naming(
        ValueError, "scores", score_analyzer.best_and_worst_subject, scores, call=call
    )


# --- top_k_students ---------------------------------------------------------------------------


def top_k_of(scores, k, *, call: str):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(score_analyzer.top_k_students, scores, k, call=call)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}; expected an array"
    assert got.shape == (k,), (
        f"{call} returned {got.size} students (shape {got.shape}); expected exactly k = {k}"
        + (": np.argpartition(totals, -0)[-0:] is every student, as -0 is 0" if k == 0 else "")
    )
    return got


def test_top_k_students_of_the_seed_class_best_first():
    # Totals 430, 406, 403, 400 and 389, no ties among them.
    call = "top_k_students(seed scores, 5)"
    got = top_k_of(seed_scores(), 5, call=call)
    rule = "highest total first: sort the k students that np.argpartition finds"
    assert_integer_indices(got, [23, 9, 28, 7, 20], call=call, rule=rule)


@pytest.mark.parametrize(("k", "expected"), [(2, [1, 2]), (3, [1, 2, 4]), (4, [1, 2, 4, 0])])
def test_top_k_students_keeps_equal_totals_in_index_order(k, expected):
    # Totals 10, 20, 20, 5, 20: students 1, 2 and 4 tie. k = 2 cuts through the group, and
    # the lower indices 1 and 2 are the ones kept.
    scores = np.array([[4, 6], [10, 10], [15, 5], [5, 0], [0, 20]])
    call = f"top_k_students(totals [10, 20, 20, 5, 20], {k})"
    got = top_k_of(scores, k, call=call)
    rule = "equal totals in index order, lower index first, also where k cuts the group"
    assert_integer_indices(got, expected, call=call, rule=rule)


def test_top_k_students_keeps_index_order_among_many_ties():
    # 300 students and only three distinct totals: k = 150 cuts through a group of ties.
    # np.argpartition picks an arbitrary few of a tied group, in an arbitrary order.
    rng = np.random.default_rng(14)
    scores = rng.choice([50, 70, 90], size=(300, 1)) * np.array([[1, 1, 1]])
    call = "top_k_students(300 students with totals 150, 210 and 270, 150)"
    got = top_k_of(scores, 150, call=call)
    rule = "equal totals in index order: the lowest indices of the cut group are kept"
    assert_integer_indices(got, python_top_k(scores.tolist(), 150), call=call, rule=rule)


def test_top_k_students_of_zero_is_empty():
    got = top_k_of(seed_scores(), 0, call="top_k_students(seed scores, 0)")
    assert_dtype_kind(got, "iu", call="top_k_students(seed scores, 0)", why="indices are ints")


def test_top_k_students_of_everyone_ranks_the_whole_class():
    scores = seed_scores()
    call = "top_k_students(seed scores, 30)"
    got = top_k_of(scores, 30, call=call)
    assert_integer_indices(
        got, python_top_k(scores.tolist(), 30), call=call, rule="all 30, highest total first"
    )


@pytest.mark.parametrize("k", [-1, 31])
def test_top_k_students_refuses_k_outside_zero_to_the_class_size(k):
    call = f"top_k_students(seed scores (30 students), {k})"
    assert_raises_naming(
        ValueError, "k", score_analyzer.top_k_students, seed_scores(), k, call=call
    )


def test_top_k_students_totals_uint8_scores_without_wrapping():
    # Totals 400, 200 and 255: in uint8, 200 + 200 wraps around to 144.
    scores = np.array([[200, 200], [100, 100], [255, 0]], dtype=np.uint8)
    call = "top_k_students(uint8 [[200, 200], [100, 100], [255, 0]], 3)"
    got = top_k_of(scores, 3, call=call)
    rule = "totals 400, 255, 200: sum without wrapping around (np.sum widens uint8 for you)"
    assert_integer_indices(got, [0, 2, 1], call=call, rule=rule)


def test_top_k_students_ranks_a_zero_total_last_with_unsigned_scores():
    # The totals of uint8 scores are unsigned: -total wraps around, and -0 is 0, the smallest,
    # so sorting -totals ascending puts a total of 0 first.
    scores = np.array([[0, 0], [2, 3], [1, 2]], dtype=np.uint8)
    call = "top_k_students(uint8 [[0, 0], [2, 3], [1, 2]], 3)"
    got = top_k_of(scores, 3, call=call)
    rule = "totals 5, 3, 0: highest first; do not negate unsigned totals"
    assert_integer_indices(got, [1, 2, 0], call=call, rule=rule)


def test_top_k_students_is_a_new_array():
    scores = np.arange(12).reshape(6, 2)
    got = score_analyzer.top_k_students(scores, 3)
    assert not np.shares_memory(got, scores), (
        "top_k_students(scores, 3) returned an array sharing memory with scores; the contract "
        "promises a new array"
    )


@given(score_matrices(), st.data())
def test_top_k_students_is_the_first_k_of_a_stable_sort(scores, data):
    k = data.draw(st.integers(0, len(scores)), label="k")
    call = f"top_k_students({scores.tolist()}, {k})"
    got = top_k_of(scores, k, call=call)
    rule = "the first k of a stable sort by total, descending"
    expected = np.array(python_top_k(scores.tolist(), k), dtype=int)
    assert_integer_indices(got, expected, call=call, rule=rule)


# --- letter_grades ----------------------------------------------------------------------------


def assert_letters(got, expected, *, call: str) -> None:
    __tracebackhide__ = True
    expected = np.array(expected)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}; expected an array"
    assert_dtype_kind(got, "U", call=call, why="letter grades are strings like 'A'")
    assert_array(
        got,
        expected,
        call=f"{call} (A from 90, B from 80, C from 70, D from 60, else F; a bound belongs "
        "to the higher grade)",
        exact=True,
    )


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int64])
def test_letter_grades_on_and_just_below_every_integer_bound(dtype):
    scores = np.array([100, 90, 89, 80, 79, 70, 69, 60, 59, 0], dtype=dtype)
    call = f"letter_grades({scores.tolist()} as {np.dtype(dtype).name})"
    got = assert_inputs_unchanged(score_analyzer.letter_grades, scores, call=call)
    assert_letters(got, list("AABBCCDDFF"), call=call)


def test_letter_grades_on_and_just_below_every_fractional_bound():
    scores = np.array([90.0, 89.99, 80.0, 79.99, 70.0, 69.99, 60.0, 59.99, -5.0, 120.0])
    call = f"letter_grades({scores.tolist()})"
    assert_letters(score_analyzer.letter_grades(scores), list("ABBCCDDFFA"), call=call)


def test_letter_grades_of_the_seeds_first_students_keep_the_shape():
    scores = np.array(SEED_FIRST_ROWS, dtype=np.int16)
    call = "letter_grades(the seed's first 3 students)"
    got = assert_inputs_unchanged(score_analyzer.letter_grades, scores, call=call)
    expected = [list("CADFB"), list("FDCAF"), list("DFFDA")]
    assert_letters(got, expected, call=call)


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=2), elements=st.floats(0, 100)))
def test_letter_grades_match_an_if_elif_chain(scores):
    call = f"letter_grades({scores.tolist()})"
    expected = np.array([python_letter(s) for s in scores.ravel()]).reshape(scores.shape)
    assert_letters(score_analyzer.letter_grades(scores), expected, call=call)


@pytest.mark.parametrize("scores", [np.array([95.0, np.nan]), np.array(85)], ids=["nan", "0d"])
def test_letter_grades_refuse_a_nan_or_a_0_d_array(scores):
    call = f"letter_grades({scores.tolist()})"
    assert_raises_naming(ValueError, "scores", score_analyzer.letter_grades, scores, call=call)


# --- pass_mask --------------------------------------------------------------------------------


def assert_mask(got, expected, *, call: str, rule: str) -> None:
    __tracebackhide__ = True
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}; expected an array"
    assert_dtype_kind(got, "b", call=call, why="a mask is a bool array")
    assert_array(got, expected, call=f"{call} ({rule})", exact=True)


COUNT_RULE = "a student passes with at least 3 subjects scoring 70 or more"


def test_pass_mask_counts_subjects_and_does_not_average():
    scores = np.array(
        [
            [70, 70, 70, 0, 0],  # exactly 3 at exactly 70, average 42: passes
            [100, 100, 69, 69, 69],  # average 81.4, but only 2 at 70 or more: fails
            [69, 69, 100, 100, 100],  # 3: passes
            [70, 70, 69, 69, 69],  # 2: fails
        ],
        dtype=np.int16,
    )
    call = f"pass_mask({scores.tolist()})"
    got = assert_inputs_unchanged(score_analyzer.pass_mask, scores, call=call)
    assert_mask(got, [True, False, True, False], call=call, rule=COUNT_RULE)


def test_pass_mask_just_below_the_bound_does_not_count():
    scores = np.array([[70.0, 69.99, 69.99, 100.0, 0.0], [70.0, 70.0, 70.0, 0.0, 0.0]])
    call = f"pass_mask({scores.tolist()})"
    assert_mask(score_analyzer.pass_mask(scores), [False, True], call=call, rule=COUNT_RULE)


def test_pass_mask_of_the_seed_class():
    scores = seed_scores()
    expected = [sum(s >= 70 for s in row) >= 3 for row in scores.tolist()]
    call = "pass_mask(seed scores)"
    got = assert_inputs_unchanged(score_analyzer.pass_mask, scores, call=call)
    assert_mask(got, expected, call=call, rule=COUNT_RULE)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_pass_mask_with_a_fractional_bound_on_integer_scores(dtype):
    # 69.5: a 70 counts, a 69 does not. Cast to the scores' dtype, 69.5 would become 69.
    scores = np.array([[70, 70, 70, 69, 69], [69, 69, 69, 70, 70]], dtype=dtype)
    call = f"pass_mask({scores.tolist()} as {np.dtype(dtype).name}, min_score=69.5)"
    got = assert_inputs_unchanged(score_analyzer.pass_mask, scores, 69.5, 3, call=call)
    assert_mask(got, [True, False], call=call, rule="a score counts if it is >= 69.5")


@pytest.mark.parametrize(
    ("min_subjects", "expected"),
    [(0, [True, True, True]), (1, [True, True, False]), (3, [True, False, False])],
)
def test_pass_mask_min_subjects_from_none_to_all(min_subjects, expected):
    scores = np.array([[80, 90, 75], [80, 10, 20], [10, 20, 30]], dtype=np.uint8)
    call = f"pass_mask({scores.tolist()}, 70, {min_subjects})"
    got = score_analyzer.pass_mask(scores, 70, min_subjects)
    rule = f"at least {min_subjects} subjects at 70 or more"
    assert_mask(got, expected, call=call, rule=rule)


@given(score_matrices(), st.integers(0, 100), st.data())
def test_pass_mask_matches_a_plain_count(scores, min_score, data):
    min_subjects = data.draw(st.integers(0, scores.shape[1]), label="min_subjects")
    call = f"pass_mask({scores.tolist()}, {min_score}, {min_subjects})"
    expected = [sum(s >= min_score for s in row) >= min_subjects for row in scores.tolist()]
    got = score_analyzer.pass_mask(scores, min_score, min_subjects)
    rule = f"at least {min_subjects} scores >= {min_score}"
    assert_mask(got, np.array(expected, dtype=bool), call=call, rule=rule)


@pytest.mark.parametrize(
    ("scores", "min_subjects", "bad"),
    [
        (np.full((2, 5), 80), 6, "min_subjects"),
        (np.full((2, 5), 80), -1, "min_subjects"),
        (np.array([80, 90, 70]), 3, "scores"),
        (np.array([[80.0, np.nan, 90.0]]), 1, "scores"),
    ],
    ids=["more_than_the_subjects", "negative", "1d_scores", "nan"],
)
def test_pass_mask_refuses_bad_input(scores, min_subjects, bad):
    call = f"pass_mask({scores.tolist()}, 70, {min_subjects})"
    assert_raises_naming(
        ValueError, bad, score_analyzer.pass_mask, scores, 70, min_subjects, call=call
    )


# --- gates: a million students ----------------------------------------------------------------


def school(n_students: int, seed: int = 14) -> np.ndarray:
    """n_students x 5 int16 scores from 40 to 100: 10 MB for a million students."""
    rng = np.random.default_rng(seed)
    return rng.integers(40, 101, (n_students, 5)).astype(np.int16)


MILLION = 1_000_000


def test_top_k_students_is_fast_on_a_million_students(timed_gate):
    # np.sum, np.partition and a sort of the k chosen take about 17 ms on the reference
    # machine; a loop that totals each student in Python many times the budget.
    scores = school(MILLION)
    timed_gate(
        score_analyzer.top_k_students,
        (scores, 100),
        warmup=(school(200, seed=1), 10),
        budget_ms=325,
        workload="sort",
    )


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("best_and_worst_subject", ()),
        ("top_k_students", (10,)),
        ("letter_grades", ()),
        ("pass_mask", ()),
    ],
)
def test_no_python_loop_over_the_students(loop_gate, name, extra):
    loop_gate(getattr(score_analyzer, name), lambda n: (school(n), *extra), over="students")
