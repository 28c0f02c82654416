"""Tests for kata 10: run ``pytest katas/10_random``."""

import itertools
from collections import Counter
from fractions import Fraction

import dice
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)

# Every (first die, second die) outcome exactly once: the 36 equally likely outcomes.
ALL_36_OUTCOMES = tuple(itertools.product(range(1, 7), repeat=2))

# The exact probabilities of the sums 2..12, counted over the 36 outcomes.
WAYS = Counter(first + second for first, second in ALL_36_OUTCOMES)
EXACT = [Fraction(WAYS[total], 36) for total in range(2, 13)]

# The README's example: sums 2, 12, 7, 7.
EXAMPLE_ROLLS = ((1, 1), (6, 6), (3, 4), (2, 5))

# Frequencies and probabilities are compared within this relative tolerance: far tighter than
# any counting mistake, loose enough for an answer that returns float32.
FLOAT_RTOL = 1e-6

# 1 to 40 rolls of two dice, as int64; properties compare with plain Python counting.
roll_arrays = hnp.arrays(
    np.int64, st.tuples(st.integers(1, 40), st.just(2)), elements=st.integers(1, 6)
)


def example_rolls() -> np.ndarray:
    return np.array(EXAMPLE_ROLLS)


def python_frequencies(rolls: np.ndarray) -> list[float]:
    """The expected frequency of each sum 2..12, counted roll by roll in Python."""
    counts = Counter(first + second for first, second in rolls.tolist())
    return [counts[total] / len(rolls) for total in range(2, 13)]


def global_random_state() -> tuple:
    """NumPy's global (legacy) random state, in a form that compares with ==."""
    # The legacy call on purpose: this is the state a stray np.random.randint would change.
    name, keys, position, has_gauss, cached_gauss = np.random.get_state()  # noqa: NPY002
    return name, keys.tolist(), position, has_gauss, cached_gauss


def rolls_from_seed(seed: int, n: int) -> np.ndarray:
    """roll_two_dice(np.random.default_rng(seed), n), checked to be an (n, 2) array."""
    rolls = dice.roll_two_dice(np.random.default_rng(seed), n)
    call = f"roll_two_dice(np.random.default_rng({seed}), {n})"
    assert isinstance(rolls, np.ndarray), f"{call} returned a {type(rolls).__name__}, not an array"
    assert rolls.shape == (n, 2), f"{call} returned shape {rolls.shape}; expected {(n, 2)}"
    return rolls


def random_rolls(n: int, seed: int = 0) -> np.ndarray:
    """n rolls made by the test itself (int64, as rng.integers gives by default)."""
    return np.random.default_rng(seed).integers(1, 7, size=(n, 2))


def is_within(got: float, expected: float, standard_errors: float, n: int) -> bool:
    """Whether an estimated probability from n rolls is within so many standard errors."""
    standard_error = np.sqrt(expected * (1 - expected) / n)
    return abs(got - expected) <= standard_errors * standard_error


# --- roll_two_dice ----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 10, 1000])
def test_roll_two_dice_gives_n_rows_of_two_dice(n):
    call = f"roll_two_dice(np.random.default_rng(42), {n})"
    rolls = dice.roll_two_dice(np.random.default_rng(42), n)
    assert isinstance(rolls, np.ndarray), f"{call} returned a {type(rolls).__name__}, not an array"
    assert rolls.shape == (n, 2), (
        f"{call} returned shape {rolls.shape}; expected {(n, 2)}: one row per roll, one column "
        "per die"
    )
    assert_dtype_kind(
        rolls,
        "i",
        call=call,
        why="dice values are whole numbers, and unsigned ones wrap around when two dice are "
        "subtracted: use a signed integer dtype (np.int8 is enough)",
    )
    assert rolls.min() >= 1, f"{call} rolled a {rolls.min()}; a die shows 1 to 6"
    assert rolls.max() <= 6, f"{call} rolled a {rolls.max()}; a die shows 1 to 6"


def test_roll_two_dice_of_zero_rolls_is_empty():
    rolls = dice.roll_two_dice(np.random.default_rng(42), 0)
    call = "roll_two_dice(np.random.default_rng(42), 0)"
    assert isinstance(rolls, np.ndarray), f"{call} returned a {type(rolls).__name__}, not an array"
    assert rolls.shape == (0, 2), f"{call} returned shape {rolls.shape}; expected (0, 2)"


