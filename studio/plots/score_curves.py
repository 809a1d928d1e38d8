"""The common part of the ROC and precision-recall views: scores in, one curve per class, an operating point.

:class:`ScoreCurveView` stores ``(y_true, y_score, classes)`` and, at the next redraw, asks the subclass for the
curve of each class (binary: the positive class only) through engine.metrics; a binary task also shows the
operating point of a threshold. An input the metrics refuse shows their message under the plot.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine.errors import EngineError
from engine.metrics import threshold_metrics
from studio.plots import CLASS_COLOURS, GUIDE_COLOUR, OPERATING_POINT_COLOUR
from studio.plots.redraw import LiveView
from studio.plots.style import make_plot, pen

__all__ = ["Curve", "ScoreCurveView", "positive_scores"]

#: (x, y, area, label) of one class's curve.
Curve = tuple[np.ndarray, np.ndarray, float, str]
#: (x, y, pen style (colour, width, alpha, dashed), legend text) of one curve shown.
_Entry = tuple[np.ndarray, np.ndarray, tuple[str, float, int, bool], str]


def positive_scores(y_score: np.ndarray) -> np.ndarray:
    """The positive class's score of a binary task: a 1-D score, the single column, or the second of two."""
    return y_score[:, -1] if y_score.ndim == 2 else y_score


