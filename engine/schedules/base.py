"""The learning-rate schedule interface: a pure function of the step."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from engine.params import Configurable, Param

__all__ = ["INTERVAL", "Schedule"]

INTERVAL = Param("interval", "choice", "epoch", "Whether the schedule advances every optimizer step or every epoch.",
                 choices=("step", "epoch"))


class Schedule(Configurable):
    """lr(t) for t = 0, 1, 2, … as a pure function, so the window can draw it before training.

    ``t`` counts steps or epochs according to ``interval``. ``base_lr`` is the optimizer's initial learning rate;
    most schedules multiply it (as PyTorch's schedulers do). Subclasses implement :meth:`lr_at`.
    """

    interval: str
    #: Schedules whose value depends on the training run's length (one_cycle) need ``total``.
    needs_total: ClassVar[bool] = False

    def lr_at(self, t: int, base_lr: float) -> float:
        raise NotImplementedError

    def values(self, n: int, base_lr: float) -> np.ndarray:
        """lr for t = 0 … n-1 (for preview plots)."""
        return np.array([self.lr_at(t, base_lr) for t in range(n)], dtype=np.float64)
