"""The confusion matrix as a heatmap: counts, row percentages (recall) or column percentages (precision).

Rows are the true classes, columns the predicted ones, as :func:`engine.metrics.confusion_matrix`. Each cell
shows its number in black on light cells and white on dark ones, so text stays readable at any value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.metrics import confusion_matrix
from studio.plots.redraw import LiveView
from studio.plots.style import AXIS_COLOUR, make_plot

__all__ = ["MODES", "ConfusionView", "cell_texts"]

#: Display modes: counts, each row divided by its total (true class), each column by its total (prediction).
MODES = ("counts", "row", "column")
#: Matrices larger than this show colours only (the numbers would not fit).
MAX_TEXT_CLASSES = 25
_COLOURS = pg.ColorMap([0.0, 1.0], [(247, 251, 255), (8, 48, 107)])  # white → dark blue ("Blues")


def cell_texts(matrix: np.ndarray, mode: str) -> list[list[str]]:
    """The text of every cell: the count, or the row or column percentage with one decimal ("83.3%")."""
    values = _normalised(matrix, mode)
    if mode == "counts":
        return [[f"{v:g}" for v in row] for row in values.tolist()]
    return [[f"{100 * v:.1f}%" for v in row] for row in values.tolist()]


def _normalised(matrix: np.ndarray, mode: str) -> np.ndarray:
    if mode == "counts":
        return matrix
    totals = matrix.sum(axis=1, keepdims=True) if mode == "row" else matrix.sum(axis=0, keepdims=True)
    return np.divide(matrix, totals, out=np.zeros(matrix.shape, dtype=np.float64), where=totals != 0)


class ConfusionView(LiveView):
    """A heatmap of the confusion matrix with class names on both axes and a mode chooser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode_label = QLabel()
        self.mode_choice = QComboBox()
        self.mode_choice.setObjectName("mode")
        self.mode_choice.addItems(["", "", ""])
        controls = QHBoxLayout()
        controls.addWidget(self.mode_label)
        controls.addWidget(self.mode_choice)
        controls.addStretch(1)
        self.plot = make_plot("confusion_matrix")
        item = self.plot.getPlotItem()
        item.showGrid(x=False, y=False)
        item.invertY(True)
        item.setMouseEnabled(x=False, y=False)
        item.getViewBox().setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(_COLOURS.getLookupTable(nPts=256))
        item.addItem(self.image)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        self._texts: list[pg.TextItem] = []
        self.matrix: np.ndarray | None = None
        self.classes: list[str] = []
        self.mode_choice.currentIndexChanged.connect(self._changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_predictions(self, y_true: Any, y_pred: Any, classes: Sequence[str]) -> None:
        """True and predicted class indices (0…k-1) and the class names; the matrix is counted now, drawn later."""
        self.set_matrix(confusion_matrix(y_true, y_pred, labels=np.arange(len(classes))), classes)

    def set_matrix(self, matrix: Any, classes: Sequence[str]) -> None:
        """Show a ready confusion matrix (rows: truth), e.g. ``threshold_metrics(...)["confusion_matrix"]``."""
        matrix = np.asarray(matrix, dtype=np.float64)
        if matrix.shape != (len(classes), len(classes)):
            raise ValueError(f"expected a {len(classes)}×{len(classes)} matrix for {len(classes)} classes, "
                             f"received shape {matrix.shape}")
        self.matrix, self.classes = matrix, [str(c) for c in classes]
        self._changed()

    def set_mode(self, mode: str) -> None:
        """``"counts"``, ``"row"`` (row %, the recall of each class) or ``"column"`` (column %, precision)."""
        self.mode_choice.setCurrentIndex(MODES.index(mode))

    @property
    def mode(self) -> str:
        return MODES[self.mode_choice.currentIndex()]

    def clear(self) -> None:
        """Remove the matrix (a new run)."""
        self.matrix, self.classes = None, []
        self._changed()

    def cell_texts(self) -> list[list[str]]:
        """The texts drawn in the cells, row by row (empty before any matrix or when too large for text)."""
        n = len(self.classes)
        return [[self._texts[i * n + j].toPlainText() for j in range(n)] for i in range(n)] if self._texts else []

    # -- drawing -----------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        for text in self._texts:
            item.removeItem(text)
        self._texts.clear()
        if self.matrix is None:
            self.image.clear()
            return
        n = len(self.classes)
        values = _normalised(self.matrix, self.mode)
        top = float(values.max()) or 1.0
        self.image.setImage(values, levels=(0.0, top))
        self.image.setRect(0, 0, n, n)
        if n <= MAX_TEXT_CLASSES:
            font = QFont()
            font.setPointSizeF(max(7.0, 11.0 - 0.25 * n))
            for i, row in enumerate(cell_texts(self.matrix, self.mode)):
                for j, text in enumerate(row):
                    dark = values[i, j] / top > 0.55
                    label = pg.TextItem(text, color="w" if dark else AXIS_COLOUR, anchor=(0.5, 0.5))
                    label.setFont(font)
                    label.setPos(j + 0.5, i + 0.5)
                    item.addItem(label)
                    self._texts.append(label)
        ticks = [[(k + 0.5, name) for k, name in enumerate(self.classes)]]
        item.getAxis("bottom").setTicks(ticks)
        item.getAxis("left").setTicks(ticks)
        item.setRange(xRange=(0, n), yRange=(0, n), padding=0.02)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.mode_label.setText(self.tr("Show:"))
        for index, text in enumerate((self.tr("Counts"), self.tr("Row % (recall)"), self.tr("Column % (precision)"))):
            self.mode_choice.setItemText(index, text)
        item = self.plot.getPlotItem()
        item.setTitle(self.tr("Confusion matrix"))
        item.setLabel("bottom", self.tr("Predicted class"))
        item.setLabel("left", self.tr("True class"))
