"""The pooling explorer: an editable grid pooled by the engine, and where every output cell came from.

The learners' example is the default: a 4×4 grid holding 1 … 16 through a 2×2 window with stride 2 becomes 2×2.
Every number shown is computed by the engine — ``pool2d_with_indices`` for max and average pooling, and for
k-max pooling its window indices followed by ``k_max_pool`` on each window (the k largest values of the window,
in their original order; a window covering the whole grid is the k_max_pool layer). Hovering or selecting an
output cell colours its window in the input and, strongly, the cells the output was taken from.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.errors import EngineError
from engine.layers.pooling import k_max_pool, pool2d_with_indices
from studio.i18n import Retranslating
from studio.views.number_grid import coloured_cells, fill_table, number_table, number_text

__all__ = ["MODES", "PoolingExplorer", "pool_grid"]

#: Modes in the chooser's order: max pooling, average pooling, k-max pooling.
MODES = ("max", "avg", "kmax")
#: Paddings in the chooser's order (the engine's names).
PADDINGS = ("valid", "same")
SOURCE_COLOUR = QColor("#f28e2b")
WINDOW_COLOUR = QColor("#fde3c8")
MAX_SIDE = 10


def pool_grid(grid: np.ndarray, window: int, stride: int, padding: str, mode: str,
              k: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values, sources, windows) of pooling a 2-D grid, all (OH, OW, m) with the engine's functions.

    ``values[..., j]`` came from input cell ``sources[..., j]`` (row-major flat index; for average pooling the
    sources are the whole window); ``windows`` holds each output's window cells; −1 marks padding.
    """
    _, windows = pool2d_with_indices(grid, window, stride, mode="avg", padding=padding)
    if mode == "kmax":
        candidates = np.where(windows >= 0, grid.ravel()[np.maximum(windows, 0)], -np.inf)
        values, positions = k_max_pool(candidates, k)
        return values, np.take_along_axis(windows, positions, axis=-1), windows
    out, sources = pool2d_with_indices(grid, window, stride, mode=mode, padding=padding)
    return out[..., None], sources, windows


