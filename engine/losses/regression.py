"""Regression losses on the error x = y_pred - y_true, each term elementwise and averaged over outputs.

Per-sample losses are the mean over a sample's outputs (Keras: ``mean(..., axis=-1)``); ``mean`` reduction
divides the weighted sum over samples by the batch size. Without sample weights this equals PyTorch's
``reduction="mean"`` (the mean over all elements).
"""

from __future__ import annotations

import math

import numpy as np

from engine.errors import ConfigError
from engine.losses.base import REDUCTION
from engine.losses.pointwise import PointwiseLoss, softplus
from engine.params import Param
from engine.registry import LOSSES

__all__ = ["MAE", "MSE", "BalancedL1", "Huber", "LogCosh", "SmoothL1"]

_LOG2 = math.log(2.0)


@LOSSES.register("mse", aliases=("mean_squared_error",), task="regression")
class MSE(PointwiseLoss):
    """Mean squared error: mean of (y_pred - y_true)²; punishes large errors strongly."""

    PARAMS = (REDUCTION,)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.square(y_pred - y_true)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        diff = y_pred - y_true
        diff *= 2
        return diff


@LOSSES.register("mae", aliases=("mean_absolute_error", "l1"), task="regression")
class MAE(PointwiseLoss):
    """Mean absolute error: mean of |y_pred - y_true|; robust to outliers (gradient sign(x), 0 at x = 0)."""

    PARAMS = (REDUCTION,)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.abs(y_pred - y_true)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.sign(y_pred - y_true)


@LOSSES.register("huber", task="regression")
class Huber(PointwiseLoss):
    """Huber loss: ½x² for |x| ≤ delta, delta·(|x| - ½delta) beyond (Keras and torch.nn.functional.huber_loss)."""

    PARAMS = (
        Param("delta", "float", 1.0, "Error size where the loss turns from quadratic to linear.", low=0.0,
              low_open=True, typical="1.0"),
        REDUCTION,
    )

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        ax = np.abs(y_pred - y_true)
        return np.where(ax <= self.delta, 0.5 * np.square(ax), self.delta * (ax - 0.5 * self.delta))

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.clip(y_pred - y_true, -self.delta, self.delta)


@LOSSES.register("smooth_l1", task="regression")
class SmoothL1(PointwiseLoss):
    """Smooth L1: ½x²/beta for |x| < beta, |x| - ½beta beyond (torch.nn.functional.smooth_l1_loss); beta 0 = L1."""

    PARAMS = (
        Param("beta", "float", 1.0, "Error size where the loss turns from quadratic to linear (0 gives L1).",
              low=0.0, typical="1.0"),
        REDUCTION,
    )

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        ax = np.abs(y_pred - y_true)
        if self.beta == 0:
            return ax
        return np.where(ax < self.beta, (0.5 / self.beta) * np.square(ax), ax - 0.5 * self.beta)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        diff = y_pred - y_true
        if self.beta == 0:
            return np.sign(diff)
        diff *= 1.0 / self.beta
        return np.clip(diff, -1, 1, out=diff)


@LOSSES.register("balanced_l1", task="regression")
class BalancedL1(PointwiseLoss):
    """Balanced L1 (Libra R-CNN): raises the gradient of small errors; formula of mmdetection's balanced_l1_loss.

    With b = e^(gamma/alpha) - 1 and d = |x|: alpha/b·(b·d + 1)·ln(b·d/beta + 1) - alpha·d for d < beta,
    gamma·d + gamma/b - alpha·beta otherwise (continuous at d = beta).
    """

    PARAMS = (
        Param("alpha", "float", 0.5, "Gradient boost for small errors (smaller alpha, larger boost).", low=0.0,
              low_open=True, typical="0.5"),
        Param("gamma", "float", 1.5, "Gradient size of large errors (the upper bound of the gradient).", low=0.0,
              low_open=True, typical="1.5"),
        Param("beta", "float", 1.0, "Error size where the loss turns linear.", low=0.0, low_open=True,
              typical="1.0"),
        REDUCTION,
    )

    def _validate(self) -> None:
        if self.gamma / self.alpha > 700:
            raise ConfigError(f"{self._owner_name()}: parameter 'gamma' expected gamma/alpha ≤ 700 (e^(gamma/alpha) "
                              f"must be finite), received gamma={self.gamma}, alpha={self.alpha}.", param="gamma")

    @property
    def _b(self) -> float:
        return math.exp(self.gamma / self.alpha) - 1.0

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        d = np.abs(y_pred - y_true)
        b, alpha, beta = self._b, self.alpha, self.beta
        inner = (alpha / b) * (b * d + 1) * np.log1p((b / beta) * d) - alpha * d
        outer = self.gamma * d + (self.gamma / b - alpha * beta)
        return np.where(d < beta, inner, outer)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        diff = y_pred - y_true
        d = np.abs(diff)
        b, alpha, beta = self._b, self.alpha, self.beta
        inner = alpha * (np.log1p((b / beta) * d) + (b * d + 1) / (b * d + beta) - 1)
        return np.where(d < beta, inner, self.gamma) * np.sign(diff)


@LOSSES.register("log_cosh", task="regression")
class LogCosh(PointwiseLoss):
    """Log-cosh: log(cosh(x)), ≈ ½x² for small errors and |x| - log 2 for large ones; gradient tanh(x).

    Computed as x + softplus(-2x) - log 2, which stays finite for any |x| (cosh overflows near |x| ≈ 710).
    """

    PARAMS = (REDUCTION,)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        x = y_pred - y_true
        out = softplus(-2 * x)
        out += x
        out -= _LOG2
        return out

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.tanh(y_pred - y_true)
