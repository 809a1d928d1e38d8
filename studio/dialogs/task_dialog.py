"""Base of the dialogs that run a job off the GUI thread: a TaskRunner, a progress bar, a status line and Close.

The export, predict and report dialogs share it: the runner's signals go to ``_on_progress``, ``_on_finished``
and ``_on_failed`` (subclasses define ``_on_finished(result)`` and ``retranslate()``, called on a language
change); errors stay in the status line in red; closing the dialog shuts the runner down. Subclasses make
their own widgets and call :meth:`_make_feedback`, :meth:`_make_run_buttons` (a start button and Cancel, with the
inputs locked while the job runs) and :meth:`_make_close_button` where those belong in the tab order, then
:meth:`_lay_out`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.export_tasks import TaskRunner
from studio.i18n import Retranslating

__all__ = ["TaskDialog"]

#: A part of the dialog's column: a widget, a layout, or a widget with its stretch factor.
Part = QWidget | QLayout | tuple[QWidget, int]


class TaskDialog(Retranslating, QDialog):
    """A dialog around one :class:`~studio.export_tasks.TaskRunner` for a model ``source``."""

    def __init__(self, source: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Any = source
        self.runner = TaskRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._cancel_button: QPushButton | None = None
        self._locked: list[QWidget] = []  # disabled while a job runs (see _make_run_buttons)

    @property
    def source(self) -> Any:
        """The model the dialog works on: a TrainedModel or the path of a model file or project."""
        return self._source

    def _make_feedback(self) -> None:
        """The progress bar (0–100) and the word-wrapped status line."""
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

    def _make_run_buttons(self, start: Callable[[], None], *inputs: QWidget) -> tuple[QPushButton, QPushButton]:
        """The default button that calls ``start`` and a Cancel button that asks the job to stop; the first and
        ``inputs`` are disabled while a job runs, Cancel is enabled only then."""
        run, cancel = QPushButton(self), QPushButton(self)
        run.setDefault(True)
        run.clicked.connect(start)
        cancel.setEnabled(False)
        cancel.clicked.connect(self.runner.cancel)
        self._locked, self._cancel_button = [run, *inputs], cancel
        return run, cancel

    def _set_busy(self, busy: bool) -> None:
        for widget in self._locked:
            widget.setEnabled(not busy)
        if self._cancel_button is not None:
            self._cancel_button.setEnabled(busy)

    def _make_close_button(self) -> None:
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)

    @staticmethod
    def _field_row(label: QLabel, field: QWidget, *buttons: QWidget) -> QHBoxLayout:
        """A label, a field taking the spare width, then buttons."""
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(field, 1)
        for button in buttons:
            row.addWidget(button)
        return row

    def _lay_out(self, parts: Sequence[Part], buttons: Sequence[QPushButton]) -> None:
        """One column: ``parts``, the progress bar, the status line, and the buttons aligned right."""
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout = QVBoxLayout(self)
        for part in (*parts, self.progress, self.status, row):
            if isinstance(part, QLayout):
                layout.addLayout(part)
            elif isinstance(part, tuple):
                layout.addWidget(*part)
            else:
                layout.addWidget(part)

    def _start(self, job: Callable[[Any, Any], Any], text: str) -> None:
        """Show ``text`` at 0 % and run ``job(progress, cancelled)`` in the runner (the inputs locked meanwhile)."""
        self._set_busy(True)
        self._show_status(text)
        self.progress.setValue(0)
        self.runner.start(job)

    @Slot(int, str)
    def _on_progress(self, percent: int, _what: str) -> None:
        self.progress.setValue(percent)

    @Slot(str, str)
    def _on_failed(self, message: str, _details: str) -> None:
        self._set_busy(False)
        self._show_error(message)

    def _succeeded(self, text: str) -> None:
        """The job is done: unlock the inputs, fill the bar and say ``text``."""
        self._set_busy(False)
        self.progress.setValue(100)
        self._show_status(text)

    def _show_status(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)
