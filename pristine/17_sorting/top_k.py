"""Kata 17: Top-K Selector. Rank with argpartition and a stable sort, and keep ties in order."""

import numpy as np


def top_k_products(sales: np.ndarray, k: int) -> np.ndarray:
    """The row indices of the k products with the highest total sales, highest total first.

    ``sales``: a 2-D array, one row per product and one column per day, any real dtype
    (uint8 and int16 too; totals are summed without overflow), no NaN; it is not modified.
    A product's total is the sum of its row.
    Tie rule: products with equal totals come in index order, lower index first, also where
    k cuts through a group of equal totals: the lower indices are the ones kept. So the
    result is the first k of a stable sort of the totals, descending.
    Returns a new 1-D integer array of length k; k = 0 gives an empty one.
    Raises ValueError naming ``k`` if k < 0 or k > the number of products, and naming
    ``sales`` if it is not 2-D or holds a NaN.
    """
    raise NotImplementedError("top_k_products")


def bottom_k_days(sales: np.ndarray, k: int) -> np.ndarray:
    """The column indices of the k days with the lowest average sales, lowest first.

    A day's average is the mean of its column over all products. ``sales`` as for
    top_k_products; it is not modified.
    Tie rule: days with equal averages come in index order, earlier day first, also where
    k cuts through a group of equal averages: the earlier days are the ones kept.
    Returns a new 1-D integer array of length k; k = 0 gives an empty one, k = the number of
    days ranks them all.
    Raises ValueError naming ``k`` if k < 0 or k > the number of days, and naming ``sales``
    if it is not 2-D, has no products (no day has an average) or holds a NaN.
    """
    raise NotImplementedError("bottom_k_days")
