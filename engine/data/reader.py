"""Read a CSV file into a pandas DataFrame with detected or given options, using pandas' C parser.

Blank lines and rows whose cells are all missing (Excel's ";;;;") are dropped; rows with more fields than the
header are refused with their line numbers, or skipped and reported when ``skip_bad_lines`` is set. Every row of
the result keeps the editor line it came from (``ReadResult.line_numbers``), so later messages can point at it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.data.csv_errors import Cancelled, undecodable_error
from engine.data.sniff import CsvOptions, Detection, detect
from engine.errors import DataError

__all__ = ["Cancelled", "ReadResult", "pandas_options", "read_csv"]

#: Rows per chunk when reading in chunks: with progress or cancel callbacks, or a file above CHUNKED_BYTES (pandas
#: then tokenizes one chunk at a time: peak memory about 2× the final table instead of 3-4× in one piece).
CHUNK_ROWS = 100_000
CHUNKED_BYTES = 32 * 1024 * 1024
_SKIPPED = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")
_WIDER_ROW = "Length of header or names does not match length of data"
_LISTED = 10


@dataclass
class ReadResult:
    """The table, the options that read it, plain-words warnings, skipped ragged lines and each row's line."""

    frame: pd.DataFrame
    options_used: CsvOptions
    warnings: list[str]
    ragged_lines: list[int]
    line_numbers: np.ndarray
    detection: Detection


def read_csv(
    path: str | Path,
    options: CsvOptions | None = None,
    *,
    nrows: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ReadResult:
    """Read ``path`` with ``options`` (``None`` fields detected); ``nrows`` limits the data rows (a preview).

    With ``progress`` or ``cancel`` (and for files above :data:`CHUNKED_BYTES`) the file is read in chunks:
    ``progress(fraction)`` is called after each one and ``cancel()`` polled before each; when it returns True,
    :class:`Cancelled` is raised. A column that reads as numbers in one chunk and as text in another ends up as
    text objects; the schema then parses it cell by cell.
    """
    path = Path(path)
    name = str(path)
    detection = detect(path, options)
    opts = detection.options
    kwargs = pandas_options(opts)
    chunked = progress is not None or cancel is not None or path.stat().st_size > CHUNKED_BYTES
    with warnings.catch_warnings(record=True) as caught, path.open("rb") as fh:
        warnings.simplefilter("always")
        try:
            if chunked:
                frame = _read_chunks(fh, path.stat().st_size, kwargs, nrows, progress, cancel)
            else:
                frame = pd.read_csv(fh, nrows=nrows, **kwargs)
        except UnicodeDecodeError:
            raise undecodable_error(path, opts.encoding or "utf-8", name) from None
        except pd.errors.EmptyDataError:
            raise DataError(f"{name} holds no table: every line is blank or above the header.", file=name) from None
        except pd.errors.ParserError as exc:
            raise _parser_error(exc, name) from None
    ragged = sorted(int(m.group(1)) for w in caught for m in _SKIPPED.finditer(str(w.message)))
    first_line = opts.skip_rows + (2 if opts.header else 1)
    if any(_WIDER_ROW in str(w.message) for w in caught):
        raise DataError(f"{name}: line {first_line} holds more fields than the {len(frame.columns)} names of the "
                        f"header (line {first_line - 1}); name every column or fix the line.", file=name,
                        row=first_line)
    lines = _line_numbers(len(frame), first_line, ragged)
    if opts.drop_empty_rows:
        frame, lines = _drop_empty(frame, lines)
    if not opts.header:
        frame.columns = [f"column_{i + 1}" for i in range(frame.shape[1])]
    else:
        frame.columns = [str(c).strip() for c in frame.columns]
    messages = []
    if ragged:
        width = frame.shape[1]
        if not opts.skip_bad_lines:
            raise DataError(f"{name}: {_lines_text(ragged)} more fields than the {width} columns of the table; fix "
                            f"or skip {'it' if len(ragged) == 1 else 'them'}.", file=name, row=ragged[0],
                            lines=ragged)
        messages.append(f"{name}: skipped {_lines_text(ragged)} more fields than the {width} columns.")
    if frame.empty and nrows != 0:
        what = "a header but no data rows" if opts.header else "no data rows"
        raise DataError(f"{name} has {what}.", file=name)
    return ReadResult(frame, opts, messages, ragged, lines, detection)


def pandas_options(options: CsvOptions) -> dict[str, Any]:
    """pandas.read_csv keyword arguments for fully resolved ``options``."""
    whitespace = options.delimiter == " "
    kwargs: dict[str, Any] = {
        "engine": "c",
        "sep": r"\s+" if whitespace else options.delimiter,
        "quotechar": options.quotechar,
        "decimal": options.decimal,
        "thousands": options.thousands or None,
        "header": 0 if options.header else None,
        "skiprows": options.skip_rows or None,
        "encoding": options.encoding,
        "na_values": list(options.na_values or ()),
        "keep_default_na": False,
        "skip_blank_lines": False,
        "skipinitialspace": not whitespace,
        "on_bad_lines": "warn",
        "low_memory": False,
        "index_col": False,
    }
    return kwargs


def _read_chunks(fh: Any, size: int, kwargs: dict[str, Any], nrows: int | None,
                 progress: Callable[[float], None] | None, cancel: Callable[[], bool] | None) -> pd.DataFrame:
    chunks = []
    with pd.read_csv(fh, chunksize=CHUNK_ROWS, nrows=nrows, **kwargs) as reader:
        for chunk in reader:
            if cancel is not None and cancel():
                raise Cancelled("reading was cancelled; nothing was changed.")
            chunks.append(chunk)
            if progress is not None:
                progress(min(fh.tell() / size, 1.0) if size else 1.0)
    if cancel is not None and cancel():
        raise Cancelled("reading was cancelled; nothing was changed.")
    if progress is not None:
        progress(1.0)
    return pd.concat(chunks, ignore_index=True, copy=False) if len(chunks) > 1 else chunks[0]


def _line_numbers(rows: int, first_line: int, ragged: list[int]) -> np.ndarray:
    """The editor line of each parsed row: consecutive lines from ``first_line``, minus the skipped ones."""
    lines = np.arange(first_line, first_line + rows + len(ragged), dtype=np.int64)
    if ragged:
        lines = lines[~np.isin(lines, ragged)]
    return lines[:rows]


def _drop_empty(frame: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    empty = frame.isna().all(axis=1).to_numpy()
    if not empty.any():
        return frame, lines
    keep = ~empty
    return frame.loc[keep].reset_index(drop=True), lines[keep]


def _lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_LISTED])
    more = f" and {len(lines) - _LISTED} more" if len(lines) > _LISTED else ""
    return f"line {shown} has" if len(lines) == 1 else f"lines {shown}{more} have"


def _parser_error(exc: Exception, name: str) -> DataError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    row = re.search(r"(?:row|line) (\d+)", text)
    line = int(row.group(1)) if row else None
    if "EOF inside string" in text:  # pandas counts that row from 0
        line = None if line is None else line + 1
        return DataError(f"{name}: a quote opened on line {line} is never closed.", file=name, row=line)
    return DataError(f"could not read {name} as CSV: {text.rstrip('.')}.", file=name, row=line)

