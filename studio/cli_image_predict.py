"""``nn-train predict`` for image models: a folder of images (one subfolder per class) through a trained model.

A pixel CSV needs nothing special: the model file's pipeline turns its columns into images as in training. A folder
is read like a training folder (:func:`engine.data.images.load_image_folder`), resized to the model's input size,
grey or colour as the model was trained, and scaled as in training.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

from engine.data.images import IMAGE_SUFFIXES, load_image_folder
from engine.errors import DataError
from studio.cli_predict import Predictions, run_predict, write_predictions
from studio.report_source import TrainedModel, load_trained, model_outputs

__all__ = ["predict_folder", "run_predict_any"]


def predict_folder(trained: TrainedModel | str | os.PathLike[str], folder: str | os.PathLike[str]) -> Predictions:
    """Predict every image of ``folder`` (one subfolder per class, as in training) with an image model: a table
    of ``file``, ``folder`` (the subfolder, the true class), ``predicted`` and, for classification, ``p_<class>``."""
    model = trained if isinstance(trained, TrainedModel) else load_trained(trained)
    shape = tuple(model.model.input_shape)
    if model.pipeline is not None:
        raise DataError(f"{model.path} was trained on the pixel columns of a CSV file; predict a CSV file with those "
                        f"columns, not the folder {os.fspath(folder)}.", file=os.fspath(folder))
    if len(shape) != 3 or shape[0] not in (1, 3):
        raise DataError(f"{model.path} takes inputs of shape {shape}, not grey or colour images; a folder of images "
                        "needs a model trained on images.", file=os.fspath(folder))
    data = load_image_folder(folder, size=(shape[1], shape[2]), grayscale=shape[0] == 1)
    x = data.x if model.scaler is None else model.scaler.transform(data.x)
    predicted, proba = model_outputs(model, np.asarray(x, dtype=model.model.dtype))
    root = Path(folder)
    files = [str(path.relative_to(root)) for name in data.classes for path in sorted(
        p for p in (root / name).iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)]
    table = pd.DataFrame({"file": files, "folder": np.asarray(data.classes, dtype=object)[data.y]})
    if proba is None:
        table["predicted"] = predicted
        return Predictions(table)
    classes = model.classes or [str(i) for i in range(proba.shape[1])]
    table["predicted"] = np.asarray(classes, dtype=object)[predicted]
    for j, name in enumerate(classes):
        table[f"p_{name}"] = proba[:, j]
    return Predictions(table)


def run_predict_any(args: argparse.Namespace, err: TextIO) -> int:
    """``nn-train predict``: a folder of images through :func:`predict_folder`, a CSV file as before."""
    if not os.path.isdir(args.data):
        return run_predict(args, err)
    predictions = predict_folder(args.model, args.data)
    write_predictions(args.out, predictions)
    err.write(f"nn-train: wrote {len(predictions.table)} predictions to {args.out}\n")
    return 0
