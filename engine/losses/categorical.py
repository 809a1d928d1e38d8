"""Losses between class distributions along the last axis: categorical cross-entropy (one-hot or integer
targets) and Kullback-Leibler divergence.

Each term sums over the classes of one sample (last axis); any axes between the batch and the classes (e.g. time
steps) are averaged, as in Keras. Label smoothing s (Keras and PyTorch agree) replaces y by y·(1 - s) + s/C.
"""

from __future__ import annotations

import numpy as np

from engine.errors import DataError, ShapeError
from engine.losses.base import REDUCTION
from engine.losses.pointwise import (
    EPSILON,
    FROM_LOGITS,
    LABEL_SMOOTHING,
    PointwiseLoss,
    first_bad,
    ones,
    sum_of_products,
)
from engine.registry import LOSSES

__all__ = ["CategoricalCrossentropy", "KLDivergence", "SparseCategoricalCrossentropy"]

#: How far a target row's sum may be from 1 (float32 rounding of many classes).
_SUM_TOLERANCE = 1e-3


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """z - max - log Σ exp(z - max) along the last axis (np.max's reduction called directly; for a batch of rows the
    sums are one product with a column of ones, through the ``dot`` method, which skips np.dot's dispatch)."""
    shifted = z - np.maximum.reduce(z, axis=-1, keepdims=True)
    exp = np.exp(shifted)
    sums = exp.dot(ones((z.shape[1], 1), z.dtype)) if z.ndim == 2 else np.add.reduce(exp, axis=-1, keepdims=True)
    shifted -= np.log(sums, out=sums)
    return shifted


class _Distributions(PointwiseLoss):
    """Targets are class distributions along the last axis: values in [0, 1], rows summing to 1."""

    target = "onehot"
    class_axis = True

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = self._float_targets(y_true, y_pred.dtype)
        bad = (y < 0) | (y > 1)
        if bad.any():
            raise self._target_error(y, bad, "that are class probabilities in [0, 1]")
        sums = np.sum(y, axis=-1, dtype=np.float64)
        off = np.abs(sums - 1) > _SUM_TOLERANCE
        if off.any():
            row, _ = first_bad(off)
            raise DataError(f"{self._owner_name()}: target rows summing to 1 (one-hot or class probabilities) "
                            f"expected, received a row summing to {sums[off][0]:.6g} in row {row}.", row=row,
                            param="y_true")
        return y


class _SoftmaxCrossEntropy(PointwiseLoss):
    """-Σ y·log p over the last axis, on probabilities (Keras: renormalised, clipped) or fused with softmax.

    On logits, ``backward`` reuses the log-softmax that ``forward`` computed for the same predictions array, so a
    training step computes it once.
    """

    logits_of = "softmax"
    class_axis = True
    #: (logits, their log-softmax) of the last forward call on logits.
    _log_probs: tuple[np.ndarray, np.ndarray] | None = None

    def _log_softmax(self, y_pred: np.ndarray, *, reuse: bool = False) -> np.ndarray:
        """log_softmax(y_pred); with ``reuse`` (backward), the one forward computed for this same array, taken out
        of the cache: a caller that writes the next predictions into the same array (the training step's output
        buffer) must not get this step's values back."""
        cached = self._log_probs
        if reuse:
            self._log_probs = None
            return cached[1] if cached is not None and cached[0] is y_pred else _log_softmax(y_pred)
        log_probs = _log_softmax(y_pred)
        self._log_probs = (y_pred, log_probs)
        return log_probs

    @property
    def finite_for_finite_predictions(self) -> bool:
        """On logits whose squares sum to a finite number, log_softmax(z) = z − max − log Σ exp(z − max) is finite
        (no two logits are far enough apart for z − max to overflow), and so is every term."""
        return bool(self.from_logits)

    def forward_validated(self, y_pred: np.ndarray, y_true: np.ndarray,
                          sample_weight: np.ndarray | None = None) -> float:
        """On logits, unweighted, with class-distribution rows (one-hot included): -Σ y·log_softmax(z) as one dot
        product, without the per-sample terms; otherwise the general path."""
        if not self.from_logits or sample_weight is not None or y_pred.ndim != 2 or y_true.ndim != 2:
            return super().forward_validated(y_pred, y_true, sample_weight)
        value = -sum_of_products(y_true, self._log_softmax(y_pred))
        if self.reduction == "mean":
            value /= y_pred.shape[0]
        self._saved = (y_pred, y_true, None, 1)
        return value

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if self.from_logits:
            terms = np.add.reduce(y_true * self._log_softmax(y_pred), axis=-1)  # np.sum's reduction
            return np.negative(terms, out=terms)
        p = y_pred / np.sum(y_pred, axis=-1, keepdims=True)
        return -np.sum(y_true * np.log(np.clip(p, EPSILON, 1 - EPSILON)), axis=-1)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if self.from_logits:
            # d/dz of -Σ y·log_softmax(z) = softmax(z)·Σy - y, i.e. softmax - y for targets summing to 1.
            grad = np.exp(self._log_softmax(y_pred, reuse=True))
            if y_true.ndim == 2:
                grad *= y_true.dot(ones((y_true.shape[1], 1), y_true.dtype))
            else:
                grad *= np.add.reduce(y_true, axis=-1, keepdims=True)
            grad -= y_true
            return grad
        total = np.sum(y_pred, axis=-1, keepdims=True)
        p = y_pred / total
        clipped = np.clip(p, EPSILON, 1 - EPSILON)
        u = np.where(clipped == p, -y_true / clipped, 0)
        # Chain rule through p = y_pred / Σ y_pred: (u - Σ u·p) / Σ y_pred.
        u -= np.sum(u * p, axis=-1, keepdims=True)
        u /= total
        return u


