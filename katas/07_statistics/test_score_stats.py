"""Tests for kata 07: run ``pytest katas/07_statistics``."""

import math
import statistics

import numpy as np
import pytest
import score_stats
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

# The seed's class: np.random.seed(1); np.random.randint(0, 101, (10, 5)). Every test gets
# its own copy (seed_scores()), so an answer that modifies its input cannot spoil other tests.
SEED_ROWS = (
    (37, 12, 72, 9, 75),
    (5, 79, 64, 16, 1),
    (76, 71, 6, 25, 50),
    (20, 18, 84, 11, 28),
    (29, 14, 50, 68, 87),
    (87, 94, 96, 86, 13),
    (9, 7, 63, 61, 22),
    (57, 1, 0, 60, 81),
    (8, 88, 13, 47, 72),
    (30, 71, 3, 70, 21),
)
SUBJECTS = ["Math", "Science", "English", "History", "Art"]
STAT_KEYS = {"mean", "std", "min", "max"}

# Score matrices for the properties: 1 to 12 students, 1 to 5 subjects.
score_matrices = hnp.arrays(
    np.int64,
    st.tuples(st.integers(1, 12), st.integers(1, 5)),
    elements=st.integers(0, 100),
)

# Small integer dtypes: uint8 scores up to 255 and int16 scores from -1000 to 1000, so that a
# square or a column's sum taken in the scores' own dtype wraps around.
small_int_score_matrices = st.sampled_from([np.uint8, np.int16]).flatmap(
    lambda dtype: hnp.arrays(
        dtype,
        st.tuples(st.integers(1, 12), st.integers(1, 5)),
        elements=st.integers(0, 255) if dtype == np.uint8 else st.integers(-1000, 1000),
    )
)


def seed_scores() -> np.ndarray:
    return np.array(SEED_ROWS)


def python_column_stats(scores: np.ndarray) -> dict[str, list[float]]:
    """The expected statistics, column by column, by Python's statistics module."""
    columns = scores.T.tolist()
    return {
        "mean": [statistics.fmean(column) for column in columns],
        "std": [statistics.pstdev(column) for column in columns],
        "min": [min(column) for column in columns],
        "max": [max(column) for column in columns],
    }


def python_correlation(scores: np.ndarray) -> list[list[float]]:
    """The expected correlation matrix of the columns, by Python's statistics module."""
    columns = scores.T.tolist()
    constant = [min(column) == max(column) for column in columns]
    k = len(columns)
    expected = [[math.nan] * k for _ in range(k)]
    for i in range(k):
        for j in range(k):
            if constant[i] or constant[j]:
                continue
            expected[i][j] = 1.0 if i == j else statistics.correlation(columns[i], columns[j])
    return expected


def stats_of(scores: np.ndarray, call: str) -> dict:
    """column_stats(scores), after checking that it is a dict with the four keys."""
    got = score_stats.column_stats(scores)
    if not isinstance(got, dict):
        pytest.fail(
            f"{call} returned a {type(got).__name__}; expected a dict with the keys "
            f"{sorted(STAT_KEYS)}",
            pytrace=False,
        )
    if set(got) != STAT_KEYS:
        pytest.fail(
            f"{call} returned a dict with the keys {sorted(got)}; expected exactly "
            f"{sorted(STAT_KEYS)}",
            pytrace=False,
        )
    return got


def assert_stats(got: dict, expected: dict, call: str) -> None:
    __tracebackhide__ = True
    for key in ("mean", "std", "min", "max"):
        assert_array(got[key], expected[key], call=f"{call}[{key!r}]", rtol=1e-9, atol=1e-9)
    for key in ("mean", "std"):
        assert_dtype_kind(
            got[key], "f", call=f"{call}[{key!r}]", why=f"the {key} of integer scores is a float"
        )


def tall_scores(n: int) -> np.ndarray:
    """n students, 5 subjects: a loop over the 5 subjects is fine, a loop over students is not."""
    return np.random.default_rng(7).integers(0, 101, size=(n, 5))


# --- column_stats -----------------------------------------------------------------------------


def test_column_stats_match_the_seed():
    got = stats_of(seed_scores(), "column_stats(seed scores)")
    expected = python_column_stats(seed_scores())
    assert expected["mean"] == [35.8, 45.5, 45.1, 45.3, 45.0]
    assert expected["min"] == [5, 1, 0, 9, 1]
    assert expected["max"] == [87, 94, 96, 86, 87]
    assert_stats(got, expected, "column_stats(seed scores)")


def test_column_stats_std_is_the_population_std():
    # Scores 1 and 3: mean 2, population std (ddof=0) 1; the sample std (ddof=1) would be 1.41.
    scores = np.array([[1, 10], [3, 20]])
    got = stats_of(scores, "column_stats([[1, 10], [3, 20]])")
    assert_array(got["std"], [1.0, 5.0], call="column_stats([[1, 10], [3, 20]])['std'] (ddof=0)")


