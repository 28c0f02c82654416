"""Tests for kata 28: run ``pytest katas/28_masked``."""

import copy
import statistics
import warnings

import masked_correlation
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import assert_array, assert_dtype_kind, assert_raises_naming

nan = np.nan

PAIRWISE_RULE = (
    "entry (i, j) is the correlation of columns i and j over the rows where both are "
    "unmasked, with the means and variances taken over those same rows"
)
NP_MA_CORRCOEF = (
    "np.ma.corrcoef is not pairwise-complete: it centres each column on the mean of all its "
    "own valid rows and divides by its variance over all of them, so each pair mixes rows "
    "the other column is missing"
)


def _check(got, expected, *, call, rule, **tolerance):
    """assert_array, with the rule that was broken at the head of the message."""
    __tracebackhide__ = True
    try:
        assert_array(got, expected, call=call, **tolerance)
    except pytest.fail.Exception as failure:
        message = failure.msg
    else:
        return
    pytest.fail(f"{call}: {rule}.\n{message}", pytrace=False)


def reference_corrcoef(X):
    """Pair by pair with statistics.correlation on the common rows; NaN where undefined."""
    X = np.ma.asarray(X)
    valid = ~np.ma.getmaskarray(X)
    columns = X.data.T.tolist()
    n_vars = X.shape[1]
    out = np.full((n_vars, n_vars), nan)
    for i in range(n_vars):
        for j in range(n_vars):
            rows = [k for k in range(X.shape[0]) if valid[k, i] and valid[k, j]]
            xi = [float(columns[i][k]) for k in rows]
            xj = [float(columns[j][k]) for k in rows]
            if len(rows) >= 2 and len(set(xi)) > 1 and len(set(xj)) > 1:
                out[i, j] = statistics.correlation(xi, xj)
    return out


def _assert_unchanged(func, X, *, call):
    """func(X), failing if it changed X's data (masked entries included) or its mask."""
    __tracebackhide__ = True
    data, mask = X.data.copy(), np.ma.getmaskarray(X).copy()
    had_mask = X.mask is not np.ma.nomask
    result = func(X)
    changed = []
    if data.tobytes() != X.data.tobytes():
        changed.append(f"its data (also under the mask), now\n{X.data}")
    if not np.array_equal(mask, np.ma.getmaskarray(X)) or had_mask != (X.mask is not np.ma.nomask):
        changed.append(f"its mask, now\n{np.ma.getmaskarray(X)}")
    assert not changed, (
        f"{call} modified " + " and ".join(changed) + "\nThe caller's masked array must not "
        "change: build new arrays (X.filled(0), ~np.ma.getmaskarray(X)) instead."
    )
    return result


def _no_warning_call(X):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = masked_correlation.masked_corrcoef(X)
    return result, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _seed_dataset():
    rng = np.random.default_rng(42)
    n, p = 200, 4
    data = rng.standard_normal((n, p))
    data[:, 1] = 0.7 * data[:, 0] + 0.3 * rng.standard_normal(n)
    return np.ma.array(data, mask=rng.random((n, p)) < 0.2)


# --- the seed's data and the result's type -----------------------------------------------------


def test_masked_corrcoef_on_the_seed_dataset():
    X = _seed_dataset()
    got = masked_correlation.masked_corrcoef(X)
    call = "masked_corrcoef(the seed's 200 x 4 array, 20% missing)"
    _check(got, reference_corrcoef(X), call=call, rule=PAIRWISE_RULE, rtol=1e-9)
    # Column 1 is 0.7 x0 + 0.3 noise: its correlation with x0 is 0.7 / sqrt(0.58) = 0.92 in
    # theory (not the 0.7 of the seed's comment) and 0.928 on this sample.
    assert round(float(got[0, 1]), 3) == 0.928, f"{call}[0, 1] is {got[0, 1]}, not 0.928"


def test_masked_corrcoef_returns_a_plain_float64_ndarray():
    got = masked_correlation.masked_corrcoef(_seed_dataset())
    call = "masked_corrcoef(the seed's array)"
    plain = isinstance(got, np.ndarray) and not isinstance(got, np.ma.MaskedArray)
    assert plain, (
        f"{call} returned a {type(got).__name__}; expected a plain np.ndarray with NaN where a "
        "correlation is undefined (np.ma.filled(result, np.nan) turns a masked result into one)"
    )
    assert_dtype_kind(got, "f", call=call, why="correlations are floats")
    assert got.dtype == np.float64, f"{call} returned dtype {got.dtype}, not float64"
    assert got.shape == (4, 4), f"{call} has shape {got.shape}, expected (n_vars, n_vars) = (4, 4)"