@LOSSES.register("categorical_crossentropy", aliases=("cce", "crossentropy"), task="multiclass")
class CategoricalCrossentropy(_SoftmaxCrossEntropy, _Distributions):
    """Categorical cross-entropy -Σ y·log p over classes, for softmax outputs and one-hot targets.

    Keras semantics: probabilities are divided by their row sum and clipped to [1e-7, 1 - 1e-7] (the gradient is
    zero where clipping acts; through the renormalisation it differs from -y/p by a constant per row, which a
    softmax's backward pass removes). With ``from_logits`` the loss is fused with log-softmax: stable for any
    logit, gradient softmax(z) - y (PyTorch's cross_entropy with probability targets and ``label_smoothing``).
    """

    PARAMS = (FROM_LOGITS, LABEL_SMOOTHING, REDUCTION)

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = super()._prepare_targets(y_pred, y_true)
        if self.label_smoothing:
            y = y * (1 - self.label_smoothing) + self.label_smoothing / y.shape[-1]
        return y


@LOSSES.register("sparse_categorical_crossentropy", aliases=("scce",), task="multiclass")
class SparseCategoricalCrossentropy(_SoftmaxCrossEntropy):
    """Categorical cross-entropy with integer class targets of shape (N,) for predictions of shape (N, classes).

    The same loss as categorical_crossentropy with the one-hot rows of the indices (Keras semantics, no label
    smoothing); with ``from_logits`` it equals PyTorch's cross_entropy with class-index targets.
    """

    target = "index"
    PARAMS = (FROM_LOGITS, REDUCTION)

    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """The class indices, checked to be whole numbers in 0 … classes-1, as one-hot rows in the predictions'
        dtype — or, for more than :data:`_ONEHOT_MAX_SIZE` values (a whole data set), kept as indices."""
        if y_pred.ndim != 2:
            raise ShapeError(f"{self._owner_name()}: predictions of shape (batch, classes) expected with integer "
                             f"targets, received shape {tuple(y_pred.shape)}.", param="y_pred")
        classes = y_pred.shape[1]
        if y_true.dtype.kind in "iu":
            index = y_true
        else:
            values = self._float_targets(y_true, np.dtype(np.float64))
            index = values.astype(np.int64)
            bad = index != values
            if bad.any():
                raise self._target_error(values, bad, "that are integer class indices")
        bad = (index < 0) | (index >= classes)
        if bad.any():
            raise self._target_error(index, bad, f"that are class indices in 0..{classes - 1} (predictions have "
                                                 f"{classes} outputs)")
        return index if y_pred.size > _ONEHOT_MAX_SIZE else _onehot(y_pred, index)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if y_true.ndim == 2:
            return super()._terms(y_pred, y_true)
        if not self.from_logits:
            return super()._terms(y_pred, _onehot(y_pred, y_true))
        # -Σ onehot·log_softmax is -log_softmax at the target class: the same numbers, picked directly.
        picked = self._log_softmax(y_pred)[np.arange(y_pred.shape[0]), y_true]
        return np.negative(picked, out=picked)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        if not self.from_logits:
            return super()._gradient(y_pred, y_true if y_true.ndim == 2 else _onehot(y_pred, y_true))
        grad = np.exp(self._log_softmax(y_pred, reuse=True))  # softmax·Σy - y with Σy = 1 exactly: softmax - y
        if y_true.ndim == 2:
            grad -= y_true
        else:
            grad[np.arange(grad.shape[0]), y_true] -= 1
        return grad


#: Above this many values (predictions' size), integer targets stay indices instead of one-hot rows.
_ONEHOT_MAX_SIZE = 1 << 22


def _onehot(y_pred: np.ndarray, index: np.ndarray) -> np.ndarray:
    """One-hot rows of the class ``index`` in the shape and dtype of ``y_pred``."""
    onehot = np.zeros(y_pred.shape, dtype=y_pred.dtype)
    onehot[np.arange(y_pred.shape[0]), index] = 1
    return onehot


@LOSSES.register("kl_divergence", aliases=("kld", "kullback_leibler_divergence"), task="multiclass")
class KLDivergence(_Distributions):
    """Kullback-Leibler divergence Σ y·log(y / p) over classes between target and predicted distributions.

    Keras semantics: both y and p are clipped to [1e-7, 1] (so zero targets add ≈ 0 and p = 0 stays finite);
    gradient -y/p where p is not clipped. Equals torch.nn.functional.kl_div(log p, y) summed over classes for
    positive targets; ``mean`` reduction is PyTorch's ``batchmean`` for 2-D inputs without sample weights.
    """

    PARAMS = (REDUCTION,)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        y = np.clip(y_true, EPSILON, 1)
        p = np.clip(y_pred, EPSILON, 1)
        return np.sum(y * (np.log(y) - np.log(p)), axis=-1)

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        p = np.clip(y_pred, EPSILON, 1)
        return np.where(p == y_pred, -np.clip(y_true, EPSILON, 1) / p, 0)
