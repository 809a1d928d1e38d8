"""The classic bounded activations: step, linear, sigmoid, hard sigmoid, tanh and softsign.

All keep the input's dtype (float32 stays float32: constants are Python floats, which NumPy never lets upcast
an array, or 0-d arrays of the input's dtype). Non-float input is computed in float64.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.activations.base import Activation
from engine.registry import ACTIVATIONS

__all__ = ["HardSigmoid", "Linear", "Sigmoid", "Softsign", "Step", "Tanh", "as_float", "sigmoid"]


def as_float(x: np.ndarray) -> np.ndarray:
    """``x`` as a floating-point array, without a copy when it already is one."""
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−x) computed as ½·tanh(x/2) + ½: one transcendental function, no overflow for any input.

    The error is at most about one unit in the last place of ½ (3e-8 in float32, 6e-17 in float64) — the
    resolution a float32 probability has near 1 anyway — so tiny probabilities (below ~1e-6 in float32) are
    correct in absolute, not in relative terms; inputs below about −17 (float32) or −37 (float64) give exactly 0,
    as those above 17 or 37 give exactly 1.
    """
    x = as_float(x)
    if x.ndim:
        return _sigmoid_into(x, np.empty_like(x))
    half = _HALF[x.dtype]
    return np.tanh(x * half) * half + half


def _sigmoid_into(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """:func:`sigmoid` of the float array ``x`` written into ``out`` (which may be ``x``)."""
    half = _HALF[x.dtype]
    np.multiply(x, half, out=out)
    np.tanh(out, out=out)
    np.multiply(out, half, out=out)
    return np.add(out, half, out=out)


class _Constant(dict):
    """``value`` as a read-only 0-d array per dtype, made on first use: ``_HALF[x.dtype]``.

    An array operation with it rounds exactly as with the Python number, which NumPy would otherwise convert on
    every call — as costly as the operation itself on a small array.
    """

    def __init__(self, value: float) -> None:
        super().__init__()
        self.value = value

    def __missing__(self, dtype: Any) -> np.ndarray:
        constant = np.full((), self.value, dtype=dtype)
        constant.flags.writeable = False
        self[dtype] = constant
        return constant


_HALF, _ONE = _Constant(0.5), _Constant(1.0)


def _times(grad: np.ndarray, derivative: np.ndarray) -> np.ndarray:
    """grad · derivative, written over ``derivative`` (a temporary) when the result fits in it."""
    fits = derivative.ndim and grad.shape == derivative.shape and grad.dtype == derivative.dtype
    return np.multiply(grad, derivative, out=derivative if fits else None)


@ACTIVATIONS.register("step", category="classic")
class Step(Activation):
    """Heaviside step: 1 where x ≥ 0, else 0 — the original perceptron's output.

    Its derivative is 0 everywhere (and undefined at 0), so back-propagation passes no gradient through it and a
    network of step units cannot be trained by gradient descent. That is why the perceptron learning rule exists:
    it updates the weights directly from the error, w ← w + η·(target − output)·x, with no derivative at all.
    ``derivative`` returns those zeros honestly.
    """

    saturation = ((None, None),)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        return (x >= 0).astype(x.dtype)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        return np.zeros_like(as_float(x))


@ACTIVATIONS.register("linear", aliases=("identity",), category="classic")
class Linear(Activation):
    """Identity f(x) = x: no activation, e.g. for a regression output."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        return as_float(x)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        return np.ones_like(as_float(x))

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        return grad


@ACTIVATIONS.register("sigmoid", aliases=("logistic",), category="classic")
class Sigmoid(Activation):
    """Logistic sigmoid 1 / (1 + e^−x): squashes to (0, 1), e.g. a probability for binary classification."""

    saturation = ((None, -5.0), (5.0, None))

    def forward(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(x)

    def forward_into(self, x: np.ndarray, out: np.ndarray) -> np.ndarray:
        return _sigmoid_into(x, out)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        y = self.forward(x) if y is None else y
        return y * (1.0 - y)

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        d = np.subtract(_ONE[y.dtype], y) if y.dtype.kind == "f" else 1.0 - y
        d *= y  # y·(1 − y)
        return _times(grad, d)


@ACTIVATIONS.register("hard_sigmoid", category="classic")
class HardSigmoid(Activation):
    """Piecewise-linear sigmoid relu6(x + 3) / 6, as PyTorch's ``hardsigmoid``: cheap, exactly 0 or 1 outside ±3.

    Its derivative is 1/6 strictly inside (−3, 3) and 0 elsewhere, including at the kinks (PyTorch's convention).
    """

    saturation = ((None, -3.0), (3.0, None))

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        return np.clip(x + 3.0, 0.0, 6.0) / 6.0

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        inside = (x > -3.0) & (x < 3.0)
        return inside.astype(x.dtype) / 6.0


@ACTIVATIONS.register("tanh", category="classic")
class Tanh(Activation):
    """Hyperbolic tangent: squashes to (−1, 1), zero-centred, so hidden layers learn faster than with sigmoid."""

    saturation = ((None, -3.0), (3.0, None))

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(as_float(x))

    def forward_into(self, x: np.ndarray, out: np.ndarray) -> np.ndarray:
        return np.tanh(x, out=out)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        y = self.forward(x) if y is None else y
        return 1.0 - y * y

    def backward(self, x: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
        d = np.multiply(y, y)
        if d.ndim and d.dtype.kind == "f":
            np.subtract(_ONE[d.dtype], d, out=d)  # 1 − y²
        else:
            d = 1.0 - d
        return _times(grad, d)


@ACTIVATIONS.register("softsign", category="classic")
class Softsign(Activation):
    """Softsign x / (1 + |x|): like tanh, but approaches ±1 polynomially, so it saturates more slowly."""

    saturation = ((None, -10.0), (10.0, None))

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        return x / (1.0 + np.abs(x))

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        r = 1.0 / (1.0 + np.abs(x))
        return r * r
