"""Schedules that ramp the learning rate up first: warmup (around another schedule) and noam (Transformer)."""

from __future__ import annotations

import dataclasses

from engine.errors import ConfigError
from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule

__all__ = ["Noam", "Warmup"]


@SCHEDULES.register("warmup")
class Warmup(Schedule):
    """Linear warm-up from start_factor·base_lr for warmup_steps, then the wrapped schedule.

    ``lr(t) = base_lr · (start_factor + (1 − start_factor) · t / warmup_steps)`` for ``t < warmup_steps``, then
    ``schedule.lr_at(t − warmup_steps, base_lr)``: the wrapped schedule starts from its own t = 0 when the
    warm-up ends. These are the values of torch's ``SequentialLR([LinearLR(start_factor, total_iters=
    warmup_steps), wrapped], milestones=[warmup_steps])``. This schedule's ``interval`` is the one that counts;
    the wrapped schedule's own ``interval`` is ignored.
    """

    PARAMS = (
        Param("schedule", "component", "cosine", "The schedule that follows the warm-up.", registry="schedules",
              typical="cosine"),
        Param("warmup_steps", "int", 5, "Number of steps (or epochs) of linear warm-up.", low=1, typical="5"),
        Param("start_factor", "float", 1.0 / 3, "Fraction of base_lr used at t = 0.", low=0.0, high=1.0,
              low_open=True, typical="0.1"),
        INTERVAL,
    )

    schedule: str | dict
    warmup_steps: int
    start_factor: float

    def _validate(self) -> None:
        try:
            self._inner: Schedule = SCHEDULES.create(self.schedule)
        except ConfigError as error:
            owner = self._owner_name()
            raise ConfigError(f"{owner}: parameter 'schedule': {error.message}", layer=owner,
                              param="schedule") from error

    @property
    def inner(self) -> Schedule:
        """The wrapped schedule instance."""
        return self._inner

    def lr_at(self, t: int, base_lr: float) -> float:
        if t < self.warmup_steps:
            return float(base_lr * (self.start_factor + (1.0 - self.start_factor) * t / self.warmup_steps))
        return float(self._inner.lr_at(t - self.warmup_steps, base_lr))


@SCHEDULES.register("noam")
class Noam(Schedule):
    """The Transformer schedule: factor · d_model^−0.5 · min(s^−0.5, s · warmup_steps^−1.5), s = max(t, 1).

    Rises linearly for warmup_steps, then decays as 1/√t ("Attention Is All You Need", §5.3). The value is an
    absolute learning rate: the optimizer's own is not used (the Annotated Transformer runs this as torch's
    ``LambdaLR`` on an optimizer whose lr is 1).
    """

    PARAMS = (
        Param("d_model", "int", 512, "Model width whose inverse square root scales the learning rate.", low=1,
              typical="512"),
        Param("warmup_steps", "int", 4000, "Steps of linear increase before the 1/√t decay.", low=1,
              typical="4000"),
        Param("factor", "float", 1.0, "Overall multiplier of the learning rate.", low=0.0, low_open=True,
              typical="1.0"),
        dataclasses.replace(INTERVAL, default="step"),
    )

    d_model: int
    warmup_steps: int
    factor: float

    def lr_at(self, t: int, base_lr: float) -> float:
        s = max(t, 1)
        return float(self.factor * (self.d_model ** (-0.5) * min(s ** (-0.5), s * self.warmup_steps ** (-1.5))))
