"""Weights as human-readable JSON: per layer its type, config and every parameter's shape and values.

For learners who want to read the numbers, and for tools without a NumPy reader. The file is complete: the model
config is in it, so :func:`load_json_weights` rebuilds the model alone. Values are written with the shortest text
that reads back to the same number, so save → load gives identical predictions. Loading validates the format,
the version and every parameter's name, shape and values.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, EngineError
from engine.io.atomic import atomic_write
from engine.model import Sequential

__all__ = ["FORMAT", "SCHEMA_VERSION", "load_json_weights", "save_json_weights", "weights_document"]

FORMAT = "nn-studio-weights-json"
SCHEMA_VERSION = 1


def weights_document(model: Sequential, *, arrays: bool = False) -> dict[str, Any]:
    """The document written by :func:`save_json_weights`: JSON-safe, or with the values as arrays if asked."""
    if not model.built:
        model.build()
    layers = []
    for layer in model.layers:
        params = [{"name": p.name.rsplit("/", 1)[1], "shape": list(p.shape), "dtype": p.value.dtype.name,
                   "trainable": p.trainable,
                   "values": p.value if arrays else p.value.tolist()} for p in layer.parameters()]
        layers.append({"name": layer.name, "type": layer.key, "config": layer.get_config(), "parameters": params})
    config = model.get_config()
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION,
            "model": {k: config[k] for k in ("input_shape", "dtype", "seed")}, "layers": layers}


def save_json_weights(path: str | os.PathLike[str], model: Sequential) -> None:
    """Write the model's layers and weights as indented JSON (one matrix row per line) to ``path`` atomically."""
    document = weights_document(model, arrays=True)
    for layer in model.layers:
        for p in layer.parameters():
            if not np.isfinite(p.value).all():
                raise DataError(f"save_json_weights: parameter '{p.name}' holds NaN or infinite values, which JSON "
                                "cannot store; the model has diverged.", file=os.fspath(path), layer=layer.name,
                                param=p.name)
    with atomic_write(path, "w") as handle:
        handle.write(_dump(document, 0) + "\n")


def _dump(value: Any, level: int) -> str:
    """Indented JSON: objects one key per line, arrays one innermost row per line, numbers in shortest form."""
    pad, end = "  " * (level + 1), "  " * level
    if isinstance(value, dict) and value:
        items = ",\n".join(f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, level + 1)}" for k, v in value.items())
        return "{\n" + items + "\n" + end + "}"
    if isinstance(value, np.ndarray):
        if value.ndim <= 1:
            # str() of a NumPy float is the shortest text that reads back to the same value (float32 too).
            return "[" + ", ".join(str(v) for v in value.reshape(-1)) + "]"
        return "[\n" + ",\n".join(pad + _dump(row, level + 1) for row in value) + "\n" + end + "]"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return "[\n" + ",\n".join(pad + _dump(v, level + 1) for v in value) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False)


def load_json_weights(path: str | os.PathLike[str], model: Sequential | None = None) -> Sequential:
    """Read a file written by :func:`save_json_weights` into ``model`` (or a model rebuilt from the file)."""
    file = os.fspath(path)
    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError as error:
        raise DataError(f"The file {file!r} does not exist.", file=file) from error
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DataError(f"The file {file!r} is not a readable JSON weights file: {error}", file=file) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise DataError(f"{file}: expected format {FORMAT!r}, received {found!r}.", file=file)
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataError(f"{file}: schema_version expected a positive integer, received {version!r}.", file=file)
    if version > SCHEMA_VERSION:
        raise ConfigError(f"{file} was saved by a newer version of the program (weights schema {version}); this "
                          f"version reads schema {SCHEMA_VERSION}. Please update the program.", file=file,
                          param="schema_version")
    layers = document.get("layers")
    header = document.get("model")
    if not isinstance(layers, list) or not all(isinstance(spec, dict) for spec in layers) \
            or not isinstance(header, dict):
        raise DataError(f"{file}: expected a 'model' object and a 'layers' list of objects.", file=file)
    try:
        if model is None:
            model = Sequential.from_config({**header, "layers": [{"type": spec.get("type"),
                                                                  "config": spec.get("config")} for spec in layers]})
        model.set_weights(_weights(layers, model, file))
    except EngineError as error:
        error.file = file
        if not error.message.startswith(file):
            error.args = (f"{file}: {error.message}",)
            error.message = error.args[0]
        raise
    return model


def _weights(layers: list[Mapping[str, Any]], model: Sequential, file: str) -> dict[str, np.ndarray]:
    if [spec.get("type") for spec in layers] != [layer.key for layer in model.layers]:
        raise ConfigError(f"the file holds layers {[spec.get('type') for spec in layers]}, the model has layers "
                          f"{[layer.key for layer in model.layers]}.", file=file)
    weights = {}
    for spec, layer in zip(layers, model.layers, strict=True):
        params = spec.get("parameters")
        if not isinstance(params, list) or not all(isinstance(p, dict) for p in params):
            raise DataError(f"{file}: layer '{layer.name}' needs a 'parameters' list of objects.", file=file,
                            layer=layer.name)
        for param in params:
            name = f"{layer.name}/{param.get('name')}"
            try:
                value = np.asarray(param.get("values"), dtype=model.dtype)
            except (TypeError, ValueError) as error:
                raise DataError(f"{file}: parameter '{name}' holds values that are not a regular array of numbers: "
                                f"{error}.", file=file, layer=layer.name, param=name) from error
            if list(value.shape) != param.get("shape"):
                raise DataError(f"{file}: parameter '{name}' declares shape {param.get('shape')}, its values have "
                                f"shape {list(value.shape)}.", file=file, layer=layer.name, param=name)
            weights[name] = value
    return weights
