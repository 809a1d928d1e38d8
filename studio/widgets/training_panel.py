"""The Training dock: loss, optimizer, learning-rate schedule (with a live preview), weights, run settings and
early stopping, every list and form built from the engine's registries.

:meth:`TrainingPanel.training_config` is the project's ``training`` settings plus ``method``; ``batch_size`` is
None for full-batch training. The schedule preview draws ``Schedule.values`` for the planned run while its
parameters are edited, before any training; an invalid setting shows the engine's message instead. A schedule that
spans the run (one_cycle) has its ``total_steps`` follow the planned run (epochs × steps per epoch, read-only), as
the run started from the window and ``nn-train`` fill it (:func:`studio.project.schedule_for_run`). The run's own
settings (batch size, epochs, split, seed, method, early stopping) are a
:class:`~studio.widgets.run_settings.RunSettings`; the panel keeps its fields' names (``panel.epochs`` …).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.registry import INITIALIZERS, LOSSES, OPTIMIZERS, REGULARIZERS, SCHEDULES
from studio.i18n import Retranslating
from studio.project import schedule_for_run
from studio.widgets.component_chooser import ComponentChooser
from studio.widgets.lr_preview import PREVIEW_POINTS, LrPreview
from studio.widgets.run_settings import RunSettings

__all__ = ["PREVIEW_POINTS", "TrainingPanel"]

class TrainingPanel(Retranslating, QWidget):
    """Training settings. ``config_changed(dict)`` follows every valid edit; ``lr_changed(float)`` every valid
    change of the optimizer's learning rate (the only field left editable during a run)."""

    config_changed = Signal(dict)
    lr_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task = "binary"
        self._train_rows: int | None = None
        self._training = False
        self._last: dict[str, Any] = {}
        self._build()
        self.retranslate()
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
        self.run_settings = run = RunSettings(self)
        self.batch_size, self.full_batch, self.epochs, self.val_split, self.seed, self.method = (
            run.batch_size, run.full_batch, run.epochs, run.val_split, run.seed, run.method)
        self.early_stopping, self.patience, self.monitor = run.early_stopping, run.patience, run.monitor
        self._groups: dict[str, QGroupBox] = {}
        self._forms: dict[str, QFormLayout] = {}
        rows: dict[str, list[tuple[str, Any]]] = {
            "loss": [("", self.loss)],
            "optimizer": [("", self.optimizer)],
            "schedule": [("", self.schedule), ("", self.preview), ("", self.preview_message)],
            "weights": [("initializer", self.initializer), ("regularization", self.regularization)],
            **run.rows(),
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
        run.connect(self._on_edit)

    # -- public API --------------------------------------------------------------------------------------------
    def training_config(self) -> dict[str, Any]:
        """The settings: loss/optimizer/schedule/initializer/regularization specs (the last valid ones), batch_size
        (None = full batch), epochs, val_split, seed, early_stopping (callback config or None), method."""
        return {"loss": self.loss.spec(), "optimizer": self.optimizer.spec(), "schedule": self.schedule.spec(),
                "regularization": self.regularization.spec(), "initializer": self.initializer.spec(),
                **self.run_settings.config()}

    def set_training_config(self, config: dict[str, Any]) -> None:
        """Show ``config`` (keys missing keep their current value); emits ``config_changed`` if it changed."""
        choosers = {"loss": self.loss, "optimizer": self.optimizer, "schedule": self.schedule,
                    "initializer": self.initializer, "regularization": self.regularization}
        self.blockSignals(True)
        try:
            for key, chooser in choosers.items():
                if key in config:
                    chooser.set_spec(config[key])
            self.run_settings.set_config(config)
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
        self.run_settings.set_task(task)
        self._on_edit()

    def set_model_config(self, specs: list[dict[str, Any]]) -> None:
        """The model's layers: the perceptron rule is offered only for one dense layer with a step activation."""
        self.run_settings.set_model_config(specs)
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
        return self.run_settings.steps_per_epoch(self._train_rows)

    def preview_values(self) -> tuple[np.ndarray, np.ndarray]:
        """The (t, lr) points of the preview curve."""
        return self.lr_preview.values()

    def fields(self) -> list[QWidget]:
        """Every input field (for tooltips and locking)."""
        choosers = (self.loss, self.optimizer, self.schedule, self.initializer, self.regularization)
        return [w for chooser in choosers for w in chooser.fields()] + self.run_settings.fields()

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
            self.run_settings.enable_dependents()
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
    def retranslate(self) -> None:
        titles = {"loss": self.tr("Loss"), "optimizer": self.tr("Optimizer"),
                  "schedule": self.tr("Learning-rate schedule"), "weights": self.tr("Weights"),
                  "run": self.tr("Run"), "early_stopping": self.tr("Early stopping")}
        for name, group in self._groups.items():
            group.setTitle(titles[name])
        captions = {"initializer": self.tr("Initializer"), "regularization": self.tr("Regularization")}
        self.schedule.set_none_text(self.tr("None (constant learning rate)"))
        self.initializer.set_none_text(self.tr("Per layer (each layer's own)"))
        self.regularization.set_none_text(self.tr("None"))
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
        }
        for widget, tip in tips.items():
            widget.setToolTip(tip)
        for name, chooser in (("initializer", self.initializer), ("regularization", self.regularization)):
            self._captions[name].setText(captions[name])
            self._captions[name].setToolTip(tips[chooser.combo])
        self.run_settings.retranslate(self._captions)
        self.lr_preview.retranslate()
        self._redraw_preview()
