"""Save any plot as PNG or SVG from its context menu (written atomically).

:func:`install_export_actions` adds "Export PNG…" and "Export SVG…" to a ``PlotWidget``'s right-click menu.
:func:`export_plot` renders the plot and writes it through a temporary file in the target's folder, renamed
over the target only when complete, so an interrupted export never leaves a truncated image behind.

PNG goes through ``pyqtgraph.exporters.ImageExporter``. SVG is drawn by Qt's ``QSvgGenerator`` from the plot's
scene: pyqtgraph 0.14's ``SVGExporter`` cannot parse the path data Qt 6.11 writes (``ValueError: not enough
values to unpack`` on any curve).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from PySide6.QtCore import QCoreApplication, QRect, QRectF
from PySide6.QtGui import QAction, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox

__all__ = ["FORMATS", "export_plot", "install_export_actions", "retranslate_export_actions"]

#: Supported formats: suffix → the file dialog's filter label.
FORMATS = {"png": "PNG image", "svg": "SVG drawing"}


def export_plot(plot: pg.PlotWidget, path: str | Path, *, width: int | None = None) -> Path:
    """Write ``plot`` to ``path`` as PNG or SVG (chosen by the suffix); returns the path written.

    ``width`` (PNG only) sets the image width in pixels, default the plot's own; the height keeps the aspect.
    Raises ``ValueError`` for another suffix and ``OSError`` when the file cannot be written.
    """
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"expected a .png or .svg file name, received {path.name!r}")
    if kind == "svg":
        return _write_atomically(path, lambda temp: _render_svg(plot, temp))
    exporter = exporters.ImageExporter(plot.getPlotItem())
    if width is not None:
        exporter.parameters()["width"] = int(width)  # the exporter keeps the aspect ratio
    image = exporter.export(toBytes=True)

    def save(temp: str) -> None:
        if not image.save(temp, "PNG"):
            raise OSError(f"could not write a PNG image to {temp}")

    return _write_atomically(path, save)


def _render_svg(plot: pg.PlotWidget, file_name: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(file_name)
    generator.setSize(plot.size())
    generator.setViewBox(QRect(0, 0, plot.width(), plot.height()))
    generator.setTitle(plot.getPlotItem().titleLabel.text)
    painter = QPainter(generator)
    try:
        plot.scene().render(painter, QRectF(0, 0, plot.width(), plot.height()), plot.sceneRect())
    finally:
        painter.end()


def _write_atomically(path: Path, write: Callable[[str], object]) -> Path:
    """Call ``write(temp_path)`` for a temporary file next to ``path``, then rename it to ``path``."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(temp)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return path


def install_export_actions(plot: pg.PlotWidget, name: str = "plot") -> list[QAction]:
    """Add "Export PNG…" and "Export SVG…" to the plot's context menu; ``name`` is the suggested file name.

    Returns the two actions (their ``data()`` is the format), e.g. for a toolbar or a test.
    """
    menu = plot.getPlotItem().getViewBox().menu
    menu.addSeparator()
    actions = []
    for kind in FORMATS:
        action = QAction(menu)
        action.setData(kind)
        action.setText(_action_text(kind))
        action.triggered.connect(lambda _checked=False, k=kind: _ask_and_export(plot, k, name))
        menu.addAction(action)
        actions.append(action)
    return actions


def retranslate_export_actions(actions: list[QAction]) -> None:
    """Set the actions' texts in the current language."""
    for action in actions:
        action.setText(_action_text(action.data()))


def _action_text(kind: str) -> str:
    if kind == "png":
        return QCoreApplication.translate("PlotExport", "Export PNG…")
    return QCoreApplication.translate("PlotExport", "Export SVG…")


def _ask_and_export(plot: pg.PlotWidget, kind: str, name: str) -> None:
    if kind == "png":
        label = QCoreApplication.translate("PlotExport", "PNG image")
    else:
        label = QCoreApplication.translate("PlotExport", "SVG drawing")
    title = QCoreApplication.translate("PlotExport", "Export plot")
    path, _ = QFileDialog.getSaveFileName(plot, title, f"{name}.{kind}", f"{label} (*.{kind})")
    if not path:
        return
    if not path.lower().endswith(f".{kind}"):
        path += f".{kind}"
    try:
        export_plot(plot, path)
    except (OSError, ValueError) as error:
        message = QCoreApplication.translate("PlotExport", "Could not export the plot: {error}")
        QMessageBox.warning(plot, title, message.format(error=error))