class ScoreCurveView(LiveView):
    """A square 0–1 plot of one threshold curve per class, redrawn from stored scores."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = make_plot(name)
        item = self.plot.getPlotItem()
        item.setRange(xRange=(0, 1), yRange=(0, 1), padding=0.02)
        item.setLimits(xMin=-0.05, xMax=1.05, yMin=-0.05, yMax=1.05)
        item.getViewBox().disableAutoRange()  # rates and ratios: always the unit square
        self.legend = item.addLegend(offset=(-10, -10), labelTextColor="#333333",
                                     brush=pg.mkBrush(255, 255, 255, 210))
        self.guide = pg.PlotDataItem(pen=pen(GUIDE_COLOUR, 1.2, dashed=True))
        item.addItem(self.guide)
        self.point = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(OPERATING_POINT_COLOUR), pen=pg.mkPen("w", width=1.5))
        self.point.setZValue(10)
        item.addItem(self.point)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #b22222;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.message)
        self._items: list[pg.PlotDataItem] = []
        self._layout: list[Any] = []  # the pen styles and extra legend entries the items were made for
        self._data: tuple[np.ndarray, np.ndarray, list[str]] | None = None
        self._threshold: float | None = None
        #: The area shown in the title (AUC or AP; macro mean for several classes), None before data or on error.
        self.area: float | None = None
        self.curves: list[Curve] = []

    # -- API ---------------------------------------------------------------------------------------------------
    def set_scores(self, y_true: Any, y_score: Any, classes: Sequence[str]) -> None:
        """Validation labels (class indices 0…k-1), scores ((n,) or (n, k)) and the class names; drawn later.

        Two classes make a binary task (the positive class is index 1, its score ``y_score`` or its last column);
        more make one one-vs-rest curve per class plus the macro average.
        """
        self._data = (np.asarray(y_true), np.asarray(y_score), [str(c) for c in classes])
        self._changed()

    def set_operating_point(self, threshold: float | None) -> None:
        """Mark "positive when score ≥ threshold" on the curve (binary tasks); None removes the marker."""
        self._threshold = None if threshold is None else float(threshold)
        self._changed()

    def clear(self) -> None:
        """Remove the curves (a new run)."""
        self._data = None
        self._changed()

    # -- for subclasses ----------------------------------------------------------------------------------------
    def _class_curve(self, positive: np.ndarray, score: np.ndarray, name: str) -> Curve:
        raise NotImplementedError

    def _operating_xy(self, metrics: dict[str, Any]) -> tuple[float, float]:
        raise NotImplementedError

    def _guide(self, positive: np.ndarray | None) -> tuple[list[float], list[float]]:
        raise NotImplementedError

    def _title(self) -> str:
        raise NotImplementedError

    # -- drawing -----------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """Compute the curves and show them, reusing the plot's items while the set of curves stays the same
        (adding a curve and its legend entry costs ten times more than new data for it)."""
        self.point.setData([], [])
        self.curves, self.area = [], None
        self.message.hide()
        entries: list[_Entry] = []
        extras: list[tuple[Any, str]] = []
        if self._data is not None:
            try:
                entries, extras = self._draw(*self._data)
            except EngineError as error:
                self.curves, self.area, entries, extras = [], None, [], []
                self.message.setText(str(error))
                self.message.show()
        self._show(entries, extras)
        self.plot.getPlotItem().setTitle(self._title())

    def _show(self, entries: list[_Entry], extras: list[tuple[Any, str]]) -> None:
        layout = [entry[2] for entry in entries] + [id(item) for item, _ in extras]
        if layout != self._layout:
            for curve_item in self._items:
                self.plot.removeItem(curve_item)
            self._items.clear()
            self.legend.clear()
            for x, y, style, label in entries:
                curve_item = pg.PlotDataItem(x, y, pen=pen(*style))
                self.plot.addItem(curve_item)
                self._items.append(curve_item)
                self.legend.addItem(curve_item, label)
            for item, label in extras:
                self.legend.addItem(item, label)
            self._layout = layout
            return
        for curve_item, (x, y, _, _) in zip(self._items, entries, strict=True):
            curve_item.setData(x, y)
        labels = [entry[3] for entry in entries] + [label for _, label in extras]
        for (_, label_item), text in zip(self.legend.items, labels, strict=True):
            if label_item.text != text:
                label_item.setText(text)

    def _draw(self, y_true: np.ndarray, y_score: np.ndarray, classes: list[str]
              ) -> tuple[list[_Entry], list[tuple[Any, str]]]:
        """The curves to show (x, y, pen style, legend text) and the other legend entries (guide, point)."""
        binary = len(classes) <= 2
        entries: list[_Entry] = []
        extras: list[tuple[Any, str]] = []
        if binary:
            positive = (y_true == 1).astype(np.int64)
            score = positive_scores(y_score)
            self.curves = [self._class_curve(positive, score, classes[-1] if classes else "1")]
            self.area = self.curves[0][2]
        else:
            present = np.unique(y_true)
            self.curves = [self._class_curve((y_true == c).astype(np.int64), y_score[:, c], classes[c])
                           for c in range(len(classes)) if c in present]
            self.area = float(np.mean([curve[2] for curve in self.curves]))
        for index, (x, y, area, label) in enumerate(self.curves):
            colour = CLASS_COLOURS[index % len(CLASS_COLOURS)] if not binary else CLASS_COLOURS[0]
            entries.append((x, y, (colour, 2.2, 255, False), label if binary else f"{label} ({area:.3f})"))
        if not binary:
            entries.append(self._macro())
        guide_x, guide_y = self._guide(positive if binary else None)
        self.guide.setData(guide_x, guide_y)
        if guide_x:
            extras.append((self.guide, self.tr("chance")))
        if binary and self._threshold is not None:
            x, y = self._operating_xy(threshold_metrics(positive, score, self._threshold))
            self.point.setData([x], [y])
            extras.append((self.point, self.tr("threshold {t}").format(t=f"{self._threshold:.2f}")))
        return entries, extras

    def _macro(self) -> _Entry:
        """The macro-average curve: the mean of the class curves on the union of their x values."""
        grid = np.unique(np.concatenate([x for x, *_ in self.curves]))
        mean = np.mean([np.interp(grid, *self._increasing(x, y)) for x, y, *_ in self.curves], axis=0)
        return grid, mean, ("#222222", 2.5, 255, True), self.tr("macro average ({area})").format(
            area=f"{self.area:.3f}")

    @staticmethod
    def _increasing(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x, y) if x.shape[0] < 2 or x[0] <= x[-1] else (x[::-1], y[::-1])
