"""``nn-train``: training runs end to end, listing, exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.data import TablePipeline, bundled_dir, load_dataset, train_val_test_split
from engine.data.reader import read_csv
from engine.io.model_file import load_model_file
from engine.registry import LAYERS, PREPROCESSORS, REGISTRIES
from studio import cli
from studio.cli_metrics import CLASSIFICATION_METRICS, REGRESSION_METRICS
from studio.cli_progress import ProgressBar


def _run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _metrics(out: Path) -> dict:
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def _history(out: Path) -> list[dict[str, str]]:
    with (out / "history.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nn-train: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


# -- training runs -----------------------------------------------------------------------------------------------
def test_xor_clusters_are_learned_on_held_out_points(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:xor", "--hidden", "8", "--activation", "tanh", "--epochs", 100,
                          "--out", tmp_path)
    assert status == 0, err
    metrics = _metrics(tmp_path)
    assert metrics["samples"]["held_out"] is True
    assert metrics["val"]["accuracy"] >= 0.95 and metrics["val"]["roc_auc"] >= 0.95


def test_xor_truth_table_is_learned(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:xor(n_samples=4)", "--hidden", "8", "--activation", "tanh",
                          "--epochs", 200, "--out", tmp_path)
    assert status == 0, err
    assert "too few to hold some out" in err
    metrics = _metrics(tmp_path)
    assert metrics["task"] == "binary" and metrics["val"]["accuracy"] >= 0.95
    assert set(metrics["train"]) == set(CLASSIFICATION_METRICS) and metrics["test"] == {}
    history = _history(tmp_path)
    assert len(history) == 200 and history[-1]["epoch"] == "200"
    assert {"loss", "val_loss", "accuracy", "val_accuracy"} <= set(history[0])


def test_breast_cancer_csv(capsys, tmp_path):
    status, _, err = _run(capsys, "train", bundled_dir() / "breast_cancer.csv", "--hidden", 16, "--test-split",
                          0.2, "--out", tmp_path)
    assert status == 0, err
    metrics = _metrics(tmp_path)
    assert metrics["test"]["accuracy"] >= 0.95 and metrics["test"]["roc_auc"] >= 0.98
    assert metrics["samples"] == {"train": 341, "val": 114, "test": 114, "held_out": True}
    assert all(isinstance(v, float) for part in ("train", "val", "test") for v in metrics[part].values())
    saved = load_model_file(tmp_path / "model.npz")
    assert saved.extra["classes"] == ["0", "1"] and saved.extra["task"] == "binary"
    # the model file's pipeline reapplied to the file (columns shuffled) reproduces the test score
    pipeline = TablePipeline.from_config(saved.extra["pipeline"])
    frame = read_csv(bundled_dir() / "breast_cancer.csv").frame
    shuffled = frame[list(np.random.default_rng(0).permutation(frame.columns))]
    x = pipeline.transform_for_prediction(shuffled)
    labels = frame["target"].to_numpy()
    _, _, test = train_val_test_split(labels, val=0.2, test=0.2, seed=0)
    predicted = (saved.model.predict(x[test])[:, 0] > 0.5).astype(int)
    assert metrics["test"]["accuracy"] == pytest.approx(np.mean(predicted == labels[test]))


def test_iris_multiclass_and_model_file_reproduces_the_scores(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:iris", "--hidden", "16", "--test-split", 0.2, "--epochs", 60,
                          "--seed", 1, "--out", tmp_path)
    assert status == 0, err
    metrics = _metrics(tmp_path)
    assert metrics["task"] == "multiclass" and metrics["test"]["accuracy"] >= 0.93
    saved = load_model_file(tmp_path / "model.npz")
    assert saved.extra["classes"] == ["setosa", "versicolor", "virginica"]
    data = load_dataset("iris")
    _, _, test = train_val_test_split(data.y, val=0.2, test=0.2, seed=1)
    x = PREPROCESSORS.create(saved.extra["preprocessing"]).transform(data.x[test]).astype(np.float32)
    predicted = saved.model.predict(x).argmax(axis=1)
    assert metrics["test"]["accuracy"] == pytest.approx(np.mean(predicted == data.y[test]))


def test_regression_scores_are_in_original_units(capsys, tmp_path):
    spec = "builtin:sine_regression(n_samples=300, noise=0.05)"
    status, _, err = _run(capsys, "train", spec, "--hidden", "32,32", "--activation", "tanh", "--epochs", 60,
                          "--test-split", 0.2, "--dtype", "float64", "--out", tmp_path)
    assert status == 0, err
    metrics = _metrics(tmp_path)
    assert metrics["task"] == "regression" and set(metrics["test"]) == set(REGRESSION_METRICS)
    saved = load_model_file(tmp_path / "model.npz")
    data = load_dataset(spec)
    _, _, test = train_val_test_split(data.n_samples, val=0.2, test=0.2, seed=0)
    x = PREPROCESSORS.create(saved.extra["preprocessing"]).transform(data.x[test])
    target = PREPROCESSORS.create(saved.extra["target_preprocessing"])
    predicted = target.inverse(saved.model.predict(x))
    rmse = np.sqrt(np.mean((predicted - data.y[test]) ** 2))
    assert metrics["test"]["rmse"] == pytest.approx(rmse, rel=1e-9)
    assert metrics["test"]["r2"] > 0.9


def test_layers_spec_and_float64(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:moons(n_samples=200)", "--layers",
                          "dense(units=16, activation=tanh), dropout(rate=0.1), dense(units=1, activation=sigmoid)",
                          "--epochs", 30, "--dtype", "float64", "--out", tmp_path)
    assert status == 0, err
    saved = load_model_file(tmp_path / "model.npz")
    assert [layer.key for layer in saved.model.layers] == ["dense", "dropout", "dense"]
    assert saved.model.dtype == np.float64
    assert _metrics(tmp_path)["val"]["accuracy"] >= 0.8


def test_schedule_length_follows_the_epochs(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:moons", "--schedule", "cosine", "--lr", 0.02, "--epochs", 30,
                          "--out", tmp_path)
    assert status == 0, err
    lr = [float(row["lr"]) for row in _history(tmp_path)]
    assert lr[0] == pytest.approx(0.02) and lr[-1] < 0.001  # cosine over the whole run (t_max = 30 epochs)
    assert lr == sorted(lr, reverse=True)


def test_progress_lines_when_stderr_is_not_a_terminal(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:circles", "--epochs", 20, "--out", tmp_path)
    assert status == 0
    lines = [line for line in err.splitlines() if line.startswith("epoch")]
    assert len(lines) == 10 and lines[-1].startswith("epoch 20/20") and "val_accuracy" in lines[-1]
    assert "\r" not in err


def test_progress_bar_rewrites_one_line_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar(3, stream)
    for epoch in range(3):
        bar.on_epoch_end(epoch, {"loss": 0.5, "val_accuracy": 0.75})
    bar.on_train_end({})
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "epoch 3/3 [####################]" in text and "val_accuracy 0.7500" in text


def test_diverged_run_exits_with_1_and_the_reason(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:linear_regression", "--optimizer", "sgd", "--lr", "1e30",
                          "--epochs", 5, "--out", tmp_path)
    assert status == 1
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("nn-train: ")
    assert not (tmp_path / "metrics.json").exists()


# -- listing -----------------------------------------------------------------------------------------------------
def test_list_layers_shows_help_and_parameters(capsys):
    status, out, _ = _run(capsys, "list", "layers")
    assert status == 0
    for key in LAYERS.names():
        assert any(line.startswith(f"{key} — ") for line in out.splitlines())
    assert "    units = 32: an integer" in out


@pytest.mark.parametrize("kind", sorted(REGISTRIES))
def test_list_every_kind(capsys, kind):
    status, out, _ = _run(capsys, "list", kind)
    assert status == 0 and len([line for line in out.splitlines() if not line.startswith(" ")]) == len(
        REGISTRIES[kind].names())


def test_list_overview(capsys):
    status, out, _ = _run(capsys, "list")
    assert status == 0 and "datasets: xor, and, or" in out


# -- errors ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("argv", "fragments"), [
    (["train", "missing.csv", "--out", "{out}"], ["file not found", "missing.csv"]),
    (["train", "builtin:mnist", "--out", "{out}"], ["unknown dataset 'mnist'"]),
    (["train", "builtin:xor", "--layers", "dense(units=8", "--out", "{out}"], ["at character 14"]),
    (["train", "builtin:xor", "--layers", "dens(units=8)", "--out", "{out}"], ["unknown layer 'dens'"]),
    (["train", "builtin:xor", "--hidden", "8,x", "--out", "{out}"], ["--hidden expected layer sizes"]),
    (["train", "builtin:xor", "--activation", "tanhh", "--out", "{out}"], ["unknown activation 'tanhh'"]),
    (["train", "builtin:xor", "--epochs", "0", "--out", "{out}"], ["--epochs", "≥ 1"]),
    (["train", "builtin:xor", "--lr", "-1", "--out", "{out}"], ["--lr"]),
    (["train", "builtin:xor"], ["--out"]),
    (["train", "builtin:xor", "--target", "y", "--out", "{out}"], ["--target applies to CSV files"]),
    (["train", "builtin:iris", "--loss", "mse", "--out", "{out}"], ["'mse' is for regression"]),
    (["train", "builtin:iris", "--optimizer", "adamm", "--out", "{out}"], ["unknown optimizer 'adamm'"]),
    (["train", "builtin:iris", "--val-split", "0.6", "--test-split", "0.5", "--out", "{out}"], ["sum < 1"]),
    (["train", "builtin:iris", "--val-split", "1.5", "--out", "{out}"], ["--val-split", "[0, 1)"]),
    (["train", "builtin:iris", "--hidden", "8", "--layers", "dense", "--out", "{out}"], ["not allowed with"]),
    (["list", "widgets"], ["invalid choice"]),
    (["fly"], ["invalid choice"]),
    ([], ["required"]),
])
def test_user_errors_are_one_line_with_status_2(capsys, tmp_path, argv, fragments):
    status, out, err = _run(capsys, *[a.replace("{out}", str(tmp_path / "run")) for a in argv])
    assert status == 2 and out == ""
    _assert_one_error_line(err, *fragments)


def test_interrupt_exits_with_130(capsys, monkeypatch, tmp_path):
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_train", interrupted)
    status, _, err = _run(capsys, "train", "builtin:xor", "--out", tmp_path)
    assert status == 130 and err.strip() == "nn-train: interrupted"


def test_help_exits_with_0(capsys):
    status, out, _ = _run(capsys, "train", "--help")
    assert status == 0 and "--hidden" in out and "builtin:NAME" in out


# -- the installed script ----------------------------------------------------------------------------------------
def _script() -> str:
    return str(Path(sys.executable).with_name("nn-train"))


def test_installed_script_runs_and_fails_cleanly(tmp_path):
    ok = subprocess.run([_script(), "train", "builtin:and", "--epochs", "3", "--out", str(tmp_path)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(_history(tmp_path)) == 3 and set(_metrics(tmp_path)) >= {"task", "train", "val", "test"}
    bad = subprocess.run([_script(), "train", "builtin:and", "--layers", "dense(units=)", "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    _assert_one_error_line(bad.stderr, "at character 13")


@pytest.mark.parametrize(("gate", "learned"), [("and", True), ("or", True), ("xor", False)])
def test_the_perceptron_rule_from_the_command_line(capsys, tmp_path, gate, learned):
    status, _, err = _run(capsys, "train", f"builtin:{gate}(n_samples=4)", "--method", "perceptron", "--optimizer",
                          "sgd", "--lr", 0.1, "--batch-size", 1, "--epochs", 50, "--out", tmp_path)
    assert status == 0, err
    accuracy = _metrics(tmp_path)["train"]["accuracy"]
    assert accuracy == 1.0 if learned else accuracy <= 0.75
    saved = load_model_file(tmp_path / "model.npz")
    assert [layer["config"]["activation"] for layer in saved.model.get_config()["layers"]] == ["step"]


def test_the_perceptron_rule_refuses_a_multiclass_task(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:iris", "--method", "perceptron", "--out", tmp_path)
    assert status == 2 and "perceptron rule learns one yes/no output" in err
