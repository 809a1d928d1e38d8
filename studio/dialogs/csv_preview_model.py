"""The import dialog's preview: the first rows of a table, cells that do not parse as their column's type marked.

Rows are labelled with the line they came from in the file (as a text editor counts), so a message about
"line 12" points at a visible row. Column headers show name, type and role; ignored columns are greyed; a cell
that does not read as its column's type has a light red background and a tooltip saying why.
:func:`read_preview` reads those first rows (keeping a ragged-rows error to show).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from engine.data.reader import ReadResult, read_csv
from engine.data.schema import Schema
from engine.data.sniff import CsvOptions, detect
from engine.errors import DataError, EngineError

__all__ = ["BAD_CELL_COLOR", "PreviewModel", "detected_encoding", "read_preview", "role_label", "task_label",
           "type_label"]

BAD_CELL_COLOR = QColor("#ffcdd2")
_IGNORED_COLOR = QColor("#9e9e9e")
_Index = QModelIndex | QPersistentModelIndex


# The English labels, marked for lupdate; translated when asked for, so a language change shows at once.
_TYPE_LABELS = {
    "numeric": QT_TRANSLATE_NOOP("CsvImport", "numeric"),
    "categorical": QT_TRANSLATE_NOOP("CsvImport", "categorical"),
    "boolean": QT_TRANSLATE_NOOP("CsvImport", "boolean"),
    "datetime": QT_TRANSLATE_NOOP("CsvImport", "datetime"),
    "text": QT_TRANSLATE_NOOP("CsvImport", "text"),
    "identifier": QT_TRANSLATE_NOOP("CsvImport", "identifier"),
    "constant": QT_TRANSLATE_NOOP("CsvImport", "constant"),
}
_ROLE_LABELS = {
    "feature": QT_TRANSLATE_NOOP("CsvImport", "feature"),
    "target": QT_TRANSLATE_NOOP("CsvImport", "target"),
    "ignore": QT_TRANSLATE_NOOP("CsvImport", "ignore"),
}
_TASK_LABELS = {
    "binary": QT_TRANSLATE_NOOP("CsvImport", "binary classification"),
    "multiclass": QT_TRANSLATE_NOOP("CsvImport", "multiclass classification"),
    "regression": QT_TRANSLATE_NOOP("CsvImport", "regression"),
}


def _translated(labels: dict[str, str], key: str) -> str:
    text = labels.get(key)
    return key if text is None else QCoreApplication.translate("CsvImport", text)


def type_label(kind: str) -> str:
    """A column type in the interface language."""
    return _translated(_TYPE_LABELS, kind)


def role_label(role: str) -> str:
    """A column role in the interface language."""
    return _translated(_ROLE_LABELS, role)


def task_label(task: str) -> str:
    """A task in the interface language."""
    return _translated(_TASK_LABELS, task)


def read_preview(path: str | Path, request: CsvOptions, rows: int) -> tuple[ReadResult, DataError | None]:
    """The first ``rows`` rows, and the ragged-rows error when there is one: such rows are skipped for the preview
    but the error is returned to be shown (unless ``request`` already skips bad lines)."""
    try:
        return read_csv(path, request, nrows=rows), None
    except DataError as error:
        if not error.details.get("lines") or request.skip_bad_lines:
            raise
        return read_csv(path, replace(request, skip_bad_lines=True), nrows=rows), error


def detected_encoding(path: str | Path) -> str | None:
    """The encoding detection finds for ``path`` (None when the file cannot be read)."""
    try:
        return detect(path).options.encoding
    except EngineError:
        return None


def unparsed_numbers(series: pd.Series, decimal: str, thousands: str) -> np.ndarray:
    """Mask of the present cells of ``series`` that do not read as numbers with these decimal/thousands marks."""
    present = series.notna().to_numpy()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return np.zeros(len(series), dtype=bool)
    text = series.astype(str).str.strip()
    if thousands:
        text = text.str.replace(thousands, "", regex=False)
    if decimal != ".":
        text = text.str.replace(decimal, ".", regex=False)
    numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64)
    return present & np.isnan(numbers)


class PreviewModel(QAbstractTableModel):
    """Read-only table over a preview DataFrame and its schema."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = np.empty((0, 0), dtype=object)
        self._bad = np.zeros((0, 0), dtype=bool)
        self._lines = np.empty(0, dtype=np.int64)
        self._schema: Schema | None = None
        self._names: list[str] = []

    def set_table(self, frame: pd.DataFrame, lines: np.ndarray, schema: Schema, decimal: str = ".",
                  thousands: str = "") -> None:
        """Show ``frame`` (rows from file ``lines``) with ``schema``'s types marking the cells that do not parse."""
        self.beginResetModel()
        self._names = [str(c) for c in frame.columns]
        self._lines = np.asarray(lines)
        columns = [frame.iloc[:, j] for j in range(frame.shape[1])]
        self._text = np.empty(frame.shape, dtype=object)
        for j, series in enumerate(columns):
            text = series.astype(str).to_numpy(dtype=object)
            text[series.isna().to_numpy()] = ""
            self._text[:, j] = text
        self._bad = np.zeros(frame.shape, dtype=bool)
        self._schema = schema
        for j, info in enumerate(schema.columns if len(schema.columns) == len(columns) else []):
            if info.type == "numeric":
                self._bad[:, j] = unparsed_numbers(columns[j], decimal, thousands)
        where = {name: j for j, name in enumerate(self._names)}
        for row, name in schema.bad_cells:
            if row < frame.shape[0] and name in where:
                self._bad[row, where[name]] = True
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._text = np.empty((0, 0), dtype=object)
        self._bad = np.zeros((0, 0), dtype=bool)
        self._lines = np.empty(0, dtype=np.int64)
        self._schema = None
        self._names = []
        self.endResetModel()

    def bad_cells(self) -> list[tuple[int, int]]:
        """(row, column) of every marked cell."""
        return [(int(r), int(c)) for r, c in np.argwhere(self._bad)]

    def row_of_line(self, line: int) -> int | None:
        """The preview row read from file line ``line``, if shown."""
        found = np.flatnonzero(self._lines == line)
        return int(found[0]) if found.size else None

    def column_of(self, name: str) -> int | None:
        return self._names.index(name) if name in self._names else None

    def column_name(self, column: int) -> str:
        return self._names[column]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (a Qt override)
        return 0 if parent.isValid() else self._text.shape[0]

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (a Qt override)
        return 0 if parent.isValid() else self._text.shape[1]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[r, c]
        if role == Qt.ItemDataRole.BackgroundRole and self._bad[r, c]:
            return QBrush(BAD_CELL_COLOR)
        if role == Qt.ItemDataRole.ForegroundRole and self._role(c) == "ignore":
            return QBrush(_IGNORED_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cell_tip(r, c)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802 (a Qt override)
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self._lines):
                return str(int(self._lines[section]))
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("CsvImport", "Line in the file")
            return None
        if section >= len(self._names):
            return None
        info = self._info(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if info is None:
                return self._names[section]
            return f"{info.name}\n{type_label(info.type)} · {role_label(info.role)}"
        if role == Qt.ItemDataRole.ToolTipRole and info is not None:
            return info.reason
        return None

    def _info(self, column: int) -> Any:
        if self._schema is None or column >= len(self._schema.columns):
            return None
        return self._schema.columns[column]

    def _role(self, column: int) -> str | None:
        info = self._info(column)
        return None if info is None else info.role

    def _cell_tip(self, row: int, column: int) -> str | None:
        if self._bad[row, column]:
            return QCoreApplication.translate(
                "CsvImport", "'{value}' is not a number, but column '{column}' holds numbers: this cell is read as "
                "missing.").format(value=self._text[row, column], column=self._names[column])
        if self._text[row, column] == "":
            return QCoreApplication.translate("CsvImport", "missing value")
        return None
