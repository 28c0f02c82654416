"""Correct loop answers to kata 12's gated functions: each must fail the gates."""

import numpy as np


def mean_gpa_by_grade(students):
    totals = {}
    counts = {}
    for student in students:
        grade = int(student["grade"])
        totals[grade] = totals.get(grade, 0.0) + float(student["gpa"])
        counts[grade] = counts.get(grade, 0) + 1
    grades = sorted(totals)
    table = np.empty(len(grades), dtype=[("grade", np.int64), ("mean_gpa", np.float64)])
    for row, grade in enumerate(grades):
        table[row] = (grade, totals[grade] / counts[grade])
    return table
