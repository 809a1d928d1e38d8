"""JSON weights (round trip, validation) and the Weka-style plain-text dump."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.errors import ConfigError, DataError, ShapeError
from engine.io.json_weights import load_json_weights, save_json_weights
from engine.io.text_dump import dump_text, save_text_dump
from engine.model import Sequential
from tests.engine.test_export_cases import all_cases, build_case, case_input


@pytest.mark.parametrize("name", sorted(all_cases()))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_json_round_trip_gives_identical_predictions(tmp_path, name: str, dtype: str) -> None:
    model = build_case(name, dtype=dtype)
    save_json_weights(tmp_path / "w.json", model)
    x = case_input(model)
    np.testing.assert_array_equal(load_json_weights(tmp_path / "w.json").predict(x), model.predict(x))
    into = load_json_weights(tmp_path / "w.json", build_case(name, dtype=dtype, seed=7))
    np.testing.assert_array_equal(into.predict(x), model.predict(x))


def test_json_is_readable_with_shapes_and_configs(tmp_path) -> None:
    model = build_case("mlp")
    save_json_weights(tmp_path / "w.json", model)
    text = (tmp_path / "w.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    dense = doc["layers"][0]
    assert dense["type"] == "dense" and dense["config"]["activation"] == "relu"
    kernel = dense["parameters"][0]
    assert kernel["name"] == "kernel" and kernel["shape"] == [6, 8] and kernel["dtype"] == "float32"
    assert np.array_equal(np.asarray(kernel["values"], np.float32), model.get_weights()["dense_1/kernel"])
    assert '"shape": [6, 8]' in text  # short lists stay on one line, one matrix row per line
    assert sum(1 for line in text.splitlines() if line.strip().startswith("[")) >= 6


def _edit(path, change) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_json_validation(tmp_path) -> None:
    path = tmp_path / "w.json"
    model = build_case("mlp")
    cases = [
        (lambda d: d.update(schema_version=2), ConfigError, "newer version"),
        (lambda d: d.update(format="other"), DataError, "expected format 'nn-studio-weights-json'"),
        (lambda d: d["layers"][0]["parameters"][0].update(shape=[8, 6]), DataError,
         r"'dense_1/kernel' declares shape \[8, 6\], its values have shape \[6, 8\]"),
        (lambda d: d["layers"][0]["parameters"][0]["values"][0].pop(), DataError, "not a regular array"),
        (lambda d: d["layers"][0]["parameters"][1].update(values=[0.0] * 7, shape=[7]), ShapeError,
         r"expected shape \(8,\), received \(7,\)"),
        (lambda d: d["layers"].pop(), ConfigError, "the file holds layers"),
    ]
    for change, error, message in cases:
        save_json_weights(path, model)
        _edit(path, change)
        with pytest.raises(error, match=message) as info:
            load_json_weights(path, build_case("mlp"))
        assert str(path) in str(info.value)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="not a readable JSON weights file"):
        load_json_weights(path)


def test_json_refuses_diverged_weights(tmp_path) -> None:
    model = build_case("mlp")
    weights = model.get_weights()
    weights["dense_1/bias"][0] = np.nan
    model.set_weights(weights)
    with pytest.raises(DataError, match="'dense_1/bias' holds NaN"):
        save_json_weights(tmp_path / "w.json", model)
    assert not list(tmp_path.iterdir())


def test_text_dump_prints_every_unit_like_weka(tmp_path) -> None:
    model = Sequential([{"type": "dense", "config": {"units": 3, "activation": "sigmoid"}},
                        {"type": "dense", "config": {"units": 2}}], input_shape=(2,), seed=0)
    kernel = np.array([[0.8211, -1.1034, 0.5], [0.25, 0.125, -2.0]], np.float32)
    bias = np.array([0.0512, -0.3, 0.7], np.float32)
    weights = model.get_weights()
    weights.update({"dense_1/kernel": kernel, "dense_1/bias": bias})
    model.set_weights(weights)
    text = dump_text(model, ["sepal", "petal"])
    assert "Node 1 (dense_1, unit 0): bias 0.0512, sepal 0.8211, petal 0.2500" in text
    assert "Node 2 (dense_1, unit 1): bias -0.3000, sepal -1.1034, petal 0.1250" in text
    out = weights["dense_2/kernel"]
    assert f"Node 4 (dense_2, unit 0): bias 0.0000, Node 1 {out[0, 0]:.4f}, Node 2 {out[1, 0]:.4f}, " \
           f"Node 3 {out[2, 0]:.4f}" in text
    assert "x1 " in dump_text(model) and "activation sigmoid" in text
    save_text_dump(tmp_path / "dump.txt", model, ["sepal", "petal"], digits=2)
    assert "bias 0.05, sepal 0.82" in (tmp_path / "dump.txt").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="expected 2 feature names"):
        dump_text(model, ["only one"])


def test_text_dump_lists_filters_and_other_parameters() -> None:
    text = dump_text(build_case("conv2d"))
    assert text.count("Filter ") == 4 + 3
    assert "Filter 0 (conv2d_1, kernel 2×3×2): bias " in text
    assert "running_var [4]:" in text
    assert "global_avg_pool_1[2] " in text  # the last dense layer's inputs are named after the layer before
