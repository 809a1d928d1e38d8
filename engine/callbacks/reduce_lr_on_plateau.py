"""Lower the learning rate when a monitored quantity stops improving (torch ReduceLROnPlateau semantics)."""

from __future__ import annotations

import math
from typing import Any

from engine.callbacks.base import Callback
from engine.errors import ConfigError, TrainingError
from engine.params import Param
from engine.registry import CALLBACKS

__all__ = ["ReduceLROnPlateau"]


@CALLBACKS.register("reduce_lr_on_plateau")
class ReduceLROnPlateau(Callback):
    """Multiply the learning rate by factor when the monitored value has not improved for patience epochs.

    At each epoch end: the value improves if it beats the best so far by more than ``threshold`` (relative:
    ``best·(1 ∓ threshold)``, or absolute: ``best ∓ threshold``); otherwise it is a bad epoch. After more than
    ``patience`` bad epochs the rate becomes ``max(lr·factor, min_lr)`` (skipped if that changes it by ``eps`` or
    less), and the next ``cooldown`` epochs count no bad epochs. The same rules as torch's ``ReduceLROnPlateau``;
    the new rate applies from the next epoch.
    """

    PARAMS = (
        Param("monitor", "str", "val_loss", "The epoch log to watch, e.g. val_loss, loss or val_accuracy.",
              typical="val_loss"),
        Param("factor", "float", 0.1, "Multiplier applied to the learning rate at each reduction.", low=0.0,
              high=1.0, low_open=True, high_open=True, typical="0.5"),
        Param("patience", "int", 10, "Epochs without improvement tolerated before reducing.", low=0, typical="5"),
        Param("threshold", "float", 1e-4, "Smallest change that counts as an improvement.", low=0.0),
        Param("threshold_mode", "choice", "rel", "Whether threshold is relative to the best value or absolute.",
              choices=("rel", "abs")),
        Param("cooldown", "int", 0, "Epochs to wait after a reduction before counting bad epochs again.", low=0),
        Param("min_lr", "float", 0.0, "The learning rate is never reduced below this.", low=0.0),
        Param("mode", "choice", "min", "Whether the monitored value should go down (min, a loss) or up (max).",
              choices=("min", "max")),
        Param("eps", "float", 1e-8, "Reductions smaller than this are skipped.", low=0.0),
    )

    monitor: str
    factor: float
    patience: int
    threshold: float
    threshold_mode: str
    cooldown: int
    min_lr: float
    mode: str
    eps: float

    def _validate(self) -> None:
        if not self.monitor.strip():
            raise ConfigError(f"{self._owner_name()}: parameter 'monitor' expected the name of an epoch log, "
                              f"received {self.monitor!r}.", param="monitor")
        self._reset()

    def _reset(self) -> None:
        self.best = math.inf if self.mode == "min" else -math.inf
        self.num_bad_epochs = 0
        self.cooldown_counter = 0

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._reset()

    def is_better(self, value: float, best: float) -> bool:
        """Whether ``value`` improves on ``best`` by more than the threshold."""
        if self.mode == "min":
            return value < (best * (1.0 - self.threshold) if self.threshold_mode == "rel" else best - self.threshold)
        return value > (best * (1.0 + self.threshold) if self.threshold_mode == "rel" else best + self.threshold)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        if self.monitor not in logs:
            known = ", ".join(sorted(logs)) or "none"
            raise TrainingError(f"{self._owner_name()}: monitor {self.monitor!r} is not among the epoch logs "
                                f"({known}); choose one of them, or add validation data for a 'val_' log.",
                                param="monitor")
        current = float(logs[self.monitor])
        if self.is_better(current, self.best):
            self.best = current
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            optimizer = self.trainer.optimizer
            old = float(optimizer.lr)
            new = max(old * self.factor, self.min_lr)
            if old - new > self.eps:
                optimizer.lr = new
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0
