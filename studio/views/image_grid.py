"""A grid of small images (feature maps, kernels, heatmaps) drawn from 2-D arrays with a colour map.

Every tile keeps the array it was made from (``tile.values``) and the exact RGBA bytes it shows (``tile.rgba``),
so a test can map a pixel back to the engine's number. Pixels are drawn as sharp squares (no smoothing: an 8×8
feature map stays 8×8 cells), tiles are laid out in as many columns as make them largest, titles are elided to
their tile's width, and cells can be outlined (what pooling kept, a hovered window).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from studio.views import diverging_rgba

__all__ = ["COLOUR_MAPS", "ImageGrid", "Tile", "colourize", "lookup_table", "symmetric_range", "to_qimage"]

#: Colour map names → (pyqtgraph map, part of it used); "greys" is a black → white ramp, "diverging" the studio's
#: weight colours (orange negative, white zero, blue positive, as the network graph), "heat" red → yellow.
COLOUR_MAPS = {"viridis": ("viridis", 0.0, 1.0), "greys": None, "diverging": None, "heat": ("CET-L4", 0.45, 1.0)}
OUTLINE_COLOUR = "#ff2a6d"
_GAP = 8


@cache
def lookup_table(name: str) -> np.ndarray:
    """The 256 RGBA colours of a colour map, uint8 (256, 4); read-only."""
    if name not in COLOUR_MAPS:
        raise ValueError(f"unknown colour map {name!r}; known: {', '.join(COLOUR_MAPS)}")
    table = np.full((256, 4), 255, dtype=np.uint8)
    source = COLOUR_MAPS[name]
    if name == "greys":
        table[:, :3] = np.arange(256, dtype=np.uint8)[:, None]
    elif name == "diverging":
        table[:] = diverging_rgba(np.linspace(-1.0, 1.0, 256), 1.0)
    else:
        map_name, start, stop = source
        table[:, :3] = pg.colormap.get(map_name).getLookupTable(start, stop, 256)[:, :3]
    table.flags.writeable = False
    return table


def symmetric_range(values: np.ndarray) -> tuple[float, float]:
    """(−m, m) with m the largest magnitude (1 when all are zero): zero sits in the middle of a diverging map."""
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    return (-top, top) if top > 0 else (-1.0, 1.0)


def colour_indices(values: np.ndarray, vmin: float, vmax: float) -> np.ndarray:
    """Each value's row in the 256-colour table: vmin → 0, vmax → 255, linear in between, clipped."""
    span = vmax - vmin
    scaled = (np.asarray(values, dtype=np.float64) - vmin) * (255.0 / span if span > 0 else 0.0)
    return np.clip(np.nan_to_num(scaled, nan=0.0, posinf=255.0, neginf=0.0), 0, 255).round().astype(np.uint8)


def colourize(values: np.ndarray, vmin: float, vmax: float, cmap: str) -> np.ndarray:
    """RGBA image (H, W, 4) uint8 of a 2-D array through a colour map."""
    return lookup_table(cmap)[colour_indices(values, vmin, vmax)]


def to_qimage(rgba: np.ndarray) -> QImage:
    """An RGBA8888 QImage owning a copy of ``rgba`` (H, W, 4) uint8."""
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    height, width = rgba.shape[:2]
    return QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


@dataclass
class Tile:
    """One image of the grid: its values, the colours they became, a title and cells to outline.

    ``outlines`` are (row, col, rows, cols) boxes in cell units; ``rgba`` is computed from the values unless given
    (an overlay already blended).
    """

    values: np.ndarray
    title: str = ""
    vmin: float = 0.0
    vmax: float = 1.0
    cmap: str = "viridis"
    rgba: np.ndarray | None = None
    outlines: list[tuple[int, int, int, int]] = field(default_factory=list)
    image: QImage = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.values.ndim != 2:
            raise ValueError(f"a tile needs a 2-D array, received shape {self.values.shape}")
        if self.rgba is None:
            self.rgba = colourize(self.values, self.vmin, self.vmax, self.cmap)
        self.image = to_qimage(self.rgba)


