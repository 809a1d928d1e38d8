"""The project document (Qt-free): what the user set up, saved as a ``.nnproj`` file.

A ``.nnproj`` file is a zip holding ``project.json`` and, once the model has weights, ``weights.npz``::

    {"format": "nn-studio-project", "schema_version": 2, "dataset": {...}, "model": {...},
     "training": {...}, "preprocessing": {...}}

A user's CSV file is the dataset ``{"type": "csv", "config": {"path", "target", "options", "edits",
"image_shape"}}``: how the import dialog read it (:data:`studio.project_checks.CSV_DATASET`), so reopening the
project reads the same table (schema 1 stored only the path and the target).

Components are stored as ``{"type": key, "config": {...}}`` registry specs, never indices or pickles. Loading
checks every field (types, registry keys, constructor arguments, weight names/shapes/dtypes against the model),
upgrades older files through :data:`MIGRATIONS` and refuses files from a newer version with a sentence. Saving
writes a temporary file next to the target and replaces it only once complete, so a failed save loses nothing.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from engine.data.sniff import CsvOptions
from engine.errors import ConfigError, DataError, EngineError
from engine.io.atomic import atomic_write
from engine.model import Sequential
from engine.registry import LAYERS, SCHEDULES
from studio.project_checks import (
    CSV_DATASET,
    check_dataset,
    check_model,
    check_preprocessing,
    check_training,
    default_training,
)

__all__ = ["CSV_DATASET", "FORMAT", "MIGRATIONS", "SCHEMA_VERSION", "LoadedProject", "Project", "check_dataset",
           "check_model", "check_preprocessing", "check_training", "default_training", "effective_model_config",
           "load_project", "project_from_dict", "save_project", "schedule_for_run"]

FORMAT = "nn-studio-project"
SCHEMA_VERSION = 2
PROJECT_JSON, WEIGHTS_NPZ = "project.json", "weights.npz"
_MAX_JSON_BYTES = 16 << 20


def _csv_import_choices(document: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 → 2: a ``csv`` dataset keeps the import dialog's options, column choices and image shape. A schema-1
    file has none of them, so its table is read as it always was: everything detected, a table, no edits."""
    dataset = document.get("dataset")
    if isinstance(dataset, dict) and dataset.get("type") == CSV_DATASET and isinstance(dataset.get("config"), dict):
        detected = {"options": CsvOptions().to_dict(), "edits": {"columns": [], "task": None}, "image_shape": None}
        document["dataset"] = {**dataset, "config": {**detected, **dataset["config"]}}
    return {**document, "schema_version": 2}


#: Upgrades of older files, in order: ``MIGRATIONS[n]`` turns a schema-n document into a schema-(n + 1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _csv_import_choices}


def _empty_model() -> dict[str, Any]:
    return Sequential().get_config()


def _default_preprocessing() -> dict[str, Any]:
    return {"features": {"type": "standard", "config": {}}, "target": None}


