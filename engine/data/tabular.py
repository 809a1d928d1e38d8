"""Read a numeric CSV file (features plus one target column) into a :class:`Dataset`.

pandas's C parser does the reading; this module checks what it got and turns every problem into a
:class:`DataError` that names the file, the 1-based line (as an editor counts, the header is line 1) and the
column.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from engine.data.dataset import Dataset
from engine.errors import DataError

__all__ = ["MAX_CLASSES", "TARGET_NAMES", "detect_task", "read_numeric_csv"]

#: Column names taken as the target when none is given (compared case-insensitively).
TARGET_NAMES = ("label", "target", "class", "y", "species")
#: An integer target with at most this many distinct values is read as class labels.
MAX_CLASSES = 20
_SNIFF_BYTES = 64 * 1024


def read_numeric_csv(path: str | Path, target: str | None = None, *, delimiter: str | None = None) -> Dataset:
    """Load ``path``: every column but ``target`` must be numeric; the target may be numbers or text labels.

    ``target`` defaults to a column named label/target/class/y/species, else the last column. ``delimiter`` is
    sniffed from the start of the file when not given. Text labels are encoded in sorted order.
    """
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise DataError(f"file not found: {name}.", file=name)
    sep = delimiter or _sniff_delimiter(path)
    try:
        frame = pd.read_csv(path, sep=sep, skip_blank_lines=False, encoding="utf-8-sig", skipinitialspace=True)
    except pd.errors.EmptyDataError:
        raise DataError(f"{name} is empty: expected a header row and data rows.", file=name) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"could not read {name} as CSV: {_first_line(exc)}", file=name) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(how="all")  # blank lines; the index keeps each row's line number
    if frame.empty:
        raise DataError(f"{name} has a header but no data rows.", file=name)
    if frame.shape[1] < 2:
        raise DataError(f"{name} has {frame.shape[1]} column: expected at least one feature column and a target "
                        f"column (is the delimiter {sep!r} right?).", file=name)
    target_col = _pick_target(list(frame.columns), target, name)
    features = [c for c in frame.columns if c != target_col]
    x = _numeric_features(frame, features, name)
    y, classes, task = _encode_target(frame[target_col], target_col, name)
    return Dataset(x, y, features, target_col, task, classes, name=path.stem, source=name)


def detect_task(values: np.ndarray) -> str:
    """"binary"/"multiclass" for integral numbers with at most :data:`MAX_CLASSES` values, else "regression"."""
    unique = np.unique(values)
    if len(unique) <= MAX_CLASSES and np.all(np.mod(unique, 1) == 0):
        return "binary" if len(unique) <= 2 else "multiclass"
    return "regression"


def _sniff_delimiter(path: Path) -> str:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        sample = fh.read(_SNIFF_BYTES)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _pick_target(columns: list[str], target: str | None, name: str) -> str:
    if target is not None:
        if target in columns:
            return target
        folded = [c for c in columns if c.lower() == target.strip().lower()]
        if folded:
            return folded[0]
        raise DataError(f"{name} has no column {target!r}; its columns are: {', '.join(columns)}.", file=name,
                        column=target)
    for column in columns:
        if column.lower() in TARGET_NAMES:
            return column
    return columns[-1]


def _line(index: int) -> int:
    """The editor line of a data row: the header is line 1, the first data row line 2."""
    return int(index) + 2


def _numeric_features(frame: pd.DataFrame, features: list[str], name: str) -> np.ndarray:
    for column in features:
        series = frame[column]
        if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            numbers = pd.to_numeric(series, errors="coerce")
            bad = numbers.isna() & series.notna()
            if bad.any():
                at = bad.idxmax()
                raise DataError(f"{name}: column {column!r} must hold numbers, but line {_line(at)} holds "
                                f"{series[at]!r}.", file=name, row=_line(at), column=column)
            frame[column] = numbers
    x = frame[features].to_numpy(dtype=np.float64)
    finite = np.isfinite(x)
    if not finite.all():
        r, c = np.argwhere(~finite)[0]
        what = "a missing value" if np.isnan(x[r, c]) else f"the value {x[r, c]}"
        line = _line(frame.index[r])
        raise DataError(f"{name}: line {line}, column {features[c]!r} holds {what}; expected a finite number.",
                        file=name, row=line, column=features[c])
    return x


def _encode_target(series: pd.Series, column: str, name: str) -> tuple[np.ndarray, list[str], str]:
    missing = series.isna()
    if missing.any():
        line = _line(missing.idxmax())
        raise DataError(f"{name}: line {line} has no value in the target column {column!r}.", file=name, row=line,
                        column=column)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.to_numpy(dtype=np.float64)
        if not np.isfinite(values).all():
            line = _line(series.index[int(np.argmin(np.isfinite(values)))])
            raise DataError(f"{name}: line {line}, target column {column!r} holds an infinite value.", file=name,
                            row=line, column=column)
        if detect_task(values) == "regression":
            return values, [], "regression"
        labels, y = np.unique(values, return_inverse=True)
        classes = [str(int(v)) for v in labels]
    else:
        labels, y = np.unique(series.astype(str).str.strip().to_numpy(), return_inverse=True)
        classes = [str(v) for v in labels]
    if len(classes) < 2:
        raise DataError(f"{name}: the target column {column!r} holds one class only ({classes[0]!r}); expected at "
                        f"least two.", file=name, column=column)
    return y.astype(np.int64), classes, "binary" if len(classes) == 2 else "multiclass"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__).rstrip(".") + "."
