"""The user's changes to a detected schema (column types and roles, the task), replayable on a fresh schema.

The import dialog detects a schema on the preview rows; the full load detects it again on every row. Keeping the
user's changes as a list of edits by column name (not the edited schema itself) lets the same choices apply to
both, and to the next opening of the same file (recent files store them as JSON). Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.data.schema import TASKS, Schema, check_override
from engine.errors import ConfigError

__all__ = ["SchemaEdits"]


@dataclass
class SchemaEdits:
    """Column overrides in the order they were made (``{name: {"type": ..., "role": ...}}``) and a task override."""

    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    task: str | None = None

    def set_column(self, name: str, *, type: str | None = None, role: str | None = None) -> None:
        """Record a change of ``name``'s type and/or role; it becomes the latest edit. A new target resets the
        task override (the task belongs to the old target)."""
        check_override(name, type=type, role=role)
        edit = self.columns.pop(name, {})
        if type is not None:
            edit["type"] = type
        if role is not None:
            edit["role"] = role
        self.columns[name] = edit
        if role == "target":
            self.task = None

    def set_task(self, task: str | None) -> None:
        """Override the detected task (``None`` goes back to the detected one)."""
        if task is not None and task not in TASKS:
            raise ConfigError(f"task must be one of {', '.join(TASKS)}, received {task!r}.", param="task")
        self.task = task

    def apply(self, schema: Schema) -> Schema:
        """``schema`` with every edit whose column exists applied in order, then the task override.

        Raises ConfigError when the task override does not fit the target (e.g. regression on text labels).
        """
        for name, edit in self.columns.items():
            if name in schema.names:
                schema = schema.with_override(name, type=edit.get("type"), role=edit.get("role"))
        if self.task is not None and schema.target is not None and self.task != schema.task:
            schema = schema.with_task(self.task)
        return schema

    def missing_columns(self, schema: Schema) -> list[str]:
        """Edited columns that ``schema`` does not have (e.g. after the delimiter changed)."""
        return [name for name in self.columns if name not in schema.names]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form."""
        return {"columns": [{"name": name, **edit} for name, edit in self.columns.items()], "task": self.task}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SchemaEdits:
        edits = cls()
        for entry in data.get("columns", []):
            edits.set_column(str(entry["name"]), type=entry.get("type"), role=entry.get("role"))
        edits.set_task(data.get("task"))
        return edits
