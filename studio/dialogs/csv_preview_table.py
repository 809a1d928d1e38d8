"""The import dialog's preview table: the rows of :class:`PreviewModel`, a type/role menu on the column headers,
and the selection of the cell an error names.

Like the columns panel it only asks (``edit_requested(names, type, role)``); the dialog applies the change. Its
texts keep the translation context "CsvImportDialog", where they have always been.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTableView, QWidget

from engine.data.schema import ROLES, TYPES
from studio.dialogs.csv_preview_model import PreviewModel, role_label, type_label

__all__ = ["PreviewTable"]


class PreviewTable(QTableView):
    """Shows ``model``; right-clicking a header offers the menu while ``editable()`` says the schema is known."""

    edit_requested = Signal(list, object, object)  # column names, type or None, role or None

    def __init__(self, model: PreviewModel, editable: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model, self._editable = model, editable
        self.setObjectName("preview")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.horizontalHeader().customContextMenuRequested.connect(self._header_menu)

    def _header_menu(self, pos: QPoint) -> None:
        column = self.horizontalHeader().logicalIndexAt(pos)
        if column < 0 or not self._editable():
            return
        chosen = {i.column() for i in self.selectionModel().selectedColumns()}
        names = [self._model.column_name(c) for c in sorted(chosen)] if column in chosen else []
        names = names or [self._model.column_name(column)]
        menu = self.header_menu(names)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def header_menu(self, names: list[str]) -> QMenu:
        """The type/role menu for ``names`` (the columns under and selected with the right-clicked header)."""
        menu = QMenu(self)
        types = menu.addMenu(QCoreApplication.translate("CsvImportDialog", "Type"))
        for kind in TYPES:
            types.addAction(type_label(kind), lambda k=kind: self.edit_requested.emit(names, k, None))
        roles = menu.addMenu(QCoreApplication.translate("CsvImportDialog", "Role"))
        for role in ROLES:
            action = roles.addAction(role_label(role), lambda r=role: self.edit_requested.emit(names, None, r))
            action.setEnabled(role != "target" or len(names) == 1)
        return menu

    def select_cell(self, line: int | None, column: str | None) -> None:
        """Select the cell of file line ``line`` and ``column`` (or the row, or the column) when shown."""
        row = None if line is None else self._model.row_of_line(line)
        col = None if column is None else self._model.column_of(column)
        if row is not None and col is not None:
            index = self._model.index(row, col)
            self.setCurrentIndex(index)
            self.scrollTo(index)
        elif row is not None:
            self.selectRow(row)
        elif col is not None:
            self.selectColumn(col)
