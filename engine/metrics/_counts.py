"""Per-class counts and the set-wise averaging shared by precision, recall, F-scores, specificity and Jaccard.

The semantics are scikit-learn's: ``average="binary"`` scores ``pos_label`` only and needs at most two classes;
``micro`` pools the counts; ``macro`` is the plain mean over classes; ``weighted`` weights by support (true
count); ``None`` returns the per-class array. A 0/0 ratio takes the ``zero_division`` value ("warn" means 0 with
an :class:`UndefinedMetricWarning`; ``nan`` entries are left out of the average).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError
from engine.metrics._validation import check_labels, lookup

__all__ = ["AVERAGES", "ClassCounts", "UndefinedMetricWarning", "average_scores", "binary_positive",
           "check_set_wise_options", "class_counts", "divide", "set_wise_counts", "set_wise_ratio",
           "zero_division_value"]

AVERAGES = ("binary", "micro", "macro", "weighted", None)


class UndefinedMetricWarning(UserWarning):
    """A ratio was 0/0 and took the ``zero_division`` value (scikit-learn's warning of the same name)."""


@dataclass(frozen=True)
class ClassCounts:
    """Per-label sums for the selected ``labels``: true positives, predicted, true (support) and the total."""

    labels: np.ndarray
    tp: np.ndarray
    pred: np.ndarray
    true: np.ndarray
    total: float

    @property
    def tn(self) -> np.ndarray:
        return self.total - self.pred - self.true + self.tp

    def pooled(self) -> ClassCounts:
        """Counts summed over labels (micro averaging)."""
        total = self.total * self.labels.shape[0]
        return ClassCounts(self.labels[:1], self.tp.sum(keepdims=True), self.pred.sum(keepdims=True),
                           self.true.sum(keepdims=True), total)


def zero_division_value(metric: str, zero_division: Any) -> float:
    """The number a 0/0 ratio becomes: 0 for "warn", 0, 1 or NaN ("nan" accepted for JSON forms)."""
    if isinstance(zero_division, str) and zero_division in ("warn", "nan"):
        return 0.0 if zero_division == "warn" else math.nan
    number = isinstance(zero_division, int | float) and not isinstance(zero_division, bool)
    if number and (math.isnan(zero_division) or zero_division in (0, 1)):
        return float(zero_division)
    raise ConfigError(f"{metric}: zero_division must be 'warn', 0, 1 or nan; received {zero_division!r}.",
                      param="zero_division")


def divide(num: np.ndarray, den: np.ndarray, *, zero_division: Any, metric: str, what: str,
           warn: bool = True) -> np.ndarray:
    """``num / den`` in float64 with 0/0 (``den == 0``) replaced by the ``zero_division`` value."""
    mask = den == 0
    result = np.divide(num, den, out=np.zeros(np.shape(num), dtype=np.float64), where=~mask)
    if mask.any():
        result[mask] = zero_division_value(metric, zero_division)
        if warn and isinstance(zero_division, str) and zero_division == "warn":
            warnings.warn(f"{metric} is ill-defined and being set to 0.0 for labels with {what}. "
                          "Use the zero_division parameter to control this behaviour.", UndefinedMetricWarning,
                          stacklevel=5)
    return result


def class_counts(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, labels: np.ndarray | None) -> ClassCounts:
    """Counts for ``labels`` (default: every label in y_true or y_pred, sorted); absent labels count zero."""
    present = np.unique(np.concatenate([yt, yp]))
    selected = present if labels is None else labels
    everything = selected if labels is None else np.concatenate([labels, np.setdiff1d(present, labels)])
    n = everything.shape[0]
    it, ip = lookup(yt, everything), lookup(yp, everything)
    hit = it == ip
    tp = np.bincount(it[hit], weights=None if w is None else w[hit], minlength=n)
    pred = np.bincount(ip, weights=w, minlength=n)
    true = np.bincount(it, weights=w, minlength=n)
    k = selected.shape[0]
    total = float(yt.shape[0] if w is None else w.sum())
    return ClassCounts(selected, tp[:k], pred[:k], true[:k], total)


def check_set_wise_options(metric: str, average: Any, zero_division: Any) -> None:
    """Refuse an unknown ``average`` or ``zero_division`` with a :class:`ConfigError`."""
    zero_division_value(metric, zero_division)
    if not any(average is a or average == a for a in AVERAGES):
        raise ConfigError(f"{metric}: average must be one of 'binary', 'micro', 'macro', 'weighted' or None; "
                          f"received {average!r}.", param="average")


def set_wise_counts(metric: str, y_true: Any, y_pred: Any, *, labels: Any, pos_label: Any, average: Any,
                    sample_weight: Any, zero_division: Any) -> ClassCounts:
    """Validate the inputs and options of a set-wise metric and count; micro averaging pools the counts."""
    check_set_wise_options(metric, average, zero_division)
    yt, yp, w, lab = check_labels(metric, y_true, y_pred, sample_weight, labels)
    if average == "binary":
        lab = binary_positive(metric, np.unique(np.concatenate([yt, yp])), pos_label)
    elif pos_label not in (None, 1):
        warnings.warn(f"{metric}: pos_label={pos_label!r} is ignored when average={average!r}; pass "
                      "labels=[pos_label] to score one class.", UserWarning, stacklevel=3)
    counts = class_counts(yt, yp, w, lab)
    return counts.pooled() if average == "micro" else counts


def binary_positive(metric: str, present: np.ndarray, pos_label: Any) -> np.ndarray:
    """``[pos_label]`` once average='binary' is known to apply: ``present`` (the sorted labels of y_true and
    y_pred) holds at most two classes, and ``pos_label`` is one of them when there are two."""
    if present.shape[0] > 2:
        shown = ", ".join(map(str, present.tolist()[:6]))
        raise ConfigError(f"{metric}: average='binary' needs at most two classes; y_true and y_pred hold "
                          f"{present.shape[0]} ({shown}). Choose average='micro', 'macro' or 'weighted'.",
                          param="average")
    pos = np.asarray([pos_label])
    if (pos.dtype.kind in "US") != (present.dtype.kind in "US") or (
            present.shape[0] == 2 and pos_label not in present.tolist()):
        raise DataError(f"{metric}: pos_label={pos_label!r} is not a valid label; it should be one of "
                        f"{present.tolist()}.", param="pos_label")
    return pos


def set_wise_ratio(kind: str, counts: ClassCounts, *, zero_division: Any, beta: float = 1.0,
                   warn: bool = True) -> np.ndarray:
    """Per-class ``kind`` of ``counts``: "precision", "recall", "f-score" (F-beta), "specificity" or "jaccard"."""
    if kind == "precision":
        return divide(counts.tp, counts.pred, zero_division=zero_division, metric="Precision",
                      what="no predicted samples", warn=warn)
    if kind == "recall":
        return divide(counts.tp, counts.true, zero_division=zero_division, metric="Recall", what="no true samples",
                      warn=warn)
    if kind == "f-score":
        beta2 = beta * beta
        return divide((1 + beta2) * counts.tp, beta2 * counts.true + counts.pred, zero_division=zero_division,
                      metric="F-score", what="no true nor predicted samples", warn=warn)
    if kind == "specificity":
        return divide(counts.tn, counts.total - counts.true, zero_division=zero_division, metric="Specificity",
                      what="no negative samples", warn=warn)
    if kind == "jaccard":
        return divide(counts.tp, counts.true + counts.pred - counts.tp, zero_division=zero_division,
                      metric="Jaccard", what="no true or predicted samples", warn=warn)
    raise ValueError(f"unknown set-wise ratio {kind!r}")


def average_scores(scores: np.ndarray, counts: ClassCounts, average: Any) -> float | np.ndarray:
    """Reduce per-class ``scores``: NaN entries are ignored; all-zero weights fall back to the plain mean."""
    if average is None:
        return scores
    keep = ~np.isnan(scores)
    if not keep.any():
        return math.nan
    kept = scores[keep]
    weights = counts.true[keep] if average == "weighted" else None
    if weights is None or weights.sum() == 0:
        return float(kept.mean())  # what np.average does without weights, minus its wrapper
    return float(np.average(kept, weights=weights))
