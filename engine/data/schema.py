"""What each column of a table is (type), what it is for (role), why, and what the target asks for (task).

Types: numeric, categorical, boolean, datetime, text (free text), identifier, constant. Roles: feature, target,
ignore. Identifiers, constants, free text and dates are ignored by default; every column says why in plain words.

Decisions, so the dialog and the CLI agree:
- the type of each column is decided in :mod:`engine.data.column_types` (booleans, identifiers, numbers with a few
  bad cells);
- target: the given column, else one named label/target/class/y/species/标签/类别 (any case), else the last
  column that is not ignored. Integers with at most :data:`MAX_CLASSES` distinct values are classes (overridable
  with :meth:`Schema.with_task`), other numbers are regression.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pandas as pd

from engine.data.column_types import MAX_COUNTS, ColumnInfo, analyse_column, default_role, reason_for
from engine.errors import ConfigError, DataError

__all__ = ["MAX_CLASSES", "ROLES", "TARGET_NAMES", "TASKS", "TYPES", "ColumnInfo", "Schema", "check_override",
           "infer_schema"]

TYPES = ("numeric", "categorical", "boolean", "datetime", "text", "identifier", "constant")
ROLES = ("feature", "target", "ignore")
TASKS = ("binary", "multiclass", "regression")
TARGET_NAMES = ("label", "target", "class", "y", "species", "标签", "类别")
MAX_CLASSES = 20
BAD_CELLS_CAP = 200


def check_override(column: str, *, type: str | None = None, role: str | None = None) -> None:
    """A ConfigError naming ``column`` unless ``type`` (when given) is one of TYPES and ``role`` one of ROLES."""
    if type is not None and type not in TYPES:
        raise ConfigError(f"column type must be one of {', '.join(TYPES)}, received {type!r}.", param="type",
                          column=column)
    if role is not None and role not in ROLES:
        raise ConfigError(f"column role must be one of {', '.join(ROLES)}, received {role!r}.", param="role",
                          column=column)


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
        check_override(column, type=type, role=role)
        new_type = type or info.type
        new_role = role or (info.role if info.role == "target" else default_role(new_type))
        reason = f"column {column!r}: set to {new_type}, {new_role} by you."
        columns = [replace(c, type=new_type, role=new_role, reason=reason) if c.name == column else c
                   for c in self.columns]
        target = self.target
        if new_role == "target":
            target = column
        elif column == self.target:
            target = None
        if target != self.target and self.target is not None and self.target != column:
            columns = [_withdefault_role(c) if c.name == self.target else c for c in columns]
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
        info, bad_rows = analyse_column(frame.iloc[:, position], str(name))
        columns.append(info)
        room = bad_cells_cap - len(bad_cells)
        bad_cells.extend((int(r), info.name) for r in bad_rows[:max(room, 0)])
    schema = Schema(columns=columns, rows=len(frame), bad_cells=sorted(bad_cells))
    chosen = _pick_target(schema, target)
    if chosen is None:
        return schema
    return _targetreason_for(schema.with_override(chosen, role="target"), chosen, target is not None)


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


def _withdefault_role(info: ColumnInfo) -> ColumnInfo:
    return replace(info, role=default_role(info.type), reason=reason_for(info.name, info.type, info.unique))


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


def _targetreason_for(schema: Schema, name: str, given: bool) -> Schema:
    if given:
        why = "chosen as the target"
    elif name.strip().lower() in TARGET_NAMES:
        why = "is named like a target: suggested target"
    else:
        why = "is the last usable column: suggested target"
    task = f" ({schema.task})" if schema.task else ""
    reason = f"column {name!r} {why}{task}."
    return replace(schema, columns=[replace(c, reason=reason) if c.name == name else c for c in schema.columns])

