"""Ready-made models for the layer builder, sized from the data's input shape and the task's output (Qt-free).

A preset is a list of layer specs (``{"type": key, "config": {...}}``). Hidden layers grow with the number of
inputs and outputs (at least 8 units, at most 128); image inputs get a ``flatten`` first unless the preset is
convolutional. "Small CNN" is offered only when the engine registers the layers it needs and the input is an
image (channels × height × width).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from engine.registry import LAYERS, Registry

__all__ = ["PRESET_NAMES", "hidden_width", "presets"]

#: Presets in menu order (the CNN is left out when it does not apply).
PRESET_NAMES = ("Perceptron", "Logistic regression", "MLP 1 hidden", "MLP 2 hidden", "Deep MLP", "Small CNN")

_CNN_LAYERS = ("conv2d", "max_pool2d", "flatten", "dense")


def _dense(units: int, activation: str) -> dict[str, Any]:
    return {"type": "dense", "config": {"units": int(units), "activation": activation}}


def hidden_width(n_inputs: int, n_outputs: int) -> int:
    """Units of the first hidden layer: the power of two at or above twice the larger side, within [8, 128]."""
    wanted = 2 * max(n_inputs, n_outputs, 1)
    return min(128, max(8, 2 ** math.ceil(math.log2(wanted))))


def presets(input_shape: Sequence[int], output_units: int, output_activation: str,
            registry: Registry = LAYERS) -> dict[str, list[dict[str, Any]]]:
    """The presets that fit ``input_shape`` → ``output_units`` (with the task's output activation), by name."""
    shape = tuple(int(d) for d in input_shape)
    n_inputs = math.prod(shape)
    head = [{"type": "flatten", "config": {}}] if len(shape) > 1 and "flatten" in registry else []
    out = _dense(output_units, output_activation)
    width = hidden_width(n_inputs, output_units)
    hidden = "tanh" if n_inputs <= 4 else "relu"  # tanh suits the tiny 2-D toys; relu trains wider inputs faster
    found: dict[str, list[dict[str, Any]]] = {
        "Perceptron": [*head, _dense(output_units, "step")],
        "Logistic regression": [*head, out],
        "MLP 1 hidden": [*head, _dense(width, hidden), out],
        "MLP 2 hidden": [*head, _dense(width, hidden), _dense(max(4, width // 2), hidden), out],
        "Deep MLP": [*head, *(_dense(max(4, width // 2 ** i), hidden) for i in range(4)), out],
    }
    if len(shape) == 3 and all(key in registry for key in _CNN_LAYERS):
        found["Small CNN"] = _small_cnn(shape, output_units, output_activation)
    return found


def _small_cnn(shape: tuple[int, ...], output_units: int, output_activation: str) -> list[dict[str, Any]]:
    """Two conv (3×3, same padding) + max-pool blocks while the image is at least 4 pixels on a side, then dense."""
    layers: list[dict[str, Any]] = []
    side, filters = min(shape[1:]), 8
    for _ in range(2):
        layers.append({"type": "conv2d", "config": {"filters": filters, "kernel_size": [3, 3], "padding": "same",
                                                    "activation": "relu"}})
        if side >= 4:
            layers.append({"type": "max_pool2d", "config": {"pool_size": [2, 2]}})
            side //= 2
        filters *= 2
    return [*layers, {"type": "flatten", "config": {}}, _dense(32, "relu"), _dense(output_units, output_activation)]
