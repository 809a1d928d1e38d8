"""Central finite-difference gradient checks in float64.

Used by the tests for every registered layer, activation, loss and regularizer: the analytic gradient of each
component must match ``(f(x + h) - f(x - h)) / 2h`` element by element.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["GradcheckResult", "check_activation", "check_layer", "check_loss", "check_regularizer",
           "numerical_gradient"]


@dataclass
class GradcheckResult:
    """Worst relative error per checked array (``"input"`` or a parameter's name)."""

    errors: dict[str, float]
    tolerance: float

    @property
    def ok(self) -> bool:
        return all(e <= self.tolerance for e in self.errors.values())

    def __str__(self) -> str:
        worst = ", ".join(f"{k}: {v:.2e}" for k, v in self.errors.items())
        return f"gradient check {'passed' if self.ok else 'FAILED'} (tolerance {self.tolerance:.0e}): {worst}"


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """d f() / d x by central differences, perturbing ``x`` in place (it is restored)."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat = x.reshape(-1)
    gflat = grad.reshape(-1)
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + eps
        plus = f()
        flat[i] = original - eps
        minus = f()
        flat[i] = original
        gflat[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |a - n| / max(1, |a|, |n|) elementwise: relative for large values, absolute for small ones."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = np.asarray(numeric, dtype=np.float64)
    if analytic.shape != numeric.shape:
        raise ValueError(f"shapes differ: {analytic.shape} vs {numeric.shape}")
    if analytic.size == 0:
        return 0.0
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))


def check_layer(layer, x: np.ndarray, *, training: bool = True, seed: int = 0, eps: float = 1e-6,
                tolerance: float = 1e-6, before_forward: Callable[[], None] | None = None) -> GradcheckResult:
    """Check dL/dx and every trainable parameter's gradient of a built float64 layer.

    L = Σ y·g for a fixed random g, so dL/dy = g. ``before_forward`` runs before every forward pass (e.g. to
    reseed dropout so that every evaluation uses the same mask).
    """
    x = np.array(x, dtype=np.float64)
    upstream = np.random.default_rng(seed).standard_normal(layer.compute_output_shape(x.shape[1:]))
    upstream = np.broadcast_to(upstream, (x.shape[0], *upstream.shape)).copy()
    upstream *= np.random.default_rng(seed + 1).standard_normal(upstream.shape)

    def objective() -> float:
        if before_forward:
            before_forward()
        return float(np.sum(layer.forward(x, training=training) * upstream))

    if before_forward:
        before_forward()
    layer.forward(x, training=training)
    grad_x = layer.backward(upstream.copy())
    analytic = {"input": np.array(grad_x, copy=True)}
    analytic.update({p.name: np.array(p.grad, copy=True) for p in layer.trainable_parameters()})

    errors = {"input": relative_error(analytic["input"], numerical_gradient(objective, x, eps))}
    for p in layer.trainable_parameters():
        errors[p.name] = relative_error(analytic[p.name], numerical_gradient(objective, p.value, eps))
    return GradcheckResult(errors, tolerance)


def check_activation(activation, x: np.ndarray, *, seed: int = 0, eps: float = 1e-6,
                     tolerance: float = 1e-6) -> GradcheckResult:
    """Check ``backward`` (and ``derivative`` for elementwise activations) against finite differences."""
    x = np.array(x, dtype=np.float64)
    upstream = np.random.default_rng(seed).standard_normal(x.shape)
    numeric = numerical_gradient(lambda: float(np.sum(activation.forward(x) * upstream)), x, eps)
    y = activation.forward(x)
    errors = {"backward": relative_error(activation.backward(x, y, upstream), numeric)}
    if activation.elementwise:
        numeric_d = numerical_gradient(lambda: float(np.sum(activation.forward(x))), x, eps)
        errors["derivative"] = relative_error(activation.derivative(x, y), numeric_d)
    return GradcheckResult(errors, tolerance)


def check_loss(loss, y_pred: np.ndarray, y_true: np.ndarray, sample_weight: np.ndarray | None = None, *,
               eps: float = 1e-6, tolerance: float = 1e-6) -> GradcheckResult:
    """Check dL/dy_pred of a loss."""
    y_pred = np.array(y_pred, dtype=np.float64)
    loss.forward(y_pred, y_true, sample_weight)
    analytic = loss.backward()
    numeric = numerical_gradient(lambda: float(loss.forward(y_pred, y_true, sample_weight)), y_pred, eps)
    return GradcheckResult({"y_pred": relative_error(analytic, numeric)}, tolerance)


def check_regularizer(regularizer, w: np.ndarray, *, eps: float = 1e-6, tolerance: float = 1e-6) -> GradcheckResult:
    """Check a regularizer's ``gradient`` against its ``penalty``."""
    w = np.array(w, dtype=np.float64)
    numeric = numerical_gradient(lambda: float(regularizer.penalty(w)), w, eps)
    return GradcheckResult({"w": relative_error(regularizer.gradient(w), numeric)}, tolerance)
