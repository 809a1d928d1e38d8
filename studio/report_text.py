"""The report's fixed strings, translated through Qt (context "Report"), and number formatting.

Every string is a literal ``QCoreApplication.translate("Report", ...)`` call so that ``lupdate`` finds it; the
translation follows the application's installed translator (``studio.i18n.set_language``).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication

__all__ = ["fmt", "labels", "metric_names", "part_names", "spec_text"]


def labels() -> dict[str, str]:
    """Section titles, table headings and sentences of the report in the current language."""
    return {
        "title": QCoreApplication.translate("Report", "Training report"),
        "source": QCoreApplication.translate("Report", "Source"),
        "created": QCoreApplication.translate("Report", "Created"),
        "notes": QCoreApplication.translate("Report", "Notes"),
        "dataset": QCoreApplication.translate("Report", "Dataset"),
        "task": QCoreApplication.translate("Report", "Task"),
        "target": QCoreApplication.translate("Report", "Target"),
        "classes": QCoreApplication.translate("Report", "Classes"),
        "samples": QCoreApplication.translate("Report", "Samples"),
        "rows": QCoreApplication.translate("Report", "Rows in the file"),
        "schema": QCoreApplication.translate("Report", "Columns"),
        "column": QCoreApplication.translate("Report", "Column"),
        "type": QCoreApplication.translate("Report", "Type"),
        "role": QCoreApplication.translate("Report", "Role"),
        "missing": QCoreApplication.translate("Report", "Missing"),
        "unique": QCoreApplication.translate("Report", "Distinct"),
        "class_counts": QCoreApplication.translate("Report", "Samples per class"),
        "preprocessing": QCoreApplication.translate("Report", "Preprocessing"),
        "step": QCoreApplication.translate("Report", "Step"),
        "columns": QCoreApplication.translate("Report", "Columns"),
        "detail": QCoreApplication.translate("Report", "Detail"),
        "step_numeric": QCoreApplication.translate("Report", "Numeric inputs"),
        "step_categorical": QCoreApplication.translate("Report", "Categorical inputs"),
        "step_target": QCoreApplication.translate("Report", "Target"),
        "model": QCoreApplication.translate("Report", "Model"),
        "layer": QCoreApplication.translate("Report", "Layer (type)"),
        "output_shape": QCoreApplication.translate("Report", "Output shape"),
        "params": QCoreApplication.translate("Report", "Param #"),
        "activation": QCoreApplication.translate("Report", "Activation"),
        "total_params": QCoreApplication.translate("Report", "Total params"),
        "trainable_params": QCoreApplication.translate("Report", "Trainable params"),
        "input_shape": QCoreApplication.translate("Report", "Input shape"),
        "hyperparameters": QCoreApplication.translate("Report", "Hyperparameters and seed"),
        "setting": QCoreApplication.translate("Report", "Setting"),
        "value": QCoreApplication.translate("Report", "Value"),
        "loss": QCoreApplication.translate("Report", "Loss"),
        "optimizer": QCoreApplication.translate("Report", "Optimizer"),
        "schedule": QCoreApplication.translate("Report", "Learning-rate schedule"),
        "epochs": QCoreApplication.translate("Report", "Epochs"),
        "batch_size": QCoreApplication.translate("Report", "Batch size"),
        "seed": QCoreApplication.translate("Report", "Seed"),
        "val_split": QCoreApplication.translate("Report", "Validation share"),
        "test_split": QCoreApplication.translate("Report", "Test share"),
        "dtype": QCoreApplication.translate("Report", "Number type"),
        "curves": QCoreApplication.translate("Report", "Training curves"),
        "no_history": QCoreApplication.translate("Report", "No per-epoch history is available."),
        "epoch": QCoreApplication.translate("Report", "Epoch"),
        "loss_curve": QCoreApplication.translate("Report", "Loss per epoch"),
        "metric_curve": QCoreApplication.translate("Report", "{metric} per epoch"),
        "final_metrics": QCoreApplication.translate("Report", "Final metrics"),
        "metric": QCoreApplication.translate("Report", "Metric"),
        "not_available": QCoreApplication.translate("Report", "not available"),
        "per_class": QCoreApplication.translate("Report", "Per-class metrics ({part} part)"),
        "class": QCoreApplication.translate("Report", "Class"),
        "support": QCoreApplication.translate("Report", "Support"),
        "threshold": QCoreApplication.translate("Report", "Decision threshold"),
        "threshold_value": QCoreApplication.translate(
            "Report", "Positive class \u201c{positive}\u201d when its probability \u2265 {value}"),
        "threshold_argmax": QCoreApplication.translate(
            "Report", "The class with the highest probability is predicted (arg-max)."),
        "evaluation": QCoreApplication.translate("Report", "Evaluation on the {part} part"),
        "roc": QCoreApplication.translate("Report", "ROC curve"),
        "pr": QCoreApplication.translate("Report", "Precision-recall curve"),
        "fpr": QCoreApplication.translate("Report", "False positive rate"),
        "tpr": QCoreApplication.translate("Report", "True positive rate"),
        "confusion": QCoreApplication.translate("Report", "Confusion matrix"),
        "true_class": QCoreApplication.translate("Report", "True class"),
        "predicted_class": QCoreApplication.translate("Report", "Predicted class"),
        "residuals": QCoreApplication.translate("Report", "Predicted against true values"),
        "true_value": QCoreApplication.translate("Report", "True value"),
        "predicted_value": QCoreApplication.translate("Report", "Predicted value"),
        "environment": QCoreApplication.translate("Report", "Environment"),
        "train": QCoreApplication.translate("Report", "train"),
        "val": QCoreApplication.translate("Report", "validation"),
        "test": QCoreApplication.translate("Report", "test"),
        "binary": QCoreApplication.translate("Report", "binary classification"),
        "multiclass": QCoreApplication.translate("Report", "multiclass classification"),
        "regression": QCoreApplication.translate("Report", "regression"),
    }


def metric_names() -> dict[str, str]:
    """Display names of the scores the reports show."""
    return {
        "accuracy": QCoreApplication.translate("Report", "Accuracy"),
        "balanced_accuracy": QCoreApplication.translate("Report", "Balanced accuracy"),
        "precision": QCoreApplication.translate("Report", "Precision"),
        "recall": QCoreApplication.translate("Report", "Recall"),
        "f1": QCoreApplication.translate("Report", "F1"),
        "roc_auc": QCoreApplication.translate("Report", "ROC AUC"),
        "log_loss": QCoreApplication.translate("Report", "Log loss"),
        "r2": QCoreApplication.translate("Report", "R²"),
        "mae": QCoreApplication.translate("Report", "MAE"),
        "rmse": QCoreApplication.translate("Report", "RMSE"),
        "loss": QCoreApplication.translate("Report", "Loss"),
        "specificity": QCoreApplication.translate("Report", "Specificity"),
        "lr": QCoreApplication.translate("Report", "Learning rate"),
    }


def part_names() -> dict[str, str]:
    text = labels()
    return {name: text[name] for name in ("train", "val", "test")}


def fmt(value: Any, digits: int = 4) -> str:
    """A number for a table: integers as they are, others with ``digits`` decimals; None as an en dash."""
    if value is None:
        return "\u2013"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return f"{value:.{digits}f}" if abs(value) < 1e5 else f"{value:.4g}"
    return str(value)


def spec_text(spec: Any) -> str:
    """A ``{"type", "config"}`` spec as a call, ``adam(lr=0.01)``; None as an en dash."""
    if spec is None:
        return "\u2013"
    if isinstance(spec, dict) and "type" in spec:
        args = ", ".join(f"{k}={v}" for k, v in (spec.get("config") or {}).items())
        return f"{spec['type']}({args})" if args else str(spec["type"])
    return str(spec)
