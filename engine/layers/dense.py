"""The fully connected layer: y = f(x @ W + b)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.layers.activation import ACTIVATION_PARAM, resolve_activation
from engine.layers.base import Layer, Shape
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["Dense"]


@LAYERS.register("dense")
class Dense(Layer):
    """Fully connected layer: every output is a weighted sum of all inputs plus a bias, then an activation.

    The kernel is stored in×out so that a batch is one matrix product ``x @ W`` (PyTorch's ``nn.Linear`` stores
    its transpose). This is the hot path of training: the forward pass adds the bias in place, the backward pass
    writes the parameter gradients into preallocated arrays and skips dL/dx when nobody needs it (the first
    layer), and nothing is promoted to float64.
    """

    PARAMS = (
        Param("units", "int", 32, "Number of outputs (neurons).", low=1, typical="64"),
        ACTIVATION_PARAM,
        Param("use_bias", "bool", True, "Add a learned bias to every output."),
        Param("kernel_initializer", "component", "glorot_uniform", "How the weights start.",
              registry="initializers", typical="he_uniform for relu"),
        Param("bias_initializer", "component", "zeros", "How the biases start.", registry="initializers"),
        Param("kernel_regularizer", "component", None, "Penalty on the weights (e.g. l2).",
              registry="regularizers", optional=True),
        Param("bias_regularizer", "component", None, "Penalty on the biases.", registry="regularizers",
              optional=True),
    )
    has_activation = True
    category = "core"
    _x: np.ndarray | None = None
    _z: np.ndarray | None = None
    _y: np.ndarray | None = None

    def _validate(self) -> None:
        self._fn = resolve_activation(self.activation, self._owner_name())
        self._linear = self._fn.key == "linear"

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if len(input_shape) != 1:
            raise self._shape_error(f"expects a flat input of shape (features,), received {tuple(input_shape)} — "
                                    "add a flatten layer first.")
        return (self.units,)

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        fan_in = input_shape[0]
        self._kernel = self.add_parameter("kernel", (fan_in, self.units), self.kernel_initializer, rng,
                                          fan_in=fan_in, fan_out=self.units, regularizer=self.kernel_regularizer)
        self._bias = None
        if self.use_bias:
            self._bias = self.add_parameter("bias", (self.units,), self.bias_initializer, rng, fan_in=fan_in,
                                            fan_out=self.units, regularizer=self.bias_regularizer)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        kernel = self._kernel.value
        if x.ndim != 2 or x.shape[1] != kernel.shape[0]:
            raise self._shape_error(f"expects a batch of shape (batch, {kernel.shape[0]}), received "
                                    f"{tuple(x.shape)}.")
        if x.dtype != kernel.dtype:
            x = x.astype(kernel.dtype)
        z = x.dot(kernel)  # the BLAS call of np.matmul; the method skips np.dot's __array_function__ dispatch
        if self._bias is not None:
            z += self._bias.value
        y = z if self._linear or self.emit_logits else self._fn.forward(z)
        self._x, self._z, self._y = x, z, y
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray | None:
        kernel = self._kernel
        if grad.dtype != kernel.value.dtype:
            grad = grad.astype(kernel.value.dtype)
        if not (self._linear or self.emit_logits):
            grad = self._fn.backward(self._z, self._y, grad)
        if self.trainable:
            x_t = self._x.T
            try:
                x_t.dot(grad, out=kernel.grad)
            except ValueError:  # dot writes only into C-contiguous arrays
                np.matmul(x_t, grad, out=kernel.grad)
            if self._bias is not None:  # the column sums, as one BLAS product: a fraction of a reduction's overhead
                _ones(grad.shape[0], grad.dtype).dot(grad, out=self._bias.grad)
        if not self.needs_input_grad:
            return None
        return grad.dot(kernel.value.T)


@lru_cache(maxsize=32)
def _ones(n: int, dtype: np.dtype) -> np.ndarray:
    """A read-only vector of ``n`` ones: ``ones @ grad`` sums the rows of ``grad``."""
    ones = np.ones(n, dtype=dtype)
    ones.flags.writeable = False
    return ones
