"""A form built from a component's ``Param`` specs, validated by the engine's own rules.

One field per parameter, chosen by its kind: int → spin box, float → spin box (bounded) or a text field that takes
scientific notation, bool → check box, choice/component → combo box (a component lists its registry's keys),
ints/floats → text field ("3, 3"). Every edit is checked with ``Param.validate``; the engine's message appears in
red under the field, and a complete valid config is emitted with :attr:`ParamForm.changed`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from engine.errors import ConfigError
from engine.params import Param
from studio.i18n import Retranslating

__all__ = ["ParamForm"]

_INT_LIMIT = 2**31 - 1
_ERROR_STYLE = "color: #c62828;"


class _Field:
    """One parameter's editor: reads the raw value for ``Param.validate`` and shows a value."""

    def __init__(self, param: Param, widget: QWidget, error: QLabel, label: QLabel) -> None:
        self.param = param
        self.widget = widget
        self.error = error
        self.label = label
        self.spec: Any = None  # a {"type", "config"} component spec kept while its type stays selected

    def read(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox | QDoubleSpinBox):
            return w.value()
        if isinstance(w, QComboBox):
            value = w.currentData()
            if isinstance(self.spec, Mapping) and self.spec.get("type") == value:
                return self.spec
            return value
        text = w.text().strip()
        return None if text == "" and self.param.optional else text

    def write(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            w.setValue(value)
        elif isinstance(w, QComboBox):
            self.spec = value if isinstance(value, Mapping) else None
            key = value.get("type") if isinstance(value, Mapping) else value
            index = w.findData(key)
            if index < 0:  # a value the list does not hold (an alias, a key from a newer engine): show it as is
                w.addItem(str(key), key)
                index = w.count() - 1
            w.setCurrentIndex(index)
        else:
            w.setText(_format(value))


class ParamForm(Retranslating, QWidget):
    """Editors for a tuple of ``Param`` specs. ``changed`` carries the validated config after every valid edit.

    ``owner`` names the component in the engine's messages ("dense: parameter 'units' expected …").
    ``component_names(registry)`` lists the keys a ``component`` parameter may take (the catalog's method).
    """

    changed = Signal(dict)

    def __init__(self, params: tuple[Param, ...], owner: str = "",
                 component_names: Callable[[str], list[str]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._owner = owner
        self._component_names = component_names or (lambda registry: [])
        self._fields: dict[str, _Field] = {}
        self._errors: dict[str, str] = {}
        self._config: dict[str, Any] = {}
        layout = QGridLayout(self)
        layout.setColumnStretch(1, 1)
        for row, param in enumerate(params):
            label = QLabel(param.name.replace("_", " "), self)
            label.setObjectName(f"label_{param.name}")
            widget = self._make_editor(param)
            widget.setObjectName(f"field_{param.name}")
            label.setBuddy(widget)
            error = QLabel(self)
            error.setObjectName(f"error_{param.name}")
            error.setStyleSheet(_ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            layout.addWidget(label, 2 * row, 0)
            layout.addWidget(widget, 2 * row, 1)
            layout.addWidget(error, 2 * row + 1, 0, 1, 2)
            field = _Field(param, widget, error, label)
            self._fields[param.name] = field
            field.write(param.default)
            self._connect(field)
        layout.setRowStretch(2 * len(params), 1)
        self.retranslate()
        self._revalidate()

    # -- public ------------------------------------------------------------------------------------------------
    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` (names not in the form are ignored), validate, and emit ``changed`` once if valid."""
        for name, value in values.items():
            field = self._fields.get(name)
            if field is not None:
                field.widget.blockSignals(True)
                try:
                    field.write(value)
                finally:
                    field.widget.blockSignals(False)
        if self._revalidate():
            self.changed.emit(dict(self._config))

    def values(self) -> dict[str, Any] | None:
        """The validated config, or ``None`` while a field is invalid."""
        return None if self._errors else dict(self._config)

    def errors(self) -> dict[str, str]:
        """The engine's message for each invalid field, by parameter name."""
        return dict(self._errors)

    def field(self, name: str) -> QWidget:
        """The editor of parameter ``name`` (for tests and focus)."""
        return self._fields[name].widget

    # -- building ----------------------------------------------------------------------------------------------
    def _make_editor(self, param: Param) -> QWidget:
        if param.kind == "bool":
            return QCheckBox(self)
        if param.kind in ("choice", "component"):
            combo = QComboBox(self)
            if param.optional:
                combo.addItem("", None)  # text set by retranslate
            options = param.choices if param.kind == "choice" else self._component_names(param.registry or "")
            for option in options or ():
                combo.addItem(str(option), option)
            return combo
        if param.kind == "int" and not param.optional:
            spin = QSpinBox(self)
            low = -_INT_LIMIT if param.low is None else math.floor(param.low) + (1 if param.low_open else 0)
            high = _INT_LIMIT if param.high is None else math.ceil(param.high) - (1 if param.high_open else 0)
            spin.setRange(max(low, -_INT_LIMIT), min(high, _INT_LIMIT))
            return spin
        if param.kind == "float" and _bounded_spin(param):
            spin = QDoubleSpinBox(self)
            spin.setDecimals(4)
            spin.setRange(float(param.low), float(param.high))  # open ends are reported by validation
            span = float(param.high) - float(param.low)
            spin.setSingleStep(0.01 if span <= 1 else 0.1 if span <= 10 else 1.0)
            return spin
        return QLineEdit(self)

    def _connect(self, field: _Field) -> None:
        w = field.widget
        if isinstance(w, QCheckBox):
            w.toggled.connect(self._on_edit)
        elif isinstance(w, QSpinBox | QDoubleSpinBox):
            w.valueChanged.connect(self._on_edit)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(self._on_edit)
        else:
            w.textEdited.connect(self._on_edit)

    # -- validation --------------------------------------------------------------------------------------------
    def _on_edit(self, *_: Any) -> None:
        if self._revalidate():
            self.changed.emit(dict(self._config))

    def _revalidate(self) -> bool:
        config: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, field in self._fields.items():
            try:
                config[name] = field.param.validate(field.read(), self._owner)
            except ConfigError as error:
                errors[name] = error.message
            message = errors.get(name, "")
            field.error.setText(message)
            field.error.setVisible(bool(message))
        self._config, self._errors = config, errors
        return not errors

    # -- translation -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        for field in self._fields.values():
            param = field.param
            tip = param.help
            if param.typical:
                tip += "\n" + self.tr("Typical value: {value}").format(value=param.typical)
            tip += "\n" + self.tr("Expected: {expected}").format(expected=param.expectation())
            field.widget.setToolTip(tip)
            field.label.setToolTip(tip)
            if isinstance(field.widget, QComboBox) and param.optional:
                field.widget.setItemText(0, self.tr("none"))
            elif isinstance(field.widget, QLineEdit) and param.optional:
                field.widget.setPlaceholderText(self.tr("none"))


def _bounded_spin(param: Param) -> bool:
    """A spin box suits a float with both bounds whose default is not tiny (1e-7 needs scientific notation)."""
    if param.optional or param.low is None or param.high is None:
        return False
    default = param.default
    return isinstance(default, int | float) and (default == 0 or abs(default) >= 1e-3)


def _format(value: Any) -> str:
    """A value as its text field shows it: ``1e-07``, ``0.001``, ``3, 3``; ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_format(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)
