"""The activation-function interface: value, derivative and vector-Jacobian product."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from engine.params import Configurable

__all__ = ["Activation"]


class Activation(Configurable):
    """An activation function f applied to a layer's pre-activation.

    Elementwise activations implement :meth:`forward` and :meth:`derivative` (f′(x), used by the activation
    explorer and by :meth:`backward`). Activations that mix a row (softmax, log_softmax) set
    ``elementwise = False`` and override :meth:`backward` with the vector-Jacobian product along ``axis=-1``.
    ``saturation`` describes where the function saturates, for the window to shade (a tuple of (lo, hi) x-ranges,
    ``None`` for unbounded ends).
    """

    elementwise: ClassVar[bool] = True
    #: x-ranges where |f′| is (close to) zero, e.g. ((None, -3.0), (3.0, None)) for tanh.
    saturation: ClassVar[tuple[tuple[float | None, float | None], ...]] = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        """f(x), same shape and dtype as ``x``."""
        raise NotImplementedError

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        """f′(x) elementwise; ``y = f(x)`` may be passed to save work."""
        raise NotImplementedError

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        """dL/dx given dL/dy = ``grad``, the input ``x`` and the output ``y`` of :meth:`forward`."""
        return grad * self.derivative(x, y)

    def forward_into(self, x: np.ndarray, out: np.ndarray) -> np.ndarray:
        """f(x) written into ``out`` (same shape and dtype as the float array ``x``, possibly a strided view) and
        returned: the training step writes a layer's output straight into the next layer's input buffer.
        Subclasses override it to compute in place instead of copying :meth:`forward`'s result."""
        out[...] = self.forward(x)
        return out

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)
