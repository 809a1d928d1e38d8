"""Missing values: fill them with a statistic of the training rows, a constant, or refuse rows that have them.

Numbers (float arrays, NaN = missing) take any strategy; categories (object arrays of text, None/NaN = missing)
take ``most_frequent`` or ``drop``. Ties for the most frequent value go to the smallest value, as in
scikit-learn's SimpleImputer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from engine.data.preprocessing.base import Preprocessor, cell_error
from engine.errors import ConfigError, DataError
from engine.params import Param
from engine.registry import PREPROCESSORS

__all__ = ["IMPUTE_STRATEGIES", "Imputer", "is_missing"]

IMPUTE_STRATEGIES = ("mean", "median", "most_frequent", "constant", "drop")
_TEXT_STRATEGIES = ("most_frequent", "drop")


def is_missing(x: np.ndarray) -> np.ndarray:
    """Boolean mask of missing cells: NaN in float arrays, None/NaN in object arrays."""
    return np.isnan(x) if np.issubdtype(x.dtype, np.floating) else pd.isna(x)


@PREPROCESSORS.register("impute", category="imputer")
class Imputer(Preprocessor):
    """Fill missing values with the training mean, median, most frequent value or a constant, or drop the rows."""

    PARAMS = (
        Param("strategy", "choice", "mean", "How a missing value is filled; 'drop' leaves incomplete rows out of "
              "training and refuses them at prediction.", choices=IMPUTE_STRATEGIES),
        Param("fill_value", "float", 0.0, "The value used by the 'constant' strategy."),
    )
    STATE = ("values",)

    def _fit(self, x: np.ndarray) -> dict[str, Any]:
        x = x.reshape(len(x), -1)
        numeric = np.issubdtype(x.dtype, np.number)
        if not numeric and self.strategy not in _TEXT_STRATEGIES:
            raise ConfigError(f"impute: categories can be filled with the most frequent value or dropped, not with "
                              f"the {self.strategy!r} strategy.", param="strategy")
        if numeric:
            x = x.astype(np.float64, copy=False)
        missing = is_missing(x)
        if self.strategy in ("drop", "constant"):  # nothing to learn; 'drop' never fills
            return {"values": np.full(x.shape[1], self.fill_value if self.strategy == "constant" else 0.0)}
        empty = np.flatnonzero(missing.all(axis=0))
        if empty.size:
            raise DataError(f"column {self.names[empty[0]]!r} has no values in the training rows, so there is "
                            f"nothing to compute its {self.strategy.replace('_', ' ')} value from.",
                            column=self.names[empty[0]])
        # a complete column is used as it is: masking copies it, a large table's columns one by one
        columns = [x[~missing[:, j], j] if missing[:, j].any() else x[:, j] for j in range(x.shape[1])]
        if self.strategy == "most_frequent":
            values = [_most_frequent(c) for c in columns]
            return {"values": np.asarray(values, dtype=np.float64) if numeric else [str(v) for v in values]}
        statistic = np.mean if self.strategy == "mean" else np.median
        return {"values": np.array([statistic(c) for c in columns], dtype=np.float64)}

    def _sample_shape(self) -> tuple[int, ...] | None:
        return (len(self.state["values"]),) if self.state is not None else None

    def _transform(self, x: np.ndarray) -> np.ndarray:
        missing = is_missing(x)
        if not missing.any():
            return x
        if self.strategy == "drop":
            row, col = np.argwhere(missing)[0]
            raise cell_error(int(row), self.names[col], "has no value, and the model was trained with incomplete "
                             "rows left out (impute strategy 'drop'); give every input a value.")
        values = self.state["values"]
        if np.issubdtype(x.dtype, np.floating):
            fill = np.broadcast_to(np.asarray(values, dtype=x.dtype), x.shape)
        else:
            fill = np.broadcast_to(np.asarray(values, dtype=object), x.shape)
            x = x.astype(object)
        return np.where(missing, fill, x)

    def _load_state(self, state: dict[str, Any]) -> dict[str, Any]:
        values = state["values"]
        if any(isinstance(v, str) for v in values):
            return {"values": [str(v) for v in values]}
        return {"values": np.asarray(values, dtype=np.float64)}


def _most_frequent(values: np.ndarray) -> Any:
    keys, counts = np.unique(values if values.dtype != object else values.astype(str), return_counts=True)
    return keys[int(np.argmax(counts))]
