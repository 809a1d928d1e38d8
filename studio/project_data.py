"""A reopened project's CSV table, read again off the GUI thread with a progress dialog and Cancel.

A project stores how its table was imported (path, reading options, column choices), not the rows, so opening it
reads the file again — which can take seconds for a large table. :class:`ProjectDataLoader` runs that read in a
:class:`studio.dialogs.csv_loader.CsvLoadThread` while the window stays responsive; the progress dialog appears
only when the read lasts more than half a second. A load ends in exactly one of ``loaded``/``failed``/``cancelled``,
emitted after its thread has finished, and ``reading`` says when a read starts and ends (the window locks the
model meanwhile). Starting another load, or :meth:`ProjectDataLoader.stop` (a new dataset was chosen, the window
closes), abandons the running one without an outcome signal; no thread is ever terminated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.data.dataset import Dataset
from engine.errors import EngineError
from studio.dialogs.csv_loader import CsvLoadThread, LoadOutcome, spec_arguments

__all__ = ["SHOW_AFTER_MS", "ProjectDataLoader"]

#: A read shorter than this never shows the progress dialog.
SHOW_AFTER_MS = 500


class ProjectDataLoader(QObject):
    """Reads a project's ``csv`` dataset in a worker thread (see the module docstring)."""

    reading = Signal(bool)  # True when a read starts, False when it ends (whichever way) or is abandoned
    loaded = Signal(object, object)  # the Dataset, and what ``start``'s ``prepare`` made of it (None without one)
    failed = Signal(str)  # one sentence naming the file (and row/column when the engine knows them)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._thread: CsvLoadThread | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        """Whether a table is being read."""
        return self._thread is not None

    def start(self, config: Mapping[str, Any], prepare: Callable[[Dataset], Any] | None = None) -> None:
        """Read the table a project's ``csv`` dataset config describes (abandoning any read still running);
        an invalid config ends at once in ``failed``. ``prepare(dataset)`` runs in the reading thread too (the
        split of a large table takes a noticeable time) and its result comes with ``loaded``."""
        self.stop()
        try:
            path, options, edits, target, image_shape = spec_arguments(config)
        except EngineError as error:
            self.failed.emit(str(error))
            return
        thread = CsvLoadThread(path, options, edits, target, self, image_shape=image_shape, then=prepare)
        dialog = QProgressDialog(self.tr("Reading the project's data from {file}…").format(file=Path(path).name),
                                 self.tr("Cancel"), 0, 100, self._window)
        dialog.setWindowTitle(self.tr("Opening the project"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the window repaints; its data stays as it is
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(thread.cancel)
        thread.progressed.connect(dialog.setValue)
        thread.succeeded.connect(self._succeeded)  # queued: this object lives in the GUI thread
        thread.failed.connect(self._failed)
        thread.cancelled.connect(self._cancelled)
        self._thread, self.dialog = thread, dialog
        dialog.setValue(0)  # starts the dialog's minimum-duration timer
        thread.start()
        self.reading.emit(True)

    def cancel(self) -> None:
        """Ask the running read to stop at its next chunk of rows; ``cancelled`` follows."""
        if self._thread is not None:
            self._thread.cancel()

    def stop(self) -> None:
        """Abandon the running read: cancel it and wait for its thread, emitting nothing."""
        thread = self._end()
        if thread is not None:
            thread.cancel()
            thread.wait()
            thread.deleteLater()

    def _end(self) -> CsvLoadThread | None:
        thread, self._thread = self._thread, None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()
        if thread is not None:
            for signal in (thread.progressed, thread.succeeded, thread.failed, thread.cancelled):
                signal.disconnect()
            self.reading.emit(False)
        return thread

    def _finish(self) -> bool:
        """Join the thread that has just reported; False when that read was abandoned meanwhile."""
        sender = self.sender()
        if sender is None or sender is not self._thread:
            return False
        thread = self._end()
        assert thread is not None
        thread.wait()
        thread.deleteLater()
        return True

    def _succeeded(self, outcome: LoadOutcome) -> None:
        if self._finish():
            self.loaded.emit(outcome.dataset, outcome.prepared)

    def _failed(self, error: EngineError) -> None:
        if self._finish():
            self.failed.emit(str(error))

    def _cancelled(self) -> None:
        if self._finish():
            self.cancelled.emit()
