"""The Training dock's learning-rate preview: the schedule drawn for the planned run, before any training.

The curve is ``Schedule.values`` over the run's epochs (or epochs × steps for a per-step schedule), evaluated at
most at :data:`PREVIEW_POINTS` evenly spread steps; an invalid setting shows the engine's message instead. Its
texts keep the translation context "TrainingPanel", where they have always been.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from engine.errors import EngineError
from engine.registry import SCHEDULES

__all__ = ["PREVIEW_POINTS", "LrPreview"]

#: The preview evaluates the schedule at most at this many steps (evenly spread over longer runs).
PREVIEW_POINTS = 2000
_ERROR_STYLE = "color: #c62828;"


class LrPreview:
    """The plot (``plot``, ``curve``) and the message label (``message``) that takes its place on a problem.

    Two widgets, not one, so that the panel lays them out as rows of its form.
    """

    def __init__(self, parent: QWidget) -> None:
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("schedule_preview")
        self.plot.setFixedHeight(130)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.getPlotItem().showGrid(x=True, y=True, alpha=0.2)
        left = self.plot.getPlotItem().getAxis("left")
        left.enableAutoSIPrefix(False)
        left.setWidth(52)
        self.curve = self.plot.plot(pen=pg.mkPen("#4e79a7", width=2))
        self.message = QLabel(parent)
        self.message.setObjectName("schedule_message")
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

    def draw(self, spec: Any, base_lr: float, epochs: int, steps_per_epoch: int, problem: str = "") -> None:
        """Draw schedule ``spec`` from ``base_lr``, or show ``problem`` (or the engine's objection to ``spec``)."""
        interval = "epoch"
        if not problem:
            try:
                instance = SCHEDULES.create(spec)
                interval = getattr(instance, "interval", "epoch")
                n = epochs * (steps_per_epoch if interval == "step" else 1)
                if n <= PREVIEW_POINTS:
                    t, lr = np.arange(n), instance.values(n, base_lr)
                else:
                    t = np.unique(np.linspace(0, n - 1, PREVIEW_POINTS).round().astype(np.int64))
                    lr = np.array([instance.lr_at(int(s), base_lr) for s in t], dtype=np.float64)
                if not np.all(np.isfinite(lr)):
                    problem = QCoreApplication.translate(
                        "TrainingPanel", "The schedule gives a learning rate that is not a finite number.")
            except EngineError as error:
                problem = error.message
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.plot.setVisible(not problem)
        if not problem:
            self.curve.setData(t, lr)
            step, epoch = (QCoreApplication.translate("TrainingPanel", "step"),
                           QCoreApplication.translate("TrainingPanel", "epoch"))
            self.plot.getPlotItem().setLabel("bottom", step if interval == "step" else epoch)

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """The (t, lr) points of the curve."""
        x, y = self.curve.getData()
        return (np.array([]), np.array([])) if x is None else (np.asarray(x), np.asarray(y))

    def retranslate(self) -> None:
        self.plot.setToolTip(QCoreApplication.translate(
            "TrainingPanel", "The learning rate at every epoch (or step) of the planned run."))
