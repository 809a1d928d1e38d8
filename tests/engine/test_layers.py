"""Checks every registered layer passes: gradients, config round trip, shape inference, dtype, capture.

Cases for other layer families can live next to their own tests: a module ``tests/engine/test_layer_<x>.py``
that defines ``LAYER_CASES`` (a list of dicts with the fields of :class:`LayerCase`) is picked up here, so its
layers get the same common checks and count for the completeness test.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.gradcheck import check_layer
from engine.layers.base import Layer
from engine.registry import LAYERS


@dataclass(frozen=True)
class LayerCase:
    """One layer configuration and a per-sample input shape to check it on."""

    id: str
    key: str
    config: dict[str, Any] = field(default_factory=dict)
    input_shape: tuple[int, ...] = (5,)
    batch: int = 4
    training: bool = True
    #: Called on the built layer before checking (e.g. to set ``emit_logits``).
    setup: Callable[[Layer], None] | None = None


def _emit_logits(layer: Layer) -> None:
    layer.emit_logits = True


CASES = [
    LayerCase("dense_tanh", "dense", {"units": 3, "activation": "tanh"}),
    LayerCase("dense_relu", "dense", {"units": 3, "activation": "relu"}),
    LayerCase("dense_sigmoid", "dense", {"units": 3, "activation": "sigmoid"}),
    LayerCase("dense_softmax", "dense", {"units": 3, "activation": "softmax"}),
    LayerCase("dense_linear_no_bias", "dense", {"units": 2, "use_bias": False}),
    LayerCase("dense_regularized", "dense", {"units": 2, "kernel_regularizer": {"type": "l2", "config": {"l2": 0.1}},
                                             "bias_regularizer": "l1"}),
    LayerCase("dense_logits", "dense", {"units": 3, "activation": "softmax"}, setup=_emit_logits),
    LayerCase("activation_tanh", "activation", {"activation": "tanh"}, (2, 3)),
    LayerCase("activation_softmax", "activation", {"activation": "softmax"}, (4,)),
    LayerCase("prelu_shared", "prelu", {}, (3, 2)),
    LayerCase("prelu_per_channel", "prelu", {"per_channel": True}, (3, 2, 2)),
    LayerCase("dropout", "dropout", {"rate": 0.4}, (6,)),
    LayerCase("batch_norm_train", "batch_norm", {}, (3,), batch=5),
    LayerCase("batch_norm_eval", "batch_norm", {}, (3,), training=False),
    LayerCase("batch_norm_nchw", "batch_norm", {"momentum": 0.2}, (2, 2, 3), batch=4),
    LayerCase("batch_norm_no_affine", "batch_norm", {"center": False, "scale": False}, (3,), batch=4),
    LayerCase("layer_norm", "layer_norm", {}, (5,)),
    LayerCase("layer_norm_3d", "layer_norm", {"center": False}, (2, 4), batch=3),
    LayerCase("flatten", "flatten", {}, (2, 3, 2)),
    LayerCase("reshape", "reshape", {"target_shape": [3, -1]}, (12,)),
]


def _collect_cases() -> list[LayerCase]:
    cases = list(CASES)
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("test_layer_"):
            module = importlib.import_module(f"{__package__}.{info.name}")
            cases += [LayerCase(**spec) for spec in getattr(module, "LAYER_CASES", [])]
    return cases


ALL_CASES = _collect_cases()
IDS = [case.id for case in ALL_CASES]


def build(case: LayerCase, dtype: Any = np.float64, seed: int = 0) -> tuple[Layer, np.ndarray]:
    """The built layer (trainable parameters randomised, so affine maps are not the identity) and an input."""
    rng = np.random.default_rng(seed)
    layer = LAYERS.create({"type": case.key, "config": {**case.config, "name": f"{case.key}_1"}})
    layer.build(case.input_shape, rng, dtype)
    for p in layer.trainable_parameters():
        p.value[...] = rng.uniform(-1.5, 1.5, p.shape)
    layer.set_runtime_rng(np.random.default_rng(seed + 1))
    if case.setup:
        case.setup(layer)
    x = rng.standard_normal((case.batch, *case.input_shape)).astype(dtype)
    return layer, x


WITH_PARAMETERS = [case for case in ALL_CASES if build(case)[0].parameters()]


def test_every_registered_layer_has_a_case() -> None:
    missing = sorted(set(LAYERS.names()) - {case.key for case in ALL_CASES})
    assert not missing, f"layers without a test case: {missing}"


def test_every_layer_has_a_known_category_and_help() -> None:
    categories = {"core", "regularization", "normalization", "reshape", "activation", "convolution", "pooling",
                  "recurrent"}
    for key in LAYERS.names():
        assert LAYERS.get(key).category in categories, key
        assert LAYERS.describe(key)["help"], key


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_gradients_match_finite_differences(case: LayerCase) -> None:
    layer, x = build(case)

    def reseed() -> None:  # the same dropout mask for every evaluation
        layer.set_runtime_rng(np.random.default_rng(123))

    result = check_layer(layer, x, training=case.training, before_forward=reseed, tolerance=1e-6)
    assert result.ok, str(result)
    checked = set(result.errors)
    assert checked == {"input"} | {p.name for p in layer.trainable_parameters()}


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_config_round_trip_rebuilds_an_identical_layer(case: LayerCase) -> None:
    layer, x = build(case)
    config = json.loads(json.dumps(layer.get_config()))
    clone = LAYERS.create({"type": case.key, "config": config})
    assert type(clone) is type(layer)
    assert clone.get_config() == config
    clone.build(case.input_shape, np.random.default_rng(99), np.float64)
    clone.set_weights(layer.get_weights())
    if case.setup:
        case.setup(clone)
    np.testing.assert_array_equal(clone.forward(x, training=False), layer.forward(x, training=False))


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_output_shape_is_inferred(case: LayerCase) -> None:
    layer, x = build(case)
    expected = layer.compute_output_shape(case.input_shape)
    assert layer.output_shape == tuple(expected)
    y = layer.forward(x, training=case.training)
    assert y.shape == (case.batch, *expected)
    assert layer.backward(np.ones_like(y)).shape == x.shape


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_float32_stays_float32(case: LayerCase) -> None:
    layer, x = build(case, np.float32)
    assert all(p.value.dtype == np.float32 for p in layer.parameters())
    y = layer.forward(x, training=case.training)
    assert y.dtype == np.float32
    dx = layer.backward(np.ones_like(y))
    assert dx.dtype == np.float32
    assert all(p.grad.dtype == np.float32 for p in layer.trainable_parameters())


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_capture_keeps_a_copy_of_the_output(case: LayerCase) -> None:
    layer, x = build(case)
    assert layer.captured_output is None
    layer.capture = True
    y = layer.forward(x, training=case.training)
    np.testing.assert_array_equal(layer.captured_output, y)
    assert not np.shares_memory(layer.captured_output, y)


@pytest.mark.parametrize("case", WITH_PARAMETERS, ids=[case.id for case in WITH_PARAMETERS])
def test_parameter_names_are_prefixed_with_the_layer_name(case: LayerCase) -> None:
    layer, _ = build(case)
    assert all(p.name.startswith(f"{case.key}_1/") for p in layer.parameters())
    layer.rename("renamed")
    assert all(p.name.startswith("renamed/") for p in layer.parameters())


@pytest.mark.parametrize("case", ALL_CASES, ids=IDS)
def test_frozen_layer_leaves_gradients_alone(case: LayerCase) -> None:
    layer, x = build(case)
    expected_dx = layer.backward(np.ones_like(layer.forward(x, training=case.training)))
    layer.trainable = False
    for p in layer.parameters():
        if p.trainable:
            p.grad[...] = 7.0
    assert layer.trainable_parameters() == []
    layer.set_runtime_rng(np.random.default_rng(1))  # same dropout mask as the first pass
    dx = layer.backward(np.ones_like(layer.forward(x, training=case.training)))
    np.testing.assert_allclose(dx, expected_dx, rtol=1e-12, atol=1e-12)
    assert all(np.all(p.grad == 7.0) for p in layer.parameters() if p.trainable)
