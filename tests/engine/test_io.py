"""engine.io: atomic writes, weights files and model files."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from engine.errors import ConfigError, DataError
from engine.io import atomic_write, load_model, load_model_file, load_weights, save_model, save_weights
from engine.io.model_file import HEADER_KEY
from engine.model import Sequential


def model(**kwargs) -> Sequential:
    net = Sequential([{"type": "dense", "config": {"units": 3, "activation": "relu"}},
                      {"type": "dropout", "config": {"rate": 0.2}},
                      {"type": "dense", "config": {"units": 2, "activation": "softmax"}}], input_shape=(4,), **kwargs)
    net.build()
    return net


def test_atomic_write_replaces_the_file_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["notes.txt"]  # the temporary file is gone
    with atomic_write(target) as handle:
        handle.write("new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    with atomic_write(tmp_path / "data.bin", "wb") as handle:
        handle.write(b"\x00\x01")
    assert (tmp_path / "data.bin").read_bytes() == b"\x00\x01"
    assert sorted(os.listdir(tmp_path)) == ["data.bin", "notes.txt"]


def test_atomic_write_gives_new_files_ordinary_permissions(tmp_path):
    with atomic_write(tmp_path / "a.txt") as handle:
        handle.write("x")
    reference = tmp_path / "b.txt"
    reference.write_text("x", encoding="utf-8")
    assert (tmp_path / "a.txt").stat().st_mode == reference.stat().st_mode


def test_weights_round_trip_with_exact_names_and_values(tmp_path):
    net = model()
    path = tmp_path / "w.npz"
    save_weights(path, net.get_weights())
    loaded = load_weights(path)
    assert list(loaded) == list(net.get_weights())
    for name, value in net.get_weights().items():
        assert loaded[name].dtype == value.dtype
        np.testing.assert_array_equal(loaded[name], value)


def test_weights_files_are_validated(tmp_path):
    with pytest.raises(DataError, match="layer/parameter"):
        save_weights(tmp_path / "w.npz", {"kernel": np.zeros(2, dtype=np.float32)})
    np.savez(tmp_path / "ints.npz", **{"dense_1/kernel": np.zeros(2, dtype=np.int64)})
    with pytest.raises(DataError, match="int64"):
        load_weights(tmp_path / "ints.npz")
    np.savez(tmp_path / "objects.npz", **{"dense_1/kernel": np.array([{"a": 1}], dtype=object)})
    with pytest.raises(DataError, match="not a readable"):
        load_weights(tmp_path / "objects.npz")  # never unpickled
    (tmp_path / "text.npz").write_text("hello", encoding="utf-8")
    with pytest.raises(DataError, match="not a readable") as info:
        load_weights(tmp_path / "text.npz")
    assert info.value.file == str(tmp_path / "text.npz")
    with pytest.raises(DataError, match="does not exist"):
        load_weights(tmp_path / "missing.npz")


def test_model_file_round_trip_keeps_config_weights_and_extra(tmp_path):
    net = model(seed=5, dtype="float64")
    path = tmp_path / "model.npz"
    save_model(path, net, extra={"classes": ["setosa", "versicolor"], "epochs": 3})
    loaded = load_model_file(path)
    assert loaded.extra == {"classes": ["setosa", "versicolor"], "epochs": 3}
    assert loaded.schema_version == 1
    assert loaded.model.get_config() == net.get_config()
    for name, value in net.get_weights().items():
        np.testing.assert_array_equal(loaded.model.get_weights()[name], value)
    x = np.random.default_rng(0).standard_normal((5, 4))
    np.testing.assert_array_equal(load_model(path).predict(x), net.predict(x))


def _rewrite_header(path, change):
    with np.load(path, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays[HEADER_KEY].tobytes().decode("utf-8"))
    change(header)
    arrays[HEADER_KEY] = np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    np.savez(path, **arrays)


def test_a_newer_schema_version_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "model.npz"
    save_model(path, model())
    _rewrite_header(path, lambda header: header.update(schema_version=2))
    with pytest.raises(ConfigError, match="newer version") as info:
        load_model(path)
    assert info.value.file == str(path)


def test_model_files_are_validated(tmp_path):
    weights_only = tmp_path / "weights.npz"
    save_weights(weights_only, model().get_weights())
    with pytest.raises(DataError, match="not a model file"):
        load_model(weights_only)
    path = tmp_path / "model.npz"
    save_model(path, model())
    _rewrite_header(path, lambda header: header.update(format="something-else"))
    with pytest.raises(DataError, match="nn-studio-model"):
        load_model(path)
    save_model(path, model())
    _rewrite_header(path, lambda header: header["model"]["layers"][0]["config"].update(units=4))
    with pytest.raises(Exception, match=r"expected shape \(4, 4\)") as info:
        load_model(path)
    assert info.value.file == str(path)


def test_save_model_refuses_unbuilt_models_and_non_json_extra(tmp_path):
    with pytest.raises(ConfigError, match="no weights"):
        save_model(tmp_path / "m.npz", Sequential(["dense"]))
    with pytest.raises(ConfigError, match="JSON"):
        save_model(tmp_path / "m.npz", model(), extra={"bad": object()})
    assert not (tmp_path / "m.npz").exists()
