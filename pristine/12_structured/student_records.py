"""Kata 12: Student Records Sorter. Keep mixed-type records in one structured array."""

from collections.abc import Sequence

import numpy as np


def make_students(
    names: Sequence[str], grades: Sequence[int], gpas: Sequence[float]
) -> np.ndarray:
    """One record per student, in input order: a 1-D structured array with three fields.

    The fields are, in this order: ``name``, a Unicode string (dtype kind ``"U"``) wide enough
    to hold every name whole (a fixed ``"U20"`` cuts longer names short); ``grade``, any
    integer dtype (the school year, 0 for kindergarten to 12); ``gpa``, float64, which keeps
    every gpa exactly as given. Record i is ``(names[i], grades[i], gpas[i])``.

    ``names``, ``grades`` and ``gpas`` are 1-D sequences (lists or arrays) of equal length;
    they are not modified. No students (three empty sequences) give an empty array with the
    same three fields.
    Raises ValueError naming ``grades`` or ``gpas`` if its length differs from that of
    ``names``, and ValueError naming ``gpas`` if a gpa is NaN.
    """
    raise NotImplementedError("make_students")


def top_by_gpa(students: np.ndarray, k: int) -> np.ndarray:
    """The k students with the highest gpa, highest first, as whole records.

    Tie rule: students with equal gpas keep their input order (the one that comes first in
    ``students`` comes first in the result), also where k cuts through a group of equal gpas:
    the earlier students of the group are the ones kept.

    ``students``: a 1-D structured array as make_students returns it (fields ``name``,
    ``grade`` and ``gpa``, no NaN gpa); it is not modified (no sorting in place).
    Returns a new structured array of length k with ``students.dtype`` (the same fields, in
    the same order) that shares no memory with ``students``; k = 0 gives an empty one.
    Raises ValueError naming ``k`` if k < 0 or k > len(students): a k beyond the number of
    students is an error, not cut down to it.
    """
    raise NotImplementedError("top_by_gpa")


def mean_gpa_by_grade(students: np.ndarray) -> np.ndarray:
    """The mean gpa of each grade, as a table: a structured array, one record per grade.

    The fields are, in this order: ``grade`` (an integer dtype) and ``mean_gpa`` (float64,
    like the students' gpa: float32 would keep only about 7 digits of each mean). There is
    one record for every distinct grade in ``students``, sorted by grade ascending; a grade
    with no students does not appear. ``mean_gpa`` is the mean of the
    gpas of that grade's students.

    ``students``: a 1-D structured array as make_students returns it (fields ``name``,
    ``grade`` and ``gpa``, no NaN gpa); it is not modified. No students give an empty table
    with the same two fields.
    """
    raise NotImplementedError("mean_gpa_by_grade")
