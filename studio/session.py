"""The session: the open project, the model built from it and the controller that trains it.

Widgets never change the project directly; they call the session's setters, which check the new settings, keep
the "modified" flag and announce the change with a signal. While a run is going, edits are refused with
:data:`EDIT_BLOCKED_REASON`, so the model the worker thread trains never changes under it.
"""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from engine.errors import ConfigError
from engine.model import Sequential
from engine.registry import CALLBACKS, SCHEDULES
from engine.trainer import Trainer
from studio.project import (
    Project,
    check_dataset,
    check_model,
    check_preprocessing,
    check_training,
    effective_model_config,
    load_project,
    save_project,
    schedule_for_run,
)
from studio.worker import PAUSED, TrainingController

__all__ = ["EDIT_BLOCKED_REASON", "Session"]

EDIT_BLOCKED_REASON = "The project cannot be changed while training is running; stop the run first."


class Session(QObject):
    """Owns the current :class:`Project`, the built model, its trainer and the :class:`TrainingController`."""

    project_changed = Signal()
    model_changed = Signal()
    modified_changed = Signal(bool)
    training_state_changed = Signal(str)
    path_changed = Signal(str)  # "" for a project never saved

    def __init__(self, parent: QObject | None = None, controller: TrainingController | None = None) -> None:
        super().__init__(parent)
        self.controller = controller if controller is not None else TrainingController(self)
        self.controller.state_changed.connect(self.training_state_changed)
        self.controller.signals.finished.connect(self._on_run_ended)
        self.controller.signals.failed.connect(self._on_run_ended)
        self._project = Project()
        self._model: Sequential | None = None
        self._trainer: Trainer | None = None
        self._path: str | None = None
        self._modified = False

    # -- state -------------------------------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        """A copy of the current project (change it through the setters)."""
        return copy.deepcopy(self._project)

    @property
    def model(self) -> Sequential | None:
        """The built model, or None until an input shape is known."""
        return self._model

    @property
    def trainer(self) -> Trainer | None:
        return self._trainer

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def modified(self) -> bool:
        return self._modified

    @property
    def is_training(self) -> bool:
        return self.controller.is_running

    # -- document ----------------------------------------------------------------------------------------------
    def new(self) -> None:
        """Start an empty project."""
        self._ensure_idle()
        self._replace(Project(), None, None)

    def open(self, path: str | os.PathLike[str]) -> None:
        """Load a ``.nnproj`` file; on any error the current project stays as it was."""
        self._ensure_idle()
        project, weights = load_project(path)
        model = _build(project) if project.model.get("input_shape") else None
        if model is not None and weights is not None:
            model.set_weights(weights)
        self._replace(project, model, os.fspath(path))

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the project and the model's weights to ``path`` (or where it was last opened or saved)."""
        target = os.fspath(path) if path is not None else self._path
        if target is None:
            raise ConfigError("The project has never been saved; choose a file name.", param="path")
        self.save_copy(target)
        if target != self._path:
            self._path = target
            self.path_changed.emit(target)
        self._set_modified(False)

    def save_copy(self, path: str | os.PathLike[str]) -> None:
        """Write the project and the model's weights to ``path`` without making it the project's file (the
        export, predict and report dialogs read unsaved work from such a copy)."""
        if self.controller.is_running and self.controller.state != PAUSED:
            raise ConfigError("The project cannot be saved while training is running; pause or stop it first.")
        weights = self._model.get_weights() if self._model is not None else None
        save_project(os.fspath(path), self._project, weights)

    # -- editing -----------------------------------------------------------------------------------------------
    def set_model_config(self, config: dict[str, Any]) -> None:
        """Replace the architecture; the model is rebuilt (new weights) when the config has an input shape."""
        self._ensure_idle()
        checked = check_model(config)
        candidate = copy.deepcopy(self._project)
        candidate.model = checked
        model = _build(candidate) if checked.get("input_shape") else None
        self._project = candidate
        self._set_model(model)
        self._changed()

    def build_model(self, input_shape: Iterable[int]) -> Sequential:
        """Build the model for inputs of ``input_shape`` (per sample), re-initialised from the project's seed."""
        self._ensure_idle()
        candidate = copy.deepcopy(self._project)
        candidate.model = check_model({**candidate.model, "input_shape": [int(d) for d in input_shape]})
        model = _build(candidate)
        changed = candidate.model != self._project.model
        self._project = candidate
        self._set_model(model)
        if changed:
            self._changed()
        return model

    def reset(self) -> None:
        """Re-initialise the weights with the same seed (training starts over from epoch 0)."""
        self._ensure_idle()
        shape = self._project.model.get("input_shape")
        if shape:
            self.build_model(shape)

    def set_training(self, training: dict[str, Any]) -> None:
        """Replace the training settings (missing ones take their defaults)."""
        self._ensure_idle()
        checked = check_training(training)
        if checked != self._project.training:
            rebuild = any(checked[k] != self._project.training[k] for k in ("initializer", "regularization"))
            lr_only = _without_lr(checked) == _without_lr(self._project.training)
            self._project.training = checked
            if lr_only and self._trainer is not None:  # the run goes on with the new rate, like a change mid-run
                self._trainer.optimizer.lr = float(checked["optimizer"]["config"]["lr"])
            else:
                self._trainer = None
            if rebuild and self._model is not None:
                self._set_model(_build(self._project))
            self._changed()

    def set_dataset(self, spec: dict[str, Any]) -> None:
        """Choose the data: a built-in dataset spec, a ``csv`` spec, or ``{}`` for none."""
        self._ensure_idle()
        checked = check_dataset(spec)
        if checked != self._project.dataset:
            self._project.dataset = checked
            self._changed()

    def set_preprocessing(self, preprocessing: dict[str, Any]) -> None:
        """Choose the input and target scalers."""
        self._ensure_idle()
        checked = check_preprocessing(preprocessing)
        if checked != self._project.preprocessing:
            self._project.preprocessing = checked
            self._changed()

    # -- training ----------------------------------------------------------------------------------------------
    def make_trainer(self) -> Trainer:
        """The trainer of the current model and settings (kept across runs, so Train continues where it stopped)."""
        if self._model is None:
            raise ConfigError("There is no model to train yet: choose the data so that its input shape is known.")
        if self._trainer is None:
            training = self._project.training
            self._trainer = Trainer(self._model, loss=training["loss"], optimizer=training["optimizer"],
                                    schedule=training["schedule"], seed=training["seed"], method=training["method"])
        return self._trainer

    def train(self, x: Any, y: Any, validation: tuple[Any, ...] | None = None, epochs: int | None = None, *,
              probe: tuple[Any, Any] | None = None) -> None:
        """Start a run in the worker thread with the project's batch size, epochs and early stopping; ``probe``
        (inputs, targets) is scored after every epoch for the ROC, PR and confusion views. A new run's one_cycle
        schedule spans the project's epochs × the batches of ``x`` (:func:`studio.project.schedule_for_run`)."""
        self._ensure_idle()
        training = self._project.training
        trainer = self.make_trainer()
        if trainer.global_step == 0 and trainer.epoch == 0:  # a new run: one_cycle spans the planned epochs
            batch = training["batch_size"]
            steps = 1 if batch is None else math.ceil(len(x) / batch)
            spec = schedule_for_run(training["schedule"], training["epochs"], steps)
            trainer.schedule = None if spec is None else SCHEDULES.create(spec)
        self.controller.trainer = trainer
        callbacks = []
        if training["early_stopping"] is not None:
            callbacks.append(CALLBACKS.create({"type": "early_stopping", "config": training["early_stopping"]}))
        self.controller.start(x, y, validation, training["epochs"] if epochs is None else epochs,
                              training["batch_size"], callbacks=callbacks, probe=probe)

    def replace_weights(self, weights: dict[str, Any]) -> None:
        """Set some of the model's weights (an edit in the network graph) while no run is going."""
        if self.controller.is_running and self.controller.state != PAUSED:
            raise ConfigError(EDIT_BLOCKED_REASON)
        if self._model is None:
            raise ConfigError("There is no model yet.")
        self._model.set_weights({**self._model.get_weights(), **weights})
        self._set_modified(True)

    def shutdown(self) -> None:
        """Stop any run and join its thread (before the window closes)."""
        self.controller.shutdown()

    # -- internals ---------------------------------------------------------------------------------------------
    def _ensure_idle(self) -> None:
        if self.controller.is_running:
            raise ConfigError(EDIT_BLOCKED_REASON)

    def _replace(self, project: Project, model: Sequential | None, path: str | None) -> None:
        self._project, self._path = project, path
        self._set_model(model)
        self.project_changed.emit()
        self.path_changed.emit(path or "")
        self._set_modified(False)

    def _set_model(self, model: Sequential | None) -> None:
        self._model, self._trainer = model, None
        self.model_changed.emit()

    def _changed(self) -> None:
        self.project_changed.emit()
        self._set_modified(True)

    def _set_modified(self, modified: bool) -> None:
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)

    @Slot()
    def _on_run_ended(self) -> None:
        self._set_modified(True)  # a run, even a failed one, may have changed the weights


def _without_lr(training: dict[str, Any]) -> dict[str, Any]:
    optimizer = training["optimizer"]
    config = {k: v for k, v in optimizer["config"].items() if k != "lr"}
    return {**training, "optimizer": {"type": optimizer["type"], "config": config}}


def _build(project: Project) -> Sequential:
    return Sequential.from_config(effective_model_config(project))
