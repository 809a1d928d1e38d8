"""Adadelta: steps whose units follow the running averages of squared gradients and updates (torch.optim.Adadelta)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["Adadelta"]


@OPTIMIZERS.register("adadelta")
class Adadelta(ElementwiseOptimizer):
    """Adadelta: scales each step by the ratio of running RMS of past updates to running RMS of gradients.

    ``v ← ρ·v + (1 − ρ)·g²``, ``d = √(u + eps) / √(v + eps) · g``, ``u ← ρ·u + (1 − ρ)·d²``, ``w ← w − lr·d``.
    """

    PARAMS = (
        Param("lr", "float", 1.0, "Learning rate: a multiplier of the self-scaled step (1 in the paper).", low=0.0,
              typical="1.0"),
        Param("rho", "float", 0.9, "Decay of the running averages (how much history is kept).", low=0.0, high=1.0,
              typical="0.9"),
        Param("eps", "float", 1e-6, "Added inside the square roots; also sets the size of the first steps.",
              low=0.0, low_open=True),
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0),
        *COMMON_PARAMS,
    )

    rho: float
    eps: float
    weight_decay: float

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        self._next_step(state)
        grad = self._grad(param, self.weight_decay)
        square_avg = self._slot(state, "square_avg", param)
        acc_delta = self._slot(state, "acc_delta", param)
        std, delta = self._scratch(param, 1), self._scratch(param, 2)
        self._accumulate_square(square_avg, grad, self.rho, std)
        np.add(square_avg, self.eps, out=std)
        np.sqrt(std, out=std)
        np.add(acc_delta, self.eps, out=delta)
        np.sqrt(delta, out=delta)
        np.divide(delta, std, out=delta)
        np.multiply(delta, grad, out=delta)
        self._accumulate_square(acc_delta, delta, self.rho, std)
        self._apply(param, delta, float(self.lr), delta)
