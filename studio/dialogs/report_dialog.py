"""File ▸ Report…: a metrics report of the project (HTML, PDF, JSON, CSV) written off the GUI thread.

The report reads the project's data again and evaluates the model on it (:func:`studio.report.build_report`), which
takes seconds for a large table, so it runs in the dialog's TaskRunner with a progress bar and Cancel (a cancelled
report writes nothing); errors stay in the dialog. The same report comes from ``nn-train report``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from studio.dialogs.task_dialog import TaskDialog
from studio.report import REPORT_FORMATS, build_report

__all__ = ["ReportDialog"]


class ReportDialog(TaskDialog):
    """Write the report of a project file (``source``, a ``.nnproj`` path) into a folder."""

    written = Signal(list)  # the paths written (str)

    def __init__(self, source: str | os.PathLike[str], parent: QWidget | None = None, *,
                 folder: str | None = None) -> None:
        super().__init__(os.fspath(source), parent)
        self._group = QGroupBox(self)
        row = QHBoxLayout(self._group)
        self.checks: dict[str, QCheckBox] = {}
        for name in REPORT_FORMATS:
            box = QCheckBox(self._group)
            box.setChecked(True)
            self.checks[name] = box
            row.addWidget(box)
        self.folder = QLineEdit(folder or str(Path.home()), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_folder)
        self._make_feedback()
        self.write_button, self.cancel_button = self._make_run_buttons(self.start_report, self._group,
                                                                       self.browse)
        self._make_close_button()
        self._folder_label = QLabel(self)
        self._lay_out([self._group, self._field_row(self._folder_label, self.folder, self.browse)],
                      [self.write_button, self.cancel_button, self.close_button])
        self.resize(560, 220)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Write a report"))
        self._group.setTitle(self.tr("Formats"))
        texts = {"html": self.tr("HTML page"), "pdf": self.tr("PDF document"), "json": self.tr("JSON data"),
                 "csv": self.tr("CSV tables")}
        for name, box in self.checks.items():
            box.setText(texts[name])
        self._folder_label.setText(self.tr("Folder:"))
        self.browse.setText(self.tr("Browse…"))
        self.write_button.setText(self.tr("Write report"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))

    def selected_formats(self) -> list[str]:
        return [name for name, box in self.checks.items() if box.isChecked()]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Write the report into"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    @Slot()
    def start_report(self) -> None:
        """Write the checked formats into the folder (off the GUI thread)."""
        formats, folder = self.selected_formats(), self.folder.text().strip()
        if not formats:
            self._show_error(self.tr("Choose at least one format."))
            return
        if not folder:
            self._show_error(self.tr("Choose a folder for the report."))
            return
        source = self._source

        def job(progress: Any, cancelled: Any) -> list[str]:
            written, _ = build_report(source, folder, formats, progress=progress, cancelled=cancelled)
            return [str(path) for path in written]

        self._start(job, self.tr("Writing the report…"))

    @Slot(object)
    def _on_finished(self, paths: list[str]) -> None:
        names = ", ".join(Path(p).name for p in paths)
        self._succeeded(self.tr("Report written: %1 in %2.").replace("%1", names).replace("%2", self.folder.text()))
        self.written.emit(list(paths))
