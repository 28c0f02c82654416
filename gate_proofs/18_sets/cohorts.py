"""Correct loop answers to kata 18's gated functions: each must fail the gates."""

import numpy as np


def cohort_analysis(cohorts: dict[str, np.ndarray]) -> list[dict]:
    results = []
    seen = set()
    previous = set()
    for week, ids in cohorts.items():
        ids = np.asarray(ids)
        if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
            raise ValueError(
                f"cohorts[{week!r}] must be a 1-D array of integer user ids, "
                f"got shape {ids.shape} and dtype {ids.dtype}"
            )
        users = set(ids.tolist())
        returning = len(users & seen)
        results.append(
            {
                "week": week,
                "total": len(users),
                "new": len(users) - returning,
                "returning": returning,
                "churned": len(previous - users),
            }
        )
        seen |= users
        previous = users
    return results
