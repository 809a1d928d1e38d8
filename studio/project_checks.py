"""Checks of the project document's parts (Qt-free): dataset, model, training settings and preprocessing.

Each ``check_*`` returns its part in canonical form (registry keys canonical, every training setting present) or
raises a ConfigError naming the setting; components are checked by building them, so their registry keys and
constructor arguments are validated by the engine itself. :mod:`studio.project` applies them on every load and save.
"""

from __future__ import annotations

from typing import Any

from engine.data.images import image_shape_from_string
from engine.data.schema import TASKS, check_override
from engine.data.sniff import CsvOptions
from engine.errors import ConfigError, EngineError
from engine.model import Sequential
from engine.params import resolve_params
from engine.registry import (
    CALLBACKS,
    DATASETS,
    INITIALIZERS,
    LOSSES,
    OPTIMIZERS,
    PREPROCESSORS,
    REGULARIZERS,
    SCHEDULES,
    Registry,
)
from engine.trainer import METHODS

__all__ = ["CSV_DATASET", "check_dataset", "check_model", "check_preprocessing", "check_training",
           "default_training"]

#: The dataset type of a user's CSV file; every other type is a DATASETS key. Its config: ``path``, ``target``
#: (a column name or null), and how the import dialog read it: ``options`` (``CsvOptions.to_dict``: encoding,
#: delimiter, decimal, header, missing markers, skipping bad lines …; null fields are detected), ``edits`` (column
#: type/role choices and the task, as ``SchemaEdits.to_dict`` writes them) and ``image_shape`` (``"8x8"`` or null).
CSV_DATASET = "csv"
_CSV_KEYS = ("path", "target", "options", "edits", "image_shape")


def default_training() -> dict[str, Any]:
    """The training settings of a new project."""
    return {"loss": {"type": "binary_crossentropy", "config": {}},
            "optimizer": {"type": "adam", "config": {"lr": 0.01}},
            "schedule": None, "batch_size": 32, "epochs": 100, "val_split": 0.2, "seed": 0,
            "early_stopping": None, "regularization": None, "initializer": None, "method": "backprop"}


def _component(registry: Registry, spec: Any, where: str, optional: bool = False) -> dict[str, Any] | None:
    """A checked ``{"type", "config"}`` spec of ``registry`` (building it validates key and arguments)."""
    if spec is None and optional:
        return None
    spec = _component_shape(spec, where)
    try:
        registry.create(spec)
    except EngineError as error:
        raise ConfigError(f"'{where}': {error.message}", param=where) from error
    return {"type": registry.canonical(spec["type"]), "config": spec["config"]}


def check_dataset(dataset: dict[str, Any]) -> dict[str, Any]:
    """The dataset spec in canonical form: ``{}`` (none chosen), a DATASETS spec or a ``csv`` spec."""
    if not dataset:
        return {}
    spec = _component_shape(dataset, "dataset")
    if spec["type"] == CSV_DATASET:
        return {"type": CSV_DATASET, "config": _check_csv(spec["config"])}
    key = DATASETS.canonical(spec["type"])
    resolve_params(DATASETS.params(key), spec["config"], f"dataset {key}")
    return {"type": key, "config": spec["config"]}


def _check_csv(config: dict[str, Any]) -> dict[str, Any]:
    """A ``csv`` dataset config with every key; the ones missing (older files) mean "detect", as load_table does."""
    unknown = sorted(set(config) - set(_CSV_KEYS))
    if unknown or not isinstance(config.get("path"), str):
        raise ConfigError(f"'dataset' of type 'csv' expected config keys {', '.join(_CSV_KEYS)} with a text "
                          f"'path', received {config!r}.", param=f"dataset.{unknown[0]}" if unknown else "dataset.path")
    target, shape = config.get("target"), config.get("image_shape")
    for key, value in (("target", target), ("image_shape", shape)):
        if not isinstance(value, str | None):
            raise ConfigError(f"'dataset.{key}' expected text or null, received {value!r}.", param=f"dataset.{key}")
    if shape is not None:
        image_shape_from_string(shape)
    options = {} if config.get("options") is None else config["options"]
    if not isinstance(options, dict):
        raise ConfigError(f"'dataset.options' expected an object of CSV options, received {options!r}.",
                          param="dataset.options")
    try:
        options = CsvOptions.from_dict(options).to_dict()
    except TypeError as error:  # a field of the wrong kind, e.g. a list as the header flag
        raise ConfigError(f"'dataset.options' could not be read: {error}.", param="dataset.options") from error
    return {"path": config["path"], "target": target, "options": options, "edits": _check_edits(config.get("edits")),
            "image_shape": shape}


