"""``nn-train train``: load, split, scale, build, train, score and save — the engine's whole path in one command.

Choices made for the user when not given: for a CSV file, engine.data's TablePipeline (missing numbers filled with the
training mean, numbers standardised, categories one-hot encoded); for a built-in dataset the standard scaler; every
statistic fitted on the training part only; a split stratified by class (seeded); an MLP whose output layer and loss
follow the task (binary: 1 sigmoid unit with binary cross-entropy; multiclass: K softmax units with sparse categorical
cross-entropy; regression: 1 linear unit with MSE on the standardised target, scores reported in the original units).
Datasets too small to hold samples out (the 4-point logic gates) are validated and tested on their training samples,
with a note saying so. Images (a CSV file with ``--image-shape``, or a folder of images) are described in
:mod:`studio.cli_images`; their pixels are scaled to [0, 1] and no other scaler is applied unless ``--scaler`` asks.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TextIO

import numpy as np

from engine.data import Dataset, TargetTransform, load_dataset, load_table, train_val_test_split
from engine.data.builtin import PREFIX
from engine.errors import ConfigError
from engine.io.model_file import save_model
from engine.model import Sequential
from engine.registry import LOSSES, OPTIMIZERS, PREPROCESSORS, SCHEDULES
from engine.spec_parser import parse_call, parse_layers
from engine.trainer import Trainer
from studio.cli_data import check_not_csv_flags, csv_options
from studio.cli_images import augmenter, check_image_flags, cnn_layers, folder_dataset, image_hint
from studio.cli_metrics import classification_metrics, regression_metrics
from studio.cli_progress import ProgressBar

__all__ = ["MIN_HOLDOUT_SAMPLES", "default_loss", "run_train"]

#: Below this many samples nothing is held out: validation and test use the training samples.
MIN_HOLDOUT_SAMPLES = 20
EXIT_OK, EXIT_DIVERGED = 0, 1
#: Schedule parameters that mean "the length of the run", filled in from --epochs when not given.
_RUN_LENGTH_PARAMS = ("t_max", "total_steps")


class Parts(NamedTuple):
    """Index arrays of the three parts; ``note`` explains a choice the user did not make (no hold-out)."""

    train: np.ndarray
    val: np.ndarray
    test: np.ndarray
    note: str | None = None


@dataclass
class Prepared:
    """The data as the model sees it, its parts, the target's scaling (regression) and what the model file keeps."""

    data: Dataset
    parts: Parts
    target: TargetTransform | None
    extra: dict[str, Any]


def default_loss(task: str) -> str:
    """The loss ``--hidden`` pairs with each task."""
    return {"binary": "binary_crossentropy", "multiclass": "sparse_categorical_crossentropy",
            "regression": "mse"}[task]


def split(labels: np.ndarray, classification: bool, source: str, val: float, test: float, seed: int) -> Parts:
    """Seeded split of the samples labelled ``labels``, stratified for classification; none for tiny datasets."""
    if val + test >= 1.0:
        raise ConfigError(f"--val-split + --test-split must leave samples for training (sum < 1), received "
                          f"{val} + {test}.", param="val_split")
    n = len(labels)
    everything = np.arange(n)
    if (val or test) and n < MIN_HOLDOUT_SAMPLES:
        which = " and ".join(name for name, share in (("validation", val), ("test", test)) if share)
        verb = "use" if " and " in which else "uses"
        note = f"{source} has only {n} samples, too few to hold some out; {which} {verb} the training samples."
        return Parts(everything, everything if val else everything[:0], everything if test else everything[:0], note)
    return Parts(*train_val_test_split(labels if classification else n, val=val, test=test, stratify=classification,
                                       seed=seed))


def scaler_spec(text: str) -> dict[str, Any] | None:
    """``--scaler``: a scaler name or call, or none."""
    if text.strip().lower() == "none":
        return None
    spec = parse_call(text, PREPROCESSORS, "scaler")
    if PREPROCESSORS.meta(spec["type"]).get("category") != "scaler":
        raise ConfigError(f"--scaler expected one of {', '.join(PREPROCESSORS.names(category='scaler'))} or none, "
                          f"received {text!r}.", param="scaler")
    return spec


