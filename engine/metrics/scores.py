"""Metrics on predicted scores or probabilities: ROC AUC, average precision, mAP, top-k accuracy, log loss.

Columns of a 2-D ``y_score`` belong to the sorted class labels (``labels`` declares classes absent from y_true),
as in scikit-learn. A score that would be undefined (NaN) raises :class:`DataError` saying why.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError
from engine.metrics._counts import UndefinedMetricWarning
from engine.metrics._registration import SCORES_META, register
from engine.metrics._validation import check_choice, check_scores, encode
from engine.metrics.curves import auc, pr_curve, rank_auc, require_both_classes, roc_points
from engine.params import Param

__all__ = ["average_precision_score", "log_loss", "mean_average_precision", "roc_auc_score",
           "top_k_accuracy_score"]

_RANK_AVERAGE = Param("average", "choice", "macro", "How per-class scores combine (multiclass): plain mean "
                      "(macro), support-weighted (weighted), pooled (micro) or none.",
                      choices=("micro", "macro", "weighted"), optional=True)


def _classes(metric: str, yt: np.ndarray, labels: np.ndarray | None, n_columns: int) -> np.ndarray:
    """The labels of the score columns: sorted ``labels`` covering y_true, or the classes of y_true."""
    if labels is None:
        classes = np.unique(yt)
        if classes.shape[0] != n_columns:
            raise ShapeError(f"{metric}: y_true holds {classes.shape[0]} classes but y_score has {n_columns} columns; "
                             "pass labels= with every class, in column order.", param="y_score")
        return classes
    classes = np.unique(labels)
    if classes.shape[0] != labels.shape[0] or not np.array_equal(classes, labels):
        raise ConfigError(f"{metric}: labels must be unique and sorted (the column order); received "
                          f"{labels.tolist()}.", param="labels")
    if classes.shape[0] != n_columns:
        raise ShapeError(f"{metric}: {classes.shape[0]} labels given but y_score has {n_columns} columns.",
                         param="labels")
    encode(metric, "y_true", yt, classes)
    return classes


def _binary_auc(metric: str, yt: np.ndarray, positive: np.ndarray, score: np.ndarray, w: np.ndarray | None,
                max_fpr: float | None) -> float:
    require_both_classes(metric, yt, positive, w)
    full = max_fpr is None or max_fpr == 1
    if full and w is None:
        return rank_auc(positive, score)
    fpr, tpr, _ = roc_points(positive, score, w, drop_intermediate=True)
    if full:
        return auc(fpr, tpr)
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr = np.append(tpr[:stop], np.interp(max_fpr, fpr[stop - 1:stop + 1], tpr[stop - 1:stop + 1]))
    fpr = np.append(fpr[:stop], max_fpr)
    min_area, max_area = 0.5 * max_fpr**2, max_fpr
    return 0.5 * (1 + (auc(fpr, tpr) - min_area) / (max_area - min_area))


def _per_class(metric: str, binary: Any, onehot: np.ndarray, score: np.ndarray, w: np.ndarray | None,
               average: str | None, classes: np.ndarray) -> float | np.ndarray:
    """One-vs-rest scores of each column, reduced like scikit-learn's ``_average_binary_score``."""
    if average == "micro":
        flat_w = None if w is None else np.repeat(w, onehot.shape[1])
        return binary(onehot.ravel(), score.ravel(), flat_w)
    support = onehot.sum(axis=0) if w is None else w @ onehot
    defined = support > 0
    values = np.full(onehot.shape[1], math.nan)
    for c in np.flatnonzero(defined):  # one binary curve per class, vectorised inside
        values[c] = binary(onehot[:, c], score[:, c], w)
    if average is None:
        return values
    if average == "weighted":
        if not defined.all():
            warnings.warn(f"{metric}: classes {classes[~defined].tolist()} have no samples in y_true; their score is "
                          "undefined and gets zero weight.", UndefinedMetricWarning, stacklevel=3)
        if support.sum() == 0:
            return 0.0
        return float(np.average(np.where(defined, values, 0.0), weights=support))
    if not defined.all():
        absent = classes[~defined].tolist()
        raise DataError(f"{metric} (macro average) needs every class in y_true; {absent} absent. Use "
                        "average='weighted' or drop the class from labels.", param="y_true")
    return float(values.mean())


@register("roc_auc", aliases=("roc_auc_score", "auc_roc"), display="ROC AUC", greater_is_better=True,
          **SCORES_META, params=(
              _RANK_AVERAGE,
              Param("multi_class", "choice", "raise", "Multiclass scores: 'ovr' averages one-vs-rest AUCs; "
                    "'raise' refuses them.", choices=("raise", "ovr")),
              Param("max_fpr", "float", None, "Standardised partial AUC up to this false positive rate.",
                    low=0, high=1, low_open=True, optional=True)))
