"""Helpers shared by the fixture generators and the tests that read their output."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

FIXTURES = Path(__file__).with_name("fixtures")


def write_json(path: Path, data: Any) -> Path:
    """Write JSON atomically, converting NumPy arrays and scalars to lists and floats."""

    def convert(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"not JSON-serialisable: {type(value)}")

    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, default=convert, indent=1)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; fixtures are ordinary committed files
    os.replace(tmp, path)
    return path


def load_json(name: str) -> Any:
    """Read a committed fixture by file name."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