def prepare(args: argparse.Namespace) -> Prepared:
    """Load ``args.data`` (``builtin:NAME`` with optional parameters, a folder of images or a CSV file), split it
    and fit the preprocessing on the training part."""
    source = args.data.strip()
    if source.startswith(PREFIX):
        check_not_csv_flags(args, source)
        check_image_flags(args, source)
        return _prepare_builtin(load_dataset(source), scaler_spec(args.scaler or "standard"), args)
    if os.path.isdir(source):
        check_not_csv_flags(args, source, "a folder of images")
        prepared = _prepare_builtin(folder_dataset(source, args), scaler_spec(args.scaler or "none"), args)
        prepared.extra["images"] = {"folder": source, "shape": list(prepared.data.input_shape)}
        return prepared
    check_image_flags(args, source)
    images = args.image_shape is not None

    def parts(labels: np.ndarray, task: str) -> Parts:
        return split(labels, task != "regression", source, args.val_split, args.test_split, args.seed)

    data, info = load_table(source, options=csv_options(args), target=args.target, ignore=args.ignore or (),
                            task=args.task, impute=args.impute or "mean", split=parts, dtype=args.dtype,
                            scaler=scaler_spec(args.scaler or ("none" if images else "standard")),
                            image_shape=args.image_shape)
    target = info.pipeline.target if data.task == "regression" else None
    hint = None if images else image_hint(info.schema)
    extra = {"pipeline": info.pipeline.get_config(), "csv_options": info.options.to_dict(),
             "warnings": [*info.warnings, *([hint] if hint else [])]}
    return Prepared(data, Parts(*info.parts), target, extra)


def _prepare_builtin(data: Dataset, scaler_config: dict[str, Any] | None, args: argparse.Namespace) -> Prepared:
    parts = split(data.y, data.is_classification, data.source, args.val_split, args.test_split, args.seed)
    scaler = None if scaler_config is None else PREPROCESSORS.create(scaler_config).fit(data.x[parts.train])
    x = data.x if scaler is None else scaler.transform(data.x)
    target = TargetTransform().fit(data.y[parts.train]) if data.task == "regression" else None
    prepared = Dataset(x.astype(args.dtype, copy=False), data.y, data.feature_names, data.target_name, data.task,
                       data.classes, data.name, data.source)
    extra = {"preprocessing": None if scaler is None else PREPROCESSORS.to_spec(scaler),
             "target_preprocessing": None if target is None else PREPROCESSORS.to_spec(target)}
    return Prepared(prepared, parts, target, extra)


def _hidden_units(text: str | None) -> list[int]:
    if text is None:
        return [32]
    if text.strip().lower() in ("", "none", "0"):
        return []
    try:
        units = [int(part) for part in text.replace(" ", "").split(",")]
    except ValueError:
        raise ConfigError(f"--hidden expected layer sizes such as 32,16, received {text!r}.", param="hidden") from None
    if any(u < 1 for u in units):
        raise ConfigError(f"--hidden expected sizes ≥ 1, received {text!r}.", param="hidden")
    return units


def build_layers(args: argparse.Namespace, data: Dataset, loss_key: str) -> list[Any]:
    """The layer specs: ``--layers`` as written, or the Small CNN of ``--cnn`` or the MLP of ``--hidden`` (a
    flatten layer first for images), each with a task-shaped output layer."""
    if args.layers is not None:
        return parse_layers(args.layers)
    flat: list[Any] = [{"type": "flatten", "config": {}}] if len(data.input_shape) > 1 else []
    if args.method == "perceptron":
        return [*flat, {"type": "dense", "config": {"units": 1, "activation": "step"}}]
    loss_task = LOSSES.meta(loss_key).get("task")
    units = data.n_classes if loss_task == "multiclass" else 1
    output = {"type": "dense", "config": {"units": units, "activation": LOSSES.get(loss_key).logits_of or "linear"}}
    if args.cnn:
        return cnn_layers(output, data.input_shape)
    specs = [*flat, *({"type": "dense", "config": {"units": u, "activation": args.activation}}
              for u in _hidden_units(args.hidden))]
    return [*specs, output]


def _check_loss(loss_key: str, data: Dataset) -> None:
    loss_task = LOSSES.meta(loss_key).get("task", "any")
    fits = loss_task == "any" or (loss_task == "regression") == (data.task == "regression")
    if not fits:
        raise ConfigError(f"the loss {loss_key!r} is for {loss_task} problems, but {data.source} is a {data.task} "
                          f"dataset; choose a {'regression' if data.task == 'regression' else 'classification'} "
                          "loss or leave --loss out.", param="loss")


def _schedule(text: str | None, epochs: int, steps_per_epoch: int) -> dict[str, Any] | None:
    if text is None:
        return None
    spec = parse_call(text, SCHEDULES, "schedule")
    params = {p.name: p for p in SCHEDULES.params(spec["type"])}
    interval = spec["config"].get("interval", params["interval"].default if "interval" in params else "epoch")
    for name in _RUN_LENGTH_PARAMS:
        if name in params and name not in spec["config"]:
            spec["config"][name] = epochs * steps_per_epoch if interval == "step" else epochs
    return spec


