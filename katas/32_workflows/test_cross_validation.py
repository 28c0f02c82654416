"""Tests for kata 32: run ``pytest katas/32_workflows``."""

import math

import cross_validation
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
    assert_value,
)


def _folds(n, k, rng, call):
    """k_fold_indices(n, k, rng), checked to be k (train, val) pairs of integer arrays."""
    __tracebackhide__ = True
    got = cross_validation.k_fold_indices(n, k, rng)
    if not isinstance(got, list) or len(got) != k:
        pytest.fail(f"{call} returned {got!r}; expected a list of {k} (train, val) pairs", False)
    for i, pair in enumerate(got):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            pytest.fail(f"{call}[{i}] is {pair!r}; expected a pair (train, val)", False)
        for name, part in zip(("train", "val"), pair, strict=True):
            if not isinstance(part, np.ndarray) or part.ndim != 1:
                pytest.fail(f"{call}[{i}] {name} is {part!r}; expected a 1-D ndarray", False)
            if part.size:
                assert_dtype_kind(part, "iu", call=f"{call}[{i}] {name}", why="indices are ints")
    return got


def _check_partition(folds, n, call):
    __tracebackhide__ = True
    vals = [val.tolist() for _, val in folds]
    every = sorted(i for val in vals for i in val)
    if every != list(range(n)):
        missing = sorted(set(range(n)) - set(every))
        twice = sorted({i for i in every if every.count(i) > 1})
        pytest.fail(
            f"{call}: the validation folds must hold every sample index 0..{n - 1} exactly "
            f"once; missing {missing[:10]}, more than once {twice[:10]}, fold sizes "
            f"{[len(v) for v in vals]} (the last n % k samples must not be dropped)",
            pytrace=False,
        )
    sizes = [len(v) for v in vals]
    if max(sizes) - min(sizes) > 1:
        pytest.fail(f"{call}: fold sizes {sizes} differ by more than one", pytrace=False)
    for i, (train, val) in enumerate(folds):
        leaked = sorted(set(train.tolist()) & set(val.tolist()))
        if leaked:
            pytest.fail(
                f"{call}[{i}]: {len(leaked)} samples, e.g. {leaked[:5]}, are in both train and "
                "val; a model must never "
                "be trained on the samples it is validated on",
                pytrace=False,
            )
        if sorted(train.tolist()) != sorted(set(range(n)) - set(val.tolist())):
            pytest.fail(
                f"{call}[{i}]: train has {len(train)} indices; expected every one of the "
                f"{n - len(val)} samples outside val exactly once",
                pytrace=False,
            )


def _as_sets(folds):
    return sorted(tuple(sorted(val.tolist())) for _, val in folds)


# --- k_fold_indices ---------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "k"), [(10, 5), (503, 5), (7, 3), (11, 2), (5, 5), (2, 2)])
def test_k_fold_indices_validates_every_sample_exactly_once(n, k):
    call = f"k_fold_indices({n}, {k}, 0)"
    _check_partition(_folds(n, k, 0, call), n, call)


def test_k_fold_indices_keeps_the_remainder_the_seed_drops():
    # 503 = 5 * 100 + 3: the seed's fold_size = n // k leaves 3 samples out of every fold.
    call = "k_fold_indices(503, 5, 42)"
    folds = _folds(503, 5, 42, call)
    sizes = sorted(len(val) for _, val in folds)
    assert sizes == [100, 100, 101, 101, 101], (
        f"{call} gave validation folds of sizes {sizes}; expected three of 101 and two of 100 "
        "(503 samples: every one is validated once, sizes differ by at most one)"
    )
    _check_partition(folds, 503, call)


def test_k_fold_indices_leave_one_out():
    call = "k_fold_indices(6, 6, 3)"
    folds = _folds(6, 6, 3, call)
    _check_partition(folds, 6, call)
    assert all(len(val) == 1 for _, val in folds), f"{call}: k = n gives one sample per fold"


