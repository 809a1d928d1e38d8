"""File ▸ Predict on CSV…: choose a CSV file, preview its predictions, save them — the work off the GUI thread.

The model's stored preprocessing is applied by :func:`studio.cli_predict.predict_file` (columns by name, target
optional, missing or mistyped columns named in one sentence); the preview shows the first :data:`PREVIEW_ROWS`
rows with the prediction columns; Save writes every row atomically. Both steps run in a TaskRunner; errors stay in
the dialog.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from studio.cli_predict import Predictions, predict_file, write_predictions
from studio.dialogs.task_dialog import TaskDialog
from studio.report_source import TrainedModel

__all__ = ["PREVIEW_ROWS", "PredictDialog"]

PREVIEW_ROWS = 200


class PredictDialog(TaskDialog):
    """Predict the rows of a CSV file with a trained model (a TrainedModel or a model file / .nnproj path)."""

    predicted = Signal(int)  # rows predicted
    saved = Signal(str)  # path written

    def __init__(self, source: TrainedModel | str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(source, parent)
        self.predictions: Predictions | None = None
        self._pending = ""
        self.path = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_csv)
        self.predict_button = QPushButton(self)
        self.predict_button.clicked.connect(self.start_predict)
        self.preview = QTableView(self)
        self.table_model = QStandardItemModel(self)
        self.preview.setModel(self.table_model)
        self._make_feedback()
        self.save_button = QPushButton(self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_output)
        self._make_close_button()
        self._file_label = QLabel(self)
        file_row = self._field_row(self._file_label, self.path, self.browse, self.predict_button)
        self._lay_out([file_row, (self.preview, 1)], [self.save_button, self.close_button])
        self.resize(760, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Predict on CSV"))
        self._file_label.setText(self.tr("CSV file:"))
        self.browse.setText(self.tr("Browse…"))
        self.predict_button.setText(self.tr("Predict"))
        self.save_button.setText(self.tr("Save predictions…"))
        self.close_button.setText(self.tr("Close"))

    def _choose_csv(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("CSV file to predict"), self.path.text(),
                                                self.tr("CSV files (*.csv *.tsv *.txt);;All files (*)"))
        if chosen:
            self.path.setText(chosen)
            self.start_predict()

    def _choose_output(self) -> None:
        suggested = str(Path(self.path.text()).with_name(Path(self.path.text()).stem + "_predictions.csv"))
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save predictions"), suggested,
                                                self.tr("CSV files (*.csv)"))
        if chosen:
            self.save_to(chosen)

    @Slot()
    def start_predict(self) -> None:
        """Predict the rows of the chosen file (off the GUI thread); the preview follows."""
        data = self.path.text().strip()
        if not data:
            self._show_error(self.tr("Choose a CSV file first."))
            return
        source = self._source

        def job(progress: Any, _cancelled: Any) -> Predictions:
            progress(10, "predict")
            return predict_file(source, data)

        self._run("predict", job, self.tr("Predicting…"))

    def save_to(self, path: str) -> None:
        """Write the predictions shown to ``path`` (off the GUI thread)."""
        predictions = self.predictions
        if predictions is None:
            self._show_error(self.tr("Predict a file before saving."))
            return

        def job(progress: Any, _cancelled: Any) -> str:
            progress(10, "write")
            write_predictions(path, predictions)
            return path

        self._run("save", job, self.tr("Saving…"))

    def _run(self, what: str, job: Any, text: str) -> None:
        if self.runner.is_running:
            return
        self._pending = what
        for button in (self.predict_button, self.save_button, self.browse):
            button.setEnabled(False)
        self._start(job, text)

    def _idle(self) -> None:
        self.predict_button.setEnabled(True)
        self.browse.setEnabled(True)
        self.save_button.setEnabled(self.predictions is not None)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self.progress.setValue(100)
        if self._pending == "predict":
            self.predictions = result
            self._fill_preview(result)
            shown = min(len(result.table), PREVIEW_ROWS)
            text = self.tr("%1 rows predicted; the first %2 are shown.").replace("%1", str(len(result.table)))
            self.status.setText(" ".join([text.replace("%2", str(shown)), *result.notes]))
            self.predicted.emit(len(result.table))
        else:
            self.status.setText(self.tr("Saved the predictions to %1.").replace("%1", str(result)))
            self.saved.emit(str(result))
        self._idle()

    @Slot(str, str)
    def _on_failed(self, message: str, _details: str) -> None:
        if self._pending == "predict":
            self.predictions = None
            self.table_model.clear()
        self._show_error(message)
        self._idle()

    def _fill_preview(self, predictions: Predictions) -> None:
        table = predictions.table.head(PREVIEW_ROWS)
        self.table_model.clear()
        self.table_model.setHorizontalHeaderLabels([str(c) for c in table.columns])
        for values in table.itertuples(index=False):
            self.table_model.appendRow([QStandardItem(_cell(v)) for v in values])
        self.preview.resizeColumnsToContents()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)
