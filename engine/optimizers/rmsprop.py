"""RMSprop: steps divided by a running RMS of the gradients (torch.optim.RMSprop)."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer, lerp_
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["RMSprop"]


@OPTIMIZERS.register("rmsprop")
class RMSprop(ElementwiseOptimizer):
    """RMSprop: divides each gradient by the root of a running average of its square.

    ``v ← α·v + (1 − α)·g²``; ``centered`` subtracts the square of the running mean of ``g``;
    ``w ← w − lr · g / (√v + eps)``, or through a momentum buffer ``b ← momentum·b + g / (√v + eps)``.
    """

    PARAMS = (
        Param("lr", "float", 0.01, "Learning rate: the size of each step.", low=0.0, typical="0.001"),
        Param("alpha", "float", 0.99, "Decay of the running average of squared gradients.", low=0.0, high=1.0,
              typical="0.9"),
        Param("eps", "float", 1e-8, "Added to the denominator to avoid division by zero.", low=0.0, low_open=True),
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0),
        Param("momentum", "float", 0.0, "Fraction of the previous step kept in the next one.", low=0.0, high=1.0),
        Param("centered", "bool", False, "Normalise by the gradient's running variance instead of its mean square."),
        *COMMON_PARAMS,
    )

    alpha: float
    eps: float
    weight_decay: float
    momentum: float
    centered: bool

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        self._next_step(state)
        grad = self._grad(param, self.weight_decay)
        square_avg = self._slot(state, "square_avg", param)
        avg, tmp = self._scratch(param, 1), self._scratch(param, 2)
        self._accumulate_square(square_avg, grad, self.alpha, tmp)
        if self.centered:
            grad_avg = self._slot(state, "grad_avg", param)
            lerp_(grad_avg, grad, 1.0 - self.alpha, tmp)
            np.multiply(grad_avg, grad_avg, out=avg)
            np.subtract(square_avg, avg, out=avg)
            np.sqrt(avg, out=avg)
        else:
            np.sqrt(square_avg, out=avg)
        np.add(avg, self.eps, out=avg)
        if self.momentum > 0:
            buf = self._slot(state, "momentum_buffer", param)
            np.divide(grad, avg, out=tmp)
            np.multiply(buf, self.momentum, out=buf)
            np.add(buf, tmp, out=buf)
            self._apply(param, buf, float(self.lr), tmp)
        else:
            self._apply_ratio(param, grad, avg, float(self.lr), tmp)
