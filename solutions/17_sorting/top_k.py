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
    sales = _checked(sales)
    _check_k(k, len(sales), "products")
    # sum widens small integer dtypes to 64 bits: uint8 totals do not wrap around.
    return _first_k(sales.sum(axis=1), k, descending=True)


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
    sales = _checked(sales)
    if len(sales) == 0:
        raise ValueError("sales has no products: no day has an average")
    _check_k(k, sales.shape[1], "days")
    return _first_k(sales.mean(axis=0), k, descending=False)


def _first_k(values: np.ndarray, k: int, *, descending: bool) -> np.ndarray:
    """The first k indices of a stable sort of ``values``, in O(n) plus a sort of k."""
    n = len(values)
    if k == 0:
        return np.empty(0, dtype=np.intp)
    # The k-th value in sorted order splits the values: all strictly better ones are in, and
    # of those equal to it only the first few, in index order. argpartition alone would pick
    # an arbitrary few of them.
    if descending:
        kth = np.partition(values, n - k)[n - k]
        better = np.flatnonzero(values > kth)
    else:
        kth = np.partition(values, k - 1)[k - 1]
        better = np.flatnonzero(values < kth)
    tied = np.flatnonzero(values == kth)[: k - len(better)]
    chosen = np.sort(np.concatenate([better, tied]))
    if not descending:
        return chosen[np.argsort(values[chosen], kind="stable")]
    # Descending without negating (-0 is 0 for unsigned totals): put the candidates in
    # reverse index order, sort ascending stably, and reverse the result. Equal values end
    # up in index order.
    chosen = chosen[::-1]
    return chosen[np.argsort(values[chosen], kind="stable")[::-1]]


def _check_k(k: int, count: int, what: str) -> None:
    if not 0 <= k <= count:
        raise ValueError(f"k must be from 0 to {count} (the number of {what}), got {k}")


def _checked(sales) -> np.ndarray:
    sales = np.asarray(sales)
    if sales.ndim != 2:
        raise ValueError(f"sales must be 2-D (products x days), got shape {sales.shape}")
    if sales.dtype.kind == "f" and np.isnan(sales).any():
        raise ValueError("sales holds a NaN: every sale must be a number")
    return sales
