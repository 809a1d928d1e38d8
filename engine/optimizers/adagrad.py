"""Adagrad: per-element steps scaled by the accumulated squared gradients (torch.optim.Adagrad)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["Adagrad"]


@OPTIMIZERS.register("adagrad")
class Adagrad(ElementwiseOptimizer):
    """Adagrad: each weight's step shrinks with the sum of its past squared gradients.

    ``s ← s + g²``, ``w ← w − lr_t · g / (√s + eps)`` with ``lr_t = lr / (1 + (t − 1)·lr_decay)``.
    """

    PARAMS = (
        Param("lr", "float", 0.01, "Learning rate: the size of each step.", low=0.0, typical="0.01"),
        Param("lr_decay", "float", 0.0, "Divides the learning rate by 1 + (step − 1)·lr_decay.", low=0.0),
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0),
        Param("initial_accumulator_value", "float", 0.0, "Starting value of the sum of squared gradients.",
              low=0.0, typical="0.1"),
        Param("eps", "float", 1e-10, "Added to the denominator to avoid division by zero.", low=0.0,
              low_open=True),
        *COMMON_PARAMS,
    )

    lr_decay: float
    weight_decay: float
    initial_accumulator_value: float
    eps: float

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        step = self._next_step(state)
        grad = self._grad(param, self.weight_decay)
        total = self._slot(state, "sum", param, self.initial_accumulator_value)
        clr = float(self.lr) / (1 + (step - 1) * self.lr_decay)
        tmp = self._scratch(param, 1)
        np.multiply(grad, grad, out=tmp)
        np.add(total, tmp, out=total)
        np.sqrt(total, out=tmp)
        np.add(tmp, self.eps, out=tmp)
        self._apply_ratio(param, grad, tmp, clr, self._scratch(param, 2))