def test_roll_two_dice_shows_every_face_on_both_dice():
    rolls = rolls_from_seed(2024, 6000)
    for die, values in enumerate(rolls.T.tolist(), start=1):
        missing = sorted(set(range(1, 7)) - set(values))
        assert not missing, (
            f"roll_two_dice(rng, 6000): die {die} never showed {missing} in 6000 rolls. "
            "Note that rng.integers(low, high) draws from low up to high - 1."
        )


def test_roll_two_dice_makes_all_36_outcomes_equally_likely():
    # 36000 rolls: each outcome is expected 1000 times with a standard error of 31, so a fair
    # pair of independent dice stays within 6 standard errors (187) for practically any seed.
    # Dice that are not independent (both columns the same draw) or not fair fail by far more.
    n = 36_000
    rolls = rolls_from_seed(2024, n)
    outside = rolls[(rolls < 1) | (rolls > 6)]
    assert outside.size == 0, f"roll_two_dice(rng, {n}) rolled {outside[0]}; a die shows 1 to 6"
    rolls = rolls.astype(np.int64)
    counts = np.zeros((6, 6), dtype=np.int64)
    np.add.at(counts, (rolls[:, 0] - 1, rolls[:, 1] - 1), 1)
    expected = n / 36
    tolerance = 6 * np.sqrt(n * (1 / 36) * (35 / 36))
    first, second = np.unravel_index(np.argmax(np.abs(counts - expected)), counts.shape)
    assert abs(counts[first, second] - expected) <= tolerance, (
        f"roll_two_dice(rng, {n}): the outcome (first die {first + 1}, second die {second + 1}) "
        f"came up {counts[first, second]} times; two fair, independent dice make each of the 36 "
        f"outcomes about {expected:.0f} times (within {tolerance:.0f}). Counts, rows for the "
        f"first die 1..6, columns for the second:\n{counts}"
    )


def test_roll_two_dice_gives_the_same_rolls_for_the_same_seed():
    first = rolls_from_seed(7, 500)
    again = rolls_from_seed(7, 500)
    assert np.array_equal(first, again), (
        "roll_two_dice(np.random.default_rng(7), 500) gave different rolls on two calls, each "
        "with a new Generator seeded 7: draw every die from the rng argument, not from "
        "np.random or an unseeded np.random.default_rng()"
    )


def test_roll_two_dice_depends_on_the_seed():
    one = rolls_from_seed(1, 500)
    two = rolls_from_seed(2, 500)
    assert not np.array_equal(one, two), (
        "roll_two_dice gave the same 500 rolls for Generators seeded 1 and 2: draw from the rng "
        "argument, not from a Generator or seed of your own"
    )


def test_roll_two_dice_continues_the_generators_stream():
    rng = np.random.default_rng(3)
    first = dice.roll_two_dice(rng, 500)
    second = dice.roll_two_dice(rng, 500)
    assert not np.array_equal(first, second), (
        "two calls of roll_two_dice(rng, 500) with the same rng gave the same rolls: draw from "
        "rng itself (each draw moves it on), not from a copy or a new Generator made from it"
    )


def test_roll_two_dice_leaves_numpys_global_random_state_alone():
    before = global_random_state()
    dice.roll_two_dice(np.random.default_rng(0), 100)
    assert global_random_state() == before, (
        "roll_two_dice(np.random.default_rng(0), 100) changed NumPy's global random state: "
        "np.random.randint, np.random.seed and friends are not the rng you were given. "
        "Draw with rng.integers."
    )


@given(st.integers(0, 2**32 - 1), st.integers(0, 30))
def test_roll_two_dice_is_reproducible_for_any_seed(seed, n):
    call = f"roll_two_dice(np.random.default_rng({seed}), {n})"
    rolls = rolls_from_seed(seed, n)
    assert np.all((rolls >= 1) & (rolls <= 6)), f"{call} rolled {rolls.tolist()}: not all 1..6"
    again = dice.roll_two_dice(np.random.default_rng(seed), n)
    assert np.array_equal(rolls, again), f"{call} gave different rolls for the same seed"


