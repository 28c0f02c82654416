"""Tests for kata 26: run ``pytest katas/26_pairwise``."""

import math
import warnings

import attention
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from numpy_katas.checks import (
    assert_array,
    assert_dtype_kind,
    assert_inputs_unchanged,
    assert_raises_naming,
)

nan = np.nan

# softmax([1, 2, 0]), computed with Python's decimal module at 40 digits.
SOFTMAX_1_2_0 = [0.24472847105479765, 0.6652409557748219, 0.09003057317038046]

SCALE_RULE = (
    "attention is softmax(Q @ K^T / sqrt(d_k)) @ V: d_k is the width of Q and K (divide by "
    "its square root, not by d_k itself, and not by sqrt(d_v), V's width)"
)
KEYS_RULE = (
    "the softmax runs over the keys (the last axis of the scores), so that each query's "
    "weights sum to 1; over axis 0 it would normalise each key over the queries"
)
BATCH_RULE = (
    "leading axes are batch axes: transpose only the last two axes of K "
    "(np.swapaxes(K, -1, -2) or K.swapaxes(-1, -2)); K.T reverses every axis"
)
HEADS_RULE = (
    "head h takes the h-th block of d / n_heads columns of Q and K (and of d_v / n_heads "
    "columns of V), is scaled by the sqrt of its own width, and its output fills the h-th "
    "block of columns: reshape to (..., seq, n_heads, width) and then swap the seq and head axes"
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


def _one_query(q, keys, values, allowed, d_k):
    """One output row in plain Python: scores, a shifted softmax, a weighted sum of values."""
    scores = [sum(a * b for a, b in zip(q, k, strict=True)) / math.sqrt(d_k) for k in keys]
    if not any(allowed):
        return [nan] * len(values[0])
    top = max(s for s, ok in zip(scores, allowed, strict=True) if ok)
    exps = [math.exp(s - top) if ok else 0.0 for s, ok in zip(scores, allowed, strict=True)]
    total = sum(exps)
    return [
        sum(e * v[c] for e, v in zip(exps, values, strict=True)) / total
        for c in range(len(values[0]))
    ]


def reference_attention(Q, K, V, mask=None):
    """Attention one batch item and one query at a time, in Python floats and math.exp."""
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    lead = np.broadcast_shapes(Q.shape[:-2], K.shape[:-2], V.shape[:-2])
    seq_q, seq_k = Q.shape[-2], K.shape[-2]
    mask = np.ones((seq_q, seq_k), bool) if mask is None else np.asarray(mask)
    mask = np.broadcast_to(mask, (*lead, seq_q, seq_k))
    Q, K, V = (np.broadcast_to(a, (*lead, *a.shape[-2:])) for a in (Q, K, V))
    out = np.empty((*lead, seq_q, V.shape[-1]))
    for index in np.ndindex(lead):
        keys, values = K[index].tolist(), V[index].tolist()
        for i, q in enumerate(Q[index].tolist()):
            out[index][i] = _one_query(q, keys, values, mask[index][i].tolist(), Q.shape[-1])
    return out


def reference_heads(Q, K, V, n_heads):
    """Multi-head attention as a loop over the heads' column blocks."""
    d_k, d_h = np.shape(Q)[-1] // n_heads, np.shape(V)[-1] // n_heads
    blocks = [
        reference_attention(
            np.asarray(Q)[..., h * d_k : (h + 1) * d_k],
            np.asarray(K)[..., h * d_k : (h + 1) * d_k],
            np.asarray(V)[..., h * d_h : (h + 1) * d_h],
        )
        for h in range(n_heads)
    ]
    return np.concatenate(blocks, axis=-1)


def _call_recording_warnings(func, *args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]


def _seed_qkv():
    rng = np.random.default_rng(42)
    seq, d = 10, 64
    return (rng.standard_normal((seq, d)) for _ in range(3))


# --- scaled_dot_product_attention -------------------------------------------------------------


def test_attention_by_hand_uses_the_scale_one_over_sqrt_d_k():
    # d_k = 4, so the scores are [2 ln 3, 0] / 2 = [ln 3, 0]: weights [3/4, 1/4].
    Q = np.array([[2 * math.log(3), 0.0, 0.0, 0.0]])
    K = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
    V = np.array([[4.0, 0.0], [0.0, 8.0]])  # d_v = 2: dividing by sqrt(d_v) gives other weights
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = "scaled_dot_product_attention(Q=[[2 ln 3, 0, 0, 0]], K=[e0, e1], V=[[4, 0], [0, 8]])"
    rule = (
        f"{SCALE_RULE}; here d_k = 4, the scores of the two keys are [2 ln 3, 0] / 2 and "
        "the weights softmax([ln 3, 0]) = [3/4, 1/4]"
    )
    _check(got, [[3.0, 2.0]], call=call, rule=rule)


def test_attention_on_the_seed_inputs_has_shape_10_by_64():
    Q, K, V = _seed_qkv()
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = "scaled_dot_product_attention(the seed's Q, K, V: 10 x 64 each)"
    _check(got, reference_attention(Q, K, V), call=call, rule=SCALE_RULE)


def test_attention_multiplies_by_the_transpose_of_k():
    # Square inputs: Q @ K runs without an error, and gives the wrong scores.
    rng = np.random.default_rng(1)
    Q, K, V = (rng.normal(size=(3, 3)) for _ in range(3))
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = "scaled_dot_product_attention(three 3x3 arrays)"
    rule = "score[i, j] is the dot product of query i and key j: Q @ K^T, not Q @ K"
    _check(got, reference_attention(Q, K, V), call=call, rule=rule)


@pytest.mark.parametrize(
    ("seq_q", "seq_k", "d_k", "d_v"), [(4, 6, 3, 5), (2, 3, 16, 1), (5, 1, 2, 4)]
)
def test_attention_with_d_v_unlike_d_k(seq_q, seq_k, d_k, d_v):
    rng = np.random.default_rng(seq_q * 100 + d_k)
    Q = rng.normal(size=(seq_q, d_k)) * 3
    K = rng.normal(size=(seq_k, d_k))
    V = rng.normal(size=(seq_k, d_v))
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = f"scaled_dot_product_attention(Q {seq_q}x{d_k}, K {seq_k}x{d_k}, V {seq_k}x{d_v})"
    _check(got, reference_attention(Q, K, V), call=call, rule=SCALE_RULE)


def test_each_query_weights_sum_to_one_over_the_keys():
    # V = identity makes the output the weights themselves; 2 queries, 3 keys.
    Q = np.array([[1.0, 0.0], [0.0, 2.0]])
    K = np.array([[1.0, 1.0], [2.0, 0.0], [0.0, 3.0]])
    got = attention.scaled_dot_product_attention(Q, K, np.eye(3))
    call = "scaled_dot_product_attention(Q 2x2, K 3x2, V = eye(3)) (the weights)"
    _check(np.sum(got, axis=-1), [1.0, 1.0], call=f"the row sums of {call}", rule=KEYS_RULE)
    _check(got, reference_attention(Q, K, np.eye(3)), call=call, rule=SCALE_RULE)


@pytest.mark.parametrize("sign", [1, -1], ids=["plus_1000", "minus_1000"])
def test_attention_survives_scores_of_1000_without_a_warning(sign):
    # d_k = 4: the scores are 2 * key / 2 = [1000, 1001, 999] (or their negatives, where exp
    # underflows to 0 and an unshifted softmax divides 0 by 0).
    Q = np.array([[2.0, 0.0, 0.0, 0.0]])
    K = sign * np.array([[1000.0, 0, 0, 0], [1001.0, 0, 0, 0], [999.0, 0, 0, 0]])
    call = f"scaled_dot_product_attention(scores {sign * 1000}, {sign * 1001}, {sign * 999})"
    got, messages = _call_recording_warnings(
        attention.scaled_dot_product_attention, Q, K, np.eye(3)
    )
    # softmax([-1000, -1001, -999]) = softmax([1, 0, 2])
    expected = SOFTMAX_1_2_0 if sign == 1 else [SOFTMAX_1_2_0[i] for i in (0, 2, 1)]
    rule = (
        "subtract each query's largest score before exp: softmax is unchanged by the shift, "
        "while exp(1000) overflows to inf (inf / inf is NaN) and exp(-1000) underflows to 0 "
        "(0 / 0 is NaN)"
    )
    _check(got, [expected], call=call, rule=rule)
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


def test_attention_over_a_batch_of_sequences():
    rng = np.random.default_rng(2)
    Q, K, V = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = "scaled_dot_product_attention(Q 2x3x4, K 2x5x4, V 2x5x3)"
    _check(got, reference_attention(Q, K, V), call=call, rule=BATCH_RULE)


def test_attention_over_two_batch_axes_with_shared_keys():
    rng = np.random.default_rng(3)
    Q, K, V = rng.normal(size=(2, 3, 4, 2)), rng.normal(size=(5, 2)), rng.normal(size=(5, 3))
    got = attention.scaled_dot_product_attention(Q, K, V)
    call = "scaled_dot_product_attention(Q 2x3x4x2, K 5x2, V 5x3: one K and V for every item)"
    _check(got, reference_attention(Q, K, V), call=call, rule=BATCH_RULE)


def test_attention_computes_integer_inputs_in_float():
    # 200 * 100 + 100 * 200 = 40000 does not fit in int16: Q @ K.T in int16 wraps it to
    # -25536, and the query attends to the wrong key.
    Q = np.array([[200, 100]], dtype=np.int16)
    K = np.array([[100, 200], [0, 0]], dtype=np.int16)
    V = np.array([[10], [20]], dtype=np.uint8)
    call = "scaled_dot_product_attention(int16 Q=[[200, 100]], int16 K=[[100, 200], [0, 0]])"
    got = attention.scaled_dot_product_attention(Q, K, V)
    rule = "compute in float: the int16 product 40000 wraps to -25536 (convert with astype(float))"
    _check(got, [[10.0]], call=call, rule=rule)
    assert_dtype_kind(got, "f", call=call, why="attention returns a float array")


def test_attention_gives_a_masked_key_weight_zero_whatever_its_score():
    Q = np.array([[1.0]])
    K = np.array([[1000.0], [0.0], [1.0]])  # the masked key has by far the largest score
    mask = np.array([[False, True, True]])
    got = attention.scaled_dot_product_attention(Q, K, np.eye(3), mask)
    e = math.e
    expected = [[0.0, 1 / (1 + e), e / (1 + e)]]
    call = "scaled_dot_product_attention(scores [1000, 0, 1], mask [[False, True, True]])"
    rule = (
        "False in the mask means 'may not attend': that key's weight is exactly 0. Replace its "
        "score by -inf (np.where(mask, scores, -np.inf)) before the softmax; multiplying the "
        "scores by the mask only makes them 0"
    )
    _check(got, expected, call=call, rule=rule, atol=0)


def test_a_causal_mask_lets_each_query_see_only_earlier_keys():
    rng = np.random.default_rng(4)
    Q, K, V = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 4, 2))
    causal = np.tril(np.ones((4, 4), dtype=bool))  # one 2-D mask for the whole batch
    got = attention.scaled_dot_product_attention(Q, K, V, causal)
    call = "scaled_dot_product_attention(Q, K, V 2x4x_, causal 4x4 mask)"
    rule = (
        "True in the mask means 'may attend' (query i sees keys 0..i); "
        "a 2-D mask serves every batch item"
    )
    _check(got, reference_attention(Q, K, V, causal), call=call, rule=rule)