def _write_history(path: Path, history: dict[str, list[float]]) -> None:
    keys = list(history)
    rows = len(history[keys[0]]) if keys else 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["epoch", *keys])
        for i in range(rows):
            writer.writerow([i + 1, *(repr(float(history[k][i])) for k in keys)])


def run_train(args: argparse.Namespace, err: TextIO) -> int:
    """Carry out ``nn-train train``; returns the exit status (0, or 1 when the run diverged)."""
    prepared = prepare(args)
    data, parts = prepared.data, prepared.parts
    for warning in prepared.extra.get("warnings", []):
        err.write(f"nn-train: note: {warning}\n")
    loss = parse_call(args.loss, LOSSES, "loss") if args.loss else {"type": default_loss(data.task), "config": {}}
    _check_loss(loss["type"], data)
    optimizer = parse_call(args.optimizer, OPTIMIZERS, "optimizer")
    if args.lr is not None:
        optimizer["config"]["lr"] = args.lr
    augment = augmenter(args.augment, args.seed, data.input_shape)
    model = Sequential(build_layers(args, data, loss["type"]), input_shape=data.input_shape, seed=args.seed,
                       dtype=args.dtype)
    if args.method == "perceptron" and data.task != "binary":
        raise ConfigError(f"the perceptron rule learns one yes/no output, but {data.source} is a {data.task} "
                          "dataset; use --method backprop.", param="method")
    trainer = Trainer(model, loss=loss, optimizer=optimizer, seed=args.seed, method=args.method,
                      metrics=["accuracy"] if data.is_classification else ["r2"],
                      schedule=_schedule(args.schedule, args.epochs, -(-len(parts.train) // args.batch_size)),
                      batch_transform=None if augment is None else augment.as_batch_transform())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if parts.note:
        err.write(f"nn-train: note: {parts.note}\n")

    x = data.x
    y = data.y if prepared.target is None else prepared.target.transform(data.y).astype(args.dtype)
    validation = (x[parts.val], y[parts.val]) if len(parts.val) else None
    history = trainer.fit(x[parts.train], y[parts.train], epochs=args.epochs, batch_size=args.batch_size,
                          validation_data=validation, callbacks=[ProgressBar(args.epochs, err)], shuffle=True)
    _write_history(out / "history.csv", history.history)
    if trainer.diverged:
        err.write(f"nn-train: {trainer.stop_reason}\n")
        return EXIT_DIVERGED

    report: dict[str, Any] = {"task": data.task}
    for name, index in (("train", parts.train), ("val", parts.val), ("test", parts.test)):
        report[name] = _scores(trainer, data, x[index], index, prepared.target) if len(index) else {}
    report["samples"] = {"train": len(parts.train), "val": len(parts.val), "test": len(parts.test),
                         "held_out": parts.note is None}
    extra = {
        "task": data.task, "classes": list(data.classes), "feature_names": list(data.feature_names),
        "target_name": data.target_name, "dataset": data.source,
        **{k: v for k, v in prepared.extra.items() if k != "warnings"},
        "training": {"loss": loss, "optimizer": optimizer, "epochs": args.epochs, "batch_size": args.batch_size,
                     "seed": args.seed, "val_split": args.val_split, "test_split": args.test_split,
                     "augment": None if augment is None else augment.get_config()},
    }
    save_model(out / "model.npz", model, extra)
    (out / "metrics.json").write_text(json.dumps(report, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    _summary(report, out, err)
    return EXIT_OK


def _scores(trainer: Trainer, data: Dataset, x: np.ndarray, index: np.ndarray,
            target: TargetTransform | None) -> dict[str, float | None]:
    if data.is_classification:
        return classification_metrics(data.y[index], trainer.predict_proba(x), trainer.predict_classes(x),
                                      data.n_classes)
    outputs = trainer.predict(x).astype(np.float64).reshape(len(index), -1)
    predicted = target.inverse(outputs[:, :1]) if target is not None else outputs[:, 0]
    return regression_metrics(data.y[index], predicted)


def _summary(report: dict[str, Any], out: Path, err: TextIO) -> None:
    main = "accuracy" if report["task"] != "regression" else "r2"
    shown = [f"{part} {main} {report[part][main]:.4f}" for part in ("train", "val", "test")
             if report[part].get(main) is not None]
    err.write(f"nn-train: {', '.join(shown)}; wrote history.csv, model.npz and metrics.json to {out}\n")