def test_column_stats_of_a_subject_everyone_scored_70():
    scores = np.array([[40, 70], [60, 70], [80, 70]])
    call = "column_stats([[40, 70], [60, 70], [80, 70]])"
    expected = {"mean": [60.0, 70.0], "std": [math.sqrt(800 / 3), 0.0], "min": [40, 70]}
    expected["max"] = [80, 70]
    assert_stats(stats_of(scores, call), expected, call)


def test_column_stats_of_one_student():
    scores = np.array([[40.0, 65.5, 90.0]])
    call = "column_stats([[40.0, 65.5, 90.0]])"
    expected = {"mean": [40, 65.5, 90], "std": [0, 0, 0], "min": [40, 65.5, 90]}
    expected["max"] = [40, 65.5, 90]
    assert_stats(stats_of(scores, call), expected, call)


@given(score_matrices)
def test_column_stats_agree_with_python_statistics(scores):
    call = f"column_stats({scores.tolist()})"
    assert_stats(stats_of(scores, call), python_column_stats(scores), call)


@given(small_int_score_matrices)
def test_column_stats_of_small_integer_scores(scores):
    # uint8 200 * 200 wraps around to 64, and twelve uint8 scores add up to more than 255.
    call = (
        f"column_stats(np.array({scores.tolist()}, dtype={scores.dtype})) (squares and sums of "
        f"{scores.dtype} scores do not fit {scores.dtype}: compute in float64)"
    )
    got = assert_inputs_unchanged(score_stats.column_stats, scores, call=call)
    if not isinstance(got, dict) or set(got) != STAT_KEYS:
        got = stats_of(scores, call)  # reports what came back
    assert_stats(got, python_column_stats(scores), call)


def test_column_stats_of_scores_far_from_zero():
    # Points near 10^6 that differ by a few: the mean of the squares minus the squared mean
    # cancels 12 of the 16 digits a float64 holds, so a one-pass std is off by about 10^-4:
    # take x - mean before squaring.
    scores = 1e6 + np.array([[0.0, 3.0], [0.3, 5.5], [1.2, 4.1], [0.7, 9.0], [2.1, 6.6]])
    call = (
        "column_stats(1e6 + [[0, 3], [0.3, 5.5], [1.2, 4.1], [0.7, 9], [2.1, 6.6]]) "
        "(scores far from 0: subtract the mean before squaring)"
    )
    assert_stats(stats_of(scores, call), python_column_stats(scores), call)


@given(score_matrices.map(lambda scores: scores / 4))
def test_column_stats_of_float_scores(scores):
    call = f"column_stats({scores.tolist()})"
    assert_stats(stats_of(scores, call), python_column_stats(scores), call)


def test_column_stats_has_no_loop_over_rows(loop_gate):
    # Only the number of students grows: a loop over the 5 subjects passes this gate.
    loop_gate(score_stats.column_stats, lambda n: (tall_scores(n),), over="rows")


# --- highest_variance_subject -----------------------------------------------------------------


def test_highest_variance_subject_matches_the_seed():
    # Variances (ddof=0): 745.76, 1291.45, 1189.49, 701.21, 906.8.
    got = score_stats.highest_variance_subject(seed_scores(), SUBJECTS)
    assert_value(got, "Science", call="highest_variance_subject(seed scores, SUBJECTS)")
    if not isinstance(got, str):
        pytest.fail(f"the result {got!r} is a {type(got).__name__}, not a str", pytrace=False)


def test_highest_variance_subject_is_about_variance_not_range_or_mean():
    # "wide" spans 0..100 but most of its scores sit at 50: variance 833. "split" spans only
    # 10..90 but every score is far from its mean of 50: variance 1600. Both means are 50.
    scores = np.array([[0, 10], [50, 10], [50, 10], [50, 90], [50, 90], [100, 90]])
    call = "highest_variance_subject(wide 0..100 variance 833, split 10..90 variance 1600)"
    got = score_stats.highest_variance_subject(scores, ["wide", "split"])
    assert_value(got, "split", call=call)


def test_highest_variance_subject_takes_the_first_on_a_tie():
    # Variances 0, 1250, 50, 1250: B and D tie, and B comes first.
    scores = np.array([[50, 0, 40, 100], [50, 100, 60, 0], [50, 50, 50, 50], [50, 50, 50, 50]])
    got = score_stats.highest_variance_subject(scores, ["A", "B", "C", "D"])
    assert_value(got, "B", call="highest_variance_subject(variances 0, 1250, 50, 1250)")


def test_highest_variance_subject_of_one_student_is_the_first():
    scores = np.array([[20, 90, 55]])
    got = score_stats.highest_variance_subject(scores, ["Math", "Art", "Music"])
    call = "highest_variance_subject([[20, 90, 55]], ['Math', 'Art', 'Music']) (all variances 0)"
    assert_value(got, "Math", call=call)


