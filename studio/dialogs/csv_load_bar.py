"""The import dialog's load line: a status text, a progress bar and Cancel, owning the :class:`CsvLoadThread`.

:meth:`LoadBar.start` runs one load; it ends in exactly one of ``succeeded``/``failed``/``cancelled``, emitted after
the thread has finished (so no thread is left running). :meth:`LoadBar.stop` cancels and waits without emitting,
for a dialog that is closing. The thread is never terminated: it stops at the next chunk of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from engine.data.dataset import Dataset
from engine.data.sniff import CsvOptions
from engine.errors import EngineError
from studio.dialogs.csv_loader import CsvLoadThread, LoadOutcome
from studio.dialogs.schema_edits import SchemaEdits
from studio.i18n import Retranslating

__all__ = ["LoadBar"]


class LoadBar(Retranslating, QWidget):
    """Status, progress and Cancel of the full load."""

    succeeded = Signal(object)  # LoadOutcome
    failed = Signal(object)  # EngineError
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thread: CsvLoadThread | None = None
        self.status = QLabel(objectName="status")
        self.progress = QProgressBar(objectName="progress", minimum=0, maximum=100)
        self.cancel_button = QPushButton(objectName="cancel_load")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.cancel_button)
        self.retranslate()
        self._show(False)

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel loading"))

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, path: str | Path, options: CsvOptions, edits: SchemaEdits, target: str | None,
              image_shape: str | None = None, then: Callable[[Dataset], Any] | None = None) -> None:
        """Read all of ``path`` in a worker thread (ignored while a load runs), as images of ``image_shape``;
        ``then(dataset)`` runs there too (see :class:`CsvLoadThread`)."""
        if self._thread is not None:
            return
        thread = CsvLoadThread(path, options, edits, target, self, image_shape=image_shape, then=then)
        thread.progressed.connect(self.progress.setValue)
        thread.succeeded.connect(self._succeeded)  # bound methods of this GUI-thread object: queued calls
        thread.failed.connect(self._failed)
        thread.cancelled.connect(self._cancelled)
        self._thread = thread
        self.progress.setValue(0)
        self.status.setText(self.tr("Reading the whole file…"))
        self._show(True)
        thread.start()

    def cancel(self) -> None:
        """Ask the running load to stop; ``cancelled`` follows when it has."""
        if self._thread is not None:
            self._thread.cancel()
            self.cancel_button.setEnabled(False)

    def stop(self) -> None:
        """Cancel the running load and wait for its thread, emitting nothing."""
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.cancel()
            thread.wait()
            thread.deleteLater()
        self._show(False)

    def _end(self) -> bool:
        """Join the finished thread; False when it was stopped already (nothing to report)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return False
        thread.wait()
        thread.deleteLater()
        self._show(False)
        return True

    def _succeeded(self, outcome: LoadOutcome) -> None:
        if self._end():
            self.status.setText("")
            self.succeeded.emit(outcome)

    def _failed(self, error: EngineError) -> None:
        if self._end():
            self.status.setText(self.tr("Loading failed."))
            self._show(False)
            self.failed.emit(error)

    def _cancelled(self) -> None:
        if self._end():
            self.status.setText(self.tr("Loading cancelled; nothing was changed."))
            self._show(False)
            self.cancelled.emit()

    def _show(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.status.setVisible(running or bool(self.status.text()))
        self.setVisible(running or bool(self.status.text()))

