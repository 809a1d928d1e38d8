"""Files that cannot be CSV text, bytes that do not decode, and a cancelled read: each one sentence.

Lines and columns are counted the way a text editor counts them: 1-based, the header is line 1, the column is
the character position within the line.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from engine.errors import DataError, EngineError

__all__ = ["Cancelled", "check_not_binary", "locate_undecodable", "undecodable_error", "utf16_without_bom"]

#: Leading bytes of formats people save with a .csv name by mistake, and what to say about them.
_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data: unpack it first (e.g. with gunzip or 7-Zip)"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx workbook?): save it from Excel as CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook: save it from Excel as CSV"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data: unpack it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data: unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
    (b"\x93NUMPY", "a NumPy .npy array"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class Cancelled(EngineError):  # noqa: N818 - the name the brief and the callers use
    """The user cancelled a read; nothing was changed."""


def check_not_binary(sample: bytes, name: str) -> None:
    """Raise a DataError when ``sample`` (the start of file ``name``) is a known binary format or holds NUL bytes.

    UTF-16/32 text legitimately holds NUL bytes; it is recognised by its BOM or by NULs in every other byte.
    """
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            raise DataError(f"{name} is {what}, not a CSV text file.", file=name)
    if b"\x00" not in sample or sample.startswith(_UTF16_BOMS) or utf16_without_bom(sample):
        return
    line = sample.count(b"\n", 0, sample.index(b"\x00")) + 1
    raise DataError(f"{name} holds binary data (a NUL byte on line {line}), not CSV text: is it really a CSV "
                    f"file?", file=name, row=line)


def utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NUL bytes sit in every other position of an ASCII-heavy sample, else None."""
    head = sample[:4096]
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.6 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def locate_undecodable(path: Path, encoding: str, block: int = 1 << 20) -> tuple[int, int, bytes] | None:
    """(line, column, bad bytes) of the first bytes of ``path`` that ``encoding`` cannot decode, or None.

    Streams the file with an incremental decoder, so it works on files of any size.
    """
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line, column = 1, 1
    with path.open("rb") as fh:
        while True:
            data = fh.read(block)
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                good = _decoded_prefix(data[:exc.start], encoding)
                line, column = _advance(good, line, column)
                return line, column, exc.object[exc.start:exc.end]
            line, column = _advance(text, line, column)
            if not data:
                return None


def _decoded_prefix(data: bytes, encoding: str) -> str:
    """``data`` decoded, dropping an incomplete trailing character (the bytes before a decoding error)."""
    return codecs.getincrementaldecoder(encoding)("replace").decode(data, final=False)


def _advance(text: str, line: int, column: int) -> tuple[int, int]:
    """Line and column after reading ``text`` from (line, column); CRLF, LF and CR each end a line."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    if not breaks:
        return line, column + len(text)
    last = max(text.rfind("\n"), text.rfind("\r"))
    return line + breaks, len(text) - last


def undecodable_error(path: Path, encoding: str, name: str) -> DataError:
    """The DataError for a file that does not decode with ``encoding``, naming the first bad byte's place."""
    found = locate_undecodable(path, encoding)
    if found is None:
        return DataError(f"{name} could not be decoded as {encoding}.", file=name)
    line, column, bad = found
    return DataError(f"{name}: line {line}, column {column} holds the byte(s) {bad.hex(' ')} that are not valid "
                     f"{encoding}; choose the file's encoding (e.g. GBK, cp1252 or UTF-16).", file=name, row=line,
                     column=column)
