"""The import dialog's column list: name, type and role combos, missing and distinct counts, and the reason.

Each row's combos change that column; the "selected columns" combos above the list change every selected row at
once. The panel only asks (``edit_requested(names, type, role)``); the dialog applies the change to its schema and
shows the result with :meth:`ColumnsPanel.set_schema`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
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

from engine.data.schema import ROLES, TYPES, Schema
from studio.dialogs.csv_preview_model import role_label, type_label
from studio.i18n import Retranslating

__all__ = ["ColumnsPanel"]

NAME, TYPE, ROLE, MISSING, UNIQUE, REASON = range(6)


class ColumnsPanel(Retranslating, QWidget):
    """One row per column of the schema, with per-row and multi-row type/role editing."""

    edit_requested = Signal(list, object, object)  # column names, type or None, role or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._schema: Schema | None = None
        self.table = QTableWidget(0, 6, objectName="columns")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (NAME, TYPE, ROLE, MISSING, UNIQUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.selection_label = QLabel()
        self.bulk_type = QComboBox(objectName="bulk_type")
        self.bulk_role = QComboBox(objectName="bulk_role")
        for combo, values in ((self.bulk_type, TYPES), (self.bulk_role, ROLES)):
            combo.addItem("")
            for value in values:
                combo.addItem("", value)
            combo.setEnabled(False)
            combo.activated.connect(lambda index, c=combo: self._bulk(c, index))
        bulk = QHBoxLayout()
        bulk.addWidget(self.selection_label)
        bulk.addWidget(self.bulk_type)
        bulk.addWidget(self.bulk_role)
        bulk.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bulk)
        layout.addWidget(self.table)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Type"), self.tr("Role"),
                                              self.tr("Missing"), self.tr("Distinct"), self.tr("Why")])
        self.selection_label.setText(self.tr("Selected columns:"))
        self.bulk_type.setItemText(0, self.tr("Set type…"))
        self.bulk_role.setItemText(0, self.tr("Set role…"))
        for combo, values, label in ((self.bulk_type, TYPES, type_label), (self.bulk_role, ROLES, role_label)):
            for i, value in enumerate(values, start=1):
                combo.setItemText(i, label(value))
        if self._schema is not None:
            self.set_schema(self._schema)

    def selected_names(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table.item(row, NAME).text() for row in rows]

    def select_names(self, names: list[str]) -> None:
        """Select the rows of ``names`` (e.g. from the preview's header menu)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in range(self.table.rowCount()):
            if self.table.item(row, NAME).text() in names:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def set_schema(self, schema: Schema | None) -> None:
        """Show ``schema``'s columns, keeping the selection by name."""
        selected = self.selected_names()
        self._schema = schema
        columns = schema.columns if schema is not None else []
        self.table.blockSignals(True)
        same = [self.table.item(row, NAME).text() for row in range(self.table.rowCount())] == [c.name for c in
                                                                                              columns]
        self.table.setRowCount(len(columns))
        for row, info in enumerate(columns):
            if same:  # keep the combos (and any open popup): only their values change
                self._combo_at(row, TYPE).setCurrentIndex(TYPES.index(info.type))
                self._combo_at(row, ROLE).setCurrentIndex(ROLES.index(info.role))
            else:
                self.table.setItem(row, NAME, QTableWidgetItem(info.name))
                self.table.setCellWidget(row, TYPE, self._combo(info.name, TYPES, info.type, type_label, "type"))
                self.table.setCellWidget(row, ROLE, self._combo(info.name, ROLES, info.role, role_label, "role"))
            self.table.item(row, NAME).setToolTip(info.reason)
            for column, value in ((MISSING, info.missing), (UNIQUE, info.unique)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            reason = QTableWidgetItem(info.reason)
            reason.setToolTip(info.reason)
            self.table.setItem(row, REASON, reason)
        self.table.blockSignals(False)
        self.select_names(selected)
        self._selection_changed()

    def _combo_at(self, row: int, column: int) -> QComboBox:
        combo = self.table.cellWidget(row, column)
        assert isinstance(combo, QComboBox)
        return combo

    def _combo(self, name: str, values: tuple[str, ...], current: str, label: Callable[[str], str],
               what: str) -> QComboBox:
        combo = QComboBox(objectName=f"{what}:{name}")
        for value in values:
            combo.addItem(label(value), value)
        combo.setCurrentIndex(values.index(current))
        combo.activated.connect(lambda _: self.edit_requested.emit(
            [name], combo.currentData() if what == "type" else None, combo.currentData() if what == "role" else None))
        return combo

    def _bulk(self, combo: QComboBox, index: int) -> None:
        value = combo.itemData(index)
        combo.setCurrentIndex(0)
        names = self.selected_names()
        if value is None or not names:
            return
        if combo is self.bulk_type:
            self.edit_requested.emit(names, value, None)
        else:
            self.edit_requested.emit(names, None, value)

    def _selection_changed(self) -> None:
        count = len(self.selected_names())
        for combo in (self.bulk_type, self.bulk_role):
            combo.setEnabled(count > 0)
        target = self.bulk_role.model().item(1 + ROLES.index("target"))
        target.setEnabled(count == 1)  # one target only
