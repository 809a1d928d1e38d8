"""The in-memory dataset every part of the engine trains on: inputs, targets and what they mean."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from engine.errors import DataError, ShapeError

__all__ = ["TASKS", "Dataset"]

#: What a dataset's target asks for.
TASKS = ("binary", "multiclass", "regression")


@dataclass
class Dataset:
    """Inputs ``x`` (N×features or N×C×H×W floats) and targets ``y`` with their names and task.

    For classification ``y`` holds class indices (int64) into ``classes``, the original labels as text; for
    regression ``y`` holds floats and ``classes`` is empty. ``source`` says where the data came from (a file path
    or ``builtin:<name>``).
    """

    x: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    target_name: str
    task: str
    classes: list[str] = field(default_factory=list)
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        self.x = np.asarray(self.x)
        if self.task not in TASKS:
            raise DataError(f"dataset task must be one of {', '.join(TASKS)}, received {self.task!r}.")
        if not np.issubdtype(self.x.dtype, np.floating):
            self.x = self.x.astype(np.float64)
        if self.x.ndim < 2:
            raise ShapeError(f"dataset inputs must have a sample axis and features, received shape {self.x.shape}.")
        self.y = np.asarray(self.y)
        if self.task == "regression":
            if self.y.dtype.kind != "f":
                self.y = self.y.astype(np.float64)
        else:
            self.y = self.y.astype(np.int64, copy=False)
            if not self.classes:
                raise DataError(f"a {self.task} dataset needs its class names, received none.")
            if self.y.size and (self.y.min() < 0 or self.y.max() >= len(self.classes)):
                raise DataError(f"class indices must lie in [0, {len(self.classes) - 1}], received values from "
                                f"{self.y.min()} to {self.y.max()}.")
        if len(self.x) != len(self.y):
            raise ShapeError(f"dataset inputs and targets must have the same number of samples, received "
                             f"{len(self.x)} inputs and {len(self.y)} targets.")

    @property
    def n_samples(self) -> int:
        return int(self.x.shape[0])

    @property
    def n_features(self) -> int:
        """Numbers per sample (C·H·W for images)."""
        return int(np.prod(self.x.shape[1:]))

    @property
    def input_shape(self) -> tuple[int, ...]:
        """Per-sample input shape, the ``input_shape`` a model needs."""
        return tuple(int(d) for d in self.x.shape[1:])

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def is_classification(self) -> bool:
        return self.task != "regression"

    def class_counts(self) -> dict[str, int]:
        """Samples per class, in class order (every class listed, also those with no samples)."""
        if not self.is_classification:
            raise DataError(f"dataset {self.name!r} is a regression dataset: it has no classes to count.")
        counts = np.bincount(self.y, minlength=len(self.classes))
        return {name: int(c) for name, c in zip(self.classes, counts, strict=True)}

    def subset(self, indices: np.ndarray) -> Dataset:
        """The samples at ``indices`` (a split part), with the same names, classes and task."""
        return Dataset(self.x[indices], self.y[indices], list(self.feature_names), self.target_name, self.task,
                       list(self.classes), self.name, self.source)
