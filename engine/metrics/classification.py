"""Classification metrics on predicted labels, with scikit-learn's names, signatures and edge cases."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from engine.errors import DataError
from engine.metrics._counts import ClassCounts, average_scores, class_counts, set_wise_counts, set_wise_ratio
from engine.metrics._registration import (
    AVERAGE,
    LABELS_META,
    POS_LABEL,
    ZERO_DIVISION,
    register,
)
from engine.metrics._validation import check_choice, check_labels, lookup
from engine.params import Param

__all__ = [
    "accuracy_score",
    "balanced_accuracy_score",
    "confusion_matrix",
    "f1_score",
    "fbeta_score",
    "jaccard_score",
    "matthews_corrcoef",
    "precision_score",
    "recall_score",
    "specificity_score",
]


@register("accuracy", aliases=("accuracy_score",), display="Accuracy", **LABELS_META,
          params=(Param("normalize", "bool", True, "Fraction of correct samples (true) or their count (false)."),))
def accuracy_score(y_true: Any, y_pred: Any, *, normalize: bool = True, sample_weight: Any = None) -> float:
    """Fraction (or count) of samples whose predicted label equals the true label."""
    yt, yp, w, _ = check_labels("accuracy", y_true, y_pred, sample_weight)
    correct = yt == yp
    if normalize:
        return float(np.average(correct, weights=w))
    return float(correct.sum() if w is None else np.dot(correct, w))


@register("balanced_accuracy", aliases=("balanced_accuracy_score",), display="Balanced accuracy", **LABELS_META,
          params=(Param("adjusted", "bool", False, "Rescale so that chance scores 0 and perfect scores 1."),))
def balanced_accuracy_score(y_true: Any, y_pred: Any, *, sample_weight: Any = None, adjusted: bool = False) -> float:
    """Mean recall over the classes present in y_true: robust to class imbalance."""
    yt, yp, w, _ = check_labels("balanced_accuracy", y_true, y_pred, sample_weight)
    return balanced_accuracy_of(class_counts(yt, yp, w, None), adjusted=adjusted)


def balanced_accuracy_of(counts: ClassCounts, *, adjusted: bool) -> float:
    """Balanced accuracy from the counts of every label present in y_true or y_pred."""
    in_true = counts.true != 0
    if not in_true.all():
        warnings.warn("balanced_accuracy: y_pred contains classes not in y_true; they are left out.", UserWarning,
                      stacklevel=3)
    per_class = counts.tp[in_true] / counts.true[in_true]
    score = float(per_class.mean())
    if adjusted:
        chance = 1 / per_class.shape[0]
        score = (score - chance) / (1 - chance)
    return score


@register("confusion_matrix", display="Confusion matrix", task="classification", input="labels",
          greater_is_better=None, output="matrix",
          params=(Param("normalize", "choice", None, "Divide by the true counts (rows), predicted counts "
                        "(columns) or all samples.", choices=("true", "pred", "all"), optional=True),))
def confusion_matrix(y_true: Any, y_pred: Any, *, labels: Any = None, sample_weight: Any = None,
                     normalize: str | None = None) -> np.ndarray:
    """C[i, j] = samples of true class i predicted as class j (rows: truth, columns: prediction)."""
    check_choice("confusion_matrix", "normalize", normalize, (None, "true", "pred", "all"))
    yt, yp, w, lab = check_labels("confusion_matrix", y_true, y_pred, sample_weight, labels)
    if lab is None:
        lab = np.unique(np.concatenate([yt, yp]))
    elif not np.isin(yt, lab).any():
        raise DataError(f"confusion_matrix: none of labels {lab.tolist()} occurs in y_true; at least one must.",
                        param="labels")
    n = lab.shape[0]
    it, ip = lookup(yt, lab), lookup(yp, lab)
    keep = (it >= 0) & (ip >= 0)
    cells = it[keep] * n + ip[keep]
    if w is None:
        cm = np.bincount(cells, minlength=n * n).reshape(n, n)
    else:
        cm = np.bincount(cells, weights=w[keep], minlength=n * n).reshape(n, n)
    if normalize is not None:
        total = {"true": cm.sum(axis=1, keepdims=True), "pred": cm.sum(axis=0, keepdims=True), "all": cm.sum()}
        den = total[normalize]
        cm = np.divide(cm, den, out=np.zeros(cm.shape, dtype=np.float64), where=den != 0)
    if cm.shape == (1, 1):
        warnings.warn("confusion_matrix: a single label was found in y_true and y_pred; pass labels= with every "
                      "known label for a matrix of the right shape.", UserWarning, stacklevel=2)
    return cm


def precision_recall_fscore_support(
    y_true: Any, y_pred: Any, *, beta: float = 1.0, labels: Any = None, pos_label: Any = 1,
    average: str | None = None, sample_weight: Any = None, zero_division: Any = "warn",
    warn_for: tuple[str, ...] = ("precision", "recall", "f-score"), metric: str = "precision_recall_fscore",
) -> tuple[Any, Any, Any, np.ndarray | None]:
    """Precision, recall, F-beta and support (support only when ``average`` is None), as scikit-learn."""
    counts = set_wise_counts(metric, y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
                             sample_weight=sample_weight, zero_division=zero_division)
    precision, recall, fscore = (
        set_wise_ratio(kind, counts, zero_division=zero_division, beta=beta, warn=kind in warn_for)
        for kind in ("precision", "recall", "f-score"))
    if average is None:
        return precision, recall, fscore, counts.true
    return (average_scores(precision, counts, average), average_scores(recall, counts, average),
            average_scores(fscore, counts, average), None)


_SET_WISE = (AVERAGE, POS_LABEL, ZERO_DIVISION)


@register("precision", aliases=("precision_score",), display="Precision", **LABELS_META, params=_SET_WISE)
def precision_score(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
                    sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Of the samples predicted as a class, the fraction that belong to it: tp / (tp + fp)."""
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average, sample_weight=sample_weight,
        zero_division=zero_division, warn_for=("precision",), metric="precision")[0]


