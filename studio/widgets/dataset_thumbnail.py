"""Small pictures of datasets for the Data dock: a scatter thumbnail of a 2-D toy and class-balance bars.

Thumbnails are painted straight onto a ``QPixmap`` (no plot widget per button) and cached by dataset spec, so the
dock opens fast and redraws only the toy whose settings changed.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap

from engine.data.dataset import Dataset

__all__ = ["CLASS_COLOURS", "ThumbnailCache", "render_balance", "render_scatter"]

#: Class colours (Tableau 10, colour-blind friendly), as the window's plots use them.
CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac")
_MARGIN = 4
_MAX_POINTS = 2000


def _plane(data: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(horizontal, vertical, class index or None): x1–x2 for 2-D inputs, x–y for one feature (regression)."""
    x = data.x.reshape(len(data.x), -1)
    if x.shape[1] >= 2:
        return x[:, 0], x[:, 1], data.y if data.is_classification else None
    return x[:, 0], np.asarray(data.y, dtype=np.float64), None


def render_scatter(data: Dataset, size: int = 96, validation: np.ndarray | None = None) -> QPixmap:
    """A ``size``×``size`` scatter of ``data`` coloured by class; ``validation`` rows are drawn as rings."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    h, v, classes = _plane(data)
    if h.size == 0:
        return pixmap
    span = size - 2 * _MARGIN
    lo = np.array([h.min(), v.min()])
    extent = np.maximum(np.array([h.max(), v.max()]) - lo, 1e-12)
    px = _MARGIN + (h - lo[0]) / extent[0] * span
    py = _MARGIN + (1.0 - (v - lo[1]) / extent[1]) * span
    held_out = np.zeros(h.size, dtype=bool) if validation is None else np.isin(np.arange(h.size), validation)
    shown = np.arange(h.size) % max(1, -(-h.size // _MAX_POINTS)) == 0  # an even subsample of large datasets
    radius = 2.2 if h.size <= 400 else 1.6
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    groups = np.zeros(h.size, dtype=np.int64) if classes is None else np.asarray(classes)
    for group in np.unique(groups):
        colour = QColor(CLASS_COLOURS[int(group) % len(CLASS_COLOURS)])
        for ring in (False, True):
            mask = (groups == group) & (held_out == ring) & shown
            painter.setPen(QPen(colour, 1.2) if ring else Qt.PenStyle.NoPen)
            painter.setBrush(Qt.BrushStyle.NoBrush if ring else QBrush(colour))
            for x, y in zip(px[mask], py[mask], strict=True):
                painter.drawEllipse(QPointF(float(x), float(y)), radius, radius)
    painter.setPen(QPen(QColor("#c8c8c8")))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0.5, 0.5, size - 1, size - 1))
    painter.end()
    return pixmap


def render_balance(names: Sequence[str], counts: Sequence[int], width: int = 220, font: QFont | None = None) -> QPixmap:
    """Horizontal bars, one per class: name, a bar proportional to its count, and the count."""
    metrics = QFontMetrics(font if font is not None else QFont())
    row = metrics.height() + 4
    pixmap = QPixmap(width, max(1, row * len(names)))
    pixmap.fill(Qt.GlobalColor.transparent)
    if not names:
        return pixmap
    painter = QPainter(pixmap)
    if font is not None:
        painter.setFont(font)
    label_width = min(width // 3, max(metrics.horizontalAdvance(str(n)) for n in names) + 6)
    count_width = max(metrics.horizontalAdvance(str(c)) for c in counts) + 6
    bar_width = max(10, width - label_width - count_width)
    top = max(counts) or 1
    for i, (name, count) in enumerate(zip(names, counts, strict=True)):
        y = i * row
        painter.setPen(QColor("#444444"))
        text = metrics.elidedText(str(name), Qt.TextElideMode.ElideRight, label_width - 6)
        painter.drawText(QRectF(0, y, label_width - 6, row), Qt.AlignmentFlag.AlignVCenter, text)
        painter.fillRect(QRectF(label_width, y + 3, bar_width * count / top, row - 6),
                         QColor(CLASS_COLOURS[i % len(CLASS_COLOURS)]))
        painter.drawText(QRectF(label_width + bar_width * count / top + 4, y, count_width, row),
                         Qt.AlignmentFlag.AlignVCenter, str(count))
    painter.end()
    return pixmap


class ThumbnailCache:
    """Scatter thumbnails by (dataset spec, validation ratio, size), keeping the ``capacity`` latest."""

    def __init__(self, capacity: int = 64) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, QPixmap] = OrderedDict()

    @staticmethod
    def key(spec: dict[str, Any], ratio: float, size: int) -> str:
        return json.dumps([spec, round(ratio, 4), size], sort_keys=True)

    def get(self, key: str) -> QPixmap | None:
        pixmap = self._items.get(key)
        if pixmap is not None:
            self._items.move_to_end(key)
        return pixmap

    def put(self, key: str, pixmap: QPixmap) -> None:
        self._items[key] = pixmap
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
