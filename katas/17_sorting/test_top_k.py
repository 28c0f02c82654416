"""Tests for kata 17: run ``pytest katas/17_sorting``."""

import numpy as np
import pytest
import top_k
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

TOP_RULE = "highest total first; equal totals keep input order: use a stable sort"
BOTTOM_RULE = "lowest average first; equal averages keep day order: use a stable sort"


def seed_sales():
    """The seed's practice: 50 products x 30 days, Poisson(100), np.random.seed(42)."""
    return np.random.RandomState(42).poisson(100, (50, 30))


def python_top(sales, k):
    """The first k of a stable sort by row total, descending (Python's sort is stable)."""
    totals = [sum(row) for row in sales.tolist()]
    return sorted(range(len(totals)), key=lambda i: -totals[i])[:k]


def python_bottom(sales, k):
    """The first k of a stable sort by column mean, ascending."""
    rows = sales.tolist()
    means = [sum(row[day] for row in rows) / len(rows) for day in range(sales.shape[1])]
    return sorted(range(len(means)), key=lambda day: means[day])[:k]


def ranked(func, sales, k, *, call: str) -> np.ndarray:
    """Call func(sales, k), check it left sales alone and returned k integer indices."""
    __tracebackhide__ = True
    got = assert_inputs_unchanged(func, sales, k, call=call)
    assert isinstance(got, np.ndarray), f"{call} returned {type(got).__name__}; expected an array"
    assert got.shape == (k,), (
        f"{call} returned {got.size} indices (shape {got.shape}); expected exactly k = {k}"
        + (": np.argpartition(totals, -k)[-k:] with k = 0 is every index, as -0 is 0" * (k == 0))
    )
    assert_dtype_kind(got, "iu", call=call, why="indices are integers")
    return got


def assert_ranking(got, expected, *, call: str, rule: str) -> None:
    __tracebackhide__ = True
    assert_array(got, np.array(expected, dtype=int), call=f"{call} ({rule})", exact=True)


def sales_matrices():
    """Small 2-D int16 sales with few distinct values, so that ties are common."""
    shape = st.tuples(st.integers(1, 20), st.integers(1, 8))
    return hnp.arrays(np.int16, shape, elements=st.integers(-3, 6))


# --- top_k_products ---------------------------------------------------------------------------


def test_top_k_products_of_the_seed():
    # Totals 3105, 3098 and 3097, no ties among them.
    call = "top_k_products(seed sales, 3)"
    got = ranked(top_k.top_k_products, seed_sales(), 3, call=call)
    assert_ranking(got, [41, 47, 14], call=call, rule=TOP_RULE)


def test_top_k_products_of_every_product_ranks_them_all():
    sales = seed_sales()
    call = "top_k_products(seed sales, 50)"
    got = ranked(top_k.top_k_products, sales, 50, call=call)
    assert_ranking(got, python_top(sales, 50), call=call, rule=TOP_RULE)


def test_top_k_products_ranks_highest_first():
    sales = np.array([[1, 1], [5, 5], [3, 3], [9, 9]])  # totals 2, 10, 6, 18
    call = "top_k_products(totals [2, 10, 6, 18], 3)"
    got = ranked(top_k.top_k_products, sales, 3, call=call)
    assert_ranking(got, [3, 1, 2], call=call, rule="descending: the highest total first")


def test_top_k_products_of_zero_is_empty():
    ranked(top_k.top_k_products, seed_sales(), 0, call="top_k_products(seed sales, 0)")


@pytest.mark.parametrize(("k", "expected"), [(1, [1]), (2, [1, 2]), (4, [1, 2, 4, 0])])
def test_top_k_products_keeps_equal_totals_in_input_order(k, expected):
    # Totals 5, 9, 9, 1, 9: products 1, 2 and 4 tie. k = 1 and k = 2 cut through the group.
    sales = np.array([[2, 3], [4, 5], [9, 0], [1, 0], [0, 9]])
    call = f"top_k_products(totals [5, 9, 9, 1, 9], {k})"
    got = ranked(top_k.top_k_products, sales, k, call=call)
    assert_ranking(got, expected, call=call, rule=TOP_RULE)


def test_top_k_products_keeps_input_order_among_many_ties():
    # 500 products and three distinct totals; k = 250 cuts through a group of ties, where
    # np.argpartition keeps an arbitrary few in an arbitrary order.
    rng = np.random.default_rng(17)
    sales = rng.choice([10, 20, 30], size=(500, 1)) * np.ones((1, 4), dtype=int)
    call = "top_k_products(500 products with totals 40, 80 and 120, 250)"
    got = ranked(top_k.top_k_products, sales, 250, call=call)
    assert_ranking(got, python_top(sales, 250), call=call, rule=TOP_RULE)