@pytest.mark.parametrize("n", [-1, -100])
def test_roll_two_dice_refuses_a_negative_number_of_rolls(n):
    call = f"roll_two_dice(np.random.default_rng(0), {n})"
    rng = np.random.default_rng(0)
    assert_raises_naming(ValueError, "n", dice.roll_two_dice, rng, n, call=call)


def test_roll_two_dice_is_fast_for_a_million_rolls(timed_gate):
    # One rng.integers call draws 10^6 rolls in about 3.5 ms on the reference machine; a call
    # to rng.integers per roll takes many times the budget.
    rng = np.random.default_rng(0)
    warmup = (np.random.default_rng(1), 10)
    timed_gate(dice.roll_two_dice, (rng, 1_000_000), warmup=warmup, budget_ms=170)


def test_roll_two_dice_has_no_loop_over_rolls(loop_gate):
    loop_gate(dice.roll_two_dice, lambda n: (np.random.default_rng(0), n), over="rolls")


# --- sum_frequencies --------------------------------------------------------------------------


def test_sum_frequencies_of_the_readme_example():
    # Sums 2, 12, 7, 7: a quarter each for 2 and 12 (entries 0 and 10), half for 7 (entry 5).
    expected = [0.25, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.25]
    got = dice.sum_frequencies(example_rolls())
    call = "sum_frequencies([[1, 1], [6, 6], [3, 4], [2, 5]])"
    assert_array(got, expected, call=call)
    assert_dtype_kind(got, "f", call=call, why="frequencies are fractions: use floats")


def test_sum_frequencies_has_an_entry_for_sums_that_never_came_up():
    # Only the sum 3 (entry 1): the sums 2 and 4..12 still get an entry, 0.0.
    expected = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    got = dice.sum_frequencies(np.array([[1, 2], [2, 1]]))
    call = "sum_frequencies([[1, 2], [2, 1]]) (every sum is 3, entry 1)"
    assert_array(got, expected, call=call)


def test_sum_frequencies_puts_double_six_in_the_last_entry():
    expected = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    got = dice.sum_frequencies(np.array([[6, 6], [6, 6], [6, 6]]))
    assert_array(got, expected, call="sum_frequencies([[6, 6]] * 3) (every sum is 12, entry 10)")


def test_sum_frequencies_of_each_outcome_once_is_the_exact_table():
    got = dice.sum_frequencies(np.array(ALL_36_OUTCOMES))
    call = "sum_frequencies(each of the 36 outcomes once)"
    assert_array(got, [float(p) for p in EXACT], call=call, rtol=FLOAT_RTOL)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64])
def test_sum_frequencies_takes_any_signed_integer_dtype(dtype):
    rolls = example_rolls().astype(dtype)
    expected = [0.25, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.25]
    call = f"sum_frequencies(README example rolls as {np.dtype(dtype).name})"
    assert_array(dice.sum_frequencies(rolls), expected, call=call)


@given(roll_arrays)
def test_sum_frequencies_agree_with_counting_in_python(rolls):
    call = f"sum_frequencies({rolls.tolist()})"
    expected = python_frequencies(rolls)
    got = dice.sum_frequencies(rolls)
    assert_array(got, expected, call=call, rtol=FLOAT_RTOL)
    assert_value(float(np.sum(got)), 1.0, call=f"the sum of {call}", rtol=FLOAT_RTOL)


def test_sum_frequencies_is_fast_on_a_million_rolls(timed_gate):
    # 10^6 rolls (int64): np.bincount of the sums takes about 3.1 ms on the reference machine
    # (adding the two columns is faster than rolls.sum(axis=1)). A loop over the rows
    # (`for first, second in rolls`) takes many times the budget.
    rolls = random_rolls(1_000_000)
    timed_gate(dice.sum_frequencies, (rolls,), warmup=(rolls[:10].copy(),), budget_ms=82)


def test_sum_frequencies_has_no_loop_over_rolls(loop_gate):
    loop_gate(dice.sum_frequencies, lambda n: (random_rolls(n),), over="rolls")


# --- theoretical_probabilities ----------------------------------------------------------------


def test_theoretical_probabilities_are_the_exact_table():
    assert [p * 36 for p in EXACT] == [1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1]
    got = dice.theoretical_probabilities()
    call = "theoretical_probabilities()"
    assert_array(got, [float(p) for p in EXACT], call=call, rtol=FLOAT_RTOL)
    assert_dtype_kind(got, "f", call=call, why="probabilities are fractions: use floats")