def roc_auc_score(y_true: Any, y_score: Any, *, average: str | None = "macro", sample_weight: Any = None,
                  max_fpr: float | None = None, multi_class: str = "raise", labels: Any = None) -> Any:
    """Area under the ROC curve: the chance a random positive scores above a random negative."""
    metric = "roc_auc"
    check_choice(metric, "multi_class", multi_class, ("raise", "ovr"))
    yt, score, w, lab = check_scores(metric, y_true, y_score, sample_weight, labels)
    if max_fpr is not None and not 0 < max_fpr <= 1:
        raise ConfigError(f"{metric}: max_fpr must be in (0, 1]; received {max_fpr!r}.", param="max_fpr")
    present = np.unique(yt)
    if score.ndim == 1:
        if present.shape[0] > 2:
            raise ShapeError(f"{metric}: y_score must be (n_samples, n_classes) since y_true holds "
                             f"{present.shape[0]} classes; received shape {score.shape}.", param="y_score")
        return float(_binary_auc(metric, yt, yt == present[-1], score, w, max_fpr))
    if score.shape[1] == 2 and present.shape[0] <= 2:
        raise ShapeError(f"{metric}: a binary task needs a 1-D y_score (the positive class's score); received "
                         f"shape {score.shape}. Pass y_score[:, 1].", param="y_score")
    if multi_class == "raise":
        raise ConfigError(f"{metric}: y_score has {score.shape[1]} classes; pass multi_class='ovr' for the "
                          "one-vs-rest AUC.", param="multi_class")
    if max_fpr is not None and max_fpr != 1:
        raise ConfigError(f"{metric}: max_fpr is only available for binary tasks; received {max_fpr!r}.",
                          param="max_fpr")
    check_choice(metric, "average", average, ("micro", "macro", "weighted", None))
    if not np.allclose(1, score.sum(axis=1)):
        raise DataError(f"{metric}: multiclass scores must be probabilities summing to 1 per row; row "
                        f"{int(np.flatnonzero(~np.isclose(1, score.sum(axis=1)))[0])} does not.", param="y_score")
    classes = _classes(metric, yt, lab, score.shape[1])
    onehot = yt[:, None] == classes[None, :]

    def binary(positive: np.ndarray, s: np.ndarray, weight: np.ndarray | None) -> float:
        return _binary_auc(metric, positive.astype(np.int64), positive, s, weight, None)

    return _per_class(metric, binary, onehot, score, w, average, classes)


def _average_precision(positive: np.ndarray, score: np.ndarray, w: np.ndarray | None, metric: str) -> float:
    precision, recall, _ = pr_curve(metric, positive, score, w, drop_intermediate=False)
    return float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))


@register("average_precision", aliases=("average_precision_score",), display="Average precision",
          greater_is_better=True, **SCORES_META, params=(_RANK_AVERAGE,))
def average_precision_score(y_true: Any, y_score: Any, *, average: str | None = "macro", pos_label: Any = 1,
                            sample_weight: Any = None) -> Any:
    """Area under the precision-recall step curve: Σ (R_n − R_{n−1}) P_n over thresholds."""
    metric = "average_precision"
    check_choice(metric, "average", average, ("micro", "macro", "weighted", None))
    yt, score, w, _ = check_scores(metric, y_true, y_score, sample_weight)
    classes = np.unique(yt)
    if classes.shape[0] <= 2:
        if score.ndim != 1:
            raise ShapeError(f"{metric}: a binary task needs a 1-D y_score (the positive class's score); received "
                             f"shape {score.shape}.", param="y_score")
        if classes.shape[0] == 2 and pos_label not in classes.tolist():
            raise DataError(f"{metric}: pos_label={pos_label!r} is not a valid label; it should be one of "
                            f"{classes.tolist()}.", param="pos_label")
        return _average_precision(yt == pos_label, score, w, metric)
    if pos_label != 1:
        raise ConfigError(f"{metric}: pos_label is fixed to 1 for multiclass y_true.", param="pos_label")
    if score.shape != (yt.shape[0], classes.shape[0]):
        raise ShapeError(f"{metric}: y_score must have shape (n_samples, n_classes) = {(yt.shape[0], classes.shape[0])}"
                         f" since y_true holds several classes; received {score.shape}.", param="y_score")
    onehot = yt[:, None] == classes[None, :]

    def binary(positive: np.ndarray, s: np.ndarray, weight: np.ndarray | None) -> float:
        return _average_precision(positive, s, weight, metric)

    return _per_class(metric, binary, onehot, score, w, average, classes)


@register("mean_average_precision", aliases=("map",), display="mAP", greater_is_better=True, **SCORES_META,
          params=())
def mean_average_precision(y_true: Any, y_score: Any, *, labels: Any = None, sample_weight: Any = None) -> float:
    """Mean over the classes present in y_true of their one-vs-rest average precision (absent classes skipped)."""
    metric = "mean_average_precision"
    yt, score, w, lab = check_scores(metric, y_true, y_score, sample_weight, labels)
    if score.ndim != 2:
        raise ShapeError(f"{metric}: y_score must be (n_samples, n_classes); received shape {score.shape}.",
                         param="y_score")
    classes = _classes(metric, yt, lab, score.shape[1])
    onehot = yt[:, None] == classes[None, :]

    def binary(positive: np.ndarray, s: np.ndarray, weight: np.ndarray | None) -> float:
        return _average_precision(positive, s, weight, metric)

    per_class = _per_class(metric, binary, onehot, score, w, None, classes)
    return float(np.nanmean(per_class))


