"""The ROC curve of the validation scores, with the AUC in the title and the threshold's operating point.

Binary tasks show one curve; multiclass tasks one one-vs-rest curve per class and their macro average (the
title's AUC is the mean of the class AUCs, as ``roc_auc_score(..., multi_class="ovr", average="macro")``).
Curves and areas come from :func:`engine.metrics.roc_curve` and :func:`engine.metrics.roc_auc_score`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QWidget

from engine.metrics import roc_auc_score, roc_curve
from studio.plots.score_curves import Curve, ScoreCurveView

__all__ = ["RocView"]


class RocView(ScoreCurveView):
    """ROC: true positive rate against false positive rate; the chance diagonal for reference."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("roc_curve", parent)
        self.retranslate()

    def _class_curve(self, positive: np.ndarray, score: np.ndarray, name: str) -> Curve:
        fpr, tpr, _ = roc_curve(positive, score)
        return fpr, tpr, float(roc_auc_score(positive, score)), name

    def _operating_xy(self, metrics: dict[str, Any]) -> tuple[float, float]:
        return 1.0 - metrics["specificity"], metrics["recall"]

    def _guide(self, positive: np.ndarray | None) -> tuple[list[float], list[float]]:
        return [0.0, 1.0], [0.0, 1.0]

    def _title(self) -> str:
        if self.area is None:
            return self.tr("ROC curve")
        if len(self.curves) > 1:
            return self.tr("ROC (one-vs-rest) — macro AUC = {auc}").format(auc=f"{self.area:.3f}")
        return self.tr("ROC — AUC = {auc}").format(auc=f"{self.area:.3f}")

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("False positive rate"))
        item.setLabel("left", self.tr("True positive rate"))
        self._changed()
