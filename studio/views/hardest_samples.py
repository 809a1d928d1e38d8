"""The validation rows the model finds hardest: misclassified first, then by loss or by confidence.

Selecting a row emits ``sample_selected(index)`` (the row's index in the validation data) — the window passes it
to the decision-boundary view to ring the point — and shows the sample as an image for image data. Feed it::

    view.set_data(x_val, y_val, classes=[...])     # classes=[] for regression
    view.set_model(model, loss)                    # a private copy of the model; the trainer's loss
    view.set_weights(weights)                      # after an epoch (recomputed at most ~30 times a second)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.insight.hardest import ORDERS, HardRows, hardest_samples
from engine.model import Sequential
from studio.plots.redraw import LiveView
from studio.views import ModelMirror

__all__ = ["HardestSamplesView"]

#: Rows listed (the hardest ones).
SHOWN_ROWS = 200
IMAGE_SIZE = 160
_MISTAKE = QColor(253, 226, 226)


class HardestSamplesView(LiveView):
    """A table of the hardest validation rows and, for image data, the selected sample's image."""

    sample_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order_by = QComboBox()
        self.order_by.setObjectName("order_by")
        self.order_by.addItems([""] * len(ORDERS))
        self.order_label = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        controls = QHBoxLayout()
        controls.addWidget(self.order_label)
        controls.addWidget(self.order_by)
        controls.addWidget(self.summary, 1)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.image = QLabel()
        self.image.setObjectName("image")
        self.image.setFixedSize(IMAGE_SIZE, IMAGE_SIZE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.hide()
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(body, 1)
        self._x: np.ndarray | None = None
        self._y: np.ndarray | None = None
        self._classes: list[str] = []
        self._mirror: ModelMirror | None = None
        self._loss: Any = None
        self.rows: HardRows | None = None
        self.order_by.currentIndexChanged.connect(self._changed)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_data(self, x_val: np.ndarray, y_val: np.ndarray, classes: Sequence[str] = ()) -> None:
        """The validation rows (class indices, or values for regression with ``classes=[]``)."""
        self._x, self._y, self._classes = np.asarray(x_val), np.asarray(y_val), list(classes)
        self._changed()

    def set_model(self, model: Sequential, loss: Any) -> None:
        """The model (a private copy is kept) and the trainer's loss (key, spec or instance)."""
        self._mirror, self._loss = ModelMirror(model), loss
        self._changed()

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """New weights by full parameter name; the ranking is recomputed at the next tick."""
        if self._mirror is not None:
            self._mirror.set_weights(weights)
            self._changed()

    def select_rank(self, rank: int) -> None:
        """Select the ``rank``-th hardest row (0 = hardest)."""
        self.table.selectRow(rank)

    # -- drawing -----------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        if self._mirror is None or self._x is None or self._y is None or not len(self._x):
            return
        self.rows = rows = hardest_samples(self._mirror.model, self._loss, self._x, self._y,
                                           by=ORDERS[max(self.order_by.currentIndex(), 0)])
        shown = rows.order[:SHOWN_ROWS]
        self.table.blockSignals(True)
        self.table.clearContents()
        self.table.setRowCount(len(shown))
        for r, index in enumerate(shown):
            cells = [str(int(index)), self._label(self._y[index]), "–", "–", f"{rows.loss[index]:.4g}"]
            if rows.predicted is not None:
                cells[2] = self._label(rows.predicted[index])
                cells[3] = f"{rows.confidence[index]:.3f}"
            wrong = rows.correct is not None and not rows.correct[index]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, int(index))
                if wrong:
                    item.setBackground(_MISTAKE)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        if rows.correct is not None:
            wrong = int((~rows.correct).sum())
            self.summary.setText(self.tr("{wrong} of {total} validation rows misclassified").format(
                wrong=wrong, total=len(rows.order)))
        else:
            self.summary.setText(self.tr("{total} validation rows, highest loss first").format(total=len(rows.order)))

    def _label(self, value: Any) -> str:
        if self._classes:
            index = int(np.asarray(value).reshape(-1)[0])
            return self._classes[index] if 0 <= index < len(self._classes) else str(index)
        return f"{float(np.asarray(value).reshape(-1)[0]):.4g}"

    def _on_selection(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        index = int(items[0].data(Qt.ItemDataRole.UserRole))
        self._show_image(index)
        self.sample_selected.emit(index)

    def _show_image(self, index: int) -> None:
        sample = self._x[index] if self._x is not None else None
        if sample is None or sample.ndim < 2:
            self.image.hide()
            return
        pixels = sample[0] if sample.ndim == 3 and sample.shape[0] == 1 else sample
        if pixels.ndim == 3:  # C×H×W colour
            pixels = np.moveaxis(pixels[:3], 0, -1)
        low, high = float(pixels.min()), float(pixels.max())
        grey = np.ascontiguousarray(np.rint((pixels - low) / (high - low or 1.0) * 255).astype(np.uint8))
        if grey.ndim == 2:
            image = QImage(grey.data, grey.shape[1], grey.shape[0], grey.shape[1], QImage.Format.Format_Grayscale8)
        else:
            image = QImage(grey.data, grey.shape[1], grey.shape[0], 3 * grey.shape[1], QImage.Format.Format_RGB888)
        self.image.setPixmap(QPixmap.fromImage(image.copy()).scaled(
            IMAGE_SIZE, IMAGE_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
        self.image.show()

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.order_label.setText(self.tr("Misclassified first, then by:"))
        self.order_by.setItemText(0, self.tr("Loss (highest first)"))
        self.order_by.setItemText(1, self.tr("Confidence (sure mistakes, unsure answers)"))
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Target"), self.tr("Predicted"),
                                              self.tr("Confidence"), self.tr("Loss")])
        self._changed()