def test_theoretical_probability_of_seven_is_one_sixth():
    got = dice.theoretical_probabilities()
    assert_value(got[5], 1 / 6, call="theoretical_probabilities()[5] (the sum 7)", rtol=FLOAT_RTOL)


def test_theoretical_probabilities_add_up_to_one():
    got = dice.theoretical_probabilities()
    assert_value(float(np.sum(got)), 1.0, call="sum(theoretical_probabilities())", rtol=FLOAT_RTOL)


# --- probability_of_sum -----------------------------------------------------------------------


def assert_float(got, call: str) -> None:
    __tracebackhide__ = True
    if not isinstance(got, (float, np.floating)):
        pytest.fail(
            f"{call} returned {got!r} ({type(got).__name__}); expected a float (a Python float "
            "or a NumPy float scalar), not an int or an array",
            pytrace=False,
        )


@pytest.mark.parametrize(("total", "expected"), [(7, 0.5), (2, 0.25), (12, 0.25), (8, 0.0)])
def test_probability_of_sum_of_the_readme_example(total, expected):
    call = f"probability_of_sum([[1, 1], [6, 6], [3, 4], [2, 5]], {total})"
    got = dice.probability_of_sum(example_rolls(), total)
    assert_value(got, expected, call=call)
    assert_float(got, call)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32])
def test_probability_of_sum_and_craps_take_any_signed_integer_dtype(dtype):
    rolls = np.array([[1, 6], [5, 6], [6, 6], [3, 4]], dtype=dtype)
    shown = f"[[1, 6], [5, 6], [6, 6], [3, 4]] as {np.dtype(dtype).name}"
    got = dice.probability_of_sum(rolls, 7)
    assert_value(got, 0.5, call=f"probability_of_sum({shown}, 7)")
    assert_value(dice.probability_of_sum(rolls, 12), 0.25, call=f"probability_of_sum({shown}, 12)")
    got = dice.craps_first_roll_win(rolls)
    assert_value(got, 0.75, call=f"craps_first_roll_win({shown})")
    assert_float(got, f"craps_first_roll_win({shown})")


@pytest.mark.parametrize("total", [1, 13, 0, -1, 20])
def test_a_sum_two_dice_cannot_make_has_probability_zero(total):
    call = f"probability_of_sum([[1, 1], [6, 6], [3, 4], [2, 5]], {total})"
    got = dice.probability_of_sum(example_rolls(), total)
    assert_value(got, 0.0, call=f"{call} (two dice never add up to {total})")


def test_probability_of_seven_of_each_outcome_once_is_one_sixth():
    got = dice.probability_of_sum(np.array(ALL_36_OUTCOMES), 7)
    call = "probability_of_sum(each of the 36 outcomes once, 7)"
    assert_value(got, 1 / 6, call=call, rtol=FLOAT_RTOL)


@given(roll_arrays, st.integers(0, 14))
def test_probability_of_sum_agrees_with_counting_in_python(rolls, total):
    hits = sum(first + second == total for first, second in rolls.tolist())
    call = f"probability_of_sum({rolls.tolist()}, {total})"
    got = dice.probability_of_sum(rolls, total)
    assert_value(got, hits / len(rolls), call=call, rtol=FLOAT_RTOL)


# --- craps_first_roll_win ---------------------------------------------------------------------


def test_craps_first_roll_win_counts_seven_and_eleven():
    # Sums 7, 11, 12, 6: the first two win, 12 loses ("craps"), 6 becomes the point.
    rolls = np.array([[1, 6], [5, 6], [6, 6], [3, 3]])
    got = dice.craps_first_roll_win(rolls)
    assert_value(got, 0.5, call="craps_first_roll_win([[1, 6], [5, 6], [6, 6], [3, 3]])")