# --- pairwise-complete: the common rows only --------------------------------------------------


def test_each_pair_uses_only_its_common_rows_unlike_np_ma_corrcoef():
    # Column 1 is column 0 on the three rows where it is present: their correlation is 1.
    # np.ma.corrcoef gives 0.5345: it centres column 0 on all six of its rows.
    data = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 0.0], [5.0, 0.0], [6.0, 0.0]])
    mask = np.zeros_like(data, dtype=bool)
    mask[3:, 1] = True
    got = masked_correlation.masked_corrcoef(np.ma.array(data, mask=mask))
    call = "masked_corrcoef(column 0 = 1..6, column 1 = [1, 2, 3, masked x 3])"
    _check(got, np.ones((2, 2)), call=call, rule=f"{PAIRWISE_RULE}; {NP_MA_CORRCOEF}")


def test_masked_corrcoef_is_not_np_ma_corrcoef_on_the_seed_dataset():
    X = _seed_dataset()
    got = masked_correlation.masked_corrcoef(X)
    call = "masked_corrcoef(the seed's array)"
    # np.ma.corrcoef gives 0.275 for columns 2 and 3; over their common rows it is 0.263.
    _check(got, reference_corrcoef(X), call=call, rule=NP_MA_CORRCOEF, rtol=1e-9)


@pytest.mark.parametrize(
    "hidden", [nan, np.inf, -999.0, 1e300], ids=["nan", "inf", "minus_999", "1e300"]
)
def test_values_under_the_mask_are_ignored(hidden):
    rng = np.random.default_rng(28)
    data = rng.normal(size=(12, 3))
    mask = rng.random((12, 3)) < 0.3
    X = np.ma.array(np.where(mask, hidden, data), mask=mask)
    call = f"masked_corrcoef(12 x 3 array with {hidden} under the mask)"
    got, messages = _no_warning_call(X)
    rule = (
        "the values under the mask are not data: use X.filled(0) or the mask, never X.data, "
        "whose masked entries hold anything (here "
        f"{hidden}; NaN * 0 is still NaN)"
    )
    _check(got, reference_corrcoef(X), call=call, rule=rule, rtol=1e-9)
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


# --- undefined entries: NaN without a warning -------------------------------------------------


def test_fewer_than_two_common_rows_give_nan_and_two_give_one():
    # Columns 1, 2 and 3 share 0, 1 and 2 rows with column 0 (rows 0 and 1).
    data = np.array([[1.0, 5.0, 1.0, 1.0], [2.0, 6.0, 7.0, 3.0], [3.0, 1.0, 2.0, 4.0]])
    mask = np.array(
        [[False, True, False, False], [False, True, True, False], [True, False, False, True]]
    )
    X = np.ma.array(data, mask=mask)
    got, messages = _no_warning_call(X)
    call = "masked_corrcoef(columns sharing 0, 1 and 2 rows with column 0)"
    rule = (
        "a correlation needs at least 2 common rows: 0 or 1 give NaN, 2 give +1 or -1 "
        "(two points always lie on a line); count them with valid.T @ valid"
    )
    _check(got[0], [1.0, nan, nan, 1.0], call=f"{call}[0]", rule=rule)
    _check(got[:, 0], [1.0, nan, nan, 1.0], call=f"{call}[:, 0]", rule=f"{rule}; symmetric")
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


def test_a_constant_column_gives_nan_without_a_warning():
    data = np.array([[1.0, 3.0, 2.0], [2.0, 3.0, 1.0], [3.0, 3.0, 5.0], [4.0, 3.0, 4.0]])
    X = np.ma.array(data, mask=np.zeros_like(data, dtype=bool))
    got, messages = _no_warning_call(X)
    call = "masked_corrcoef(column 1 = [3, 3, 3, 3])"
    rule = (
        "a constant column has no variance, so every correlation with it, its own included, "
        "is NaN; test for zero variance instead of dividing by it (np.where), and compute "
        "inside np.errstate(divide='ignore', invalid='ignore')"
    )
    expected = reference_corrcoef(X)  # row 1 and column 1 are all NaN
    _check(got, expected, call=call, rule=rule, rtol=1e-9)
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


def test_a_column_constant_only_on_the_common_rows_gives_nan_for_that_pair():
    # Column 1 is 7 wherever column 0 is present, and varies elsewhere.
    data = np.array([[1, 7, 1], [2, 7, 3], [3, 7, 2], [0, 9, 6], [0, 1, 5]], dtype=float)
    mask = np.zeros_like(data, dtype=bool)
    mask[3:, 0] = True
    X = np.ma.array(data, mask=mask)
    got, messages = _no_warning_call(X)
    call = "masked_corrcoef(column 1 = [7, 7, 7, 9, 1], column 0 masked in the last 2 rows)"
    rule = (
        "column 1 is constant on the rows it shares with column 0, so that pair is NaN; "
        "over all five rows it varies, so its other entries are defined"
    )
    _check(got, reference_corrcoef(X), call=call, rule=rule, rtol=1e-9)
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


