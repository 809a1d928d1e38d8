"""A CSV file to a training-ready :class:`Dataset`: read, infer the schema, apply the user's overrides, prepare.

:func:`read_table` reads the file (``engine.data.reader``) and infers every column's type and role
(``engine.data.schema``) with the user's target, ignored columns and task applied; :func:`prepare_table` turns it,
with that schema or one the user edited further, into a Dataset through a :class:`TablePipeline` fitted on the
training rows only; :func:`load_table` does both. The command line and the import dialog both go through
here, so they agree on what a file means. Columns can be named by name (any case) or by 1-based position, which is
how a headerless file's columns are chosen (``5`` or ``column_5``).

A table of pixel columns becomes images with ``image_shape`` (see :mod:`engine.data.pipeline`). Its pixels are
the number features plus the number columns the schema left out for holding one value only: a blank border pixel
is constant in every row (7 of the 64 in the bundled digits), yet it is part of the image (:func:`pixel_columns`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from engine.data.dataset import Dataset
from engine.data.images import suggest_image_shape
from engine.data.pipeline import TablePipeline, raw_target, unusable_rows
from engine.data.reader import ReadResult, read_csv
from engine.data.schema import ColumnInfo, Schema, infer_schema
from engine.data.sniff import CsvOptions
from engine.errors import ConfigError, DataError

__all__ = ["Split", "TableInfo", "image_schema", "load_table", "pixel_columns", "prepare_table", "read_table",
           "resolve_column", "suggest_table_image_shape"]

#: Splits the rows given the raw target (text labels or float values) and the task; returns index arrays whose
#: first one is the training part, e.g. ``lambda y, task: train_val_test_split(y, val=0.2, seed=0)``.
Split = Callable[[np.ndarray, str], Sequence[np.ndarray]]
_LISTED = 10


@dataclass
class TableInfo:
    """What reading and preparing found: options used, schema, fitted pipeline, parts, each row's file line."""

    path: str
    options: CsvOptions
    summary: str
    schema: Schema
    pipeline: TablePipeline
    parts: tuple[np.ndarray, ...]
    lines: np.ndarray
    warnings: list[str] = field(default_factory=list)


def resolve_column(names: Sequence[str], wanted: str | int) -> str:
    """The column ``wanted`` names: an exact name, a name in another case, or a 1-based position."""
    text = str(wanted).strip()
    if text in names:
        return text
    folded = [n for n in names if n.strip().lower() == text.lower()]
    if folded:
        return folded[0]
    if text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    raise DataError(f"there is no column {text!r}; the columns are: {', '.join(names)} (or their positions 1 to "
                    f"{len(names)}).", column=text)


def pixel_columns(schema: Schema) -> list[str] | None:
    """The columns that would be an image's pixels, in file order: every feature plus the number columns ignored
    for holding one value only; None when some feature is not a number column (or there is none)."""
    features = [schema.column(name) for name in schema.features]
    if not features or any(c.type != "numeric" for c in features):
        return None
    return [c.name for c in schema.columns if c.role == "feature" or _constant_number(c)]


def _constant_number(column: ColumnInfo) -> bool:
    if column.type != "constant" or column.role != "ignore" or not column.examples:
        return False
    try:
        float(column.examples[0])
    except ValueError:
        return False
    return True


def suggest_table_image_shape(schema: Schema) -> str | None:
    """The image shape the table's pixel columns suggest, written as it is typed (64 → ``8x8``, 3072 →
    ``3x32x32``; :func:`engine.data.images.suggest_image_shape`), or None."""
    pixels = pixel_columns(schema)
    shape = None if pixels is None else suggest_image_shape(len(pixels))
    if shape is None:
        return None
    c, h, w = shape
    return f"{h}x{w}" if c == 1 else f"{c}x{h}x{w}"


def image_schema(schema: Schema) -> Schema:
    """``schema`` with its constant number columns back as features: the pixel columns of an image."""
    pixels = pixel_columns(schema)
    if pixels is None:
        return schema
    columns = [c if c.role == "feature" or c.name not in pixels else
               replace(c, type="numeric", role="feature", reason=f"column {c.name!r} holds one value only: kept as "
                       "a pixel of the image.") for c in schema.columns]
    return replace(schema, columns=columns)


