"""Plain-dict summaries for the reports and the studio: per-class scores and one binary operating point."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import ShapeError
from engine.metrics._counts import class_counts, divide, zero_division_value
from engine.metrics._validation import check_labels, check_scores
from engine.metrics.curves import binary_targets

__all__ = ["per_class_metrics", "threshold_metrics"]


def per_class_metrics(y_true: Any, y_pred: Any, labels: Any = None, *, sample_weight: Any = None,
                      zero_division: Any = 0.0) -> dict[Any, dict[str, float]]:
    """``{label: {"precision", "recall", "f1", "support"}}`` for each class, like ``classification_report``.

    Classes are ``labels`` in the given order, or every label of y_true and y_pred, sorted; a 0/0 ratio is
    ``zero_division`` (0 by default, silently). Support is an ``int`` count, or the summed weight when weighted.
    """
    yt, yp, w, lab = check_labels("per_class_metrics", y_true, y_pred, sample_weight, labels)
    zero_division_value("per_class_metrics", zero_division)
    counts = class_counts(yt, yp, w, lab)
    opts = {"zero_division": zero_division, "metric": "per_class_metrics"}
    precision = divide(counts.tp, counts.pred, what="no predicted samples", **opts)
    recall = divide(counts.tp, counts.true, what="no true samples", **opts)
    f1 = divide(2 * counts.tp, counts.true + counts.pred, what="no true nor predicted samples", **opts)
    support = counts.true.tolist()
    return {label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": s}
            for label, p, r, f, s in zip(counts.labels.tolist(), precision, recall, f1, support, strict=True)}


def threshold_metrics(y_true: Any, y_score: Any, threshold: float, *, pos_label: Any = 1,
                      sample_weight: Any = None) -> dict[str, Any]:
    """Scores of the binary classifier "positive when y_score ≥ threshold" (the studio's threshold slider).

    Returns ``threshold``, ``precision``, ``recall``, ``f1``, ``specificity``, ``accuracy``, the counts ``tn``,
    ``fp``, ``fn``, ``tp`` and ``confusion_matrix`` ``[[tn, fp], [fn, tp]]`` (rows: truth, negative first).
    A 0/0 ratio (no predicted positive, say) is 0.
    """
    metric = "threshold_metrics"
    yt, score, w, _ = check_scores(metric, y_true, y_score, sample_weight)
    if score.ndim != 1:
        raise ShapeError(f"{metric}: y_score must be 1-D (the positive class's score); received shape "
                         f"{score.shape}.", param="y_score")
    positive = binary_targets(metric, yt, pos_label)
    predicted = score >= threshold
    cells = np.bincount(positive * 2 + predicted, weights=w, minlength=4)
    tn, fp, fn, tp = cells.tolist()

    def ratio(num: float, den: float) -> float:
        return num / den if den else 0.0

    return {
        "threshold": float(threshold),
        "precision": ratio(tp, tp + fp),
        "recall": ratio(tp, tp + fn),
        "f1": ratio(2 * tp, 2 * tp + fp + fn),
        "specificity": ratio(tn, tn + fp),
        "accuracy": ratio(tp + tn, tn + fp + fn + tp),
        "tn": tn, "fp": fp, "fn": fn, "tp": tp,
        "confusion_matrix": [[tn, fp], [fn, tp]],
    }