@given(score_matrices.filter(lambda scores: len(scores) >= 2))
def test_highest_variance_subject_has_the_largest_variance(scores):
    variances = [statistics.pvariance(column) for column in scores.T.tolist()]
    largest = max(variances)
    assume(variances.count(largest) == 1)  # ties are tested on exact examples above
    subjects = [f"subject{j}" for j in range(scores.shape[1])]
    got = score_stats.highest_variance_subject(scores, subjects)
    call = f"highest_variance_subject({scores.tolist()}) (variances {variances})"
    assert_value(got, subjects[variances.index(largest)], call=call)


def test_highest_variance_subject_of_uint8_scores():
    # "wide" [0, 200] has variance 10000, "narrow" [100, 110] 25. In uint8, 200 * 200 wraps
    # around to 64, and a one-pass variance of "wide" comes out negative.
    scores = np.array([[0, 100], [200, 110]], dtype=np.uint8)
    call = "highest_variance_subject(uint8 [[0, 100], [200, 110]], ['wide', 'narrow'])"
    got = assert_inputs_unchanged(
        score_stats.highest_variance_subject, scores, ["wide", "narrow"], call=call
    )
    assert_value(got, "wide", call=call)


@given(small_int_score_matrices.filter(lambda scores: len(scores) >= 2))
def test_highest_variance_subject_of_small_integer_scores(scores):
    variances = [statistics.pvariance(column) for column in scores.T.tolist()]
    largest = max(variances)
    assume(variances.count(largest) == 1)
    subjects = [f"subject{j}" for j in range(scores.shape[1])]
    got = score_stats.highest_variance_subject(scores, subjects)
    call = (
        f"highest_variance_subject(np.array({scores.tolist()}, dtype={scores.dtype})) "
        f"(variances {variances})"
    )
    assert_value(got, subjects[variances.index(largest)], call=call)


@pytest.mark.parametrize("subjects", [SUBJECTS[:4], [*SUBJECTS, "Music"]])
def test_highest_variance_subject_needs_one_name_per_column(subjects):
    call = f"highest_variance_subject(10 x 5 scores, {len(subjects)} names)"
    assert_raises_naming(
        ValueError,
        "subjects",
        score_stats.highest_variance_subject,
        seed_scores(),
        subjects,
        call=call,
    )


# --- struggling_students ----------------------------------------------------------------------


def test_struggling_students_match_the_seed():
    # Student means: 41, 33, 45.6, 32.2, 49.6, 75.2, 32.4, 39.8, 45.6, 39.
    got = score_stats.struggling_students(seed_scores())
    call = "struggling_students(seed scores)"
    assert_array(got, [0, 1, 2, 3, 4, 6, 7, 8, 9], call=call, exact=True)
    assert_dtype_kind(got, "iu", call=call, why="the result holds row indices, so integers")


def test_a_mean_equal_to_the_threshold_is_not_struggling():
    scores = np.array([[50, 50, 50], [40, 60, 50], [49, 50, 50], [51, 50, 50], [100, 0, 49]])
    call = "struggling_students(student means 50, 50, 49.67, 50.33, 49.67, threshold 50)"
    assert_array(score_stats.struggling_students(scores, 50), [2, 4], call=call, exact=True)


def test_struggling_students_with_another_threshold():
    # Student 1's mean is exactly 33: not below 33.
    got = score_stats.struggling_students(seed_scores(), 33)
    assert_array(got, [3, 6], call="struggling_students(seed scores, 33)", exact=True)


def test_struggling_students_is_empty_when_nobody_is_below():
    got = score_stats.struggling_students(seed_scores(), 0)
    call = "struggling_students(seed scores, 0)"
    assert_array(got, np.array([], dtype=int), call=call, exact=True)
    assert_dtype_kind(got, "iu", call=call, why="even an empty result holds integer indices")


@given(score_matrices, st.integers(0, 200).map(lambda doubled: doubled / 2))
def test_struggling_students_are_exactly_the_rows_below(scores, threshold):
    # Integer scores: mean < threshold exactly when sum < threshold * k, with no rounding.
    k = scores.shape[1]
    expected = [i for i, row in enumerate(scores.tolist()) if sum(row) < threshold * k]
    got = score_stats.struggling_students(scores, threshold)
    call = f"struggling_students({scores.tolist()}, {threshold})"
    assert_array(got, np.array(expected, dtype=int), call=call, exact=True)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_struggling_students_of_small_integer_scores(dtype):
    # Row sums 300, 70, 510 and 198 do not fit a uint8: means 150, 35, 255 and 99.
    scores = np.array([[200, 100], [30, 40], [255, 255], [99, 99]], dtype=dtype)
    call = f"struggling_students({scores.tolist()} as {np.dtype(dtype).name}, 100)"
    got = assert_inputs_unchanged(score_stats.struggling_students, scores, 100, call=call)
    assert_array(got, [1, 3], call=call, exact=True)


