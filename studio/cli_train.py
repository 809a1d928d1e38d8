"""``nn-train train``: load, split, scale, build, train, score and save — the engine's whole path in one command.

Choices made for the user when not given: the standard scaler fitted on the training part; a split stratified by
class (seeded); an MLP whose output layer and loss follow the task (binary: 1 sigmoid unit with binary
cross-entropy; multiclass: K softmax units with sparse categorical cross-entropy; regression: 1 linear unit with
MSE on the standardised target, scores reported in the original units). Datasets too small to hold samples out
(the 4-point logic gates) are validated and tested on their training samples, with a note saying so.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from engine.data import Dataset, StandardScaler, load_dataset, read_numeric_csv, train_val_test_split
from engine.data.builtin import PREFIX
from engine.errors import ConfigError
from engine.io.model_file import save_model
from engine.model import Sequential
from engine.registry import LOSSES, OPTIMIZERS, PREPROCESSORS, SCHEDULES
from engine.spec_parser import parse_call, parse_layers
from engine.trainer import Trainer
from studio.cli_metrics import classification_metrics, regression_metrics
from studio.cli_progress import ProgressBar

__all__ = ["MIN_HOLDOUT_SAMPLES", "default_loss", "run_train"]

#: Below this many samples nothing is held out: validation and test use the training samples.
MIN_HOLDOUT_SAMPLES = 20
EXIT_OK, EXIT_DIVERGED = 0, 1
#: Schedule parameters that mean "the length of the run", filled in from --epochs when not given.
_RUN_LENGTH_PARAMS = ("t_max", "total_steps")


@dataclass
class Parts:
    """Index arrays of the three parts; ``note`` explains a choice the user did not make (no hold-out)."""

    train: np.ndarray
    val: np.ndarray
    test: np.ndarray
    note: str | None = None


def default_loss(task: str) -> str:
    """The loss ``--hidden`` pairs with each task."""
    return {"binary": "binary_crossentropy", "multiclass": "sparse_categorical_crossentropy",
            "regression": "mse"}[task]


def load_data(source: str, target: str | None) -> Dataset:
    """``builtin:NAME`` (with optional parameters) or a CSV path."""
    if source.strip().startswith(PREFIX):
        if target is not None:
            raise ConfigError(f"--target applies to CSV files; {source} has its target built in.", param="target")
        return load_dataset(source)
    return read_numeric_csv(source, target)


def split(data: Dataset, val: float, test: float, seed: int) -> Parts:
    """Seeded split, stratified for classification; none at all for tiny datasets."""
    if val + test >= 1.0:
        raise ConfigError(f"--val-split + --test-split must leave samples for training (sum < 1), received "
                          f"{val} + {test}.", param="val_split")
    everything = np.arange(data.n_samples)
    if (val or test) and data.n_samples < MIN_HOLDOUT_SAMPLES:
        which = " and ".join(name for name, share in (("validation", val), ("test", test)) if share)
        verb = "use" if " and " in which else "uses"
        note = f"{data.source} has only {data.n_samples} samples, too few to hold some out; {which} {verb} the " \
               "training samples."
        return Parts(everything, everything if val else everything[:0], everything if test else everything[:0], note)
    labels = data.y if data.is_classification else data.n_samples
    return Parts(*train_val_test_split(labels, val=val, test=test, stratify=data.is_classification, seed=seed))


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
    """The layer specs: ``--layers`` as written, or the MLP of ``--hidden`` with a task-shaped output layer."""
    if args.layers is not None:
        return parse_layers(args.layers)
    loss_task = LOSSES.meta(loss_key).get("task")
    units = data.n_classes if loss_task == "multiclass" else 1
    output = LOSSES.get(loss_key).logits_of or "linear"
    specs: list[Any] = [{"type": "flatten", "config": {}}] if len(data.input_shape) > 1 else []
    specs += [{"type": "dense", "config": {"units": u, "activation": args.activation}}
              for u in _hidden_units(args.hidden)]
    return [*specs, {"type": "dense", "config": {"units": units, "activation": output}}]


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
    data = load_data(args.data, args.target)
    loss = parse_call(args.loss, LOSSES, "loss") if args.loss else {"type": default_loss(data.task), "config": {}}
    _check_loss(loss["type"], data)
    optimizer = parse_call(args.optimizer, OPTIMIZERS, "optimizer")
    if args.lr is not None:
        optimizer["config"]["lr"] = args.lr
    parts = split(data, args.val_split, args.test_split, args.seed)
    model = Sequential(build_layers(args, data, loss["type"]), input_shape=data.input_shape, seed=args.seed,
                       dtype=args.dtype)
    trainer = Trainer(model, loss=loss, optimizer=optimizer, seed=args.seed,
                      metrics=["accuracy"] if data.is_classification else ["r2"],
                      schedule=_schedule(args.schedule, args.epochs, -(-len(parts.train) // args.batch_size)))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if parts.note:
        err.write(f"nn-train: note: {parts.note}\n")

    scaler = StandardScaler().fit(data.x[parts.train])
    x = scaler.transform(data.x).astype(args.dtype, copy=False)
    y_scaler = StandardScaler().fit(data.y[parts.train, None]) if data.task == "regression" else None
    y = data.y if y_scaler is None else y_scaler.transform(data.y[:, None])[:, 0].astype(args.dtype)
    validation = (x[parts.val], y[parts.val]) if len(parts.val) else None
    history = trainer.fit(x[parts.train], y[parts.train], epochs=args.epochs, batch_size=args.batch_size,
                          validation_data=validation, callbacks=[ProgressBar(args.epochs, err)], shuffle=True)
    _write_history(out / "history.csv", history.history)
    if trainer.diverged:
        err.write(f"nn-train: {trainer.stop_reason}\n")
        return EXIT_DIVERGED

    report: dict[str, Any] = {"task": data.task}
    for name, index in (("train", parts.train), ("val", parts.val), ("test", parts.test)):
        report[name] = _scores(trainer, data, x[index], index, y_scaler) if len(index) else {}
    report["samples"] = {"train": len(parts.train), "val": len(parts.val), "test": len(parts.test),
                         "held_out": parts.note is None}
    extra = {
        "task": data.task, "classes": list(data.classes), "feature_names": list(data.feature_names),
        "target_name": data.target_name, "dataset": data.source,
        "preprocessing": PREPROCESSORS.to_spec(scaler),
        "target_preprocessing": PREPROCESSORS.to_spec(y_scaler) if y_scaler is not None else None,
        "training": {"loss": loss, "optimizer": optimizer, "epochs": args.epochs, "batch_size": args.batch_size,
                     "seed": args.seed, "val_split": args.val_split, "test_split": args.test_split},
    }
    save_model(out / "model.npz", model, extra)
    (out / "metrics.json").write_text(json.dumps(report, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    _summary(report, out, err)
    return EXIT_OK


def _scores(trainer: Trainer, data: Dataset, x: np.ndarray, index: np.ndarray,
            y_scaler: StandardScaler | None) -> dict[str, float | None]:
    if data.is_classification:
        return classification_metrics(data.y[index], trainer.predict_proba(x), trainer.predict_classes(x),
                                      data.n_classes)
    outputs = trainer.predict(x).astype(np.float64).reshape(len(index), -1)
    predicted = y_scaler.inverse_transform(outputs[:, :1])[:, 0] if y_scaler is not None else outputs[:, 0]
    return regression_metrics(data.y[index], predicted)


def _summary(report: dict[str, Any], out: Path, err: TextIO) -> None:
    main = "accuracy" if report["task"] != "regression" else "r2"
    shown = [f"{part} {main} {report[part][main]:.4f}" for part in ("train", "val", "test")
             if report[part].get(main) is not None]
    err.write(f"nn-train: {', '.join(shown)}; wrote history.csv, model.npz and metrics.json to {out}\n")
