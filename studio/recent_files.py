"""Recently imported files with the options, column choices and image shape used, kept in ``QSettings`` as one
JSON value.

The newest file comes first; opening a file again moves it to the front and replaces what was remembered for it.
Entries are stored by name (``CsvOptions.to_dict``, ``SchemaEdits.to_dict``) with a format version, never pickled;
an unreadable or newer value is ignored rather than breaking the window. An entry without ``image_shape``
(written before it was kept) is a table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from engine.data.sniff import CsvOptions
from engine.errors import ConfigError
from studio.dialogs.schema_edits import SchemaEdits

__all__ = ["FORMAT_VERSION", "MAX_ENTRIES", "RecentFile", "RecentFiles"]

FORMAT_VERSION = 1
MAX_ENTRIES = 10
SETTINGS_KEY = "import/recent_files"


@dataclass
class RecentFile:
    """A file and how it was read: the options used, the user's column/task choices and the image shape (None for
    a table)."""

    path: str
    options: CsvOptions
    edits: SchemaEdits = field(default_factory=SchemaEdits)
    image_shape: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "options": self.options.to_dict(), "edits": self.edits.to_dict(),
                "image_shape": self.image_shape}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecentFile:
        shape = data.get("image_shape")
        if not isinstance(shape, str | None):
            raise TypeError(f"image_shape expected text or null, received {shape!r}")
        return cls(str(data["path"]), CsvOptions.from_dict(data["options"]),
                   SchemaEdits.from_dict(data.get("edits") or {}), shape)


def _key(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


class RecentFiles:
    """The recent-files list in ``settings`` (default: the studio's user settings)."""

    def __init__(self, settings: QSettings | None = None, limit: int = MAX_ENTRIES) -> None:
        self._settings = settings if settings is not None else QSettings("nn-training-studio", "studio")
        self._limit = limit

    def entries(self) -> list[RecentFile]:
        """Remembered files, newest first; entries that no longer parse are left out."""
        raw = self._settings.value(SETTINGS_KEY, "")
        try:
            data = json.loads(raw) if isinstance(raw, str) and raw else {}
        except json.JSONDecodeError:
            return []
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            return []
        entries = []
        for item in data.get("files", []):
            try:
                entries.append(RecentFile.from_dict(item))
            except (KeyError, TypeError, ConfigError):
                continue
        return entries

    def paths(self) -> list[str]:
        return [entry.path for entry in self.entries()]

    def get(self, path: str | Path) -> RecentFile | None:
        """What was remembered for ``path``, or None."""
        key = _key(path)
        return next((entry for entry in self.entries() if entry.path == key), None)

    def add(self, path: str | Path, options: CsvOptions, edits: SchemaEdits | None = None,
            image_shape: str | None = None) -> None:
        """Remember ``path`` (first in the list) with ``options``, ``edits`` and ``image_shape`` (None: a table)."""
        entry = RecentFile(_key(path), options, edits or SchemaEdits(), image_shape)
        others = [e for e in self.entries() if e.path != entry.path]
        self._write([entry, *others][:self._limit])

    def remove(self, path: str | Path) -> None:
        key = _key(path)
        self._write([e for e in self.entries() if e.path != key])

    def clear(self) -> None:
        self._write([])

    def _write(self, entries: list[RecentFile]) -> None:
        payload = {"version": FORMAT_VERSION, "files": [e.to_dict() for e in entries]}
        self._settings.setValue(SETTINGS_KEY, json.dumps(payload, ensure_ascii=False))
        self._settings.sync()