def test_k_fold_indices_accepts_numpy_integers():
    n, k = np.int16(203), np.uint8(5)
    call = "k_fold_indices(np.int16(203), np.uint8(5), 1)"
    _check_partition(_folds(n, k, 1, call), 203, call)


@given(st.integers(2, 60), st.data(), st.integers(0, 2**32 - 1))
def test_k_fold_indices_the_folds_partition_range_n(n, data, seed):
    k = data.draw(st.integers(2, n), label="k")
    call = f"k_fold_indices({n}, {k}, {seed})"
    _check_partition(_folds(n, k, seed, call), n, call)


def test_k_fold_indices_the_same_seed_gives_the_same_folds():
    first = _as_sets(_folds(20, 4, 7, "k_fold_indices(20, 4, 7)"))
    again = _as_sets(_folds(20, 4, 7, "k_fold_indices(20, 4, 7)"))
    generator = _as_sets(_folds(20, 4, np.random.default_rng(7), "k_fold_indices(20, 4, rng)"))
    assert first == again, "k_fold_indices(20, 4, 7) gave different folds on a second call"
    assert first == generator, (
        "k_fold_indices(20, 4, 7) and k_fold_indices(20, 4, np.random.default_rng(7)) gave "
        "different folds; an int seed means np.random.default_rng(seed)"
    )


def test_k_fold_indices_another_seed_gives_other_folds():
    first = _as_sets(_folds(20, 4, 7, "k_fold_indices(20, 4, 7)"))
    other = _as_sets(_folds(20, 4, 8, "k_fold_indices(20, 4, 8)"))
    assert first != other, (
        "k_fold_indices(20, 4, 7) and k_fold_indices(20, 4, 8) gave the same folds; shuffle "
        "with the rng you are given, not a fixed one"
    )


def test_k_fold_indices_shuffles_the_samples():
    folds = _folds(40, 4, 0, "k_fold_indices(40, 4, 0)")
    blocks = [tuple(range(i, i + 10)) for i in range(0, 40, 10)]
    assert _as_sets(folds) != blocks, (
        "k_fold_indices(40, 4, 0) gave the folds 0..9, 10..19, 20..29, 30..39: shuffle the "
        "indices before splitting them (rng.permutation)"
    )


@pytest.mark.parametrize(
    ("n", "k", "bad"),
    [(10, 1, "k"), (10, 0, "k"), (10, -2, "k"), (10, 11, "k"), (2, 3, "k"), (1, 2, "n")],
    ids=["k_1", "k_0", "k_negative", "k_above_n", "k_above_n_small", "n_1"],
)
def test_k_fold_indices_refuses_bad_sizes(n, k, bad):
    call = f"k_fold_indices({n}, {k}, 0)"
    assert_raises_naming(ValueError, bad, cross_validation.k_fold_indices, n, k, 0, call=call)


# --- k_fold_cv --------------------------------------------------------------------------------


def _with_ids(n, dtype=np.float64):
    """X whose first column is the sample's index, so a model can tell which rows it got."""
    rng = np.random.default_rng(5)
    X = np.column_stack([np.arange(n), rng.integers(0, 100, size=n)]).astype(dtype)
    y = (rng.random(n) < 0.5).astype(np.int16)
    return X, y


def _cv(X, y, model_fn, *rest, call):
    __tracebackhide__ = True
    got = assert_inputs_unchanged(cross_validation.k_fold_cv, X, y, model_fn, *rest, call=call)
    if not isinstance(got, dict) or set(got) != {"mean", "std", "scores"}:
        pytest.fail(f"{call} returned {got!r}; expected a dict with mean, std and scores", False)
    for key in ("mean", "std"):
        if not isinstance(got[key], float):
            pytest.fail(
                f"{call}[{key!r}] is {got[key]!r} ({type(got[key]).__name__}); expected a "
                "Python float",
                pytrace=False,
            )
    if not isinstance(got["scores"], np.ndarray):
        pytest.fail(f"{call}['scores'] is {got['scores']!r}; expected an ndarray", False)
    assert_dtype_kind(got["scores"], "f", call=f"{call}['scores']", why="scores are floats")
    return got


