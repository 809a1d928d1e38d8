"""The precision-recall curve of the validation scores, with the average precision in the title.

Binary tasks show one curve, the positive rate as the chance line, and the threshold's operating point;
multiclass tasks one one-vs-rest curve per class present and their macro average (the title's AP is the mean of
the class APs, as :func:`engine.metrics.mean_average_precision`). Curves and areas come from
:func:`engine.metrics.precision_recall_curve` and :func:`engine.metrics.average_precision_score`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QWidget

from engine.metrics import average_precision_score, precision_recall_curve
from studio.plots.score_curves import Curve, ScoreCurveView

__all__ = ["PrView"]


class PrView(ScoreCurveView):
    """Precision against recall; a horizontal chance line at the share of positives (binary)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("precision_recall_curve", parent)
        self.retranslate()

    def _class_curve(self, positive: np.ndarray, score: np.ndarray, name: str) -> Curve:
        precision, recall, _ = precision_recall_curve(positive, score)
        return recall, precision, float(average_precision_score(positive, score)), name

    def _operating_xy(self, metrics: dict[str, Any]) -> tuple[float, float]:
        return metrics["recall"], metrics["precision"]

    def _guide(self, positive: np.ndarray | None) -> tuple[list[float], list[float]]:
        if positive is None:
            return [], []
        rate = float(positive.mean())
        return [0.0, 1.0], [rate, rate]

    def _title(self) -> str:
        if self.area is None:
            return self.tr("Precision-recall curve")
        if len(self.curves) > 1:
            return self.tr("Precision-recall (one-vs-rest) — mean AP = {ap}").format(ap=f"{self.area:.3f}")
        return self.tr("Precision-recall — AP = {ap}").format(ap=f"{self.area:.3f}")

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("Recall"))
        item.setLabel("left", self.tr("Precision"))
        self._changed()