@register("recall", aliases=("recall_score", "sensitivity"), display="Recall", **LABELS_META, params=_SET_WISE)
def recall_score(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
                 sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Of the samples of a class, the fraction predicted as it: tp / (tp + fn)."""
    return precision_recall_fscore_support(
        y_true, y_pred, labels=labels, pos_label=pos_label, average=average, sample_weight=sample_weight,
        zero_division=zero_division, warn_for=("recall",), metric="recall")[1]


@register("f1", aliases=("f1_score",), display="F1", **LABELS_META, params=_SET_WISE)
def f1_score(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
             sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Harmonic mean of precision and recall: 2 tp / (2 tp + fp + fn)."""
    return fbeta_score(y_true, y_pred, beta=1.0, labels=labels, pos_label=pos_label, average=average,
                       sample_weight=sample_weight, zero_division=zero_division, _metric="f1")


def fbeta_score(y_true: Any, y_pred: Any, *, beta: float, labels: Any = None, pos_label: Any = 1,
                average: Any = "binary", sample_weight: Any = None, zero_division: Any = "warn",
                _metric: str = "fbeta") -> Any:
    """Weighted harmonic mean of precision and recall; recall counts ``beta`` times as much."""
    return precision_recall_fscore_support(
        y_true, y_pred, beta=beta, labels=labels, pos_label=pos_label, average=average,
        sample_weight=sample_weight, zero_division=zero_division, warn_for=("f-score",), metric=_metric)[2]


@register("specificity", aliases=("specificity_score", "true_negative_rate"), display="Specificity",
          **LABELS_META, params=_SET_WISE)
def specificity_score(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
                      sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Of the samples not of a class, the fraction not predicted as it: tn / (tn + fp) (one-vs-rest)."""
    counts = set_wise_counts("specificity", y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
                             sample_weight=sample_weight, zero_division=zero_division)
    return average_scores(set_wise_ratio("specificity", counts, zero_division=zero_division), counts, average)


@register("jaccard_score", display="Jaccard index", **LABELS_META, params=_SET_WISE)
def jaccard_score(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
                  sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Intersection over union of the true and predicted sets of each class: tp / (tp + fp + fn)."""
    counts = set_wise_counts("jaccard_score", y_true, y_pred, labels=labels, pos_label=pos_label, average=average,
                             sample_weight=sample_weight, zero_division=zero_division)
    return average_scores(set_wise_ratio("jaccard", counts, zero_division=zero_division), counts, average)


@register("matthews_corrcoef", aliases=("mcc",), display="MCC", **LABELS_META, params=())
def matthews_corrcoef(y_true: Any, y_pred: Any, *, sample_weight: Any = None) -> float:
    """Correlation between true and predicted labels, in [-1, 1]; 0 when either is constant."""
    yt, yp, w, _ = check_labels("matthews_corrcoef", y_true, y_pred, sample_weight)
    return matthews_corrcoef_of(class_counts(yt, yp, w, None))


def matthews_corrcoef_of(counts: ClassCounts) -> float:
    """Matthews correlation from the counts of every label present in y_true or y_pred."""
    t_sum, p_sum = counts.true.astype(np.float64), counts.pred.astype(np.float64)
    n_correct = float(counts.tp.sum())
    n = p_sum.sum()
    cov_ytyp = n_correct * n - np.dot(t_sum, p_sum)
    cov_ypyp = n * n - np.dot(p_sum, p_sum)
    cov_ytyt = n * n - np.dot(t_sum, t_sum)
    if cov_ypyp * cov_ytyt == 0:
        return 0.0
    return float(cov_ytyp / np.sqrt(cov_ypyp * cov_ytyt))
