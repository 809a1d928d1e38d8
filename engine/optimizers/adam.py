"""Adam and AdamW: bias-corrected running moments of the gradient (torch.optim.Adam, torch.optim.AdamW)."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer
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
    ``w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)`` (torch.optim.Adam, to rounding); ``weight_decay`` adds
    ``weight_decay·w`` to ``g``.
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
        count, moments, exp_avg, second, scaled, scaled_sq, tmp, memo, coefficients = self._moments(param, state)
        c_keep, c_add, c_eps, c_step = coefficients
        step = int(count) + 1
        count[()] = step
        lr, beta_1, beta_2, weight_decay = float(self.lr), self.beta_1, self.beta_2, self.weight_decay
        value = param.value
        if self.decoupled and weight_decay != 0:
            c_step[()] = 1.0 - lr * weight_decay
            np.multiply(value, c_step, value)
        grad = param.grad if self.decoupled or weight_decay == 0 else self._grad(param, weight_decay)
        # both moments at once, (m, v) ← (β₁, β₂)·(m, v) + (1 − β₁, 1 − β₂)·(g, g)·(1, g): v as torch's
        # mul_(β₂).addcmul_(g, g, 1 − β₂) bit for bit, m as β₁·m + (1 − β₁)·g (torch's lerp_, to rounding)
        if memo[0] != (beta_1, beta_2):
            c_keep[0], c_keep[1], c_add[0], c_add[1] = beta_1, beta_2, 1.0 - beta_1, 1.0 - beta_2
            memo[0] = (beta_1, beta_2)
        if memo[1] is not grad:  # the gradient as the coefficients' shape takes it
            memo[1], memo[2] = grad, np.broadcast_to(grad, c_add.shape) if c_add.size > 2 else grad
        np.multiply(memo[2], c_add, scaled)
        np.multiply(scaled_sq, grad, scaled_sq)
        np.multiply(moments, c_keep, moments)
        np.add(moments, scaled, moments)
        if self.amsgrad:
            exp_avg_sq, second = second, self._slot(state, "max_exp_avg_sq", param)
            np.maximum(second, exp_avg_sq, out=second)
        # torch: w −= lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps). Multiplying the denominator and the step size by
        # √(1 − β₂ᵗ) gives the same step (to rounding) with one array operation less.
        bias_correction2_sqrt = (1.0 - beta_2**step) ** 0.5
        c_eps[()] = self.eps * bias_correction2_sqrt
        c_step[()] = lr * bias_correction2_sqrt / (1.0 - beta_1**step)
        np.sqrt(second, tmp)
        np.add(tmp, c_eps, tmp)
        np.divide(exp_avg, tmp, tmp)
        np.multiply(tmp, c_step, tmp)
        np.subtract(value, tmp, value)

    def _moments(self, param: Parameter, state: dict[str, np.ndarray]) -> tuple[Any, ...]:
        """``(step count, moments, exp_avg, exp_avg_sq, scaled gradient, its second half, work array, memo,
        coefficients)``.

        The two moments live in one ``(2, *shape)`` array (``state`` holds its two halves), so that both are updated
        by the same NumPy calls; a work array of that shape takes the scaled gradient. The coefficients are
        ((β₁, β₂), (1 − β₁, 1 − β₂)) as arrays for the moments, written when ``memo[0]`` (the betas they hold)
        differs from the optimizer's, then the eps and step-size 0-d arrays. For up to :data:`_FULL_COEFFICIENTS`
        values they are whole ``(2, *shape)`` arrays and the gradient is read through a broadcast view (``memo[1:]``:
        the gradient and that view): operands of one shape take NumPy's fast loop, ~0.5 µs a call less than a
        ``(2, 1, …)`` column broadcast; beyond that the column's smaller memory traffic wins. Cached as
        :meth:`ElementwiseOptimizer._workspace` caches its arrays."""
        found = self._workspaces.get(param.name)
        if found is not None and found[0] is state and found[1] is param.value:
            return found[2]
        value = param.value
        if "step" not in state:
            state["step"] = np.array(0, dtype=np.int64)
        moments = np.stack([self._slot(state, "exp_avg", param), self._slot(state, "exp_avg_sq", param)])
        state["exp_avg"], state["exp_avg_sq"] = moments
        # one coefficient per moment: for every value, or broadcast over the parameter
        shape = moments.shape if value.size <= _FULL_COEFFICIENTS else (2,) + (1,) * value.ndim
        coefficients = (np.zeros(shape, dtype=value.dtype), np.zeros(shape, dtype=value.dtype),
                        *self._coefficients(value.dtype, 2))
        scaled = np.empty_like(moments)
        arrays = (state["step"], moments, *moments, scaled, scaled[1], self._scratch(param, 1), [None, None, None],
                  coefficients)
        self._workspaces[param.name] = (state, value, arrays)
        return arrays


#: Up to this many values per parameter, Adam's moment coefficients are stored for every value (see Adam._moments).
_FULL_COEFFICIENTS = 8192


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
