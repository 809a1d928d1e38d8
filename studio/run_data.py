"""The arrays a run trains on, made from the chosen dataset and the project's settings (Qt-free).

The split is the one ``nn-train train`` and the reports use (:func:`studio.cli_train.split`: seeded with the
training seed, stratified for classification), and the input scaler is fitted on the training part only, so a
saved project's report and predictions see the same parts the window trained on. A CSV file read by the import
dialog is already prepared by ``load_table`` (imputed, encoded, scaled) and is not scaled again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.data.dataset import Dataset
from engine.registry import DATASETS, PREPROCESSORS
from engine.spec_parser import parse_call
from studio.cli_train import split

__all__ = ["RunData", "dataset_spec", "output_head", "prepare_run_data"]


@dataclass
class RunData:
    """Training and validation arrays (model dtype) with what the views need to label them."""

    dataset: Dataset
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray

    @property
    def task(self) -> str:
        return self.dataset.task

    @property
    def classes(self) -> list[str]:
        return list(self.dataset.classes)

    @property
    def feature_names(self) -> list[str]:
        return list(self.dataset.feature_names)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.x_train.shape[1:])

    @property
    def is_image(self) -> bool:
        """Images (N×C×H×W) rather than a table of features."""
        return self.x_train.ndim == 4

    @property
    def validation(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(x, y) of the validation part, None when it is empty."""
        return (self.x_val, self.y_val) if len(self.x_val) else None


def prepare_run_data(dataset: Dataset, training: dict[str, Any], preprocessing: dict[str, Any], *,
                     prescaled: bool = False, dtype: Any = np.float32) -> RunData:
    """Split ``dataset`` as the project says (``val_split``, ``seed``) and scale its inputs (fitted on the
    training part) unless ``prescaled``."""
    parts = split(dataset.y, dataset.is_classification, dataset.source or dataset.name,
                  float(training.get("val_split", 0.2)), 0.0, int(training.get("seed") or 0))
    x = dataset.x
    scaler_spec = preprocessing.get("features")
    if scaler_spec is not None and not prescaled and x.ndim == 2:
        scaler = PREPROCESSORS.create(scaler_spec).fit(x[parts.train])
        x = scaler.transform(x)
    x = np.asarray(x, dtype=dtype)
    return RunData(dataset, x[parts.train], dataset.y[parts.train], x[parts.val], dataset.y[parts.val])


def output_head(dataset: Dataset) -> tuple[int, str]:
    """Units and activation of the output layer the task needs (used by the layer builder's presets)."""
    if dataset.task == "binary":
        return 1, "sigmoid"
    if dataset.task == "multiclass":
        return len(dataset.classes), "softmax"
    return 1, "linear"


def dataset_spec(text: str) -> dict[str, Any]:
    """``"xor"`` or ``"moons(noise=0.2)"`` → ``{"type": "moons", "config": {"noise": 0.2}}`` (ConfigError otherwise)."""
    spec = parse_call(text, DATASETS, "dataset")
    return {"type": DATASETS.canonical(spec["type"]), "config": dict(spec.get("config") or {})}
