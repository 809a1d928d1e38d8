"""A table's columns as arrays, read the same way by the schema detection and the preprocessing pipeline.

:func:`numbers` gives float64 (NaN = missing), :func:`texts` object arrays of text (None = missing) with numbers
written as the schema writes them (:func:`number_text`: "1", not "1.0", in an all-whole column), so the class
labels the pipeline encodes are the ones the schema counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from engine.errors import DataError

if TYPE_CHECKING:
    from engine.data.schema import Schema

__all__ = ["NUMERIC_TYPES", "all_whole", "number_text", "numbers", "raw_target", "texts", "unusable_rows"]

NUMERIC_TYPES = ("numeric",)


def raw_target(frame: pd.DataFrame, schema: Schema) -> np.ndarray:
    """The target column as the pipeline reads it: float64 for regression (NaN = missing), else text labels
    (None = missing) written the way the schema counts them ("1", not "1.0")."""
    if schema.target not in frame.columns:
        raise DataError(f"the table has no target column {schema.target!r}.", column=schema.target)
    if schema.task == "regression":
        return numbers(frame, [schema.target])[:, 0]
    return texts(frame, [schema.target])[:, 0]


def unusable_rows(frame: pd.DataFrame, schema: Schema, *, drop_incomplete: bool = False,
                  target: np.ndarray | None = None) -> np.ndarray:
    """Rows that cannot be trained on: no target value, or (``drop_incomplete``) a missing input value.
    ``target`` is :func:`raw_target` of ``frame`` when the caller already has it."""
    target = raw_target(frame, schema) if target is None else target
    bad = np.isnan(target) if schema.task == "regression" else pd.isna(target)
    if drop_incomplete:
        for name in schema.features:
            kind = schema.column(name).type
            column = numbers(frame, [name])[:, 0] if kind in NUMERIC_TYPES else texts(frame, [name])[:, 0]
            bad |= np.isnan(column) if kind in NUMERIC_TYPES else pd.isna(column)
    return np.asarray(bad, dtype=bool)


def numbers(frame: pd.DataFrame, names: Sequence[str], *, strict: bool = False) -> np.ndarray:
    """The columns ``names`` as float64 (N × len(names)); text cells are missing, or an error when ``strict``."""
    out = np.empty((len(frame), len(names)), dtype=np.float64)
    for j, name in enumerate(names):
        series = frame[name]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            out[:, j] = series.to_numpy(dtype=np.float64, na_value=np.nan)
            continue
        numbers = pd.to_numeric(series.astype(str).str.strip().where(series.notna()), errors="coerce")
        bad = numbers.isna().to_numpy() & series.notna().to_numpy()
        if strict and bad.any():
            row = int(np.argmax(bad))
            raise DataError(f"row {row + 1}, column {name!r}: holds {str(series.iloc[row])!r}, expected a number.",
                            row=row + 1, column=name, what=f"holds {str(series.iloc[row])!r}, expected a number.")
        out[:, j] = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
    return out


def texts(frame: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """The columns ``names`` as text (object array, None = missing); numbers written as the schema writes them."""
    out = np.empty((len(frame), len(names)), dtype=object)
    for j, name in enumerate(names):
        series = frame[name]
        present = series.notna().to_numpy()
        if pd.api.types.is_bool_dtype(series):
            text = np.where(series.to_numpy(dtype=bool), "True", "False").astype(object)
        elif pd.api.types.is_numeric_dtype(series):
            values = series.to_numpy(dtype=np.float64, na_value=0.0)
            unique, inverse = np.unique(values, return_inverse=True)
            integral = all_whole(unique[np.isfinite(unique)])
            text = np.array([number_text(v, integral) for v in unique], dtype=object)[inverse]
        else:
            text = series.astype(str).str.strip().to_numpy(dtype=object)
        out[:, j] = np.where(present, text, None)
    return out


def all_whole(finite: np.ndarray) -> bool:
    """True when every one of these finite numbers is a whole number (the column is written without ".0")."""
    return bool(np.all(np.mod(finite, 1) == 0))


def number_text(value: float, integral: bool) -> str:
    """As the schema writes a number: whole numbers of an all-whole column without ".0"."""
    return str(int(value)) if integral and np.isfinite(value) else repr(float(value))