@register("top_k_accuracy", aliases=("top_k_accuracy_score",), display="Top-k accuracy", greater_is_better=True,
          **SCORES_META, params=(
              Param("k", "int", 2, "A sample counts as correct when its class is among the k highest scores.",
                    low=1, typical="5"),
              Param("normalize", "bool", True, "Fraction of correct samples (true) or their count (false).")))
def top_k_accuracy_score(y_true: Any, y_score: Any, *, k: int = 2, normalize: bool = True, sample_weight: Any = None,
                         labels: Any = None) -> float:
    """Fraction of samples whose true class is among the ``k`` highest-scored classes."""
    metric = "top_k_accuracy"
    yt, score, w, lab = check_scores(metric, y_true, y_score, sample_weight, labels)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ConfigError(f"{metric}: k must be an integer ≥ 1; received {k!r}.", param="k")
    binary = np.unique(yt).shape[0] <= 2 and (lab is None or lab.shape[0] <= 2)
    if binary and score.ndim == 2:
        raise ShapeError(f"{metric}: y_true is binary but y_score has {score.shape[1]} columns; if y_true does not "
                         "hold every class, pass labels=.", param="y_score")
    if not binary and score.ndim != 2:
        raise ShapeError(f"{metric}: y_score must be (n_samples, n_classes) since y_true holds several classes; "
                         f"received shape {score.shape}.", param="y_score")
    classes = _classes(metric, yt, lab, score.shape[1] if score.ndim == 2 else 2)
    if k >= classes.shape[0]:
        warnings.warn(f"{metric}: k ({k}) ≥ the number of classes ({classes.shape[0]}) gives a perfect score.",
                      UndefinedMetricWarning, stacklevel=2)
    index = encode(metric, "y_true", yt, classes)
    if binary:
        if k == 1:
            threshold = 0.5 if score.min() >= 0 and score.max() <= 1 else 0
            hits = (score > threshold).astype(np.int64) == index
        else:
            hits = np.ones(score.shape[0], dtype=bool)
    else:
        ranked = np.argsort(score, axis=1, kind="mergesort")[:, ::-1]
        hits = (ranked[:, :k] == index[:, None]).any(axis=1)
    if normalize:
        return float(np.average(hits, weights=w))
    return float(hits.sum() if w is None else np.dot(hits, w))


@register("log_loss", aliases=("cross_entropy",), display="Log loss", greater_is_better=False, **SCORES_META,
          params=(Param("normalize", "bool", True, "Mean loss per sample (true) or the sum (false)."),))
def log_loss(y_true: Any, y_proba: Any, *, normalize: bool = True, sample_weight: Any = None,
             labels: Any = None) -> float:
    """Negative log-likelihood of the true classes; probabilities are clipped to [eps, 1 − eps] of their dtype."""
    metric = "log_loss"
    yt, proba, w, lab = check_scores(metric, y_true, y_proba, sample_weight, labels, name="y_proba")
    if proba.max() > 1 or proba.min() < 0:
        bad = np.flatnonzero(((proba > 1) | (proba < 0)).ravel())[0]
        raise DataError(f"{metric}: y_proba must hold probabilities in [0, 1]; received {proba.ravel()[bad]} at "
                        f"flat index {int(bad)}.", param="y_proba", index=int(bad))
    classes = np.unique(yt) if lab is None else np.unique(lab)
    if lab is not None:
        encode(metric, "y_true", yt, classes)
    if classes.shape[0] < 2:
        where = "y_true contains" if lab is None else "labels contain"
        raise DataError(f"{metric}: {where} only one label ({classes[0]}); pass labels= with every expected class.",
                        param="labels")
    if proba.ndim == 1:
        proba = np.stack([1 - proba, proba], axis=1)
    if proba.shape[1] != classes.shape[0]:
        raise ShapeError(f"{metric}: y_true and y_proba hold different numbers of classes ({classes.shape[0]} vs "
                         f"{proba.shape[1]}); pass labels= with every class.", param="y_proba")
    eps = np.finfo(proba.dtype).eps
    if not np.isclose(proba.sum(axis=1), 1, rtol=math.sqrt(eps), atol=1e-8).all():
        warnings.warn(f"{metric}: the y_proba rows do not sum to one; pass probabilities.", UserWarning,
                      stacklevel=2)
    clipped = np.clip(proba, eps, 1 - eps)
    onehot = (yt[:, None] == classes[None, :]).astype(proba.dtype)
    loss = -(onehot * np.log(clipped)).sum(axis=1)
    if normalize:
        return float(np.average(loss, weights=w))
    return float(loss.sum() if w is None else np.dot(loss, w))
