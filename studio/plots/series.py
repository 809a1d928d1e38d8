"""One live curve: its points in growing buffers, drawn smoothed over a faint raw copy, peak-downsampled.

A :class:`Series` owns two pyqtgraph curves (raw and smoothed) in a plot. :meth:`Series.add` only appends;
:meth:`Series.draw` (called by the view's redraw, ≤ 30 times a second) smooths the new points incrementally and
hands pyqtgraph at most two points per pixel column of the visible x range.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from studio.plots.buffers import GrowingArray, XYBuffer, peak_downsample
from studio.plots.smoothing import EmaSmoother
from studio.plots.style import pen

__all__ = ["RAW_ALPHA", "SYMBOL_LIMIT", "Series", "visible_slice"]

#: Opacity (0–255) of the raw curve behind the smoothed one.
RAW_ALPHA = 70
#: Points are marked with symbols only while at most this many are drawn: beyond it they merge into a thick line
#: anyway, and symbols for thousands of points cost more than the rest of the plot's repaint.
SYMBOL_LIMIT = 150


def visible_slice(x: np.ndarray, x_range: tuple[float, float] | None) -> slice:
    """The indices of increasing ``x`` inside ``x_range`` plus one neighbour each side (all when None)."""
    if x_range is None:
        return slice(0, x.shape[0])
    start = max(int(np.searchsorted(x, x_range[0], side="left")) - 1, 0)
    stop = min(int(np.searchsorted(x, x_range[1], side="right")) + 1, x.shape[0])
    return slice(start, stop)


class Series:
    """Points (x increasing) shown as a smoothed curve over the faint raw curve, in ``plot``."""

    def __init__(self, plot: pg.PlotItem, colour: str, symbol: str | None = None) -> None:
        self.points = XYBuffer()
        self.smoothed = GrowingArray()
        self.symbol = symbol
        self._smoother = EmaSmoother(0.0)
        self.raw_item = pg.PlotDataItem(pen=pen(colour, 1.0, RAW_ALPHA), connect="finite")  # 1 px: Qt's fast path
        self.item = pg.PlotDataItem(pen=pen(colour, 2.2), connect="finite", symbol=symbol, symbolSize=5,
                                    symbolBrush=colour, symbolPen=None)
        plot.addItem(self.raw_item)
        plot.addItem(self.item)

    @property
    def weight(self) -> float:
        return self._smoother.weight

    def __len__(self) -> int:
        return len(self.points)

    def add(self, x: float, y: float) -> None:
        """Append one point (cheap: no smoothing, no drawing)."""
        self.points.append(x, y)

    def extend_finite(self, x: np.ndarray, y: np.ndarray) -> None:
        """Append the points whose x and y are both finite (a missing or diverged value is left out)."""
        keep = np.isfinite(x) & np.isfinite(y)
        self.points.extend(x[keep], y[keep])

    def clear(self) -> None:
        self.points.clear()
        self.smoothed.clear()
        self._smoother.reset()

    def set_weight(self, weight: float) -> None:
        """Change the smoothing weight; the whole series is smoothed again at the next :meth:`draw`."""
        self._smoother = EmaSmoother(weight)
        self.smoothed.clear()

    def smoothed_values(self) -> np.ndarray:
        """The smoothed y of every point (TensorBoard's rule, constant series passed through)."""
        self._catch_up()
        return self.smoothed.view()

    def _catch_up(self) -> None:
        done, y = len(self.smoothed), self.points.y.view()
        if done == 0 and len(y):  # a fresh start: TensorBoard passes a constant series through unchanged
            self._smoother.reset()
            values = self._smoother.extend(y)
            self.smoothed.extend(y if (y == y[0]).all() else values)
        elif done < len(y):
            self.smoothed.extend(self._smoother.extend(y[done:]))

    def set_visible(self, visible: bool) -> None:
        self.item.setVisible(visible)
        self.raw_item.setVisible(visible and self.weight > 0)

    def draw(self, x_range: tuple[float, float] | None, pixels: int) -> None:
        """Show the points inside ``x_range`` (all when None): the raw curve at most two per pixel column, the
        smoothed one at most one per two columns."""
        x, y = self.points.data()
        smooth = self.smoothed_values()
        part = visible_slice(x, x_range)
        buckets = max(int(pixels), 16)
        marked = self.symbol if part.stop - part.start <= SYMBOL_LIMIT else None
        if self.item.opts["symbol"] != marked:
            self.item.setSymbol(marked)
        # a smoothed curve has no spikes to keep: one point per two pixel columns draws it as well, and its thick
        # pen costs Qt's stroker time per point; unsmoothed, it is the raw data and keeps full resolution
        smooth_buckets = max(buckets // 4, 16) if self.weight > 0 else buckets
        self.item.setData(*peak_downsample(x[part], smooth[part], smooth_buckets))
        if self.weight > 0:
            self.raw_item.setData(*peak_downsample(x[part], y[part], buckets))
        else:
            self.raw_item.setData([], [])
        self.raw_item.setVisible(self.item.isVisible() and self.weight > 0)

    def nearest(self, x: float) -> tuple[float, float, float] | None:
        """``(x, raw y, smoothed y)`` of the point nearest to ``x``, or None when empty."""
        xs = self.points.x.view()
        if not xs.shape[0]:
            return None
        i = int(np.clip(np.searchsorted(xs, x), 1, xs.shape[0] - 1)) if xs.shape[0] > 1 else 0
        if xs.shape[0] > 1 and abs(xs[i - 1] - x) <= abs(xs[i] - x):
            i -= 1
        return float(xs[i]), float(self.points.y.view()[i]), float(self.smoothed_values()[i])
