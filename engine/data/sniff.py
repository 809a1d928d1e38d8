"""Find out how a CSV file is written: encoding, delimiter, quotes, decimal and thousands marks, header, lines.

Everything is detected from a bounded sample (the first 256 KiB) and every choice can be overridden: a field of
:class:`CsvOptions` left as ``None`` is detected, a field that is set is used as given (and the other fields are
detected under it, e.g. the delimiter in the encoding the user chose).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from engine.data.csv_errors import check_not_binary
from engine.data.encoding import decode_sample, detect_encoding
from engine.data.number_marks import is_number, number_style
from engine.errors import ConfigError, DataError

__all__ = ["DELIMITERS", "NA_VALUES", "CsvOptions", "Detection", "detect", "detect_encoding"]

SAMPLE_BYTES = 256 * 1024
#: Delimiters tried, in order of preference when two fit equally well. A space means "runs of spaces".
DELIMITERS = (",", ";", "\t", "|", " ")
#: Whole cells read as missing values.
NA_VALUES = ("", "NA", "N/A", "n/a", "na", "NaN", "nan", "NAN", "null", "NULL", "Null", "None", "none", "?", "-",
             ".", "#N/A")
_MAX_RECORDS = 400
_ENDINGS = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "spaces"}


@dataclass(frozen=True)
class CsvOptions:
    """How to read a CSV file; ``None`` in a field means "detect it".

    ``thousands=""`` means no thousands separator. ``skip_rows`` counts lines above the header (titles, blank
    lines). ``drop_empty_rows`` drops blank lines and rows whose cells are all empty or missing (Excel's ";;;;").
    ``line_terminator`` is information only (LF, CRLF and CR are all read). ``skip_bad_lines`` skips rows with
    more fields than the header instead of refusing the file; it is never detected.
    """

    encoding: str | None = None
    delimiter: str | None = None
    quotechar: str | None = None
    decimal: str | None = None
    thousands: str | None = None
    header: bool | None = None
    skip_rows: int | None = None
    drop_empty_rows: bool | None = None
    na_values: tuple[str, ...] | None = None
    line_terminator: str | None = None
    skip_bad_lines: bool = False

    def __post_init__(self) -> None:
        if self.delimiter is not None and self.delimiter not in DELIMITERS and len(self.delimiter) != 1:
            raise ConfigError(f"delimiter expected one character, received {self.delimiter!r}.", param="delimiter")
        if self.decimal not in (None, ".", ","):
            raise ConfigError(f"decimal expected '.' or ',', received {self.decimal!r}.", param="decimal")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise ConfigError(f"encoding {self.encoding!r} is unknown; expected e.g. utf-8, gbk, big5, cp1252 "
                                  f"or utf-16.", param="encoding") from None
        if self.na_values is not None and not isinstance(self.na_values, tuple):
            object.__setattr__(self, "na_values", tuple(self.na_values))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe fields (for recent files and project files)."""
        data = asdict(self)
        data["na_values"] = None if self.na_values is None else list(self.na_values)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CsvOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"CSV options got unknown field(s) {', '.join(unknown)}; expected some of "
                              f"{', '.join(sorted(known))}.", param=unknown[0])
        return cls(**data)

    def fill(self, other: CsvOptions) -> CsvOptions:
        """These options with every ``None`` field taken from ``other``."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(self) if getattr(self, f.name) is None})


@dataclass(frozen=True)
class Detection:
    """The options to read a file with (nothing left as ``None``) and what was found, in plain words."""

    options: CsvOptions
    summary: str
    columns: int
    sample_rows: list[list[str]]


def detect(path: str | Path, options: CsvOptions | None = None) -> Detection:
    """Detect how ``path`` is written, keeping every field already set in ``options``.

    Raises DataError for an empty file, binary or compressed data, or bytes the encoding cannot decode.
    """
    path = Path(path)
    name = str(path)
    given = options or CsvOptions()
    if not path.is_file():
        raise DataError(f"file not found: {name}.", file=name)
    with path.open("rb") as fh:
        raw = fh.read(SAMPLE_BYTES + 1)
    truncated = len(raw) > SAMPLE_BYTES
    raw = raw[:SAMPLE_BYTES]
    if not raw.strip():
        raise DataError(f"{name} is empty: expected a header row and data rows.", file=name)
    check_not_binary(raw, name)
    encoding = given.encoding or detect_encoding(raw)
    text = decode_sample(raw, encoding, path, name, truncated)
    if truncated:  # the last line may be cut
        text = text[:max(text.rfind("\n"), text.rfind("\r")) + 1] or text
    if not text.strip(" \t\r\n\ufeff"):
        raise DataError(f"{name} is empty: expected a header row and data rows.", file=name)
    ending = _line_ending(text)
    quotechar = given.quotechar or _quotechar(text)
    delimiter = given.delimiter or _delimiter(text, quotechar)
    records, lines = _records(text, delimiter, quotechar)
    width = _mode_width(records)
    skip = given.skip_rows if given.skip_rows is not None else _preamble(records, lines, width)
    records = _records(_drop_lines(text, skip), delimiter, quotechar)[0]
    body_fields = [f for r in records[1:] for f in r]
    decimal, thousands = number_style(body_fields, delimiter)
    decimal = given.decimal or decimal
    thousands = given.thousands if given.thousands is not None else thousands
    header = given.header if given.header is not None else _has_header(records, decimal, thousands)
    found = CsvOptions(encoding=encoding, delimiter=delimiter, quotechar=quotechar, decimal=decimal,
                       thousands=thousands, header=header, skip_rows=skip, drop_empty_rows=True,
                       na_values=NA_VALUES, line_terminator=ending, skip_bad_lines=given.skip_bad_lines)
    chosen = given.fill(found)
    return Detection(chosen, _summary(chosen, width), width, [r for r in records if any(r)][:20])


def _line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\r": text.count("\r") - crlf, "\n": text.count("\n") - crlf}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else "\n"


def _quotechar(text: str) -> str:
    double = len(re.findall(r'(?:^|[,;\t|])"', text, re.M))
    single = len(re.findall(r"(?:^|[,;\t|])'[^',;\t|\r\n]*'(?=$|[,;\t|])", text, re.M))
    return "'" if single > double else '"'


def _records(text: str, delimiter: str, quotechar: str) -> tuple[list[list[str]], list[int]]:
    """Up to _MAX_RECORDS parsed records and the physical line each one ends on."""
    if delimiter == " ":
        lines = text.splitlines()[:_MAX_RECORDS]
        return [line.split() for line in lines], list(range(1, len(lines) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar,
                        skipinitialspace=True, strict=False)
    records, ends = [], []
    try:
        for row in reader:
            records.append(row)
            ends.append(reader.line_num)
            if len(records) >= _MAX_RECORDS:
                break
    except csv.Error:
        pass  # a quote left open in the sample: judge the records read so far
    return records, ends


def _nonempty(records: list[list[str]]) -> list[list[str]]:
    return [r for r in records if any(f.strip() for f in r)]


def _mode_width(records: list[list[str]]) -> int:
    counts = Counter(len(r) for r in _nonempty(records))
    return counts.most_common(1)[0][0] if counts else 0


def _delimiter(text: str, quotechar: str) -> str:
    """The candidate giving the most consistent field counts (header included) with the cleanest fields."""
    best, best_score = ",", 0.0
    for candidate in DELIMITERS:
        rows = _nonempty(_records(text, candidate, quotechar)[0])
        if not rows:
            continue
        width = _mode_width(rows)
        if width < 2:
            continue
        consistent = sum(len(r) == width for r in rows) / len(rows)
        others = "".join(d for d in DELIMITERS[:4] if d != candidate)
        cells = [f for r in rows for f in r]
        clean = sum(_looks_number(f) or not any(c in f for c in others) for f in cells) / len(cells)
        score = consistent * clean * (1.0 if len(rows[0]) == width else 0.8) * (0.95 if candidate == " " else 1.0)
        if score > best_score + 1e-9:
            best, best_score = candidate, score
    return best


_NUMBER = re.compile(r"^[+-]?(\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?$")


def _looks_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell.strip()))


def _preamble(records: list[list[str]], lines: list[int], width: int) -> int:
    """Lines above the header: leading records (at most 10) that are blank or one cell (a title) wide."""
    if width < 2:
        return 0
    for k, record in enumerate(records[:11]):
        if len(record) == width:
            return lines[k - 1] if k else 0
        if len(record) > 1:
            return 0
    return 0


def _drop_lines(text: str, count: int) -> str:
    if not count:
        return text
    return "".join(io.StringIO(text, newline="").readlines()[count:])


def _has_header(records: list[list[str]], decimal: str, thousands: str) -> bool:
    """A header when a first-row cell is text above numbers, or the first row's names are distinct texts that do
    not occur again below them; no header when the first row is all numbers."""
    rows = _nonempty(records)
    if not rows:
        return True
    first, body = rows[0], rows[1:]

    def number(cell: str) -> bool:
        return is_number(cell, decimal, thousands)

    if all(number(c) for c in first if c.strip()):
        return False
    for j, cell in enumerate(first):
        column = [r[j] for r in body if j < len(r) and r[j].strip() and r[j].strip() not in NA_VALUES]
        if column and all(number(c) for c in column) and cell.strip() and not number(cell):
            return True
    names = [c.strip() for c in first]
    if len(set(names)) != len(names):
        return False
    seen_below = sum(j < len(r) and r[j].strip() == name for r in body for j, name in enumerate(names) if name)
    return seen_below == 0


def _summary(options: CsvOptions, width: int) -> str:
    parts = [
        f"encoding {options.encoding}",
        f"{_DELIMITER_NAMES.get(options.delimiter or ',', repr(options.delimiter))}-separated, {width} column(s)",
        "decimal comma" if options.decimal == "," else "decimal point",
    ]
    if options.thousands:
        parts.append(f"thousands separator {options.thousands!r}")
    parts.append("header row" if options.header else "no header row")
    if options.skip_rows:
        parts.append(f"{options.skip_rows} line(s) above the header skipped")
    parts.append(f"{_ENDINGS.get(options.line_terminator or '', 'LF')} line endings")
    return "; ".join(parts) + "."
