"""Write one CSV row per epoch, so a run's numbers can be opened in a spreadsheet even if training crashes."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from engine.callbacks.base import Callback
from engine.errors import ConfigError
from engine.params import Param
from engine.registry import CALLBACKS

__all__ = ["CSVLogger"]


@CALLBACKS.register("csv_logger")
class CSVLogger(Callback):
    """Appends each epoch's logs to a CSV file: a header, then one row per epoch, written as soon as it ends.

    Columns are ``epoch`` (1-based, as the window shows it) and the first epoch's log keys in their order; a
    key missing from a later epoch is written as an empty cell and keys that appear later are ignored, as in
    Keras. The file is opened and closed for every row, so rows already written survive a crash. With
    ``append`` an existing file is continued under its own header.
    """

    PARAMS = (
        Param("filename", "str", "training_log.csv", "The CSV file to write.", typical="training_log.csv"),
        Param("separator", "str", ",", "The one character between columns.", typical=", or ;"),
        Param("append", "bool", False, "Continue an existing file instead of overwriting it."),
    )
    filename: str
    separator: str
    append: bool

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.columns: list[str] | None = None

    def _validate(self) -> None:
        if not self.filename.strip():
            raise ConfigError("csv_logger: parameter 'filename' expected a file path, received an empty text.",
                              param="filename")
        if len(self.separator) != 1 or self.separator in "\r\n\"":
            raise ConfigError(f"csv_logger: parameter 'separator' expected one character other than a quote or a "
                              f"line break, received {self.separator!r}.", param="separator")

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        path = Path(self.filename)
        self.columns = None
        if self.append and path.is_file() and path.stat().st_size > 0:
            with path.open(newline="", encoding="utf-8") as handle:
                self.columns = next(csv.reader(handle, delimiter=self.separator), None)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", encoding="utf-8")

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        rows = []
        if self.columns is None:
            self.columns = ["epoch", *(key for key in logs if key != "epoch")]
            rows.append(self.columns)
        values = {**logs, "epoch": epoch + 1}
        rows.append([_cell(values.get(column)) for column in self.columns])
        with Path(self.filename).open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=self.separator).writerows(rows)


def _cell(value: Any) -> str:
    """Text of one value: floats in full precision (repr), NumPy scalars as Python numbers, None as empty."""
    if value is None:
        return ""
    if hasattr(value, "item"):
        value = value.item()
    return repr(value) if isinstance(value, float) else str(value)
