"""Tests for kata 12: run ``pytest katas/12_structured``."""

import math

import numpy as np
import pytest
import student_records
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

# The seed's practice: six students in the seed's own dtype.
SEED_DTYPE = np.dtype([("name", "U20"), ("grade", "i4"), ("gpa", "f8")])
SEED_ROWS = [
    ("Alice", 11, 3.9),
    ("Bob", 12, 3.4),
    ("Carol", 11, 3.7),
    ("Dave", 12, 3.1),
    ("Eve", 10, 3.8),
    ("Frank", 10, 3.5),
]
STUDENT_FIELDS = ("name", "grade", "gpa")
TABLE_FIELDS = ("grade", "mean_gpa")


def students_of(rows) -> np.ndarray:
    """A students array built here, so that these tests do not lean on make_students."""
    return np.array(rows, dtype=SEED_DTYPE)


def shown(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"[:300]


def assert_structured(got, fields, *, call: str) -> None:
    __tracebackhide__ = True
    if not isinstance(got, np.ndarray) or got.dtype.names is None:
        pytest.fail(
            f"{call} returned {shown(got)}; expected a structured array of whole records with "
            f"the fields {fields}",
            pytrace=False,
        )
    assert got.dtype.names == fields, (
        f"{call} returned a structured array with the fields {got.dtype.names}; expected the "
        f"fields {fields}, in that order"
    )
    assert got.ndim == 1, f"{call} returned shape {got.shape}; expected a 1-D array of records"


def assert_records(got, expected_rows, *, dtype: np.dtype, call: str) -> None:
    """``got`` holds exactly ``expected_rows`` (tuples), in order, with the students' dtype."""
    __tracebackhide__ = True
    assert_structured(got, dtype.names, call=call)
    assert got.dtype == dtype, (
        f"{call} returned records of dtype {got.dtype}; expected the students' own dtype "
        f"{dtype}: select records from the array rather than building new ones"
    )
    rows = got.tolist()
    if rows != expected_rows:
        pairs = zip(rows, expected_rows, strict=False)
        first = next((i for i, (a, b) in enumerate(pairs) if a != b), None)
        where = (
            f"{len(rows)} records instead of {len(expected_rows)}"
            if first is None
            else f"first difference at position {first}: got {rows[first]}, "
            f"expected {expected_rows[first]}"
        )
        # The right gpas in the right order, yet other records: equal gpas were reordered.
        same_gpas = [row[-1] for row in rows] == [row[-1] for row in expected_rows]
        rule = (
            "; the gpas are right, so equal gpas came out in the wrong order: equal gpas keep "
            "their input order (use a stable sort, kind='stable', of the negated gpas)"
            if same_gpas and dtype.names == STUDENT_FIELDS
            else ""
        )
        pytest.fail(
            f"{call} returned the wrong records ({where}){rule}.\nexpected:\n{expected_rows}\n"
            f"got:\n{rows}",
            pytrace=False,
        )


def python_top(rows, k):
    """The k best rows by gpa, the slow and obvious way: Python's sort is stable."""
    return sorted(rows, key=lambda row: -row[2])[:k]


def python_means(rows):
    """Grades ascending and the mean gpa of each, grouped with a plain dict."""
    groups = {}
    for _, grade, gpa in rows:
        groups.setdefault(grade, []).append(gpa)
    grades = sorted(groups)
    return grades, [math.fsum(groups[g]) / len(groups[g]) for g in grades]


@st.composite
def student_rows(draw, max_size=40):
    """Rows (name, grade, gpa) with unique names; gpas often tie, grades often repeat."""
    n = draw(st.integers(0, max_size))
    grades = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    gpa = st.one_of(st.sampled_from([2.0, 3.0, 3.5, 4.0]), st.floats(0, 4))
    gpas = draw(st.lists(gpa, min_size=n, max_size=n))
    return [
        (f"s{i}", grade, value) for i, (grade, value) in enumerate(zip(grades, gpas, strict=True))
    ]


# --- make_students ----------------------------------------------------------------------------


def test_make_students_holds_the_seeds_six_students():
    names, grades, gpas = (list(column) for column in zip(*SEED_ROWS, strict=True))
    call = "make_students(the seed's names, grades, gpas)"
    got = student_records.make_students(names, grades, gpas)
    assert_structured(got, STUDENT_FIELDS, call=call)
    assert_dtype_kind(got["name"], "U", call=f"{call}['name']", why="names are str ('U')")
    assert_dtype_kind(got["grade"], "iu", call=f"{call}['grade']", why="grades are whole numbers")
    assert got["gpa"].dtype == np.float64, (
        f"{call}['gpa'] has dtype {got['gpa'].dtype}; expected float64, which keeps every gpa "
        "as given (float32 turns 3.9 into 3.9000000953674316)"
    )
    assert got.tolist() == SEED_ROWS, (
        f"{call} holds the records\n{got.tolist()}\nexpected\n{SEED_ROWS}"
    )


def test_make_students_keeps_long_names_whole():
    names = ["Bo", "Maximilian Alexander Fitzgerald", "Anne-Sophie de la Tour d'Auvergne"]
    got = student_records.make_students(names, [9, 10, 11], [3.0, 3.5, 4.0])
    call = f"make_students({names}, [9, 10, 11], [3.0, 3.5, 4.0])"
    assert_structured(got, STUDENT_FIELDS, call=call)
    assert got["name"].tolist() == names, (
        f"{call} stored the names {got['name'].tolist()}; expected {names}: a fixed width "
        "such as 'U20' cuts longer names short, so make the field as wide as the longest name"
    )


def test_make_students_of_no_students_is_empty():
    call = "make_students([], [], [])"
    got = student_records.make_students([], [], [])
    assert_structured(got, STUDENT_FIELDS, call=call)
    assert len(got) == 0, f"{call} returned {len(got)} records; expected none"


def test_make_students_leaves_its_inputs_alone():
    names = np.array(["Eve", "Bob"])
    grades = np.array([10, 12])
    gpas = np.array([3.8, 3.4])
    call = "make_students(['Eve', 'Bob'], [10, 12], [3.8, 3.4])"
    got = assert_inputs_unchanged(student_records.make_students, names, grades, gpas, call=call)
    expected = [("Eve", 10, 3.8), ("Bob", 12, 3.4)]
    assert got.tolist() == expected, f"{call} holds {got.tolist()}; expected {expected}"


@given(student_rows())
def test_make_students_stores_every_record_in_input_order(rows):
    names = [row[0] for row in rows]
    grades = [row[1] for row in rows]
    gpas = [row[2] for row in rows]
    call = f"make_students({names}, {grades}, {gpas})"
    got = student_records.make_students(names, grades, gpas)
    assert_structured(got, STUDENT_FIELDS, call=call)
    assert got.tolist() == rows, f"{call} holds\n{got.tolist()}\nexpected\n{rows}"


@pytest.mark.parametrize(
    ("grades", "gpas", "bad"),
    [([10, 11], [3.0, 3.5, 4.0], "grades"), ([10, 11, 12], [3.0, 3.5], "gpas")],
    ids=["short-grades", "short-gpas"],
)
def test_make_students_refuses_columns_of_different_lengths(grades, gpas, bad):
    names = ["Ann", "Ben", "Cai"]
    call = f"make_students({names}, {grades}, {gpas})"
    assert_raises_naming(
        ValueError, bad, student_records.make_students, names, grades, gpas, call=call
    )


def test_make_students_refuses_a_nan_gpa():
    call = "make_students(['Ann', 'Ben'], [10, 11], [3.0, nan])"
    assert_raises_naming(
        ValueError,
        "gpas",
        student_records.make_students,
        ["Ann", "Ben"],
        [10, 11],
        [3.0, math.nan],
        call=call,
    )


# --- top_by_gpa -------------------------------------------------------------------------------


def test_top_by_gpa_finds_the_seeds_top_three():
    students = students_of(SEED_ROWS)
    call = "top_by_gpa(seed students, 3)"
    got = assert_inputs_unchanged(student_records.top_by_gpa, students, 3, call=call)
    expected = [("Alice", 11, 3.9), ("Eve", 10, 3.8), ("Carol", 11, 3.7)]  # 3.9 > 3.8 > 3.7
    assert_records(got, expected, dtype=SEED_DTYPE, call=call)


def test_top_by_gpa_of_everyone_sorts_them_highest_first():
    students = students_of(SEED_ROWS)
    call = "top_by_gpa(seed students, 6)"
    got = assert_inputs_unchanged(student_records.top_by_gpa, students, 6, call=call)
    expected = [
        ("Alice", 11, 3.9),
        ("Eve", 10, 3.8),
        ("Carol", 11, 3.7),
        ("Frank", 10, 3.5),
        ("Bob", 12, 3.4),
        ("Dave", 12, 3.1),
    ]
    assert_records(got, expected, dtype=SEED_DTYPE, call=call)


def test_top_by_gpa_of_nobody_is_empty_with_the_same_fields():
    got = student_records.top_by_gpa(students_of(SEED_ROWS), 0)
    assert_records(got, [], dtype=SEED_DTYPE, call="top_by_gpa(seed students, 0)")


@pytest.mark.parametrize(
    ("k", "expected_names"),
    [(3, ["Mia", "Zoe", "Adam"]), (5, ["Mia", "Zoe", "Adam", "Bob", "Lee"])],
)
def test_top_by_gpa_keeps_equal_gpas_in_input_order(k, expected_names):
    # Zoe, Adam and Bob share 3.5, in that input order (not in name order). k = 3 cuts the
    # group: Zoe and Adam come first in the input, so they are the ones kept.
    rows = [("Zoe", 11, 3.5), ("Adam", 12, 3.5), ("Mia", 10, 3.9), ("Bob", 11, 3.5)]
    rows.append(("Lee", 9, 3.2))
    call = f"top_by_gpa({rows}, {k})"
    got = student_records.top_by_gpa(students_of(rows), k)
    by_name = {row[0]: row for row in rows}
    assert_records(got, [by_name[name] for name in expected_names], dtype=SEED_DTYPE, call=call)


def test_top_by_gpa_keeps_input_order_among_many_ties():
    # 200 students and three distinct gpas: 87 have 4.0, 53 have 3.5 and 60 have 3.0, so
    # k = 100 cuts through the 3.5 group. An unstable sort mixes up each group's order here.
    # The names are shuffled, so that name order is not input order either.
    rng = np.random.default_rng(12)
    gpas = rng.choice([3.0, 3.5, 4.0], size=200).tolist()
    numbers = rng.permutation(200).tolist()
    rows = [(f"s{numbers[i]:03d}", 9 + i % 4, gpa) for i, gpa in enumerate(gpas)]
    call = "top_by_gpa(200 students with gpas 3.0, 3.5 and 4.0, 100)"
    got = student_records.top_by_gpa(students_of(rows), 100)
    assert_records(got, python_top(rows, 100), dtype=SEED_DTYPE, call=call)


def test_top_by_gpa_returns_a_new_array_even_when_the_students_are_in_order():
    # Already highest first and k = len(students): the answer equals the input, but it must
    # still be a new array, or writing into it would change the caller's records.
    rows = [("Ann", 10, 3.9), ("Ben", 11, 3.5), ("Cai", 12, 3.1)]
    students = students_of(rows)
    call = f"top_by_gpa({rows}, 3)"
    got = assert_inputs_unchanged(student_records.top_by_gpa, students, 3, call=call)
    assert_records(got, rows, dtype=SEED_DTYPE, call=call)
    if np.shares_memory(got, students):
        pytest.fail(
            f"{call} returned students itself (or a view of it): the contract promises a new "
            "array that shares no memory with students",
            pytrace=False,
        )


def test_top_by_gpa_leaves_the_students_unsorted():
    students = students_of(SEED_ROWS)
    before = students.copy()
    student_records.top_by_gpa(students, 2)
    assert students.tolist() == before.tolist(), (
        "top_by_gpa(seed students, 2) sorted or changed the caller's students in place; "
        f"before:\n{before.tolist()}\nafter:\n{students.tolist()}\n"
        "use np.argsort (or np.sort, which returns a copy), not students.sort()"
    )


@given(student_rows(), st.data())
def test_top_by_gpa_returns_the_k_highest_gpas_highest_first(rows, data):
    k = data.draw(st.integers(0, len(rows)), label="k")
    students = students_of(rows)
    call = f"top_by_gpa({rows}, {k})"
    got = assert_inputs_unchanged(student_records.top_by_gpa, students, k, call=call)
    assert_structured(got, STUDENT_FIELDS, call=call)
    top_gpas = got["gpa"].tolist()
    assert len(top_gpas) == k, f"{call} returned {len(top_gpas)} records; expected k = {k}"
    assert top_gpas == sorted(top_gpas, reverse=True), (
        f"{call} returned the gpas {top_gpas}: not highest first"
    )
    largest = sorted((row[2] for row in rows), reverse=True)[:k]
    assert top_gpas == largest, f"{call} returned the gpas {top_gpas}; the {k} largest: {largest}"
    assert_records(got, python_top(rows, k), dtype=SEED_DTYPE, call=call)


@pytest.mark.parametrize("k", [-1, 7])
def test_top_by_gpa_refuses_k_outside_zero_to_the_number_of_students(k):
    call = f"top_by_gpa(seed students (6 of them), {k})"
    students = students_of(SEED_ROWS)
    assert_raises_naming(ValueError, "k", student_records.top_by_gpa, students, k, call=call)


# --- mean_gpa_by_grade ------------------------------------------------------------------------


def assert_table(got, grades, means, *, call: str) -> None:
    __tracebackhide__ = True
    assert_structured(got, TABLE_FIELDS, call=call)
    assert_dtype_kind(got["grade"], "iu", call=f"{call}['grade']", why="grades are whole numbers")
    assert_dtype_kind(got["mean_gpa"], "f", call=f"{call}['mean_gpa']", why="a mean is a float")
    if got["mean_gpa"].dtype != np.float64:
        pytest.fail(
            f"{call}['mean_gpa'] has dtype {got['mean_gpa'].dtype}; the contract asks for "
            "float64, like the students' gpa (float32 keeps only about 7 digits of each mean)",
            pytrace=False,
        )
    assert_array(got["grade"], grades, call=f"{call}['grade']", exact=True)
    assert_array(got["mean_gpa"], means, call=f"{call}['mean_gpa']", rtol=1e-9)


def test_mean_gpa_by_grade_of_the_seed():
    # By hand: grade 10 has Eve 3.8 and Frank 3.5, grade 11 Alice 3.9 and Carol 3.7, grade 12
    # Bob 3.4 and Dave 3.1.
    students = students_of(SEED_ROWS)
    call = "mean_gpa_by_grade(seed students)"
    got = assert_inputs_unchanged(student_records.mean_gpa_by_grade, students, call=call)
    assert_table(got, [10, 11, 12], [7.3 / 2, 7.6 / 2, 6.5 / 2], call=call)


def test_mean_gpa_by_grade_lists_only_grades_with_students_in_ascending_order():
    # First seen order is 12, 0, 7; grades 1 to 6 and 8 to 11 have nobody.
    rows = [("Ann", 12, 3.0), ("Ben", 0, 2.0), ("Cai", 12, 4.0), ("Dee", 7, 3.3)]
    call = f"mean_gpa_by_grade({rows})"
    got = student_records.mean_gpa_by_grade(students_of(rows))
    assert_table(got, [0, 7, 12], [2.0, 3.3, 3.5], call=call)


def test_mean_gpa_by_grade_of_one_grade_is_one_record():
    rows = [("Ann", 9, 2.5), ("Ben", 9, 3.0), ("Cai", 9, 4.0)]
    got = student_records.mean_gpa_by_grade(students_of(rows))
    assert_table(got, [9], [9.5 / 3], call=f"mean_gpa_by_grade({rows})")


def test_mean_gpa_by_grade_of_no_students_is_an_empty_table():
    got = student_records.mean_gpa_by_grade(students_of([]))
    call = "mean_gpa_by_grade(no students)"
    assert_structured(got, TABLE_FIELDS, call=call)
    assert len(got) == 0, f"{call} returned {len(got)} records; expected none"


@given(student_rows())
def test_mean_gpa_by_grade_matches_a_plain_python_grouping(rows):
    students = students_of(rows)
    call = f"mean_gpa_by_grade({rows})"
    got = assert_inputs_unchanged(student_records.mean_gpa_by_grade, students, call=call)
    grades, means = python_means(rows)
    assert_table(got, np.array(grades, dtype=int), means, call=call)


def school_of(grades: np.ndarray, gpas: np.ndarray) -> np.ndarray:
    """Many students with short names, to keep a million records near 28 MB."""
    students = np.zeros(len(grades), dtype=[("name", "U4"), ("grade", "i4"), ("gpa", "f8")])
    students["name"] = "anon"
    students["grade"] = grades
    students["gpa"] = gpas
    return students


def test_mean_gpa_by_grade_has_no_python_loop_over_the_students(loop_gate):
    # Only the number of students grows: the four grades 9 to 12 are there at every size, so
    # a loop over the few grades is fine and a loop over the students is not.
    rng = np.random.default_rng(1)
    loop_gate(
        student_records.mean_gpa_by_grade,
        lambda n: (school_of(9 + np.arange(n) % 4, rng.uniform(0, 4, n)),),
        over="students",
    )
