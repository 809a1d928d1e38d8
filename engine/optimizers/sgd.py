"""Stochastic gradient descent with momentum and Nesterov momentum (torch.optim.SGD)."""

from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Parameter
from engine.optimizers.base import COMMON_PARAMS
from engine.optimizers.common import ElementwiseOptimizer
from engine.params import Param
from engine.registry import OPTIMIZERS

__all__ = ["SGD"]


@OPTIMIZERS.register("sgd")
class SGD(ElementwiseOptimizer):
    """Stochastic gradient descent, optionally with (Nesterov) momentum and L2 weight decay.

    ``b ← momentum·b + (1 − dampening)·g`` (``b = g`` on the first step), then ``w ← w − lr·b``, or
    ``w ← w − lr·(g + momentum·b)`` with Nesterov momentum; ``g`` includes ``weight_decay·w``.
    """

    PARAMS = (
        Param("lr", "float", 0.01, "Learning rate: the size of each step.", low=0.0, typical="0.01"),
        Param("momentum", "float", 0.0, "Fraction of the previous step kept in the next one (0 = plain SGD).",
              low=0.0, high=1.0, typical="0.9"),
        Param("dampening", "float", 0.0, "Fraction of each new gradient left out of the momentum buffer.",
              low=0.0, high=1.0),
        Param("nesterov", "bool", False, "Nesterov (look-ahead) momentum; needs momentum > 0 and dampening = 0."),
        Param("weight_decay", "float", 0.0, "L2 penalty: adds weight_decay·w to every gradient.", low=0.0,
              typical="1e-4"),
        *COMMON_PARAMS,
    )

    momentum: float
    dampening: float
    nesterov: bool
    weight_decay: float

    def _validate(self) -> None:
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ConfigError(f"{self._owner_name()}: nesterov momentum expected momentum > 0 and dampening = 0, "
                              f"received momentum={self.momentum!r}, dampening={self.dampening!r}.",
                              param="nesterov")

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        grad = self._grad(param, self.weight_decay)
        out = self._scratch(param, 1)
        direction = grad
        if self.momentum != 0:
            if "momentum_buffer" not in state:
                buf = state["momentum_buffer"] = grad.copy()
            else:
                buf = self._slot(state, "momentum_buffer", param)
                np.multiply(buf, self.momentum, out=buf)
                if self.dampening == 0:
                    np.add(buf, grad, out=buf)
                else:
                    np.multiply(grad, 1.0 - self.dampening, out=out)
                    np.add(buf, out, out=buf)
            if self.nesterov:
                np.multiply(buf, self.momentum, out=out)
                direction = np.add(grad, out, out=out)
            else:
                direction = buf
        self._apply(param, direction, float(self.lr), out)
