"""Layers against PyTorch: forward values and gradients from tests/reference/gen_layers.py (fixtures/layers.json).

float64 must agree to 1e-10, float32 to 1e-5.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine.layers.base import Layer
from engine.registry import LAYERS
from tests.reference.fixtures import load_json

REFERENCE = load_json("layers.json")
DTYPES = [pytest.param(np.float64, 1e-10, id="float64"), pytest.param(np.float32, 1e-5, id="float32")]


def make(key: str, config: dict[str, Any], input_shape: tuple[int, ...], dtype: Any,
         weights: dict[str, Any] | None = None) -> Layer:
    layer = LAYERS.create({"type": key, "config": {**config, "name": "ref"}})
    layer.build(input_shape, np.random.default_rng(0), dtype)
    for short, value in (weights or {}).items():
        layer.parameter(short).value[...] = np.asarray(value)
    return layer


def step(layer: Layer, case: dict[str, Any], dtype: Any, training: bool) -> tuple[np.ndarray, np.ndarray]:
    y = layer.forward(np.asarray(case["x"], dtype=dtype), training=training)
    dx = layer.backward(np.asarray(case["upstream"], dtype=dtype))
    assert y.dtype == dtype and dx.dtype == dtype
    return y, dx


def close(actual: np.ndarray, expected: Any, tol: float) -> None:
    np.testing.assert_allclose(actual, np.asarray(expected), rtol=tol, atol=tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["dense"], ids=lambda c: c["activation"])
def test_dense_matches_linear_with_transposed_weight(case: dict[str, Any], dtype: Any, tol: float) -> None:
    kernel = np.asarray(case["kernel"])
    layer = make("dense", {"units": kernel.shape[1], "activation": case["activation"]}, kernel.shape[:1], dtype,
                 {"kernel": kernel, "bias": case["bias"]})
    y, dx = step(layer, case, dtype, training=True)
    close(y, case["y"], tol)
    close(dx, case["dx"], tol)
    close(layer.parameter("kernel").grad, case["d_kernel"], tol)
    close(layer.parameter("bias").grad, case["d_bias"], tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["batch_norm"], ids=lambda c: c["name"])
def test_batch_norm_training_steps_running_stats_and_inference(case: dict[str, Any], dtype: Any,
                                                               tol: float) -> None:
    shape = np.asarray(case["train"][0]["x"]).shape[1:]
    layer = make("batch_norm", {"momentum": case["momentum"], "eps": case["eps"]}, shape, dtype,
                 {"gamma": case["gamma"], "beta": case["beta"]})
    for expected in case["train"]:
        y, dx = step(layer, expected, dtype, training=True)
        close(y, expected["y"], tol)
        close(dx, expected["dx"], tol)
        close(layer.parameter("gamma").grad, expected["d_gamma"], tol)
        close(layer.parameter("beta").grad, expected["d_beta"], tol)
        close(layer.parameter("running_mean").value, expected["running_mean"], tol)
        close(layer.parameter("running_var").value, expected["running_var"], tol)
    expected = case["eval"]
    y, dx = step(layer, expected, dtype, training=False)
    close(y, expected["y"], tol)
    close(dx, expected["dx"], tol)
    close(layer.parameter("gamma").grad, expected["d_gamma"], tol)
    close(layer.parameter("beta").grad, expected["d_beta"], tol)
    close(layer.parameter("running_var").value, case["train"][-1]["running_var"], tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["layer_norm"], ids=lambda c: f"rank{len(np.shape(c['x']))}")
def test_layer_norm_matches(case: dict[str, Any], dtype: Any, tol: float) -> None:
    layer = make("layer_norm", {"eps": case["eps"]}, np.shape(case["x"])[1:], dtype,
                 {"gamma": case["gamma"], "beta": case["beta"]})
    y, dx = step(layer, case, dtype, training=True)
    close(y, case["y"], tol)
    close(dx, case["dx"], tol)
    close(layer.parameter("gamma").grad, case["d_gamma"], tol)
    close(layer.parameter("beta").grad, case["d_beta"], tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["prelu"],
                         ids=lambda c: f"{'per_channel' if c['per_channel'] else 'shared'}_rank{len(np.shape(c['x']))}")
def test_prelu_matches(case: dict[str, Any], dtype: Any, tol: float) -> None:
    layer = make("prelu", {"per_channel": case["per_channel"]}, np.shape(case["x"])[1:], dtype,
                 {"alpha": case["alpha"]})
    assert layer.parameter("alpha").shape == np.shape(case["alpha"])
    y, dx = step(layer, case, dtype, training=True)
    close(y, case["y"], tol)
    close(dx, case["dx"], tol)
    close(layer.parameter("alpha").grad, case["d_alpha"], tol)


def test_prelu_starts_at_pytorch_default_slope() -> None:
    layer = make("prelu", {"per_channel": True}, (3, 2), np.float32)
    np.testing.assert_array_equal(layer.parameter("alpha").value, np.full(3, 0.25, np.float32))


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["flatten"], ids=["nchw"])
def test_flatten_matches(case: dict[str, Any], dtype: Any, tol: float) -> None:
    layer = make("flatten", {}, np.shape(case["x"])[1:], dtype)
    y, dx = step(layer, case, dtype, training=True)
    close(y, case["y"], tol)
    close(dx, case["dx"], tol)
