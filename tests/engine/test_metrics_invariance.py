"""Invariances every classification metric must have: sample order and consistent relabelling don't matter."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

from engine import metrics as em
from engine.registry import METRICS

RNG = np.random.default_rng(7)
N = 60
Y3 = RNG.integers(0, 3, N)
PRED3 = np.where(RNG.uniform(size=N) < 0.6, Y3, RNG.integers(0, 3, N))
LOGITS = RNG.normal(size=(N, 3)) + 1.2 * np.eye(3)[Y3]
PROBA3 = np.exp(LOGITS) / np.exp(LOGITS).sum(axis=1, keepdims=True)
YB = RNG.integers(0, 2, N)
SCORE = np.round(RNG.uniform(size=N) * 0.7 + 0.3 * YB, 1)  # ties on purpose
WEIGHT = RNG.uniform(0.5, 2.0, N)
NEW_LABELS = np.array(["q", "b", "k"])  # class c becomes NEW_LABELS[c]; sorted order differs from 0, 1, 2

#: Options per key that make it a multiclass macro score (set-wise) or a one-vs-rest one.
OPTIONS: dict[str, dict[str, Any]] = {
    "precision": {"average": "macro"}, "recall": {"average": "macro"}, "f1": {"average": "macro"},
    "specificity": {"average": "macro"}, "jaccard_score": {"average": "macro"},
    "roc_auc": {"multi_class": "ovr"}, "top_k_accuracy": {"k": 2},
}
CLASSIFICATION = METRICS.names(task="classification")
BINARY_ONLY = {"roc_curve", "precision_recall_curve"}


def _call(key: str, y: np.ndarray, second: np.ndarray, weight: np.ndarray | None) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return METRICS.get(key)(y, second, sample_weight=weight, **OPTIONS.get(key, {}))


def _inputs(key: str) -> tuple[np.ndarray, np.ndarray]:
    if key in BINARY_ONLY:
        return YB, SCORE
    return (Y3, PRED3) if METRICS.meta(key)["input"] == "labels" else (Y3, PROBA3)


def _same(a: Any, b: Any) -> None:
    if isinstance(a, tuple):
        for x, y in zip(a, b, strict=True):
            np.testing.assert_allclose(x, y, rtol=1e-12, atol=1e-12)
    else:
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_the_parametrisation_covers_every_classification_metric() -> None:
    assert len(CLASSIFICATION) >= 16
    assert set(OPTIONS) <= set(CLASSIFICATION)


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("key", CLASSIFICATION)
def test_permuting_samples_leaves_the_value_unchanged(key: str, weighted: bool) -> None:
    y, second = _inputs(key)
    weight = WEIGHT if weighted else None
    order = RNG.permutation(N)
    _same(_call(key, y, second, weight), _call(key, y[order], second[order], None if weight is None else weight[order]))


@pytest.mark.parametrize("key", sorted(set(CLASSIFICATION) - BINARY_ONLY))
def test_consistent_relabelling_leaves_macro_scores_unchanged(key: str) -> None:
    y, second = _inputs(key)
    before = _call(key, y, second, WEIGHT)
    if METRICS.meta(key)["input"] == "labels":
        after = _call(key, NEW_LABELS[y], NEW_LABELS[second], WEIGHT)
    else:  # score columns follow the sorted labels, so they move with the relabelling
        after = _call(key, NEW_LABELS[y], second[:, np.argsort(NEW_LABELS)], WEIGHT)
    if key == "confusion_matrix":  # rows and columns follow the sorted new labels
        perm = np.argsort(NEW_LABELS)
        before = before[np.ix_(perm, perm)]
    _same(before, after)


@pytest.mark.parametrize("key", ["roc_curve", "precision_recall_curve", "roc_auc", "average_precision"])
def test_binary_scores_are_invariant_to_label_names(key: str) -> None:
    """{0, 1} and {"neg", "pos"} with pos_label="pos" give the same curve or score."""
    names = np.array(["neg", "pos"])
    kwargs = {} if key == "roc_auc" else {"pos_label": "pos"}
    _same(METRICS.get(key)(YB, SCORE), METRICS.get(key)(names[YB], SCORE, **kwargs))


def test_roc_auc_is_the_probability_of_a_correctly_ranked_pair() -> None:
    """Mann-Whitney: ties count one half; independent of the curve code."""
    pos, neg = SCORE[YB == 1], SCORE[YB == 0]
    pairs = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
    assert em.roc_auc_score(YB, SCORE) == pytest.approx(pairs, abs=1e-12)


def test_macro_precision_is_the_mean_of_per_class_values() -> None:
    per_class = em.per_class_metrics(Y3, PRED3)
    assert list(per_class) == [0, 1, 2]
    assert em.precision_score(Y3, PRED3, average="macro") == pytest.approx(
        np.mean([v["precision"] for v in per_class.values()]), abs=1e-12)
    assert sum(v["support"] for v in per_class.values()) == N
    assert em.confusion_matrix(Y3, PRED3).sum() == N


def test_threshold_metrics_agree_with_the_label_metrics() -> None:
    for threshold in (0.2, 0.5, 0.8):
        point = em.threshold_metrics(YB, SCORE, threshold)
        pred = np.greater_equal(SCORE, threshold).astype(int)
        assert point["precision"] == em.precision_score(YB, pred, zero_division=0.0)
        assert point["recall"] == em.recall_score(YB, pred)
        assert point["specificity"] == em.specificity_score(YB, pred)
        assert point["confusion_matrix"] == em.confusion_matrix(YB, pred, labels=[0, 1]).tolist()


def test_float32_inputs_keep_their_precision_and_agree_with_float64() -> None:
    y32, p32 = PROBA3.astype(np.float32), PROBA3[:, ::-1].astype(np.float32)
    assert em.log_loss(Y3, y32) == pytest.approx(em.log_loss(Y3, PROBA3), rel=1e-6)
    assert em.mean_squared_error(y32, p32) == pytest.approx(em.mean_squared_error(PROBA3, PROBA3[:, ::-1]), rel=1e-6)
    _, _, thresholds = em.precision_recall_curve(YB, SCORE.astype(np.float32))
    assert thresholds.dtype == np.float32
