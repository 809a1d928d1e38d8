"""Typed errors raised by the engine.

Every error carries where it happened (file, row, column, layer, parameter) as attributes so that the window can
point at the offending cell or field and the CLI can print one sentence. ``str(error)`` is that sentence.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ConfigError", "DataError", "EngineError", "ShapeError", "TrainingError"]


class EngineError(Exception):
    """Base of every error the engine raises on purpose.

    ``message`` is a complete sentence; the keyword fields say where the problem is. Rows and columns are
    1-based, the way a text editor counts them.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: int | str | None = None,
        layer: str | None = None,
        param: str | None = None,
        **details: Any,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.layer = layer
        self.param = param
        self.details = details

    def location(self) -> dict[str, Any]:
        """The non-empty location fields, e.g. ``{"layer": "dense_1", "param": "units"}``."""
        fields = {"file": self.file, "row": self.row, "column": self.column, "layer": self.layer,
                  "param": self.param}
        return {k: v for k, v in fields.items() if v is not None}


class ConfigError(EngineError, ValueError):
    """An invalid setting: unknown name, value out of range, incompatible options."""


class ShapeError(EngineError, ValueError):
    """Arrays or layers whose shapes do not fit together."""


class DataError(EngineError, ValueError):
    """Input data that cannot be used: NaN/Inf, empty, malformed file, unusable target."""


class TrainingError(EngineError, RuntimeError):
    """Training could not go on: the loss diverged, a callback failed."""