@dataclass
class Project:
    """Everything the user set up: data source, model, training settings and preprocessing."""

    dataset: dict[str, Any] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=_empty_model)
    training: dict[str, Any] = field(default_factory=default_training)
    preprocessing: dict[str, Any] = field(default_factory=_default_preprocessing)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The ``project.json`` document."""
        return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "dataset": self.dataset, "model": self.model,
                "training": self.training, "preprocessing": self.preprocessing}


class LoadedProject(NamedTuple):
    """What a ``.nnproj`` file holds: the project and the weights by full name (None when it had none)."""

    project: Project
    weights: dict[str, np.ndarray] | None


# -- saving ------------------------------------------------------------------------------------------------------
def save_project(path: str | os.PathLike[str], project: Project,
                 weights: Mapping[str, np.ndarray] | None = None) -> None:
    """Write ``project`` (and ``weights``) to ``path`` atomically; on any error the previous file is untouched."""
    file = os.fspath(path)
    document = project_from_dict(project.to_dict(), file).to_dict()  # refuse to write what could not be read
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2)
    arrays = None
    if weights is not None:
        arrays = {name: np.asarray(value) for name, value in weights.items()}
        _check_weights(arrays, document["model"], file)
    try:
        with atomic_write(file, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(PROJECT_JSON, text.encode("utf-8"))
            if arrays is not None:
                buffer = io.BytesIO()
                np.savez(buffer, **arrays)
                archive.writestr(WEIGHTS_NPZ, buffer.getvalue(), compress_type=zipfile.ZIP_STORED)
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataError(f"The project could not be saved to {file}: {reason}. The previous file, if any, is "
                        "unchanged; choose another folder or free some space.", file=file) from error


# -- loading -----------------------------------------------------------------------------------------------------
def load_project(path: str | os.PathLike[str]) -> LoadedProject:
    """Read and check a ``.nnproj`` file; DataError (or ConfigError for settings) naming the file otherwise."""
    file = os.fspath(path)
    name = os.path.basename(file)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if PROJECT_JSON not in names:
                raise DataError(f"{name} is not a project file: it has no {PROJECT_JSON}.", file=file)
            if archive.getinfo(PROJECT_JSON).file_size > _MAX_JSON_BYTES:
                raise DataError(f"{name}: {PROJECT_JSON} is implausibly large.", file=file)
            raw = archive.read(PROJECT_JSON)
            blob = archive.read(WEIGHTS_NPZ) if WEIGHTS_NPZ in names else None
    except FileNotFoundError as error:
        raise DataError(f"The project file {file} does not exist.", file=file) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise DataError(f"{name} is damaged or not a project file (it is not a readable zip archive: {error}).",
                        file=file) from error
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise DataError(f"{name}: {PROJECT_JSON} is not valid JSON ({error}).", file=file) from error
    project = project_from_dict(document, file)
    weights = None
    if blob is not None:
        weights = _read_weights(blob, file)
        _check_weights(weights, project.model, file)
    return LoadedProject(project, weights)


def project_from_dict(document: Any, file: str = "project") -> Project:
    """A checked :class:`Project` from a ``project.json`` document, migrated to the current schema."""
    name = os.path.basename(file)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise DataError(f"{name} is not a project file: expected format {FORMAT!r}, received {found!r}.", file=file)
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataError(f"{name}: schema_version expected a positive integer, received {version!r}.", file=file)
    if version > SCHEMA_VERSION:
        raise ConfigError(f"This project was saved by a newer version (schema {version}); this studio reads up to "
                          f"schema {SCHEMA_VERSION}. Update the studio to open {name}.", file=file,
                          param="schema_version")
    for step in range(version, SCHEMA_VERSION):
        document = MIGRATIONS[step](dict(document))
    unknown = sorted(set(document) - {"format", "schema_version", "dataset", "model", "training", "preprocessing"})
    if unknown:
        raise DataError(f"{name}: unknown field {unknown[0]!r} in {PROJECT_JSON}.", file=file, param=unknown[0])
    dataset, model = _object(document, "dataset", {}, file), _object(document, "model", _empty_model(), file)
    training = _object(document, "training", {}, file)
    preprocessing = _object(document, "preprocessing", _default_preprocessing(), file)
    try:
        return Project(dataset=check_dataset(dataset), model=check_model(model), training=check_training(training),
                       preprocessing=check_preprocessing(preprocessing))
    except EngineError as error:
        error.file = file
        error.message = f"{name}: {error.message}"
        error.args = (error.message,)
        raise


def _object(document: dict[str, Any], key: str, default: dict[str, Any], file: str) -> dict[str, Any]:
    value = document.get(key, default)
    if not isinstance(value, dict):
        raise DataError(f"{os.path.basename(file)}: '{key}' expected an object, received "
                        f"{type(value).__name__}.", file=file, param=key)
    return value


def effective_model_config(project: Project) -> dict[str, Any]:
    """The model config to build: the training's initializer and regularization, when set, replace every layer's
    ``kernel_initializer`` / ``kernel_regularizer`` (the layers' own choices stay in ``project.model``)."""
    overrides = {"kernel_initializer": project.training.get("initializer"),
                 "kernel_regularizer": project.training.get("regularization")}
    overrides = {name: spec for name, spec in overrides.items() if spec is not None}
    layers = []
    for layer in project.model.get("layers", []):
        accepted = {p.name for p in LAYERS.params(layer["type"])}
        config = {**layer.get("config", {}), **{k: v for k, v in overrides.items() if k in accepted}}
        layers.append({**layer, "config": config})
    return {**project.model, "layers": layers}


def schedule_for_run(schedule: dict[str, Any] | None, epochs: int, steps_per_epoch: int) -> dict[str, Any] | None:
    """The training's ``schedule`` spec for a run of ``epochs`` × ``steps_per_epoch`` optimizer steps.

    A schedule that spans the whole run (``needs_total``: one_cycle) gets ``total_steps`` = the run's steps, or its
    epochs with ``interval="epoch"``, as ``nn-train`` fills it; any other schedule comes back unchanged. The
    window's schedule preview and the run it starts both use it, so they draw and follow the same curve.
    """
    if schedule is None or not SCHEDULES.get(schedule["type"]).needs_total:
        return schedule
    interval = schedule["config"].get("interval") or next(
        p.default for p in SCHEDULES.params(schedule["type"]) if p.name == "interval")
    total = int(epochs) * (int(steps_per_epoch) if interval == "step" else 1)
    return {"type": schedule["type"], "config": {**schedule["config"], "total_steps": total}}


# -- weights -----------------------------------------------------------------------------------------------------
def _read_weights(blob: bytes, file: str) -> dict[str, np.ndarray]:
    name = os.path.basename(file)
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise DataError(f"{name}: {WEIGHTS_NPZ} is damaged ({error}).", file=file) from error


def _check_weights(weights: Mapping[str, np.ndarray], model: dict[str, Any], file: str) -> None:
    """Every weight the model config implies, with its shape and dtype, and nothing else."""
    name = os.path.basename(file)
    if not model.get("input_shape"):
        raise DataError(f"{name}: the project holds weights but its model has no input shape.", file=file)
    expected = Sequential.from_config(model).get_weights()
    for key, value in weights.items():
        if key not in expected:
            raise DataError(f"{name}: weight {key!r} belongs to no layer of the model; parameters: "
                            f"{', '.join(expected)}.", file=file, param=key)
        want = expected[key]
        if value.shape != want.shape or value.dtype != want.dtype:
            raise DataError(f"{name}: weight {key!r} expected {want.dtype.name} of shape {want.shape}, received "
                            f"{value.dtype.name} of shape {value.shape}.", file=file, param=key,
                            layer=key.split("/")[0])
    missing = [key for key in expected if key not in weights]
    if missing:
        raise DataError(f"{name}: weight {missing[0]!r} is missing.", file=file, param=missing[0],
                        layer=missing[0].split("/")[0])
