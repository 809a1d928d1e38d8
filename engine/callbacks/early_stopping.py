"""Stop training when a monitored quantity has stopped improving (Keras's EarlyStopping semantics)."""

from __future__ import annotations

import math
from typing import Any

from engine.callbacks.base import Callback
from engine.errors import ConfigError, TrainingError
from engine.params import Param
from engine.registry import CALLBACKS, METRICS

__all__ = ["MODE", "MONITOR", "EarlyStopping", "monitor_value", "resolve_mode"]

MONITOR = Param("monitor", "str", "val_loss", "The epoch log to watch, e.g. val_loss, loss or val_accuracy.",
                typical="val_loss")
MODE = Param("mode", "choice", "auto", "Whether the monitored value should go down (min) or up (max); auto "
             "decides from its name.", choices=("auto", "min", "max"))

_MINIMISED = ("loss", "data_loss", "penalty")


def resolve_mode(monitor: str, mode: str, owner: str) -> str:
    """"min" or "max" for ``monitor``: ``mode`` itself unless it is "auto".

    Auto: losses are minimised; a metric's direction comes from its registry entry (``greater_is_better``), with
    or without the ``val_`` prefix. Anything else needs an explicit mode (ConfigError naming ``mode``).
    """
    if mode != "auto":
        return mode
    name = monitor.removeprefix("val_")
    if name in _MINIMISED or name.endswith("_loss"):
        return "min"
    if name in METRICS:
        greater = METRICS.meta(name).get("greater_is_better")
        if greater is not None:
            return "max" if greater else "min"
    raise ConfigError(f"{owner}: parameter 'mode' cannot be 'auto' for monitor {monitor!r}, whose direction is "
                      "unknown; expected 'min' or 'max'.", param="mode")


def monitor_value(logs: dict[str, Any] | None, monitor: str, owner: str) -> float:
    """The monitored value from epoch logs; TrainingError listing the available logs when it is missing."""
    logs = logs or {}
    if monitor not in logs:
        known = ", ".join(sorted(logs)) or "none"
        raise TrainingError(f"{owner}: monitor {monitor!r} is not among the epoch logs ({known}); choose one of "
                            "them, or add validation data for a 'val_' log.", param="monitor")
    return float(logs[monitor])


@CALLBACKS.register("early_stopping")
class EarlyStopping(Callback):
    """Stops training when the monitored value has not improved for ``patience`` epochs.

    Keras's rules: an epoch improves on the best so far if it beats it by more than ``min_delta``; ``wait``
    counts epochs since the last improvement, and an epoch without improvement stops training once ``wait``
    reaches ``patience`` (never the first epoch). With a ``baseline``, improvements reset ``wait`` only when they
    also beat the baseline, so until then ``wait`` counts from the first epoch and the first stall stops the run.
    Epochs before ``start_from_epoch`` are ignored (a warm-up). With ``restore_best_weights`` the best epoch's
    weights are put back when training ends, whether it stopped early or not.
    """

    PARAMS = (
        MONITOR,
        Param("min_delta", "float", 0.0, "Smallest change that counts as an improvement.", low=0.0,
              typical="1e-4"),
        Param("patience", "int", 10, "Epochs without improvement before stopping.", low=0, typical="10"),
        MODE,
        Param("baseline", "float", None, "A value the monitored quantity must beat to count as improving.",
              optional=True),
        Param("restore_best_weights", "bool", False, "When training ends, go back to the best epoch's weights."),
        Param("start_from_epoch", "int", 0, "Epochs of warm-up before improvements are watched.", low=0),
    )
    monitor: str
    min_delta: float
    patience: int
    mode: str
    baseline: float | None
    restore_best_weights: bool
    start_from_epoch: int

    def _validate(self) -> None:
        if not self.monitor.strip():
            raise ConfigError(f"{self._owner_name()}: parameter 'monitor' expected the name of an epoch log, "
                              f"received {self.monitor!r}.", param="monitor")
        self.direction = resolve_mode(self.monitor, self.mode, self._owner_name())
        self._reset()

    def _reset(self) -> None:
        self.wait = 0
        self.stopped_epoch = 0
        self.best: float | None = None
        self.best_epoch = 0
        self.best_weights: dict[str, Any] | None = None

    def is_improvement(self, value: float, reference: float | None) -> bool:
        """Whether ``value`` beats ``reference`` by more than ``min_delta`` (always true with no reference)."""
        if reference is None:
            return True
        if self.direction == "min":
            return value + self.min_delta < reference
        return value - self.min_delta > reference

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._reset()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if epoch < self.start_from_epoch:
            return
        current = monitor_value(logs, self.monitor, self._owner_name())
        model = self.trainer.model
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = model.get_weights()
            self.best_epoch = epoch
        self.wait += 1
        if self.is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = model.get_weights()
            if self.baseline is None or self.is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.trainer.stop_training = True
            self.trainer.stop_reason = self._reason()

    def _reason(self) -> str:
        if self.best is None or math.isnan(self.best):
            return f"Early stopping: {self.monitor} gave no usable value in {self.wait} epochs."
        best = f"best {self.best:.6g} at epoch {self.best_epoch + 1}"
        if self.baseline is not None and not self.is_improvement(self.best, self.baseline):
            return (f"Early stopping: {self.monitor} has not beaten the baseline {self.baseline:.6g} in {self.wait} "
                    f"epochs ({best}).")
        return f"Early stopping: {self.monitor} has not improved for {self.wait} epochs ({best})."

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        if self.restore_best_weights and self.best_weights is not None:
            self.trainer.model.set_weights(self.best_weights)
