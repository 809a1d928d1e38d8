"""The full read of a CSV file behind the import dialog's OK, in a worker ``QThread`` with progress and Cancel.

:func:`load` is the Qt-free work: read every row (polling ``cancel`` between chunks), detect the schema again on
all rows with the preview's target, replay the user's edits, check the target, then build the training dataset
with ``engine.data.tabular.load_table`` (target, ignored columns and task passed by name; a choice it cannot take,
such as a changed column type, is named in the dataset info's warnings). With an image shape the dataset holds
images and its pixels are only scaled to [0, 1] (see ``engine.data.pipeline``), as on the command line.
:class:`CsvLoadThread` runs it and ends in exactly one of ``succeeded``/``failed``/``cancelled``; ``progressed``
carries whole percents, only when they change. The outcome crosses threads once, after the worker is done with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from engine.data.dataset import Dataset
from engine.data.reader import Cancelled, ReadResult, read_csv
from engine.data.schema import Schema, infer_schema
from engine.data.sniff import CsvOptions
from engine.data.tabular import TableInfo, load_table
from engine.errors import EngineError
from studio.dialogs.schema_edits import SchemaEdits

__all__ = ["CsvLoadThread", "LoadOutcome", "load"]

#: Share of the progress bar for reading; the rest is the schema and building the dataset.
READ_SHARE = 0.9


@dataclass
class LoadOutcome:
    """What the full load produced: the read table, its schema with the user's choices, the dataset and its info
    (options, fitted preprocessing pipeline, notes)."""

    read: ReadResult
    schema: Schema
    dataset: Dataset
    table_info: TableInfo


def load(path: str | Path, options: CsvOptions, edits: SchemaEdits, target: str | None, *,
         progress: Callable[[float], None], cancel: Callable[[], bool], image_shape: str | None = None) -> LoadOutcome:
    """Read all of ``path`` and make its schema as the user set it, as images of ``image_shape`` when given;
    raises DataError, ConfigError, ShapeError or Cancelled."""
    name = str(path)
    read = read_csv(path, options, progress=lambda fraction: progress(READ_SHARE * fraction), cancel=cancel)
    schema = edits.apply(infer_schema(read.frame, target=target if target in read.frame.columns else None))
    schema.validate(file=name)
    if cancel():
        raise Cancelled("reading was cancelled; nothing was changed.")
    ignore = [c.name for c in schema.columns if c.role == "ignore"]
    dataset, info = load_table(path, options=read.options_used, target=schema.target, ignore=ignore,
                               task=edits.task, image_shape=image_shape,
                               scaler=None if image_shape else "standard")
    info.warnings.extend(_not_applied(schema, info.schema))
    progress(1.0)
    return LoadOutcome(read, schema, dataset, info)


def _not_applied(wanted: Schema, built: Schema) -> list[str]:
    """Sentences for the columns whose type or role in the built dataset differs from the user's choice."""
    notes = []
    for info in wanted.columns:
        if info.name in built.names:
            got = built.column(info.name)
            if (got.type, got.role) != (info.type, info.role):
                notes.append(f"column {info.name!r}: the dataset reads it as {got.type}, {got.role}; the choice "
                             f"{info.type}, {info.role} could not be applied.")
    return notes


class CsvLoadThread(QThread):
    """Runs :func:`load` off the GUI thread; :meth:`cancel` is safe to call from any thread, any time."""

    progressed = Signal(int)  # whole percent, only when it changes
    succeeded = Signal(object)  # LoadOutcome
    failed = Signal(object)  # the EngineError (message and location fields)
    cancelled = Signal()

    def __init__(self, path: str | Path, options: CsvOptions, edits: SchemaEdits, target: str | None,
                 parent: QObject | None = None, *, image_shape: str | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._options = options
        self._edits = SchemaEdits.from_dict(edits.to_dict())  # the worker's own copy
        self._target = target
        self._image_shape = image_shape
        self._stop = threading.Event()
        self._percent = -1

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def _progress(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    def run(self) -> None:
        try:
            outcome = load(self._path, self._options, self._edits, self._target, progress=self._progress,
                           cancel=self._stop.is_set, image_shape=self._image_shape)
        except Cancelled:
            self.cancelled.emit()
        except EngineError as error:
            self.failed.emit(error)
        except Exception as exc:  # every run must end in one signal; the dialog shows the sentence
            self.failed.emit(EngineError(f"reading {self._path} failed unexpectedly: {type(exc).__name__}: {exc}",
                                         file=str(self._path)))
        else:
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(outcome)
