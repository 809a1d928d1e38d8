"""The live views' common look: a white plot with dark axes, a light grid and the export actions.

Plots are built for cheap repaints while a run goes: the automatic range moves in round steps
(:class:`SteppedViewBox`) and the axes — ticks, labels and grid — are cached as pixmaps (:func:`cache_axes`), so
a redraw that only adds points repaints the curves and copies the axes, without laying out their text again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QWidget

from studio.plots.export import install_export_actions
from studio.plots.ranges import PADDING_TOLERANCE, flat_limits, stepped_limits

__all__ = ["AXIS_COLOUR", "FlatGridAxis", "GuardedPlotWidget", "SteppedViewBox", "add_legend", "cache_axes",
           "make_plot", "pen", "set_legend_texts"]

AXIS_COLOUR = "#333333"


class SteppedViewBox(pg.ViewBox):
    """A ``ViewBox`` whose automatic range snaps outward to round steps (:func:`stepped_limits`).

    The range then changes only when the data cross the next step, not at every redraw of a growing curve; the
    user's own zoom and pan are untouched (they switch the automatic range off as usual).
    """

    def childrenBounds(self, frac: Any = None, orthoRange: Any = (None, None),  # noqa: N802 (pyqtgraph API)
                       items: Any = None) -> list[Any]:
        bounds = super().childrenBounds(frac=frac, orthoRange=orthoRange, items=items)
        return [None if b is None else list(_limits(float(b[0]), float(b[1]))) for b in bounds]


def _limits(low: float, high: float) -> tuple[float, float]:
    if low == high:
        low, high = flat_limits(low)
    return stepped_limits(low, high, tolerance=PADDING_TOLERANCE)


class FlatGridAxis(pg.AxisItem):
    """An ``AxisItem`` whose translucent tick and grid pens are replaced by the same colours made opaque on white.

    The look is the same on the plots' white background, but Qt's raster engine draws an opaque vertical line as
    one fast span per row range, while a translucent one is blended pixel by pixel — ten times slower, and the
    grid is the biggest thing an axis paints. The axes must sit below the view box (:func:`make_plot` puts them
    there) so that the opaque grid stays under the curves instead of cutting gaps into them.
    """

    def generateDrawSpecs(self, p: QPainter) -> Any:  # noqa: N802 (pyqtgraph API)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis, ticks, texts = specs
        opaque: list[tuple[QPen, Any, Any]] = []
        last: tuple[QPen, QPen] | None = None  # pyqtgraph gives each tick its own copy of its level's pen
        for tick_pen, start, end in ticks:
            if last is None or tick_pen != last[0]:
                last = (tick_pen, _opaque(tick_pen))
            opaque.append((last[1], start, end))
        return axis, opaque, texts


def _opaque(translucent: QPen) -> QPen:
    """``translucent`` with its colour blended onto white (an opaque pen; opaque pens are returned as they are)."""
    colour = translucent.color()
    alpha = colour.alphaF()
    if alpha >= 1.0:
        return translucent
    blended = QColor(*(round(255 - alpha * (255 - c)) for c in (colour.red(), colour.green(), colour.blue())))
    opaque = QPen(translucent)
    opaque.setColor(blended)
    return opaque


def cache_axes(item: pg.PlotItem) -> None:
    """Paint ``item``'s axes (with their grid lines) from a cached pixmap until their range, size or style change.

    Without it every repaint of the plot replays each axis's text and grid, which costs more than the curves.
    """
    for side in ("left", "bottom", "right", "top"):
        item.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class GuardedPlotWidget(pg.PlotWidget):
    """A ``PlotWidget`` that paints inside ``paint_guard()`` (by default nothing; the window sets one that keeps the
    training thread waiting between batches while the plot paints)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paint_guard: Callable[[], AbstractContextManager[object]] = nullcontext

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (a Qt override)
        with self.paint_guard():
            super().paintEvent(event)


def make_plot(name: str, parent: QWidget | None = None) -> pg.PlotWidget:
    """A ``PlotWidget`` on white with dark axes, grid and "Export PNG…/SVG…" (``name`` = file name offered).

    The export actions are kept in the widget's ``export_actions`` attribute.
    """
    axes = {side: FlatGridAxis(side) for side in ("left", "bottom")}  # top and right stay hidden: half the text
    plot = GuardedPlotWidget(parent, background="w", viewBox=SteppedViewBox(), axisItems=axes)
    plot.setObjectName(name)
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=0.15)
    cache_axes(item)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setZValue(item.getViewBox().zValue() - 1)  # PlotItem puts axes above the view box: the grid under it
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        axis.enableAutoSIPrefix(False)  # "0.05", never "50 (x0.001)"
    item.titleLabel.opts["color"] = AXIS_COLOUR
    plot.export_actions = install_export_actions(plot, name)
    return plot


def pen(colour: str, width: float = 2.0, alpha: int = 255, dashed: bool = False) -> object:
    """A cosmetic pen of ``colour`` (``alpha`` 0–255), solid or dashed."""
    qcolour = pg.mkColor(colour)
    qcolour.setAlpha(alpha)
    return pg.mkPen(qcolour, width=width, style=pg.QtCore.Qt.PenStyle.DashLine if dashed else None)


def add_legend(item: pg.PlotItem, colours: tuple[str, ...], offset: tuple[int, int]) -> list[pg.PlotDataItem]:
    """A legend of one line sample per colour, texts set later with :func:`set_legend_texts`.

    The samples are stand-alone items (not in the plot), so the legend is built once and never cleared:
    clearing a pyqtgraph legend under PySide6 can free items that are still painted.
    """
    legend = item.addLegend(offset=offset, labelTextColor=AXIS_COLOUR, brush=pg.mkBrush(255, 255, 255, 210))
    samples = [pg.PlotDataItem(pen=pen(colour)) for colour in colours]
    for sample in samples:
        legend.addItem(sample, "")
    return samples


def set_legend_texts(item: pg.PlotItem, texts: dict[pg.PlotDataItem, str]) -> None:
    """Set the legend text of each sample made by :func:`add_legend`."""
    for sample, text in texts.items():
        item.legend.getLabel(sample).setText(text)
    item.legend.updateSize()
