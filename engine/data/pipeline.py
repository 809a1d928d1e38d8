"""A table's columns to model-ready arrays, the same way at training and at prediction time.

:class:`TablePipeline` reads the schema's roles and types: numeric features are imputed and scaled, categorical and
boolean features are imputed with their most frequent value and one-hot encoded, and the target is label-encoded
(classification) or scaled by a :class:`TargetTransform` (regression). Every statistic is learned from the training
rows only (``train_index``); only the class list of a classification target comes from every row, since it defines
the model's outputs. ``get_config()`` holds the schema and every fitted step as JSON, so a model file can rebuild
the pipeline and :meth:`TablePipeline.transform_for_prediction` can check and convert a new file.

**Images.** With ``image_shape`` (``"8x8"``, ``"1x8x8"``, ``"28x28x3"``; see :mod:`engine.data.images`) every
feature must be a number column, one per pixel in the written order, and the inputs come out as N×C×H×W. The
pixels are divided by the largest absolute pixel value of the training rows (one number, kept in the state), so
they lie in [0, 1] (or [-1, 1]) with zero staying zero: images keep their contrast, and the zeros that convolution
padding and augmentation fill in are the background. Measured on the bundled digits, this trains a small CNN as
well as a per-pixel z-score, which would move every background pixel off zero. ``scaler`` then still applies per
pixel when given (the command line gives none for images).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from engine.data.columns import NUMERIC_TYPES, numbers, raw_target, texts, unusable_rows
from engine.data.images import image_shape_from_string, reshape_to_images
from engine.data.preprocessing import (
    IMPUTE_STRATEGIES,
    Imputer,
    LabelEncoder,
    OneHotEncoder,
    Preprocessor,
    TargetTransform,
)
from engine.data.schema import Schema
from engine.errors import ConfigError, DataError, ShapeError
from engine.params import Configurable, Param
from engine.registry import PREPROCESSORS

__all__ = ["ExtraColumnsWarning", "TablePipeline", "raw_target", "relocate", "unusable_rows"]

CATEGORY_TYPES = ("categorical", "boolean")
_LISTED = 10


class ExtraColumnsWarning(UserWarning):
    """A table to predict holds columns the model never saw; they are ignored."""


class TablePipeline(Configurable):
    """Impute, scale and one-hot encode a table's features and encode its target, fitted on training rows only."""

    PARAMS = (
        Param("impute", "choice", "mean", "Missing numbers: mean, median, most frequent, a constant (0), or drop "
              "the incomplete rows.", choices=IMPUTE_STRATEGIES),
        Param("scaler", "component", "standard", "Scaler of the numeric features (none: leave them as they are).",
              registry="preprocessors", optional=True, typical="standard"),
        Param("handle_unknown", "choice", "ignore", "A category not seen in training: encode as all zeros "
              "('ignore') or refuse the row ('error').", choices=("ignore", "error")),
        Param("target_scaler", "component", "standard", "Scaler of a regression target for training; predictions "
              "are reported in the original units.", registry="preprocessors", optional=True, typical="standard"),
        Param("image_shape", "str", None, "Read the number features as images of this shape (8x8, 1x8x8, 28x28x3; "
              "the written order is the pixel order); empty: a table.", optional=True, typical="8x8"),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.schema: Schema | None = None
        self.numeric: list[str] = []
        self.categorical: list[str] = []
        self.steps: dict[str, Any] = {}
        #: Images: the largest absolute training pixel value the pixels are divided by (1 for a table).
        self.pixel_max = 1.0

    def _validate(self) -> None:
        self.image_shape = self.image_shape.strip() if self.image_shape and self.image_shape.strip() else None
        #: The (channels, height, width) of ``image_shape``, or None for a table.
        self.image_chw = image_shape_from_string(self.image_shape) if self.image_shape else None

    @property
    def fitted(self) -> bool:
        return self.schema is not None

    # -- fitting -----------------------------------------------------------------------------------------------
    def fit(self, frame: pd.DataFrame, schema: Schema, *, train_index: np.ndarray,
            target: np.ndarray | None = None) -> TablePipeline:
        """Learn every step from the rows ``train_index`` of ``frame`` (the target's classes from every row);
        ``target`` is :func:`raw_target` of ``frame`` when the caller already has it (a large table's labels
        take a while to write as text)."""
        if schema.target is None or schema.task is None:
            raise ConfigError("the pipeline needs a schema with a target column and a task.", param="schema")
        self._set_columns(schema)
        train = frame.iloc[np.asarray(train_index, dtype=np.int64)]
        if len(train) == 0:
            raise DataError("there are no training rows to fit the preprocessing on.")
        steps: dict[str, Any] = {}
        if self.numeric:
            block = numbers(train, self.numeric)
            steps["numeric_imputer"] = Imputer(strategy=self.impute).fit(block, self.numeric)
            complete = block[~np.isnan(block).any(axis=1)] if self.impute == "drop" else None
            filled = complete if complete is not None else steps["numeric_imputer"].transform(block)
            if self.image_chw is not None:
                peak = float(np.max(np.abs(filled))) if filled.size else 0.0
                self.pixel_max = peak if 0.0 < peak < np.inf else 1.0
                filled = filled / self.pixel_max
            scaler = None if self.scaler is None else PREPROCESSORS.create(self.scaler)
            if scaler is not None and PREPROCESSORS.meta(scaler.key).get("category") != "scaler":
                known = ", ".join(PREPROCESSORS.names(category="scaler"))
                raise ConfigError(f"the numeric features need a scaler ({known}), received {scaler.key!r}.",
                                  param="scaler")
            steps["numeric_scaler"] = None if scaler is None else scaler.fit(filled, self.numeric)
        if self.categorical:
            text = texts(train, self.categorical)
            strategy = "drop" if self.impute == "drop" else "most_frequent"
            steps["categorical_imputer"] = Imputer(strategy=strategy).fit(text, self.categorical)
            steps["encoder"] = OneHotEncoder(handle_unknown=self.handle_unknown).fit(
                steps["categorical_imputer"].transform(text) if strategy != "drop" else text, self.categorical)
        target = raw_target(frame, schema) if target is None else target
        if schema.task == "regression":
            train_y = target[np.asarray(train_index, dtype=np.int64)]
            steps["target"] = TargetTransform(scaler=self.target_scaler).fit(train_y[~np.isnan(train_y)])
        else:
            steps["target"] = LabelEncoder().fit(target, [schema.target])
        self.steps = steps
        return self

    def _set_columns(self, schema: Schema) -> None:
        numeric, categorical = [], []
        for name in schema.features:
            kind = schema.column(name).type
            if kind in NUMERIC_TYPES:
                numeric.append(name)
            elif kind in CATEGORY_TYPES:
                categorical.append(name)
            else:
                raise ConfigError(f"column {name!r} is {kind}, which cannot be an input; set its type to numeric or "
                                  f"categorical, or ignore it.", column=name, param="type")
        if not numeric and not categorical:
            raise ConfigError("no column is an input (feature); mark at least one column as a feature.",
                              param="role")
        if self.image_chw is not None:
            _check_pixels(schema, numeric, categorical, self.image_shape, self.image_chw)
        self.schema = replace(schema, bad_cells=[])
        self.numeric, self.categorical = numeric, categorical

    # -- output ------------------------------------------------------------------------------------------------
    @property
    def feature_names_out(self) -> list[str]:
        """The name of every output column: a numeric feature's name, or ``column=category`` for one-hot columns."""
        self._check_fitted()
        encoded = self.steps["encoder"].feature_names_out() if self.categorical else []
        out, start = [], 0
        for name in self.schema.features:
            if name in self.numeric:
                out.append(name)
            else:
                width = len(self.steps["encoder"].state["categories"][self.categorical.index(name)])
                out.extend(encoded[start:start + width])
                start += width
        return out

    @property
    def target(self) -> LabelEncoder | TargetTransform:
        """The fitted target step: a LabelEncoder (``inverse`` gives labels) or a TargetTransform (original units)."""
        self._check_fitted()
        return self.steps["target"]

    @property
    def classes(self) -> list[str]:
        """Class names in index order (empty for regression)."""
        target = self.target
        return target.classes if isinstance(target, LabelEncoder) else []

    def transform(self, frame: pd.DataFrame, dtype: Any = np.float32) -> tuple[np.ndarray, np.ndarray]:
        """Inputs ``x`` and the training form of the target: class indices, or the scaled regression values."""
        y = self.encode_target(frame)
        if self.schema.task == "regression":
            y = self.target.transform(y).astype(dtype, copy=False)
        return self.features(frame, dtype), y

    def encode_target(self, frame: pd.DataFrame, target: np.ndarray | None = None) -> np.ndarray:
        """Class indices (int64), or the regression target in its original units (float64); ``target`` as in
        :meth:`fit`."""
        self._check_fitted()
        values = raw_target(frame, self.schema) if target is None else target
        return values if self.schema.task == "regression" else self.target.transform(values)

    def features(self, frame: pd.DataFrame, dtype: Any = np.float32, *, strict: bool = False) -> np.ndarray:
        """The model inputs of ``frame``: N × len(feature_names_out), or N×C×H×W images with ``image_shape``.
        ``strict`` refuses text in numeric columns instead of reading it as missing."""
        self._check_fitted()
        names = self.feature_names_out
        out = np.empty((len(frame), len(names)), dtype=dtype)
        position = {name: j for j, name in enumerate(names)}
        if self.numeric:
            block = self.steps["numeric_imputer"].transform(numbers(frame, self.numeric, strict=strict))
            scaler = self.steps["numeric_scaler"]
            if self.image_chw is not None:
                block /= self.pixel_max
            out[:, [position[n] for n in self.numeric]] = block if scaler is None else scaler.transform(block)
        if self.categorical:
            text = self.steps["categorical_imputer"].transform(texts(frame, self.categorical))
            encoder = self.steps["encoder"]
            out[:, [position[n] for n in encoder.feature_names_out()]] = encoder.transform(text)
        return out if self.image_chw is None else reshape_to_images(out, self.image_shape)

    def transform_for_prediction(self, frame: pd.DataFrame, *, lines: np.ndarray | None = None,
                                 dtype: Any = np.float32) -> np.ndarray:
        """The model inputs of a table to predict: columns are found by name (any order, the target may be
        absent), missing columns and text in numeric columns are refused, unknown extra columns are ignored with an
        :class:`ExtraColumnsWarning`. ``lines`` (each row's line in the file) makes errors name lines, not rows."""
        self._check_fitted()
        present = {str(c).strip(): c for c in frame.columns}
        missing = [name for name in self.schema.features if name not in present]
        if missing:
            raise DataError(f"the table lacks {_quoted(missing)}, which the model was trained on; its columns are: "
                            f"{', '.join(map(str, present))}.", column=missing[0])
        extra = [name for name in present if name not in self.schema.names]
        if extra:
            warnings.warn(f"ignored {_quoted(extra)}, unknown to the model.", ExtraColumnsWarning, stacklevel=2)
        table = frame[[present[name] for name in self.schema.features]].set_axis(self.schema.features, axis=1)
        try:
            return self.features(table, dtype, strict=True)
        except DataError as error:
            raise relocate(error, lines) from None

    def _check_fitted(self) -> None:
        if self.schema is None:
            raise ConfigError("the pipeline must be fitted before it transforms data.")

    # -- configuration -----------------------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        """The user's choices plus, once fitted, ``state``: the schema and every fitted step as specs."""
        config = super().get_config()
        if self.schema is not None:
            config["state"] = {"schema": self.schema.to_dict(),
                               "steps": {k: None if v is None else PREPROCESSORS.to_spec(v)
                                         for k, v in self.steps.items()}}
            if self.image_chw is not None:
                config["state"]["pixel_max"] = self.pixel_max
        return config

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TablePipeline:
        config = dict(config)
        state = config.pop("state", None)
        pipeline = cls(**config)
        if state is not None:
            pipeline._set_columns(Schema.from_dict(state["schema"]))
            pipeline.steps = {k: None if v is None else _create(v) for k, v in state["steps"].items()}
            pipeline.pixel_max = float(state.get("pixel_max", 1.0))
        return pipeline


def _create(spec: Mapping[str, Any]) -> Preprocessor | TargetTransform:
    return PREPROCESSORS.create(spec)


def _check_pixels(schema: Schema, numeric: list[str], categorical: list[str], text: str,
                  shape: tuple[int, int, int]) -> None:
    """Refuse features that cannot be the pixels of images of ``shape``: a non-number column or a wrong count."""
    if categorical:
        kind = schema.column(categorical[0]).type
        raise ConfigError(f"column {categorical[0]!r} is {kind}; images need one number column per pixel: ignore it "
                          "or read the table without an image shape.", column=categorical[0], param="image_shape")
    c, h, w = shape
    if len(numeric) != c * h * w:
        raise ShapeError(f"the image shape {text!r} ({c}×{h}×{w}) needs {c * h * w} pixel columns, the table has "
                         f"{len(numeric)} number columns besides the target.", param="image_shape")


def relocate(error: DataError, lines: np.ndarray | None) -> DataError:
    """``error`` about a row position, restated with the file line of that row when ``lines`` are known."""
    what = error.details.get("what")
    if lines is None or error.row is None or what is None:
        return error
    line = int(lines[error.row - 1])
    return DataError(f"line {line}, column {error.column!r}: {what}", row=line, column=error.column, what=what)


def _quoted(names: Sequence[str]) -> str:
    shown = ", ".join(repr(n) for n in names[:_LISTED])
    more = f" and {len(names) - _LISTED} more" if len(names) > _LISTED else ""
    return f"the column{'s' if len(names) > 1 else ''} {shown}{more}"
