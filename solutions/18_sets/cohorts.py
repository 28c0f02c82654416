"""Kata 18: Cohort Analysis. New, returning and churned users per week with set routines."""

import numpy as np


def cohort_analysis(cohorts: dict[str, np.ndarray]) -> list[dict]:
    """Per week: how many users it had, how many were new or returning, how many churned.

    ``cohorts`` maps week labels to 1-D arrays of user ids (any integer dtype, values that fit
    in int64). The weeks are taken in the dict's order, the order the caller listed them,
    never sorted by label: sorting strings puts "W10" before "W2". A user id may appear several
    times in a week; it counts once. A week may be empty. For each week, in order, the result
    holds one dict ``{"week": label, "total": t, "new": n, "returning": r, "churned": c}``:

    - ``total``: the distinct users of this week, so ``new + returning == total``;
    - ``new``: this week's users seen in no earlier week;
    - ``returning``: this week's users seen in at least one earlier week (any of them);
    - ``churned``: users of the previous week (the one just before; an empty week counts) who
      are absent this week. The first week has every user new, 0 returning and 0 churned.

    Counts are Python ints. An empty ``cohorts`` gives ``[]``.
    Raises ValueError naming ``cohorts`` (and the week) if a week's ids are not a 1-D array
    of integers. ``cohorts`` and its arrays are not modified.
    """
    results = []
    seen = np.empty(0, dtype=np.int64)  # every user of the earlier weeks, distinct
    previous = np.empty(0, dtype=np.int64)  # the users of the week before, distinct
    # One pass per week (a handful of them); each is whole-array work over that week's ids.
    for week, ids in cohorts.items():
        ids = np.asarray(ids)
        if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
            raise ValueError(
                f"cohorts[{week!r}] must be a 1-D array of integer user ids, "
                f"got shape {ids.shape} and dtype {ids.dtype}"
            )
        users = np.unique(ids.astype(np.int64))  # one dtype for all weeks; duplicates go
        is_returning = np.isin(users, seen)
        returning = int(np.count_nonzero(is_returning))
        churned = len(previous) - int(np.count_nonzero(np.isin(previous, users)))
        results.append(
            {
                "week": week,
                "total": len(users),
                "new": len(users) - returning,
                "returning": returning,
                "churned": churned,
            }
        )
        seen = np.concatenate([seen, users[~is_returning]])  # still distinct
        previous = users
    return results
