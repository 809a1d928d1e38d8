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

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.cli_predict import Predictions, predict_file, write_predictions
from studio.export_tasks import TaskRunner
from studio.report_source import TrainedModel

__all__ = ["PREVIEW_ROWS", "PredictDialog"]

PREVIEW_ROWS = 200


class PredictDialog(QDialog):
    """Predict the rows of a CSV file with a trained model (a TrainedModel or a model file / .nnproj path)."""

    predicted = Signal(int)  # rows predicted
    saved = Signal(str)  # path written

    def __init__(self, source: TrainedModel | str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: Any = source
        self.predictions: Predictions | None = None
        self.runner = TaskRunner(self)
        self.runner.progress.connect(lambda percent, _what: self.progress.setValue(percent))
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._pending = ""
        self.path = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose_csv)
        self.predict_button = QPushButton(self)
        self.predict_button.clicked.connect(self.start_predict)
        self.preview = QTableView(self)
        self.table_model = QStandardItemModel(self)
        self.preview.setModel(self.table_model)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_output)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self._file_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self._file_label)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        row.addWidget(self.predict_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(760, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Predict on CSV"))
        self._file_label.setText(self.tr("CSV file:"))
        self.browse.setText(self.tr("Browse…"))
        self.predict_button.setText(self.tr("Predict"))
        self.save_button.setText(self.tr("Save predictions…"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.progress.setValue(0)
        for button in (self.predict_button, self.save_button, self.browse):
            button.setEnabled(False)
        self.runner.start(job)

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

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)
