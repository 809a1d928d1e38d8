"""The full read of a CSV file behind the import dialog's OK, in a worker ``QThread`` with progress and Cancel.

:func:`load` is the Qt-free work: read every row once (polling ``cancel`` between chunks), detect the schema again
on all rows with the preview's target, replay the user's edits, check the target, then prepare that same table
with ``engine.data.tabular.prepare_table`` (the user's schema as it is, so column types chosen by hand apply). With
an image shape the dataset holds images and its pixels are only scaled to [0, 1] (see ``engine.data.pipeline``),
as on the command line. :func:`load_spec` repeats a load from a project's ``csv`` dataset spec
(:func:`dataset_spec` makes one from an accepted load), so a reopened project gets the same table.
:class:`CsvLoadThread` runs :func:`load` and ends in exactly one of ``succeeded``/``failed``/``cancelled``;
``progressed`` carries whole percents, only when they change. The outcome crosses threads once, after the worker
is done with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from engine.data.dataset import Dataset
from engine.data.reader import Cancelled, ReadResult, read_csv
from engine.data.schema import Schema, infer_schema
from engine.data.sniff import CsvOptions
from engine.data.tabular import TableInfo, prepare_table
from engine.errors import EngineError
from studio.dialogs.schema_edits import SchemaEdits
from studio.project_checks import CSV_DATASET, check_dataset

__all__ = ["CsvLoadThread", "LoadOutcome", "load", "load_spec", "spec_arguments"]

#: Share of the progress bar for reading; the rest is the schema and building the dataset.
READ_SHARE = 0.9


@dataclass
class LoadOutcome:
    """What the full load produced: the read table, its schema with the user's choices, the dataset and its info
    (options, fitted preprocessing pipeline, notes), and the choices that made it (edits, image shape)."""

    read: ReadResult
    schema: Schema
    dataset: Dataset
    table_info: TableInfo
    edits: SchemaEdits
    image_shape: str | None = None
    #: what the thread's ``then`` made of the dataset after reading it (None without one)
    prepared: Any = None

    def dataset_spec(self) -> dict[str, Any]:
        """The project's ``csv`` dataset spec that loads this table again (:func:`load_spec`)."""
        config = {"path": self.table_info.path, "target": self.schema.target,
                  "options": self.read.options_used.to_dict(), "edits": self.edits.to_dict(),
                  "image_shape": self.image_shape}
        return check_dataset({"type": CSV_DATASET, "config": config})


def load(path: str | Path, options: CsvOptions, edits: SchemaEdits, target: str | None, *,
         progress: Callable[[float], None], cancel: Callable[[], bool], image_shape: str | None = None) -> LoadOutcome:
    """Read all of ``path`` once and make its schema as the user set it, as images of ``image_shape`` when given;
    raises DataError, ConfigError, ShapeError or Cancelled."""
    name = str(path)
    read = read_csv(path, options, progress=lambda fraction: progress(READ_SHARE * fraction), cancel=cancel)
    schema = edits.apply(infer_schema(read.frame, target=target if target in read.frame.columns else None))
    schema.validate(file=name)
    if cancel():
        raise Cancelled("reading was cancelled; nothing was changed.")
    dataset, info = prepare_table(name, read, schema, image_shape=image_shape,
                                  scaler=None if image_shape else "standard")
    progress(1.0)
    return LoadOutcome(read, schema, dataset, info, SchemaEdits.from_dict(edits.to_dict()), image_shape)


def load_spec(config: Mapping[str, Any]) -> LoadOutcome:
    """Load the table a project's ``csv`` dataset config describes, with the options, column choices and image
    shape the import dialog used (an older config without them: everything detected, as ``load_table`` does)."""
    path, options, edits, target, image_shape = spec_arguments(config)
    return load(path, options, edits, target, progress=lambda _: None, cancel=lambda: False, image_shape=image_shape)


def spec_arguments(config: Mapping[str, Any]) -> tuple[str, CsvOptions, SchemaEdits, str | None, str | None]:
    """The arguments of :func:`load` (and :class:`CsvLoadThread`) for a project's ``csv`` dataset config: path,
    options, edits, target and image shape; ConfigError when the config is not valid."""
    checked = check_dataset({"type": CSV_DATASET, "config": dict(config)})["config"]
    return (checked["path"], CsvOptions.from_dict(checked["options"]), SchemaEdits.from_dict(checked["edits"]),
            checked["target"], checked["image_shape"])


class CsvLoadThread(QThread):
    """Runs :func:`load` off the GUI thread; :meth:`cancel` is safe to call from any thread, any time."""

    progressed = Signal(int)  # whole percent, only when it changes
    succeeded = Signal(object)  # LoadOutcome
    failed = Signal(object)  # the EngineError (message and location fields)
    cancelled = Signal()

    def __init__(self, path: str | Path, options: CsvOptions, edits: SchemaEdits, target: str | None,
                 parent: QObject | None = None, *, image_shape: str | None = None,
                 then: Callable[[Dataset], Any] | None = None) -> None:
        """``then(dataset)``, when given, also runs in the thread once the table is read (work on the rows that
        would otherwise hold up the GUI thread); its result is the outcome's ``prepared``."""
        super().__init__(parent)
        self._then = then
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
            if self._then is not None and not self._stop.is_set():
                outcome.prepared = self._then(outcome.dataset)
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