@pytest.mark.parametrize(("n", "k"), [(23, 5), (20, 4), (9, 9)])
def test_k_fold_cv_trains_and_validates_on_the_folds_of_k_fold_indices(n, k):
    X, y = _with_ids(n)
    calls = []

    def recording_model(X_train, y_train, X_val):
        calls.append((X_train[:, 0].astype(int).tolist(), y_train.tolist(), X_val[:, 0]))
        return np.zeros(len(X_val), dtype=np.int16)

    call = f"k_fold_cv(X, y, model, k={k}, rng=3) on {n} samples"
    _cv(X, y, recording_model, k, 3, call=call)
    expected = cross_validation.k_fold_indices(n, k, 3)
    assert len(calls) == k, f"{call} called model_fn {len(calls)} times; expected once per fold"
    for i, ((train_ids, y_train, val_ids), (train, val)) in enumerate(
        zip(calls, expected, strict=True)
    ):
        val_ids = val_ids.astype(int).tolist()
        assert sorted(val_ids) == sorted(val.tolist()), (
            f"{call}: fold {i} validated samples {sorted(val_ids)}; expected fold {i} of "
            f"k_fold_indices({n}, {k}, 3): {sorted(val.tolist())}"
        )
        leaked = sorted(set(train_ids) & set(val_ids))
        assert not leaked, f"{call}: fold {i} trained on its own validation samples {leaked}"
        assert sorted(train_ids) == sorted(train.tolist()), (
            f"{call}: fold {i} trained on {len(train_ids)} samples; expected the "
            f"{len(train)} outside its validation fold"
        )
        assert y_train == y[train_ids].tolist(), f"{call}: fold {i}'s y_train is not y[train]"


def test_k_fold_cv_scores_are_the_accuracy_on_each_fold():
    # A model that always predicts 0 scores, on each fold, the share of 0 labels there.
    X, y = _with_ids(23)
    call = "k_fold_cv(X, y, always_zero, k=5, rng=11) on 23 samples"
    got = _cv(X, y, lambda X_tr, y_tr, X_va: np.zeros(len(X_va), dtype=int), 5, 11, call=call)
    expected = [
        sum(y[i] == 0 for i in val) / len(val)
        for _, val in cross_validation.k_fold_indices(23, 5, 11)
    ]
    assert_array(got["scores"], expected, call=f"{call}['scores'] (fraction correct per fold)")
    mean = sum(expected) / 5
    std = math.sqrt(sum((s - mean) ** 2 for s in expected) / 5)
    assert_value(got["mean"], mean, call=f"{call}['mean']")
    assert_value(got["std"], std, call=f"{call}['std'] (population std, ddof=0)")


def test_k_fold_cv_std_has_ddof_zero():
    # All labels 1; the model is right on the first fold and wrong on the second:
    # scores [1, 0], mean 0.5, std 0.5 with ddof=0 (0.707 with ddof=1).
    X, y = _with_ids(10)
    y = np.ones(10, dtype=np.int16)
    answers = iter([1, 0])

    def right_then_wrong(X_train, y_train, X_val):
        return np.full(len(X_val), next(answers))

    call = "k_fold_cv(X, ones(10), right then wrong, k=2)"
    got = _cv(X, y, right_then_wrong, 2, 0, call=call)
    assert_array(got["scores"], [1.0, 0.0], call=f"{call}['scores'] (in fold order)")
    assert_value(got["mean"], 0.5, call=f"{call}['mean']")
    assert_value(got["std"], 0.5, call=f"{call}['std'] (ddof=0: sqrt(mean of squared deviations))")


