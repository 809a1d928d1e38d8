"""The layer builder's table: the list of layer specs with each layer's output shape and parameter count.

The table is the document the undo commands edit (:class:`studio.widgets.layer_commands.LayerList`). After every
change it builds the stack with :class:`engine.model.Sequential` on the current input shape, so shapes and counts
are the engine's own; a layer the engine refuses (a ShapeError or ConfigError naming it) is marked red with the
engine's message as tooltip. Rows can be reordered by drag and drop: a drop asks for a move with
:attr:`LayerTable.move_requested` (the builder turns it into an undoable command).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from engine.errors import EngineError
from engine.model import Sequential
from engine.registry import LAYERS
from studio.catalog import display_name

__all__ = ["COLUMNS", "LayerTable", "key_params", "unique_name"]

COLUMNS = ("name", "type", "params_text", "output_shape", "param_count")
_MIME = "application/x-nn-studio-layer-row"
_ERROR_BACKGROUND = QBrush(QColor("#fde0e0"))
_ERROR_FOREGROUND = QBrush(QColor("#b71c1c"))
Spec = dict[str, Any]
Index = QModelIndex | QPersistentModelIndex


def unique_name(key: str, taken: set[str]) -> str:
    """``<key>_<n>`` with the smallest free ``n`` (the names Sequential gives)."""
    n = 1
    while f"{key}_{n}" in taken:
        n += 1
    return f"{key}_{n}"


def key_params(spec: Spec) -> str:
    """The layer's main settings in a few words: ``"8 units, tanh"``, ``"8 filters, kernel size 3×3, relu"``.

    The first parameter and the activation are always shown, other parameters only when they differ from
    their default; initializers and regularizers are left to the form.
    """
    config = spec.get("config") or {}
    parts = []
    for position, param in enumerate(LAYERS.params(spec["type"])):
        if param.registry in ("initializers", "regularizers"):
            continue
        value = config.get(param.name, param.default)
        if position > 0 and param.name != "activation" and value == param.default:
            continue
        words = param.name.replace("_", " ")
        if param.kind == "component":
            parts.append(str(value.get("type") if isinstance(value, dict) else value))
        elif param.kind == "int" and position == 0:
            parts.append(f"{value} {words}")
        elif param.kind in ("ints", "floats"):
            parts.append(f"{words} " + ("×".join(str(v) for v in value) if value is not None else "–"))
        else:
            parts.append(f"{words} {value}")
    return ", ".join(parts)


class LayerTable(QAbstractTableModel):
    """Layer specs (``{"type", "config"}`` with a unique ``name`` in every config) and what the engine makes of them."""

    #: The specs changed (any edit, undo or redo).
    layers_changed = Signal()
    #: A drag and drop asks to move the layer at ``source`` to position ``target``.
    move_requested = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._specs: list[Spec] = []
        self._input_shape: tuple[int, ...] | None = None
        self._rows: list[tuple[tuple[int, ...], int] | None] = []
        self._model: Sequential | None = None
        self._error: tuple[int, str] | None = None
        self._form_error: tuple[int, str] | None = None
        self.headers: Sequence[str] = COLUMNS

    # -- LayerList (edited by the undo commands) ---------------------------------------------------------------
    def specs(self) -> list[Spec]:
        return copy.deepcopy(self._specs)

    def insert_specs(self, index: int, specs: list[Spec]) -> None:
        self.beginInsertRows(QModelIndex(), index, index + len(specs) - 1)
        self._specs[index:index] = specs
        self.endInsertRows()
        self._changed()

    def remove_specs(self, index: int, count: int) -> None:
        self.beginRemoveRows(QModelIndex(), index, index + count - 1)
        del self._specs[index:index + count]
        self.endRemoveRows()
        self._changed()

    def move_spec(self, source: int, target: int) -> None:
        if source == target:
            return
        # Qt's destination is the row the moved row is placed before, counted before the move.
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target + 1 if target > source else target)
        self._specs.insert(target, self._specs.pop(source))
        self.endMoveRows()
        self._changed()

    def set_layer_config(self, index: int, config: dict[str, Any]) -> None:
        self._specs[index] = {"type": self._specs[index]["type"], "config": config}
        self._changed()

    def replace_specs(self, specs: list[Spec]) -> None:
        self.beginResetModel()
        self._specs = specs
        self.endResetModel()
        self._changed()

    # -- analysis ----------------------------------------------------------------------------------------------
    def set_input_shape(self, shape: Sequence[int] | None) -> None:
        self._input_shape = tuple(int(d) for d in shape) if shape is not None else None
        self._changed()

    def input_shape(self) -> tuple[int, ...] | None:
        return self._input_shape

    def model(self) -> Sequential | None:
        """The built model of the current specs, or None (no input shape, or a layer the engine refuses)."""
        return self._model

    def layer_info(self, row: int) -> tuple[tuple[int, ...], int] | None:
        """(output shape, parameter count) of ``row``, or None when unknown."""
        return self._rows[row]

    def error(self) -> tuple[int, str] | None:
        """(row, engine message) of the layer that stops the model from building: a form's invalid field first."""
        return self._form_error or self._error

    def set_form_error(self, row: int, message: str) -> None:
        """Mark ``row`` with a message from its parameter form ("" clears it)."""
        self._form_error = (row, message) if message else None
        self._refresh()

    def _changed(self) -> None:
        self._form_error = None
        self._analyse()
        self._refresh()
        self.layers_changed.emit()

    def _refresh(self) -> None:
        if self._specs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._specs) - 1, len(COLUMNS) - 1))

    def _analyse(self) -> None:
        """Build the specs; on failure, build the layers before the faulty one so that their shapes still show."""
        self._rows, self._error, self._model = [None] * len(self._specs), None, None
        model, failed = Sequential(input_shape=self._input_shape), None
        for row, spec in enumerate(self._specs):
            try:
                model.add(spec)
            except EngineError as error:
                failed = (row, error.message)
                break
        if self._input_shape is not None:
            try:
                model.build()
            except EngineError as error:
                names = [layer.name for layer in model.layers]
                row = names.index(error.layer) if error.layer in names else len(names) - 1
                failed = (row, error.message) if failed is None or row < failed[0] else failed
            if failed is not None:
                model = Sequential(self._specs[:failed[0]], input_shape=self._input_shape)
                model.build()
            for row, info in enumerate(model.summary_rows()):
                self._rows[row] = (tuple(info["output_shape"]), info["params"])
            if failed is None:
                self._model = model
        self._error = failed

    # -- Qt model ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._specs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), COLUMNS[index.column()]
        spec, error = self._specs[row], self.error()
        faulty = error is not None and error[0] == row
        if role == Qt.ItemDataRole.DisplayRole:
            info = self._rows[row]
            if column == "name":
                return spec["config"].get("name", "")
            if column == "type":
                return display_name(spec["type"])
            if column == "params_text":
                return key_params(spec)
            if column == "output_shape":
                return "×".join(map(str, info[0])) if info else "?"
            return f"{info[1]:,}" if info else "?"
        if role == Qt.ItemDataRole.ToolTipRole and faulty:
            return error[1]
        if role == Qt.ItemDataRole.BackgroundRole and faulty:
            return _ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and faulty:
            return _ERROR_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("output_shape", "param_count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- drag and drop -----------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(_MIME, str(indexes[0].row()).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Ask for the move and return False: the model changes through the undo stack, not the view."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(_MIME):
            return False
        source = int(bytes(data.data(_MIME).data()).decode())
        before = row if row >= 0 else parent.row() if parent.isValid() else len(self._specs)
        target = before - 1 if before > source else before
        if 0 <= source < len(self._specs) and target != source:
            self.move_requested.emit(source, min(target, len(self._specs) - 1))
        return False
