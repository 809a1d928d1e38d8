"""safetensors export: PyTorch state_dict names and layouts, metadata, validation and round trips."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

from engine.errors import ConfigError, DataError, ShapeError
from engine.io import safetensors_io
from engine.io.safetensors_io import (
    load_safetensors,
    read_safetensors_metadata,
    save_safetensors,
    torch_module_names,
    torch_state_dict,
)
from engine.io.weights import load_weights, save_weights
from tests.engine.test_export_cases import all_cases, build_case, case_input

st = pytest.importorskip("safetensors.numpy", reason="the 'safetensors' package is missing (test dependency)")


@pytest.mark.parametrize("name", sorted(all_cases()))
def test_round_trip_gives_identical_predictions(tmp_path, name: str) -> None:
    model = build_case(name)
    path = tmp_path / "w.safetensors"
    save_safetensors(path, model)
    x = case_input(model)
    rebuilt = load_safetensors(path)  # from the config in the metadata
    np.testing.assert_array_equal(rebuilt.predict(x), model.predict(x))
    into = load_safetensors(path, build_case(name, seed=5))
    np.testing.assert_array_equal(into.predict(x), model.predict(x))


def test_npz_round_trip_gives_identical_predictions(tmp_path) -> None:
    model = build_case("conv2d")
    save_weights(tmp_path / "w.npz", model.get_weights())
    other = build_case("conv2d", seed=3)
    other.set_weights(load_weights(tmp_path / "w.npz"))
    x = case_input(model)
    np.testing.assert_array_equal(other.predict(x), model.predict(x))


def test_names_and_layouts_follow_torch_sequential() -> None:
    model = build_case("mlp")
    assert torch_module_names(model) == {"dense_1": 0, "batch_norm_1": 2, "prelu_1": 3, "dropout_1": 4,
                                         "layer_norm_1": 5, "dense_2": 6}
    tensors = torch_state_dict(model)
    weights = model.get_weights()
    np.testing.assert_array_equal(tensors["0.weight"], weights["dense_1/kernel"].T)
    assert tensors["0.weight"].shape == (8, 6) and tensors["0.weight"].flags.c_contiguous
    np.testing.assert_array_equal(tensors["2.weight"], np.ones(8, np.float32))  # no learned scale: PyTorch's ones
    np.testing.assert_array_equal(tensors["2.running_var"], weights["batch_norm_1/running_var"])
    assert tensors["2.num_batches_tracked"].dtype == np.int64 and tensors["2.num_batches_tracked"].shape == ()
    np.testing.assert_array_equal(tensors["3.weight"], weights["prelu_1/alpha"])
    assert sorted(tensors) == sorted(["0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var",
                                      "2.num_batches_tracked", "3.weight", "5.weight", "5.bias", "6.weight",
                                      "6.bias"])
    conv = build_case("conv2d")
    np.testing.assert_array_equal(torch_state_dict(conv)["0.weight"], conv.get_weights()["conv2d_1/kernel"])


def test_metadata_holds_the_model_config(tmp_path) -> None:
    model = build_case("conv1d")
    save_safetensors(tmp_path / "w.safetensors", model)
    meta = read_safetensors_metadata(tmp_path / "w.safetensors")
    assert meta["format"] == "pt" and meta["schema_version"] == "1"
    assert __import__("json").loads(meta["nn_studio_model"]) == model.get_config()


def _write(path, tensors, metadata=None) -> None:
    path.write_bytes(st.save(tensors, metadata=metadata))


def test_validation_names_shapes_and_dtypes(tmp_path) -> None:
    model = build_case("mlp")
    good = torch_state_dict(model)
    path = tmp_path / "w.safetensors"
    _write(path, {**good, "0.weight": good["0.weight"].T.copy()})
    with pytest.raises(ShapeError, match=r"'0.weight' \(dense_1/kernel\) expected shape \(8, 6\), received \(6, 8\)"):
        load_safetensors(path, model)
    _write(path, {k: v for k, v in good.items() if k != "5.bias"})
    with pytest.raises(ConfigError, match=r"missing entry '5\.bias' for layer 'layer_norm_1'"):
        load_safetensors(path, model)
    _write(path, {**good, "9.weight": good["0.bias"]})
    with pytest.raises(ConfigError, match=r"unexpected entry '9\.weight'"):
        load_safetensors(path, model)
    _write(path, {**good, "0.bias": good["0.bias"].astype(np.int32)})
    with pytest.raises(DataError, match=r"'0\.bias' expected a float16/float32/float64 tensor, received int32"):
        load_safetensors(path, model)
    _write(path, {**good, "2.weight": good["2.weight"] * 2})
    with pytest.raises(ConfigError, match="must hold ones"):
        load_safetensors(path, model)
    _write(path, good, {"schema_version": "99"})
    with pytest.raises(ConfigError, match="newer version"):
        load_safetensors(path, model)
    _write(path, good)  # no metadata: weights load into a given model, but cannot rebuild one
    np.testing.assert_array_equal(load_safetensors(path, build_case("mlp", seed=4)).get_weights()["dense_1/kernel"],
                                  model.get_weights()["dense_1/kernel"])
    with pytest.raises(DataError, match="no model configuration"):
        load_safetensors(path)
    path.write_bytes(b"not a safetensors file")
    with pytest.raises(DataError, match=r"not a readable \.safetensors file"):
        load_safetensors(path, model)
    with pytest.raises(DataError, match="does not exist"):
        load_safetensors(tmp_path / "missing.safetensors", model)


def test_other_architecture_is_refused(tmp_path) -> None:
    save_safetensors(tmp_path / "w.safetensors", build_case("mlp"))
    with pytest.raises(ConfigError, match="holds weights for layers"):
        load_safetensors(tmp_path / "w.safetensors", build_case("norms"))


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "w.safetensors"
    save_safetensors(path, build_case("mlp"))
    before = path.read_bytes()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        save_safetensors(path, build_case("mlp", seed=9))
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.safetensors"]


def test_missing_extra_gives_install_hint(monkeypatch, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "safetensors", None)
    monkeypatch.setitem(sys.modules, "safetensors.numpy", None)
    with pytest.raises(ConfigError, match=r"install the 'safetensors' extra: pip install "
                                          r"nn-training-studio\[safetensors\]"):
        save_safetensors(tmp_path / "w.safetensors", build_case("mlp"))


def test_every_parameterised_layer_has_a_mapping() -> None:
    for name in all_cases():
        for layer in build_case(name).layers:
            if layer.parameters():
                assert layer.key in safetensors_io.RENAMES, layer.key
