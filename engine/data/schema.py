"""What each column of a table is (type), what it is for (role), why, and what the target asks for (task).

Types: numeric, categorical, boolean, datetime, text (free text), identifier, constant. Roles: feature, target,
ignore. Identifiers, constants, free text and dates are ignored by default; every column says why in plain words.

Decisions, so the dialog and the CLI agree:
- boolean means words only: yes/no, true/false, y/n, t/f, 是/否, 对/错 (any case). A 0/1 column stays numeric: it
  reaches the network as the same 0/1 numbers either way, and as a target it is detected as binary anyway.
- identifier: a column with a different value in every row that is either named like one (ID, index, customer_id,
  编号, an unnamed column), or holds consecutive integers (a saved row index), or short strings without spaces in a
  table of at least 20 rows. Unique integers alone (incomes, counts) stay numeric.
- a text column whose values are at least 90 % numbers is numeric; the other cells are listed as bad cells
  (row position in the frame, column name) for the dialog to highlight, and read as missing.
- target: the given column, else one named label/target/class/y/species/标签/类别 (any case), else the last
  column that is not ignored. Integers with at most :data:`MAX_CLASSES` distinct values are classes (overridable
  with :meth:`Schema.with_task`), other numbers are regression.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from engine.errors import ConfigError, DataError

__all__ = ["MAX_CLASSES", "ROLES", "TARGET_NAMES", "TASKS", "TYPES", "ColumnInfo", "Schema", "infer_schema"]

TYPES = ("numeric", "categorical", "boolean", "datetime", "text", "identifier", "constant")
ROLES = ("feature", "target", "ignore")
TASKS = ("binary", "multiclass", "regression")
TARGET_NAMES = ("label", "target", "class", "y", "species", "标签", "类别")
MAX_CLASSES = 20
#: Value counts are kept for columns with at most this many distinct values (class counts after an override).
MAX_COUNTS = 1000
BAD_CELLS_CAP = 200
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


@dataclass
class Schema:
    """Every column's type and role, the target with its task and class counts, and cells that do not parse."""

    columns: list[ColumnInfo]
    rows: int
    target: str | None = None
    task: str | None = None
    class_counts: dict[str, int] = field(default_factory=dict)
    bad_cells: list[tuple[int, str]] = field(default_factory=list)
    problem: str | None = None

    def column(self, name: str) -> ColumnInfo:
        for info in self.columns:
            if info.name == name:
                return info
        raise ConfigError(f"there is no column {name!r}; the columns are: {', '.join(self.names)}.", column=name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def features(self) -> list[str]:
        return [c.name for c in self.columns if c.role == "feature"]

    def with_override(self, column: str, *, type: str | None = None, role: str | None = None) -> Schema:
        """A copy with ``column``'s type and/or role set by the user; making a column the target replaces the old
        one (which goes back to its type's default role) and re-detects the task."""
        info = self.column(column)
        if type is not None and type not in TYPES:
            raise ConfigError(f"column type must be one of {', '.join(TYPES)}, received {type!r}.", param="type",
                              column=column)
        if role is not None and role not in ROLES:
            raise ConfigError(f"column role must be one of {', '.join(ROLES)}, received {role!r}.", param="role",
                              column=column)
        new_type = type or info.type
        new_role = role or (info.role if info.role == "target" else _default_role(new_type))
        reason = f"column {column!r}: set to {new_type}, {new_role} by you."
        columns = [replace(c, type=new_type, role=new_role, reason=reason) if c.name == column else c
                   for c in self.columns]
        target = self.target
        if new_role == "target":
            target = column
        elif column == self.target:
            target = None
        if target != self.target and self.target is not None and self.target != column:
            columns = [_with_default_role(c) if c.name == self.target else c for c in columns]
        return _with_target(replace(self, columns=columns), target)

    def with_task(self, task: str) -> Schema:
        """A copy with the target's task set by the user, e.g. integer codes read as regression or as classes."""
        if task not in TASKS:
            raise ConfigError(f"task must be one of {', '.join(TASKS)}, received {task!r}.", param="task")
        if self.target is None:
            raise ConfigError("choose a target column before choosing the task.", param="task")
        info = self.column(self.target)
        if task == "regression":
            if info.type != "numeric":
                raise ConfigError(f"regression needs a numeric target; column {info.name!r} is {info.type}.",
                                  param="task", column=info.name)
            return replace(self, task=task, class_counts={}, problem=None)
        if info.counts is None or len(info.counts) < 2:
            raise ConfigError(f"column {info.name!r} has {info.unique} distinct values; classes need 2 to "
                              f"{MAX_COUNTS}.", param="task", column=info.name)
        if task == "binary" and len(info.counts) != 2:
            raise ConfigError(f"a binary task needs 2 classes; column {info.name!r} has {len(info.counts)}.",
                              param="task", column=info.name)
        return replace(self, task=task, class_counts=dict(info.counts), problem=None)

    def validate(self, file: str | None = None) -> None:
        """Raise a DataError naming the file and column when the target cannot be trained on."""
        where = f"{file}: " if file else ""
        if self.target is None:
            raise DataError(f"{where}no target column is chosen; mark one column as the target.", file=file)
        if self.problem:
            raise DataError(f"{where}{self.problem}", file=file, column=self.target)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (lists and dicts of str, int, bool, None)."""
        data = asdict(self)
        data["columns"] = [dict(asdict(c), examples=list(c.examples)) for c in self.columns]
        data["bad_cells"] = [[int(r), str(c)] for r, c in self.bad_cells]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Schema:
        columns = [ColumnInfo(**dict(c, examples=tuple(c["examples"]))) for c in data["columns"]]
        return cls(columns=columns, rows=int(data["rows"]), target=data.get("target"), task=data.get("task"),
                   class_counts=dict(data.get("class_counts") or {}),
                   bad_cells=[(int(r), str(c)) for r, c in data.get("bad_cells", [])], problem=data.get("problem"))


def infer_schema(frame: pd.DataFrame, target: str | None = None, *, bad_cells_cap: int = BAD_CELLS_CAP) -> Schema:
    """Types, default roles with reasons, the suggested (or given) target and its task for ``frame``."""
    columns, bad_cells = [], []
    for position, name in enumerate(frame.columns):
        info, bad_rows = _analyse(frame.iloc[:, position], str(name))
        columns.append(info)
        room = bad_cells_cap - len(bad_cells)
        bad_cells.extend((int(r), info.name) for r in bad_rows[:max(room, 0)])
    schema = Schema(columns=columns, rows=len(frame), bad_cells=sorted(bad_cells))
    chosen = _pick_target(schema, target)
    if chosen is None:
        return schema
    return _target_reason(schema.with_override(chosen, role="target"), chosen, target is not None)


def _pick_target(schema: Schema, target: str | None) -> str | None:
    names = schema.names
    if target is not None:
        if target in names:
            return target
        folded = [n for n in names if n.strip().lower() == target.strip().lower()]
        if folded:
            return folded[0]
        raise DataError(f"there is no column {target!r} to use as the target; the columns are: "
                        f"{', '.join(names)}.", column=target)
    for name in names:
        if name.strip().lower() in TARGET_NAMES:
            return name
    usable = [c.name for c in schema.columns if c.role != "ignore"]
    return usable[-1] if usable else (names[-1] if names else None)


def _analyse(series: pd.Series, name: str) -> tuple[ColumnInfo, np.ndarray]:
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
    return _info(name, kind, missing, unique, examples, counts, _reason(name, kind, unique)), no_bad


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
    integral = bool(np.all(np.mod(finite, 1) == 0))
    counts = None
    if unique <= MAX_COUNTS:
        keys, tally = np.unique(numbers, return_counts=True)
        counts = {_number_text(k, integral): int(t) for k, t in zip(keys, tally, strict=True)}
    examples = tuple(_number_text(v, integral) for v in numbers[:5])
    every_row = unique == len(numbers) and missing == 0 and unique >= 2
    consecutive = integral and unique >= 10 and finite.size == unique and finite[-1] - finite[0] == unique - 1
    if unique <= 1:
        kind = "constant"
    elif every_row and integral and (_ID_NAME.search(name.strip()) or consecutive):
        kind = "identifier"
    else:
        kind = "numeric"
    reason = _reason(name, kind, unique)
    if bad:
        reason = reason[:-1] + f"; {bad} cell(s) are not numbers and are read as missing."
    return _info(name, kind, missing, unique, examples, counts, reason, integral, bad)


def _number_text(value: float, integral: bool) -> str:
    return str(int(value)) if integral and np.isfinite(value) else repr(float(value))


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


def _reason(name: str, kind: str, unique: int) -> str:
    if kind in _IGNORED:
        return f"column {name!r} {_IGNORED[kind]}: ignored."
    what = {"numeric": "holds numbers", "boolean": "holds yes/no values",
            "categorical": f"holds {unique} categories"}[kind]
    return f"column {name!r} {what}: used as an input."


def _info(name: str, kind: str, missing: int, unique: int, examples: tuple[str, ...], counts: dict[str, int] | None,
          reason: str, integral: bool = False, bad: int = 0) -> ColumnInfo:
    return ColumnInfo(name, kind, _default_role(kind), reason, missing, unique, tuple(examples), counts, integral,
                      bad)


def _default_role(kind: str) -> str:
    return "ignore" if kind in _IGNORED else "feature"


def _with_default_role(info: ColumnInfo) -> ColumnInfo:
    return replace(info, role=_default_role(info.type), reason=_reason(info.name, info.type, info.unique))


def _with_target(schema: Schema, target: str | None) -> Schema:
    if target is None:
        return replace(schema, target=None, task=None, class_counts={}, problem=None)
    task, counts, problem = _task(schema.column(target))
    return replace(schema, target=target, task=task, class_counts=counts, problem=problem)


def _task(info: ColumnInfo) -> tuple[str | None, dict[str, int], str | None]:
    """(task, class counts, problem) for a target column."""
    name = info.name
    if info.type in ("text", "identifier", "datetime") or info.unique < 2:
        what = {"text": "free text", "identifier": "an identifier", "datetime": "dates"}.get(info.type)
        if info.unique == 0:
            return None, {}, f"the target column {name!r} has no values."
        if info.unique == 1:
            return None, {}, f"the target column {name!r} holds one class only ({info.examples[0]!r}); expected " \
                             f"at least two."
        return None, {}, f"the target column {name!r} holds {what}, which cannot be learned as a target; choose " \
                         f"another column."
    if info.type == "numeric" and not (info.integral and info.unique <= MAX_CLASSES):
        return "regression", {}, None
    if info.counts is None:
        return None, {}, f"the target column {name!r} has {info.unique} distinct values, too many for classes."
    counts = dict(info.counts)
    return ("binary" if len(counts) == 2 else "multiclass"), counts, None


def _target_reason(schema: Schema, name: str, given: bool) -> Schema:
    if given:
        why = "chosen as the target"
    elif name.strip().lower() in TARGET_NAMES:
        why = "is named like a target: suggested target"
    else:
        why = "is the last usable column: suggested target"
    task = f" ({schema.task})" if schema.task else ""
    reason = f"column {name!r} {why}{task}."
    return replace(schema, columns=[replace(c, reason=reason) if c.name == name else c for c in schema.columns])

