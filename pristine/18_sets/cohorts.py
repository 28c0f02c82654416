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
    raise NotImplementedError("cohort_analysis")