def test_top_k_products_totals_uint8_sales_without_wrapping():
    # Totals 400, 200 and 255: in uint8, 200 + 200 wraps around to 144.
    sales = np.array([[200, 200], [100, 100], [255, 0]], dtype=np.uint8)
    call = "top_k_products(uint8 [[200, 200], [100, 100], [255, 0]], 3)"
    got = ranked(top_k.top_k_products, sales, 3, call=call)
    assert_ranking(got, [0, 2, 1], call=call, rule="totals 400, 200, 255, summed without wrapping")


def test_top_k_products_ranks_a_zero_total_last_with_unsigned_sales():
    # Totals of uint8 sales are unsigned: -total wraps around and -0 is 0, the smallest.
    sales = np.array([[0, 0], [2, 3], [1, 2]], dtype=np.uint8)
    call = "top_k_products(uint8 [[0, 0], [2, 3], [1, 2]], 3)"
    got = ranked(top_k.top_k_products, sales, 3, call=call)
    assert_ranking(got, [1, 2, 0], call=call, rule="totals 0, 5, 3; do not negate unsigned totals")


def test_top_k_products_with_returns_and_fractions():
    # Negative sales are returns; int16 and float sales both work.
    sales = np.array([[-5, 2], [3, -1], [-1, -1], [0, 0]], dtype=np.int16)  # -3, 2, -2, 0
    call = "top_k_products(int16 totals [-3, 2, -2, 0], 4)"
    got = ranked(top_k.top_k_products, sales, 4, call=call)
    assert_ranking(got, [1, 3, 2, 0], call=call, rule=TOP_RULE)
    floats = np.array([[0.5, 0.25], [0.75, 0.0], [0.1, 0.2]])  # 0.75, 0.75, 0.3
    call = "top_k_products(float totals [0.75, 0.75, 0.3], 2)"
    got = ranked(top_k.top_k_products, floats, 2, call=call)
    assert_ranking(got, [0, 1], call=call, rule=TOP_RULE)


def test_top_k_products_is_a_new_array():
    sales = np.arange(12).reshape(6, 2)
    got = top_k.top_k_products(sales, 3)
    assert not np.shares_memory(got, sales), (
        "top_k_products(sales, 3) returned an array sharing memory with sales; the contract "
        "promises a new array"
    )


@given(sales_matrices(), st.data())
def test_top_k_products_is_the_first_k_of_a_stable_sort(sales, data):
    k = data.draw(st.integers(0, len(sales)), label="k")
    call = f"top_k_products({sales.tolist()}, {k})"
    got = ranked(top_k.top_k_products, sales, k, call=call)
    assert_ranking(got, python_top(sales, k), call=call, rule=TOP_RULE)


@pytest.mark.parametrize("k", [-1, 51])
def test_top_k_products_refuses_k_outside_zero_to_the_number_of_products(k):
    call = f"top_k_products(seed sales (50 products), {k})"
    assert_raises_naming(ValueError, "k", top_k.top_k_products, seed_sales(), k, call=call)


@pytest.mark.parametrize(
    "sales",
    [np.array([1, 2, 3]), np.array([[1.0, np.nan], [2.0, 3.0]])],
    ids=["1d", "nan"],
)
def test_top_k_products_refuses_bad_sales(sales):
    call = f"top_k_products({sales.tolist()}, 1)"
    assert_raises_naming(ValueError, "sales", top_k.top_k_products, sales, 1, call=call)


# --- bottom_k_days ----------------------------------------------------------------------------


def test_bottom_k_days_of_the_seed():
    # Averages 97.04, 97.90 and 98.06, no ties among them.
    call = "bottom_k_days(seed sales, 3)"
    got = ranked(top_k.bottom_k_days, seed_sales(), 3, call=call)
    assert_ranking(got, [22, 15, 2], call=call, rule=BOTTOM_RULE)


def test_bottom_k_days_of_every_day_ranks_them_all():
    # k = the number of days: np.argpartition(averages, 30) raises for 30 days.
    sales = seed_sales()
    call = "bottom_k_days(seed sales, 30)"
    got = ranked(top_k.bottom_k_days, sales, 30, call=call)
    assert_ranking(got, python_bottom(sales, 30), call=call, rule=BOTTOM_RULE)


