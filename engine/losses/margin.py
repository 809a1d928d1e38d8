"""Margin losses for binary classification with a linear output: hinge and squared hinge (SVM-style).

Targets are -1/1. As in Keras, a batch whose targets are all 0 or 1 is converted by y ↦ 2y - 1; mixing 0 and -1
is refused because it is ambiguous. Terms are elementwise and averaged over the outputs of a sample.
"""

from __future__ import annotations

import numpy as np

from engine.losses.base import REDUCTION
from engine.losses.pointwise import PointwiseLoss
from engine.registry import LOSSES

__all__ = ["Hinge", "SquaredHinge"]


class _MarginLoss(PointwiseLoss):
    """Targets in {-1, 1}, or in {0, 1} (converted to -1/1)."""

    target = "binary"
    PARAMS = (REDUCTION,)

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = self._float_targets(y_true, y_pred.dtype)
        zero, neg = y == 0, y == -1
        bad = ~(zero | neg | (y == 1))
        if bad.any():
            raise self._target_error(y, bad, "in {-1, 1} (or {0, 1})")
        if zero.any():
            if neg.any():
                raise self._target_error(y, neg, "of one convention, {-1, 1} or {0, 1} (this batch mixes 0 and -1)")
            return 2 * y - 1
        return y


@LOSSES.register("hinge", task="binary")
class Hinge(_MarginLoss):
    """Hinge loss max(0, 1 - y·ŷ) for targets y in {-1, 1}: zero once a prediction is right by a margin of 1."""

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.maximum(1 - y_true * y_pred, 0)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.where(y_true * y_pred < 1, -y_true, 0)


@LOSSES.register("squared_hinge", task="binary")
class SquaredHinge(_MarginLoss):
    """Squared hinge max(0, 1 - y·ŷ)² for targets y in {-1, 1}: a smooth hinge that punishes large violations more."""

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return np.square(np.maximum(1 - y_true * y_pred, 0))

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        grad = np.maximum(1 - y_true * y_pred, 0)
        grad *= -2 * y_true
        return grad
