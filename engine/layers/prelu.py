"""Parametric ReLU: a leaky ReLU whose negative slope is learned."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Layer, Shape
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["PReLU"]


@LAYERS.register("prelu")
class PReLU(Layer):
    """Leaky ReLU with a learned slope for negative inputs: y = x if x > 0 else alpha·x.

    As in PyTorch's ``nn.PReLU``, there is one slope shared by all values, or one per channel
    (``num_parameters = C``, where the channel is the first axis of a sample, axis 1 of the batch).
    """

    PARAMS = (
        Param("alpha_init", "float", 0.25, "Starting value of the negative slope.", typical="0.25"),
        Param("per_channel", "bool", False,
              "Learn one slope per channel (first axis of a sample) instead of one shared slope."),
    )
    category = "activation"
    _x: np.ndarray | None = None

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if self.per_channel and len(input_shape) == 0:
            raise self._shape_error("per_channel slopes need an input with a channel axis, received a scalar "
                                    "per sample.")
        return tuple(input_shape)

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        count = input_shape[0] if self.per_channel else 1
        self._alpha = self.add_parameter("alpha", (count,), {"type": "constant", "config": {"value": self.alpha_init}},
                                         rng)
        # Broadcast the slopes along the channel axis: (C, 1, 1, …) per sample.
        self._view_shape = (count,) + (1,) * (len(input_shape) - 1) if self.per_channel else (1,)

    def _slopes(self) -> np.ndarray:
        return self._alpha.value.reshape(self._view_shape)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        y = np.where(x > 0, x, x * self._slopes())
        self._x = x
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        x = self._x
        if grad.dtype != self.dtype:
            grad = grad.astype(self.dtype)
        positive = x > 0
        if self.trainable:
            contribution = np.where(positive, 0, x * grad)
            if self.per_channel:
                axes = (0, *range(2, x.ndim))
                np.sum(contribution, axis=axes, out=self._alpha.grad)
            else:
                self._alpha.grad[0] = contribution.sum()
        return np.where(positive, grad, grad * self._slopes())
