"""Trainer: fits a Sequential model with a loss and an optimizer, reporting to Keras-style callbacks.

Design choices (documented here because the window and the CLI rely on them):

* **Epochs.** ``fit(epochs=n)`` trains ``n`` more epochs, numbered on from ``trainer.epoch`` (or from
  ``initial_epoch`` when given), so calling ``fit(epochs=1)`` repeatedly steps through a run.
* **Training metrics** are computed once per epoch from the outputs the model produced *during* the epoch's
  training steps (stored in a preallocated buffer as the batches go, as Keras averages over batches): no extra
  pass over the data and nothing computed per batch. ``loss``/``data_loss``/``penalty`` are batch averages
  weighted by batch size. Validation metrics come from one inference pass at the end of the epoch.
* **Fusion.** When the last layer's activation is the loss's ``logits_of`` (softmax + cross-entropy, sigmoid +
  binary cross-entropy), training runs on logits with the ``from_logits`` twin of the loss; ``predict`` still
  returns probabilities.
* **Divergence.** The loss of every step is checked *before* the update is applied: a NaN/Inf loss stops the run
  (``diverged``, ``stop_reason``) without touching the weights. Should the weights themselves have overflowed,
  those saved (one cheap copy) at the start of the epoch are put back. The weights are therefore always finite.
* **Validation split** is a seeded random split, stratified by class for classification losses.
* **Speed.** With an element-wise optimizer (all built-in ones) the trainable parameters live in one flat buffer
  (:mod:`engine.training.flat`), so an update is a handful of NumPy calls whatever the number of layers; the
  optimizer's state is then kept under one name, ``"all_trainable"``. A small stack of dense layers then steps
  through :mod:`engine.training.dense_stack`: each bias folded into its layer's matrix product, so results equal the
  layer-by-layer step to rounding, not bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from engine.callbacks.history import History
from engine.callbacks.lr_scheduler import LRScheduler
from engine.callbacks.terminate_on_nan import TerminateOnNaN
from engine.errors import ConfigError
from engine.model import Sequential
from engine.optimizers.common import ElementwiseOptimizer
from engine.perceptron import PerceptronRule
from engine.registry import CALLBACKS, LOSSES, OPTIMIZERS, SCHEDULES
from engine.rng import SeedStreams
from engine.training.data import Prepared, prepare, validation_indices
from engine.training.evaluation import MetricSet, Readout, task_of
from engine.training.flat import FLAT_NAME, FlatParameters
from engine.training.hooks import CallbackList
from engine.training.loop import EpochRunner

__all__ = ["METHODS", "Trainer"]

#: Training methods: gradient descent through back-propagation, or Rosenblatt's perceptron rule.
METHODS = ("backprop", "perceptron")


class Trainer:
    """Trains ``model`` to minimise ``loss`` (+ regularization penalties) with ``optimizer``.

    ``loss``, ``optimizer`` and ``schedule`` accept a registry key, a ``{"type", "config"}`` spec or an instance.
    ``metrics`` defaults to accuracy, F1 and ROC AUC for classification losses and MAE, RMSE and R² otherwise.
    ``class_weight`` maps class indices to weights multiplied into the sample weights.
    """

    def __init__(self, model: Sequential, *, loss: Any, optimizer: Any = "adam", metrics: Iterable[Any] | None = None,
                 schedule: Any = None, method: str = "backprop", seed: int | None = 0,
                 class_weight: Mapping[Any, float] | None = None,
                 batch_transform: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
        if method not in METHODS:
            raise ConfigError(f"method expected one of {', '.join(METHODS)}, received {method!r}.", param="method")
        self.model = model
        self.loss = LOSSES.create(loss)
        self.optimizer = OPTIMIZERS.create(optimizer)
        self.schedule = SCHEDULES.create(schedule) if schedule not in (None, "", "none") else None
        self.method = method
        self.seed = seed
        self.class_weight = dict(class_weight) if class_weight else None
        #: applied to every training batch's inputs (on-the-fly augmentation); never to validation data
        self.batch_transform = batch_transform
        self.task = task_of(self.loss)
        self.metrics = MetricSet(None if metrics is None else list(metrics), self.task)
        self.history = History()
        self.epoch = 0
        self.global_step = 0
        self.stop_training = False
        self.stop_reason: str | None = None
        self.diverged = False
        self._streams = SeedStreams(seed)
        self._capture: tuple[bool, bool] | None = None
        self._flat: FlatParameters | None = None

    @property
    def metric_names(self) -> list[str]:
        return list(self.metrics.names)

    # -- training ----------------------------------------------------------------------------------------------
    def fit(self, x: Any, y: Any, *, epochs: int = 1, batch_size: int | None = 32, validation_split: float = 0.0,
            validation_data: tuple[Any, ...] | None = None, shuffle: bool = True, callbacks: Iterable[Any] = (),
            sample_weight: Any = None, initial_epoch: int = 0) -> Any:
        """Train for ``epochs`` more epochs; returns the History (``history.history``: lists per log key)."""
        epochs = _count("epochs", epochs, 0)
        if batch_size is not None:
            batch_size = _count("batch_size", batch_size, 1)
        initial_epoch = _count("initial_epoch", initial_epoch, 0)
        rule = PerceptronRule(self.model) if self.method == "perceptron" else None
        data = self._prepare(x, y, sample_weight, "")
        readout = self._readout()
        validation = None
        if validation_data is not None:
            validation = self._prepare(*_unpack_validation(validation_data), "validation")
        elif validation_split:
            train_idx, val_idx = validation_indices(len(data), float(validation_split), data.labels,
                                                    self._streams.get("validation_split"))
            data, validation = data.take(train_idx), data.take(val_idx)
        hooks = CallbackList(self._callbacks(callbacks), self)
        runner = EpochRunner(self, data, readout, batch_size, shuffle, hooks, rule)
        self.stop_training, self.stop_reason, self.diverged = False, None, False
        start = initial_epoch or self.epoch
        logs: dict[str, Any] = {}
        last = self.model.layers[-1] if self.model.layers else None
        try:
            hooks.train_begin({})
            for epoch in range(start, start + epochs):
                if self.stop_training:
                    break
                self.epoch = epoch
                hooks.epoch_begin(epoch, {})
                if last is not None:
                    last.emit_logits = readout.fused
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # divergence: a NaN loss
                    logs = runner.run(epoch, self._streams.get("shuffle"))
                    if last is not None:
                        last.emit_logits = False
                    if validation is not None:
                        logs.update({f"val_{k}": v for k, v in self._evaluate_prepared(validation, readout).items()})
                logs["lr"] = float(self.optimizer.lr)
                self.epoch = epoch + 1
                hooks.epoch_end(epoch, logs)
            hooks.train_end(logs)
        finally:
            if last is not None:
                last.emit_logits = False
        return self.history

    def request_capture(self, activations: bool = True, gradients: bool = True) -> None:
        """Put copies of layer outputs / parameter gradients of the next training batch in its batch-end logs."""
        self._capture = (bool(activations), bool(gradients))

    # -- evaluation --------------------------------------------------------------------------------------------
    def evaluate(self, x: Any, y: Any, *, batch_size: int | None = None, sample_weight: Any = None) -> dict[str, float]:
        """``loss``, ``data_loss``, ``penalty`` and every metric on (x, y), in inference mode."""
        if batch_size is not None:
            batch_size = _count("batch_size", batch_size, 1)
        return self._evaluate_prepared(self._prepare(x, y, sample_weight, ""), self._readout(), batch_size)

    def _evaluate_prepared(self, data: Prepared, readout: Readout, batch_size: int | None = None) -> dict[str, float]:
        """:meth:`evaluate` on arrays already checked by ``fit``."""
        last = self.model.layers[-1] if self.model.layers else None
        if last is not None:
            last.emit_logits = readout.fused
        try:
            outputs = _batched_forward(self.model, data.x, batch_size)
        finally:
            if last is not None:
                last.emit_logits = False
        data_loss = float(readout.train_loss.forward(outputs, data.y, data.sample_weight))
        penalty = self.model.regularization_penalty()
        logs = {"loss": data_loss + penalty, "data_loss": data_loss, "penalty": penalty}
        logs.update(self.metrics.compute(readout, outputs, data.y, data.labels))
        return logs

    def predict(self, x: Any, batch_size: int | None = None) -> np.ndarray:
        """Model outputs (final activation applied)."""
        return self.model.predict(x, batch_size)

    def predict_proba(self, x: Any, batch_size: int | None = None) -> np.ndarray:
        """Class probabilities (or decision scores) for classification losses."""
        return self._readout().scores(self.model.predict(x, batch_size), from_predict=True)

    def predict_classes(self, x: Any, batch_size: int | None = None) -> np.ndarray:
        """Predicted class indices, shape (N,): arg-max, or probability > 0.5 for one sigmoid output."""
        readout = self._readout()
        if not readout.classification:
            raise ConfigError(f"predict_classes needs a classification loss; {self.loss.key!r} is a "
                              f"{readout.task} loss.", param="loss")
        return readout.labels(readout.scores(self.model.predict(x, batch_size), from_predict=True))

    # -- helpers -----------------------------------------------------------------------------------------------
    def _flat_parameters(self, params: list[Any]) -> FlatParameters | None:
        """The trainable parameters in one buffer (kept while they stay the same), for element-wise optimizers."""
        if not params or not isinstance(self.optimizer, ElementwiseOptimizer):
            return None
        if self._flat is None or not self._flat.still_valid(params):
            previous = self._flat
            self._flat = FlatParameters(params)
            if previous is not None and previous.param.value.size != self._flat.param.value.size:
                self.optimizer.state.pop(FLAT_NAME, None)
        return self._flat

    def _readout(self) -> Readout:
        if not self.model.built:
            raise ConfigError("the model is not built yet: train it or call model.build(input_shape) first.")
        return Readout(self.model, self.loss)

    def _prepare(self, x: Any, y: Any, sample_weight: Any, what: str) -> Prepared:
        x_arr = self.model.check_input(x)  # builds the model from the data's shape when needed
        outputs = int(self.model.output_shape[-1]) if self.model.output_shape else 1
        return prepare(x_arr, y, dtype=self.model.dtype, target=self.loss.target, task=self.task, outputs=outputs,
                       sample_weight=sample_weight, class_weight=self.class_weight, what=what)

    def _callbacks(self, extra: Iterable[Any]) -> list[Any]:
        """History first, then the always-on NaN guard and the schedule, then the caller's callbacks."""
        given = [CALLBACKS.create(cb) for cb in extra]
        chosen: list[Any] = [self.history]
        if not any(isinstance(cb, TerminateOnNaN) for cb in given):
            chosen.append(TerminateOnNaN())
        if self.schedule is not None:
            chosen.append(LRScheduler(schedule=SCHEDULES.to_spec(self.schedule)))
        return chosen + [cb for cb in given if cb is not self.history]


def _count(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ConfigError(f"{name} expected an integer ≥ {low}, received {value!r}.", param=name)
    return int(value)


def _unpack_validation(data: Any) -> tuple[Any, Any, Any]:
    if not isinstance(data, tuple | list) or len(data) not in (2, 3):
        raise ConfigError("validation_data expected (x, y) or (x, y, sample_weight).", param="validation_data")
    return data[0], data[1], data[2] if len(data) == 3 else None


def _batched_forward(model: Sequential, x: np.ndarray, batch_size: int | None) -> np.ndarray:
    """Inference outputs of the whole array, in batches of at least 1024 rows to bound memory."""
    n = x.shape[0]
    step = max(batch_size or n, 1024)
    if step >= n:
        return model.forward(x, False)
    parts = [model.forward(x[i:i + step], False) for i in range(0, n, step)]
    return np.concatenate(parts)