def test_struggling_students_has_no_loop_over_rows(loop_gate):
    loop_gate(score_stats.struggling_students, lambda n: (tall_scores(n),), over="rows")


# --- subject_correlation ----------------------------------------------------------------------


def test_subject_correlation_matches_the_seed():
    got = score_stats.subject_correlation(seed_scores())
    call = "subject_correlation(seed scores: 10 students x 5 subjects)"
    assert_array(got, python_correlation(seed_scores()), call=call, rtol=1e-9, atol=1e-9)


def test_subject_correlation_of_a_square_matrix_is_between_columns():
    # With 5 students and 5 subjects the shape cannot tell rows from columns; the values can.
    scores = seed_scores()[:5]
    call = f"subject_correlation({scores.tolist()})"
    got = score_stats.subject_correlation(scores)
    assert_array(got, python_correlation(scores), call=call, rtol=1e-9, atol=1e-9)


def test_subject_correlation_of_linear_relations():
    # Science = 2 * Math + 10 rises with Math; Art = 100 - Math falls as Math rises.
    math_scores = np.array([20, 35, 50, 65, 80])
    scores = np.column_stack([math_scores, 2 * math_scores + 10, 100 - math_scores])
    expected = [[1.0, 1.0, -1.0], [1.0, 1.0, -1.0], [-1.0, -1.0, 1.0]]
    got = score_stats.subject_correlation(scores)
    call = "subject_correlation(Math, 2 * Math + 10, 100 - Math)"
    assert_array(got, expected, call=call, rtol=1e-9, atol=1e-9)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_subject_correlation_of_a_subject_everyone_scored_70():
    scores = seed_scores()
    scores[:, 4] = 70
    expected = np.full((5, 5), np.nan)
    expected[:4, :4] = python_correlation(seed_scores()[:, :4])
    got = score_stats.subject_correlation(scores)
    call = "subject_correlation(seed scores with every Art score 70)"
    assert_array(got, expected, call=call, rtol=1e-9, atol=1e-9)


def test_subject_correlation_of_one_subject_is_a_1x1_matrix():
    got = score_stats.subject_correlation(np.array([[20], [60], [70]]))
    assert_array(got, [[1.0]], call="subject_correlation([[20], [60], [70]])", rtol=1e-9)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_subject_correlation_of_one_student_is_all_nan():
    got = score_stats.subject_correlation(np.array([[20, 60, 70]]))
    call = "subject_correlation([[20, 60, 70]]) (one student: no subject varies)"
    assert_array(got, np.full((3, 3), np.nan), call=call)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@given(score_matrices)
def test_subject_correlation_agrees_with_python_statistics(scores):
    got = score_stats.subject_correlation(scores)
    call = f"subject_correlation({scores.tolist()})"
    assert_array(got, python_correlation(scores), call=call, rtol=1e-9, atol=1e-9)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@given(small_int_score_matrices)
def test_subject_correlation_of_small_integer_scores(scores):
    got = score_stats.subject_correlation(scores)
    call = f"subject_correlation(np.array({scores.tolist()}, dtype={scores.dtype}))"
    assert_array(got, python_correlation(scores), call=call, rtol=1e-9, atol=1e-9)
    assert_dtype_kind(got, "f", call=call, why="correlations are floats")


# --- every function ---------------------------------------------------------------------------


def args_for(name: str, scores: np.ndarray) -> tuple:
    """The arguments of function ``name``: ``scores``, and one subject name per column."""
    if name == "highest_variance_subject":
        columns = scores.shape[1] if scores.ndim > 1 else len(scores)
        return scores, [f"s{j}" for j in range(columns)]
    return (scores,)


FUNCTIONS = [
    "column_stats",
    "highest_variance_subject",
    "struggling_students",
    "subject_correlation",
]


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("shape", [(5,), (2, 3, 4), (0, 5), (5, 0)])
def test_scores_must_be_a_non_empty_2d_array(name, shape):
    function = getattr(score_stats, name)
    call = f"{name}(scores of shape {shape})"
    assert_raises_naming(
        ValueError, "scores", function, *args_for(name, np.zeros(shape)), call=call
    )


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("kind", ["int", "float"])
def test_the_inputs_are_not_modified(name, kind):
    # Float scores as well: an in-place `-=` or `/=` fails on int scores but works on floats.
    scores = seed_scores() if kind == "int" else seed_scores() / 2
    function = getattr(score_stats, name)
    call = f"{name}(seed scores{'' if kind == 'int' else ' / 2'})"
    assert_inputs_unchanged(function, *args_for(name, scores), call=call)
