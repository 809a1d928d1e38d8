"""Threshold curves of a binary scorer (ROC, precision-recall) and the area under a curve.

One sort of the scores by decreasing value and two cumulative sums give the true and false positive counts at
every distinct threshold, as scikit-learn's ``confusion_matrix_at_thresholds`` does; tied scores form one point.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import DataError, ShapeError
from engine.metrics._registration import SCORES_META, register
from engine.metrics._validation import check_scores, float_array
from engine.params import Param

__all__ = ["auc", "binary_targets", "counts_at_thresholds", "pr_curve", "precision_recall_curve", "rank_auc",
           "require_both_classes", "roc_curve", "roc_points"]


def binary_targets(metric: str, yt: np.ndarray, pos_label: Any) -> np.ndarray:
    """``yt == pos_label`` as booleans; without ``pos_label`` the labels must be {0, 1} or {-1, 1}."""
    classes = np.unique(yt)
    if pos_label is None:
        numeric = classes.dtype.kind not in "US"
        allowed = ({0, 1}, {-1, 1}, {0}, {-1}, {1})
        if not numeric or set(classes.tolist()) not in allowed:
            raise DataError(f"{metric}: y_true takes the values {classes.tolist()[:6]} and pos_label is not given; "
                            "make y_true take values in {0, 1} or {-1, 1}, or pass pos_label.", param="pos_label")
        pos_label = 1
    if classes.shape[0] > 2:
        raise DataError(f"{metric}: y_true holds {classes.shape[0]} classes; a binary curve needs two — score one "
                        "class against the rest with y_true == class.", param="y_true")
    return yt == pos_label


def counts_at_thresholds(positive: np.ndarray, score: np.ndarray, w: np.ndarray | None
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False and true positive counts (float64) at each distinct score, highest first, and those scores."""
    if w is not None:
        keep = w != 0
        positive, score, w = positive[keep], score[keep], w[keep]
        if not keep.any():
            raise DataError("every sample_weight is 0; at least one sample must count.", param="sample_weight")
    order = np.argsort(-score, kind="stable")
    score, positive = score[order], positive[order].astype(np.float64)
    last = np.concatenate([np.flatnonzero(np.diff(score)), [score.shape[0] - 1]])
    if w is None:
        tps = np.cumsum(positive * 1.0)[last]
        fps = 1 + last.astype(np.float64) - tps
    else:
        w = w[order]
        tps = np.cumsum(positive * w)[last]
        fps = np.cumsum((1 - positive) * w)[last]
    return fps, tps, score[last]


def _binary_inputs(metric: str, y_true: Any, y_score: Any, pos_label: Any, sample_weight: Any
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    yt, score, w, _ = check_scores(metric, y_true, y_score, sample_weight)
    if score.ndim != 1:
        raise ShapeError(f"{metric}: y_score must be 1-D (the positive class's score) for a binary curve; received "
                         f"shape {score.shape}.", param="y_score")
    return yt, binary_targets(metric, yt, pos_label), score, w


def require_both_classes(metric: str, yt: np.ndarray, positive: np.ndarray, w: np.ndarray | None) -> None:
    """Raise :class:`DataError` unless y_true holds positive and negative samples (of non-zero weight)."""
    used = slice(None) if w is None else w > 0
    seen = positive[used]
    if seen.size == 0:
        raise DataError(f"{metric} needs samples of non-zero weight; every sample_weight is 0.",
                        param="sample_weight")
    if seen.all() or not seen.any():
        only = np.unique(yt[used]).tolist()
        which = f"class {only[0]}" if len(only) == 1 else f"classes {only} and no positive one"
        raise DataError(f"{metric} needs both classes in y_true; received only {which}.", param="y_true")


_CURVE_META = {**SCORES_META, "greater_is_better": None, "output": "curve"}


@register("roc_curve", display="ROC curve", **_CURVE_META,
          params=(Param("drop_intermediate", "bool", True, "Drop thresholds that add no corner to the curve."),))
def roc_curve(y_true: Any, y_score: Any, *, pos_label: Any = None, sample_weight: Any = None,
              drop_intermediate: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False and true positive rates at each threshold, from (0, 0) at threshold +inf to (1, 1)."""
    yt, positive, score, w = _binary_inputs("roc_curve", y_true, y_score, pos_label, sample_weight)
    require_both_classes("roc_curve", yt, positive, w)
    return roc_points(positive, score, w, drop_intermediate)


def roc_points(positive: np.ndarray, score: np.ndarray, w: np.ndarray | None,
               drop_intermediate: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve of validated inputs that hold both classes."""
    fps, tps, thresholds = counts_at_thresholds(positive, score, w)
    if drop_intermediate and fps.shape[0] > 2:
        corner = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))
        keep = np.flatnonzero(np.concatenate([[True], corner, [True]]))
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    fps = np.concatenate([[0.0], fps])
    tps = np.concatenate([[0.0], tps])
    thresholds = np.concatenate([[np.inf], thresholds.astype(np.float64)])
    return fps / fps[-1], tps / tps[-1], thresholds


