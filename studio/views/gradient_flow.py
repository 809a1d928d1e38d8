"""Gradient flow: the mean |gradient| of each layer per epoch on a log axis — vanishing or exploding gradients
show as curves that fall towards zero or shoot up, layer after layer. Feed it with the gradients captured by
``Trainer.request_capture(gradients=True)``::

    view.add_epoch(epoch, logs["gradients"])      # parameter name ("dense_1/kernel") → gradient array
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.insight.stats import mean_abs_by_layer
from studio.plots import CLASS_COLOURS
from studio.plots.redraw import LiveView
from studio.plots.style import make_plot, pen

__all__ = ["GradientFlowView"]

#: Points get markers while there are at most this many epochs; longer runs are drawn as lines only.
SYMBOLS_UP_TO = 50


class GradientFlowView(LiveView):
    """One line per layer: mean |gradient| against the epoch, log y axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = make_plot("gradient_flow")
        item = self.plot.getPlotItem()
        item.setLogMode(y=True)
        self.legend = item.addLegend(offset=(-10, 10), labelTextColor="#333333", brush=pg.mkBrush(255, 255, 255, 210))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        self.epochs: list[int] = []
        self.values: dict[str, list[float]] = {}
        self._curves: dict[str, pg.PlotDataItem] = {}
        self.retranslate()

    def add_epoch(self, epoch: int, gradients: Mapping[str, np.ndarray]) -> None:
        """One epoch's gradients by parameter name."""
        self.add_means(epoch, mean_abs_by_layer(gradients))

    def add_means(self, epoch: int, means: Mapping[str, float]) -> None:
        """One epoch's mean |gradient| per layer (computed where the gradients are, see ``gradient_means``)."""
        self._append(epoch, means)
        self._changed()

    def add_many_means(self, rows: Iterable[tuple[int, Mapping[str, float]]]) -> None:
        """Several epochs' means at once, in order (a toy run delivers hundreds per batch of results): one redraw."""
        for epoch, means in rows:
            self._append(epoch, means)
        self._changed()

    def _append(self, epoch: int, means: Mapping[str, float]) -> None:
        """Store one epoch; a layer missing from ``means`` gets NaN there, a new layer NaN for the epochs before."""
        self.epochs.append(int(epoch))
        count = len(self.epochs)
        values = self.values
        for layer, value in means.items():
            series = values.get(layer)
            if series is None:
                series = values[layer] = [np.nan] * (count - 1)
            series.append(value)
        if len(values) != len(means):
            for series in values.values():
                series.extend([np.nan] * (count - len(series)))

    def clear(self) -> None:
        """Forget every epoch (a new run)."""
        self.epochs.clear()
        self.values.clear()
        self._changed()

    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        for layer in [name for name in self._curves if name not in self.values]:
            item.removeItem(self._curves.pop(layer))
            self.legend.removeItem(layer)
        x = np.asarray(self.epochs, dtype=np.float64)
        for i, (layer, values) in enumerate(self.values.items()):
            curve = self._curves.get(layer)
            if curve is None:
                colour = CLASS_COLOURS[i % len(CLASS_COLOURS)]
                curve = item.plot(pen=pen(colour), symbol="o", symbolSize=5, symbolBrush=colour, symbolPen=None,
                                  name=layer)
                self._curves[layer] = curve
            y = np.asarray(values, dtype=np.float64)
            keep = np.isfinite(y) & (y > 0)  # a log axis cannot show zeros
            curve.setData(x[keep], y[keep])
            curve.setSymbol("o" if len(x) <= SYMBOLS_UP_TO else None)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        item = self.plot.getPlotItem()
        item.setTitle(self.tr("Gradient flow — mean |gradient| per layer"))
        item.setLabel("bottom", self.tr("Epoch"))
        item.setLabel("left", self.tr("Mean |gradient| (log)"))
        self._changed()
