"""The live views' common look: a white plot with dark axes, a light grid and the export actions."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from studio.plots.export import install_export_actions

__all__ = ["AXIS_COLOUR", "add_legend", "make_plot", "pen", "set_legend_texts"]

AXIS_COLOUR = "#333333"


def make_plot(name: str, parent: QWidget | None = None) -> pg.PlotWidget:
    """A ``PlotWidget`` on white with dark axes, grid and "Export PNG…/SVG…" (``name`` = file name offered).

    The export actions are kept in the widget's ``export_actions`` attribute.
    """
    plot = pg.PlotWidget(parent, background="w")
    plot.setObjectName(name)
    item = plot.getPlotItem()
    item.showGrid(x=True, y=True, alpha=0.15)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
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
