"""Schedules that hold the learning rate fixed between jumps: constant, piecewise_constant."""

from __future__ import annotations

import bisect

from engine.errors import ConfigError
from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule

__all__ = ["Constant", "PiecewiseConstant"]


@SCHEDULES.register("constant")
class Constant(Schedule):
    """The optimizer's learning rate, unchanged."""

    PARAMS = (INTERVAL,)

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr)


@SCHEDULES.register("piecewise_constant")
class PiecewiseConstant(Schedule):
    """Absolute learning rates by range: rates[0] up to boundaries[0], rates[1] up to boundaries[1], …

    Keras ``PiecewiseConstantDecay(boundaries, values)`` semantics: ``lr(t) = rates[i]`` where ``i`` is the number
    of boundaries strictly below ``t`` (a boundary itself still belongs to the range before it). The optimizer's
    learning rate is not used. (Keras's ``values`` is called ``rates`` here: ``values`` is the method that lists a
    schedule's learning rates.)
    """

    PARAMS = (
        Param("boundaries", "ints", [10, 20], "Increasing steps (or epochs) where the learning rate changes.",
              low=0, typical="10, 20"),
        Param("rates", "floats", [0.01, 0.001, 0.0001], "The learning rates: one more than the boundaries.",
              low=0.0, typical="0.01, 0.001, 0.0001"),
        INTERVAL,
    )

    boundaries: list[int]
    rates: list[float]

    def _validate(self) -> None:
        owner = self._owner_name()
        if any(b >= a for b, a in zip(self.boundaries, self.boundaries[1:], strict=False)):
            raise ConfigError(f"{owner}: parameter 'boundaries' expected strictly increasing steps, received "
                              f"{self.boundaries!r}.", layer=owner, param="boundaries")
        if len(self.rates) != len(self.boundaries) + 1:
            raise ConfigError(f"{owner}: parameter 'rates' expected {len(self.boundaries) + 1} learning rates "
                              f"(one more than the {len(self.boundaries)} boundaries), received "
                              f"{len(self.rates)}.", layer=owner, param="rates")

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(self.rates[bisect.bisect_left(self.boundaries, t)])
