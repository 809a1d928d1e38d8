"""Inverted dropout: zero random units while training, nothing at inference."""

from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Layer
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["Dropout"]


@LAYERS.register("dropout")
class Dropout(Layer):
    """Randomly zeroes a fraction of the values while training, so that units cannot rely on each other.

    The kept values are scaled by 1/(1 − rate) at training time, so the expected output equals the input and
    the layer is the identity at inference. Masks come from the runtime random stream the trainer hands over
    with :meth:`set_runtime_rng`, so the same seed drops the same units.
    """

    PARAMS = (Param("rate", "float", 0.5, "Fraction of values set to zero while training.", low=0.0, high=1.0,
                    typical="0.2–0.5"),)
    has_training_mode = True
    category = "regularization"
    _mask: np.ndarray | None = None
    _rng: np.random.Generator | None = None

    def _validate(self) -> None:
        if self.rate >= 1.0:
            raise ConfigError(f"{self._owner_name()}: parameter 'rate' expected a number in [0, 1), received "
                              f"{self.rate!r}; a rate of 1 would drop every value and nothing could be learned.",
                              layer=self._owner_name(), param="rate")

    def set_runtime_rng(self, rng: np.random.Generator) -> None:
        self._rng = rng

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not training or self.rate == 0.0:
            self._mask = None
            y = x
        else:
            if self._rng is None:  # used outside a trainer: an unseeded stream
                self._rng = np.random.default_rng()
            dtype = x.dtype if x.dtype in (np.float32, np.float64) else self.dtype
            mask = (self._rng.random(x.shape, dtype=dtype) >= self.rate).astype(dtype)
            mask *= dtype.type(1.0 / (1.0 - self.rate))
            self._mask = mask
            y = x * mask
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        return grad if self._mask is None else grad * self._mask