def _check_edits(edits: Any) -> dict[str, Any]:
    """Column choices ``{"columns": [{"name", "type"?, "role"?}, …], "task": … or null}`` in canonical form."""
    edits = {"columns": [], "task": None} if edits is None else edits
    columns = edits.get("columns") if isinstance(edits, dict) else None
    if not isinstance(columns, list) or set(edits) - {"columns", "task"}:
        raise ConfigError(f"'dataset.edits' expected {{\"columns\": [...], \"task\": ...}}, received {edits!r}.",
                          param="dataset.edits")
    checked = []
    for entry in columns:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or \
                set(entry) - {"name", "type", "role"}:
            raise ConfigError(f"'dataset.edits' expected each column as {{\"name\", \"type\", \"role\"}}, received "
                              f"{entry!r}.", param="dataset.edits")
        check_override(entry["name"], type=entry.get("type"), role=entry.get("role"))
        checked.append(dict(entry))
    task = edits.get("task")
    if task is not None and task not in TASKS:
        raise ConfigError(f"'dataset.edits' task expected one of {', '.join(TASKS)} or null, received {task!r}.",
                          param="dataset.edits")
    return {"columns": checked, "task": task}


def _component_shape(spec: Any, where: str) -> dict[str, Any]:
    """``spec`` as ``{"type": text, "config": dict}``; ConfigError when it has another shape."""
    well_formed = isinstance(spec, dict) and isinstance(spec.get("type"), str) and \
        isinstance(spec.get("config") or {}, dict) and not set(spec) - {"type", "config"}
    if not well_formed:
        raise ConfigError(f"'{where}' expected {{\"type\": name, \"config\": {{...}}}}, received {spec!r}.",
                          param=where)
    return {"type": spec["type"], "config": dict(spec.get("config") or {})}


def check_model(model: dict[str, Any]) -> dict[str, Any]:
    """The model config as the model itself writes it (layer names filled in)."""
    return Sequential.from_config(model).get_config()  # unknown layers, bad arguments, shapes that do not fit


def check_training(training: dict[str, Any]) -> dict[str, Any]:
    """Every training setting, checked, with defaults for those not given."""
    defaults = default_training()
    unknown = sorted(set(training) - set(defaults))
    if unknown:
        raise ConfigError(f"unknown training setting {unknown[0]!r}; known settings: {', '.join(defaults)}.",
                          param=unknown[0])
    merged = {**defaults, **training}
    out = {"loss": _component(LOSSES, merged["loss"], "loss"),
           "optimizer": _component(OPTIMIZERS, merged["optimizer"], "optimizer"),
           "schedule": _component(SCHEDULES, merged["schedule"], "schedule", optional=True),
           "regularization": _component(REGULARIZERS, merged["regularization"], "regularization", optional=True),
           "initializer": _component(INITIALIZERS, merged["initializer"], "initializer", optional=True)}
    stopping = merged["early_stopping"]
    if stopping is not None:
        if not isinstance(stopping, dict):
            raise ConfigError(f"'early_stopping' expected an object of early-stopping settings or null, received "
                              f"{stopping!r}.", param="early_stopping")
        _component(CALLBACKS, {"type": "early_stopping", "config": stopping}, "early_stopping")
    out["early_stopping"] = stopping
    for key, low in (("batch_size", 1), ("epochs", 1)):
        value = merged[key]
        if key == "batch_size" and value is None:  # full batch
            out[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            expected = "an integer ≥ 1 or null (full batch)" if key == "batch_size" else f"an integer ≥ {low}"
            raise ConfigError(f"'{key}' expected {expected}, received {value!r}.", param=key)
        out[key] = value
    if merged["method"] not in METHODS:
        raise ConfigError(f"'method' expected one of {', '.join(METHODS)}, received {merged['method']!r}.",
                          param="method")
    out["method"] = merged["method"]
    seed = merged["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int | None):
        raise ConfigError(f"'seed' expected an integer or null, received {seed!r}.", param="seed")
    split = merged["val_split"]
    if isinstance(split, bool) or not isinstance(split, int | float) or not 0 <= split < 1:
        raise ConfigError(f"'val_split' expected a number in [0, 1), received {split!r}.", param="val_split")
    out.update(seed=seed, val_split=float(split))
    return {key: out[key] for key in defaults}


def check_preprocessing(preprocessing: dict[str, Any]) -> dict[str, Any]:
    """The scalers of the inputs (``features``) and of a regression target (``target``), each a spec or None."""
    unknown = sorted(set(preprocessing) - {"features", "target"})
    if unknown:
        raise ConfigError(f"unknown preprocessing setting {unknown[0]!r}; known settings: features, target.",
                          param=unknown[0])
    return {key: _component(PREPROCESSORS, preprocessing.get(key), f"preprocessing.{key}", optional=True)
            for key in ("features", "target")}
