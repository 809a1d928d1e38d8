"""The Training dock's run settings: batch size (or full batch), epochs, validation split, seed, training method
and early stopping — their fields, their part of the training config and their texts.

The components (loss, optimizer, schedule, weights) stay in :class:`~studio.widgets.training_panel.TrainingPanel`,
which lays these fields out in its "Run" and "Early stopping" groups. Their texts keep the translation context
"TrainingPanel", where they have always been.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from engine.trainer import METHODS
from studio.cli_train import MIN_HOLDOUT_SAMPLES

__all__ = ["RunSettings"]

_MONITORS = {"regression": ("val_loss", "loss", "val_mae", "mae"),
             "classification": ("val_loss", "loss", "val_accuracy", "accuracy")}


class RunSettings:
    """The run's fields (children of ``parent``) and their settings: ``batch_size``, ``full_batch``, ``epochs``,
    ``val_split``, ``seed``, ``method``, ``early_stopping``, ``patience``, ``monitor``."""

    def __init__(self, parent: QWidget) -> None:
        self.batch_size, self.full_batch = QSpinBox(parent), QCheckBox(parent)
        self.batch_size.setRange(1, 1 << 20)
        self.batch_size.setValue(32)
        self.epochs = QSpinBox(parent)
        self.epochs.setRange(1, 1_000_000)
        self.epochs.setValue(100)
        self.val_split = QDoubleSpinBox(parent)
        self.val_split.setRange(0.0, 0.9)
        self.val_split.setSingleStep(0.05)
        self.val_split.setValue(0.2)
        self.seed = QSpinBox(parent)
        self.seed.setRange(0, 2**31 - 1)
        self.method = QComboBox(parent)
        for method in METHODS:
            self.method.addItem(method, method)
        self.early_stopping, self.patience, self.monitor = QCheckBox(parent), QSpinBox(parent), QComboBox(parent)
        self.patience.setRange(0, 100_000)
        self.patience.setValue(10)
        self.monitor.setEditable(True)
        self._batch_row = QHBoxLayout()
        self._batch_row.addWidget(self.batch_size, 1)
        self._batch_row.addWidget(self.full_batch)
        self._early_extra: dict[str, Any] = {}  # early-stopping settings the panel does not show, kept as given
        self._perceptron_ok = False

    def rows(self) -> dict[str, list[tuple[str, Any]]]:
        """The form rows of the "run" and "early_stopping" groups: (caption key or "", field or layout)."""
        return {"run": [("batch_size", self._batch_row), ("epochs", self.epochs), ("val_split", self.val_split),
                        ("seed", self.seed), ("method", self.method)],
                "early_stopping": [("", self.early_stopping), ("patience", self.patience), ("monitor", self.monitor)]}

    def fields(self) -> list[QWidget]:
        return [self.batch_size, self.full_batch, self.epochs, self.val_split, self.seed, self.method,
                self.early_stopping, self.patience, self.monitor]

    def connect(self, slot: Callable[..., None]) -> None:
        """Call ``slot`` after every edit of a field."""
        for spin in (self.batch_size, self.epochs, self.seed, self.patience):
            spin.valueChanged.connect(slot)
        self.val_split.valueChanged.connect(slot)
        for box in (self.full_batch, self.early_stopping):
            box.toggled.connect(slot)
        self.method.currentIndexChanged.connect(slot)
        self.monitor.currentTextChanged.connect(slot)

    # -- settings ----------------------------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        """batch_size (None = full batch), epochs, val_split, seed, early_stopping (callback config or None),
        method."""
        stopping = None
        if self.early_stopping.isChecked():
            stopping = {**self._early_extra, "monitor": self.monitor.currentText().strip() or "val_loss",
                        "patience": self.patience.value()}
        return {"batch_size": None if self.full_batch.isChecked() else self.batch_size.value(),
                "epochs": self.epochs.value(), "val_split": round(self.val_split.value(), 4), "seed": self.seed.value(),
                "early_stopping": stopping, "method": self.method.currentData()}

    def set_config(self, config: dict[str, Any]) -> None:
        """Show the run settings of a training ``config`` (keys missing keep their current value)."""
        if "batch_size" in config:
            self.full_batch.setChecked(config["batch_size"] is None)
            if config["batch_size"] is not None:
                self.batch_size.setValue(int(config["batch_size"]))
        for key, spin in (("epochs", self.epochs), ("seed", self.seed)):
            if config.get(key) is not None:
                spin.setValue(int(config[key]))
        if "val_split" in config:
            self.val_split.setValue(float(config["val_split"]))
        if "early_stopping" in config:
            stopping = dict(config["early_stopping"] or {})
            self.early_stopping.setChecked(config["early_stopping"] is not None)
            self.patience.setValue(int(stopping.pop("patience", self.patience.value())))
            self.monitor.setCurrentText(str(stopping.pop("monitor", "val_loss")))
            self._early_extra = stopping
        if "method" in config:
            self.method.setCurrentIndex(max(self.method.findData(config["method"]), 0))

    def set_task(self, task: str) -> None:
        """Offer the monitors of ``task`` ("binary", "multiclass", "regression"), keeping the current text."""
        monitor = self.monitor.currentText()
        self.monitor.blockSignals(True)
        self.monitor.clear()
        self.monitor.addItems(_MONITORS["regression" if task == "regression" else "classification"])
        self.monitor.setCurrentText(monitor or "val_loss")
        self.monitor.blockSignals(False)

    def set_model_config(self, specs: list[dict[str, Any]]) -> None:
        """The model's layers: the perceptron rule is offered only for one dense layer with a step activation."""
        self._perceptron_ok = len(specs) == 1 and specs[0]["type"] == "dense" and \
            (specs[0].get("config") or {}).get("activation") == "step"
        if not self._perceptron_ok and self.method.currentData() == "perceptron":
            self.method.setCurrentIndex(self.method.findData("backprop"))

    def steps_per_epoch(self, rows: int | None) -> int:
        """Optimizer steps per epoch for ``rows`` (before the split), the split and the batch size (1 while the rows
        are unknown); below MIN_HOLDOUT_SAMPLES rows nothing is held out, as the run's split does."""
        if rows is None or self.full_batch.isChecked():
            return 1
        if rows >= MIN_HOLDOUT_SAMPLES:
            rows -= round(rows * self.val_split.value())
        return math.ceil(max(1, rows) / self.batch_size.value())

    def enable_dependents(self) -> None:
        """Outside a run: the fields that depend on another one follow it."""
        self.batch_size.setEnabled(not self.full_batch.isChecked())
        self.patience.setEnabled(self.early_stopping.isChecked())
        self.monitor.setEnabled(self.early_stopping.isChecked())
        self.method.setEnabled(self._perceptron_ok)

    # -- translation -------------------------------------------------------------------------------------------
    def retranslate(self, captions: dict[str, QLabel]) -> None:
        """Set the fields' texts and tooltips, and those of the panel's ``captions`` for the keys of :meth:`rows`."""
        translate = QCoreApplication.translate
        texts = {"batch_size": translate("TrainingPanel", "Batch size"), "epochs": translate("TrainingPanel", "Epochs"),
                 "val_split": translate("TrainingPanel", "Validation split"),
                 "seed": translate("TrainingPanel", "Seed"), "method": translate("TrainingPanel", "Method"),
                 "patience": translate("TrainingPanel", "Patience"), "monitor": translate("TrainingPanel", "Monitor")}
        self.full_batch.setText(translate("TrainingPanel", "Full batch"))
        self.early_stopping.setText(translate("TrainingPanel", "Stop when the monitored value stops improving"))
        self.method.setItemText(self.method.findData("backprop"), translate("TrainingPanel", "Backpropagation"))
        self.method.setItemText(self.method.findData("perceptron"), translate("TrainingPanel", "Perceptron rule"))
        tips = {
            "batch_size": translate("TrainingPanel", "Samples per weight update.\nTypical: 32."),
            "full_batch": translate("TrainingPanel", "Use all training samples for every update (one step per "
                                                     "epoch).\nTypical: on for tiny datasets such as the logic gates."),
            "epochs": translate("TrainingPanel", "Passes over the training data.\nTypical: 100 for the toy datasets."),
            "val_split": translate("TrainingPanel", "Fraction of the samples held out to measure generalisation "
                                                    "(never trained on).\nTypical: 0.2."),
            "seed": translate("TrainingPanel", "Seed of the weights, shuffling and split: the same seed repeats the "
                                               "run exactly.\nTypical: 0."),
            "method": translate("TrainingPanel", "Backpropagation trains any model; the perceptron rule (Rosenblatt) "
                                                 "trains a single dense layer with a step activation.\nTypical: "
                                                 "backpropagation."),
            "early_stopping": translate("TrainingPanel", "End the run when the monitored value has not improved for "
                                                         "'patience' epochs.\nTypical: off for learning, on for long "
                                                         "runs."),
            "patience": translate("TrainingPanel", "Epochs without improvement before stopping.\nTypical: 10."),
            "monitor": translate("TrainingPanel", "The epoch value watched by early stopping.\nTypical: val_loss."),
        }
        for name, tip in tips.items():
            getattr(self, name).setToolTip(tip)
        for name, text in texts.items():
            captions[name].setText(text)
            captions[name].setToolTip(tips[name])
