"""Categories to numbers: one-hot encoding of input columns and label encoding of a class target.

Categories are compared as text. The one-hot encoder learns each column's categories from the training rows; a
category it never saw is either encoded as all zeros (``handle_unknown="ignore"``) or refused with a DataError
naming the column and the value (``"error"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.data.preprocessing.base import Preprocessor, cell_error
from engine.data.preprocessing.impute import is_missing
from engine.params import Param
from engine.registry import PREPROCESSORS

__all__ = ["LabelEncoder", "OneHotEncoder", "class_order"]

_LISTED = 8


def class_order(labels: Sequence[str]) -> list[str]:
    """Distinct ``labels`` sorted as numbers when every one reads as a number ("2" before "10"), else as text."""
    distinct = sorted(set(labels))
    try:
        return sorted(distinct, key=float)
    except ValueError:
        return distinct


def _known(values: Sequence[str]) -> str:
    shown = ", ".join(repr(v) for v in values[:_LISTED])
    return shown + (f" and {len(values) - _LISTED} more" if len(values) > _LISTED else "")


def _lookup(values: Sequence[str], column: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each cell of ``column``: its index in ``values``, whether it was found, whether it is missing, its text."""
    missing = is_missing(column)
    text = np.where(missing, "", column).astype(str)
    if not len(values):
        return np.zeros(len(text), dtype=np.int64), np.zeros(len(text), dtype=bool), missing, text
    known = np.asarray(values, dtype=str)
    order = np.argsort(known)
    index = order[np.clip(np.searchsorted(known, text, sorter=order), 0, len(known) - 1)]
    return index, ~missing & (known[index] == text), missing, text


@PREPROCESSORS.register("one_hot", category="encoder")
class OneHotEncoder(Preprocessor):
    """One-hot encoding: one 0/1 column per category seen in training; unseen categories are ignored or refused."""

    PARAMS = (
        Param("handle_unknown", "choice", "ignore", "A category not seen in training: 'ignore' encodes it as all "
              "zeros, 'error' refuses it.", choices=("ignore", "error")),
    )
    STATE = ("categories",)

    def _fit(self, x: np.ndarray) -> dict[str, Any]:
        x = x.reshape(len(x), -1)
        missing = is_missing(x)
        return {"categories": [class_order(x[~missing[:, j], j].astype(str).tolist()) for j in range(x.shape[1])]}

    def _sample_shape(self) -> tuple[int, ...] | None:
        return (len(self.state["categories"]),) if self.state is not None else None

    def feature_names_out(self) -> list[str]:
        """``column=category`` for every output column, in output order."""
        return [f"{name}={cat}" for name, cats in zip(self.names or [], self.state["categories"], strict=True)
                for cat in cats]

    def _transform(self, x: np.ndarray) -> np.ndarray:
        categories = self.state["categories"]
        out = np.zeros((len(x), sum(len(c) for c in categories)), dtype=np.float32)
        rows = np.arange(len(x))
        start = 0
        for j, cats in enumerate(categories):
            index, found, missing, text = _lookup(cats, x[:, j])
            if self.handle_unknown == "error" and not found.all():
                bad = int(np.argmin(found))
                what = "has no value" if missing[bad] else f"holds {str(text[bad])!r}, a category not seen in training"
                raise cell_error(bad, self.names[j], f"{what} (known: {_known(cats)}).")
            out[rows[found], start + index[found]] = 1.0
            start += len(cats)
        return out

    def _load_state(self, state: dict[str, Any]) -> dict[str, Any]:
        return {"categories": [[str(c) for c in cats] for cats in state["categories"]]}


@PREPROCESSORS.register("label_encoder", category="target")
class LabelEncoder(Preprocessor):
    """Class labels to indices 0…K−1 in class order (numbers by value, else text by its sort order)."""

    STATE = ("classes",)

    def fit(self, y: np.ndarray, names: Sequence[str] | None = None) -> LabelEncoder:
        """Learn the classes of the labels ``y`` (1-D; missing labels are skipped)."""
        super().fit(np.asarray(y, dtype=object).reshape(-1, 1), names)
        return self

    def _fit(self, x: np.ndarray) -> dict[str, Any]:
        labels = x[:, 0]
        return {"classes": class_order(labels[~is_missing(labels)].astype(str).tolist())}

    @property
    def classes(self) -> list[str]:
        return list(self.state["classes"]) if self.state is not None else []

    def transform(self, y: np.ndarray) -> np.ndarray:
        """Class indices (int64) of the labels ``y``; an unknown or missing label is a DataError."""
        y = np.asarray(y, dtype=object).reshape(-1)
        self._check(y.reshape(-1, 1))
        return self._transform(y)

    def _transform(self, y: np.ndarray) -> np.ndarray:
        index, found, missing, text = _lookup(self.state["classes"], y)
        if not found.all():
            bad = int(np.argmin(found))
            what = "has no value" if missing[bad] else f"holds {str(text[bad])!r}, not one of the classes"
            raise cell_error(bad, (self.names or ["target"])[0], f"{what} ({_known(self.classes)}).")
        return index.astype(np.int64)

    def inverse(self, indices: np.ndarray) -> np.ndarray:
        """The labels (text) of class ``indices``."""
        return np.asarray(self.state["classes"], dtype=object)[np.asarray(indices, dtype=np.int64)]

    def _load_state(self, state: dict[str, Any]) -> dict[str, Any]:
        return {"classes": [str(c) for c in state["classes"]]}