def test_a_column_with_one_valid_value_is_nan_even_on_the_diagonal():
    data = np.arange(12.0).reshape(4, 3) ** 2
    mask = np.zeros_like(data, dtype=bool)
    mask[1:, 2] = True
    got = masked_correlation.masked_corrcoef(np.ma.array(data, mask=mask))
    call = "masked_corrcoef(column 2 with one valid value)"
    rule = "the diagonal is 1 only where it is defined: a column needs 2 valid, varying values"
    undefined = np.isnan(got[2]).all() and np.isnan(got[:, 2]).all()
    assert undefined, f"{call} returned\n{got}\nexpected row 2 and column 2 all NaN: {rule}"
    _check(np.diag(got)[:2], [1.0, 1.0], call=f"diag({call})[:2]", rule=rule)


@pytest.mark.parametrize("n_obs", [0, 1])
def test_fewer_than_two_rows_give_all_nan(n_obs):
    X = np.ma.array(np.ones((n_obs, 3)), mask=np.zeros((n_obs, 3), dtype=bool))
    got, messages = _no_warning_call(X)
    call = f"masked_corrcoef({n_obs} x 3 array)"
    _check(got, np.full((3, 3), nan), call=call, rule="with fewer than 2 rows nothing is defined")
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}"


# --- nothing masked ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["plain ndarray", "masked array without a mask", "all-False mask"])
def test_nothing_masked_equals_np_corrcoef(how):
    data = np.random.default_rng(5).normal(size=(30, 5))
    data[:, 2] += 0.5 * data[:, 0]
    X = {
        "plain ndarray": data,
        "masked array without a mask": np.ma.array(data),
        "all-False mask": np.ma.array(data, mask=np.zeros_like(data, dtype=bool)),
    }[how]
    call = f"masked_corrcoef(30 x 5 {how})"
    rule = (
        "with nothing masked the result is np.corrcoef(X, rowvar=False). A plain array, or a "
        "masked array without a mask, has X.mask == np.ma.nomask, a single False, not an "
        "array of them: use np.ma.getmaskarray(X), which is always one bool per entry"
    )
    try:
        got = masked_correlation.masked_corrcoef(X)
    except (TypeError, ValueError, AttributeError, IndexError) as error:
        pytest.fail(f"{call} raised {type(error).__name__}({error!s}): {rule}", pytrace=False)
    _check(got, np.corrcoef(data, rowvar=False), call=call, rule=rule, rtol=1e-9)


