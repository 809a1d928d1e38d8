"""A trained model with everything needed to predict and to score it, from a model file or a ``.nnproj`` (Qt-free).

A model file written by ``nn-train train`` keeps the fitted preprocessing in its ``extra`` (``pipeline`` for a CSV
file, ``preprocessing``/``target_preprocessing`` for a built-in dataset) and the training settings. A ``.nnproj``
keeps no fitted preprocessing: it is fitted again on the training part of the project's dataset, split the way
``nn-train train`` splits (seeded, stratified by class). :func:`evaluation_parts` reloads the dataset and rebuilds
the train/validation/test parts, so reports can recompute curves, per-class scores and the confusion matrix.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.data import Dataset, TablePipeline, TargetTransform, load_dataset, prepare_table, read_table
from engine.data.builtin import PREFIX
from engine.data.sniff import CsvOptions
from engine.errors import ConfigError, DataError, EngineError
from engine.io.model_file import load_model_file
from engine.model import Sequential
from engine.registry import LOSSES, PREPROCESSORS
from engine.training.evaluation import Readout
from studio.cli_train import split
from studio.project import CSV_DATASET, load_project

__all__ = ["Part", "TrainedModel", "evaluation_parts", "load_trained", "model_outputs"]


@dataclass
class TrainedModel:
    """A built model with weights, how its inputs are prepared and how its outputs are read."""

    model: Sequential
    path: str
    task: str
    classes: list[str]
    feature_names: list[str]
    target_name: str
    dataset: str
    loss: dict[str, Any]
    training: dict[str, Any] = field(default_factory=dict)
    pipeline: TablePipeline | None = None
    scaler: Any = None
    target_transform: Any = None
    csv_options: dict[str, Any] | None = None
    kind: str = "model"
    #: How to load a built-in dataset with its parameters (a project's spec); None: ``dataset`` itself.
    dataset_spec: Any = None

    @property
    def is_classification(self) -> bool:
        return self.task != "regression"

    @property
    def readout(self) -> Readout:
        return Readout(self.model, LOSSES.create(self.loss))

    def preprocessing(self) -> dict[str, Any]:
        """What is done to the inputs (and a regression target), as JSON-safe specs."""
        if self.pipeline is not None:
            return {"pipeline": self.pipeline.get_config()}
        return {"features": None if self.scaler is None else PREPROCESSORS.to_spec(self.scaler),
                "target": None if self.target_transform is None else PREPROCESSORS.to_spec(self.target_transform)}


@dataclass
class Part:
    """One part of the data (train, val or test): prepared inputs and the true target (class indices or values)."""

    x: np.ndarray
    y: np.ndarray


def load_trained(path: str | os.PathLike[str]) -> TrainedModel:
    """The model in ``path``: a model file written by ``nn-train train``, or a ``.nnproj`` project with weights."""
    file = os.fspath(path)
    if not os.path.isfile(file):
        raise DataError(f"The model file {file} does not exist.", file=file)
    if zipfile.is_zipfile(file) and _is_project(file):
        return _from_project(file)
    loaded = load_model_file(file)
    extra = loaded.extra
    training = dict(extra.get("training") or {})
    pipeline = TablePipeline.from_config(extra["pipeline"]) if extra.get("pipeline") else None
    scaler = _spec(extra.get("preprocessing"))
    target = _spec(extra.get("target_preprocessing"))
    if pipeline is not None and pipeline.fitted and pipeline.schema.task == "regression":
        target = pipeline.target
    task = extra.get("task") or ("regression" if not extra.get("classes") else
                                 "binary" if len(extra["classes"]) == 2 else "multiclass")
    return TrainedModel(model=loaded.model, path=file, task=task, classes=[str(c) for c in extra.get("classes", [])],
                        feature_names=list(extra.get("feature_names") or []),
                        target_name=str(extra.get("target_name") or "target"), dataset=str(extra.get("dataset", "")),
                        loss=training.get("loss") or _default_loss(task), training=training, pipeline=pipeline,
                        scaler=scaler, target_transform=target, csv_options=extra.get("csv_options"))


def _is_project(file: str) -> bool:
    with zipfile.ZipFile(file) as archive:
        return "project.json" in archive.namelist()


def _spec(spec: Any) -> Any:
    return None if not spec else PREPROCESSORS.create(spec)


def _default_loss(task: str) -> dict[str, Any]:
    return {"type": {"binary": "binary_crossentropy", "multiclass": "sparse_categorical_crossentropy"}.get(
        task, "mse"), "config": {}}


def _from_project(file: str) -> TrainedModel:
    project, weights = load_project(file)
    name = os.path.basename(file)
    if weights is None:
        raise ConfigError(f"{name} holds no trained weights yet; train the model in the studio and save the project.",
                          file=file)
    model = Sequential.from_config(project.model)
    model.set_weights(weights)
    training = dict(project.training)
    trained = TrainedModel(model=model, path=file, task="", classes=[], feature_names=[], target_name="target",
                           dataset="", loss=training["loss"], training={**training, "test_split": 0.0}, kind="project")
    if not project.dataset:
        raise DataError(f"{name} names no dataset, so its preprocessing cannot be fitted again; choose the dataset "
                        "in the studio and save the project.", file=file)
    try:
        _fit_project_data(trained, project.dataset, project.preprocessing)
    except (EngineError, OSError) as error:
        raise DataError(f"{name}: its dataset could not be loaded to fit the preprocessing again "
                        f"({_sentence(error)}).", file=file) from error
    return trained


def _sentence(error: BaseException) -> str:
    return " ".join(str(error).split()).rstrip(".")


def _fit_project_data(trained: TrainedModel, dataset: dict[str, Any], preprocessing: dict[str, Any]) -> None:
    """Fill the data description and preprocessing of a project's model from its dataset (the training part)."""
    scaler_spec = preprocessing.get("features")
    if dataset["type"] == CSV_DATASET:
        config = dataset["config"]
        trained.dataset = config["path"]
        trained.scaler = None
        data, parts = _load_csv(trained, config["path"], config.get("options"), config.get("target"), scaler_spec,
                                edits=config.get("edits"), image_shape=config.get("image_shape"))
        trained.pipeline = parts[1]
    else:
        trained.dataset, trained.dataset_spec = PREFIX + dataset["type"], dataset
        data = load_dataset(dataset)
    trained.task, trained.classes = data.task, list(data.classes)
    trained.feature_names, trained.target_name = list(data.feature_names), data.target_name
    if trained.pipeline is None:
        index = _split(trained, data.y, data.task)[0]
        trained.scaler = None if scaler_spec is None else PREPROCESSORS.create(scaler_spec).fit(data.x[index])
        if data.task == "regression" and preprocessing.get("target") is not None:
            transform = TargetTransform(scaler=preprocessing["target"])
            trained.target_transform = transform.fit(np.asarray(data.y[index], dtype=np.float64))
    elif data.task == "regression":
        trained.target_transform = trained.pipeline.target


