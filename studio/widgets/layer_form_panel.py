"""The layer builder's form panel: the selected layer's parameter form under a title.

The form is built from the layer's ``Param`` specs and kept while the same layer stays selected (its values follow
undo and redo without rebuilding it, so focus and cursor stay put). :func:`connect_form_edits` reports every edit,
valid or not, which the builder uses to show a field's error as soon as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.errors import EngineError
from engine.registry import LAYERS
from studio.catalog import display_name
from studio.widgets.param_form import ParamForm

__all__ = ["LayerFormPanel", "connect_form_edits"]


def connect_form_edits(form: ParamForm, slot: Callable[[], None]) -> None:
    """Call ``slot`` after every edit of ``form``, valid or not (``ParamForm.changed`` fires for valid ones only).

    Connected after the form's own handlers, so ``form.errors()`` is up to date when ``slot`` runs.
    """
    for editor in form.findChildren(QWidget):
        if not editor.objectName().startswith("field_"):
            continue
        if isinstance(editor, QCheckBox):
            editor.toggled.connect(slot)
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.valueChanged.connect(slot)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(slot)
        elif isinstance(editor, QLineEdit):
            editor.textEdited.connect(slot)


class LayerFormPanel(QWidget):
    """Shows one layer's form; ``changed(values)`` after a valid edit, ``edited()`` after any edit."""

    changed = Signal(dict)
    edited = Signal()

    def __init__(self, component_names: Callable[..., Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._component_names = component_names
        self.form: ParamForm | None = None
        self.row = -1
        self.title = QLabel(self)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.area, 1)

    def show_spec(self, row: int, spec: dict[str, Any] | None) -> None:
        """The form of layer ``spec`` at ``row`` (None: no layer selected); kept when it is already shown."""
        form = self.form
        if spec is not None and form is not None and row == self.row and form.property("layer_type") == spec["type"]:
            if not self.matches(spec):
                form.blockSignals(True)
                form.set_values(spec["config"])
                form.blockSignals(False)
            return
        self.form, self.row = None, row
        if spec is None:
            self.area.takeWidget()
            self.title.setText(QCoreApplication.translate("LayerBuilder", "Select a layer to edit its parameters."))
            return
        name = spec["config"].get("name", "")
        form = ParamForm(LAYERS.params(spec["type"]), owner=name, component_names=self._component_names)
        form.setProperty("layer_type", spec["type"])
        form.set_values(spec["config"])
        form.changed.connect(self.changed)
        connect_form_edits(form, self._emit_edited)
        self.form = form
        self.area.setWidget(form)  # deletes the previous form
        self.title.setText(f"<b>{name}</b> — {display_name(spec['type'])}")

    def _emit_edited(self) -> None:
        self.edited.emit()

    def matches(self, spec: dict[str, Any]) -> bool:
        """True when the form's values equal the layer's configuration (defaults filled in by the engine)."""
        values = self.form.values() if self.form is not None else None
        if values is None:
            return False
        try:
            full = LAYERS.create(spec).get_config()
        except EngineError:
            return False
        return all(full.get(name) == value for name, value in values.items())
