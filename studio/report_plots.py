"""The report's plots drawn offscreen with QPainter onto images: line charts, a scatter plot, a confusion matrix.

Plots are drawn at twice their logical size so they stay sharp in a PDF and on high-density screens. No window or
widget is involved; a QGuiApplication must exist (fonts), which :func:`studio.report.ensure_app` provides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

__all__ = ["FONT_FAMILIES", "PALETTE", "Series", "confusion_image", "line_chart", "png_bytes", "scatter_chart"]

#: Plot text: a Latin font first, then CJK (so Chinese labels render on every platform that has Noto CJK).
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC", "Sans Serif"]
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf"]
SCALE = 2
WIDTH, HEIGHT = 560, 340
_MARGIN = (62, 34, 18, 46)  # left, top, right, bottom (logical pixels)


@dataclass
class Series:
    """One line (or point cloud): its legend label and coordinates; None/NaN values are gaps."""

    label: str
    x: Sequence[float | None]
    y: Sequence[float | None]
    dashed: bool = False


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _canvas(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width * SCALE, height * SCALE, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """'Nice' tick values covering [low, high] (1, 2, 5 × 10^k steps)."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _label(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-3:
        return f"{value:.1e}"
    return f"{value:.4g}"


def _range(values: list[float], fixed: tuple[float, float] | None) -> tuple[float, float]:
    if fixed is not None:
        return fixed
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return 0.0, 1.0
    low, high = min(finite), max(finite)
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        return low - pad, high + pad
    pad = (high - low) * 0.05
    return low - pad, high + pad


def _frame(painter: QPainter, plot: QRectF, xr: tuple[float, float], yr: tuple[float, float], title: str,
           xlabel: str, ylabel: str, width: int) -> None:
    painter.setFont(_font(10, bold=True))
    painter.setPen(QColor("#222222"))
    painter.drawText(QRectF(0, 4, width, 22), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(_font(7.5))
    grid = QPen(QColor("#e4e4e4"), 1)
    for value in _ticks(*xr):
        x = plot.left() + (value - xr[0]) / (xr[1] - xr[0]) * plot.width()
        painter.setPen(grid)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(x - 30, plot.bottom() + 3, 60, 14), Qt.AlignmentFlag.AlignCenter, _label(value))
    for value in _ticks(*yr):
        y = plot.bottom() - (value - yr[0]) / (yr[1] - yr[0]) * plot.height()
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor("#444444"))
        painter.drawText(QRectF(0, y - 7, plot.left() - 5, 14),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _label(value))
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.drawRect(plot)
    painter.setFont(_font(8.5))
    painter.drawText(QRectF(plot.left(), plot.bottom() + 18, plot.width(), 16), Qt.AlignmentFlag.AlignCenter, xlabel)
    painter.save()
    painter.translate(12, plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 16), Qt.AlignmentFlag.AlignCenter, ylabel)
    painter.restore()


def _legend(painter: QPainter, plot: QRectF, entries: list[tuple[str, QColor, bool]], corner: str) -> None:
    if not entries:
        return
    painter.setFont(_font(7.5))
    metrics = painter.fontMetrics()
    shown = entries[:12]
    width = max(metrics.horizontalAdvance(label) for label, _, _ in shown) + 34
    height = 14 * len(shown) + 8
    left = plot.right() - width - 6 if "right" in corner else plot.left() + 6
    top = plot.bottom() - height - 6 if "bottom" in corner else plot.top() + 6
    box = QRectF(left, top, width, height)
    painter.setPen(QPen(QColor("#bbbbbb"), 1))
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRect(box)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for i, (label, color, dashed) in enumerate(shown):
        y = top + 11 + 14 * i
        pen = QPen(color, 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(left + 6, y), QPointF(left + 24, y))
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(left + 29, y + 4), label)