def rank_auc(positive: np.ndarray, score: np.ndarray, ranked: np.ndarray | None = None) -> float:
    """Unweighted area under the ROC curve of inputs holding both classes, from ranks instead of the curve.

    The area is the Mann-Whitney U over (positives x negatives): 2U = sum over positives of (#scores < s) +
    (#scores <= s) minus P², tied pairs counting one half, as tied scores form one ROC point. It is summed
    exactly in integers and divided once, so it equals the trapezoidal area up to its rounding (~1e-16).
    ``ranked`` is ``np.sort(score)`` when the caller has it already.
    """
    ranked = np.sort(score) if ranked is None else ranked
    hits = score[positive]
    n_pos = hits.shape[0]
    below = int(ranked.searchsorted(hits, "left").sum()) + int(ranked.searchsorted(hits, "right").sum())
    return (below - n_pos * n_pos) / (2 * n_pos * (score.shape[0] - n_pos))


@register("precision_recall_curve", display="Precision-recall curve", **_CURVE_META,
          params=(Param("drop_intermediate", "bool", False, "Drop thresholds where precision changes but "
                        "recall does not."),))
def precision_recall_curve(y_true: Any, y_score: Any, *, pos_label: Any = None, sample_weight: Any = None,
                           drop_intermediate: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision and recall at each threshold (increasing), ending at precision 1, recall 0."""
    _, positive, score, w = _binary_inputs("precision_recall_curve", y_true, y_score, pos_label, sample_weight)
    return pr_curve("precision_recall_curve", positive, score, w, drop_intermediate)


def pr_curve(metric: str, positive: np.ndarray, score: np.ndarray, w: np.ndarray | None,
             drop_intermediate: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The precision-recall curve of validated inputs; raises :class:`DataError` without a positive sample."""
    fps, tps, thresholds = counts_at_thresholds(positive, score, w)
    if tps[-1] == 0:
        raise DataError(f"{metric} needs at least one positive sample in y_true; received none, so recall is "
                        "undefined.", param="y_true")
    if drop_intermediate and fps.shape[0] > 2:
        changes = np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:]))
        keep = np.flatnonzero(np.concatenate([[True], changes, [True]]))
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    predicted = tps + fps
    precision = np.divide(tps, predicted, out=np.zeros_like(tps), where=predicted != 0)
    recall = tps / tps[-1]
    return (np.concatenate([precision[::-1], [1.0]]), np.concatenate([recall[::-1], [0.0]]),
            thresholds[::-1].copy())


def auc(x: Any, y: Any) -> float:
    """Area under the curve through the points (x, y) by the trapezoidal rule; x must be monotonic."""
    xs = float_array("auc", "x", x)
    ys = float_array("auc", "y", y)
    if xs.ndim != 1 or ys.shape != xs.shape:
        raise ShapeError(f"auc: x and y must be 1-D of the same length; received shapes {xs.shape} and {ys.shape}.",
                         param="y")
    if xs.shape[0] < 2:
        raise DataError(f"auc: at least 2 points are needed; received {xs.shape[0]}.", param="x")
    dx = np.diff(xs)
    direction = 1.0
    if (dx < 0).any():
        if not (dx <= 0).all():
            raise DataError("auc: x is neither increasing nor decreasing.", param="x")
        direction = -1.0
    return float(direction * (dx * (ys[1:] + ys[:-1]) / 2.0).sum())  # np.trapezoid's formula (NumPy ≥ 1.26)