def test_bottom_k_days_ranks_lowest_first():
    sales = np.array([[4, 1, 9, 2], [6, 1, 9, 4]])  # averages 5, 1, 9, 3
    call = "bottom_k_days(averages [5, 1, 9, 3], 3)"
    got = ranked(top_k.bottom_k_days, sales, 3, call=call)
    assert_ranking(got, [1, 3, 0], call=call, rule="ascending: the lowest average first")


def test_bottom_k_days_of_zero_is_empty():
    ranked(top_k.bottom_k_days, seed_sales(), 0, call="bottom_k_days(seed sales, 0)")


@pytest.mark.parametrize(("k", "expected"), [(1, [1]), (2, [1, 3]), (4, [1, 3, 4, 0])])
def test_bottom_k_days_keeps_equal_averages_in_day_order(k, expected):
    # Averages 4, 2, 7, 2, 2: days 1, 3 and 4 tie. k = 1 and k = 2 cut through the group.
    sales = np.array([[3, 1, 7, 2, 0], [5, 3, 7, 2, 4]])
    call = f"bottom_k_days(averages [4, 2, 7, 2, 2], {k})"
    got = ranked(top_k.bottom_k_days, sales, k, call=call)
    assert_ranking(got, expected, call=call, rule=BOTTOM_RULE)


def test_bottom_k_days_keeps_day_order_among_many_ties():
    # 400 days and three distinct averages; k = 200 cuts through a group of ties.
    rng = np.random.default_rng(17)
    sales = np.ones((3, 1), dtype=int) * rng.choice([10, 20, 30], size=(1, 400))
    call = "bottom_k_days(400 days with averages 10, 20 and 30, 200)"
    got = ranked(top_k.bottom_k_days, sales, 200, call=call)
    assert_ranking(got, python_bottom(sales, 200), call=call, rule=BOTTOM_RULE)


def test_bottom_k_days_averages_uint8_sales_without_wrapping():
    # Day sums 400, 300, 255 over 2 products: averages 200, 150, 127.5.
    sales = np.array([[200, 150, 255], [200, 150, 0]], dtype=np.uint8)
    call = "bottom_k_days(uint8 [[200, 150, 255], [200, 150, 0]], 3)"
    got = ranked(top_k.bottom_k_days, sales, 3, call=call)
    assert_ranking(got, [2, 1, 0], call=call, rule="averages 200, 150, 127.5 without wrapping")


@given(sales_matrices(), st.data())
def test_bottom_k_days_is_the_first_k_of_a_stable_sort(sales, data):
    k = data.draw(st.integers(0, sales.shape[1]), label="k")
    call = f"bottom_k_days({sales.tolist()}, {k})"
    got = ranked(top_k.bottom_k_days, sales, k, call=call)
    assert_ranking(got, python_bottom(sales, k), call=call, rule=BOTTOM_RULE)


@pytest.mark.parametrize("k", [-1, 31])
def test_bottom_k_days_refuses_k_outside_zero_to_the_number_of_days(k):
    call = f"bottom_k_days(seed sales (30 days), {k})"
    assert_raises_naming(ValueError, "k", top_k.bottom_k_days, seed_sales(), k, call=call)


@pytest.mark.parametrize(
    "sales",
    [np.array([1, 2, 3]), np.empty((0, 4)), np.array([[1.0, np.nan], [2.0, 3.0]])],
    ids=["1d", "no_products", "nan"],
)
def test_bottom_k_days_refuses_bad_sales(sales):
    call = f"bottom_k_days({sales.tolist()} of shape {sales.shape}, 1)"
    assert_raises_naming(ValueError, "sales", top_k.bottom_k_days, sales, 1, call=call)


# --- gates: a million products ----------------------------------------------------------------


def shop(n_products: int, seed: int = 17) -> np.ndarray:
    """A week of int16 sales for n_products: 14 MB for a million products."""
    return np.random.default_rng(seed).poisson(100, (n_products, 7)).astype(np.int16)


def test_top_k_products_is_fast_on_a_million_products(timed_gate):
    # np.sum, np.partition and a sort of the k chosen take about 18 ms on the reference
    # machine; totalling each product in a Python loop takes many times the budget.
    sales = shop(1_000_000)
    timed_gate(
        top_k.top_k_products,
        (sales, 100),
        warmup=(shop(200, seed=1), 10),
        budget_ms=375,
        workload="sort",
    )


@pytest.mark.parametrize("name", ["top_k_products", "bottom_k_days"])
def test_no_python_loop_over_the_products(loop_gate, name):
    loop_gate(getattr(top_k, name), lambda n: (shop(n), 3), over="products")
