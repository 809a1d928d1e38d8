"""Shared machinery of the built-in losses: input checks, per-sample averaging, weighting and reduction.

A subclass only says what one loss *term* is and what its derivative is. ``_terms`` returns an array with the
batch on axis 0 (the shape of ``y_pred``, or that shape without the class axis for cross-entropies, whose term
already sums over classes); the per-sample loss is the mean of a sample's terms. ``_gradient`` returns
d(term)/d(y_pred) laid out like ``y_pred``; the base scales it by weight / (terms per sample × batch size).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

import numpy as np

from engine.errors import DataError, ShapeError, TrainingError
from engine.losses.base import Loss
from engine.params import Param

__all__ = ["EPSILON", "FROM_LOGITS", "LABEL_SMOOTHING", "PointwiseLoss", "first_bad", "ones", "softplus",
           "sum_of_products", "total"]

#: Probabilities are clipped to [EPSILON, 1 - EPSILON] before taking logarithms (Keras' backend epsilon).
EPSILON = 1e-7

FROM_LOGITS = Param("from_logits", "bool", False, "Predictions are logits (before sigmoid/softmax), not "
                    "probabilities; the loss then fuses the activation and stays finite for any logit.")
LABEL_SMOOTHING = Param("label_smoothing", "float", 0.0, "Moves targets towards uniform: y·(1 - s) + s/classes "
                        "(s/2 for binary targets).", low=0.0, high=1.0, high_open=True, typical="0.1")


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x) without overflow for large |x|; keeps the dtype of ``x``."""
    return np.logaddexp(_zero(x.dtype) if x.dtype.kind == "f" else 0, x)


@lru_cache(maxsize=8)
def _zero(dtype: np.dtype) -> np.ndarray:
    """A read-only 0-d 0 of ``dtype``: what a Python 0 becomes in an array operation, without that conversion."""
    zero = np.zeros((), dtype=dtype)
    zero.flags.writeable = False
    return zero


#: Up to this many values, :func:`total` and :func:`sum_of_products` accumulate in the arrays' own dtype with one
#: BLAS call (a float32 loss as PyTorch sums it); more in float64, where float32 rounding would add up.
_SMALL_SUM = 1024


def total(terms: np.ndarray) -> float:
    """Σ terms as a Python float (see :data:`_SMALL_SUM` for the accumulation)."""
    if terms.size <= _SMALL_SUM:
        flat = terms.ravel()
        return float(flat.dot(ones(flat.shape, flat.dtype)))
    return float(np.add.reduce(terms, axis=None, dtype=np.float64))


def sum_of_products(a: np.ndarray, b: np.ndarray) -> float:
    """Σ a·b over all elements of two arrays of the same shape, as a Python float (see :data:`_SMALL_SUM`)."""
    if a.size <= _SMALL_SUM:
        return float(a.ravel().dot(b.ravel()))  # the ``dot`` method skips np.vdot's __array_function__ dispatch
    product = np.multiply(a, b)
    return float(np.add.reduce(product, axis=None, dtype=np.float64))


