"""``nn-train predict``: stored preprocessing applied by column name, one-sentence errors, atomic output."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from engine.io.model_file import load_model_file
from studio import cli
from studio.project import Project, default_training, save_project
from tests.studio.test_report_fixtures import IRIS, run, train


@pytest.fixture(scope="session")
def iris_run(tmp_path_factory):
    return run("iris", tmp_path_factory)


@pytest.fixture(scope="session")
def regression_run(tmp_path_factory):
    return run("regression", tmp_path_factory)


def _predict(capsys, model, data, out):
    status = cli.main(["predict", str(model), str(data), "--out", str(out)])
    return status, capsys.readouterr().err


def test_rows_come_back_with_the_class_and_its_probabilities(capsys, iris_run, tmp_path):
    status, err = _predict(capsys, iris_run / "model.npz", IRIS, tmp_path / "preds.csv")
    assert status == 0, err
    source = pd.read_csv(IRIS)
    preds = pd.read_csv(tmp_path / "preds.csv")
    classes = ["setosa", "versicolor", "virginica"]
    assert list(preds.columns) == [*source.columns, "predicted", *[f"p_{c}" for c in classes]]
    pd.testing.assert_frame_equal(preds[source.columns], source)
    proba = preds[[f"p_{c}" for c in classes]].to_numpy()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    assert (preds["predicted"] == np.asarray(classes)[proba.argmax(axis=1)]).all()
    assert (preds["predicted"] == source["species"]).mean() > 0.8  # a trained model, not noise


def test_shuffled_columns_without_target_and_with_an_extra_column_predict_the_same(capsys, iris_run, tmp_path):
    _predict(capsys, iris_run / "model.npz", IRIS, tmp_path / "a.csv")
    frame = pd.read_csv(IRIS).drop(columns=["species"])
    shuffled = frame[list(reversed(frame.columns))].assign(comment="x")
    shuffled.to_csv(tmp_path / "shuffled.csv", index=False)
    status, err = _predict(capsys, iris_run / "model.npz", tmp_path / "shuffled.csv", tmp_path / "b.csv")
    assert status == 0, err
    assert "'comment'" in err and "ignored" in err
    a, b = pd.read_csv(tmp_path / "a.csv"), pd.read_csv(tmp_path / "b.csv")
    assert (a["predicted"] == b["predicted"]).all()
    probability_columns = [c for c in a.columns if c.startswith("p_")]
    np.testing.assert_array_equal(a[probability_columns].to_numpy(), b[probability_columns].to_numpy())


@pytest.mark.parametrize("edit, fragments", [
    (lambda f: f.drop(columns=["petal_width_cm", "sepal_width_cm"]), ("sepal_width_cm", "petal_width_cm")),
    (lambda f: f.astype({"petal_length_cm": object}).assign(**{"petal_length_cm": ["abc"] + [1.0] * (len(f) - 1)}),
     ("line 2", "petal_length_cm", "abc")),
])
def test_missing_and_mistyped_columns_are_named_in_one_sentence(capsys, iris_run, tmp_path, edit, fragments):
    edit(pd.read_csv(IRIS)).to_csv(tmp_path / "bad.csv", index=False)
    status, err = _predict(capsys, iris_run / "model.npz", tmp_path / "bad.csv", tmp_path / "out.csv")
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and lines[0].startswith("nn-train: error: ")
    assert all(fragment in lines[0] for fragment in fragments)
    assert not (tmp_path / "out.csv").exists()


def test_regression_predictions_are_in_the_targets_original_units(capsys, regression_run, tmp_path):
    data = regression_run.parent / "reg.csv"
    frame = pd.read_csv(data)
    frame.drop(columns=["y"]).to_csv(tmp_path / "new.csv", index=False)
    status, err = _predict(capsys, regression_run / "model.npz", tmp_path / "new.csv", tmp_path / "preds.csv")
    assert status == 0, err
    preds = pd.read_csv(tmp_path / "preds.csv")
    assert list(preds.columns) == ["x1", "x2", "colour", "predicted"]
    residual = preds["predicted"] - frame["y"]
    assert 1 - residual.var() / frame["y"].var() > 0.8  # y spans ~[-5, 17]: scaled outputs would fail this


def test_a_project_file_predicts_like_the_model_file_of_the_same_run(capsys, tmp_path):
    iris_run = train(tmp_path / "run", IRIS)  # validation split only: a project has no test split
    loaded = load_model_file(iris_run / "model.npz")
    training = {**default_training(), "loss": loaded.extra["training"]["loss"], "val_split": 0.2, "seed": 0}
    project = Project(dataset={"type": "csv", "config": {"path": str(IRIS), "target": "species"}},
                      model=loaded.model.get_config(), training=training)
    save_project(tmp_path / "iris.nnproj", project, loaded.model.get_weights())
    _predict(capsys, iris_run / "model.npz", IRIS, tmp_path / "a.csv")
    status, err = _predict(capsys, tmp_path / "iris.nnproj", IRIS, tmp_path / "b.csv")
    assert status == 0, err
    a, b = pd.read_csv(tmp_path / "a.csv"), pd.read_csv(tmp_path / "b.csv")
    assert (a["predicted"] == b["predicted"]).all()
    np.testing.assert_allclose(a.filter(like="p_").to_numpy(), b.filter(like="p_").to_numpy(), rtol=1e-5, atol=1e-6)


def test_a_failed_write_leaves_no_file_and_says_so(capsys, iris_run, tmp_path, monkeypatch):
    def refuse(*_args):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    status, err = _predict(capsys, iris_run / "model.npz", IRIS, tmp_path / "preds.csv")
    assert status == 2 and "Read-only file system" in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
