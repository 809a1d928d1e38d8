"""Convolution (conv2d, conv1d) and upsampling2d: common layer checks, PyTorch reference values, shapes, errors.

Reference values come from tests/reference/gen_conv.py (fixtures/conv.json): PyTorch's outputs and gradients
in float64 (matched to 1e-10) and float32 (matched to 1e-5).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Layer
from engine.registry import LAYERS
from tests.reference.fixtures import load_json


def _emit_logits(layer: Layer) -> None:
    layer.emit_logits = True


LAYER_CASES: list[dict[str, Any]] = [
    {"id": "conv2d_valid_tanh", "key": "conv2d", "config": {"filters": 3, "kernel_size": [3], "activation": "tanh"},
     "input_shape": (2, 5, 4), "batch": 2},
    {"id": "conv2d_same_even_kernel", "key": "conv2d", "config": {"filters": 2, "kernel_size": [2], "padding": "same"},
     "input_shape": (2, 4, 5), "batch": 2},
    {"id": "conv2d_stride_padding_no_bias", "key": "conv2d",
     "config": {"filters": 2, "kernel_size": [3, 2], "strides": [2], "padding": "1, 2", "use_bias": False},
     "input_shape": (1, 5, 4), "batch": 2},
    {"id": "conv2d_dilation_relu", "key": "conv2d",
     "config": {"filters": 2, "kernel_size": [2], "dilation": [2], "padding": "same", "activation": "relu"},
     "input_shape": (2, 4, 4), "batch": 2},
    {"id": "conv2d_regularized", "key": "conv2d",
     "config": {"filters": 2, "kernel_size": [2], "kernel_regularizer": "l2", "bias_regularizer": "l1"},
     "input_shape": (1, 3, 3), "batch": 2},
    {"id": "conv2d_logits", "key": "conv2d", "config": {"filters": 1, "kernel_size": [1], "activation": "sigmoid"},
     "input_shape": (2, 3, 3), "batch": 2, "setup": _emit_logits},
    {"id": "conv1d_valid_sigmoid", "key": "conv1d", "config": {"filters": 3, "kernel_size": [3],
                                                               "activation": "sigmoid"},
     "input_shape": (2, 7), "batch": 3},
    {"id": "conv1d_same_dilation_stride", "key": "conv1d",
     "config": {"filters": 2, "kernel_size": [3], "strides": [2], "dilation": [2], "padding": "same"},
     "input_shape": (2, 9), "batch": 2},
    {"id": "upsampling2d_nearest", "key": "upsampling2d", "config": {"size": [2, 3]}, "input_shape": (2, 2, 3),
     "batch": 2},
    {"id": "upsampling2d_bilinear", "key": "upsampling2d", "config": {"interpolation": "bilinear"},
     "input_shape": (2, 3, 2), "batch": 2},
]

REFERENCE = load_json("conv.json")
DTYPES = [pytest.param(np.float64, 1e-10, id="float64"), pytest.param(np.float32, 1e-5, id="float32")]


def make(key: str, config: dict[str, Any], input_shape: tuple[int, ...], dtype: Any = np.float32) -> Layer:
    layer = LAYERS.create({"type": key, "config": {**config, "name": f"{key}_1"}})
    layer.build(input_shape, np.random.default_rng(0), dtype)
    return layer


def close(actual: np.ndarray, expected: Any, tol: float) -> None:
    np.testing.assert_allclose(actual, np.asarray(expected), rtol=tol, atol=tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", REFERENCE["conv"], ids=lambda c: c["id"])
def test_convolution_matches_pytorch(case: dict[str, Any], dtype: Any, tol: float) -> None:
    x = np.asarray(case["x"], dtype=dtype)
    layer = make(case["key"], case["config"], x.shape[1:], dtype)
    layer.parameter("kernel").value[...] = case["kernel"]
    layer.parameter("bias").value[...] = case["bias"]
    expected = case[np.dtype(dtype).name]
    y = layer.forward(x, training=True)
    dx = layer.backward(np.asarray(case["upstream"], dtype=dtype))
    assert y.dtype == dtype and dx.dtype == dtype
    close(y, expected["y"], tol)
    close(dx, expected["d_x"], tol)
    close(layer.parameter("kernel").grad, expected["d_kernel"], tol)
    close(layer.parameter("bias").grad, expected["d_bias"], tol)


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", [c for c in REFERENCE["pool"] if c["key"] == "upsampling2d"], ids=lambda c: c["id"])
def test_upsampling_matches_pytorch_interpolate(case: dict[str, Any], dtype: Any, tol: float) -> None:
    x = np.asarray(case["x"], dtype=dtype)
    layer = make(case["key"], case["config"], x.shape[1:], dtype)
    expected = case[np.dtype(dtype).name]
    close(layer.forward(x, training=True), expected["y"], tol)
    close(layer.backward(np.asarray(case["upstream"], dtype=dtype)), expected["d_x"], tol)


def test_kernel_is_stored_out_in_rows_cols_with_he_uniform_bounds_from_fan_in() -> None:
    layer = make("conv2d", {"filters": 16, "kernel_size": [3, 5]}, (4, 9, 9))
    kernel = layer.parameter("kernel").value
    assert kernel.shape == (16, 4, 3, 5) and kernel.dtype == np.float32
    bound = math.sqrt(6.0 / (4 * 3 * 5))  # kaiming_uniform_ (relu gain) with fan_in = C·kh·kw
    assert np.abs(kernel).max() <= bound
    assert np.abs(kernel).max() > 0.9 * bound
    np.testing.assert_array_equal(layer.parameter("bias").value, np.zeros(16, np.float32))
    assert make("conv1d", {"filters": 5, "kernel_size": [4]}, (3, 10)).parameter("kernel").shape == (5, 3, 4)


@pytest.mark.parametrize(("config", "input_shape", "output_shape"), [
    ({"filters": 8, "kernel_size": [3], "padding": "same"}, (1, 28, 28), (8, 28, 28)),
    ({"filters": 8, "kernel_size": [3]}, (1, 8, 8), (8, 6, 6)),
    ({"filters": 4, "kernel_size": [3], "strides": [2], "padding": "same"}, (1, 7, 8), (4, 4, 4)),
    ({"filters": 4, "kernel_size": [5], "dilation": [2]}, (2, 12, 9), (4, 4, 1)),
    ({"filters": 2, "kernel_size": [3], "padding": "2, 0"}, (1, 4, 4), (2, 6, 2)),
])
def test_output_sizes_follow_the_convolution_arithmetic(config: dict[str, Any], input_shape: tuple[int, ...],
                                                         output_shape: tuple[int, ...]) -> None:
    layer = make("conv2d", config, input_shape)
    assert layer.output_shape == output_shape
    x = np.random.default_rng(0).standard_normal((2, *input_shape)).astype(np.float32)
    assert layer.forward(x).shape == (2, *output_shape)


def test_a_kernel_larger_than_the_input_names_the_layer_and_the_sizes() -> None:
    with pytest.raises(ShapeError, match=r"conv2d_1: a 3×3 kernel with padding 'valid' does not fit an input of "
                                         r"2×2") as info:
        make("conv2d", {"kernel_size": [3]}, (1, 2, 2))
    assert info.value.layer == "conv2d_1"
    with pytest.raises(ShapeError, match=r"a 3 kernel \(spanning 5 with dilation 2\) with padding '1' does not fit "
                                         r"an input of 2 \(padded to 4\)"):
        make("conv1d", {"kernel_size": [3], "dilation": [2], "padding": 1}, (1, 2))
    with pytest.raises(ShapeError, match="expects samples of shape \\(channels, height, width\\), received \\(64,\\)"):
        make("conv2d", {}, (64,))


@pytest.mark.parametrize(("config", "param"), [
    ({"padding": "full"}, "padding"),
    ({"padding": "1, 2, 3"}, "padding"),
    ({"padding": -1}, "padding"),
    ({"kernel_size": [3, 3, 3]}, "kernel_size"),
    ({"activation": "softmax"}, "activation"),
    ({"strides": [0]}, "strides"),
])
def test_invalid_settings_are_refused_naming_the_parameter(config: dict[str, Any], param: str) -> None:
    with pytest.raises(ConfigError) as info:
        LAYERS.create({"type": "conv2d", "config": config})
    assert info.value.param == param


def test_padding_accepts_numbers_and_text_and_round_trips_as_text() -> None:
    assert LAYERS.create({"type": "conv2d", "config": {"padding": 1}}).padding == "1"
    assert LAYERS.create({"type": "conv2d", "config": {"padding": [1, 2]}}).padding == "1, 2"
    assert LAYERS.create({"type": "conv2d", "config": {"padding": " Same "}}).padding == "same"
    with pytest.raises(ConfigError, match="expected 'valid', 'same' or one number"):
        LAYERS.create({"type": "conv1d", "config": {"padding": "1, 2"}})


def test_float32_forward_and_backward_do_not_promote() -> None:
    layer = make("conv2d", {"filters": 3, "kernel_size": [3], "padding": "same", "activation": "relu"}, (2, 6, 6))
    x = np.random.default_rng(1).standard_normal((4, 2, 6, 6)).astype(np.float32)
    y = layer.forward(x, training=True)
    assert layer._cols.dtype == np.float32
    assert layer.backward(np.ones_like(y)).dtype == np.float32


@pytest.mark.parametrize("key", ["conv2d", "conv1d"])
def test_without_input_gradient_backward_returns_none_and_the_same_parameter_gradients(key: str) -> None:
    shape = (2, 6, 5) if key == "conv2d" else (2, 9)
    config = {"filters": 3, "kernel_size": [3], "padding": "same", "activation": "relu"}
    x = np.random.default_rng(2).standard_normal((4, *shape))
    grads = []
    for needs_input_grad in (True, False):
        layer = make(key, config, shape, np.float64)
        layer.needs_input_grad = needs_input_grad
        upstream = np.ones_like(layer.forward(x, training=True))
        assert (layer.backward(upstream) is None) is not needs_input_grad
        grads.append([p.grad.copy() for p in layer.trainable_parameters()])
    for with_dx, without_dx in zip(*grads, strict=True):
        np.testing.assert_array_equal(with_dx, without_dx)


@pytest.mark.parametrize("channels", [1, 6])  # 1 → 4 filters: exact output grid; 6 → 4: the wide stride-1 grid
def test_reused_buffers_give_each_batch_size_its_own_fresh_result(channels: int) -> None:
    config = {"filters": 4, "kernel_size": [3], "padding": "same"}
    layer = make("conv2d", config, (channels, 5, 6), np.float64)
    rng = np.random.default_rng(3)
    batches = [rng.standard_normal((n, channels, 5, 6)) for n in (4, 3, 4)]
    outputs = [layer.forward(x, training=True).copy() for x in batches]
    for x, y in zip(batches, outputs, strict=True):
        fresh = make("conv2d", config, (channels, 5, 6), np.float64)
        fresh.set_weights(layer.get_weights())
        np.testing.assert_array_equal(fresh.forward(x, training=True), y)
