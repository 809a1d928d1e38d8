"""Everything a metric report shows, collected as one JSON-safe dict (Qt-free; rendering is in report_render).

:func:`collect` scores a trained model on the parts of its data: final metrics per part, per-class precision,
recall, F1 and support, the confusion matrix, ROC and precision-recall curves (one-vs-rest for several classes)
with AUC and AP, the decision threshold and its scores, plus the dataset schema, the preprocessing, the model
summary, the training settings, the per-epoch history and the environment's versions. :func:`collect_run` reads an
``nn-train train`` output folder, :func:`collect_project` a ``.nnproj``. The dict is what report.json holds.
"""

from __future__ import annotations

import csv
import datetime as _dt
import importlib.metadata
import json
import math
import os
import platform
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import DataError, EngineError
from engine.metrics import (
    average_precision_score,
    confusion_matrix,
    per_class_metrics,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
    threshold_metrics,
)
from studio.cli_metrics import classification_metrics, regression_metrics
from studio.report_source import Part, TrainedModel, evaluation_parts, load_trained, model_outputs

__all__ = ["FORMAT", "MAX_CURVE_POINTS", "PARTS", "collect", "collect_path", "collect_project", "collect_run",
           "environment", "read_history"]

FORMAT = "nn-studio-report"
PARTS = ("train", "val", "test")
#: Curves and scatter plots keep at most this many points (evenly chosen), so reports stay small.
MAX_CURVE_POINTS = 2000
MODEL_FILE, HISTORY_FILE, METRICS_FILE = "model.npz", "history.csv", "metrics.json"


def environment() -> dict[str, str]:
    """Versions of what produced the numbers."""
    versions = {"python": platform.python_version(), "numpy": np.__version__, "platform": platform.platform()}
    for package in ("PySide6", "pandas"):
        versions[package.lower()] = _version(package)
    versions["executable"] = sys.executable
    return versions


def _version(package: str) -> str:
    for name in (package, f"{package}-Essentials"):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "not installed"