def test_k_fold_cv_a_perfect_model_scores_one_on_every_fold():
    X, y = _with_ids(31)

    def oracle(X_train, y_train, X_val):
        return y[X_val[:, 0].astype(int)]

    got = _cv(X, y, oracle, 4, 0, call="k_fold_cv(X, y, oracle, k=4)")
    assert_array(got["scores"], np.ones(4), call="k_fold_cv(X, y, oracle, k=4)['scores']")
    assert_value(got["std"], 0.0, call="k_fold_cv(X, y, oracle, k=4)['std']")


def test_k_fold_cv_the_seed_threshold_classifier():
    # The seed's data: the rule x0 > median agrees with x0 + 0.5 x1 > 0 about 85% of the time.
    rng = np.random.default_rng(42)
    X = rng.standard_normal((500, 5))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)

    def threshold_model(X_train, y_train, X_val):
        return (X_val[:, 0] > np.median(X_train[:, 0])).astype(int)

    call = "k_fold_cv(seed X, seed y, threshold_model, k=5)"
    got = _cv(X, y, threshold_model, call=call)
    assert 0.8 < got["mean"] < 0.88, f"{call}['mean'] is {got['mean']}; expected about 0.84"
    assert got["scores"].shape == (5,), f"{call}['scores'] has shape {got['scores'].shape}"
    assert_value(got["mean"], float(np.mean(got["scores"])), call=f"{call}['mean'] vs scores")


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_k_fold_cv_with_small_integer_features(dtype):
    X, y = _with_ids(13, dtype=dtype)

    def oracle(X_train, y_train, X_val):
        return y[X_val[:, 0].astype(int)]

    call = f"k_fold_cv(X of {np.dtype(dtype)}, y, oracle, k=3)"
    got = _cv(X, y, oracle, 3, 0, call=call)
    assert_array(got["scores"], np.ones(3), call=f"{call}['scores']")


def test_k_fold_cv_with_one_dimensional_features():
    X = np.arange(12, dtype=np.int16)
    y = (X % 2).astype(np.uint8)
    call = "k_fold_cv(arange(12), parity, parity model, k=3)"
    got = _cv(X, y, lambda X_tr, y_tr, X_va: X_va % 2, 3, 0, call=call)
    assert_array(got["scores"], np.ones(3), call=f"{call}['scores']")


@pytest.mark.parametrize(
    ("X", "y", "k", "bad"),
    [
        (np.zeros((10, 2)), np.zeros(9), 5, "X"),
        (np.zeros((10, 2)), np.zeros((10, 1)), 5, "y"),
        (np.array(1.0), np.zeros(10), 5, "X"),
        (np.zeros((10, 2)), np.zeros(10), 1, "k"),
        (np.zeros((10, 2)), np.zeros(10), 11, "k"),
    ],
    ids=["X_9_rows", "y_column", "X_0d", "k_1", "k_above_n"],
)
def test_k_fold_cv_refuses_bad_input(X, y, k, bad):
    call = f"k_fold_cv(X of shape {X.shape}, y of shape {y.shape}, model, k={k})"
    model = lambda X_tr, y_tr, X_va: np.zeros(len(X_va))  # noqa: E731
    assert_raises_naming(ValueError, bad, cross_validation.k_fold_cv, X, y, model, k, call=call)


def test_k_fold_cv_refuses_predictions_of_the_wrong_shape():
    # A column of predictions would broadcast against y[val] into a square of comparisons.
    X, y = _with_ids(10)
    column = lambda X_tr, y_tr, X_va: np.zeros((len(X_va), 1))  # noqa: E731
    call = "k_fold_cv(X, y, model returning a (len(val), 1) column, k=2)"
    k_fold_cv = cross_validation.k_fold_cv
    assert_raises_naming(ValueError, "model_fn", k_fold_cv, X, y, column, 2, call=call)