def read_table(
    path: str | Path,
    *,
    options: CsvOptions | None = None,
    target: str | int | None = None,
    ignore: Iterable[str | int] = (),
    task: str | None = None,
) -> tuple[ReadResult, Schema]:
    """Read ``path`` and infer its schema with the user's ``target``, ``ignore``d columns and ``task`` applied."""
    result = read_csv(path, options)
    names = [str(c) for c in result.frame.columns]
    chosen = None if target is None else resolve_column(names, target)
    ignored = [resolve_column(names, c) for c in ignore]
    if chosen is not None and chosen in ignored:
        raise ConfigError(f"column {chosen!r} cannot be both the target and ignored.", column=chosen, param="ignore")
    schema = infer_schema(result.frame, chosen)
    for name in ignored:
        schema = schema.with_override(name, role="ignore")
    if schema.target is None and chosen is None:
        usable = [c.name for c in schema.columns if c.role == "feature"]
        if usable:
            schema = schema.with_override(usable[-1], role="target")
    if task is not None:
        schema = schema.with_task(task)
    return result, schema


def load_table(
    path: str | Path,
    *,
    options: CsvOptions | None = None,
    target: str | int | None = None,
    ignore: Iterable[str | int] = (),
    task: str | None = None,
    **prepare: Any,
) -> tuple[Dataset, TableInfo]:
    """Read ``path`` (:func:`read_table`) and prepare it for training (:func:`prepare_table`).

    ``prepare`` holds :func:`prepare_table`'s keyword arguments (impute, scaler, handle_unknown, target_scaler,
    split, dtype, image_shape), with its defaults.
    """
    result, schema = read_table(path, options=options, target=target, ignore=ignore, task=task)
    return prepare_table(path, result, schema, **prepare)


def prepare_table(
    path: str | Path,
    result: ReadResult,
    schema: Schema,
    *,
    impute: str = "mean",
    scaler: Any = "standard",
    handle_unknown: str = "ignore",
    target_scaler: Any = "standard",
    split: Split | None = None,
    dtype: Any = np.float32,
    image_shape: str | None = None,
) -> tuple[Dataset, TableInfo]:
    """The table ``result`` read from ``path``, with its (possibly user-edited) ``schema``, as a training Dataset.

    Rows without a target value (and, with ``impute="drop"``, rows missing an input) are left out with a warning.
    ``split`` chooses the parts (the first is the training part the pipeline is fitted on); without it the pipeline
    is fitted on every row. The Dataset's ``x`` is the pipeline's output (``dtype``), its ``y`` the class indices
    or the regression target in its original units (``info.pipeline.target`` scales it for training). With
    ``image_shape`` the constant number columns count as pixels (:func:`image_schema`) and ``x`` holds images.
    """
    name = str(path)
    schema.validate(file=name)
    pipeline = TablePipeline(impute=impute, scaler=scaler, handle_unknown=handle_unknown,
                             target_scaler=target_scaler, image_shape=image_shape)
    if pipeline.image_chw is not None:
        schema = image_schema(schema)
    frame, lines = result.frame, result.line_numbers
    notes = list(result.warnings)
    target = raw_target(frame, schema)  # once: the labels as text, for the rows check, the split and the pipeline
    dropped = unusable_rows(frame, schema, drop_incomplete=impute == "drop", target=target)
    if dropped.any():
        why = "without a target value" if impute != "drop" else "without a target value or with a missing input"
        notes.append(f"{name}: left out {_lines_text(lines[dropped])} {why}.")
        keep = ~dropped
        if not keep.any():
            raise DataError(f"{name}: no row is left to train on: every row is {why}.", file=name)
        frame, lines, target = frame.loc[keep].reset_index(drop=True), lines[keep], target[keep]
    if schema.bad_cells:
        notes.extend(c.reason for c in schema.columns if c.bad and c.role != "ignore")
    parts = tuple(split(target, schema.task)) if split else (np.arange(len(frame)),)
    try:
        pipeline.fit(frame, schema, train_index=parts[0], target=target)
    except DataError as error:
        error.file = name
        raise
    data = Dataset(pipeline.features(frame, dtype), pipeline.encode_target(frame, target), pipeline.feature_names_out,
                   schema.target, schema.task, pipeline.classes, name=Path(name).stem, source=name)
    info = TableInfo(name, result.options_used, result.detection.summary, schema, pipeline, parts, lines, notes)
    return data, info


def _lines_text(lines: np.ndarray) -> str:
    shown = ", ".join(str(int(n)) for n in lines[:_LISTED])
    more = f" and {len(lines) - _LISTED} more" if len(lines) > _LISTED else ""
    return f"line {shown}" if len(lines) == 1 else f"{len(lines)} rows (lines {shown}{more})"
