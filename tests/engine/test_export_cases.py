"""Models covering every registered layer and activation, shared by the export tests and gen_export.py.

The completeness tests here fail when a layer is registered without an export case.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.model import Sequential
from engine.registry import ACTIVATIONS, LAYERS

#: name → (layer specs, input shape). Layers without ties in k-max pooling inputs (no relu right before it).
LAYER_CASES: dict[str, tuple[list[Any], tuple[int, ...]]] = {
    "mlp": ([{"type": "dense", "config": {"units": 8, "activation": "relu"}},
             {"type": "batch_norm", "config": {"scale": False}},
             {"type": "prelu", "config": {"per_channel": True}},
             {"type": "dropout", "config": {"rate": 0.3}},
             {"type": "layer_norm"},
             {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], (6,)),
    "norms": ([{"type": "batch_norm", "config": {"center": False}},
               {"type": "layer_norm", "config": {"scale": False}},
               {"type": "layer_norm", "config": {"center": False}},
               {"type": "prelu"},
               {"type": "reshape", "config": {"target_shape": [2, -1]}},
               {"type": "flatten"},
               {"type": "dense", "config": {"units": 2, "use_bias": False}}], (6,)),
    "conv2d": ([{"type": "conv2d", "config": {"filters": 4, "kernel_size": [3, 2], "strides": [2, 1],
                                              "padding": "same", "activation": "tanh"}},
                {"type": "batch_norm"},
                {"type": "prelu", "config": {"per_channel": True}},
                {"type": "max_pool2d", "config": {"pool_size": [2], "strides": [1], "padding": "same"}},
                {"type": "avg_pool2d", "config": {"pool_size": [2], "padding": "same"}},
                {"type": "upsampling2d", "config": {"size": [2, 3]}},
                {"type": "conv2d", "config": {"filters": 3, "kernel_size": [2], "dilation": [2], "padding": "1, 2"}},
                {"type": "upsampling2d", "config": {"size": [2], "interpolation": "bilinear"}},
                {"type": "global_avg_pool"},
                {"type": "dense", "config": {"units": 2, "activation": "sigmoid"}}], (2, 7, 5)),
    "conv1d": ([{"type": "reshape", "config": {"target_shape": [3, -1]}},
                {"type": "conv1d", "config": {"filters": 4, "kernel_size": [3], "strides": [2], "padding": "same",
                                              "activation": "elu"}},
                {"type": "max_pool1d", "config": {"pool_size": [2], "padding": "same"}},
                {"type": "conv1d", "config": {"filters": 3, "kernel_size": [2], "padding": "1", "use_bias": False}},
                {"type": "avg_pool1d", "config": {"pool_size": [2], "strides": [1]}},
                {"type": "global_max_pool"},
                {"type": "dense", "config": {"units": 2}}], (27,)),
    "k_max": ([{"type": "conv2d", "config": {"filters": 2, "kernel_size": [2]}},
               {"type": "k_max_pool", "config": {"k": 4}},
               {"type": "flatten"},
               {"type": "activation", "config": {"activation": "log_softmax"}}], (3, 4, 5)),
}


def activation_cases() -> dict[str, tuple[list[Any], tuple[int, ...]]]:
    """One model per registered activation: inside a dense layer and as an activation layer."""
    return {f"act_{key}": ([{"type": "dense", "config": {"units": 5, "activation": key}},
                            {"type": "activation", "config": {"activation": key}}], (4,))
            for key in ACTIVATIONS.names()}


def all_cases() -> dict[str, tuple[list[Any], tuple[int, ...]]]:
    return {**LAYER_CASES, **activation_cases()}


def build_case(name: str, dtype: str = "float32", seed: int = 0) -> Sequential:
    """The model of a case with random weights (running variances positive, scales near 1)."""
    layers, shape = all_cases()[name]
    model = Sequential(layers, input_shape=shape, seed=seed, dtype=dtype)
    rng = np.random.default_rng(seed)
    weights = {}
    for name_, value in model.get_weights().items():
        short = name_.rsplit("/", 1)[1]
        if short == "running_var":
            weights[name_] = rng.uniform(0.5, 2.0, value.shape)
        elif short == "gamma":
            weights[name_] = rng.uniform(0.5, 1.5, value.shape)
        else:
            weights[name_] = rng.normal(0.0, 0.6, value.shape)
    model.set_weights(weights)
    return model


def case_input(model: Sequential, rows: int = 5, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, 2.0, (rows, *model.input_shape)).astype(model.dtype)


def test_every_layer_has_an_export_case() -> None:
    used = {spec["type"] if isinstance(spec, dict) else spec for layers, _ in LAYER_CASES.values() for spec in layers}
    missing = sorted(set(LAYERS.names()) - used)
    assert not missing, f"layers without an export case: {missing}"


def test_every_activation_has_an_export_case() -> None:
    assert {f"act_{key}" for key in ACTIVATIONS.names()} <= set(all_cases())


def test_cases_build_and_predict_finite() -> None:
    for name in all_cases():
        model = build_case(name)
        assert np.isfinite(model.predict(case_input(model))).all(), name