@given(st.integers(2, 12), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_nothing_masked_matches_np_corrcoef_for_any_shape(n_obs, n_vars, seed):
    data = np.random.default_rng(seed).normal(size=(n_obs, n_vars))
    got = masked_correlation.masked_corrcoef(np.ma.array(data))
    call = f"masked_corrcoef({n_obs} x {n_vars} array, nothing masked)"
    expected = np.corrcoef(data, rowvar=False).reshape(n_vars, n_vars)
    _check(got, expected, call=call, rule="with nothing masked it is np.corrcoef", rtol=1e-8)


# --- dtypes and scale -------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.int16, np.uint8], ids=["int16", "uint8"])
def test_small_integer_data_is_computed_in_float(dtype):
    # int16 products such as 250 * 240 overflow; uint8 differences such as 10 - 250 wrap.
    data = np.array([[250, 10, 240], [10, 250, 30], [240, 20, 250], [30, 240, 10]], dtype=dtype)
    mask = np.zeros(data.shape, dtype=bool)
    mask[0, 2] = True
    X = np.ma.array(data, mask=mask)
    got = masked_correlation.masked_corrcoef(X)
    call = f"masked_corrcoef({np.dtype(dtype).name} data up to 250)"
    rule = "compute in float64: sums of products overflow int16 and differences wrap in uint8"
    _check(got, reference_corrcoef(X), call=call, rule=rule, rtol=1e-9)
    assert got.dtype == np.float64, f"{call} returned dtype {got.dtype}, not float64"


def test_a_large_shift_does_not_change_the_correlations():
    X = _seed_dataset()
    shifted = X + 1e6  # far from 0 with a spread of about 1, like a timestamp in seconds
    got = masked_correlation.masked_corrcoef(shifted)
    call = "masked_corrcoef(the seed's array + 1e6)"
    rule = (
        "correlation ignores a shift, but sum(x * x) - sum(x)**2 / n cancels catastrophically "
        "when the values are far from 0: shift each column by one of its own values (or its "
        "mean) before taking the sums"
    )
    _check(got, reference_corrcoef(X), call=call, rule=rule, rtol=1e-8, atol=1e-8)


# --- invariants -------------------------------------------------------------------------------


@st.composite
def _masked_data(draw):
    n_obs, n_vars = draw(st.integers(0, 10)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    missing = draw(st.sampled_from([0.0, 0.2, 0.5, 0.8]))
    scale = 10.0 ** draw(st.integers(-3, 3))
    data = scale * rng.normal(size=(n_obs, n_vars)) + draw(st.sampled_from([0.0, 50.0, -7.0]))
    return np.ma.array(data, mask=rng.random((n_obs, n_vars)) < missing)


@given(_masked_data())
def test_masked_corrcoef_matches_a_pair_by_pair_reference(X):
    got = masked_correlation.masked_corrcoef(X)
    call = f"masked_corrcoef({X.shape[0]} x {X.shape[1]} array, mask\n{np.ma.getmaskarray(X)})"
    _check(got, reference_corrcoef(X), call=call, rule=PAIRWISE_RULE, rtol=1e-8, atol=1e-10)


@given(_masked_data())
def test_masked_corrcoef_is_symmetric_and_bounded(X):
    got = masked_correlation.masked_corrcoef(X)
    call = f"masked_corrcoef({X.shape[0]} x {X.shape[1]} array)"
    _check(got, got.T, call=f"{call} vs its transpose", rule="corr(i, j) is corr(j, i)")
    defined = got[~np.isnan(got)]
    assert np.all(np.abs(defined) <= 1), (
        f"{call} returned entries beyond [-1, 1]:\n{got}\nrounding can push r just past 1: "
        "np.clip(r, -1, 1), as np.corrcoef does"
    )
    diagonal = np.diag(got)
    _check(
        diagonal[~np.isnan(diagonal)],
        np.ones(np.count_nonzero(~np.isnan(diagonal))),
        call=f"the defined diagonal of {call}",
        rule="a column correlates perfectly with itself",
    )


# --- bad input and not modifying X ------------------------------------------------------------


@pytest.mark.parametrize("shape", [(5,), (2, 3, 4)], ids=["1d", "3d"])
def test_masked_corrcoef_refuses_an_array_that_is_not_2d(shape):
    X = np.ma.array(np.ones(shape), mask=np.zeros(shape, dtype=bool))
    call = f"masked_corrcoef(array of shape {shape})"
    assert_raises_naming(ValueError, "X", masked_correlation.masked_corrcoef, X, call=call)


def test_masked_corrcoef_does_not_modify_data_or_mask():
    X = _seed_dataset()
    X.data[np.ma.getmaskarray(X)] = nan  # something a careless answer would trip over
    _assert_unchanged(masked_correlation.masked_corrcoef, X, call="masked_corrcoef(seed array)")


def test_masked_corrcoef_does_not_give_a_masked_array_a_mask():
    X = np.ma.array(np.random.default_rng(1).normal(size=(6, 3)))
    _assert_unchanged(masked_correlation.masked_corrcoef, X, call="masked_corrcoef(no mask)")


def test_masked_corrcoef_does_not_modify_a_plain_array():
    data = np.random.default_rng(2).normal(size=(6, 3))
    before = copy.deepcopy(data)
    masked_correlation.masked_corrcoef(data)
    assert np.array_equal(before, data), "masked_corrcoef(plain 6 x 3 array) modified it"


# --- gates ------------------------------------------------------------------------------------


def _many_variables(n_vars, n_obs=100):
    rng = np.random.default_rng(28)
    data = rng.normal(size=(n_obs, n_vars))
    return (np.ma.array(data, mask=rng.random((n_obs, n_vars)) < 0.2),)


def test_masked_corrcoef_is_fast_on_many_variables(timed_gate):
    # 300 variables, 44,850 pairs: four matrix products and a few 300 x 300 operations take
    # about 2.1 ms on the reference machine; a loop over the pairs many times the budget. A
    # loop over the variables with a vectorised row inside is far quicker: the loop gate
    # catches it.
    (X,) = _many_variables(300)
    timed_gate(
        masked_correlation.masked_corrcoef,
        (X,),
        warmup=_many_variables(3),
        budget_ms=86,
        workload="matmul",
    )


def test_masked_corrcoef_has_no_python_loop_over_variables(loop_gate):
    loop_gate(
        masked_correlation.masked_corrcoef,
        lambda n: _many_variables(n, n_obs=20),
        over="variables",
        n=20,
    )