@pytest.mark.parametrize(
    ("rolls", "expected", "why"),
    [
        ([[5, 6], [6, 5]], 1.0, "both sums are 11"),
        ([[3, 4], [6, 1], [2, 5]], 1.0, "every sum is 7"),
        ([[1, 1], [1, 2], [6, 6], [4, 4]], 0.0, "sums 2, 3, 12 and 8: no 7, no 11"),
    ],
)
def test_craps_first_roll_win_on_all_wins_and_no_wins(rolls, expected, why):
    call = f"craps_first_roll_win({rolls}) ({why})"
    got = dice.craps_first_roll_win(np.array(rolls))
    assert_value(got, expected, call=call)
    assert_float(got, call)


def test_craps_first_roll_win_of_each_outcome_once_is_eight_in_36():
    got = dice.craps_first_roll_win(np.array(ALL_36_OUTCOMES))
    call = "craps_first_roll_win(each of the 36 outcomes once)"
    assert_value(got, 8 / 36, call=call, rtol=FLOAT_RTOL)


@given(roll_arrays)
def test_craps_first_roll_win_agrees_with_counting_in_python(rolls):
    wins = sum(first + second in (7, 11) for first, second in rolls.tolist())
    call = f"craps_first_roll_win({rolls.tolist()})"
    assert_value(dice.craps_first_roll_win(rolls), wins / len(rolls), call=call, rtol=FLOAT_RTOL)


# --- the simulation as a whole ----------------------------------------------------------------


def test_a_simulation_agrees_with_the_theory():
    # 36000 rolls: every estimate must be within 6 standard errors of its exact probability,
    # which a correct simulation misses with a probability below one in 10^8.
    n = 36_000
    rolls = rolls_from_seed(2024, n)
    # Each function gets its own copy: modifying the rolls is reported by its own test below.
    frequencies = dice.sum_frequencies(rolls.copy())
    exact = np.array([float(p) for p in EXACT])
    for index, (got, expected) in enumerate(zip(frequencies, EXACT, strict=True)):
        assert is_within(got, float(expected), 6, n), (
            f"sum_frequencies(roll_two_dice(rng, {n}))[{index}] (the sum {index + 2}) is "
            f"{got:.4f}; the exact probability is {float(expected):.4f}, and {n} fair rolls "
            f"should come within 6 standard errors of it.\nfrequencies: {frequencies}\n"
            f"exact:       {exact}"
        )
    p7 = dice.probability_of_sum(rolls.copy(), 7)
    assert is_within(p7, 1 / 6, 6, n), (
        f"probability_of_sum(roll_two_dice(rng, {n}), 7) is {p7:.4f}; expected about 1/6 = 0.1667"
    )
    win = dice.craps_first_roll_win(rolls.copy())
    assert is_within(win, 8 / 36, 6, n), (
        f"craps_first_roll_win(roll_two_dice(rng, {n})) is {win:.4f}; expected about 8/36 = 0.2222"
    )


# --- every function that takes rolls ----------------------------------------------------------

ROLL_FUNCTIONS = {
    "sum_frequencies": (),
    "probability_of_sum": (7,),
    "craps_first_roll_win": (),
}

BAD_ROLLS = [
    ("no rolls, shape (0, 2)", np.zeros((0, 2), dtype=np.int64)),
    ("a 1-D array of 4 dice", np.array([1, 2, 3, 4])),
    ("three dice per roll", np.array([[1, 2, 3], [4, 5, 6]])),
    ("a 3-D array", np.ones((2, 2, 2), dtype=np.int64)),
    ("a die showing 0", np.array([[1, 2], [0, 5]])),
    ("a die showing 7", np.array([[1, 2], [7, 5]])),
    ("a die showing -3", np.array([[-3, 2], [4, 5]])),
]


@pytest.mark.parametrize("name", ROLL_FUNCTIONS)
@pytest.mark.parametrize(("what", "rolls"), BAD_ROLLS, ids=[what for what, _ in BAD_ROLLS])
def test_rolls_must_be_n_rows_of_two_dice(name, what, rolls):
    function = getattr(dice, name)
    call = f"{name}({what})"
    assert_raises_naming(ValueError, "rolls", function, rolls, *ROLL_FUNCTIONS[name], call=call)


@pytest.mark.parametrize("name", ROLL_FUNCTIONS)
def test_the_rolls_are_not_modified(name):
    function = getattr(dice, name)
    call = f"{name}([[1, 1], [6, 6], [3, 4], [2, 5]])"
    assert_inputs_unchanged(function, example_rolls(), *ROLL_FUNCTIONS[name], call=call)
