"""The type of one column of a table, with the reason in plain words and the cells that do not parse.

Types: numeric, categorical, boolean, datetime, text (free text), identifier, constant; identifiers, constants,
free text and dates get the role "ignore" by default, the others "feature". Decisions, so the dialog and the CLI
agree:
- boolean means words only: yes/no, true/false, y/n, t/f, 是/否, 对/错 (any case). A 0/1 column stays numeric: it
  reaches the network as the same 0/1 numbers either way, and as a target it is detected as binary anyway.
- identifier: a column with a different value in every row that is either named like one (ID, index, customer_id,
  编号, an unnamed column), or holds consecutive integers (a saved row index), or short strings without spaces in a
  table of at least 20 rows. Unique integers alone (incomes, counts) stay numeric.
- a text column whose values are at least 90 % numbers is numeric; the other cells are listed as bad cells
  (row position in the frame, column name) for the dialog to highlight, and read as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from engine.data.columns import all_whole, number_text

__all__ = ["MAX_COUNTS", "ColumnInfo", "analyse_column", "default_role", "reason_for"]

#: Value counts are kept for columns with at most this many distinct values (class counts after an override).
MAX_COUNTS = 1000
_IGNORED = {"datetime": "holds dates", "text": "looks like free text", "identifier": "looks like an identifier",
            "constant": "holds one value only"}
_TRUE = {"yes", "true", "y", "t", "是", "对"}
_FALSE = {"no", "false", "n", "f", "否", "错"}
_ID_NAME = re.compile(r"^(id|idx|index|key|no\.?|nr|#|row|rowid|编号|序号|unnamed: \d+|)$|[_\s.-]id$|[a-z]Id$|ID$",
                      re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}")
_DATE_FORMATS = ("ISO8601", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%Y年%m月%d日")


@dataclass(frozen=True)
class ColumnInfo:
    """One column: its type and role with the reason, missing and distinct counts, a few example values.

    ``counts`` maps each value (as text) to its count when the column has at most :data:`MAX_COUNTS` distinct
    values; ``integral`` says every number is whole; ``bad`` counts cells that do not parse as the type.
    """

    name: str
    type: str
    role: str
    reason: str
    missing: int
    unique: int
    examples: tuple[str, ...]
    counts: dict[str, int] | None = None
    integral: bool = False
    bad: int = 0


def analyse_column(series: pd.Series, name: str) -> tuple[ColumnInfo, np.ndarray]:
    """The column's info and the row positions of cells that do not parse as its type."""
    present = series.notna().to_numpy()
    values = series[present]
    missing = int(len(series) - len(values))
    no_bad = np.empty(0, dtype=np.int64)
    if values.empty:
        return _info(name, "constant", missing, 0, (), None, f"column {name!r} has no values: ignored."), no_bad
    numbers, ok = _as_numbers(values)
    if numbers is not None and ok.mean() >= 0.9:
        bad = np.flatnonzero(present)[~ok]
        return _numeric_info(name, numbers[ok], missing + len(bad), len(bad)), bad
    text = values.astype(str).str.strip()
    unique = int(text.nunique())
    counts = _counts(text) if unique <= MAX_COUNTS else None
    examples = tuple(text.drop_duplicates().head(5))
    lowered = set(text.str.lower().unique()) if unique <= 10 else set()
    if unique <= 1:
        kind = "constant"
    elif lowered and lowered <= _TRUE | _FALSE and lowered & _TRUE and lowered & _FALSE:
        kind = "boolean"
    elif _looks_like_dates(text):
        kind = "datetime"
    else:
        kind = _string_kind(name, text, unique, missing)
    return _info(name, kind, missing, unique, examples, counts, reason_for(name, kind, unique)), no_bad


def _as_numbers(values: pd.Series) -> tuple[np.ndarray | None, np.ndarray]:
    if pd.api.types.is_bool_dtype(values):
        return None, np.zeros(len(values), dtype=bool)
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype=np.float64)
        return numbers, np.ones(len(numbers), dtype=bool)
    numbers = pd.to_numeric(values.astype(str).str.strip(), errors="coerce").to_numpy(dtype=np.float64)
    return numbers, ~np.isnan(numbers)


def _numeric_info(name: str, numbers: np.ndarray, missing: int, bad: int) -> ColumnInfo:
    unique_values = np.unique(numbers)
    unique = len(unique_values)
    finite = unique_values[np.isfinite(unique_values)]
    integral = all_whole(finite)
    counts = None
    if unique <= MAX_COUNTS:
        keys, tally = np.unique(numbers, return_counts=True)
        counts = {number_text(k, integral): int(t) for k, t in zip(keys, tally, strict=True)}
    examples = tuple(number_text(v, integral) for v in numbers[:5])
    every_row = unique == len(numbers) and missing == 0 and unique >= 2
    consecutive = integral and unique >= 10 and finite.size == unique and finite[-1] - finite[0] == unique - 1
    if unique <= 1:
        kind = "constant"
    elif every_row and integral and (_ID_NAME.search(name.strip()) or consecutive):
        kind = "identifier"
    else:
        kind = "numeric"
    reason = reason_for(name, kind, unique)
    if bad:
        reason = reason[:-1] + f"; {bad} cell(s) are not numbers and are read as missing."
    return _info(name, kind, missing, unique, examples, counts, reason, integral, bad)


def _counts(text: pd.Series) -> dict[str, int]:
    tally = text.value_counts()
    return {str(k): int(tally[k]) for k in sorted(tally.index, key=str)}


def _looks_like_dates(text: pd.Series) -> bool:
    sample = text.head(500)
    if not sample.str.match(_DATE_LIKE).mean() >= 0.9:
        return False
    for fmt in _DATE_FORMATS:
        parsed = pd.to_datetime(sample, format=fmt, errors="coerce")
        if parsed.notna().mean() >= 0.9:
            return True
    return False


def _string_kind(name: str, text: pd.Series, unique: int, missing: int) -> str:
    n = len(text)
    lengths = text.str.len()
    spaced = text.str.contains(" ", regex=False).mean()
    if unique > 20 and unique >= 0.5 * n and (lengths.mean() >= 25 or spaced >= 0.5):
        return "text"
    if unique == n and missing == 0 and (_ID_NAME.search(name.strip()) or (n >= 20 and spaced < 0.1)):
        return "identifier"
    return "categorical"


def reason_for(name: str, kind: str, unique: int) -> str:
    if kind in _IGNORED:
        return f"column {name!r} {_IGNORED[kind]}: ignored."
    what = {"numeric": "holds numbers", "boolean": "holds yes/no values",
            "categorical": f"holds {unique} categories"}[kind]
    return f"column {name!r} {what}: used as an input."


def _info(name: str, kind: str, missing: int, unique: int, examples: tuple[str, ...], counts: dict[str, int] | None,
          reason: str, integral: bool = False, bad: int = 0) -> ColumnInfo:
    return ColumnInfo(name, kind, default_role(kind), reason, missing, unique, tuple(examples), counts, integral,
                      bad)


def default_role(kind: str) -> str:
    return "ignore" if kind in _IGNORED else "feature"
