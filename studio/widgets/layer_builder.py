"""The Model dock's layer builder: a table of layers, an add menu built from the layer registry, a parameter
form for the selected layer, presets, the model summary, and undo/redo of every edit.

The builder knows no layer by name: the add menu lists ``LAYERS`` by category (through the catalog) and the form
comes from each layer's ``Param`` specs, so a layer added to the engine appears here with no change. Every edit
is a command on :attr:`LayerBuilder.undo_stack`; the window adds Ctrl+Z/Ctrl+Y actions for it.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.errors import EngineError
from engine.registry import LAYERS
from studio.catalog import Catalog, display_name
from studio.i18n import Retranslating
from studio.widgets.layer_add_menu import LayerAddMenu
from studio.widgets.layer_commands import AddLayers, EditLayer, MoveLayer, RemoveLayer, ReplaceLayers
from studio.widgets.layer_form_panel import LayerFormPanel, connect_form_edits
from studio.widgets.layer_table import LayerTable, unique_name
from studio.widgets.model_summary import ModelSummary
from studio.widgets.param_form import ParamForm
from studio.widgets.presets import presets

__all__ = ["LayerBuilder", "connect_form_edits"]

_MESSAGE_STYLE = "color: #b71c1c;"
_BANNER_STYLE = "background: #fff4ce; color: #5c4400; padding: 4px; border-radius: 3px;"


class LayerBuilder(Retranslating, QWidget):
    """Builds a model's layer list. ``model_changed(specs)`` follows every edit that leaves a model the engine
    accepts; :meth:`error` tells why the current one is refused."""

    model_changed = Signal(list)

    def __init__(self, catalog: Catalog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog or Catalog()
        self.undo_stack = QUndoStack(self)
        self.table_model = LayerTable(self)
        self.table_model.layers_changed.connect(self._on_layers_changed)
        self.table_model.move_requested.connect(self.move_layer)
        self._output: tuple[int, str] = (1, "sigmoid")
        self._editable = True
        self._build()
        self.retranslate()
        self._update_buttons()

    # -- building ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.add_button, self.presets_button = QToolButton(self), QToolButton(self)
        self.remove_button, self.duplicate_button = QToolButton(self), QToolButton(self)
        self.up_button, self.down_button = QToolButton(self), QToolButton(self)
        self.add_menu, self.presets_menu = LayerAddMenu(self.catalog, self.add_layer, self), QMenu(self)
        self.search = self.add_menu.search
        for button, menu in ((self.add_button, self.add_menu), (self.presets_button, self.presets_menu)):
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.remove_button.clicked.connect(self.remove_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.up_button.clicked.connect(lambda: self._move_selected(-1))
        self.down_button.clicked.connect(lambda: self._move_selected(1))
        tools = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.duplicate_button, self.up_button, self.down_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.presets_button)
        self.view = QTableView(self)
        self.view.setObjectName("layer_table")
        self.view.setModel(self.table_model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_form())
        self.banner, self.message = QLabel(self), QLabel(self)
        self.banner.setObjectName("edit_blocked_reason")
        self.banner.setStyleSheet(_BANNER_STYLE)
        self.message.setObjectName("model_message")
        self.message.setStyleSheet(_MESSAGE_STYLE)
        for label in (self.banner, self.message):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # engine messages, never markup
            label.hide()
        self.form_panel = LayerFormPanel(self.catalog.component_names, self)
        self.form_panel.changed.connect(self._on_form_changed)
        self.form_panel.edited.connect(self._on_form_edited)
        self.form_title, self.form_area = self.form_panel.title, self.form_panel.area
        self.summary = ModelSummary(self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.banner)
        top_layout.addLayout(tools)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part, stretch in ((top, 3), (self.form_panel, 3), (self.summary, 2)):
            splitter.addWidget(part)
            splitter.setStretchFactor(splitter.indexOf(part), stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def add_actions(self) -> dict[str, QAction]:
        """The add menu's action of every registered layer, by key."""
        return dict(self.add_menu.layer_actions)

    # -- public API --------------------------------------------------------------------------------------------
    def set_input_shape(self, shape: Sequence[int] | None) -> None:
        """The per-sample input shape of the data (None: unknown, shapes show "?")."""
        self.table_model.set_input_shape(shape)
        self._fill_presets()

    def set_output(self, units: int, activation: str) -> None:
        """The task's output layer (units and activation), used by the presets."""
        self._output = (int(units), str(activation))
        self._fill_presets()

    def model_config(self) -> list[dict[str, Any]]:
        """The layer specs, each ``{"type": key, "config": {..., "name": unique name}}``."""
        return self.table_model.specs()

    def set_model_config(self, specs: Sequence[dict[str, Any]]) -> None:
        """Show ``specs`` (an opened project); not undoable, so the undo history starts over."""
        named = self._named([{"type": s["type"], "config": dict(s.get("config") or {})} for s in specs], set())
        if named != self.table_model.specs():
            self.table_model.replace_specs(named)
        self.undo_stack.clear()

    def error(self) -> str:
        """Why the engine refuses the current model ("" when it builds)."""
        error = self.table_model.error()
        return error[1] if error else ""

    def set_editable(self, editable: bool, reason: str = "") -> None:
        """Allow or forbid editing (forbidden while training), showing ``reason``."""
        self._editable = editable
        self.banner.setText(reason)
        self.banner.setVisible(not editable and bool(reason))
        self.view.setDragEnabled(editable)
        self.view.setAcceptDrops(editable)
        self.form_area.setEnabled(editable)
        self._update_buttons()

    def selected_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    # -- edits (each one an undo command) ----------------------------------------------------------------------
    def add_layer(self, key: str, config: dict[str, Any] | None = None) -> None:
        """Insert a ``key`` layer (default parameters) after the selected layer, or at the end."""
        row = self.selected_row()
        index = row + 1 if row >= 0 else self.table_model.rowCount()
        spec = self._named([{"type": LAYERS.canonical(key), "config": dict(config or {})}])[0]
        self.undo_stack.push(AddLayers(self.table_model, index, [spec],
                                       self.tr("Add {name}").format(name=display_name(spec["type"]))))
        self.select_row(index)

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.undo_stack.push(RemoveLayer(self.table_model, row))
            if self.table_model.rowCount():
                self.select_row(min(row, self.table_model.rowCount() - 1))

    def duplicate_selected(self) -> None:
        row = self.selected_row()
        if row >= 0:
            spec = copy.deepcopy(self.table_model.specs()[row])
            spec["config"].pop("name", None)
            self.undo_stack.push(AddLayers(self.table_model, row + 1, self._named([spec]),
                                           self.tr("Duplicate layer")))
            self.select_row(row + 1)

    def move_layer(self, source: int, target: int) -> None:
        if self._editable and source != target and 0 <= target < self.table_model.rowCount():
            self.undo_stack.push(MoveLayer(self.table_model, source, target))
            self.select_row(target)

    def apply_preset(self, name: str) -> None:
        """Replace the model with the preset ``name`` (see :func:`studio.widgets.presets.presets`)."""
        shape = self.table_model.input_shape()
        specs = presets(shape or (1,), *self._output)[name]
        self.undo_stack.push(ReplaceLayers(self.table_model, self._named(specs, set()),
                                           self.tr("Preset: {name}").format(name=self._preset_text(name))))

    def _move_selected(self, step: int) -> None:
        row = self.selected_row()
        if row >= 0:
            self.move_layer(row, row + step)

    def _named(self, specs: list[dict[str, Any]], taken: set[str] | None = None) -> list[dict[str, Any]]:
        """``specs`` with a unique ``name`` each (kept when free, else ``<key>_<n>``) and every parameter filled in."""
        if taken is None:
            taken = {s["config"].get("name", "") for s in self.table_model.specs()}
        out = []
        for spec in copy.deepcopy(specs):
            name = spec["config"].get("name")
            if not name or name in taken:
                spec["config"]["name"] = name = unique_name(spec["type"], taken)
            taken.add(name)
            # Every parameter spelled out, as the engine writes it (so edits compare like with like); a spec the
            # engine refuses is kept as given and the table marks it with the engine's message.
            with contextlib.suppress(EngineError):
                spec = LAYERS.to_spec(LAYERS.create(spec))
            out.append(spec)
        return out

    # -- reactions ---------------------------------------------------------------------------------------------
    def _show_error(self) -> tuple[int, str] | None:
        """Show the engine's message about the current model under the table; return the table's error."""
        error = self.table_model.error()
        self.message.setText(error[1] if error else "")
        self.message.setVisible(error is not None)
        return error

    def _no_data_text(self) -> str:
        return self.tr("The shapes and parameters appear once a dataset is chosen.")

    def _on_layers_changed(self) -> None:
        error = self._show_error()
        model = self.table_model.model()
        reason = error[1] if error else self._no_data_text()
        self.summary.show_model(model, "" if model is not None else reason)
        self._show_form()
        self._update_buttons()
        if error is None:
            self.model_changed.emit(self.table_model.specs())

    @property
    def _form(self) -> ParamForm | None:
        """The selected layer's form (None when no layer is selected)."""
        return self.form_panel.form

    def _show_form(self) -> None:
        """The selected layer's form: kept while the same layer stays selected and its config matches."""
        row = self.selected_row()
        specs = self.table_model.specs()
        self.form_panel.show_spec(row, specs[row] if 0 <= row < len(specs) else None)
        self._update_buttons()

    def _on_form_changed(self, values: dict[str, Any]) -> None:
        row = self.form_panel.row
        spec = self.table_model.specs()[row]
        if self.form_panel.matches(spec):
            return
        config = {**spec["config"], **values}
        self.undo_stack.push(EditLayer(self.table_model, row, config))

    def _on_form_edited(self) -> None:
        if self._form is None:
            return
        errors = self._form.errors()
        self.table_model.set_form_error(self.form_panel.row, next(iter(errors.values()), ""))
        self._show_error()

    def _update_buttons(self) -> None:
        row, count = self.selected_row(), self.table_model.rowCount()
        editable = self._editable
        self.add_button.setEnabled(editable)
        self.presets_button.setEnabled(editable and not self.presets_menu.isEmpty())
        self.remove_button.setEnabled(editable and row >= 0)
        self.duplicate_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)

    def _fill_presets(self) -> None:
        self.presets_menu.clear()
        shape = self.table_model.input_shape()
        if shape is not None:
            for name in presets(shape, *self._output):
                action = self.presets_menu.addAction(self._preset_text(name))
                action.triggered.connect(lambda _=False, n=name: self.apply_preset(n))
        self._update_buttons()

    # -- translation -------------------------------------------------------------------------------------------
    def _preset_text(self, name: str) -> str:
        texts = {"Perceptron": self.tr("Perceptron"), "Logistic regression": self.tr("Logistic regression"),
                 "MLP 1 hidden": self.tr("MLP, 1 hidden layer"), "MLP 2 hidden": self.tr("MLP, 2 hidden layers"),
                 "Deep MLP": self.tr("Deep MLP"), "Small CNN": self.tr("Small CNN")}
        return texts.get(name, name)

    def retranslate(self) -> None:
        self.table_model.headers = (self.tr("Name"), self.tr("Type"), self.tr("Parameters"), self.tr("Output"),
                                    self.tr("Params"))
        self.table_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        for button, text, tip in (
                (self.add_button, self.tr("Add layer"), self.tr("Add a layer after the selected one (type to search)")),
                (self.remove_button, self.tr("Remove"), self.tr("Remove the selected layer")),
                (self.duplicate_button, self.tr("Duplicate"), self.tr("Insert a copy of the selected layer")),
                (self.up_button, self.tr("Move up"), self.tr("Move the selected layer one place up")),
                (self.down_button, self.tr("Move down"), self.tr("Move the selected layer one place down")),
                (self.presets_button, self.tr("Presets"), self.tr("Replace the model by a ready-made one sized for "
                                                                  "the data (undoable)"))):
            button.setText(text)
            button.setToolTip(tip)
        self.add_menu.retranslate()
        self._fill_presets()
        if self._form is None:
            self._show_form()
        if self.table_model.model() is None and self.table_model.error() is None:
            self.summary.show_model(None, self._no_data_text())
