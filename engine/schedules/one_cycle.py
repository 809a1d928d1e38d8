"""The 1cycle policy: warm up to the maximum learning rate, then anneal far below the start (torch OneCycleLR)."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from engine.errors import ConfigError
from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule
from engine.schedules.cosine import cosine_between

__all__ = ["OneCycle"]


@SCHEDULES.register("one_cycle")
class OneCycle(Schedule):
    """1cycle: from base_lr/div_factor up to base_lr (the maximum), then down to base_lr/div_factor/final_div_factor.

    The optimizer's learning rate is the cycle's maximum (torch's ``max_lr``). Phases end at steps
    ``pct_start·total_steps − 1`` and ``total_steps − 1`` (with ``three_phase``: up, back down to the start
    value by ``2·pct_start·total_steps − 2``, then down to the minimum), as in torch's ``OneCycleLR``. After
    ``total_steps`` the learning rate stays at its final value.
    """

    PARAMS = (
        Param("total_steps", "int", 100, "Length of the cycle in steps (or epochs); usually the whole run.", low=2,
              typical="epochs × batches per epoch"),
        Param("pct_start", "float", 0.3, "Fraction of the cycle spent increasing the learning rate.", low=0.0,
              high=1.0, low_open=True, high_open=True, typical="0.3"),
        Param("anneal_strategy", "choice", "cos", "Shape of each phase: cosine or linear.", choices=("cos", "linear")),
        Param("div_factor", "float", 25.0, "The cycle starts at base_lr / div_factor.", low=1.0, typical="25"),
        Param("final_div_factor", "float", 1e4, "The cycle ends at the start value / final_div_factor.", low=1.0,
              typical="1e4"),
        Param("three_phase", "bool", False, "Come back to the start value before the final annealing (the paper)."),
        dataclasses.replace(INTERVAL, default="step"),
    )
    needs_total: ClassVar[bool] = True

    total_steps: int
    pct_start: float
    anneal_strategy: str
    div_factor: float
    final_div_factor: float
    three_phase: bool

    def _validate(self) -> None:
        up_end = float(self.pct_start * self.total_steps) - 1
        # (end step, start value, end value) with values as names of the three levels
        if self.three_phase:
            phases = [(up_end, "initial", "max"), (float(2 * self.pct_start * self.total_steps) - 2, "max", "initial"),
                      (float(self.total_steps - 1), "initial", "min")]
        else:
            phases = [(up_end, "initial", "max"), (float(self.total_steps - 1), "max", "min")]
        starts = [0.0] + [end for end, _, _ in phases[:-1]]
        if any(end <= start for start, (end, _, _) in zip(starts, phases, strict=True)):
            owner = self._owner_name()
            raise ConfigError(f"{owner}: parameter 'pct_start' expected every phase of the cycle to last more than "
                              f"one step, received pct_start={self.pct_start!r} with total_steps="
                              f"{self.total_steps!r}.", layer=owner, param="pct_start")
        self._phases = [(start, end, a, b) for start, (end, a, b) in zip(starts, phases, strict=True)]

    def lr_at(self, t: int, base_lr: float) -> float:
        initial = base_lr / self.div_factor
        levels = {"initial": initial, "max": base_lr, "min": initial / self.final_div_factor}
        step = min(t, self.total_steps - 1)
        start, end, a, b = next(phase for phase in self._phases if step <= phase[1])
        pct = (step - start) / (end - start)
        if self.anneal_strategy == "cos":
            return float(cosine_between(levels[a], levels[b], pct, 1.0))
        return float((levels[b] - levels[a]) * pct + levels[a])
