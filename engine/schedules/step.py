"""Schedules that multiply the learning rate by gamma at given steps: step_decay, multi_step."""

from __future__ import annotations

import bisect

from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule

__all__ = ["MultiStep", "StepDecay"]

GAMMA = Param("gamma", "float", 0.1, "Factor applied to the learning rate at each decay.", low=0.0, high=1.0,
              low_open=True, typical="0.1")


@SCHEDULES.register("step_decay")
class StepDecay(Schedule):
    """Multiply the learning rate by gamma every step_size steps (or epochs): base_lr · gamma^⌊t / step_size⌋.

    Same values as torch's ``StepLR``.
    """

    PARAMS = (
        Param("step_size", "int", 10, "Number of steps (or epochs) between two decays.", low=1, typical="10"),
        GAMMA,
        INTERVAL,
    )

    step_size: int
    gamma: float

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr * self.gamma ** (t // self.step_size))


@SCHEDULES.register("multi_step")
class MultiStep(Schedule):
    """Multiply the learning rate by gamma at each milestone: base_lr · gamma^(milestones reached).

    Same values as torch's ``MultiStepLR`` (a milestone listed twice decays twice).
    """

    PARAMS = (
        Param("milestones", "ints", [30, 60], "Steps (or epochs) at which the learning rate is multiplied.",
              low=1, typical="30, 60"),
        GAMMA,
        INTERVAL,
    )

    milestones: list[int]
    gamma: float

    def _validate(self) -> None:
        self._sorted = sorted(self.milestones)

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr * self.gamma ** bisect.bisect_right(self._sorted, t))