def test_a_query_that_may_attend_to_no_key_gives_nan():
    Q = np.array([[1.0, 0.0], [0.0, 1.0]])
    K = np.array([[1.0, 2.0], [3.0, 4.0]])
    V = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    mask = np.array([[False, False], [True, False]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the contract allows a warning here
        got = attention.scaled_dot_product_attention(Q, K, V, mask)
    call = "scaled_dot_product_attention(mask [[False, False], [True, False]])"
    rule = (
        "query 0 may attend to no key: its weights have nothing to share, so its row is NaN "
        "(fill masked scores with -inf, not -1e9, which gives uniform weights); query 1 "
        "sees key 0 only, so its row is V[0]"
    )
    _check(got, [[nan, nan, nan], [1.0, 2.0, 3.0]], call=call, rule=rule)


@pytest.mark.parametrize(
    ("mask", "why"),
    [
        (np.array([[1, 0, 1]]), "an int 0/1 mask"),
        (np.array([[1.0, 1.0, 0.0]]), "a float mask"),
        (np.ones((2, 4), dtype=bool), "a 2x4 mask for 2x3 scores"),
    ],
    ids=["int", "float", "wrong_shape"],
)
def test_attention_refuses_a_mask_that_is_not_a_fitting_bool_array(mask, why):
    Q, K, V = np.ones((2, 2)), np.ones((3, 2)), np.ones((3, 2))
    call = f"scaled_dot_product_attention(Q 2x2, K 3x2, V 3x2, {why})"
    assert_raises_naming(
        ValueError, "mask", attention.scaled_dot_product_attention, Q, K, V, mask, call=call
    )


@pytest.mark.parametrize(
    ("shapes", "bad"),
    [
        (((3,), (4, 3), (4, 2)), "Q"),
        (((2, 3), (4,), (4, 2)), "K"),
        (((2, 3), (4, 3), (4,)), "V"),
        (((2, 3), (4, 2), (4, 2)), "K"),
        (((2, 3), (0, 3), (0, 2)), "K"),
        (((2, 3), (4, 3), (5, 2)), "V"),
    ],
    ids=["Q_1d", "K_1d", "V_1d", "K_width", "K_no_keys", "V_rows"],
)
def test_attention_refuses_shapes_that_do_not_fit(shapes, bad):
    Q, K, V = (np.ones(s) for s in shapes)
    call = f"scaled_dot_product_attention(Q {shapes[0]}, K {shapes[1]}, V {shapes[2]})"
    assert_raises_naming(
        ValueError, bad, attention.scaled_dot_product_attention, Q, K, V, call=call
    )


def test_attention_does_not_modify_its_arguments():
    rng = np.random.default_rng(5)
    Q, K, V = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5, 3))
    mask = rng.random((3, 5)) < 0.7
    mask[:, 0] = True
    call = "scaled_dot_product_attention(Q, K, V, mask)"
    assert_inputs_unchanged(attention.scaled_dot_product_attention, Q, K, V, mask, call=call)