class ImageGrid(QWidget):
    """Draws tiles in a grid; hovering a cell shows its value and emits ``cell_hovered(tile, row, col)``.

    ``columns`` fixes the number of columns (kernels: one column per input channel); by default the grid picks the
    count that makes the tiles largest in the available space.
    """

    cell_hovered = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.columns: int | None = None
        self.placeholder = ""
        self._hovered: tuple[int, int, int] | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- content -----------------------------------------------------------------------------------------------
    def set_tiles(self, tiles: Sequence[Tile], columns: int | None = None) -> None:
        """Show ``tiles``; ``columns`` None = automatic."""
        self.tiles = list(tiles)
        self.columns = columns
        self.update()

    def set_stack(self, stack: np.ndarray, titles: Sequence[str] | None = None, cmap: str = "viridis",
                  shared_scale: bool = True, symmetric: bool = False, columns: int | None = None) -> None:
        """One tile per leading index of a (K, H, W) stack, on one colour scale for all or one per tile."""
        stack = np.asarray(stack)
        if stack.ndim != 3:
            raise ValueError(f"expected a stack of images (K, H, W), received shape {stack.shape}")

        def scale(values: np.ndarray) -> tuple[float, float]:
            if symmetric:
                return symmetric_range(values)
            finite = values[np.isfinite(values)]
            return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)

        shared = scale(stack) if shared_scale else None
        titles = list(titles) if titles is not None else [""] * len(stack)
        self.set_tiles([Tile(maps, title, *(shared or scale(maps)), cmap) for maps, title in zip(stack, titles,
                                                                                                     strict=True)],
                       columns)

    def clear(self, placeholder: str = "") -> None:
        """No tiles; ``placeholder`` is written in the middle instead."""
        self.placeholder = placeholder
        self._hovered = None
        self.set_tiles([])

    # -- geometry ----------------------------------------------------------------------------------------------
    def _title_height(self) -> int:
        return self.fontMetrics().height() + 4 if any(tile.title for tile in self.tiles) else 0

    def _layout(self) -> tuple[int, int, float]:
        """(columns, rows, pixels per cell) for the current size."""
        n = len(self.tiles)
        cells_h = max(tile.values.shape[0] for tile in self.tiles)
        cells_w = max(tile.values.shape[1] for tile in self.tiles)
        width, height = max(self.width() - _GAP, 1), max(self.height() - _GAP, 1)
        title = self._title_height()
        best = (1, n, 0.0)
        for columns in [self.columns] if self.columns else range(1, n + 1):
            rows = math.ceil(n / columns)
            size = min((width / columns - _GAP) / cells_w, ((height - rows * title) / rows - _GAP) / cells_h)
            if size > best[2]:
                best = (columns, rows, size)
        columns, rows, size = best
        return columns, rows, max(size, 1.0)

    def tile_rect(self, index: int) -> QRectF:
        """Where tile ``index``'s pixels are drawn, in widget coordinates."""
        columns, rows, size = self._layout()
        cells_h = max(tile.values.shape[0] for tile in self.tiles)
        cells_w = max(tile.values.shape[1] for tile in self.tiles)
        tile = self.tiles[index]
        row, column = divmod(index, columns)
        box_w, box_h = cells_w * size + _GAP, cells_h * size + _GAP + self._title_height()
        # a tile smaller than the largest one (a pooled map) keeps its own cell count and the same box, so that
        # "4×4 becomes 2×2" is seen as fewer, larger cells
        scale = min(cells_w * size / tile.values.shape[1], cells_h * size / tile.values.shape[0])
        w, h = tile.values.shape[1] * scale, tile.values.shape[0] * scale
        margin_x = max((self.width() - columns * box_w - _GAP) / 2, 0)  # the grid is centred
        margin_y = max((self.height() - rows * box_h) / 2, 0)
        left = margin_x + _GAP + column * box_w + (cells_w * size - w) / 2
        top = margin_y + _GAP / 2 + row * box_h + self._title_height() + (cells_h * size - h) / 2
        return QRectF(left, top, w, h)

    def cell_at(self, point: QPoint) -> tuple[int, int, int] | None:
        """(tile, row, col) under ``point``, or None."""
        for index, tile in enumerate(self.tiles):
            rect = self.tile_rect(index)
            if rect.contains(point.toPointF()):
                rows, cols = tile.values.shape
                row = min(int((point.y() - rect.top()) / rect.height() * rows), rows - 1)
                col = min(int((point.x() - rect.left()) / rect.width() * cols), cols - 1)
                return index, row, col
        return None

    def sizeHint(self) -> QSize:  # noqa: N802 (a Qt override)
        return QSize(360, 280)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (a Qt override)
        return QSize(120, 90)

    # -- painting and hovering ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (a Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.tiles:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        metrics = self.fontMetrics()
        title_h = self._title_height()
        for index, tile in enumerate(self.tiles):
            rect = self.tile_rect(index)
            painter.drawImage(rect, tile.image)
            if tile.title:
                box = QRect(int(rect.left()) - _GAP // 2, int(rect.top()) - title_h,
                            max(int(rect.width()) + _GAP, 1), title_h)
                painter.setPen(self.palette().text().color())
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(tile.title, Qt.TextElideMode.ElideRight, box.width()))
            if tile.outlines:
                rows, cols = tile.values.shape
                cell_w, cell_h = rect.width() / cols, rect.height() / rows
                painter.setPen(QPen(QColor(OUTLINE_COLOUR), max(1.5, min(cell_w, cell_h) / 8)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for row, col, n_rows, n_cols in tile.outlines:
                    painter.drawRect(QRectF(rect.left() + col * cell_w, rect.top() + row * cell_h,
                                            n_cols * cell_w, n_rows * cell_h))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the value under the mouse: "[row, col] = value"
            found = self.cell_at(event.pos()) if self.tiles else None
            if found is None:
                QToolTip.hideText()
            else:
                index, row, col = found
                tile = self.tiles[index]
                prefix = f"{tile.title}\n" if tile.title else ""
                QToolTip.showText(event.globalPos(), f"{prefix}[{row}, {col}] = {float(tile.values[row, col]):.4g}",
                                  self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (a Qt override)
        found = self.cell_at(event.position().toPoint()) if self.tiles else None
        if found != self._hovered:
            self._hovered = found
            self.cell_hovered.emit(*(found or (-1, -1, -1)))
        super().mouseMoveEvent(event)
