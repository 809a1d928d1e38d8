"""Hold-out, stratified, k-fold and time-ordered index splits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.data.splits import k_fold, largest_remainder, time_ordered_split, train_val_test_split
from engine.errors import ConfigError

LABELS = np.repeat([0, 1, 2], [50, 30, 20])


def _check_partition(n, parts):
    joined = np.concatenate(parts)
    assert len(joined) == n and set(joined.tolist()) == set(range(n))  # disjoint and complete


def test_sizes_are_exact_and_parts_disjoint():
    train, val, test = train_val_test_split(103, val=0.2, test=0.1, seed=0)
    assert (len(val), len(test), len(train)) == (21, 10, 72)
    _check_partition(103, [train, val, test])
    assert all(p.dtype == np.int64 and np.all(np.diff(p) > 0) for p in (train, val, test))


def test_same_seed_same_split_other_seed_other_split():
    a = train_val_test_split(LABELS, val=0.2, test=0.2, seed=7)
    b = train_val_test_split(LABELS, val=0.2, test=0.2, seed=7)
    c = train_val_test_split(LABELS, val=0.2, test=0.2, seed=8)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[1], c[1])


def test_stratified_parts_keep_class_proportions():
    train, val, test = train_val_test_split(LABELS, val=0.2, test=0.1, seed=3)
    np.testing.assert_array_equal(np.bincount(LABELS[val]), [10, 6, 4])
    np.testing.assert_array_equal(np.bincount(LABELS[test]), [5, 3, 2])
    np.testing.assert_array_equal(np.bincount(LABELS[train]), [35, 21, 14])


def test_stratified_works_on_text_labels():
    y = np.array(["b", "a"] * 10)
    _, val, _ = train_val_test_split(y, val=0.5, seed=0)
    assert sorted(y[val].tolist()) == ["a"] * 5 + ["b"] * 5


@settings(max_examples=60, deadline=None)
@given(counts=st.lists(st.integers(1, 40), min_size=1, max_size=6), val=st.floats(0, 0.45),
       test=st.floats(0, 0.45), seed=st.integers(0, 2**16))
def test_stratified_rounding_is_exact_in_total_and_within_one_per_class(counts, val, test, seed):
    y = np.repeat(np.arange(len(counts)), counts)
    n = len(y)
    train, v, t = train_val_test_split(y, val=val, test=test, seed=seed)
    _check_partition(n, [train, v, t])
    assert len(t) == round(test * n)
    assert len(v) <= round(val * n)
    for k, count in enumerate(counts):  # each class gets its exact share of the rounded total, ± 1
        assert abs(np.sum(y[t] == k) - len(t) * count / n) < 1
        assert np.sum(y[v] == k) < round(val * n) * count / n + 1


def test_unstratified_split_ignores_labels():
    y = np.array([0] * 90 + [1] * 10)
    shares = [np.sum(y[train_val_test_split(y, test=0.5, stratify=False, seed=s)[2]]) for s in range(20)]
    assert len(set(shares)) > 1  # the minority share varies from seed to seed; stratified it would not


def test_without_shuffle_the_last_samples_are_held_out():
    train, val, test = train_val_test_split(10, val=0.2, test=0.3, shuffle=False)
    np.testing.assert_array_equal(train, np.arange(5))
    np.testing.assert_array_equal(val, [5, 6])
    np.testing.assert_array_equal(test, [7, 8, 9])
    for a, b in zip(time_ordered_split(10, val=0.2, test=0.3), (train, val, test), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"val": 0.6, "test": 0.4}, "val \\+ test must be < 1"),
    ({"val": -0.1}, "val fraction"),
    ({"test": 1.0}, "test fraction"),
    ({"val": True}, "val fraction"),
])
def test_invalid_fractions(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        train_val_test_split(10, **kwargs)


def test_invalid_sample_inputs():
    with pytest.raises(ConfigError, match="at least 1"):
        train_val_test_split(0, val=0.2)
    with pytest.raises(ConfigError, match="1-D label array"):
        train_val_test_split(np.zeros((3, 2)), val=0.2)


def test_k_fold_validates_every_sample_once():
    folds = k_fold(23, 5, seed=1)
    assert len(folds) == 5
    vals = [v for _, v in folds]
    _check_partition(23, vals)
    assert sorted(len(v) for v in vals) == [4, 4, 5, 5, 5]
    for train, val in folds:
        _check_partition(23, [train, val])


def test_stratified_k_fold_keeps_proportions_and_is_reproducible():
    folds = k_fold(LABELS, 5, seed=2)
    for _, val in folds:
        np.testing.assert_array_equal(np.bincount(LABELS[val], minlength=3), [10, 6, 4])
    again = k_fold(LABELS, 5, seed=2)
    for (a, b), (c, d) in zip(folds, again, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


def test_k_fold_without_shuffle_gives_round_robin_folds():
    folds = k_fold(6, 3, shuffle=False)
    np.testing.assert_array_equal(folds[0][1], [0, 3])
    np.testing.assert_array_equal(folds[2][1], [2, 5])


@pytest.mark.parametrize("k", [1, 11, 2.5, True])
def test_k_fold_rejects_bad_k(k):
    with pytest.raises(ConfigError, match=r"k in \[2, 10\]"):
        k_fold(10, k)


def test_largest_remainder_shares_exactly():
    np.testing.assert_array_equal(largest_remainder(10, np.array([1, 1, 1])), [4, 3, 3])
    np.testing.assert_array_equal(largest_remainder(3, np.array([50, 30, 20])), [1, 1, 1])
    np.testing.assert_array_equal(largest_remainder(0, np.array([5, 5])), [0, 0])
