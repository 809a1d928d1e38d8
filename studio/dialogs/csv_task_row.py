"""The import dialog's task line: the target column, the detected task (overridable) and the class counts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from engine.data.schema import TASKS, Schema
from studio.dialogs.csv_preview_model import task_label
from studio.i18n import Retranslating

__all__ = ["TaskRow"]

_SHOWN_CLASSES = 8


class TaskRow(Retranslating, QWidget):
    """Target and task combos; ``target_chosen(name)`` and ``task_chosen(task or None)`` ask for a change."""

    target_chosen = Signal(str)
    task_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._schema: Schema | None = None
        self._partial = False
        self._rows = 0
        self._override: str | None = None
        self.target_label = QLabel()
        self.target = QComboBox(objectName="target")
        self.task_label = QLabel()
        self.task = QComboBox(objectName="task")
        self.classes = QLabel(objectName="classes", wordWrap=True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.target_label, self.target, self.task_label, self.task):
            layout.addWidget(widget)
        layout.addWidget(self.classes, 1)
        self.task.addItem("", None)
        for task in TASKS:
            self.task.addItem("", task)
        self.target.activated.connect(lambda _: self.target_chosen.emit(self.target.currentText()))
        self.task.activated.connect(lambda _: self.task_chosen.emit(self.task.currentData()))
        self.retranslate()

    def retranslate(self) -> None:
        self.target_label.setText(self.tr("Target:"))
        self.task_label.setText(self.tr("Task:"))
        for i, task in enumerate(TASKS, start=1):
            self.task.setItemText(i, task_label(task))
        self.set_schema(self._schema, partial=self._partial, rows=self._rows, override=self._override)

    def set_schema(self, schema: Schema | None, *, partial: bool, rows: int = 0, override: str | None = None) -> None:
        """Show ``schema``'s target, task (``override``: the user's) and class counts; ``partial`` says they come
        from the first ``rows``."""
        self._schema, self._partial, self._rows, self._override = schema, partial, rows, override
        self.target.blockSignals(True)
        self.task.blockSignals(True)
        self.target.clear()
        if schema is not None:
            self.target.addItems(schema.names)
            self.target.setCurrentIndex(schema.names.index(schema.target) if schema.target else -1)
        if override is not None:
            self.task.setItemText(0, self.tr("Detected"))
            self.task.setCurrentIndex(self.task.findData(override))
        else:
            detected = task_label(schema.task) if schema is not None and schema.task else self.tr("none")
            self.task.setItemText(0, self.tr("Detected: {task}").format(task=detected))
            self.task.setCurrentIndex(0)
        self.target.blockSignals(False)
        self.task.blockSignals(False)
        self.classes.setText(self._classes_text(schema))

    def _classes_text(self, schema: Schema | None) -> str:
        if schema is None or not schema.class_counts:
            return ""
        counts = sorted(schema.class_counts.items(), key=lambda item: -item[1])
        text = ", ".join(f"{name}: {count}" for name, count in counts[:_SHOWN_CLASSES])
        if len(counts) > _SHOWN_CLASSES:
            text += self.tr(" and {count} more").format(count=len(counts) - _SHOWN_CLASSES)
        if self._partial:
            return self.tr("{classes} classes in the first {rows} rows: {counts}").format(
                classes=len(counts), rows=self._rows, counts=text)
        return self.tr("{classes} classes: {counts}").format(classes=len(counts), counts=text)
