"""Adam and AdamW: bias-corrected running moments of the gradient (torch.optim.Adam, torch.optim.AdamW)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer, lerp_, scalar
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["BETA_1", "BETA_2", "EPS", "Adam", "AdamW"]

BETA_1 = Param("beta_1", "float", 0.9, "Decay of the running mean of gradients (first moment).", low=0.0, high=1.0,
               high_open=True, typical="0.9")
BETA_2 = Param("beta_2", "float", 0.999, "Decay of the running mean of squared gradients (second moment).",
               low=0.0, high=1.0, high_open=True, typical="0.999")
EPS = Param("eps", "float", 1e-8, "Added to the denominator to avoid division by zero.", low=0.0, low_open=True)
AMSGRAD = Param("amsgrad", "bool", False, "Divide by the largest second moment seen so far (AMSGrad variant).")


@OPTIMIZERS.register("adam")
class Adam(ElementwiseOptimizer):
    """Adam: steps from bias-corrected running averages of the gradient and of its square.

    ``m ← β₁·m + (1 − β₁)·g``, ``v ← β₂·v + (1 − β₂)·g²``,
    ``w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)``; ``weight_decay`` adds ``weight_decay·w`` to ``g``.
    """

    PARAMS = (
        Param("lr", "float", 0.001, "Learning rate: the size of each step.", low=0.0, typical="0.001"),
        BETA_1,
        BETA_2,
        EPS,
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0),
        AMSGRAD,
        *COMMON_PARAMS,
    )
    #: AdamW decays the weights directly instead of through the gradient.
    decoupled = False

    beta_1: float
    beta_2: float
    eps: float
    weight_decay: float
    amsgrad: bool

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        step = self._next_step(state)
        lr = float(self.lr)
        if self.decoupled:
            if self.weight_decay != 0:
                np.multiply(param.value, 1.0 - lr * self.weight_decay, out=param.value)
            grad = self._grad(param, 0.0)
        else:
            grad = self._grad(param, self.weight_decay)
        exp_avg = self._slot(state, "exp_avg", param)
        exp_avg_sq = self._slot(state, "exp_avg_sq", param)
        denom = self._scratch(param, 1)
        lerp_(exp_avg, grad, 1.0 - self.beta_1, denom)
        self._accumulate_square(exp_avg_sq, grad, self.beta_2, denom)
        step_size = lr / (1 - self.beta_1**step)
        bias_correction2_sqrt = (1 - self.beta_2**step) ** 0.5
        second = exp_avg_sq
        if self.amsgrad:
            second = self._slot(state, "max_exp_avg_sq", param)
            np.maximum(second, exp_avg_sq, out=second)
        np.sqrt(second, denom)
        np.divide(denom, bias_correction2_sqrt, denom)
        np.add(denom, scalar(self.eps, denom.dtype), denom)
        self._apply_ratio(param, exp_avg, denom, step_size, self._scratch(param, 2))


@OPTIMIZERS.register("adamw")
class AdamW(Adam):
    """AdamW: Adam with decoupled weight decay, ``w ← w·(1 − lr·weight_decay)`` before each step.

    The decay does not pass through the moments, so it acts the same on every weight whatever its gradient.
    """

    PARAMS = (
        Param("lr", "float", 0.001, "Learning rate: the size of each step.", low=0.0, typical="0.001"),
        BETA_1,
        BETA_2,
        EPS,
        Param("weight_decay", "float", 0.01, "Decoupled decay: every step multiplies w by 1 − lr·weight_decay.",
              low=0.0, typical="0.01"),
        AMSGRAD,
        *COMMON_PARAMS,
    )
    decoupled = True
