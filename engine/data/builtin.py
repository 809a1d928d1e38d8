"""Built-in datasets: the generated toys (engine.data.toys) and small real sets bundled as CSV files.

Every entry is registered in ``DATASETS`` with its parameters and the metadata ``kind`` ("toy2d", "tabular",
"image") and ``task``. :func:`load_dataset` is the one way in: it accepts a name, ``"builtin:<name>"``, a call
such as ``"moons(n_samples=500, noise=0.2)"`` or a ``{"type": name, "config": {...}}`` spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

import engine.data.toys  # noqa: F401  (importing it registers the generated datasets)
from engine.data.dataset import Dataset
from engine.data.reader import read_csv
from engine.errors import ConfigError
from engine.params import Param, resolve_params
from engine.registry import DATASETS
from engine.spec_parser import parse_call

__all__ = ["PREFIX", "bundled_dir", "dataset_spec", "load_dataset"]

#: How the command line and project files name a built-in dataset: ``builtin:iris``.
PREFIX = "builtin:"


def bundled_dir() -> Path:
    """The folder of the bundled CSV files (``resources/datasets`` in the source tree, installed editable)."""
    return Path(__file__).resolve().parents[2] / "resources" / "datasets"


def _bundled(file: str, target: str, classes: list[str] | None = None) -> Dataset:
    """A bundled CSV file (numeric features, a class column) as it is: the features unscaled, labels sorted."""
    path = bundled_dir() / file
    frame = read_csv(path).frame
    features = [c for c in frame.columns if c != target]
    labels, y = np.unique(frame[target].to_numpy(), return_inverse=True)
    return Dataset(frame[features].to_numpy(dtype=np.float64), y, features, target, "multiclass" if len(labels) > 2
                   else "binary", list(classes) if classes is not None else [str(v) for v in labels],
                   name=path.stem, source=str(path))


@DATASETS.register("iris", params=(), kind="tabular", task="multiclass", rows=150, source="Fisher (1936), UCI")
def iris() -> Dataset:
    """Fisher's iris flowers: 4 measurements, 3 species (150 rows)."""
    return _bundled("iris.csv", "species")


@DATASETS.register("breast_cancer", params=(), kind="tabular", task="binary", rows=569,
                   source="Breast Cancer Wisconsin (Diagnostic), UCI")
def breast_cancer() -> Dataset:
    """Breast Cancer Wisconsin (Diagnostic): 30 cell-nucleus features, malignant or benign (569 rows)."""
    return _bundled("breast_cancer.csv", "target", ["malignant", "benign"])


@DATASETS.register("wine", params=(), kind="tabular", task="multiclass", rows=178, source="UCI Wine")
def wine() -> Dataset:
    """Wine recognition: 13 chemical measurements of wines from 3 cultivars (178 rows)."""
    return _bundled("wine.csv", "cultivar")


@DATASETS.register("digits", params=(
    Param("as_images", "bool", False, "Shape the inputs N×1×8×8 for convolutional layers instead of N×64."),
), kind="image", task="multiclass", rows=1797, source="UCI Optical Recognition of Handwritten Digits")
def digits(as_images: bool = False) -> Dataset:
    """Handwritten digits 0–9 as 8×8 grey images with values 0–16 (1797 rows)."""
    data = _bundled("digits.csv", "digit")
    if as_images:
        data.x = data.x.reshape(-1, 1, 8, 8)
    return data


def dataset_spec(spec: str | Mapping[str, Any]) -> dict[str, Any]:
    """The ``{"type": key, "config": {...}}`` form of a dataset name, ``builtin:`` name, call text or spec."""
    if isinstance(spec, Mapping):
        if "type" not in spec:
            raise ConfigError(f"a dataset spec needs a 'type'; received {dict(spec)!r}.", param="datasets")
        return {"type": str(spec["type"]), "config": dict(spec.get("config") or {})}
    if not isinstance(spec, str):
        raise ConfigError(f"expected a dataset name or spec, received {spec!r}.", param="datasets")
    text = spec.strip()
    if text.startswith(PREFIX):
        text = text[len(PREFIX):]
    return parse_call(text, DATASETS, "dataset spec")


def load_dataset(name_or_spec: str | Mapping[str, Any]) -> Dataset:
    """Build a built-in dataset from its name or spec, validating its parameters."""
    spec = dataset_spec(name_or_spec)
    key = DATASETS.canonical(spec["type"])
    config = resolve_params(DATASETS.params(key), spec["config"], key)
    data: Dataset = DATASETS.get(key)(**config)
    data.name = key
    data.source = PREFIX + key
    return data
