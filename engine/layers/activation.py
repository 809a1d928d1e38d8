"""A standalone activation layer, and the helper that resolves a layer's ``activation`` parameter."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.activations.base import Activation as ActivationFunction
from engine.errors import ConfigError
from engine.layers.base import Layer
from engine.params import Param
from engine.registry import ACTIVATIONS, LAYERS

__all__ = ["ACTIVATION_PARAM", "Activation", "resolve_activation"]

ACTIVATION_PARAM = Param("activation", "component", "linear",
                         "Function applied to the layer's output (linear = none).", registry="activations",
                         typical="relu")


def resolve_activation(spec: Any, owner: str) -> ActivationFunction:
    """Build the activation named by ``spec``; an unknown name raises ConfigError pointing at the layer."""
    try:
        return ACTIVATIONS.create(spec)
    except ConfigError as error:
        raise ConfigError(f"{owner}: parameter 'activation': {error.message}", layer=owner,
                          param="activation") from error


@LAYERS.register("activation")
class Activation(Layer):
    """Applies an activation function on its own, e.g. after batch normalisation.

    Like dense, it honours ``emit_logits``: as the last layer, its softmax/sigmoid can be fused into the loss and
    the layer then passes its input through unchanged.
    """

    PARAMS = (Param("activation", "component", "relu", "The function applied to every input value.",
                    registry="activations", typical="relu"),)
    has_activation = True
    category = "activation"
    _x: np.ndarray | None = None
    _y: np.ndarray | None = None

    def _validate(self) -> None:
        self._fn = resolve_activation(self.activation, self._owner_name())

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        y = x if self.emit_logits else self._fn.forward(x)
        self._x, self._y = x, y
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if self.emit_logits:
            return grad
        return self._fn.backward(self._x, self._y, grad)
