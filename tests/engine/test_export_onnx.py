"""ONNX export: ONNX Runtime gives model.predict's outputs (1e-5) for every layer and activation."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.io import onnx_export
from engine.io.onnx_export import OPSET, build_onnx_model, export_onnx
from engine.model import Sequential
from tests.engine.test_export_cases import all_cases, build_case, case_input

onnx = pytest.importorskip("onnx", reason="the 'onnx' package is missing (test dependency: pip install onnx)")
ort = pytest.importorskip("onnxruntime",
                          reason="the 'onnxruntime' package is missing (test dependency: pip install onnxruntime)")


def _run(proto_or_path, x: np.ndarray) -> np.ndarray:
    source = proto_or_path if isinstance(proto_or_path, str) else proto_or_path.SerializeToString()
    session = ort.InferenceSession(source, providers=["CPUExecutionProvider"])
    return session.run(["output"], {"input": x})[0]


@pytest.mark.parametrize("name", sorted(all_cases()))
def test_onnx_runtime_matches_predict(name: str) -> None:
    model = build_case(name)
    proto = build_onnx_model(model)
    for rows in (1, 6):  # the batch dimension is dynamic
        x = case_input(model, rows)
        np.testing.assert_allclose(_run(proto, x), model.predict(x), rtol=1e-5, atol=1e-5)


def test_float64_model_runs_in_double() -> None:
    model = build_case("mlp", dtype="float64")
    x = case_input(model, 4)
    out = _run(build_onnx_model(model), x)
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, model.predict(x), rtol=1e-6, atol=1e-6)


def test_file_has_opset_dynamic_batch_and_config(tmp_path) -> None:
    model = build_case("conv2d")
    path = tmp_path / "model.onnx"
    export_onnx(path, model)
    proto = onnx.load(str(path))
    assert [o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")] == [OPSET]
    dims = proto.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param == "batch" and [d.dim_value for d in dims[1:]] == list(model.input_shape)
    props = {p.key: p.value for p in proto.metadata_props}
    assert Sequential.from_config(__import__("json").loads(props["nn_studio_model"])).get_config()["layers"] == \
        model.get_config()["layers"]
    x = case_input(model, 3)
    np.testing.assert_allclose(_run(str(path), x), model.predict(x), rtol=1e-5, atol=1e-5)


def test_layer_without_translation_is_refused_by_name(monkeypatch) -> None:
    monkeypatch.delitem(onnx_export.LAYER_OPS, "layer_norm")
    with pytest.raises(ConfigError, match=r"layer_norm_1.*'layer_norm' layer cannot be exported"):
        build_onnx_model(build_case("mlp"))


def test_missing_extra_gives_install_hint(monkeypatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "onnx", None)
    with pytest.raises(ConfigError, match=r"pip install nn-training-studio\[onnx\]"):
        build_onnx_model(build_case("mlp"))


def test_unbuilt_model_without_input_shape_is_refused() -> None:
    with pytest.raises(ConfigError, match="no input shape"):
        build_onnx_model(Sequential(["dense"]))
