"""The text encoding of a CSV file's bytes, and decoding its sample (see :mod:`engine.data.sniff`)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from engine.data.csv_errors import undecodable_error, utf16_without_bom
from engine.errors import ConfigError

__all__ = ["decode_sample", "detect_encoding"]

_CANDIDATE_ENCODINGS = ["gb18030", "big5", "cp1252"]
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def detect_encoding(raw: bytes) -> str:
    """The encoding of ``raw``: a BOM, UTF-16 without BOM, strict UTF-8, else charset-normalizer's best guess.

    Non-ASCII bytes that all pair up as GB2312 characters (both bytes 0xA1-0xFE, the simplified Chinese of most
    GBK Excel exports) mean GB18030 even in a short sample, where statistics cannot tell GBK from Big5 (whose
    second bytes fall below 0xA1 for about 40 % of characters). Otherwise charset-normalizer chooses among
    GB18030 (a superset of GBK), Big5 and cp1252; latin-1 is the last resort (it decodes any bytes).
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    utf16 = utf16_without_bom(raw)
    if utf16:
        return utf16
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _gb2312_only(raw):
        return "gb18030"
    from charset_normalizer import from_bytes

    cut = raw[:raw.rfind(b"\n") + 1] or raw
    best = from_bytes(cut, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is None:
        return "latin-1"
    return {"gb2312": "gb18030", "gbk": "gb18030"}.get(best.encoding, best.encoding).replace("_", "-")


def _gb2312_only(raw: bytes) -> bool:
    runs = _HIGH_RUN.findall(raw)
    return bool(runs) and all(len(run) % 2 == 0 and _GB2312_PAIRS.fullmatch(run) for run in runs)


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_GB2312_PAIRS = re.compile(rb"(?:[\xa1-\xf7][\xa1-\xfe])+")


def decode_sample(raw: bytes, encoding: str, path: Path, name: str, truncated: bool) -> str:
    """The sample's text in ``encoding`` (a ``truncated`` sample may end inside a character); a DataError when
    it does not decode, a ConfigError for an unknown encoding."""
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(raw, final=not truncated)
    except UnicodeDecodeError:
        raise undecodable_error(path, encoding, name) from None
    except LookupError:
        raise ConfigError(f"encoding {encoding!r} is unknown.", param="encoding") from None