def line_chart(series: Sequence[Series], title: str, xlabel: str, ylabel: str, *,
               x_range: tuple[float, float] | None = None, y_range: tuple[float, float] | None = None,
               diagonal: bool = False, legend: str = "top right", width: int = WIDTH, height: int = HEIGHT) -> QImage:
    """Lines through each series' points (gaps at None/NaN); ``diagonal`` adds the chance line of a ROC plot."""
    image, painter = _canvas(width, height)
    plot = QRectF(_MARGIN[0], _MARGIN[1], width - _MARGIN[0] - _MARGIN[2], height - _MARGIN[1] - _MARGIN[3])
    xr = _range([v for s in series for v in s.x], x_range)
    yr = _range([v for s in series for v in s.y], y_range)
    _frame(painter, plot, xr, yr, title, xlabel, ylabel, width)

    def point(x: float, y: float) -> QPointF:
        return QPointF(plot.left() + (x - xr[0]) / (xr[1] - xr[0]) * plot.width(),
                       plot.bottom() - (y - yr[0]) / (yr[1] - yr[0]) * plot.height())

    painter.setClipRect(plot)
    if diagonal:
        painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DotLine))
        painter.drawLine(point(xr[0], xr[0]), point(xr[1], xr[1]))
    entries = []
    for i, s in enumerate(series):
        color = QColor(PALETTE[i % len(PALETTE)])
        pen = QPen(color, 1.8)
        if s.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        path, drawing, count = QPainterPath(), False, 0
        for x, y in zip(s.x, s.y, strict=True):
            if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
                drawing = False
                continue
            (path.lineTo if drawing else path.moveTo)(point(x, y))
            drawing, count = True, count + 1
        painter.drawPath(path)
        if count == 1:
            painter.drawEllipse(path.currentPosition(), 2.5, 2.5)
        entries.append((s.label, color, s.dashed))
    painter.setClipping(False)
    _legend(painter, plot, entries, legend)
    painter.end()
    return image


def scatter_chart(x: Sequence[float | None], y: Sequence[float | None], title: str, xlabel: str, ylabel: str, *,
                  width: int = WIDTH, height: int = HEIGHT) -> QImage:
    """Points (x, y) with the line y = x: predicted against true values of a regression."""
    values = [v for v in [*x, *y] if v is not None and math.isfinite(v)]
    both = _range(values, None)
    image, painter = _canvas(width, height)
    plot = QRectF(_MARGIN[0], _MARGIN[1], width - _MARGIN[0] - _MARGIN[2], height - _MARGIN[1] - _MARGIN[3])
    _frame(painter, plot, both, both, title, xlabel, ylabel, width)
    span = both[1] - both[0]
    painter.setClipRect(plot)
    painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DotLine))
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.top()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(31, 119, 180, 140))
    for a, b in zip(x, y, strict=True):
        if a is None or b is None:
            continue
        painter.drawEllipse(QPointF(plot.left() + (a - both[0]) / span * plot.width(),
                                    plot.bottom() - (b - both[0]) / span * plot.height()), 2.2, 2.2)
    painter.end()
    return image


def confusion_image(labels: Sequence[str], matrix: Sequence[Sequence[int]], title: str, xlabel: str,
                    ylabel: str) -> QImage:
    """A heat map of counts (rows: true class, columns: predicted class) with each cell's count and row share."""
    counts = np.asarray(matrix, dtype=np.float64)
    k = len(labels)
    cell = max(22, min(64, 360 // max(k, 1)))
    label_width = 90
    width = max(WIDTH, label_width + 40 + cell * k)
    height = 70 + label_width // 2 + cell * k
    image, painter = _canvas(width, height)
    painter.setFont(_font(10, bold=True))
    painter.setPen(QColor("#222222"))
    painter.drawText(QRectF(0, 4, width, 22), Qt.AlignmentFlag.AlignCenter, title)
    left = (width - cell * k + label_width) / 2
    top = 56
    rows = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)
    painter.setFont(_font(8 if cell >= 40 else 6.5))
    for i in range(k):
        for j in range(k):
            rect = QRectF(left + j * cell, top + i * cell, cell, cell)
            strength = float(share[i, j])
            color = QColor.fromRgbF(1 - 0.85 * strength, 1 - 0.55 * strength, 1 - 0.2 * strength)
            painter.fillRect(rect, color)
            painter.setPen(QColor("white" if strength > 0.6 else "#222222"))
            text = f"{int(counts[i, j])}" if cell < 40 else f"{int(counts[i, j])}\n{strength:.0%}"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.drawRect(QRectF(left, top, cell * k, cell * k))
    painter.setFont(_font(7.5))
    metrics = painter.fontMetrics()
    for i, name in enumerate(labels):
        short = metrics.elidedText(str(name), Qt.TextElideMode.ElideRight, label_width - 8)
        painter.drawText(QRectF(left - label_width, top + i * cell, label_width - 6, cell),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, short)
        painter.save()
        painter.translate(left + (i + 0.5) * cell, top + k * cell + 4)
        painter.rotate(35)
        painter.drawText(QPointF(0, 8), metrics.elidedText(str(name), Qt.TextElideMode.ElideRight, label_width - 20))
        painter.restore()
    painter.setFont(_font(8.5))
    painter.drawText(QRectF(left, 30, cell * k, 18), Qt.AlignmentFlag.AlignCenter, xlabel)
    painter.save()
    painter.translate(max(12.0, left - label_width - 10), top + k * cell / 2)
    painter.rotate(-90)
    painter.drawText(QRectF(-k * cell / 2, -8, k * cell, 16), Qt.AlignmentFlag.AlignCenter, ylabel)
    painter.restore()
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """The image encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
