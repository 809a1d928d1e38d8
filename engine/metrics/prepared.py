"""Metrics on inputs checked once: the trainer's per-epoch path.

The public metric functions validate and encode their arguments on every call (``check_labels``, ``np.unique``,
``lookup``), which costs more than the metric itself on a few hundred samples. The trainer's labels are already
class indices 0 … K−1 and its predictions arg-max or threshold indices, so :class:`LabelInputs` checks them once
and counts each class with ``np.bincount``; :data:`PREPARED` maps a metric key to a function of those inputs (or
of targets checked once by ``check_values``) that returns what the public function returns — the same counts go
through the same arithmetic. Options these functions do not cover are handed to the public function. They do not
warn: the trainer silences metric warnings anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np

from engine.metrics._counts import (
    ClassCounts,
    average_scores,
    binary_positive,
    check_set_wise_options,
    set_wise_ratio,
)
from engine.metrics._validation import check_choice, check_values
from engine.metrics.classification import (
    balanced_accuracy_of,
    f1_score,
    jaccard_score,
    matthews_corrcoef_of,
    precision_score,
    recall_score,
    specificity_score,
)
from engine.metrics.curves import rank_auc
from engine.metrics.regression import mae_of, mape_of, mse_of, r2_of, rmse_of
from engine.metrics.scores import roc_auc_score

__all__ = ["PREPARED", "LabelInputs", "prepare_values"]


class LabelInputs:
    """True and predicted class indices (1-D, in 0 … n_classes−1), the scores, and per-class counts."""

    def __init__(self, y_true: np.ndarray, y_pred: np.ndarray, scores: np.ndarray, n_classes: int,
                 true: np.ndarray, pred: np.ndarray) -> None:
        self.y_true, self.y_pred, self.scores, self.n_classes = y_true, y_pred, scores, n_classes
        self.true, self.pred = true, pred  # samples per true / predicted class (int64)

    @classmethod
    def create(cls, y_true: np.ndarray, y_pred: np.ndarray, scores: np.ndarray, n_classes: int) -> LabelInputs | None:
        """The inputs, or None unless both are non-empty 1-D integer vectors of one length in 0 … n_classes−1."""
        if (y_true.ndim != 1 or y_true.shape[0] == 0 or y_pred.shape != y_true.shape
                or y_true.dtype.kind not in "iu" or y_pred.dtype.kind not in "iu"):
            return None
        if y_true.max() >= n_classes or y_pred.max() >= n_classes:
            return None
        try:  # bincount refuses negative values
            true, pred = np.bincount(y_true, minlength=n_classes), np.bincount(y_pred, minlength=n_classes)
        except ValueError:
            return None
        return cls(y_true, y_pred, scores, n_classes, true, pred)

    @cached_property
    def tp(self) -> np.ndarray:
        """Correctly predicted samples per class."""
        return np.bincount(self.y_true[self.y_true == self.y_pred], minlength=self.n_classes)

    @cached_property
    def present(self) -> np.ndarray:
        """The classes found in y_true or y_pred, sorted (``np.unique`` of both)."""
        return np.flatnonzero(self.true + self.pred)

    def counts(self, classes: np.ndarray) -> ClassCounts:
        """``class_counts`` for ``classes`` (indices in range)."""
        return ClassCounts(classes, self.tp[classes], self.pred[classes], self.true[classes],
                           float(self.y_true.shape[0]))

    def set_wise_counts(self, metric: str, average: Any, pos_label: int, zero_division: Any) -> ClassCounts:
        """``set_wise_counts`` of these labels (no weights, no ``labels``)."""
        check_set_wise_options(metric, average, zero_division)
        if average != "binary":
            counts = self.counts(self.present)
            return counts.pooled() if average == "micro" else counts
        pos = binary_positive(metric, self.present, pos_label)
        if 0 <= pos_label < self.n_classes:
            return self.counts(pos)
        none = np.zeros(1, dtype=self.true.dtype)  # a label that no sample has
        return ClassCounts(pos, none, none, none, float(self.y_true.shape[0]))


def _accuracy(inputs: LabelInputs, *, normalize: bool = True) -> float:
    hits = int(inputs.tp.sum())
    return hits / inputs.y_true.shape[0] if normalize else float(hits)


def _balanced_accuracy(inputs: LabelInputs, *, adjusted: bool = False) -> float:
    return balanced_accuracy_of(inputs.counts(inputs.present), adjusted=adjusted)


def _matthews_corrcoef(inputs: LabelInputs) -> float:
    return matthews_corrcoef_of(inputs.counts(inputs.present))


def _set_wise(kind: str, metric: str, public: Callable[..., Any]) -> Callable[..., Any]:
    """The prepared twin of a set-wise metric (precision, recall, F1, specificity, Jaccard)."""

    def score(inputs: LabelInputs, *, average: Any = "binary", pos_label: Any = 1, zero_division: Any = "warn") -> Any:
        if type(pos_label) is not int:  # a float, bool or text label: the public function's checks decide
            return public(inputs.y_true, inputs.y_pred, average=average, pos_label=pos_label,
                          zero_division=zero_division)
        counts = inputs.set_wise_counts(metric, average, pos_label, zero_division)
        return average_scores(set_wise_ratio(kind, counts, zero_division=zero_division, warn=False), counts, average)

    return score


def _rows_sum_to_one(score: np.ndarray) -> bool:
    """``np.allclose(1, score.sum(axis=1))`` (rtol 1e-5, atol 1e-8, in the scores' dtype) without its wrapper."""
    sums = score.sum(axis=1)
    return bool((np.abs(1 - sums) <= 1e-8 + 1e-5 * np.abs(sums)).all() and np.isfinite(sums).all())


def _roc_auc(inputs: LabelInputs, *, average: Any = "macro", multi_class: Any = "raise", max_fpr: Any = None) -> Any:
    """Binary AUC, or the macro/weighted one-vs-rest AUC when every class is present; else the public function."""
    check_choice("roc_auc", "multi_class", multi_class, ("raise", "ovr"))
    score, true = inputs.scores, inputs.true
    usable = (max_fpr is None and score.dtype.kind == "f" and bool((true > 0).all())
              and bool(np.isfinite(score).all()))
    if usable and score.ndim == 1 and inputs.n_classes == 2:
        return rank_auc(inputs.y_true == 1, score)
    if (usable and score.ndim == 2 and score.shape[1] == inputs.n_classes > 2 and multi_class == "ovr"
            and type(average) is str and average in ("macro", "weighted") and _rows_sum_to_one(score)):
        columns = score.T.copy()  # one contiguous row per class, sorted together
        ranked = np.sort(columns, axis=1)
        values = np.array([rank_auc(inputs.y_true == c, columns[c], ranked[c]) for c in range(inputs.n_classes)])
        return float(values.mean()) if average == "macro" else float(np.average(values, weights=true))
    return roc_auc_score(inputs.y_true, score, average=average, multi_class=multi_class, max_fpr=max_fpr)


def prepare_values(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray, None]:
    """Regression targets and predictions checked once (``check_values``), for the ``*_of`` functions."""
    return check_values("regression metrics", y_true, y_pred)


def _on_values(of: Callable[..., Any]) -> Callable[..., Any]:
    def score(values: tuple[np.ndarray, np.ndarray, None], **config: Any) -> Any:
        return of(*values, **config)

    return score


#: metric key → function of :class:`LabelInputs` (labels and scores metrics) or of :func:`prepare_values`' result
PREPARED: dict[str, Callable[..., Any]] = {
    "accuracy": _accuracy,
    "balanced_accuracy": _balanced_accuracy,
    "matthews_corrcoef": _matthews_corrcoef,
    "precision": _set_wise("precision", "precision", precision_score),
    "recall": _set_wise("recall", "recall", recall_score),
    "f1": _set_wise("f-score", "f1", f1_score),
    "specificity": _set_wise("specificity", "specificity", specificity_score),
    "jaccard_score": _set_wise("jaccard", "jaccard_score", jaccard_score),
    "roc_auc": _roc_auc,
    "mse": _on_values(mse_of),
    "rmse": _on_values(rmse_of),
    "mae": _on_values(mae_of),
    "mape": _on_values(mape_of),
    "r2": _on_values(r2_of),
}
