"""The project file (Qt-free): round trip, validation, newer and older schema versions, damaged files, safe saving."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import studio.project as project_module
from engine.errors import ConfigError, DataError
from engine.model import Sequential
from studio.project import (
    FORMAT,
    SCHEMA_VERSION,
    Project,
    effective_model_config,
    load_project,
    project_from_dict,
    save_project,
    schedule_for_run,
)


def mlp_project(dtype: str = "float32") -> tuple[Project, Sequential]:
    model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}],
                       input_shape=(2,), seed=3, dtype=dtype)
    model.build()
    project = Project(dataset={"type": "xor", "config": {"n_samples": 40, "noise": 0.2}}, model=model.get_config())
    project.training.update(schedule={"type": "cosine", "config": {"t_max": 50}}, batch_size=8, epochs=50,
                            early_stopping={"monitor": "val_loss", "patience": 5})
    return project, model


def trained_weights(model: Sequential) -> dict[str, np.ndarray]:
    """Weights unlike a fresh build's, so that a round trip cannot pass by re-initialising."""
    rng = np.random.default_rng(7)
    return {name: rng.normal(size=value.shape).astype(value.dtype) for name, value in model.get_weights().items()}


def document(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("project.json"))


def rewrite(path: Path, doc: dict[str, Any], weights: bytes | None = None) -> None:
    with zipfile.ZipFile(path) as archive:
        blob = archive.read("weights.npz") if "weights.npz" in archive.namelist() else None
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.json", json.dumps(doc))
        if (weights or blob) is not None:
            archive.writestr("weights.npz", weights if weights is not None else blob)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_round_trip_keeps_config_settings_weights_and_predictions(tmp_path: Path, dtype: str) -> None:
    project, model = mlp_project(dtype)
    model.set_weights(trained_weights(model))
    path = tmp_path / "xor.nnproj"
    save_project(path, project, model.get_weights())
    loaded, weights = load_project(path)
    assert loaded == project
    assert weights.keys() == model.get_weights().keys()
    assert all(weights[k].dtype == np.dtype(dtype) for k in weights)
    again = Sequential.from_config(loaded.model)
    again.set_weights(weights)
    x = np.random.default_rng(0).normal(size=(16, 2))
    np.testing.assert_array_equal(again.predict(x), model.predict(x))
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["project.json", "weights.npz"]


def test_a_project_without_weights_or_data_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "empty.nnproj"
    save_project(path, Project())
    loaded, weights = load_project(path)
    assert loaded == Project() and weights is None
    assert document(path)["format"] == FORMAT and document(path)["schema_version"] == SCHEMA_VERSION


def test_a_newer_schema_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "future.nnproj"
    save_project(path, Project())
    rewrite(path, {**document(path), "schema_version": 3})
    with pytest.raises(ConfigError) as caught:
        load_project(path)
    assert str(caught.value).startswith("This project was saved by a newer version (schema 3); this studio reads "
                                        f"up to schema {SCHEMA_VERSION}.")
    assert caught.value.file == str(path)


