"""Smooth rectifier-like activations: gelu, silu (swish), mish and softplus.

Formulas and derivatives follow PyTorch's kernels; arguments of exp/tanh are clamped where the function has
already reached its limit in float64, so huge inputs neither overflow nor warn and results are unchanged.
"""

from __future__ import annotations

import numpy as np

from engine.activations.base import Activation
from engine.activations.classic import as_float, sigmoid
from engine.activations.special import ndtr
from engine.params import Param
from engine.registry import ACTIVATIONS

__all__ = ["GELU", "Mish", "SiLU", "Softplus", "softplus"]

_INV_SQRT_2PI = 0.39894228040143267794
_SQRT_2_OVER_PI = 0.79788456080286535588
_KAPPA = 0.044715


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x) as max(x, 0) + log1p(e^−|x|): exact for large |x|, never overflows."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


@ACTIVATIONS.register("gelu", category="smooth")
class GELU(Activation):
    """Gaussian error linear unit x·Φ(x), the default of transformers; ``tanh`` selects the fast approximation.

    The exact form uses Cody's erfc (engine.activations.special), so Φ stays accurate in the far negative tail.
    """

    PARAMS = (Param("approximate", "choice", "none", "Exact form with the normal CDF, or the tanh approximation.",
                    choices=("none", "tanh")),)
    saturation = ((None, -3.5),)
    approximate: str

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        if self.approximate == "tanh":
            return (0.5 * x) * (1.0 + self._tanh_inner(x))
        return x * ndtr(x)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        if self.approximate == "tanh":
            t = self._tanh_inner(x)
            xc = np.clip(x, -10.0, 10.0)
            inner_slope = _SQRT_2_OVER_PI * (1.0 + 3.0 * _KAPPA * (xc * xc))
            return 0.5 * (1.0 + t) + (0.5 * x) * (1.0 - t * t) * inner_slope
        if y is None:
            cdf = ndtr(x)
        else:  # Φ(x) = y / x to a few ulps, saving a second erfc; below 4·tiny, y would be subnormal and Φ is ½
            cdf = np.divide(y, x, out=np.full_like(x, 0.5), where=np.abs(x) >= 4 * float(np.finfo(x.dtype).tiny))
        xc = np.clip(x, -40.0, 40.0)  # φ(±40) underflows to 0 in float64, and x² stays finite
        return cdf + x * (np.exp(-0.5 * (xc * xc)) * _INV_SQRT_2PI)

    @staticmethod
    def _tanh_inner(x: np.ndarray) -> np.ndarray:
        # Beyond |x| = 10 the tanh argument exceeds 43, where tanh is exactly ±1 in float64; clamping keeps x³ finite.
        xc = np.clip(x, -10.0, 10.0)
        return np.tanh(_SQRT_2_OVER_PI * (xc + _KAPPA * (xc * xc * xc)))


@ACTIVATIONS.register("silu", aliases=("swish",), category="smooth")
class SiLU(Activation):
    """Sigmoid-weighted linear unit x·σ(x) (swish): smooth, slightly non-monotonic, good in deep networks."""

    saturation = ((None, -7.0),)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        return x * sigmoid(x)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        s = sigmoid(x)
        return s * (1.0 + x * (1.0 - s))


@ACTIVATIONS.register("mish", category="smooth")
class Mish(Activation):
    """Mish x·tanh(softplus(x)): a smooth, self-regularising alternative to relu and swish."""

    saturation = ((None, -7.0),)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        return x * np.tanh(softplus(x))

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        t = np.tanh(softplus(x))
        return t + x * sigmoid(x) * (1.0 - t * t)


@ACTIVATIONS.register("softplus", category="smooth")
class Softplus(Activation):
    """Softplus log(1 + e^(beta·x)) / beta, a smooth relu; linear where beta·x exceeds ``threshold`` (PyTorch)."""

    PARAMS = (
        Param("beta", "float", 1.0, "Sharpness: larger values approach relu.", low=0.0, low_open=True,
              typical="1.0"),
        Param("threshold", "float", 20.0, "Above this value of beta·x the output is x itself (for stability).",
              low=0.0, low_open=True, typical="20"),
    )
    saturation = ((None, -5.0),)
    beta: float
    threshold: float

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = as_float(x)
        bx = x * self.beta
        smooth = np.log1p(np.exp(np.minimum(bx, self.threshold))) / self.beta
        return np.where(bx > self.threshold, x, smooth)

    def derivative(self, x: np.ndarray, y: np.ndarray | None = None) -> np.ndarray:
        x = as_float(x)
        bx = x * self.beta
        z = np.exp(np.minimum(bx, self.threshold))
        return np.where(bx > self.threshold, 1.0, z / (z + 1.0))
