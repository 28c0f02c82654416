"""Correct loop answers to kata 17's gated functions: each must fail the gates."""

import numpy as np


def _checked(sales) -> np.ndarray:
    sales = np.asarray(sales)
    if sales.ndim != 2:
        raise ValueError(f"sales must be 2-D (products x days), got shape {sales.shape}")
    if sales.dtype.kind == "f" and np.isnan(sales).any():
        raise ValueError("sales holds a NaN")
    return sales


def top_k_products(sales: np.ndarray, k: int) -> np.ndarray:
    sales = _checked(sales)
    if not 0 <= k <= len(sales):
        raise ValueError(f"k must be from 0 to {len(sales)}, got {k}")
    totals = []
    for row in sales:
        total = 0
        for value in row:
            total += value.item()
        totals.append(total)
    # Python's sort is stable: equal totals keep index order.
    ranking = sorted(range(len(totals)), key=lambda i: -totals[i])
    return np.array(ranking[:k], dtype=np.intp)


def bottom_k_days(sales: np.ndarray, k: int) -> np.ndarray:
    sales = _checked(sales)
    if len(sales) == 0:
        raise ValueError("sales has no products")
    n_days = sales.shape[1]
    if not 0 <= k <= n_days:
        raise ValueError(f"k must be from 0 to {n_days}, got {k}")
    daily = np.zeros(n_days)
    for row in sales:
        daily += row
    averages = (daily / len(sales)).tolist()
    ranking = sorted(range(n_days), key=lambda day: averages[day])
    return np.array(ranking[:k], dtype=np.intp)
