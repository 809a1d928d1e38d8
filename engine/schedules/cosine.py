"""Cosine annealing schedules: cosine, cosine_restarts (SGDR)."""

from __future__ import annotations

import math

from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule

__all__ = ["Cosine", "CosineRestarts", "cosine_between"]

ETA_MIN = Param("eta_min", "float", 0.0, "Lowest learning rate, reached at the end of each cosine (absolute).",
                low=0.0)


def cosine_between(high: float, low: float, t: float, period: float) -> float:
    """``low + (high − low) · (1 + cos(π · t / period)) / 2``: from ``high`` at t = 0 to ``low`` at t = period."""
    return low + (high - low) * (1 + math.cos(math.pi * t / period)) / 2


@SCHEDULES.register("cosine")
class Cosine(Schedule):
    """Cosine annealing from base_lr to eta_min over t_max steps (or epochs); beyond t_max the cosine continues.

    The closed form of torch's ``CosineAnnealingLR`` (its recursive updates give the same values to rounding).
    """

    PARAMS = (
        Param("t_max", "int", 50, "Number of steps (or epochs) from base_lr down to eta_min.", low=1,
              typical="the number of epochs"),
        ETA_MIN,
        INTERVAL,
    )

    t_max: int
    eta_min: float

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(cosine_between(base_lr, self.eta_min, t, self.t_max))


@SCHEDULES.register("cosine_restarts")
class CosineRestarts(Schedule):
    """Cosine annealing with warm restarts (SGDR): a cosine of t_0 steps, then of t_0·t_mult, t_0·t_mult², …

    Same values as torch's ``CosineAnnealingWarmRestarts`` stepped once per step (or epoch).
    """

    PARAMS = (
        Param("t_0", "int", 10, "Length of the first cosine, in steps (or epochs).", low=1, typical="10"),
        Param("t_mult", "int", 1, "Each cosine is this many times longer than the previous one.", low=1,
              typical="2"),
        ETA_MIN,
        INTERVAL,
    )

    t_0: int
    t_mult: int
    eta_min: float

    def lr_at(self, t: int, base_lr: float) -> float:
        if self.t_mult == 1:
            t_cur, t_i = t % self.t_0, self.t_0
        else:
            t_cur, t_i = t, self.t_0
            while t_cur >= t_i:  # the cycles grow geometrically: O(log t) iterations
                t_cur -= t_i
                t_i *= self.t_mult
        return float(cosine_between(base_lr, self.eta_min, t_cur, t_i))
