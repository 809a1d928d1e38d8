"""Binary cross-entropies: one independent yes/no target per output (binary and multi-label classification).

Targets are in [0, 1] (0/1 labels or soft labels). Terms are elementwise and averaged over the outputs of a
sample, as in Keras; PyTorch's ``reduction="mean"`` (mean over all elements) is the same without sample weights.
"""

from __future__ import annotations

import numpy as np

from engine.activations.classic import sigmoid
from engine.errors import ShapeError
from engine.losses.base import REDUCTION
from engine.losses.pointwise import EPSILON, FROM_LOGITS, LABEL_SMOOTHING, PointwiseLoss, softplus
from engine.params import Param
from engine.registry import LOSSES

__all__ = ["BCEWithLogits", "BinaryCrossentropy"]


def _logit_terms(z: np.ndarray, y: np.ndarray, pos_weight: np.ndarray | None) -> np.ndarray:
    """-[w·y·log σ(z) + (1 - y)·log(1 - σ(z))] with log σ(z) = -softplus(-z): finite for any z."""
    if pos_weight is None:
        terms = softplus(z)
        terms -= y * z
        return terms
    return pos_weight * y * softplus(-z) + (1 - y) * softplus(z)


def _logit_gradient(z: np.ndarray, y: np.ndarray, pos_weight: np.ndarray | None) -> np.ndarray:
    if pos_weight is None:
        grad = sigmoid(z)
        grad -= y
        return grad
    return (1 - y) * sigmoid(z) - pos_weight * y * sigmoid(-z)


class _BinaryTargets(PointwiseLoss):
    """Targets must be numbers in [0, 1]."""

    target = "binary"

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = self._float_targets(y_true, y_pred.dtype)
        bad = (y < 0) | (y > 1)
        if bad.any():
            raise self._target_error(y, bad, "in [0, 1]")
        return y


@LOSSES.register("binary_crossentropy", aliases=("bce",), task="binary")
class BinaryCrossentropy(_BinaryTargets):
    """Binary cross-entropy: -[y·log p + (1 - y)·log(1 - p)] per output, for sigmoid outputs.

    Keras semantics: probabilities are clipped to [1e-7, 1 - 1e-7] (the gradient is zero where clipping acts);
    label smoothing s replaces y by y·(1 - s) + s/2. With ``from_logits`` the predictions are logits and the loss
    is the stable softplus(z) - y·z with gradient σ(z) - y (PyTorch's binary_cross_entropy_with_logits).
    """

    logits_of = "sigmoid"
    PARAMS = (FROM_LOGITS, LABEL_SMOOTHING, REDUCTION)

    @property
    def finite_for_finite_predictions(self) -> bool:
        return bool(self.from_logits)

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = super()._prepare_targets(y_pred, y_true)
        if self.label_smoothing:
            y = y * (1 - self.label_smoothing) + 0.5 * self.label_smoothing
        return y

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if self.from_logits:
            return _logit_terms(y_pred, y_true, None)
        p = np.clip(y_pred, EPSILON, 1 - EPSILON)
        return -(y_true * np.log(p) + (1 - y_true) * np.log1p(-p))

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if self.from_logits:
            return _logit_gradient(y_pred, y_true, None)
        p = np.clip(y_pred, EPSILON, 1 - EPSILON)
        return np.where(p == y_pred, (p - y_true) / (p * (1 - p)), 0)


@LOSSES.register("bce_with_logits", task="binary")
class BCEWithLogits(_BinaryTargets):
    """Binary cross-entropy on logits (linear output), stable for any logit; optional weight of positive targets.

    Term: -[w·y·log σ(z) + (1 - y)·log(1 - σ(z))] as in torch.nn.functional.binary_cross_entropy_with_logits;
    ``pos_weight`` w (one value, or one per output along the last axis) > 1 counts positives more, e.g.
    negatives/positives for a rare class. Probabilities are σ(model output).
    """

    PARAMS = (
        Param("pos_weight", "floats", None, "Weight of positive targets: one value or one per output.", low=0.0,
              low_open=True, optional=True, typical="negatives / positives"),
        REDUCTION,
    )

    finite_for_finite_predictions = True

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if self.pos_weight is not None:
            outputs = y_pred.shape[-1] if y_pred.ndim > 1 else 1
            if len(self.pos_weight) not in (1, outputs):
                raise ShapeError(f"{self._owner_name()}: pos_weight of length 1 or {outputs} (the number of outputs) "
                                 f"expected, received length {len(self.pos_weight)}.", param="pos_weight")
        return super()._prepare_targets(y_pred, y_true)

    def _weights_for(self, y_pred: np.ndarray) -> np.ndarray | None:
        return None if self.pos_weight is None else np.asarray(self.pos_weight, dtype=y_pred.dtype)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return _logit_terms(y_pred, y_true, self._weights_for(y_pred))

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        return _logit_gradient(y_pred, y_true, self._weights_for(y_pred))
