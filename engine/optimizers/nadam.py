"""NAdam: Adam with Nesterov momentum and a momentum warm-up schedule (torch.optim.NAdam)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.adam import BETA_1, BETA_2, EPS
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer, lerp_
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["NAdam"]


@OPTIMIZERS.register("nadam")
class NAdam(ElementwiseOptimizer):
    """NAdam: Adam with Nesterov momentum, whose momentum coefficient μₜ warms up as 0.96^(t·momentum_decay) decays.

    ``μₜ = β₁·(1 − ½·0.96^(t·momentum_decay))``; the step mixes the current gradient (weight 1 − μₜ) and the
    running mean (weight μₜ₊₁), each bias-corrected by the product of the μ's, over ``√(v/(1 − β₂ᵗ)) + eps``.
    """

    PARAMS = (
        Param("lr", "float", 0.002, "Learning rate: the size of each step.", low=0.0, typical="0.002"),
        BETA_1,
        BETA_2,
        EPS,
        Param("weight_decay", "float", 0.0, "Weight decay: L2 in the gradient, or decoupled (see below).",
              low=0.0),
        Param("momentum_decay", "float", 0.004, "How fast the momentum coefficient warms up to beta_1.", low=0.0,
              typical="0.004"),
        Param("decoupled_weight_decay", "bool", False,
              "Decay weights directly, w·(1 − lr·weight_decay), as AdamW does (NAdamW)."),
        *COMMON_PARAMS,
    )

    beta_1: float
    beta_2: float
    eps: float
    weight_decay: float
    momentum_decay: float
    decoupled_weight_decay: bool

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        step = self._next_step(state)
        lr, beta_1 = float(self.lr), self.beta_1
        bias_correction2 = 1 - self.beta_2**step
        if self.decoupled_weight_decay:
            if self.weight_decay != 0:
                np.multiply(param.value, 1.0 - lr * self.weight_decay, out=param.value)
            grad = self._grad(param, 0.0)
        else:
            grad = self._grad(param, self.weight_decay)
        mu = beta_1 * (1.0 - 0.5 * (0.96 ** (step * self.momentum_decay)))
        mu_next = beta_1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * self.momentum_decay)))
        mu_product = float(state["mu_product"]) * mu if "mu_product" in state else mu
        state["mu_product"] = np.array(mu_product, dtype=np.float64)
        exp_avg = self._slot(state, "exp_avg", param)
        exp_avg_sq = self._slot(state, "exp_avg_sq", param)
        denom, tmp = self._scratch(param, 1), self._scratch(param, 2)
        lerp_(exp_avg, grad, 1.0 - beta_1, tmp)
        self._accumulate_square(exp_avg_sq, grad, self.beta_2, tmp)
        np.divide(exp_avg_sq, bias_correction2, out=denom)
        np.sqrt(denom, out=denom)
        np.add(denom, self.eps, out=denom)
        self._apply_ratio(param, grad, denom, lr * (1.0 - mu) / (1.0 - mu_product), tmp)
        self._apply_ratio(param, exp_avg, denom, lr * mu_next / (1.0 - mu_product * mu_next), tmp)