def _split(trained: TrainedModel, labels: np.ndarray, task: str) -> tuple[np.ndarray, ...]:
    t = trained.training
    parts = split(labels, task != "regression", trained.dataset, float(t.get("val_split", 0.2)),
                  float(t.get("test_split", 0.0)), int(t.get("seed") or 0))
    return parts.train, parts.val, parts.test


def _load_csv(trained: TrainedModel, source: str, options: dict[str, Any] | None, target: str | None,
              scaler: Any, *, edits: dict[str, Any] | None = None, image_shape: str | None = None
              ) -> tuple[Dataset, tuple[tuple[np.ndarray, ...], TablePipeline]]:
    """Read a CSV dataset; with a stored pipeline use its schema and settings, else the import dialog's choices
    kept in a project (options, column edits, image shape) over the defaults of training."""
    path = _existing(source, trained.path)
    csv_options = CsvOptions.from_dict(options) if options else None
    stored = trained.pipeline
    if stored is not None and stored.fitted:
        result, _ = read_table(path, options=csv_options)
        schema, settings = stored.schema, {k: getattr(stored, k) for k in ("impute", "scaler", "handle_unknown",
                                                                           "target_scaler", "image_shape")}
    else:
        result, schema = read_table(path, options=csv_options, target=target)
        if edits:
            from studio.dialogs.schema_edits import SchemaEdits  # here: the dialogs package brings Qt along

            schema = SchemaEdits.from_dict(edits).apply(schema)
        settings = {"scaler": None, "image_shape": image_shape} if image_shape else {"scaler": scaler}
    data, info = prepare_table(path, result, schema, split=lambda y, task: _split(trained, y, task),
                               dtype=trained.model.dtype, **settings)
    return data, (info.parts, info.pipeline)


def _existing(source: str, beside: str) -> str:
    """``source`` as given, or relative to the folder of the model file when it is not found as given."""
    if os.path.isfile(source):
        return source
    candidate = Path(beside).resolve().parent / source
    if candidate.is_file():
        return str(candidate)
    raise DataError(f"the dataset file {source} was not found", file=source)


def evaluation_parts(trained: TrainedModel) -> dict[str, Part]:
    """The train/val/test parts of the model's dataset, prepared as in training (empty parts left out)."""
    source = trained.dataset
    if source.startswith(PREFIX):
        data = load_dataset(trained.dataset_spec or source)
        index = _split(trained, data.y, data.task)
        x = data.x if trained.scaler is None else trained.scaler.transform(data.x)
        x = x.astype(trained.model.dtype, copy=False)
    else:
        data, (index, _) = _load_csv(trained, source, trained.csv_options, trained.target_name, None)
        x = data.x
    if x.shape[1:] != tuple(trained.model.input_shape):
        raise DataError(f"the dataset {source} gives inputs of shape {x.shape[1:]}, the model expects "
                        f"{tuple(trained.model.input_shape)}.", file=source)
    names = ("train", "val", "test")
    return {name: Part(x[i], data.y[i]) for name, i in zip(names, index, strict=False) if len(i)}


def model_outputs(trained: TrainedModel, x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """``(predicted, probabilities)``: class indices and an N×K probability matrix, or regression values in the
    target's original units and None."""
    outputs = trained.model.predict(x)
    if not trained.is_classification:
        values = outputs.astype(np.float64).reshape(len(x), -1)[:, :1]
        if trained.target_transform is not None:
            values = trained.target_transform.inverse(values)
        return np.asarray(values, dtype=np.float64).reshape(len(x)), None
    readout = trained.readout
    scores = np.asarray(readout.scores(outputs, from_predict=True), dtype=np.float64)
    predicted = readout.labels(scores)
    if scores.ndim == 1 or scores.shape[1] == 1:
        positive = scores.reshape(len(x))
        scores = np.stack([1.0 - positive, positive], axis=1)
    return predicted, scores
