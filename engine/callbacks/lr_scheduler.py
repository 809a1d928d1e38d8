"""Drive the optimizer's learning rate from a schedule, per step or per epoch."""

from __future__ import annotations

from typing import Any

from engine.callbacks.base import Callback
from engine.params import Param
from engine.registry import CALLBACKS, SCHEDULES
from engine.schedules.base import Schedule

__all__ = ["LRScheduler"]


@CALLBACKS.register("lr_scheduler")
class LRScheduler(Callback):
    """Set the learning rate from a schedule at the start of every step or epoch (the schedule's ``interval``).

    ``lr = schedule.lr_at(t, base_lr)`` with ``t = trainer.global_step`` (steps done so far) before each batch
    for ``interval="step"``, or ``t`` = the epoch number before each epoch for ``interval="epoch"``. ``base_lr``
    is the optimizer's learning rate when training first starts; like torch's ``initial_lr`` it is kept on the
    optimizer (``optimizer.initial_lr``), so a later ``fit`` that continues the run (``trainer.global_step`` or
    ``trainer.epoch`` > 0) resumes the schedule from the same base instead of from the last scheduled value.
    """

    PARAMS = (
        Param("schedule", "component", "cosine", "The learning-rate schedule to follow.", registry="schedules",
              typical="cosine"),
    )

    schedule: str | dict

    def _validate(self) -> None:
        self._schedule: Schedule = SCHEDULES.create(self.schedule)
        self.base_lr: float | None = None

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        optimizer = self.trainer.optimizer
        resumed = self.trainer.global_step > 0 or self.trainer.epoch > 0
        if not resumed or getattr(optimizer, "initial_lr", None) is None:
            optimizer.initial_lr = float(optimizer.lr)
        self.base_lr = float(optimizer.initial_lr)

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self._schedule.interval == "epoch":
            self._set(epoch)

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self._schedule.interval == "step":
            self._set(self.trainer.global_step)

    def _set(self, t: int) -> None:
        assert self.base_lr is not None, "on_train_begin sets base_lr"
        self.trainer.optimizer.lr = float(self._schedule.lr_at(int(t), self.base_lr))
