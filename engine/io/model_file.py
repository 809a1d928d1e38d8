"""Model files: architecture, weights and free extra information in one ``.npz`` file.

One file rather than a JSON file plus a sibling weights file, so that it is written atomically and the two parts
can never get out of step. The header is JSON, stored as UTF-8 bytes under the key ``__model__.json``::

    {"format": "nn-studio-model", "schema_version": 1, "model": <Sequential.get_config()>, "extra": {...}}

and every other entry is a weight array keyed by its full name (``"dense_1/kernel"``). ``np.load`` runs with
``allow_pickle=False``, so opening a file never executes code. A file written by a newer version (higher
``schema_version``) is refused with a ConfigError saying so.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, EngineError
from engine.io.weights import read_npz, write_npz
from engine.model import Sequential

__all__ = ["FORMAT", "HEADER_KEY", "SCHEMA_VERSION", "LoadedModel", "load_model", "load_model_file", "save_model"]

FORMAT = "nn-studio-model"
SCHEMA_VERSION = 1
HEADER_KEY = "__model__.json"


@dataclass
class LoadedModel:
    """What a model file holds: the built model with its weights, the caller's ``extra`` and the header."""

    model: Sequential
    extra: dict[str, Any] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION


def save_model(path: str | os.PathLike[str], model: Sequential, extra: Mapping[str, Any] | None = None) -> None:
    """Write ``model`` (config and weights) and ``extra`` (JSON-safe: class names, preprocessing, …) to ``path``."""
    if not model.built:
        raise ConfigError("save_model: the model has no weights yet; build or train it first.")
    header = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "model": model.get_config(),
              "extra": dict(extra or {})}
    try:
        text = json.dumps(header, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"save_model: 'extra' must hold only JSON values (text, numbers, lists, dicts): {error}.",
                          param="extra") from error
    arrays: dict[str, np.ndarray] = {HEADER_KEY: np.frombuffer(text.encode("utf-8"), dtype=np.uint8)}
    arrays.update(model.get_weights())
    write_npz(path, arrays)


def load_model(path: str | os.PathLike[str]) -> Sequential:
    """The model saved in ``path``, built and with its weights."""
    return load_model_file(path).model


def load_model_file(path: str | os.PathLike[str]) -> LoadedModel:
    """The model, the ``extra`` information and the schema version saved in ``path``."""
    file = os.fspath(path)
    arrays = read_npz(path)
    raw = arrays.pop(HEADER_KEY, None)
    if raw is None or raw.dtype != np.uint8 or raw.ndim != 1:
        raise DataError(f"{file} is not a model file (no '{HEADER_KEY}' header); is it a weights file?", file=file)
    try:
        header = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DataError(f"{file}: the model header is not valid JSON: {error}.", file=file) from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DataError(f"{file}: expected format {FORMAT!r}, received "
                        f"{header.get('format') if isinstance(header, dict) else header!r}.", file=file)
    version = header.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(f"{file}: schema_version expected a positive integer, received {version!r}.", file=file)
    if version > SCHEMA_VERSION:
        raise ConfigError(f"{file} was saved by a newer version of the program (model schema {version}); this "
                          f"version reads schema {SCHEMA_VERSION} and older. Please update the program.",
                          file=file, param="schema_version")
    if not isinstance(header.get("model"), dict) or not isinstance(header.get("extra", {}), dict):
        raise DataError(f"{file}: the header needs a 'model' object and an optional 'extra' object.", file=file)
    if not header["model"].get("input_shape"):
        raise DataError(f"{file}: the saved model has no input shape.", file=file)
    try:
        model = Sequential.from_config(header["model"])
        model.set_weights(arrays)
    except EngineError as error:
        error.file = file
        error.args = (f"{file}: {error.message}",)
        error.message = error.args[0]
        raise
    return LoadedModel(model=model, extra=dict(header.get("extra", {})), schema_version=version)
