"""A slice of the loss landscape around the current weights: a 1-D curve or a 2-D contour map, on demand.

Compute runs :func:`engine.insight.landscape.loss_landscape` on a private copy of the model in a ``QThread``
(worker object pattern): progress is reported per point, Cancel sets a flag the worker's progress callback
reads, and the thread is always quit and joined (on finish, on cancel, on close). Feed it::

    view.set_problem(model, loss, x_batch, y_batch)   # copies the model and its current weights
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.errors import EngineError
from engine.insight.landscape import Landscape, loss_landscape
from engine.model import Sequential
from studio.i18n import Retranslating
from studio.plots import TRAIN_COLOUR
from studio.plots.style import make_plot, pen
from studio.views import ModelMirror

__all__ = ["LandscapeWorker", "LossLandscapeView"]


class LandscapeWorker(QObject):
    """Computes one landscape in its thread; emits ``progress(done, total)`` then exactly one of
    ``finished(Landscape)`` or ``failed(message)``."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, model: Sequential, loss: Any, x: np.ndarray, y: np.ndarray, options: dict[str, Any]) -> None:
        super().__init__()
        self._args = (model, loss, x, y)
        self._options = options
        self.cancel = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            result = loss_landscape(*self._args, progress=self._progress, **self._options)
        except EngineError as error:
            self.failed.emit(str(error))
            return
        self.finished.emit(result)

    def _progress(self, done: int, total: int) -> bool:
        self.progress.emit(done, total)
        return not self.cancel.is_set()


class LossLandscapeView(Retranslating, QWidget):
    """Controls (directions, span, steps, Compute, Cancel, progress) above the curve or contour map."""

    computed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directions = QComboBox()
        self.directions.setObjectName("directions")
        self.directions.addItems(["", ""])
        self.span = QDoubleSpinBox()
        self.span.setObjectName("span")
        self.span.setRange(0.01, 100.0)
        self.span.setValue(1.0)
        self.steps = QSpinBox()
        self.steps.setObjectName("steps")
        self.steps.setRange(3, 101)
        self.steps.setValue(21)
        self.compute_button, self.cancel_button = QPushButton(), QPushButton()
        self.compute_button.setObjectName("compute")
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMaximumWidth(180)
        self.span_label, self.steps_label = QLabel(), QLabel()
        self.status = QLabel()
        self.status.setObjectName("status")
        controls = QHBoxLayout()
        for widget in (self.directions, self.span_label, self.span, self.steps_label, self.steps,
                       self.compute_button, self.cancel_button, self.progress):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.plot = make_plot("loss_landscape")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self._problem: tuple[ModelMirror, Any, np.ndarray, np.ndarray] | None = None
        self._thread: QThread | None = None
        self._worker: LandscapeWorker | None = None
        self.result: Landscape | None = None
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_problem(self, model: Sequential, loss: Any, x: np.ndarray, y: np.ndarray) -> None:
        """The model (copied with its current weights), its loss and the batch the loss is computed on."""
        self._problem = (ModelMirror(model), loss, np.array(x), np.array(y))
        self.compute_button.setEnabled(self._thread is None)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def compute(self) -> None:
        """Start computing in a background thread (ignored while one runs or without a problem)."""
        if self._problem is None or self._thread is not None:
            return
        mirror, loss, x, y = self._problem
        options = {"directions": self.directions.currentIndex() + 1, "span": self.span.value(),
                   "steps": self.steps.value()}
        self._thread = QThread(self)
        self._worker = LandscapeWorker(mirror.model, loss, x, y, options)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Computing…"))
        self._thread.start()

    def cancel(self) -> None:
        """Ask the running computation to stop after the current point."""
        if self._worker is not None:
            self._worker.cancel.set()

    # -- results -----------------------------------------------------------------------------------------------
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_finished(self, result: Landscape) -> None:
        self._join()
        self.result = result
        self._draw(result)
        done = self.tr("Loss at the current weights: {loss}").format(loss=f"{result.origin_loss:.4g}")
        self.status.setText(self.tr("Cancelled: the points not computed are left out.") if result.cancelled else done)
        self.computed.emit(result)

    def _on_failed(self, message: str) -> None:
        self._join()
        self.status.setText(message)

    def shutdown(self) -> None:
        """Cancel and join a running computation (the window calls this before it closes)."""
        self._join()

    def _join(self) -> None:
        """Quit and wait for the thread; re-enable the controls."""
        if self._thread is not None:
            if self._worker is not None:
                self._worker.cancel.set()
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            if self._worker is not None:
                self._worker.deleteLater()
        self._thread, self._worker = None, None
        self.compute_button.setEnabled(self._problem is not None)
        self.cancel_button.setEnabled(False)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (a Qt override)
        self._join()
        super().closeEvent(event)

    def _draw(self, result: Landscape) -> None:
        item = self.plot.getPlotItem()
        item.clear()
        if result.betas is None:
            item.plot(result.alphas, result.losses, pen=pen(TRAIN_COLOUR), symbol="o", symbolSize=4,
                      symbolBrush=TRAIN_COLOUR, symbolPen=None)
            item.addItem(pg.InfiniteLine(0.0, angle=90, pen=pen("#8c8c8c", 1, dashed=True)))
            item.setLabel("left", self.tr("Loss"))
        else:
            losses = np.where(np.isfinite(result.losses), result.losses, np.nanmax(result.losses))
            logged = np.log10(np.maximum(losses, 1e-12))
            image = pg.ImageItem(logged.T)
            image.setColorMap(pg.colormap.get("viridis"))
            da = result.alphas[1] - result.alphas[0]
            image.setRect(result.alphas[0] - da / 2, result.betas[0] - da / 2, da * len(result.alphas),
                          da * len(result.betas))
            item.addItem(image)
            levels = np.linspace(np.nanmin(logged), np.nanmax(logged), 12)[1:-1]
            for level in levels:
                curve = pg.IsocurveItem(data=logged.T, level=level, pen=pen("w", 1, alpha=180))
                curve.setParentItem(image)
            item.addItem(pg.ScatterPlotItem([0.0], [0.0], symbol="+", size=16, pen=pen("#e15759", 2)))
            item.setLabel("left", "β")
        item.setLabel("bottom", "α")
        item.autoRange()

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.directions.setItemText(0, self.tr("1 direction (curve)"))
        self.directions.setItemText(1, self.tr("2 directions (contours)"))
        self.span_label.setText(self.tr("Span:"))
        self.steps_label.setText(self.tr("Steps:"))
        self.compute_button.setText(self.tr("Compute"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.plot.getPlotItem().setTitle(self.tr("Loss along random filter-normalised directions"))

