"""A registry component picker: a combo box of a registry's keys and the parameter form of the chosen one.

Used by the training panel for the loss, optimizer, schedule, initializer and regulariser: the lists and forms
come from the registries, so a component added to the engine can be chosen with no change to the studio.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from engine.errors import EngineError
from engine.registry import REGISTRIES, Registry
from studio.catalog import display_name
from studio.widgets.layer_builder import connect_form_edits
from studio.widgets.param_form import ParamForm

__all__ = ["ComponentChooser"]


class ComponentChooser(QWidget):
    """Choose a component of ``registry`` and set its parameters.

    ``spec()`` is ``{"type": key, "config": {...}}`` (or None for the optional "none" entry). ``changed`` carries
    the spec after every edit that the engine accepts (the component is built to check parameters that depend on
    each other); ``edited`` follows every edit, valid or not, and :meth:`error` says what is wrong.
    """

    changed = Signal(object)
    edited = Signal()

    def __init__(self, registry: Registry, keys: Sequence[str] | None = None, none_text: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"{registry.kind}_combo")
        self._none_text = none_text
        self.form: ParamForm | None = None
        self._spec: dict[str, Any] | None = None
        self._error = ""
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.combo)
        self.set_keys(registry.names() if keys is None else keys)
        self.combo.currentIndexChanged.connect(self._on_type_changed)
        self._on_type_changed()

    # -- public ------------------------------------------------------------------------------------------------
    def set_keys(self, keys: Sequence[str | None], separator_after: int | None = None) -> None:
        """Offer ``keys`` (None is the "none" entry); a separator after the first ``separator_after`` keys."""
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        if self._none_text is not None:
            self.combo.addItem(self._none_text, None)
        for position, key in enumerate(keys):
            if position == separator_after:
                self.combo.insertSeparator(self.combo.count())
            self.combo.addItem(display_name(key), key)
            self.combo.setItemData(self.combo.count() - 1, self.registry.meta(key).get("help", ""),
                                   Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        if self.combo.currentData() != current:
            self._on_type_changed()

    def set_none_text(self, text: str) -> None:
        self._none_text = text
        if self.combo.count() and self.combo.itemData(0) is None:
            self.combo.setItemText(0, text)

    def keys(self) -> list[str]:
        return [self.combo.itemData(i) for i in range(self.combo.count()) if self.combo.itemData(i) is not None]

    def spec(self) -> dict[str, Any] | None:
        """The last valid spec."""
        return None if self._spec is None else {"type": self._spec["type"], "config": dict(self._spec["config"])}

    def error(self) -> str:
        """The engine's message while the parameters are invalid, else ""."""
        return self._error

    def set_spec(self, spec: dict[str, Any] | None) -> None:
        """Show ``spec`` without emitting ``changed``."""
        key = None if spec is None else self.registry.canonical(spec["type"])
        self.blockSignals(True)
        try:
            if self.combo.findData(key) < 0 and key is not None:
                self.combo.addItem(display_name(key), key)
            self.combo.setCurrentIndex(self.combo.findData(key))
            self._on_type_changed()
            if self.form is not None and spec is not None:
                self.form.blockSignals(True)
                self.form.set_values(spec.get("config") or {})
                self.form.blockSignals(False)
                self._revalidate()
        finally:
            self.blockSignals(False)

    def fields(self) -> list[QWidget]:
        """The combo box and the form's editors."""
        editors = self.form.findChildren(QWidget) if self.form is not None else []
        return [self.combo, *(w for w in editors if w.objectName().startswith("field_"))]

    # -- internals ---------------------------------------------------------------------------------------------
    def _on_type_changed(self, *_: Any) -> None:
        key = self.combo.currentData()
        if self.form is not None:
            self._layout.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
            self.form = None
        if key is not None and self.registry.params(key):
            self.form = ParamForm(self.registry.params(key), owner=key, component_names=_component_names, parent=self)
            self.form.layout().setContentsMargins(12, 0, 0, 0)
            self.form.changed.connect(lambda _: self._revalidate())
            connect_form_edits(self.form, self._on_edit)
            self._layout.addWidget(self.form)
        self._revalidate()

    def _on_edit(self) -> None:
        if self.form is not None and self.form.errors():
            self._error = next(iter(self.form.errors().values()))
            self.edited.emit()

    def _revalidate(self) -> None:
        key = self.combo.currentData()
        if key is None:
            spec = None
        else:
            values = self.form.values() if self.form is not None else {}
            if values is None:
                self._error = next(iter(self.form.errors().values()))
                self.edited.emit()
                return
            spec = {"type": key, "config": values}
            try:
                self.registry.create(spec)
            except EngineError as error:
                self._error = error.message
                self.edited.emit()
                return
        self._error = ""
        self._spec = spec
        self.edited.emit()
        self.changed.emit(self.spec())


def _component_names(kind: str) -> list[str]:
    """Keys a ``component`` parameter naming registry ``kind`` may take."""
    return REGISTRIES[kind].names()