@st.composite
def _attention_inputs(draw):
    """(Q, K, V): a random batch, with scores from tiny to a few hundred."""
    lead = draw(st.sampled_from([(), (2,), (1, 3)]))
    seq_q, seq_k, d_k, d_v = (draw(st.integers(1, 5)) for _ in range(4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** draw(st.integers(-2, 2))
    Q = scale * rng.normal(size=(*lead, seq_q, d_k))
    return Q, rng.normal(size=(*lead, seq_k, d_k)), rng.normal(size=(*lead, seq_k, d_v))


@given(_attention_inputs())
def test_attention_output_is_a_convex_combination_of_v_rows(inputs):
    Q, K, V = inputs
    seq_k = K.shape[-2]
    call = f"scaled_dot_product_attention(Q {Q.shape}, K {K.shape}, V {V.shape})"
    weights = attention.scaled_dot_product_attention(Q, K, np.eye(seq_k))
    assert np.all(weights >= 0), f"{call} with V = eye: negative weights\n{weights}"
    _check(
        weights.sum(axis=-1),
        np.ones(weights.shape[:-1]),
        call=f"{call} weight sums",
        rule=KEYS_RULE,
    )
    got = attention.scaled_dot_product_attention(Q, K, V)
    rule = "each output row is its weights (the output for V = eye) times V's rows"
    _check(got, weights @ V, call=call, rule=rule, rtol=1e-9, atol=1e-12)


# --- multi_head_attention ---------------------------------------------------------------------


def test_multi_head_attention_on_the_seed_inputs():
    Q, K, V = _seed_qkv()
    got = attention.multi_head_attention(Q, K, V, 8)
    call = "multi_head_attention(the seed's Q, K, V: 10 x 64 each, n_heads=8)"
    _check(got, reference_heads(Q, K, V, 8), call=call, rule=HEADS_RULE)


@pytest.mark.parametrize(
    ("seq_q", "seq_k", "d", "d_v", "n_heads"),
    [(5, 7, 12, 6, 3), (3, 4, 8, 12, 4), (4, 4, 6, 6, 6), (2, 3, 4, 2, 1)],
    ids=["d_v_smaller", "d_v_larger", "width_one", "one_head"],
)
def test_multi_head_attention_matches_a_loop_over_heads(seq_q, seq_k, d, d_v, n_heads):
    rng = np.random.default_rng(d * 10 + n_heads)
    Q = 2 * rng.normal(size=(seq_q, d))
    K, V = rng.normal(size=(seq_k, d)), rng.normal(size=(seq_k, d_v))
    got = attention.multi_head_attention(Q, K, V, n_heads)
    call = (
        f"multi_head_attention(Q {seq_q}x{d}, K {seq_k}x{d}, V {seq_k}x{d_v}, n_heads={n_heads})"
    )
    _check(got, reference_heads(Q, K, V, n_heads), call=call, rule=HEADS_RULE)


def test_multi_head_attention_over_a_batch():
    rng = np.random.default_rng(6)
    Q, K, V = rng.normal(size=(2, 4, 8)), rng.normal(size=(2, 5, 8)), rng.normal(size=(2, 5, 4))
    got = attention.multi_head_attention(Q, K, V, 2)
    call = "multi_head_attention(Q 2x4x8, K 2x5x8, V 2x5x4, n_heads=2)"
    _check(got, reference_heads(Q, K, V, 2), call=call, rule=f"{HEADS_RULE}; {BATCH_RULE}")


def test_multi_head_attention_with_keys_shared_by_a_batch():
    rng = np.random.default_rng(7)
    Q, K, V = rng.normal(size=(3, 2, 6)), rng.normal(size=(4, 6)), rng.normal(size=(4, 3))
    got = attention.multi_head_attention(Q, K, V, 3)
    call = "multi_head_attention(Q 3x2x6, K 4x6, V 4x3, n_heads=3)"
    _check(got, reference_heads(Q, K, V, 3), call=call, rule=f"{HEADS_RULE}; {BATCH_RULE}")


def test_multi_head_attention_survives_large_scores_and_small_integers():
    # Head 0 (columns 0-1): 200 * 100 + 100 * 200 = 40000, which wraps in int16; its weights
    # are [1, 0]. Head 1 (columns 2-3): scores [0, 0], weights [1/2, 1/2].
    Q = np.array([[200, 100, 0, 0]], dtype=np.int16)
    K = np.array([[100, 200, 0, 0], [0, 0, 0, 0]], dtype=np.int16)
    V = np.array([[10, 30], [20, 50]], dtype=np.uint8)
    call = "multi_head_attention(int16 Q=[[200, 100, 0, 0]], int16 K, uint8 V, n_heads=2)"
    got, messages = _call_recording_warnings(attention.multi_head_attention, Q, K, V, 2)
    rule = "compute in float (int16 wraps 40000 to -25536) and shift the scores before exp"
    _check(got, [[10.0, 40.0]], call=call, rule=rule)
    assert_dtype_kind(got, "f", call=call, why="multi-head attention returns a float array")
    assert not messages, f"{call} emitted RuntimeWarning {messages[0]!r}: {rule}"


@pytest.mark.parametrize(
    ("d", "d_v", "n_heads"),
    [(12, 12, 5), (12, 12, 8), (12, 6, 4), (12, 12, 0), (12, 12, -3)],
    ids=["5_into_12", "8_into_12", "4_into_d_v_6", "zero", "negative"],
)
def test_multi_head_attention_refuses_heads_that_do_not_divide(d, d_v, n_heads):
    Q, K, V = np.ones((3, d)), np.ones((4, d)), np.ones((4, d_v))
    call = f"multi_head_attention(Q 3x{d}, K 4x{d}, V 4x{d_v}, n_heads={n_heads})"
    assert_raises_naming(
        ValueError, "n_heads", attention.multi_head_attention, Q, K, V, n_heads, call=call
    )


def test_multi_head_attention_refuses_keys_of_another_width():
    Q, K, V = np.ones((3, 8)), np.ones((4, 6)), np.ones((4, 8))
    call = "multi_head_attention(Q 3x8, K 4x6, V 4x8, n_heads=2)"
    assert_raises_naming(ValueError, "K", attention.multi_head_attention, Q, K, V, 2, call=call)


def test_multi_head_attention_does_not_modify_its_arguments():
    rng = np.random.default_rng(8)
    Q, K, V = rng.normal(size=(2, 3, 8)), rng.normal(size=(2, 5, 8)), rng.normal(size=(2, 5, 4))
    call = "multi_head_attention(Q, K, V, n_heads=4)"
    assert_inputs_unchanged(attention.multi_head_attention, Q, K, V, 4, call=call)


@given(st.integers(1, 4), st.integers(1, 3), st.integers(0, 2**32 - 1))
def test_multi_head_attention_ignores_the_order_of_the_keys(n_heads, width, seed):
    rng = np.random.default_rng(seed)
    d = n_heads * width
    Q, K, V = rng.normal(size=(3, d)), rng.normal(size=(5, d)), rng.normal(size=(5, 2 * n_heads))
    order = rng.permutation(5)
    got = attention.multi_head_attention(Q, K[order], V[order], n_heads)
    expected = attention.multi_head_attention(Q, K, V, n_heads)
    call = f"multi_head_attention(Q 3x{d}, shuffled K and V rows, n_heads={n_heads})"
    rule = (
        "attention weighs keys by their scores, not their position: "
        "shuffling the rows of K and V together changes nothing"
    )
    _check(got, expected, call=call, rule=rule, rtol=1e-9)


# --- gates ------------------------------------------------------------------------------------


def _queries(n, d_k=8, seq_k=8, d_v=8, lead=()):
    rng = np.random.default_rng(26)
    return (
        rng.normal(size=(*lead, n, d_k)),
        rng.normal(size=(seq_k, d_k)),
        rng.normal(size=(seq_k, d_v)),
    )


def test_attention_is_fast_on_a_long_sequence(timed_gate):
    # 100_000 queries attending to 8 keys: whole-array NumPy takes about 9.9 ms on the
    # reference machine; a loop over the queries pays the interpreter per query and takes
    # many times the budget.
    Q, K, V = _queries(100_000)
    warmup = tuple(a[:2].copy() for a in (Q, K, V))
    timed_gate(attention.scaled_dot_product_attention, (Q, K, V), warmup=warmup, budget_ms=162)


def test_attention_has_no_python_loop_over_queries(loop_gate):
    loop_gate(
        attention.scaled_dot_product_attention, lambda n: _queries(n, 4, 3, 2), over="queries"
    )


def test_attention_has_no_python_loop_over_batch_items(loop_gate):
    def make_args(n):
        rng = np.random.default_rng(26)
        return rng.normal(size=(n, 2, 4)), rng.normal(size=(n, 3, 4)), rng.normal(size=(n, 3, 2))

    loop_gate(attention.scaled_dot_product_attention, make_args, over="batch items")


def _heads(n_heads, seq=4, width=2):
    rng = np.random.default_rng(27)
    Q, K, V = (rng.normal(size=(seq, n_heads * width)) for _ in range(3))
    return Q, K, V, n_heads


def test_multi_head_attention_is_fast_with_many_heads(timed_gate):
    # 8192 heads of width 2 over 4 positions: one reshape and batched matmuls take about 3 ms
    # on the reference machine; a loop over the heads costs the interpreter per head.
    args = _heads(8192)
    timed_gate(attention.multi_head_attention, args, warmup=_heads(2), budget_ms=62)


def test_multi_head_attention_has_no_python_loop_over_heads(loop_gate):
    loop_gate(attention.multi_head_attention, _heads, over="heads")


def test_multi_head_attention_has_no_python_loop_over_queries(loop_gate):
    loop_gate(
        attention.multi_head_attention,
        lambda n: (*_queries(n, 4, 3, 4), 2),
        over="queries",
    )
