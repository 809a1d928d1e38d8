"""File ▸ Export…: a trained model's weights and network in the chosen formats, written off the GUI thread.

One checkbox per format (the optional ones say so when their package is missing), a destination folder, a
progress bar and Cancel. The export runs in a :class:`~studio.export_tasks.TaskRunner`; errors stay in the dialog
as one sentence, success lists the files and emits ``exported`` with their paths.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from studio.cli_export import EXPORT_FORMATS, FILE_NAMES, export_model
from studio.dialogs.task_dialog import TaskDialog
from studio.report_source import TrainedModel

__all__ = ["ExportDialog"]

_NEEDS = {"safetensors": "safetensors", "torch": "safetensors", "onnx": "onnx"}


class ExportDialog(TaskDialog):
    """Export a model (a TrainedModel, or the path of a model file or .nnproj) to several formats."""

    exported = Signal(list)  # the paths written (str)

    def __init__(self, source: TrainedModel | str | os.PathLike[str], parent: QWidget | None = None, *,
                 folder: str | None = None) -> None:
        super().__init__(source, parent)
        self.checks: dict[str, QCheckBox] = {}
        group = QGroupBox(self)
        self._group = group
        grid = QGridLayout(group)
        for i, name in enumerate(EXPORT_FORMATS):
            box = QCheckBox(group)
            box.setChecked(name == "npz")
            module = _NEEDS.get(name)
            if module is not None and importlib.util.find_spec(module) is None:
                box.setEnabled(False)
                box.setChecked(False)
            self.checks[name] = box
            grid.addWidget(box, i // 2, i % 2)
        self.folder = QLineEdit(folder or str(Path.home()), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_folder)
        self._make_feedback()
        self.export_button, self.cancel_button = self._make_run_buttons(self.start_export, group)
        self._make_close_button()
        self._folder_label = QLabel(self)
        self._lay_out([group, self._field_row(self._folder_label, self.folder, self.browse)],
                      [self.export_button, self.cancel_button, self.close_button])
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export model"))
        self._group.setTitle(self.tr("Formats"))
        texts = {"npz": self.tr("NumPy weights (.npz)"), "safetensors": self.tr("safetensors, PyTorch names"),
                 "json": self.tr("JSON weights (readable)"), "txt": self.tr("Text dump per unit (.txt)"),
                 "onnx": self.tr("ONNX model (.onnx)"), "torch": self.tr("PyTorch script (.py + safetensors)")}
        for name, box in self.checks.items():
            text = f"{texts[name]} \u2192 {FILE_NAMES[name]}"
            if not box.isEnabled():
                text += " " + self.tr("(needs pip install 'nn-training-studio[%1]')").replace("%1", _NEEDS[name])
            box.setText(text)
        self._folder_label.setText(self.tr("Folder:"))
        self.browse.setText(self.tr("Browse…"))
        self.export_button.setText(self.tr("Export"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))

    def selected_formats(self) -> list[str]:
        return [name for name, box in self.checks.items() if box.isChecked() and box.isEnabled()]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    @Slot()
    def start_export(self) -> None:
        """Start writing the checked formats into the folder (off the GUI thread)."""
        formats, folder = self.selected_formats(), self.folder.text().strip()
        if not formats:
            self._show_error(self.tr("Choose at least one format."))
            return
        if not folder:
            self._show_error(self.tr("Choose a folder to export to."))
            return
        source = self._source

        def job(progress: Any, cancelled: Any) -> list[str]:
            return [str(p) for p in export_model(source, formats, folder, progress=progress, cancelled=cancelled)]

        self._start(job, self.tr("Exporting…"))

    @Slot(object)
    def _on_finished(self, paths: list[str]) -> None:
        names = ", ".join(Path(p).name for p in paths)
        self._succeeded(self.tr("Wrote %1 to %2.").replace("%1", names).replace("%2", self.folder.text()))
        self.exported.emit(list(paths))
