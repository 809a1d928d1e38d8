"""Layers that change the shape of each sample without changing its values: flatten and reshape."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Layer, Shape
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["Flatten", "Reshape"]


class _ShapeOnly(Layer):
    """Forward reshapes each sample to ``output_shape``; backward reshapes the gradient back."""

    category = "reshape"
    _input_batch_shape: tuple[int, ...] = ()

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.shape[1:] != self.input_shape:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        self._input_batch_shape = x.shape
        y = x.reshape(x.shape[0], *self.output_shape)
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        return grad.reshape(self._input_batch_shape)


@LAYERS.register("flatten")
class Flatten(_ShapeOnly):
    """Flattens each sample to one vector, e.g. an image (1, 28, 28) to 784 values, before dense layers."""

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        return (math.prod(input_shape),)


@LAYERS.register("reshape")
class Reshape(_ShapeOnly):
    """Gives each sample a new shape with the same number of values, e.g. 784 values to an image (1, 28, 28)."""

    PARAMS = (Param("target_shape", "ints", [-1], "Shape of one sample; one entry may be -1 (inferred).", low=-1,
                    typical="1, 28, 28"),)

    def _validate(self) -> None:
        shape = self.target_shape
        if not shape or 0 in shape or shape.count(-1) > 1:
            raise ConfigError(f"{self._owner_name()}: parameter 'target_shape' expected positive sizes with at most "
                              f"one -1, received {shape!r}.", layer=self._owner_name(), param="target_shape")

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        size = math.prod(input_shape)
        known = math.prod(d for d in self.target_shape if d != -1)
        target = tuple(self.target_shape)
        if -1 in target:
            if size % known:
                raise self._shape_error(f"cannot reshape an input of shape {tuple(input_shape)} ({size} values) into "
                                        f"{target}: {size} is not a multiple of {known}.")
            target = tuple(size // known if d == -1 else d for d in target)
        elif known != size:
            raise self._shape_error(f"cannot reshape an input of shape {tuple(input_shape)} ({size} values) into "
                                    f"{target} ({known} values).")
        return target
