"""Small tables of numbers for the explorer views: square cells, no headers or scroll bars, sized to their cells."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

__all__ = ["CELL", "coloured_cells", "fill_table", "number_table", "number_text"]

#: The side of a square cell, in pixels.
CELL = 46


def number_text(value: float) -> str:
    """A cell's number: four significant digits, −∞ for minus infinity (max-pooling padding)."""
    if np.isneginf(value):
        return "−∞"
    return f"{value:.4g}"


def number_table(name: str, editable: bool) -> QTableWidget:
    """An empty table named ``name`` (one selected cell at a time; read-only unless ``editable``)."""
    table = QTableWidget()
    table.setObjectName(name)
    for header in (table.horizontalHeader(), table.verticalHeader()):
        header.setVisible(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(CELL)
        header.setMinimumSectionSize(CELL)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


def fill_table(table: QTableWidget, texts: list[list[str]], wide: bool = False) -> None:
    """Put ``texts`` (rows of cell texts) in ``table``, centred, square cells unless ``wide``, and size the table
    to show every cell without scroll bars."""
    rows, cols = len(texts), len(texts[0]) if texts else 0
    with QSignalBlocker(table):
        table.clearContents()
        table.setRowCount(rows)
        table.setColumnCount(cols)
        for r, row in enumerate(texts):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(r, c, item)
    if wide:
        table.resizeColumnsToContents()
    else:
        for c in range(cols):
            table.horizontalHeader().resizeSection(c, CELL)
    frame = 2 * table.frameWidth()
    table.setFixedSize(max(table.horizontalHeader().length() + frame, CELL),
                       max(table.verticalHeader().length() + frame, CELL))


def coloured_cells(table: QTableWidget, colour: QColor) -> set[tuple[int, int]]:
    """The (row, column) of every cell of ``table`` whose background is ``colour``."""
    return {(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())
            if table.item(r, c).background().color() == colour
            and table.item(r, c).background().style() != Qt.BrushStyle.NoBrush}
