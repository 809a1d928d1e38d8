"""Output activations that mix a row: softmax and log_softmax along the last axis.

Both subtract the row maximum first, so logits of any size give finite results. Their ``backward`` is the
vector-Jacobian product (never the full Jacobian); ``derivative`` gives the Jacobian's diagonal ∂y_i/∂x_i, which
is what the activation explorer draws.
"""

from __future__ import annotations

import numpy as np

from engine.activations.base import Activation
from engine.activations.classic import as_float
from engine.registry import ACTIVATIONS

__all__ = ["LogSoftmax", "Softmax"]


def _shifted(x: np.ndarray) -> np.ndarray:
    x = as_float(x)
    return x - np.max(x, axis=-1, keepdims=True)


@ACTIVATIONS.register("softmax", category="output")
class Softmax(Activation):
    """Softmax e^x_i / Σ_j e^x_j over the last axis: turns scores into class probabilities that sum to 1."""

    elementwise = False

    def forward(self, x: np.ndarray) -> np.ndarray:
        e = np.exp(_shifted(x))
        e /= np.sum(e, axis=-1, keepdims=True)
        return e

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        y = self.forward(x) if y is None else y
        return y * (1.0 - y)

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        # J = diag(y) − y yᵀ, so gᵀJ = y ⊙ (g − ⟨g, y⟩).
        return y * (grad - np.sum(grad * y, axis=-1, keepdims=True))


@ACTIVATIONS.register("log_softmax", category="output")
class LogSoftmax(Activation):
    """Log of softmax, x_i − log Σ_j e^x_j over the last axis: stable log-probabilities for a likelihood loss."""

    elementwise = False

    def forward(self, x: np.ndarray) -> np.ndarray:
        z = _shifted(x)
        z -= np.log(np.sum(np.exp(z), axis=-1, keepdims=True))
        return z

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        y = self.forward(x) if y is None else y
        return 1.0 - np.exp(y)

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        # J = I − 1 softmaxᵀ, so gᵀJ = g − softmax · Σ g.
        return grad - np.exp(y) * np.sum(grad, axis=-1, keepdims=True)
