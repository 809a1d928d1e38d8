"""Batch normalisation and layer normalisation, with PyTorch's conventions."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Layer, Shape
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["BatchNorm", "LayerNorm"]

_EPS = Param("eps", "float", 1e-5, "Added to the variance so that it is never divided by zero.", low=0.0,
             low_open=True, typical="1e-5")
_CENTER = Param("center", "bool", True, "Learn an offset (beta) added after normalising.")
_SCALE = Param("scale", "bool", True, "Learn a factor (gamma) applied after normalising.")


class _Normalization(Layer):
    """Shared parts: the learned affine map y = gamma·x̂ + beta over a vector of ``features`` values."""

    category = "normalization"
    _xhat: np.ndarray | None = None
    _inv_std: np.ndarray | None = None

    def _create_affine(self, features: int, rng: np.random.Generator) -> None:
        self._gamma = self._beta = None
        if self.scale:
            self._gamma = self.add_parameter("gamma", (features,), "ones", rng)
        if self.center:
            self._beta = self.add_parameter("beta", (features,), "zeros", rng)

    def _affine(self, xhat: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        y = xhat * self._gamma.value.reshape(shape) if self._gamma is not None else xhat.copy()
        if self._beta is not None:
            y += self._beta.value.reshape(shape)
        return y

    def _affine_backward(self, grad: np.ndarray, axes: tuple[int, ...], shape: tuple[int, ...]) -> np.ndarray:
        """Write gamma/beta gradients; return dL/dx̂."""
        if self.trainable:
            if self._gamma is not None:
                np.sum(grad * self._xhat, axis=axes, out=self._gamma.grad)
            if self._beta is not None:
                np.sum(grad, axis=axes, out=self._beta.grad)
        return grad * self._gamma.value.reshape(shape) if self._gamma is not None else grad

    def _cast(self, x: np.ndarray) -> np.ndarray:
        return x if x.dtype == self.dtype else x.astype(self.dtype)


@LAYERS.register("batch_norm")
class BatchNorm(_Normalization):
    """Normalises each feature or channel over the batch, then scales and shifts it; steadies training.

    A sample of shape (features,) or (channels, …) is normalised per entry of its first axis over the batch and
    the remaining axes (``nn.BatchNorm1d``/``2d``). While training it uses the batch statistics and updates the
    running ones: running = (1 − momentum)·running + momentum·batch, with the unbiased batch variance. At
    inference it uses the running statistics.
    """

    PARAMS = (
        Param("momentum", "float", 0.1, "Weight of the current batch in the running statistics (PyTorch style).",
              low=0.0, high=1.0, typical="0.1"),
        _EPS,
        _CENTER,
        _SCALE,
    )
    has_training_mode = True
    _trained_last = False

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if len(input_shape) == 0:
            raise self._shape_error("expects samples with a feature or channel axis, received a scalar per sample.")
        return tuple(input_shape)

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        channels = input_shape[0]
        self._create_affine(channels, rng)
        self._running_mean = self.add_buffer("running_mean", np.zeros(channels))
        self._running_var = self.add_buffer("running_var", np.ones(channels))
        self._shape = (channels,) + (1,) * (len(input_shape) - 1)
        self._axes = (0, *range(2, len(input_shape) + 1))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = self._cast(x)
        if x.ndim != len(self._axes) + 1 or x.shape[1] != self._shape[0]:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        shape, axes = self._shape, self._axes
        if training:
            count = x.size // x.shape[1]
            if count < 2:
                raise self._shape_error(f"needs more than one value per channel while training, received a batch "
                                        f"of shape {tuple(x.shape)}.")
            mean = x.mean(axis=axes)
            centered = x - mean.reshape(shape)
            var = np.mean(np.square(centered), axis=axes)
            momentum = self.momentum
            self._running_mean.value *= 1 - momentum
            self._running_mean.value += momentum * mean
            self._running_var.value *= 1 - momentum
            self._running_var.value += (momentum * count / (count - 1)) * var
        else:
            centered = x - self._running_mean.value.reshape(shape)
            var = self._running_var.value
        inv_std = 1 / np.sqrt(var + self.eps)
        xhat = centered
        xhat *= inv_std.reshape(shape)
        self._xhat, self._inv_std, self._trained_last = xhat, inv_std, training
        y = self._affine(xhat, shape)
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        grad = self._cast(grad)
        shape, axes = self._shape, self._axes
        g = self._affine_backward(grad, axes, shape)
        inv_std = self._inv_std.reshape(shape)
        if not self._trained_last:  # running statistics are constants
            return g * inv_std
        xhat = self._xhat
        dx = g - g.mean(axis=axes).reshape(shape)
        dx -= xhat * np.mean(g * xhat, axis=axes).reshape(shape)
        dx *= inv_std
        return dx


@LAYERS.register("layer_norm")
class LayerNorm(_Normalization):
    """Normalises each sample over its last axis, then scales and shifts it elementwise.

    Like PyTorch's ``nn.LayerNorm(normalized_shape=last dim)``. Unlike batch normalisation it does not depend on
    the batch, so training and inference behave the same.
    """

    PARAMS = (_EPS, _CENTER, _SCALE)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if len(input_shape) == 0:
            raise self._shape_error("expects samples with at least one axis, received a scalar per sample.")
        return tuple(input_shape)

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        self._create_affine(input_shape[-1], rng)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = self._cast(x)
        if x.shape[1:] != self.input_shape:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        xhat = x - x.mean(axis=-1, keepdims=True)
        var = np.mean(np.square(xhat), axis=-1, keepdims=True)
        inv_std = 1 / np.sqrt(var + self.eps)
        xhat *= inv_std
        self._xhat, self._inv_std = xhat, inv_std
        y = self._affine(xhat, (-1,))
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        grad = self._cast(grad)
        g = self._affine_backward(grad, tuple(range(grad.ndim - 1)), (-1,))
        xhat = self._xhat
        dx = g - g.mean(axis=-1, keepdims=True)
        dx -= xhat * np.mean(g * xhat, axis=-1, keepdims=True)
        dx *= self._inv_std
        return dx
