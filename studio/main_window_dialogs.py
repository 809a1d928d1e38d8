"""The main window's dialogs on the project's model: File ▸ Export…, Predict on CSV… and Report….

A mixin of :class:`studio.main_window.MainWindow` (it uses the window's ``session`` and ``show_message``). Each
dialog reads a project file — the saved one while it is current, else a copy of the unsaved work — and does its
work off the GUI thread.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QTemporaryDir

from engine.errors import EngineError

__all__ = ["ModelDialogsMixin"]


class ModelDialogsMixin:
    """Export, predict and report for the main window (see the module docstring)."""

    session: Any
    show_message: Any

    def _project_for_dialogs(self) -> str | None:
        """The project file the export, predict and report dialogs read: the saved file while it is current, else
        a copy of the current project and weights in a temporary folder (the user's file stays as it is)."""
        session = self.session
        if session.path is not None and not session.modified:
            return session.path
        if not session.project.dataset:
            self.show_message(QCoreApplication.translate(
                "MainWindow", "Choose a dataset first: exports, predictions and reports need the data the model was "
                              "trained on."))
            return None
        name = os.path.basename(session.path) if session.path else "untitled.nnproj"
        self._unsaved_copy = QTemporaryDir()  # kept until the next copy: the dialogs read it while they are open
        path = self._unsaved_copy.filePath(name)
        try:
            session.save_copy(path)
        except (EngineError, OSError) as error:
            message = QCoreApplication.translate("MainWindow",
                                                 "The current project could not be prepared for the dialog: {reason}")
            self.show_message(message.format(reason=str(error)))
            return None
        return path

    def export_model(self) -> None:
        """File ▸ Export…: the project's model (as trained so far, saved or not) in other formats."""
        from studio.dialogs.export_dialog import ExportDialog

        path = self._project_for_dialogs()
        if path is not None:
            self.export_dialog = ExportDialog(path, self)
            self.export_dialog.open()

    def predict_csv(self) -> None:
        """File ▸ Predict on CSV…: predictions of the project's model (saved or not) for a CSV file."""
        from studio.dialogs.predict_dialog import PredictDialog

        path = self._project_for_dialogs()
        if path is not None:
            self.predict_dialog = PredictDialog(path, self)
            self.predict_dialog.open()

    def write_report(self) -> None:
        """File ▸ Report…: a metrics report of the project (saved or not) in a chosen folder (HTML, PDF, JSON, CSV),
        written off the GUI thread by the report dialog."""
        from studio.dialogs.report_dialog import ReportDialog

        path = self._project_for_dialogs()
        if path is not None:
            folder = os.path.dirname(self.session.path) if self.session.path else None
            self.report_dialog = ReportDialog(path, self, folder=folder)
            self.report_dialog.open()
