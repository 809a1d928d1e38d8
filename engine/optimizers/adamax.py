"""Adamax: Adam with an infinity-norm second moment (torch.optim.Adamax)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.adam import BETA_1, BETA_2, EPS
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer, lerp_
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["Adamax"]


@OPTIMIZERS.register("adamax")
class Adamax(ElementwiseOptimizer):
    """Adamax: Adam whose denominator is a decaying maximum of |gradient| instead of a root mean square.

    ``m ← β₁·m + (1 − β₁)·g``, ``u ← max(β₂·u, |g| + eps)``, ``w ← w − lr/(1 − β₁ᵗ) · m / u``.
    """

    PARAMS = (
        Param("lr", "float", 0.002, "Learning rate: the size of each step.", low=0.0, typical="0.002"),
        BETA_1,
        BETA_2,
        EPS,
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0),
        *COMMON_PARAMS,
    )

    beta_1: float
    beta_2: float
    eps: float
    weight_decay: float

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        step = self._next_step(state)
        grad = self._grad(param, self.weight_decay)
        exp_avg = self._slot(state, "exp_avg", param)
        exp_inf = self._slot(state, "exp_inf", param)
        tmp = self._scratch(param, 1)
        lerp_(exp_avg, grad, 1.0 - self.beta_1, tmp)
        np.multiply(exp_inf, self.beta_2, out=exp_inf)
        np.abs(grad, out=tmp)
        np.add(tmp, self.eps, out=tmp)
        np.maximum(exp_inf, tmp, out=exp_inf)
        clr = float(self.lr) / (1 - self.beta_1**step)
        self._apply_ratio(param, exp_avg, exp_inf, clr, tmp)
