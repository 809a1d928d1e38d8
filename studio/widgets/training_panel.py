"""The Training dock: loss, optimizer, learning-rate schedule (with a live preview), weights, run settings and
early stopping, every list and form built from the engine's registries.

:meth:`TrainingPanel.training_config` is the project's ``training`` settings plus ``method``; ``batch_size`` is
None for full-batch training. The schedule preview draws ``Schedule.values`` for the planned run while its
parameters are edited, before any training; an invalid setting shows the engine's message instead. A schedule that
spans the run (one_cycle) has its ``total_steps`` follow the planned run (epochs × steps per epoch, read-only), as
the run started from the window and ``nn-train`` fill it (:func:`studio.project.schedule_for_run`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.registry import INITIALIZERS, LOSSES, OPTIMIZERS, REGULARIZERS, SCHEDULES
from engine.trainer import METHODS
from studio.cli_train import MIN_HOLDOUT_SAMPLES
from studio.project import schedule_for_run
from studio.widgets.component_chooser import ComponentChooser
from studio.widgets.lr_preview import PREVIEW_POINTS, LrPreview

__all__ = ["PREVIEW_POINTS", "TrainingPanel"]

_MONITORS = {"regression": ("val_loss", "loss", "val_mae", "mae"),
             "classification": ("val_loss", "loss", "val_accuracy", "accuracy")}


class TrainingPanel(QWidget):
    """Training settings. ``config_changed(dict)`` follows every valid edit; ``lr_changed(float)`` every valid
    change of the optimizer's learning rate (the only field left editable during a run)."""

    config_changed = Signal(dict)
    lr_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task = "binary"
        self._train_rows: int | None = None
        self._perceptron_ok = False
        self._training = False
        self._last: dict[str, Any] = {}
        self._build()
        self._retranslate()
        self.set_task("binary")
        self._update_enabled()
        self._redraw_preview()
        self._last = self.training_config()

    # -- building ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.loss = ComponentChooser(LOSSES, parent=self)
        self.optimizer = ComponentChooser(OPTIMIZERS, parent=self)
        self.optimizer.set_spec({"type": "adam", "config": {"lr": 0.01}})
        self.schedule = ComponentChooser(SCHEDULES, none_text="", parent=self)
        self.initializer = ComponentChooser(INITIALIZERS, none_text="", parent=self)
        self.regularization = ComponentChooser(REGULARIZERS, none_text="", parent=self)
        self.lr_preview = LrPreview(self)
        self.preview, self.preview_curve = self.lr_preview.plot, self.lr_preview.curve
        self.preview_message = self.lr_preview.message
        self.batch_size, self.full_batch = QSpinBox(self), QCheckBox(self)
        self.batch_size.setRange(1, 1 << 20)
        self.batch_size.setValue(32)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 1_000_000)
        self.epochs.setValue(100)
        self.val_split = QDoubleSpinBox(self)
        self.val_split.setRange(0.0, 0.9)
        self.val_split.setSingleStep(0.05)
        self.val_split.setValue(0.2)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.method = QComboBox(self)
        for method in METHODS:
            self.method.addItem(method, method)
        self.early_stopping, self.patience, self.monitor = QCheckBox(self), QSpinBox(self), QComboBox(self)
        self.patience.setRange(0, 100_000)
        self.patience.setValue(10)
        self.monitor.setEditable(True)
        self._early_extra: dict[str, Any] = {}
        batch_row = QHBoxLayout()
        batch_row.addWidget(self.batch_size, 1)
        batch_row.addWidget(self.full_batch)
        self._groups: dict[str, QGroupBox] = {}
        self._forms: dict[str, QFormLayout] = {}
        rows: dict[str, list[tuple[str, Any]]] = {
            "loss": [("", self.loss)],
            "optimizer": [("", self.optimizer)],
            "schedule": [("", self.schedule), ("", self.preview), ("", self.preview_message)],
            "weights": [("initializer", self.initializer), ("regularization", self.regularization)],
            "run": [("batch_size", batch_row), ("epochs", self.epochs), ("val_split", self.val_split),
                    ("seed", self.seed), ("method", self.method)],
            "early_stopping": [("", self.early_stopping), ("patience", self.patience), ("monitor", self.monitor)],
        }
        self._captions: dict[str, QLabel] = {}
        content = QWidget()
        column = QVBoxLayout(content)
        for group_name, group_rows in rows.items():
            group = QGroupBox(content)
            form = QFormLayout(group)
            for caption, widget in group_rows:
                if caption:
                    label = QLabel(group)
                    self._captions[caption] = label
                    form.addRow(label, widget)
                else:
                    form.addRow(widget)
            self._groups[group_name], self._forms[group_name] = group, form
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for chooser in (self.loss, self.optimizer, self.schedule, self.initializer, self.regularization):
            chooser.changed.connect(self._on_edit)
        for chooser in (self.optimizer, self.schedule):
            chooser.edited.connect(self._redraw_preview)
        for spin in (self.batch_size, self.epochs, self.seed, self.patience):
            spin.valueChanged.connect(self._on_edit)
        self.val_split.valueChanged.connect(self._on_edit)
        for box in (self.full_batch, self.early_stopping):
            box.toggled.connect(self._on_edit)
        self.method.currentIndexChanged.connect(self._on_edit)
        self.monitor.currentTextChanged.connect(self._on_edit)

    # -- public API --------------------------------------------------------------------------------------------
    def training_config(self) -> dict[str, Any]:
        """The settings: loss/optimizer/schedule/initializer/regularization specs (the last valid ones), batch_size
        (None = full batch), epochs, val_split, seed, early_stopping (callback config or None), method."""
        stopping = None
        if self.early_stopping.isChecked():
            stopping = {**self._early_extra, "monitor": self.monitor.currentText().strip() or "val_loss",
                        "patience": self.patience.value()}
        return {"loss": self.loss.spec(), "optimizer": self.optimizer.spec(), "schedule": self.schedule.spec(),
                "batch_size": None if self.full_batch.isChecked() else self.batch_size.value(),
                "epochs": self.epochs.value(), "val_split": round(self.val_split.value(), 4), "seed": self.seed.value(),
                "early_stopping": stopping, "regularization": self.regularization.spec(),
                "initializer": self.initializer.spec(), "method": self.method.currentData()}

    def set_training_config(self, config: dict[str, Any]) -> None:
        """Show ``config`` (keys missing keep their current value); emits ``config_changed`` if it changed."""
        choosers = {"loss": self.loss, "optimizer": self.optimizer, "schedule": self.schedule,
                    "initializer": self.initializer, "regularization": self.regularization}
        self.blockSignals(True)
        try:
            for key, chooser in choosers.items():
                if key in config:
                    chooser.set_spec(config[key])
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
        finally:
            self.blockSignals(False)
        self._on_edit()

    def set_task(self, task: str) -> None:
        """Order the losses and monitors for ``task`` ("binary", "multiclass", "regression")."""
        self._task = task
        matching = LOSSES.names(task=task)
        others = [key for key in LOSSES.names() if key not in matching]
        current = self.loss.spec()
        self.loss.set_keys([*matching, *others], separator_after=len(matching) if others else None)
        if current is None or current["type"] not in matching:
            self.loss.set_spec({"type": matching[0], "config": {}} if matching else None)
        monitor = self.monitor.currentText()
        self.monitor.blockSignals(True)
        self.monitor.clear()
        self.monitor.addItems(_MONITORS["regression" if task == "regression" else "classification"])
        self.monitor.setCurrentText(monitor or "val_loss")
        self.monitor.blockSignals(False)
        self._on_edit()

    def set_model_config(self, specs: list[dict[str, Any]]) -> None:
        """The model's layers: the perceptron rule is offered only for one dense layer with a step activation."""
        self._perceptron_ok = len(specs) == 1 and specs[0]["type"] == "dense" and \
            (specs[0].get("config") or {}).get("activation") == "step"
        if not self._perceptron_ok and self.method.currentData() == "perceptron":
            self.method.setCurrentIndex(self.method.findData("backprop"))
        self._update_enabled()

    def set_train_size(self, rows: int | None) -> None:
        """Rows of the dataset (before the validation split), for the steps per epoch of the preview."""
        self._train_rows = rows
        self._follow_run_length()
        self._redraw_preview()

    def set_lr_editable_during_training(self, training: bool) -> None:
        """While ``training``, lock every field except the optimizer's learning rate."""
        self._training = training
        self._update_enabled()

    def steps_per_epoch(self) -> int:
        """Optimizer steps per epoch for the current rows, split and batch size (1 while the rows are unknown);
        below MIN_HOLDOUT_SAMPLES rows nothing is held out, as the run's split does."""
        if self._train_rows is None or self.full_batch.isChecked():
            return 1
        rows = self._train_rows
        if rows >= MIN_HOLDOUT_SAMPLES:
            rows -= round(rows * self.val_split.value())
        return math.ceil(max(1, rows) / self.batch_size.value())

    def preview_values(self) -> tuple[np.ndarray, np.ndarray]:
        """The (t, lr) points of the preview curve."""
        return self.lr_preview.values()

    def fields(self) -> list[QWidget]:
        """Every input field (for tooltips and locking)."""
        own = [self.batch_size, self.full_batch, self.epochs, self.val_split, self.seed, self.method,
               self.early_stopping, self.patience, self.monitor]
        choosers = (self.loss, self.optimizer, self.schedule, self.initializer, self.regularization)
        return [w for chooser in choosers for w in chooser.fields()] + own

    # -- reactions ---------------------------------------------------------------------------------------------
    def _on_edit(self, *_: Any) -> None:
        self._follow_run_length()
        self._update_enabled()
        self._redraw_preview()
        config = self.training_config()
        if config != self._last and not self.signalsBlocked():
            lr_old = (self._last.get("optimizer") or {}).get("config", {}).get("lr")
            self._last = config
            lr = config["optimizer"]["config"].get("lr")
            if lr is not None and lr != lr_old:
                self.lr_changed.emit(float(lr))
            self.config_changed.emit(config)

    def _run_length_field(self) -> QWidget | None:
        """The ``total_steps`` editor of a schedule that spans the run (one_cycle), or None."""
        key, form = self.schedule.combo.currentData(), self.schedule.form
        if key is None or form is None or not SCHEDULES.get(key).needs_total:
            return None
        return form.field("total_steps")

    def _follow_run_length(self) -> None:
        """Put the planned run's length into the run-spanning schedule's ``total_steps`` (re-enters ``_on_edit``
        through the form's ``changed`` when the value changes and the form is valid)."""
        spec, form = self.schedule.spec(), self.schedule.form
        if self._run_length_field() is None or spec is None or form is None:
            return
        total = schedule_for_run(spec, self.epochs.value(), self.steps_per_epoch())["config"]["total_steps"]
        if form.values() is None or form.values().get("total_steps") != total:
            form.set_values({"total_steps": total})

    def _update_enabled(self) -> None:
        lr_field = self.optimizer.form.field("lr") if self.optimizer.form is not None and \
            any(p.name == "lr" for p in OPTIMIZERS.params(self.optimizer.combo.currentData())) else None
        for field in self.fields():
            field.setEnabled(not self._training or field is lr_field)
        if not self._training:
            self.batch_size.setEnabled(not self.full_batch.isChecked())
            self.patience.setEnabled(self.early_stopping.isChecked())
            self.monitor.setEnabled(self.early_stopping.isChecked())
            self.method.setEnabled(self._perceptron_ok)
        run_length = self._run_length_field()
        if run_length is not None:
            run_length.setEnabled(False)
            run_length.setToolTip(self.tr("Follows the planned run: epochs × steps per epoch (or the epochs, for a "
                                          "cycle per epoch)."))

    def _redraw_preview(self) -> None:
        """Draw the schedule for the planned run (epochs, or epochs × steps for a per-step schedule)."""
        schedule, optimizer = self.schedule, self.optimizer
        base_lr = float((optimizer.spec() or {}).get("config", {}).get("lr", 0.01))
        self.lr_preview.draw(schedule.spec() or {"type": "constant", "config": {}}, base_lr, self.epochs.value(),
                             self.steps_per_epoch(), problem=schedule.error() or optimizer.error())

    # -- translation -------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (a Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        titles = {"loss": self.tr("Loss"), "optimizer": self.tr("Optimizer"),
                  "schedule": self.tr("Learning-rate schedule"), "weights": self.tr("Weights"),
                  "run": self.tr("Run"), "early_stopping": self.tr("Early stopping")}
        for name, group in self._groups.items():
            group.setTitle(titles[name])
        captions = {"initializer": self.tr("Initializer"), "regularization": self.tr("Regularization"),
                    "batch_size": self.tr("Batch size"), "epochs": self.tr("Epochs"),
                    "val_split": self.tr("Validation split"), "seed": self.tr("Seed"), "method": self.tr("Method"),
                    "patience": self.tr("Patience"), "monitor": self.tr("Monitor")}
        for name, label in self._captions.items():
            label.setText(captions[name])
        self.full_batch.setText(self.tr("Full batch"))
        self.early_stopping.setText(self.tr("Stop when the monitored value stops improving"))
        self.schedule.set_none_text(self.tr("None (constant learning rate)"))
        self.initializer.set_none_text(self.tr("Per layer (each layer's own)"))
        self.regularization.set_none_text(self.tr("None"))
        self.method.setItemText(self.method.findData("backprop"), self.tr("Backpropagation"))
        self.method.setItemText(self.method.findData("perceptron"), self.tr("Perceptron rule"))
        tips = {
            self.loss.combo: self.tr("What training minimises; the losses suited to the task come first.\n"
                                     "Typical: binary cross-entropy (two classes), categorical cross-entropy "
                                     "(several), MSE (regression)."),
            self.optimizer.combo: self.tr("How the weights follow the gradient.\nTypical: Adam with lr 0.001–0.01; "
                                          "SGD with momentum 0.9."),
            self.schedule.combo: self.tr("How the learning rate changes over the run; the plot below previews it.\n"
                                         "Typical: none, or cosine for long runs."),
            self.initializer.combo: self.tr("Replaces the kernel initializer of every dense and convolutional "
                                            "layer.\nTypical: per layer (Glorot for tanh/sigmoid, He for ReLU)."),
            self.regularization.combo: self.tr("A penalty on the kernels of every dense and convolutional layer, "
                                               "against overfitting.\nTypical: none, or L2 with 1e-4."),
            self.batch_size: self.tr("Samples per weight update.\nTypical: 32."),
            self.full_batch: self.tr("Use all training samples for every update (one step per epoch).\n"
                                     "Typical: on for tiny datasets such as the logic gates."),
            self.epochs: self.tr("Passes over the training data.\nTypical: 100 for the toy datasets."),
            self.val_split: self.tr("Fraction of the samples held out to measure generalisation (never trained "
                                    "on).\nTypical: 0.2."),
            self.seed: self.tr("Seed of the weights, shuffling and split: the same seed repeats the run exactly.\n"
                               "Typical: 0."),
            self.method: self.tr("Backpropagation trains any model; the perceptron rule (Rosenblatt) trains a single "
                                 "dense layer with a step activation.\nTypical: backpropagation."),
            self.early_stopping: self.tr("End the run when the monitored value has not improved for 'patience' "
                                         "epochs.\nTypical: off for learning, on for long runs."),
            self.patience: self.tr("Epochs without improvement before stopping.\nTypical: 10."),
            self.monitor: self.tr("The epoch value watched by early stopping.\nTypical: val_loss."),
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        for name, label in self._captions.items():
            label.setToolTip({"batch_size": tips[self.batch_size], "epochs": tips[self.epochs],
                              "val_split": tips[self.val_split], "seed": tips[self.seed],
                              "method": tips[self.method], "patience": tips[self.patience],
                              "monitor": tips[self.monitor], "initializer": tips[self.initializer.combo],
                              "regularization": tips[self.regularization.combo]}[name])
        self.lr_preview.retranslate()
        self._redraw_preview()
