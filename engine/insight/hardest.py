"""The validation rows the model gets most wrong: misclassified first, then by per-sample loss or confidence.

:class:`LossProbe` evaluates one loss on fixed data exactly as ``Trainer.evaluate`` does (the final sigmoid or
softmax fused into the loss when the trainer would fuse it), and also per sample; the loss landscape reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.model import Sequential
from engine.registry import LOSSES
from engine.training.data import prepare
from engine.training.evaluation import Readout, task_of

__all__ = ["ORDERS", "HardRows", "LossProbe", "hardest_samples"]

#: What ranks the rows inside the misclassified and the correct groups.
ORDERS = ("loss", "confidence")


class LossProbe:
    """``loss`` (key, spec or instance) on ``(x, y)`` for ``model``: targets prepared once, outputs on demand."""

    def __init__(self, model: Sequential, loss: Any, x: Any, y: Any) -> None:
        self.model = model
        self.loss = LOSSES.create(loss)
        x = model.check_input(x)
        outputs = int(model.output_shape[-1]) if model.output_shape else 1
        self.data = prepare(x, y, dtype=model.dtype, target=self.loss.target, task=task_of(self.loss),
                            outputs=outputs)
        self.readout = Readout(model, self.loss)

    def outputs(self) -> np.ndarray:
        """What the loss sees: logits when fused, else the model's inference outputs."""
        last = self.model.layers[-1]
        emit = last.emit_logits
        last.emit_logits = self.readout.fused
        try:
            return self.model.forward(self.data.x, False)
        finally:
            last.emit_logits = emit

    def total(self) -> float:
        """The loss plus the regularization penalty, as ``Trainer.evaluate(x, y)["loss"]``."""
        data_loss = float(self.readout.train_loss.forward(self.outputs(), self.data.y))
        return data_loss + self.model.regularization_penalty()

    def per_sample(self, outputs: np.ndarray) -> np.ndarray:
        """Each row's loss (mean over its outputs), float64, from :meth:`outputs`."""
        loss = self.readout.train_loss
        targets = loss._prepare_targets(outputs, self.data.y)  # the built-in losses' documented term hooks
        return loss._terms(outputs, targets).reshape(outputs.shape[0], -1).mean(axis=1, dtype=np.float64)


@dataclass(frozen=True)
class HardRows:
    """Rows in hardest-first ``order`` with, per row (indexed like the data), ``loss``, ``predicted`` class,
    ``confidence`` (score of the predicted class) and ``correct``; the last three are None for regression."""

    order: np.ndarray
    loss: np.ndarray
    predicted: np.ndarray | None
    confidence: np.ndarray | None
    correct: np.ndarray | None
    labels: np.ndarray | None


def hardest_samples(model: Sequential, loss: Any, x: Any, y: Any, *, by: str = "loss") -> HardRows:
    """Rank the rows of ``(x, y)``: misclassified first; inside each group the highest loss first (``by="loss"``)
    or, with ``by="confidence"``, the most confident mistakes then the least confident correct answers."""
    if by not in ORDERS:
        raise ConfigError(f"hardest samples: by expected one of {', '.join(ORDERS)}, received {by!r}.", param="by")
    probe = LossProbe(model, loss, x, y)
    outputs = probe.outputs()
    losses = probe.per_sample(outputs)
    labels = probe.data.labels
    if labels is None or labels.ndim != 1:
        return HardRows(np.argsort(-losses, kind="stable"), losses, None, None, None, None)
    scores = probe.readout.scores(outputs)
    predicted = probe.readout.labels(scores)
    columns = scores.reshape(scores.shape[0], -1)
    if columns.shape[1] == 1 and probe.readout.threshold == 0.0:  # a decision score (tanh, hinge): its size
        confidence = np.abs(columns[:, 0])
    elif columns.shape[1] == 1:
        confidence = np.where(predicted == 1, columns[:, 0], 1 - columns[:, 0])
    else:
        confidence = np.take_along_axis(columns, predicted[:, None], axis=1)[:, 0]
    correct = predicted == labels
    inner = -losses if by == "loss" else np.where(correct, confidence, -confidence)
    order = np.lexsort((inner, correct))
    return HardRows(order, losses, predicted, confidence.astype(np.float64), correct, labels)
