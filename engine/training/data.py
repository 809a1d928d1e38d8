"""Checking and shaping the arrays given to ``Trainer.fit``: finiteness, lengths, targets, weights, splits.

Everything here runs once per ``fit``/``evaluate`` call, never per batch: the training loop then only slices
ready-made arrays (inputs in the model dtype, targets in the form the loss wants).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError

__all__ = ["Prepared", "check_finite", "prepare", "validation_indices"]


@dataclass
class Prepared:
    """Arrays ready for the loop: ``x`` (model dtype), ``y`` (the loss's target form), ``labels`` (class
    indices for classification metrics, else None), ``sample_weight`` (or None)."""

    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray | None
    sample_weight: np.ndarray | None

    def __len__(self) -> int:
        return int(self.x.shape[0])

    def take(self, index: np.ndarray) -> Prepared:
        """The rows ``index`` of every array."""
        return Prepared(self.x[index], self.y[index], None if self.labels is None else self.labels[index],
                        None if self.sample_weight is None else self.sample_weight[index])


def check_finite(array: np.ndarray, what: str) -> None:
    """DataError naming the first row and column (1-based) holding NaN or ±Inf."""
    if array.dtype.kind not in "fc":
        return
    finite = np.isfinite(array)
    if finite.all():
        return
    bad = np.argwhere(~finite)[0]
    row = int(bad[0]) + 1
    column = int(np.ravel_multi_index(tuple(bad[1:]), array.shape[1:])) + 1 if array.ndim > 1 else None
    value = array[tuple(bad)].item()
    where = f"row {row}" + (f", column {column}" if column is not None else "")
    raise DataError(f"{what} holds {value} at {where}; only finite numbers can be used — fill or drop the missing "
                    "values first.", row=row, column=column, param=what)


def prepare(x: Any, y: Any, *, dtype: np.dtype, target: str, task: str, outputs: int,
            sample_weight: Any = None, class_weight: Mapping[Any, float] | None = None, what: str = "") -> Prepared:
    """Validate ``x``/``y`` and convert ``y`` for a loss whose ``target`` is index/onehot/binary/values.

    ``outputs`` is the model's number of outputs (last axis). Classification targets must be class indices
    0 … K-1 (any numeric type holding whole numbers); ``onehot`` targets given as indices are one-hot encoded.
    """
    prefix = f"{what} " if what else ""
    try:
        x = np.asarray(x, dtype=dtype)
        y = np.asarray(y)
    except (TypeError, ValueError) as error:
        raise DataError(f"{prefix}inputs and targets must be numeric arrays: {error}.") from error
    if x.ndim < 2:
        raise ShapeError(f"{prefix}inputs expected shape (samples, features…), received {tuple(x.shape)}.",
                         param="x")
    if y.ndim == 0 or y.shape[0] != x.shape[0]:
        raise ShapeError(f"{prefix}inputs and targets must have the same number of rows: x has {x.shape[0]}, y has "
                         f"{y.shape[0] if y.ndim else 'no rows (a scalar)'}.", param="y")
    if x.shape[0] == 0:
        raise DataError(f"{prefix}no samples to train on: x and y are empty.", param="x")
    if y.dtype.kind not in "biuf":
        raise DataError(f"{prefix}targets must be numbers (class indices 0 … K-1 for classification), received "
                        f"{y.dtype} values.", param="y")
    check_finite(x, f"{prefix}x".strip())
    check_finite(y, f"{prefix}y".strip())
    classification = task in ("binary", "multiclass")
    labels = _labels(y, outputs, target, prefix) if classification else None
    y = _targets(y, labels, dtype=dtype, target=target, outputs=outputs, prefix=prefix)
    weights = _weights(sample_weight, class_weight, labels, x.shape[0], dtype, prefix)
    return Prepared(x, y, labels, weights)


def _labels(y: np.ndarray, outputs: int, target: str, prefix: str) -> np.ndarray:
    """Class indices (N,) for the metrics; checks they are whole numbers in range."""
    if y.ndim == 2 and y.shape[1] == outputs and outputs > 1 and target in ("onehot", "binary"):
        return y.argmax(axis=1) if target == "onehot" else np.round(y).astype(np.int64)  # multi-label: (N, K)
    flat = y.reshape(-1) if y.ndim == 2 and y.shape[1] == 1 else y
    if flat.ndim != 1:
        raise ShapeError(f"{prefix}class targets expected shape (samples,) or (samples, 1), received "
                         f"{tuple(y.shape)}.", param="y")
    if target == "binary" and np.isin(flat, (-1, 1)).all():  # margin losses (hinge) take -1/1 targets
        return (flat > 0).astype(np.int64)
    classes = max(outputs, 2)
    bad = (flat != np.round(flat)) | (flat < 0) | (flat >= classes)
    if bad.any():
        row = int(np.argmax(bad)) + 1
        raise DataError(f"{prefix}class targets expected whole numbers 0 … {classes - 1} (the model has {outputs} "
                        f"output{'s' if outputs != 1 else ''}), received {flat[row - 1].item()!r} in row {row}; "
                        "encode the labels as 0 … K-1 first.", row=row, param="y")
    return flat.astype(np.int64, copy=False)


def _targets(y: np.ndarray, labels: np.ndarray | None, *, dtype: np.dtype, target: str, outputs: int,
             prefix: str) -> np.ndarray:
    if target == "index":
        return labels if labels is not None else y.reshape(y.shape[0], -1)[:, 0].astype(np.int64)
    if target == "onehot" and labels is not None and not (y.ndim == 2 and y.shape[1] == outputs > 1):
        onehot = np.zeros((labels.shape[0], outputs), dtype=dtype)
        onehot[np.arange(labels.shape[0]), labels] = 1
        return onehot
    y = y.astype(dtype, copy=False)
    if y.ndim == 1:
        y = y.reshape(-1, 1)
    if y.shape[1:] != (outputs,) and y.ndim == 2:
        raise ShapeError(f"{prefix}targets expected shape (samples, {outputs}) for a model with {outputs} "
                         f"output{'s' if outputs != 1 else ''}, received {tuple(y.shape)}.", param="y")
    return y


def _weights(sample_weight: Any, class_weight: Mapping[Any, float] | None, labels: np.ndarray | None, n: int,
             dtype: np.dtype, prefix: str) -> np.ndarray | None:
    weights = None
    if sample_weight is not None:
        weights = np.asarray(sample_weight, dtype=dtype).reshape(-1)
        if weights.shape != (n,):
            raise ShapeError(f"{prefix}sample_weight expected {n} values (one per row), received "
                             f"{weights.shape[0]}.", param="sample_weight")
        check_finite(weights, "sample_weight")
        if (weights < 0).any():
            row = int(np.argmax(weights < 0)) + 1
            raise DataError(f"{prefix}sample_weight expected values ≥ 0, received {weights[row - 1].item()} in row "
                            f"{row}.", row=row, param="sample_weight")
    if class_weight:
        if labels is None or labels.ndim != 1:
            raise ConfigError("class_weight applies to single-label classification losses only.",
                              param="class_weight")
        table = np.ones(int(labels.max()) + 1, dtype=dtype)
        for label, weight in class_weight.items():
            index = int(label)
            if index < 0 or not np.isfinite(weight) or weight < 0:
                raise ConfigError(f"class_weight expected class indices ≥ 0 mapped to weights ≥ 0, received "
                                  f"{label!r}: {weight!r}.", param="class_weight")
            if index < table.shape[0]:
                table[index] = weight
        per_row = table[labels]
        weights = per_row if weights is None else weights * per_row
    return weights


def validation_indices(n: int, fraction: float, labels: np.ndarray | None,
                       rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(train, validation) row indices: a seeded random split, stratified by class when ``labels`` are given."""
    if not 0.0 < fraction < 1.0:
        raise ConfigError(f"validation_split expected a number in (0, 1), received {fraction!r}.",
                          param="validation_split")
    if labels is None or labels.ndim != 1:
        order = rng.permutation(n)
        n_val = round(n * fraction)
        val = order[:n_val]
    else:
        parts = []
        for cls in np.unique(labels):
            members = rng.permutation(np.flatnonzero(labels == cls))
            parts.append(members[: round(members.size * fraction)])
        val = np.concatenate(parts)
    if val.size == 0 or val.size == n:
        raise ConfigError(f"validation_split={fraction} of {n} rows leaves "
                          f"{'no' if val.size == 0 else 'all'} rows for validation; choose another fraction.",
                          param="validation_split")
    mask = np.ones(n, dtype=bool)
    mask[val] = False
    return np.flatnonzero(mask), np.sort(val)
