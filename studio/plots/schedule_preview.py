"""A preview of a learning-rate schedule, drawn before training while its parameters are edited.

:meth:`SchedulePreview.set_schedule` builds the schedule from a spec (a registry key, a ``{"type", "config"}``
dict or a :class:`engine.schedules.Schedule`) and plots ``Schedule.values(n, base_lr)``. A spec the engine
refuses shows the engine's message in the plot's place instead, and the next valid spec brings the plot back.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

from engine.errors import EngineError
from engine.registry import SCHEDULES
from studio.i18n import Retranslating
from studio.plots.metric_curves import LR_COLOUR
from studio.plots.style import make_plot, pen

__all__ = ["MAX_POINTS", "SchedulePreview"]

#: Longer previews are drawn from this many evenly spread t values (``lr_at``), so a preview stays instant.
MAX_POINTS = 5000


class SchedulePreview(Retranslating, QWidget):
    """lr(t) for t = 0 … n-1 of one schedule; the engine's error message when the spec is invalid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = make_plot("schedule_preview")
        self.curve = pg.PlotDataItem(pen=pen(LR_COLOUR, 2.2))
        self.plot.addItem(self.curve)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("color: #b22222; background: white; padding: 12px;")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.message)
        self.interval = "epoch"
        self.error: str | None = None
        self.retranslate()

    def set_schedule(self, spec: Any, base_lr: float, n: int) -> None:
        """Plot the schedule ``spec`` from ``base_lr`` over ``n`` steps or epochs (its ``interval``)."""
        try:
            schedule = SCHEDULES.create(spec)
            t, lr = self._values(schedule, float(base_lr), max(int(n), 1))
        except EngineError as error:
            self.error = str(error)
            self.message.setText(self.error)
            self.stack.setCurrentWidget(self.message)
            return
        self.error = None
        self.interval = schedule.interval
        self.curve.setData(t, lr)
        self.stack.setCurrentWidget(self.plot)
        self.retranslate()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The curve's ``(t, lr)`` as drawn."""
        x, y = self.curve.getData()
        return (np.asarray(x if x is not None else []), np.asarray(y if y is not None else []))

    @staticmethod
    def _values(schedule: Any, base_lr: float, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n <= MAX_POINTS:
            return np.arange(n, dtype=np.float64), schedule.values(n, base_lr)
        t = np.unique(np.linspace(0, n - 1, MAX_POINTS).round().astype(np.int64))
        return t.astype(np.float64), np.array([schedule.lr_at(int(k), base_lr) for k in t], dtype=np.float64)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        item = self.plot.getPlotItem()
        item.setTitle(self.tr("Learning-rate schedule"))
        item.setLabel("left", self.tr("Learning rate"))
        item.setLabel("bottom", self.tr("Epoch") if self.interval == "epoch" else self.tr("Step"))

