"""The CSV import dialog: reading options with a live preview, column types and roles, the task, and the full load.

Every control change re-reads the first :data:`PREVIEW_ROWS` rows (debounced, synchronous: the read is small) and
detects the schema on them; the user's column and task choices are kept as :class:`SchemaEdits` and replayed on
each new preview and on the full load. OK reads the whole file in a :class:`CsvLoadThread` with a progress bar and
Cancel (the file is read once: the schema check and the dataset share that read); on success
:meth:`CsvImportDialog.result_options`, :meth:`result_schema`, :meth:`result_dataset`, :meth:`result_table_info`,
:meth:`result_image_shape` and :meth:`result_dataset_spec` (every choice, for a project) hold the result and
``accepted`` is emitted; on failure the dialog stays open with the message and nothing else changes. The image
line (:class:`ImageShapeRow`) reads pixel columns as images: its shape is suggested from the pixel-column count,
used only when "Use as images" is checked, and checked as it is typed (OK stays disabled while it cannot be used).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from engine.data.dataset import Dataset
from engine.data.reader import ReadResult
from engine.data.schema import Schema, infer_schema
from engine.data.sniff import CsvOptions
from engine.data.tabular import TableInfo
from engine.errors import ConfigError, DataError, EngineError
from studio.dialogs.csv_columns_panel import ColumnsPanel
from studio.dialogs.csv_image_row import ImageShapeRow
from studio.dialogs.csv_load_bar import LoadBar
from studio.dialogs.csv_loader import LoadOutcome
from studio.dialogs.csv_messages import MessageArea
from studio.dialogs.csv_options_form import CsvOptionsForm
from studio.dialogs.csv_preview_model import PreviewModel, detected_encoding, read_preview
from studio.dialogs.csv_preview_table import PreviewTable
from studio.dialogs.csv_task_row import TaskRow
from studio.dialogs.schema_edits import SchemaEdits
from studio.i18n import Retranslating

if TYPE_CHECKING:
    from studio.recent_files import RecentFiles

__all__ = ["DEBOUNCE_MS", "PREVIEW_ROWS", "SUPPORTED_SUFFIXES", "CsvImportDialog", "supported_file"]

PREVIEW_ROWS = 200
DEBOUNCE_MS = 150
SUPPORTED_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".dat", ".psv")


def supported_file(path: str | Path) -> bool:
    """Whether ``path`` is an existing file with a suffix the importer reads (for drag and drop)."""
    path = Path(path)
    return path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file()


class CsvImportDialog(Retranslating, QDialog):
    """Import ``path``: ``options``/``edits``/``image_shape`` start from earlier choices (a recent file's);
    ``recent`` remembers the accepted choices."""

    def __init__(self, path: str | Path, parent: QWidget | None = None, *, options: CsvOptions | None = None,
                 edits: SchemaEdits | None = None, image_shape: str | None = None,
                 recent: RecentFiles | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._recent = recent
        self._edits = edits or SchemaEdits()
        self._preview: ReadResult | None = None
        self._detected: Schema | None = None
        self._schema: Schema | None = None
        self._read_error: EngineError | None = None  # from the preview read (ragged rows), until the next read
        self._blocked = False  # the error shown keeps OK disabled
        self._outcome: LoadOutcome | None = None
        #: run on the loaded dataset in the loading thread (the window splits the table there); its result is
        #: :meth:`result_prepared`
        self.prepare: Callable[[Dataset], Any] | None = None
        self._detected_encoding = detected_encoding(self._path)
        self._build()
        self.image_row.set_image_shape(image_shape)
        self.form.set_base(options or CsvOptions())
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.form.changed.connect(self._timer.start)
        self.columns.edit_requested.connect(self._edit_columns)
        self.task_row.target_chosen.connect(lambda name: self._edit_columns([name], None, "target"))
        self.task_row.task_chosen.connect(self._edit_task)
        self.refresh()
        self.view.setFocus()

    @classmethod
    def open_file(cls, path: str | Path, parent: QWidget | None = None,
                  recent: RecentFiles | None = None) -> CsvImportDialog:
        """Show the dialog for ``path`` (window-modal, not blocking), starting from what ``recent`` remembers."""
        entry = recent.get(path) if recent is not None else None
        dialog = cls(path, parent, options=entry.options if entry else None, edits=entry.edits if entry else None,
                     image_shape=entry.image_shape if entry else None, recent=recent)
        dialog.open()
        return dialog

    # ----------------------------------------------------------------------------------------------- building
    def _build(self) -> None:
        self.title = QLabel(objectName="title", textFormat=Qt.TextFormat.RichText)
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.summary.setStyleSheet("color: #616161;")
        self.form = CsvOptionsForm()
        self.model = PreviewModel(self)
        self.view = PreviewTable(self.model, lambda: self._schema is not None)
        self.view.edit_requested.connect(self._edit_columns)
        self.columns = ColumnsPanel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.columns)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.task_row = TaskRow()
        self.image_row = ImageShapeRow()
        self.image_row.changed.connect(self._update_ok)
        self.messages = MessageArea()
        self.messages.skip_requested.connect(lambda: self.form.skip_bad_lines.setChecked(True))
        self.warnings, self.error, self.skip_button = (self.messages.warnings, self.messages.error,
                                                       self.messages.skip_button)
        self.load_bar = LoadBar()
        self.load_bar.succeeded.connect(self._loaded)
        self.load_bar.failed.connect(self._failed)
        self.load_bar.cancelled.connect(self._update_ok)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Reset)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.summary, self.form):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.task_row)
        layout.addWidget(self.image_row)
        layout.addWidget(self.messages)
        layout.addWidget(self.load_bar)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(1100, 760)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def reset_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Reset)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import CSV — {name}").format(name=self._path.name))
        size = self._path.stat().st_size if self._path.is_file() else 0
        self.title.setText(self.tr("<b>{name}</b> — {size}").format(
            name=html.escape(self._path.name), size=QLocale().formattedDataSize(size)))
        self.title.setToolTip(str(self._path))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to the detected options"))
        self.view.setToolTip(self.tr("Right-click a column header to set its type or role."))
        if self._schema is not None:
            self._show_schema()

    # ------------------------------------------------------------------------------------------------ results
    def result_options(self) -> CsvOptions | None:
        """The options the accepted load used (every field resolved), or None before a successful OK."""
        return None if self._outcome is None else self._outcome.read.options_used

    def result_schema(self) -> Schema | None:
        """The schema of the whole file with the user's choices, or None before a successful OK."""
        return None if self._outcome is None else self._outcome.schema

    def result_dataset(self) -> Dataset | None:
        """The training-ready Dataset (``engine.data.tabular.load_table``), or None before a successful OK."""
        return None if self._outcome is None else self._outcome.dataset

    def result_table_info(self) -> TableInfo | None:
        """What ``load_table`` found (options, schema, fitted preprocessing pipeline, notes), or None."""
        return None if self._outcome is None else self._outcome.table_info

    def result_image_shape(self) -> str | None:
        """The image shape the accepted load used (``"8x8"``; the dataset holds N×C×H×W images), or None for a
        table or before a successful OK."""
        return None if self._outcome is None else self._outcome.table_info.pipeline.image_shape

    def result_prepared(self) -> Any:
        """What :attr:`prepare` made of the dataset after OK (None without it or before)."""
        return None if self._outcome is None else self._outcome.prepared

    def result_dataset_spec(self) -> dict[str, Any] | None:
        """The project's ``csv`` dataset spec holding every choice of the accepted load (options, column edits,
        image shape), which ``csv_loader.load_spec`` reads into the same table; None before a successful OK."""
        return None if self._outcome is None else self._outcome.dataset_spec()

    def result_edits(self) -> SchemaEdits:
        """The user's column and task choices (to store with a project or a recent file)."""
        return SchemaEdits.from_dict(self._edits.to_dict())

    def preview_result(self) -> ReadResult | None:
        return self._preview

    def current_schema(self) -> Schema | None:
        """The schema of the preview rows with the user's choices."""
        return self._schema

    # ------------------------------------------------------------------------------------------------ preview
    def refresh(self) -> None:
        """Re-read the preview with the current controls and show it (also called by the debounce timer)."""
        self._timer.stop()
        self._read_error = None
        try:
            request = self.form.request()
            result, self._read_error = read_preview(self._path, request, PREVIEW_ROWS)
        except EngineError as error:
            self._preview = self._detected = self._schema = None
            self.model.clear()
            self.columns.set_schema(None)
            self.task_row.set_schema(None, partial=False)
            self.image_row.set_schema(None)
            self.summary.setText("")
            self.messages.show_warnings([])
            self._show_error(error, blocking=True)
            return
        self._preview = result
        shown = replace(result.options_used, skip_bad_lines=request.skip_bad_lines)  # ragged rows: not skipped yet
        self.form.show_options(shown, self._detected_encoding)
        self.summary.setText(result.detection.summary)
        self._detected = infer_schema(result.frame)
        self._apply_edits()

    def _apply_edits(self) -> None:
        assert self._detected is not None
        notes = []
        try:
            self._schema = self._edits.apply(self._detected)
        except ConfigError as error:
            self._edits.set_task(None)
            self._schema = self._edits.apply(self._detected)
            notes.append(error.message)
        self._show_schema(notes)

    def _partial(self) -> bool:
        return self._preview is not None and len(self._preview.frame) >= PREVIEW_ROWS

    def _show_schema(self, notes: list[str] | None = None) -> None:
        assert self._preview is not None and self._schema is not None
        schema, used = self._schema, self._preview.options_used
        self.model.set_table(self._preview.frame, self._preview.line_numbers, schema, used.decimal or ".",
                             used.thousands or "")
        self.view.resizeColumnsToContents()
        self.columns.set_schema(schema)
        partial = self._partial()
        self.task_row.set_schema(schema, partial=partial, rows=len(self._preview.frame), override=self._edits.task)
        self.image_row.set_schema(schema)
        read_warnings = [] if self._read_error is not None else self._preview.warnings  # the error says it
        lines = [*(notes or []), *read_warnings]
        lines += [c.reason for c in schema.columns if c.role == "ignore"]
        if schema.problem and partial:
            lines.append(self.tr("{problem} (seen in the first {rows} rows; OK checks the whole file)").format(
                problem=schema.problem, rows=len(self._preview.frame)))
        self.messages.show_warnings(lines)
        error = self._read_error
        if error is None and schema.problem and not partial:
            error = DataError(schema.problem, file=str(self._path), column=schema.target)
        self._show_error(error, blocking=error is not None)

    def _show_error(self, error: EngineError | None, *, blocking: bool) -> None:
        """Show ``error`` in the red area (``blocking``: OK stays disabled until it goes away) and select the cell
        it names, when the preview shows it."""
        self._blocked = blocking
        ragged = error is not None and bool(error.details.get("lines"))
        self.messages.show_error(error, offer_skip=ragged and not self.form.skip_bad_lines.isChecked())
        if error is not None:
            self.view.select_cell(error.row, error.column if isinstance(error.column, str) else None)
        self._update_ok()

    def _update_ok(self) -> None:
        schema = self._schema
        loading = self.load_bar.is_running()
        ready = schema is not None and schema.target is not None and not self._blocked and not loading
        self.ok_button.setEnabled(ready and self.image_row.error() is None)
        for widget in (self.form, self.columns, self.task_row, self.image_row, self.reset_button):
            widget.setEnabled(not loading)

    # ---------------------------------------------------------------------------------------------- editing
    def _edit_columns(self, names: list[str], type: str | None, role: str | None) -> None:
        if self._detected is None:
            return
        if role == "target" and len(names) != 1:
            self._show_error(ConfigError(self.tr("Choose one column as the target.")), blocking=self._blocked)
            return
        for name in names:
            self._edits.set_column(name, type=type, role=role)
        self._apply_edits()
        self.columns.select_names(names)

    def _edit_task(self, task: str | None) -> None:
        if self._detected is None:
            return
        self._edits.set_task(task)
        self._apply_edits()

    def header_menu(self, names: list[str]) -> QMenu:
        """The type/role menu for ``names`` (the columns under and selected with the right-clicked header)."""
        return self.view.header_menu(names)

    def reset(self) -> None:
        """Back to the detected options and schema (forgetting the user's and the recent file's choices)."""
        self.form.reset()
        self._edits = SchemaEdits()
        self.refresh()
        self.image_row.reset()
        self._update_ok()

    # ------------------------------------------------------------------------------------------------ loading
    def accept(self) -> None:
        """Start the full load (OK); the dialog closes when it succeeds."""
        if self.load_bar.is_running() or not self.ok_button.isEnabled() or self._preview is None:
            return
        assert self._schema is not None
        self.load_bar.start(self._path, self._preview.options_used, self._edits, self._schema.target,
                            self.image_row.image_shape(), then=self.prepare)
        self._update_ok()

    def is_loading(self) -> bool:
        return self.load_bar.is_running()

    def reject(self) -> None:
        """Cancel (stopping a running load first) and close."""
        self.load_bar.stop()
        super().reject()

    def _loaded(self, outcome: LoadOutcome) -> None:
        self._outcome = outcome
        if self._recent is not None:
            self._recent.add(self._path, outcome.read.options_used, outcome.edits, outcome.image_shape)
        super().accept()

    def _failed(self, error: EngineError) -> None:
        self._show_error(error, blocking=False)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (a Qt override)
        self.reject()
        event.accept()

