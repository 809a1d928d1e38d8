"""The loss interface."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from engine.errors import ShapeError
from engine.params import Configurable, Param

__all__ = ["REDUCTION", "Loss"]

REDUCTION = Param("reduction", "choice", "mean", "How per-sample losses are combined: their mean or their sum.",
                  choices=("mean", "sum"))


class Loss(Configurable):
    """A loss L(y_pred, y_true) with its gradient with respect to ``y_pred``.

    ``forward`` computes per-sample losses (averaged over the output dimensions of each sample), weights them by
    ``sample_weight`` and reduces them: ``mean`` divides the weighted sum by the batch size (as Keras does),
    ``sum`` does not. ``backward`` returns dL/dy_pred for the last ``forward`` call, same shape as ``y_pred``.

    ``target`` says what ``y_true`` must be: ``"values"`` (same shape as y_pred), ``"onehot"`` (same shape,
    rows summing to 1), ``"index"`` (integer class indices, shape (N,)), ``"binary"`` (0/1, same shape).
    ``logits_of`` names the output activation this loss fuses with when ``from_logits`` is set (e.g. "softmax"
    for categorical cross-entropy): the trainer then trains on logits for numerical stability.
    """

    target: ClassVar[str] = "values"
    logits_of: ClassVar[str | None] = None

    def forward(self, y_pred: np.ndarray, y_true: np.ndarray, sample_weight: np.ndarray | None = None) -> float:
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        raise NotImplementedError

    def validate_targets(self, y_true: np.ndarray, output_shape: tuple[int, ...], dtype: Any) -> np.ndarray:
        """Check the targets of a whole data set once and return them as :meth:`forward_validated` takes them.

        The trainer calls this once per ``fit`` (``output_shape``: the model's per-sample output shape, ``dtype``:
        its float type) and then hands row slices of the result to :meth:`forward_validated` every batch, so the
        checks run once instead of once per batch. The base class returns ``y_true`` unchanged.
        """
        return y_true

    def forward_validated(self, y_pred: np.ndarray, y_true: np.ndarray,
                          sample_weight: np.ndarray | None = None) -> float:
        """:meth:`forward` for targets from :meth:`validate_targets`, predictions in the model's float dtype and
        sample weights already checked (finite, ≥ 0, one per row): skips the per-batch checks. The base class
        simply calls :meth:`forward`."""
        return self.forward(y_pred, y_true, sample_weight)

    def __call__(self, y_pred: np.ndarray, y_true: np.ndarray, sample_weight: np.ndarray | None = None) -> float:
        return self.forward(y_pred, y_true, sample_weight)

    def _check_shapes(self, y_pred: np.ndarray, y_true: np.ndarray) -> None:
        expected = y_pred.shape[:1] if self.target == "index" else y_pred.shape
        if tuple(y_true.shape) != tuple(expected):
            raise ShapeError(
                f"{self.key or type(self).__name__}: targets of shape {tuple(expected)} expected for predictions "
                f"of shape {tuple(y_pred.shape)}, received {tuple(y_true.shape)}.", param="y_true")