class PoolingExplorer(Retranslating, QWidget):
    """Input grid, pooling controls, output grid and a sentence saying what happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_spin, self.cols_spin = self._spin("rows", 1, MAX_SIDE, 4), self._spin("cols", 1, MAX_SIDE, 4)
        self.window_spin = self._spin("window", 1, MAX_SIDE, 2)
        self.stride_spin = self._spin("stride", 1, MAX_SIDE, 2)
        self.k_spin = self._spin("k", 1, 4, 2)
        self.padding_choice = QComboBox()
        self.padding_choice.setObjectName("padding")
        self.padding_choice.addItems(list(PADDINGS))
        self.mode_choice = QComboBox()
        self.mode_choice.setObjectName("mode")
        self.mode_choice.addItems(["", "", ""])
        self.labels = {name: QLabel() for name in ("size", "window", "stride", "padding", "mode", "k", "input",
                                                   "output")}
        controls = QGridLayout()
        size = QHBoxLayout()
        size.addWidget(self.rows_spin)
        size.addWidget(QLabel("×"))
        size.addWidget(self.cols_spin)
        placed = [("size", size), ("window", self.window_spin), ("stride", self.stride_spin),
                  ("padding", self.padding_choice), ("mode", self.mode_choice), ("k", self.k_spin)]
        for column, (name, widget) in enumerate(placed):
            controls.addWidget(self.labels[name], 0, column)
            if isinstance(widget, QHBoxLayout):
                controls.addLayout(widget, 1, column)
            else:
                controls.addWidget(widget, 1, column)
        controls.setColumnStretch(len(placed), 1)
        self.input_table = number_table("input", editable=True)
        self.output_table = number_table("output", editable=False)
        self.output_table.setMouseTracking(True)
        tables = QGridLayout()
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        tables.addWidget(self.labels["input"], 0, 0)
        tables.addWidget(self.input_table, 1, 0, top)
        arrow = QLabel("→")
        arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = arrow.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        arrow.setFont(font)
        tables.addWidget(arrow, 1, 1)
        tables.addWidget(self.labels["output"], 0, 2)
        tables.addWidget(self.output_table, 1, 2, top)
        tables.setColumnStretch(3, 1)
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(tables)
        layout.addWidget(self.caption)
        layout.addWidget(self.message)
        layout.addStretch(1)
        #: The input grid, and after every change the engine's answer: values/sources/windows are (OH, OW, m).
        self.grid = np.arange(1, 17, dtype=np.float64).reshape(4, 4)
        self.values: np.ndarray | None = None
        self.sources: np.ndarray | None = None
        self.windows: np.ndarray | None = None
        self.selected: tuple[int, int] | None = None
        self._error = ""
        self._notice = ""
        self._fill_input()
        for spin in (self.rows_spin, self.cols_spin):
            spin.valueChanged.connect(self._resize_grid)
        for spin in (self.window_spin, self.stride_spin, self.k_spin):
            spin.valueChanged.connect(self.recompute)
        self.padding_choice.currentIndexChanged.connect(self.recompute)
        self.mode_choice.currentIndexChanged.connect(self.recompute)
        self.input_table.itemChanged.connect(self._cell_edited)
        self.output_table.cellEntered.connect(self.highlight)
        self.output_table.currentCellChanged.connect(lambda row, col, *_: self.highlight(row, col))
        self.retranslate()

    # -- building ----------------------------------------------------------------------------------------------
    def _spin(self, name: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _fill_input(self) -> None:
        fill_table(self.input_table, [[number_text(v) for v in row] for row in self.grid])

    # -- API ---------------------------------------------------------------------------------------------------
    def set_grid(self, grid: np.ndarray) -> None:
        """Replace the input grid (2-D, at most 10×10)."""
        grid = np.array(grid, dtype=np.float64)
        if grid.ndim != 2 or not 1 <= min(grid.shape) <= max(grid.shape) <= MAX_SIDE:
            raise ValueError(f"pooling explorer: expected a 2-D grid of 1…{MAX_SIDE} rows and columns, received "
                             f"shape {grid.shape}")
        self.grid = grid
        with QSignalBlocker(self.rows_spin), QSignalBlocker(self.cols_spin):
            self.rows_spin.setValue(grid.shape[0])
            self.cols_spin.setValue(grid.shape[1])
        self._fill_input()
        self.recompute()

    def set_pooling(self, window: int, stride: int, padding: str = "valid", mode: str = "max", k: int = 2) -> None:
        """Set every control at once (one recomputation)."""
        with (QSignalBlocker(self.window_spin), QSignalBlocker(self.stride_spin), QSignalBlocker(self.k_spin),
              QSignalBlocker(self.padding_choice), QSignalBlocker(self.mode_choice)):
            self.window_spin.setValue(window)
            self.stride_spin.setValue(stride)
            self.padding_choice.setCurrentIndex(PADDINGS.index(padding))
            self.mode_choice.setCurrentIndex(MODES.index(mode))
            self.k_spin.setMaximum(window * window)
            self.k_spin.setValue(k)
        self.recompute()

    @property
    def mode(self) -> str:
        return MODES[self.mode_choice.currentIndex()]

    @property
    def padding(self) -> str:
        return PADDINGS[self.padding_choice.currentIndex()]

    @property
    def output(self) -> np.ndarray | None:
        """The output grid (OH, OW); k-max: (OH, OW, k). None when the settings do not fit the grid."""
        if self.values is None:
            return None
        return self.values if self.mode == "kmax" else self.values[..., 0]

    def output_texts(self) -> list[list[str]]:
        """The texts of the output table, row by row."""
        table = self.output_table
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]

    def highlighted_cells(self) -> set[tuple[int, int]]:
        """Input cells coloured as sources of the hovered or selected output cell."""
        return coloured_cells(self.input_table, SOURCE_COLOUR)

    def window_cells(self) -> set[tuple[int, int]]:
        """Input cells coloured as the rest of that output's window."""
        return coloured_cells(self.input_table, WINDOW_COLOUR)

    # -- computing ---------------------------------------------------------------------------------------------
    def recompute(self) -> None:
        """Pool the grid with the current settings and show the output (or the engine's reason it cannot)."""
        window = self.window_spin.value()
        self.k_spin.setMaximum(window * window)
        self.k_spin.setEnabled(self.mode == "kmax")
        self.selected = None
        try:
            self.values, self.sources, self.windows = pool_grid(self.grid, window, self.stride_spin.value(),
                                                                self.padding, self.mode,
                                                                self.k_spin.value())
            self._error = ""
        except EngineError as error:
            self.values = self.sources = self.windows = None
            self._error = error.message
        self._fill_output()
        self._paint_input()
        self._describe()

    def _fill_output(self) -> None:
        values = [] if self.values is None else self.values
        fill_table(self.output_table, [[", ".join(number_text(v) for v in cell) for cell in row] for row in values],
              wide=self.mode == "kmax")  # "16, 15" needs more than a square cell

    def highlight(self, row: int, col: int) -> None:
        """Colour the input cells that output cell (row, col) came from; (−1, −1) clears."""
        inside = self.values is not None and 0 <= row < self.values.shape[0] and 0 <= col < self.values.shape[1]
        self.selected = (row, col) if inside else None
        self._paint_input()

    def _paint_input(self) -> None:
        colours: dict[int, QColor] = {}
        if self.selected is not None and self.sources is not None and self.windows is not None:
            colours = {int(i): WINDOW_COLOUR for i in self.windows[self.selected] if i >= 0}
            colours.update({int(i): SOURCE_COLOUR for i in self.sources[self.selected] if i >= 0})
        rows, cols = self.grid.shape
        with QSignalBlocker(self.input_table):
            for r in range(rows):
                for c in range(cols):
                    colour = colours.get(r * cols + c)
                    self.input_table.item(r, c).setBackground(QBrush(colour) if colour is not None else QBrush())

    def _resize_grid(self) -> None:
        rows, cols = self.rows_spin.value(), self.cols_spin.value()
        old = self.grid
        if np.array_equal(old, np.arange(1, old.size + 1).reshape(old.shape)):
            # the untouched 1, 2, 3, … example stays one at the new size
            self.grid = np.arange(1, rows * cols + 1, dtype=np.float64).reshape(rows, cols)
        else:  # the user's numbers are kept; new cells start at 0
            grid = np.zeros((rows, cols))
            keep_r, keep_c = min(rows, old.shape[0]), min(cols, old.shape[1])
            grid[:keep_r, :keep_c] = old[:keep_r, :keep_c]
            self.grid = grid
        self._fill_input()
        self.recompute()

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        r, c = item.row(), item.column()
        text = item.text().strip().replace("−", "-").replace(",", ".")
        try:
            value = float(text)
            if not np.isfinite(value):
                raise ValueError(text)
        except ValueError:
            with QSignalBlocker(self.input_table):
                item.setText(number_text(self.grid[r, c]))
            self._notice = self.tr("“{text}” is not a number; the cell keeps {value}.").format(
                text=text, value=number_text(self.grid[r, c]))
            self.message.setText(self._notice)
            return
        self.grid[r, c] = value
        self._notice = ""
        self.recompute()

    # -- words -------------------------------------------------------------------------------------------------
    def _describe(self) -> None:
        rows, cols = self.grid.shape
        window, stride = self.window_spin.value(), self.stride_spin.value()
        if self.values is None:
            self.caption.setText(self.tr("A {rows}×{cols} input cannot go through a {w}×{w} window with stride "
                                         "{s}:").format(rows=rows, cols=cols, w=window, s=stride))
            self.message.setText(self._error)
            return
        self.message.setText(self._notice)
        out_r, out_c = self.values.shape[:2]
        same = self.padding == "same"
        if same:
            sentence = self.tr("A {rows}×{cols} input, padded at the edges (same), through a {w}×{w} window with "
                               "stride {s} becomes {out_r}×{out_c}.")
        else:
            sentence = self.tr("A {rows}×{cols} input through a {w}×{w} window with stride {s} becomes "
                               "{out_r}×{out_c}.")
        parts = [sentence.format(rows=rows, cols=cols, w=window, s=stride, out_r=out_r, out_c=out_c)]
        if self.mode == "max":
            parts.append(self.tr("Each output is the largest value of its window."))
        elif self.mode == "avg":
            parts.append(self.tr("Each output is the average of its window (padding cells count as 0).") if same
                         else self.tr("Each output is the average of its window."))
        else:
            parts.append(self.tr("Each output keeps the {k} largest values of its window, in their original "
                                 "order.").format(k=self.k_spin.value()))
        parts.append(self.tr("Hover or click an output cell to see which input cells it came from."))
        self.caption.setText(" ".join(parts))

    def retranslate(self) -> None:
        texts = {"size": self.tr("Input size"), "window": self.tr("Window"), "stride": self.tr("Stride"),
                 "padding": self.tr("Padding"), "mode": self.tr("Pooling"), "k": self.tr("k (k-max)"),
                 "input": self.tr("Input (editable)"), "output": self.tr("Output")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        for index, text in enumerate((self.tr("max"), self.tr("average"), self.tr("k-max"))):
            self.mode_choice.setItemText(index, text)
        self.padding_choice.setItemText(0, self.tr("valid"))
        self.padding_choice.setItemText(1, self.tr("same"))
        self.padding_choice.setToolTip(self.tr("valid: only whole windows; same: pad so that the output is the "
                                               "input size divided by the stride, rounded up."))
        self.recompute()