def read_history(path: str | os.PathLike[str]) -> dict[str, list[float]]:
    """``history.csv`` (``epoch`` then one column per logged value) as lists; empty cells become NaN."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return {}
    return {key: [_float(row.get(key)) for row in rows] for key in rows[0]}


def _float(text: Any) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _thin(*arrays: np.ndarray) -> list[list[float]]:
    """The arrays as lists, keeping at most MAX_CURVE_POINTS evenly spaced points (first and last kept)."""
    n = len(arrays[0])
    index = np.unique(np.linspace(0, n - 1, MAX_CURVE_POINTS).round().astype(np.int64)) if n > MAX_CURVE_POINTS \
        else np.arange(n)
    return [[_finite(v) if np.isfinite(v) else None for v in np.asarray(a, dtype=np.float64)[index]] for a in arrays]


def _dataset(trained: TrainedModel, parts: Mapping[str, Part] | None, samples: Mapping[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = {"source": trained.dataset, "task": trained.task, "target": trained.target_name,
                            "classes": list(trained.classes), "features": list(trained.feature_names),
                            "samples": {k: samples.get(k) for k in PARTS if samples.get(k) is not None}}
    schema = trained.pipeline.schema if trained.pipeline is not None and trained.pipeline.fitted else None
    if schema is not None:
        info["rows"] = schema.rows
        info["columns"] = [{"name": c.name, "type": c.type, "role": c.role, "missing": c.missing, "unique": c.unique}
                           for c in schema.columns]
    else:
        info["columns"] = [{"name": n, "type": "numeric", "role": "feature", "missing": 0, "unique": None}
                           for n in trained.feature_names]
    if parts and trained.is_classification:
        info["class_counts"] = {name: np.bincount(part.y, minlength=len(trained.classes)).tolist()
                                for name, part in parts.items()}
    return info


def _preprocessing(trained: TrainedModel) -> list[dict[str, Any]]:
    """The steps applied to the inputs and the target, each with its columns and a short technical detail."""
    steps: list[dict[str, Any]] = []
    pipeline = trained.pipeline
    if pipeline is not None and pipeline.fitted:
        scaler = pipeline.steps.get("numeric_scaler")
        if pipeline.numeric:
            steps.append({"step": "numeric", "columns": list(pipeline.numeric),
                          "detail": f"impute {pipeline.impute}; scaler {scaler.key if scaler is not None else 'none'}"})
        if pipeline.categorical:
            encoder = pipeline.steps["encoder"]
            widths = [len(c) for c in encoder.state["categories"]]
            steps.append({"step": "categorical", "columns": list(pipeline.categorical),
                          "detail": f"impute most frequent; one-hot ({sum(widths)} columns), unknown categories "
                                    f"{pipeline.handle_unknown}"})
    elif trained.feature_names:
        key = trained.scaler.key if trained.scaler is not None else "none"
        steps.append({"step": "numeric", "columns": list(trained.feature_names), "detail": f"scaler {key}"})
    if trained.is_classification:
        steps.append({"step": "target", "columns": [trained.target_name],
                      "detail": f"label encoding: {', '.join(trained.classes)}"})
    elif trained.target_transform is not None:
        steps.append({"step": "target", "columns": [trained.target_name],
                      "detail": "scaled for training; scores in original units"})
    return steps


def _model(trained: TrainedModel) -> dict[str, Any]:
    model = trained.model
    rows = model.summary_rows()
    total = sum(r["params"] for r in rows)
    trainable = sum(r["trainable_params"] for r in rows)
    layers = [{**r, "output_shape": None if r["output_shape"] is None else list(r["output_shape"])} for r in rows]
    return {"input_shape": list(model.input_shape), "dtype": model.dtype.name, "layers": layers,
            "total_params": total, "trainable_params": trainable, "summary": model.summary()}


def _scores(trained: TrainedModel, part: Part) -> tuple[dict[str, Any], np.ndarray, np.ndarray | None]:
    predicted, proba = model_outputs(trained, part.x)
    if trained.is_classification:
        return classification_metrics(part.y, proba, predicted, len(trained.classes)), predicted, proba
    return regression_metrics(part.y, predicted), predicted, None


def _curves(trained: TrainedModel, y: np.ndarray, proba: np.ndarray) -> tuple[list[dict], list[dict]]:
    classes = trained.classes
    which = [1] if len(classes) == 2 else range(len(classes))
    roc, pr = [], []
    for k in which:
        positive = (y == k).astype(np.int64)
        if positive.min() == positive.max():
            continue  # a curve needs both classes in this part
        score = proba[:, k]
        fpr, tpr, _ = roc_curve(positive, score)
        precision, recall, _ = precision_recall_curve(positive, score)
        roc.append({"class": classes[k], "auc": _finite(roc_auc_score(positive, score)), **dict(zip(
            ("fpr", "tpr"), _thin(fpr, tpr), strict=True))})
        pr.append({"class": classes[k], "ap": _finite(average_precision_score(positive, score)),
                   "prevalence": float(positive.mean()), **dict(zip(("recall", "precision"),
                                                                    _thin(recall, precision), strict=True))})
    return roc, pr


def collect(trained: TrainedModel, parts: Mapping[str, Part] | None = None, *,
            history: Mapping[str, list[float]] | None = None, stored_metrics: Mapping[str, Any] | None = None,
            threshold: float | None = None, notes: list[str] | None = None, title: str | None = None
            ) -> dict[str, Any]:
    """The report of ``trained`` scored on ``parts`` (``stored_metrics`` — a metrics.json — when there are none).

    ``threshold`` is the chosen decision threshold of a binary classifier (default: the model's own, 0.5 for
    probabilities); the confusion matrix, per-class table and curves use the last part there is (test, else
    validation, else train).
    """
    parts = dict(parts or {})
    notes = list(notes or [])
    stored = dict(stored_metrics or {})
    samples = {name: len(part.y) for name, part in parts.items()} or dict(stored.get("samples") or {})
    report: dict[str, Any] = {
        "format": FORMAT, "schema_version": 1, "title": title or Path(trained.path).stem, "source": trained.path,
        "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"), "task": trained.task,
        "dataset": _dataset(trained, parts, samples), "preprocessing": _preprocessing(trained),
        "model": _model(trained), "training": dict(trained.training),
        "history": {k: [_finite(v) if math.isfinite(v) else None for v in values]
                    for k, values in (history or {}).items()},
        "metrics": {}, "per_class": {}, "evaluation_part": None, "threshold": None, "confusion_matrix": None,
        "roc": [], "pr": [], "residuals": None, "environment": environment(), "notes": notes,
    }
    if not parts:
        report["metrics"] = {k: stored[k] for k in PARTS if stored.get(k)}
        return report
    outputs = {}
    for name in PARTS:
        if name in parts:
            report["metrics"][name], predicted, proba = _scores(trained, parts[name])
            outputs[name] = (predicted, proba)
    last = [name for name in PARTS if name in parts][-1]
    report["evaluation_part"] = last
    y = parts[last].y
    predicted, proba = outputs[last]
    if not trained.is_classification:
        true_t, pred_t = _thin(y, predicted)
        report["residuals"] = {"true": true_t, "predicted": pred_t}
        return report
    labels = np.arange(len(trained.classes))
    for name in outputs:
        table = per_class_metrics(parts[name].y, outputs[name][0], labels)
        report["per_class"][name] = [{"class": trained.classes[k], **v} for k, v in table.items()]
    readout = trained.readout
    if len(trained.classes) == 2:
        chosen = float(readout.threshold if threshold is None else threshold)
        report["threshold"] = {"rule": "positive class when its score ≥ threshold", "positive": trained.classes[1],
                               **threshold_metrics(y, proba[:, 1], chosen)}
        predicted = (proba[:, 1] >= chosen).astype(np.int64)
        report["per_class"][last] = [{"class": trained.classes[k], **v}
                                     for k, v in per_class_metrics(y, predicted, labels).items()]
    else:
        report["threshold"] = {"rule": "the class with the highest probability (arg-max)", "threshold": None}
    report["confusion_matrix"] = {"labels": list(trained.classes),
                                  "matrix": confusion_matrix(y, predicted, labels=labels).tolist()}
    report["roc"], report["pr"] = _curves(trained, y, proba)
    return report


def collect_run(folder: str | os.PathLike[str], *, threshold: float | None = None) -> dict[str, Any]:
    """The report of an ``nn-train train`` output folder (model.npz, history.csv, metrics.json).

    The dataset is loaded again and split as in training to recompute curves and tables; when it cannot be, the
    report keeps the numbers of metrics.json and says why the rest is missing.
    """
    root = Path(folder)
    model_file = root / MODEL_FILE
    if not model_file.is_file():
        raise DataError(f"{root} holds no {MODEL_FILE}; expected an output folder of nn-train train or a .nnproj "
                        "file.", file=str(root))
    trained = load_trained(model_file)
    history = read_history(root / HISTORY_FILE) if (root / HISTORY_FILE).is_file() else None
    stored = None
    if (root / METRICS_FILE).is_file():
        try:
            stored = json.loads((root / METRICS_FILE).read_text(encoding="utf-8"))
        except ValueError as error:
            raise DataError(f"{root / METRICS_FILE} is not valid JSON: {error}.", file=str(root)) from error
    notes, parts = [], None
    try:
        parts = evaluation_parts(trained)
    except (EngineError, OSError) as error:
        notes.append(f"The dataset {trained.dataset} could not be loaded again ({' '.join(str(error).split())}); "
                     f"the final scores are those of {METRICS_FILE}, without curves, per-class table or confusion "
                     "matrix.")
    return collect(trained, parts, history=history, stored_metrics=stored, threshold=threshold, notes=notes,
                   title=root.resolve().name)


def collect_project(path: str | os.PathLike[str], *, threshold: float | None = None) -> dict[str, Any]:
    """The report of a ``.nnproj`` with weights; its dataset is needed (DataError saying so when it cannot load)."""
    trained = load_trained(path)
    try:
        parts = evaluation_parts(trained)
    except (EngineError, OSError) as error:
        raise DataError(f"{os.fspath(path)}: the project's dataset {trained.dataset} could not be loaded to compute "
                        f"the metrics ({' '.join(str(error).split())}).", file=os.fspath(path)) from error
    notes = ["A project stores no training history; the curves per epoch are in reports of nn-train runs."]
    return collect(trained, parts, threshold=threshold, notes=notes)


def collect_path(path: str | os.PathLike[str], *, threshold: float | None = None) -> dict[str, Any]:
    """:func:`collect_run` for a folder, :func:`collect_project` for a file."""
    if os.path.isdir(path):
        return collect_run(path, threshold=threshold)
    if not os.path.exists(path):
        raise DataError(f"{os.fspath(path)} does not exist; expected an nn-train output folder or a .nnproj file.",
                        file=os.fspath(path))
    return collect_project(path, threshold=threshold)
