"""Schedules registered in engine.registry.SCHEDULES; importing this package registers them all."""

from engine.schedules.base import INTERVAL, Schedule
from engine.schedules.constant import Constant, PiecewiseConstant
from engine.schedules.cosine import Cosine, CosineRestarts
from engine.schedules.decay import Exponential, InverseTime, NaturalExp, Polynomial
from engine.schedules.one_cycle import OneCycle
from engine.schedules.step import MultiStep, StepDecay
from engine.schedules.warmup import Noam, Warmup

__all__ = ["INTERVAL", "Constant", "Cosine", "CosineRestarts", "Exponential", "InverseTime", "MultiStep",
           "NaturalExp", "Noam", "OneCycle", "PiecewiseConstant", "Polynomial", "Schedule", "StepDecay", "Warmup"]
