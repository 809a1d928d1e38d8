"""The final scores ``nn-train`` reports for each part of the data (train, validation, test).

Classification: accuracy, balanced accuracy, precision, recall, F1 (macro averages for several classes),
ROC AUC (one-vs-rest for several classes) and log loss. Regression: R², MAE and RMSE in the target's original
units. A score the data cannot give (ROC AUC when a part holds one class only, log loss of a model whose outputs are
not probabilities) is written as ``null``.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from engine.errors import EngineError
from engine.registry import METRICS

__all__ = ["CLASSIFICATION_METRICS", "REGRESSION_METRICS", "classification_metrics", "regression_metrics"]

CLASSIFICATION_METRICS = ("accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "log_loss")
REGRESSION_METRICS = ("r2", "mae", "rmse")


def _score(key: str, y_true: np.ndarray, y_other: np.ndarray, **options: Any) -> float | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = float(METRICS.get(key)(y_true, y_other, **options))
    except (EngineError, ValueError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def classification_metrics(y_true: np.ndarray, proba: np.ndarray, predicted: np.ndarray,
                           n_classes: int) -> dict[str, float | None]:
    """Scores of class indices ``predicted`` and class probabilities ``proba`` (N×K, or N×1 for binary)."""
    proba = np.asarray(proba, dtype=np.float64)
    labels = np.arange(n_classes)
    if n_classes == 2:
        score = proba[:, -1] if proba.ndim == 2 else proba
        average: dict[str, Any] = {"average": "binary", "pos_label": 1}
        auc_options: dict[str, Any] = {}
    else:
        score = proba
        average = {"average": "macro", "labels": labels}
        auc_options = {"multi_class": "ovr", "average": "macro", "labels": labels}
    return {
        "accuracy": _score("accuracy", y_true, predicted),
        "balanced_accuracy": _score("balanced_accuracy", y_true, predicted),
        "precision": _score("precision", y_true, predicted, zero_division=0.0, **average),
        "recall": _score("recall", y_true, predicted, zero_division=0.0, **average),
        "f1": _score("f1", y_true, predicted, zero_division=0.0, **average),
        "roc_auc": _score("roc_auc", y_true, score, **auc_options),
        "log_loss": _score("log_loss", y_true, score, labels=labels),
    }


def regression_metrics(y_true: np.ndarray, predicted: np.ndarray) -> dict[str, float | None]:
    """R², MAE and RMSE of ``predicted`` against ``y_true`` (both 1-D, original units)."""
    y_true = np.asarray(y_true, dtype=np.float64)
    predicted = np.asarray(predicted, dtype=np.float64)
    return {key: _score(key, y_true, predicted) for key in REGRESSION_METRICS}
