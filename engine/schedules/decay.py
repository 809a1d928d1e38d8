"""Smooth decays: exponential, natural_exp, inverse_time, polynomial."""

from __future__ import annotations

import math

from engine.params import Param
from engine.registry import SCHEDULES
from engine.schedules.base import INTERVAL, Schedule

__all__ = ["Exponential", "InverseTime", "NaturalExp", "Polynomial"]

DECAY_RATE = Param("decay_rate", "float", 0.5, "How fast the learning rate falls per decay_steps.", low=0.0,
                   typical="0.5")
DECAY_STEPS = Param("decay_steps", "int", 10, "Number of steps (or epochs) that make one unit of decay.", low=1,
                    typical="10")
STAIRCASE = Param("staircase", "bool", False, "Decay in whole units of decay_steps (a staircase), not smoothly.")


@SCHEDULES.register("exponential")
class Exponential(Schedule):
    """Multiply the learning rate by gamma at every step (or epoch): base_lr · gamma^t (torch ``ExponentialLR``)."""

    PARAMS = (
        Param("gamma", "float", 0.95, "Factor applied at every step (or epoch).", low=0.0, high=1.0, low_open=True,
              typical="0.95"),
        INTERVAL,
    )

    gamma: float

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr * self.gamma**t)


class _RateDecay(Schedule):
    """A decay driven by p = t / decay_steps, floored when ``staircase``."""

    PARAMS = (DECAY_RATE, DECAY_STEPS, STAIRCASE, INTERVAL)

    decay_rate: float
    decay_steps: int
    staircase: bool

    def _progress(self, t: int) -> float:
        return float(t // self.decay_steps) if self.staircase else t / self.decay_steps


@SCHEDULES.register("natural_exp")
class NaturalExp(_RateDecay):
    """Exponential decay in e: base_lr · exp(−decay_rate · t / decay_steps) (Keras/TF natural_exp_decay)."""

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr * math.exp(-self.decay_rate * self._progress(t)))


@SCHEDULES.register("inverse_time")
class InverseTime(_RateDecay):
    """Decay as 1/t: base_lr / (1 + decay_rate · t / decay_steps) (Keras ``InverseTimeDecay``)."""

    def lr_at(self, t: int, base_lr: float) -> float:
        return float(base_lr / (1.0 + self.decay_rate * self._progress(t)))


@SCHEDULES.register("polynomial")
class Polynomial(Schedule):
    """Polynomial decay from base_lr to end_lr over total_steps, then constant at end_lr.

    ``(base_lr − end_lr) · (1 − min(t, total_steps) / total_steps)^power + end_lr`` — Keras ``PolynomialDecay``;
    with ``end_lr = 0`` the same values as torch's ``PolynomialLR``.
    """

    PARAMS = (
        Param("total_steps", "int", 100, "Number of steps (or epochs) until end_lr is reached.", low=1,
              typical="100"),
        Param("power", "float", 1.0, "Exponent of the decay (1 = linear).", low=0.0, low_open=True, typical="1.0"),
        Param("end_lr", "float", 0.0, "Learning rate reached at total_steps (absolute).", low=0.0),
        INTERVAL,
    )

    total_steps: int
    power: float
    end_lr: float

    def lr_at(self, t: int, base_lr: float) -> float:
        fraction = 1.0 - min(self.total_steps, t) / self.total_steps
        return float((base_lr - self.end_lr) * fraction**self.power + self.end_lr)
