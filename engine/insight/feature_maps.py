"""What a trained network computes for one sample: every layer's output (feature maps) and the conv kernels.

These are the arrays behind the studio's feature-map grid, its input → conv → pool strip and its filter view; the
views only draw them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.model import Sequential

__all__ = ["feature_maps", "filters", "single_sample"]


def single_sample(model: Sequential, x_sample: Any) -> np.ndarray:
    """``x_sample`` — one sample (the model's input shape) or a batch of one — as a batch of one in the model
    dtype; builds the model when needed."""
    x = np.asarray(x_sample)
    shape = model.input_shape
    if not model.layers:
        raise ConfigError("the model has no layers to look inside.", param="layers")
    if shape is None:
        raise ConfigError("the model has no input shape yet: build or train it before looking inside.",
                          param="input_shape")
    if tuple(x.shape) == shape:
        x = x[None]
    elif tuple(x.shape) != (1, *shape):
        raise ShapeError(f"expected one sample of shape {shape} (or a batch of one), received shape "
                         f"{tuple(x.shape)}.", param="x_sample")
    return model.check_input(x)


def feature_maps(model: Sequential, x_sample: Any, layer_names: Iterable[str] | None = None) -> dict[str, np.ndarray]:
    """Each chosen layer's output for one sample: C×H×W for a conv or pool layer, a vector after a flatten.

    One inference forward pass (dropout off, the final activation applied) with the layers' ``capture`` switched
    on; every layer by default, in model order. The arrays are copies. It runs the model's own layers (their
    caches for backward change), so call it between training steps from the training thread, never alongside one.
    """
    x = single_sample(model, x_sample)
    chosen = list(model.layers) if layer_names is None else [model.layer(name) for name in layer_names]
    saved = [(layer, layer.capture, layer.captured_output) for layer in chosen]
    last = model.layers[-1]
    emit = last.emit_logits
    try:
        for layer in chosen:
            layer.capture = True
        last.emit_logits = False
        model.forward(x, training=False)
        return {layer.name: layer.captured_output[0] for layer in chosen}
    finally:
        last.emit_logits = emit
        for layer, capture, output in saved:
            layer.capture, layer.captured_output = capture, output


def filters(model: Sequential, layer_name: str) -> np.ndarray:
    """The kernels of a convolution layer, out×in×kh×kw (conv1d: out×in×k), scaled into [0, 1] for display.

    The scale is shared by the whole layer and keeps the sign: 0.5 is a zero weight, 1 the largest positive and 0
    the most negative magnitude, so filters can be compared with each other.
    """
    layer = model.layer(layer_name)
    kernel = next((p.value for p in model.parameters() if p.name == f"{layer.name}/kernel"), None)
    if layer.category != "convolution" or kernel is None:
        raise ConfigError(f"filters are shown for convolution layers; '{layer.name}' is a {layer.key} layer.",
                          layer=layer.name)
    largest = np.abs(kernel).max()
    half = kernel.dtype.type(0.5)
    if largest == 0:
        return np.full_like(kernel, half)
    return half + kernel * (half / largest)
