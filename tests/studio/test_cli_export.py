"""``nn-train export``: one file per format, the loadable ones give identical predictions, missing extras refused."""

from __future__ import annotations

import importlib.util

import numpy as np
import onnxruntime
import pytest

from engine.io.json_weights import load_json_weights
from engine.io.model_file import load_model
from engine.io.safetensors_io import load_safetensors
from engine.io.weights import load_weights
from studio import cli
from tests.studio.test_report_fixtures import run


@pytest.fixture(scope="session")
def iris_run(tmp_path_factory):
    return run("iris", tmp_path_factory)


def _export(capsys, *argv):
    status = cli.main(["export", *map(str, argv)])
    return status, capsys.readouterr().err


def test_every_format_is_written_and_the_loadable_ones_predict_the_same(capsys, iris_run, tmp_path):
    status, err = _export(capsys, iris_run / "model.npz", "--format", "npz,safetensors,json,txt,onnx,torch",
                          "--out", tmp_path / "out")
    assert status == 0, err
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["model.onnx", "model.py", "model.safetensors", "weights.json",
                                                     "weights.npz", "weights.txt"]
    original = load_model(iris_run / "model.npz")
    x = np.random.default_rng(1).normal(size=(16, 4)).astype(np.float32)
    expected = original.predict(x)

    from_npz = load_model(iris_run / "model.npz")
    from_npz.set_weights({k: v * 0 for k, v in from_npz.get_weights().items()})
    from_npz.set_weights(load_weights(out / "weights.npz"))
    np.testing.assert_array_equal(from_npz.predict(x), expected)
    np.testing.assert_array_equal(load_safetensors(out / "model.safetensors").predict(x), expected)
    np.testing.assert_array_equal(load_json_weights(out / "weights.json").predict(x), expected)
    session = onnxruntime.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    np.testing.assert_allclose(session.run(None, {"input": x})[0], expected, atol=1e-5)
    script = (out / "model.py").read_text(encoding="utf-8")
    compile(script, "model.py", "exec")
    assert "model.safetensors" in script and "setosa" in script
    assert "Node 1" in (out / "weights.txt").read_text(encoding="utf-8")


def test_a_missing_optional_package_gives_the_pip_command_and_no_file(capsys, iris_run, tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "onnx" else real(name, *a))
    status, err = _export(capsys, iris_run / "model.npz", "--format", "npz,onnx", "--out", tmp_path / "out")
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and "pip install" in lines[0] and "[onnx]" in lines[0]
    assert not (tmp_path / "out").exists()


def test_an_unknown_format_is_refused_with_the_known_ones(capsys, iris_run, tmp_path):
    status, err = _export(capsys, iris_run / "model.npz", "--format", "npz,pickle", "--out", tmp_path)
    assert status == 2 and "'pickle'" in err and "safetensors" in err


def test_a_categorical_model_refuses_the_pytorch_script_with_a_sentence(capsys, tmp_path_factory, tmp_path):
    regression = run("regression", tmp_path_factory)
    status, err = _export(capsys, regression / "model.npz", "--format", "torch", "--out", tmp_path)
    assert status == 2 and "'colour'" in err and "one-hot" in err
    assert list(tmp_path.iterdir()) == []  # refused before anything was written