@lru_cache(maxsize=32)
def ones(shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    """A read-only array of ones, e.g. ``x @ ones((k, 1))``: the row sums of ``x`` as one BLAS product, a fraction
    of the overhead of a NumPy reduction on small arrays."""
    array = np.ones(shape, dtype=dtype)
    array.flags.writeable = False
    return array


def first_bad(mask: np.ndarray) -> tuple[int, int | None]:
    """1-based (row, column) of the first True in ``mask``; column is None for 1-D masks."""
    index = np.unravel_index(int(np.argmax(mask)), mask.shape)
    return int(index[0]) + 1, (int(index[1]) + 1 if len(index) > 1 else None)


class PointwiseLoss(Loss):
    """Base of the built-in losses: validates inputs, averages terms per sample, weights and reduces them."""

    #: Cross-entropies reduce the last (class) axis inside each term, so ``y_pred`` needs at least two axes.
    class_axis: ClassVar[bool] = False
    #: (y_pred, prepared targets, weights or None, terms per sample) of the last forward call.
    _saved: tuple[np.ndarray, np.ndarray, np.ndarray | None, int] | None = None
    #: a reusable 0-d array for the gradient's scale factor
    _coefficient: np.ndarray | None = None

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray, sample_weight: np.ndarray | None = None) -> float:
        """The reduced loss as a Python float; remembers what ``backward`` needs."""
        y_pred = np.asarray(y_pred)
        if y_pred.dtype.kind != "f":
            y_pred = y_pred.astype(np.promote_types(y_pred.dtype, np.float32))
        y_true = self._checked_targets(y_pred, np.asarray(y_true))
        weights = self._check_weights(sample_weight, y_pred.shape[0], y_pred.dtype)
        return self.forward_validated(y_pred, y_true, weights)

    def validate_targets(self, y_true: np.ndarray, output_shape: tuple[int, ...], dtype: Any) -> np.ndarray:
        """The checks of :meth:`forward` on a whole data set's targets, against predictions of ``output_shape``."""
        y_true = np.asarray(y_true)
        like = np.broadcast_to(np.zeros((), dtype=dtype), (y_true.shape[0] if y_true.ndim else 0, *output_shape))
        return self._checked_targets(like, y_true)

    def forward_validated(self, y_pred: np.ndarray, y_true: np.ndarray,
                          sample_weight: np.ndarray | None = None) -> float:
        """:meth:`forward` without its checks (see :meth:`Loss.forward_validated`): terms, weights, reduction."""
        n = y_pred.shape[0]
        terms = self._terms(y_pred, y_true)
        terms_per_sample = terms.size // n
        if sample_weight is None:  # the sum of the per-sample means: the sum of all terms over their number each
            value = total(terms)
            if terms_per_sample != 1:
                value /= terms_per_sample
        else:
            per_sample = np.add.reduce(terms.reshape(n, -1), axis=1, dtype=np.float64)
            per_sample /= terms_per_sample
            value = float(per_sample @ sample_weight.astype(np.float64))
        if self.reduction == "mean":
            value /= n
        self._saved = (y_pred, y_true, sample_weight, terms_per_sample)
        return value

    @property
    def finite_for_finite_predictions(self) -> bool:
        """True when the loss is finite for any predictions whose squares sum to a finite number (losses on logits).

        The trainer may then take a step's gradient with :meth:`gradient_validated`, skipping the step's loss value,
        and add the values up once per epoch with :meth:`batches_total`.
        """
        return False

    def gradient_validated(self, y_pred: np.ndarray, y_true: np.ndarray,
                           sample_weight: np.ndarray | None = None) -> np.ndarray:
        """dL/dy_pred of :meth:`forward_validated` followed by :meth:`backward` (bit for bit), without the value."""
        per_sample = y_pred.size // y_pred.shape[0] // (y_pred.shape[-1] if self.class_axis else 1)
        self._saved = (y_pred, y_true, sample_weight, per_sample)
        return self.backward()

    def batches_total(self, y_pred: np.ndarray, y_true: np.ndarray, sample_weight: np.ndarray | None,
                      batch_size: int) -> float:
        """Σ over consecutive batches of ``batch_size`` rows (the last may be shorter) of the batch's loss times its
        number of rows — what a training epoch adds up for its mean loss — from all the predictions at once, in
        float64. Inputs as for :meth:`forward_validated`."""
        n = y_pred.shape[0]
        terms = self._terms(y_pred, y_true).reshape(n, -1)
        if terms.shape[1] == 1:
            per_sample = terms[:, 0].astype(np.float64)
        else:
            per_sample = np.add.reduce(terms, axis=1, dtype=np.float64)
        if sample_weight is not None:
            per_sample *= sample_weight
        if self.reduction == "sum":  # each sample's loss counts once per row of its batch
            start = np.arange(n) // batch_size * batch_size
            per_sample *= np.minimum(batch_size, n - start)
        return float(np.add.reduce(per_sample)) / (terms.size // n)

    def backward(self) -> np.ndarray:
        """dL/dy_pred for the last :meth:`forward` call, same shape and dtype as its ``y_pred``."""
        if self._saved is None:
            raise TrainingError(f"{self._owner_name()}: backward() called before forward().")
        y_pred, y_true, weights, per_sample = self._saved
        n = y_pred.shape[0]
        scale = 1.0 / (per_sample * (n if self.reduction == "mean" else 1))
        grad = self._gradient(y_pred, y_true)
        if weights is None:
            coefficient = self._coefficient
            if coefficient is None or coefficient.dtype != grad.dtype:
                coefficient = self._coefficient = np.zeros((), dtype=grad.dtype)
            # ``scale`` rounded to the gradient's dtype, as NumPy rounds a Python float, but without paying for
            # that conversion inside the multiplication
            coefficient[()] = scale
            np.multiply(grad, coefficient, out=grad)
        else:
            grad *= (weights * scale).reshape((n,) + (1,) * (grad.ndim - 1))
        return grad

    # -- hooks -------------------------------------------------------------------------------------------------
    def _prepare_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """Validate and convert targets (finite numbers, in y_pred's dtype); subclasses add their valid set."""
        return self._float_targets(y_true, y_pred.dtype)

    def _terms(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _gradient(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """A new array (it is scaled in place) of d(term)/d(y_pred)."""
        raise NotImplementedError

    # -- checks ------------------------------------------------------------------------------------------------
    def _checked_targets(self, y_pred: np.ndarray, y_true: np.ndarray) -> np.ndarray:
        """Shape checks of predictions against targets, then the targets validated and converted."""
        min_ndim = 2 if self.class_axis else 1
        if y_pred.ndim < min_ndim:
            what = "(batch, classes)" if self.class_axis else "(batch, ...)"
            raise ShapeError(f"{self._owner_name()}: predictions of shape {what} expected, received shape "
                             f"{tuple(y_pred.shape)}.", param="y_pred")
        self._check_shapes(y_pred, y_true)
        if y_pred.shape[0] == 0:
            raise DataError(f"{self._owner_name()}: a batch of at least one sample expected, received none.",
                            param="y_true")
        return self._prepare_targets(y_pred, y_true)

    def _float_targets(self, y_true: np.ndarray, dtype: np.dtype) -> np.ndarray:
        """``y_true`` as finite numbers of ``dtype`` (the predictions' dtype: float32 stays float32)."""
        try:
            y = np.asarray(y_true, dtype=dtype)
        except (TypeError, ValueError) as exc:
            raise DataError(f"{self._owner_name()}: numeric targets expected, received {y_true.dtype} values.",
                            param="y_true") from exc
        bad = ~np.isfinite(y)
        if bad.any():
            row, column = first_bad(bad)
            raise DataError(f"{self._owner_name()}: finite targets expected, received {y[bad][0].item()} in row {row}.",
                            row=row, column=column, param="y_true")
        return y

    def _target_error(self, y: np.ndarray, bad: np.ndarray, expected: str) -> DataError:
        """A DataError pointing at the first target flagged in ``bad``."""
        row, column = first_bad(bad)
        return DataError(f"{self._owner_name()}: targets {expected} expected, received {y[bad][0].item()!r} in "
                         f"row {row}.", row=row, column=column, param="y_true")

    def _check_weights(self, sample_weight: np.ndarray | None, n: int, dtype: np.dtype) -> np.ndarray | None:
        if sample_weight is None:
            return None
        w = np.asarray(sample_weight)
        if w.shape != (n,):
            raise ShapeError(f"{self._owner_name()}: sample weights of shape ({n},) expected, received "
                             f"{tuple(w.shape)}.", param="sample_weight")
        w = w.astype(dtype, copy=False)
        bad = ~(np.isfinite(w) & (w >= 0))
        if bad.any():
            row, _ = first_bad(bad)
            raise DataError(f"{self._owner_name()}: finite sample weights ≥ 0 expected, received "
                            f"{w[bad][0].item()} for row {row}.", row=row, param="sample_weight")
        return w
