"""``nn-train predict MODEL DATA --out preds.csv``: a trained model's predictions for the rows of a CSV file.

The stored preprocessing is applied as at training time (TablePipeline.transform_for_prediction): columns are found
by name in any order, the target column may be absent, extra columns are ignored with a note, and missing or
mistyped columns are named in one sentence. The output holds the input rows as read, then ``predicted`` (the class
label, or the value in the target's original units) and, for classification, ``p_<class>`` for every class. The
file is written atomically. The predict dialog runs the same functions.
"""

from __future__ import annotations

import argparse
import os
import warnings
from dataclasses import dataclass, field
from typing import TextIO

import numpy as np
import pandas as pd

from engine.data.pipeline import ExtraColumnsWarning
from engine.data.reader import read_csv
from engine.errors import DataError
from engine.io.atomic import atomic_write
from studio.report_source import TrainedModel, load_trained, model_outputs

__all__ = ["Predictions", "add_predict_parser", "predict_file", "predict_frame", "run_predict", "write_predictions"]


@dataclass
class Predictions:
    """The output table (input rows + prediction columns) and notes for the user (ignored columns …)."""

    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def add_predict_parser(commands: argparse._SubParsersAction) -> None:
    predict = commands.add_parser("predict", help="predict the rows of a CSV file with a trained model",
                                  description="Apply a trained model (and its stored preprocessing) to the rows of "
                                              "DATA and write them with the predictions to --out.")
    predict.add_argument("model", metavar="MODEL", help="a model file written by nn-train train, or a .nnproj")
    predict.add_argument("data", metavar="DATA", help="a CSV file with the model's input columns (any order; the "
                         "target column may be missing)")
    predict.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")


def inputs_for(trained: TrainedModel, frame: pd.DataFrame, lines: np.ndarray | None = None) -> tuple[np.ndarray,
                                                                                                     list[str]]:
    """The model inputs of ``frame`` and the notes raised on the way (ignored extra columns)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExtraColumnsWarning)
        if trained.pipeline is not None:
            x = trained.pipeline.transform_for_prediction(frame, lines=lines, dtype=trained.model.dtype)
        else:
            x = _named_numbers(trained, frame)
    notes = [str(w.message) for w in caught if issubclass(w.category, ExtraColumnsWarning)]
    return x, notes


def _named_numbers(trained: TrainedModel, frame: pd.DataFrame) -> np.ndarray:
    """Inputs of a model trained on a built-in dataset: its numeric feature columns by name, scaled as in training."""
    present = {str(c).strip(): c for c in frame.columns}
    names = trained.feature_names
    missing = [n for n in names if n not in present]
    if missing:
        raise DataError(f"the table lacks the column{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(map(repr, missing))}, which the model was trained on; its columns are: "
                        f"{', '.join(present)}.", column=missing[0])
    extra = [n for n in present if n not in names and n != trained.target_name]
    if extra:
        warnings.warn(f"ignored the column{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}, unknown to "
                      "the model.", ExtraColumnsWarning, stacklevel=3)
    block = np.empty((len(frame), len(names)), dtype=np.float64)
    for j, name in enumerate(names):
        column = pd.to_numeric(frame[present[name]], errors="coerce")
        bad = column.isna().to_numpy() & frame[present[name]].notna().to_numpy()
        empty = frame[present[name]].isna().to_numpy()
        if bad.any() or empty.any():
            row = int(np.argmax(bad | empty))
            what = "is empty" if empty[row] else f"holds {str(frame[present[name]].iloc[row])!r}"
            raise DataError(f"row {row + 1}, column {name!r}: {what}, expected a number.", row=row + 1, column=name)
        block[:, j] = column.to_numpy(dtype=np.float64)
    x = block if trained.scaler is None else trained.scaler.transform(block)
    return np.asarray(x, dtype=trained.model.dtype).reshape(len(frame), *trained.model.input_shape)


def predict_frame(trained: TrainedModel, frame: pd.DataFrame, lines: np.ndarray | None = None) -> Predictions:
    """``frame`` with the prediction columns appended."""
    x, notes = inputs_for(trained, frame, lines)
    predicted, proba = model_outputs(trained, x)
    table = frame.copy()
    if proba is None:
        table["predicted"] = predicted
        return Predictions(table, notes)
    classes = trained.classes or [str(i) for i in range(proba.shape[1])]
    table["predicted"] = np.asarray(classes, dtype=object)[predicted]
    for j, name in enumerate(classes):
        table[f"p_{name}"] = proba[:, j]
    return Predictions(table, notes)


def predict_file(trained: TrainedModel | str | os.PathLike[str], data: str | os.PathLike[str]) -> Predictions:
    """Read the CSV file ``data`` (its format detected) and predict its rows."""
    model = trained if isinstance(trained, TrainedModel) else load_trained(trained)
    result = read_csv(data)
    try:
        predictions = predict_frame(model, result.frame, result.line_numbers)
    except DataError as error:
        if not error.message.startswith(os.fspath(data)):
            error.message = f"{os.fspath(data)}: {error.message}"
            error.args = (error.message,)
        raise
    predictions.notes[:0] = result.warnings
    return predictions


def write_predictions(path: str | os.PathLike[str], predictions: Predictions) -> None:
    """Write the table as UTF-8 CSV atomically (floats with every digit, so the file reads back exactly)."""
    try:
        with atomic_write(path, "w") as handle:
            predictions.table.to_csv(handle, index=False, lineterminator="\n")
    except OSError as error:
        raise DataError(f"The predictions could not be written to {os.fspath(path)}: {error.strerror or error}; "
                        "no file was written.", file=os.fspath(path)) from error


def run_predict(args: argparse.Namespace, err: TextIO) -> int:
    """Carry out ``nn-train predict``."""
    predictions = predict_file(args.model, args.data)
    for note in predictions.notes:
        err.write(f"nn-train: note: {note}\n")
    write_predictions(args.out, predictions)
    err.write(f"nn-train: wrote {len(predictions.table)} predictions to {args.out}\n")
    return 0