def test_older_files_are_migrated_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def rename_epochs(doc: dict[str, Any]) -> dict[str, Any]:  # pretend schema 1 called it "n_epochs"
        calls.append(1)
        training = dict(doc["training"])
        training["epochs"] = training.pop("n_epochs")
        return {**doc, "training": training, "schema_version": 2}

    def add_dataset(doc: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        return {**doc, "dataset": {"type": "moons", "config": {}}, "schema_version": 3}

    monkeypatch.setattr(project_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(project_module, "MIGRATIONS", {1: rename_epochs, 2: add_dataset})
    old = {"format": FORMAT, "schema_version": 1, "training": {"n_epochs": 7}}
    project = project_from_dict(old)
    assert calls == [1, 2]
    assert project.training["epochs"] == 7 and project.dataset == {"type": "moons", "config": {}}


def test_a_corrupt_zip_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.nnproj"
    project, model = mlp_project()
    save_project(path, project, model.get_weights())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated: the central directory is gone
    with pytest.raises(DataError, match=r"broken\.nnproj") as caught:
        load_project(path)
    assert caught.value.file == str(path)
    path.write_bytes(b"not a zip at all")
    with pytest.raises(DataError, match=r"broken\.nnproj is damaged or not a project file"):
        load_project(path)


def test_damaged_contents_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.nnproj"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(DataError, match=r"it has no project\.json"):
        load_project(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.json", "{not json")
    with pytest.raises(DataError, match="not valid JSON"):
        load_project(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.json", json.dumps({"format": "something-else"}))
    with pytest.raises(DataError, match="expected format 'nn-studio-project'"):
        load_project(path)


@pytest.mark.parametrize(("change", "error", "message"), [
    ({"training": {"loss": {"type": "no_such_loss", "config": {}}}}, ConfigError, "unknown loss 'no_such_loss'"),
    ({"training": {"optimizer": {"type": "adam", "config": {"lr": -1}}}}, ConfigError, "'optimizer'"),
    ({"training": {"batch_size": 0}}, ConfigError, "'batch_size' expected an integer ≥ 1"),
    ({"training": {"epochs": "10"}}, ConfigError, "'epochs' expected an integer"),
    ({"training": {"val_split": 1.0}}, ConfigError, r"'val_split' expected a number in \[0, 1\)"),
    ({"training": {"seed": 1.5}}, ConfigError, "'seed' expected an integer or null"),
    ({"training": {"early_stopping": {"patience": -2}}}, ConfigError, "'early_stopping'"),
    ({"training": {"momentum": 0.9}}, ConfigError, "unknown training setting 'momentum'"),
    ({"training": {"schedule": "cosine"}}, ConfigError, "'schedule' expected"),
    ({"training": []}, DataError, "'training' expected an object"),
    ({"dataset": {"type": "no_such_set"}}, ConfigError, "unknown dataset 'no_such_set'"),
    ({"dataset": {"type": "moons", "config": {"noise": "lots"}}}, ConfigError, "noise"),
    ({"dataset": {"type": "csv", "config": {"target": "y"}}}, ConfigError, "'dataset' of type 'csv'"),
    ({"model": {"layers": [{"type": "no_such_layer"}]}}, ConfigError, "unknown layer 'no_such_layer'"),
    ({"model": {"layers": [], "colour": "red"}}, ConfigError, "unknown configuration key 'colour'"),
    ({"preprocessing": {"features": {"type": "median"}}}, ConfigError, "unknown preprocessor 'median'"),
    ({"extra": 1}, DataError, "unknown field 'extra'"),
    ({"schema_version": "1"}, DataError, "schema_version expected a positive integer"),
])
def test_invalid_fields_are_refused_naming_the_file(tmp_path: Path, change: dict[str, Any], error: type,
                                                    message: str) -> None:
    path = tmp_path / "bad.nnproj"
    save_project(path, Project())
    rewrite(path, {**document(path), **change})
    with pytest.raises(error, match=message) as caught:
        load_project(path)
    assert str(caught.value).startswith("bad.nnproj") or "bad.nnproj" in str(caught.value)
    assert caught.value.file == str(path)


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    path = Path(tempfile.mkdtemp()) / "w.npz"
    np.savez(path, **arrays)
    data = path.read_bytes()
    path.unlink()
    path.parent.rmdir()
    return data


@pytest.mark.parametrize(("edit", "message"), [
    (lambda w: {**w, "dense_9/kernel": np.zeros((2, 2), np.float32)}, "'dense_9/kernel' belongs to no layer"),
    (lambda w: {k: v for k, v in w.items() if k != "dense_2/bias"}, "'dense_2/bias' is missing"),
    (lambda w: {**w, "dense_1/kernel": np.zeros((3, 8), np.float32)}, r"expected float32 of shape \(2, 8\)"),
    (lambda w: {**w, "dense_1/kernel": w["dense_1/kernel"].astype(np.float64)}, "received float64"),
])
def test_weights_must_match_the_model(tmp_path: Path, edit: Any, message: str) -> None:
    path = tmp_path / "w.nnproj"
    project, model = mlp_project()
    save_project(path, project, model.get_weights())
    rewrite(path, document(path), npz_bytes(edit(model.get_weights())))
    with pytest.raises(DataError, match=message):
        load_project(path)
    with pytest.raises(DataError, match=message):  # and they are checked before anything is written
        save_project(tmp_path / "other.nnproj", project, edit(model.get_weights()))
    assert not (tmp_path / "other.nnproj").exists()


def test_pickled_weights_are_never_loaded(tmp_path: Path) -> None:
    path = tmp_path / "pickle.nnproj"
    project, model = mlp_project()
    save_project(path, project, model.get_weights())
    weights = {**model.get_weights(), "dense_1/kernel": np.array([{"evil": 1}], dtype=object)}
    rewrite(path, document(path), npz_bytes(weights))
    with pytest.raises(DataError, match=r"weights\.npz is damaged"):
        load_project(path)


def test_saving_into_a_read_only_folder_fails_clearly_and_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "keep.nnproj"
    project, model = mlp_project()
    save_project(path, project, model.get_weights())
    before = path.read_bytes()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> Any:  # what a read-only folder does (root ignores chmod)
        if Path(kwargs.get("dir", "")) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    folder.chmod(0o555)
    try:
        changed = Project(model=project.model)
        with pytest.raises(DataError, match=r"could not be saved to .*keep\.nnproj: Permission denied\. The "
                                            r"previous file, if any, is unchanged") as caught:
            save_project(path, changed, model.get_weights())
    finally:
        folder.chmod(0o755)
    assert caught.value.file == str(path)
    assert path.read_bytes() == before
    assert os.listdir(folder) == ["keep.nnproj"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keep.nnproj"
    project, model = mlp_project()
    save_project(path, project, model.get_weights())
    before = path.read_bytes()

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    with pytest.raises(DataError, match="No space left on device"):
        save_project(path, project, model.get_weights())
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["keep.nnproj"]


def test_training_initializer_and_regularization_apply_to_every_layer_that_takes_them() -> None:
    project, _ = mlp_project()
    project.model["layers"].insert(1, {"type": "dropout", "config": {"rate": 0.1}})
    project.training.update(initializer={"type": "he_normal", "config": {}},
                            regularization={"type": "l2", "config": {"l2": 0.001}})
    config = effective_model_config(project)
    dense = [layer["config"] for layer in config["layers"] if layer["type"] == "dense"]
    assert all(c["kernel_initializer"] == {"type": "he_normal", "config": {}} for c in dense)
    assert all(c["kernel_regularizer"] == {"type": "l2", "config": {"l2": 0.001}} for c in dense)
    assert "kernel_initializer" not in config["layers"][1]["config"]
    assert Sequential.from_config(config).has_regularization
    assert project.model["layers"][0]["config"]["kernel_initializer"] != {"type": "he_normal", "config": {}}


def csv_spec(**config: Any) -> dict[str, Any]:
    return {"type": "csv", "config": {"path": "data/table.csv", **config}}


def test_a_csv_dataset_keeps_every_import_choice_through_a_save(tmp_path: Path) -> None:
    config = {"target": "label", "options": {"encoding": "gbk", "delimiter": ";", "decimal": ",", "header": True,
                                             "na_values": ["", "?"], "skip_bad_lines": True},
              "edits": {"columns": [{"name": "ID", "role": "ignore"}, {"name": "w", "type": "categorical"}],
                        "task": "multiclass"},
              "image_shape": "8x8"}
    path = tmp_path / "csv.nnproj"
    save_project(path, Project(dataset=csv_spec(**config)))
    saved = load_project(path).project.dataset["config"]
    assert saved["options"]["delimiter"] == ";" and saved["options"]["na_values"] == ["", "?"]
    assert saved["options"]["quotechar"] is None  # not chosen: detected when the table is read
    assert saved["edits"] == config["edits"] and saved["image_shape"] == "8x8" and saved["target"] == "label"
    assert document(path)["schema_version"] == SCHEMA_VERSION == 2


def test_schema_1_csv_datasets_migrate_to_detected_options() -> None:
    old = {"format": FORMAT, "schema_version": 1, "dataset": csv_spec(target="y")}
    config = project_from_dict(old).dataset["config"]
    assert config["target"] == "y" and config["image_shape"] is None
    assert set(config["options"].values()) <= {None, False}
    assert config["edits"] == {"columns": [], "task": None}


@pytest.mark.parametrize(("config", "message"), [
    ({"colour": "red"}, "expected config keys path, target, options, edits, image_shape"),
    ({"options": {"delimiter": "::"}}, "delimiter expected one character"),
    ({"options": {"separator": ";"}}, "unknown field"),
    ({"options": ";"}, "'dataset.options' expected an object"),
    ({"edits": {"columns": [{"name": "a", "role": "label"}]}}, "column role must be one of"),
    ({"edits": {"columns": [{"type": "numeric"}]}}, "each column as"),
    ({"edits": {"columns": [], "task": "clustering"}}, "task expected one of"),
    ({"edits": ["a"]}, "'dataset.edits' expected"),
    ({"image_shape": 64}, "'dataset.image_shape' expected text or null"),
    ({"image_shape": "eight"}, "two or three positive sizes"),
])
def test_invalid_csv_choices_are_refused(config: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        project_from_dict({"format": FORMAT, "schema_version": SCHEMA_VERSION, "dataset": csv_spec(**config)})


def test_schedule_for_run_fills_only_schedules_that_span_the_run() -> None:
    cycle = {"type": "one_cycle", "config": {"total_steps": 100, "pct_start": 0.25}}
    assert schedule_for_run(cycle, 10, 7)["config"] == {"total_steps": 70, "pct_start": 0.25}
    per_epoch = {"type": "one_cycle", "config": {"interval": "epoch"}}
    assert schedule_for_run(per_epoch, 10, 7)["config"] == {"interval": "epoch", "total_steps": 10}
    cosine = {"type": "cosine", "config": {"t_max": 5}}
    assert schedule_for_run(cosine, 10, 7) is cosine and schedule_for_run(None, 10, 7) is None
