"""Grad-CAM: where in the input a convolutional network found the evidence for a class.

For a convolution layer's feature maps A (K channels, h×w), the weight of channel k is the spatial mean of
∂score/∂A_k, where score is the chosen class's pre-softmax output (the last layer's ``emit_logits`` gives it). The
map ReLU(Σₖ weightₖ · A_k) is upsampled bilinearly to the input's size and divided by its maximum (Selvaraju et
al., 2017).

With a flatten + dense head (the usual small CNN) the mean gradient often has the wrong sign for the very channels
that found the evidence — a dense weight that is positive where this class's pattern sits is negative elsewhere —
and the map comes out empty (about half of the digits with the "Small CNN"). ``method="hirescam"`` (Draelos &
Carin, 2020) multiplies each feature map by its own gradient position by position before summing over channels,
which shows exactly which positions raised the score for such heads; after a global average pool the two agree.

The gradient comes from the model's own backward pass after an inference forward pass (dropout off,
batch norm on its running statistics); the parameters' stored gradients are put back afterwards, so a heatmap can
be drawn between training steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.insight.feature_maps import single_sample
from engine.model import Sequential

__all__ = ["METHODS", "grad_cam"]

#: How the feature maps are weighed: by the channel's mean gradient, or position by position.
METHODS = ("gradcam", "hirescam")


def grad_cam(model: Sequential, x_sample: Any, class_index: int | None = None, layer_name: str | None = None, *,
             method: str = "gradcam") -> np.ndarray:
    """Heatmap (H, W) in [0, 1] over the input of one sample for ``class_index`` (default: the predicted class).

    ``layer_name`` names a layer with (C, H, W) outputs, by default the last convolution layer. With one sigmoid
    output the classes are 0 and 1 and class 0's score is the negated logit. An all-zero map means no position
    raised the class's score. ``method`` is "gradcam" or "hirescam" (see the module notes).
    """
    if method not in METHODS:
        raise ConfigError(f"Grad-CAM: method expected one of {', '.join(map(repr, METHODS))}, received {method!r}.",
                          param="method")
    x = single_sample(model, x_sample)
    layers = model.layers
    index = _target(model, layer_name)
    last = layers[-1]
    emit = last.emit_logits
    saved = [(p, p.grad, p.grad.copy()) for p in model.parameters() if p.grad is not None]
    try:
        last.emit_logits = last.has_activation
        maps = x
        for layer in layers[:index + 1]:
            maps = layer.forward(maps, False)
        scores = maps
        for layer in layers[index + 1:]:
            scores = layer.forward(scores, False)
        if scores.ndim != 2:
            raise ShapeError(f"Grad-CAM needs layers after '{layers[index].name}' that end in one score per class; "
                             f"the model's output per sample has shape {tuple(scores.shape[1:])}.",
                             layer=layers[index].name)
        grad = _seed(scores, class_index)
        for layer in reversed(layers[index + 1:]):
            grad = layer.backward(grad)
    finally:
        last.emit_logits = emit
        for param, array, values in saved:
            param.grad = array
            array[...] = values
    if method == "gradcam":
        cam = np.tensordot(grad[0].mean(axis=(1, 2)), maps[0], axes=1)
    else:
        cam = np.einsum("khw,khw->hw", grad[0], maps[0])
    cam = np.maximum(cam, 0)
    height, width = _input_size(model, index)
    heat = _resize_matrix(height, cam.shape[0], cam.dtype) @ cam @ _resize_matrix(width, cam.shape[1], cam.dtype).T
    top = heat.max()
    return heat / top if top > 0 else np.zeros_like(heat)


def _target(model: Sequential, layer_name: str | None) -> int:
    """Index of the layer whose feature maps are weighed."""
    layers = model.layers
    if layer_name is not None:
        layer = model.layer(layer_name)
        if len(layer.output_shape) != 3:
            raise ConfigError(f"Grad-CAM needs a layer with (channels, height, width) outputs; '{layer.name}' "
                              f"outputs {layer.output_shape}.", layer=layer.name)
        return layers.index(layer)
    found = [i for i, layer in enumerate(layers) if layer.category == "convolution" and len(layer.output_shape) == 3]
    if not found:
        raise ConfigError("Grad-CAM needs a conv2d layer in the model, and this model has none.", param="layer_name")
    return found[-1]


def _seed(scores: np.ndarray, class_index: int | None) -> np.ndarray:
    """d(score of the class)/d(outputs): a one-hot row (±1 on the only logit of a sigmoid output)."""
    outputs = scores.shape[1]
    classes = max(outputs, 2)
    if class_index is None:
        class_index = int(scores[0, 0] > 0) if outputs == 1 else int(np.argmax(scores[0]))
    if isinstance(class_index, bool) or not isinstance(class_index, int | np.integer) \
            or not 0 <= class_index < classes:
        raise ConfigError(f"Grad-CAM: class_index expected an integer in [0, {classes - 1}], received "
                          f"{class_index!r}.", param="class_index")
    grad = np.zeros_like(scores)
    if outputs == 1:
        grad[0, 0] = 1 if class_index == 1 else -1
    else:
        grad[0, class_index] = 1
    return grad


def _input_size(model: Sequential, index: int) -> tuple[int, int]:
    """The input's (H, W); for flat inputs, the first image-shaped output up to the target (after a reshape)."""
    shapes = [model.input_shape, *(layer.output_shape for layer in model.layers[:index + 1])]
    return next(tuple(shape[1:]) for shape in shapes if len(shape) == 3)


def _resize_matrix(size: int, source: int, dtype: Any) -> np.ndarray:
    """(size, source) matrix of bilinear weights: pixel centres aligned, edges clamped."""
    position = np.clip((np.arange(size) + 0.5) * (source / size) - 0.5, 0, source - 1)
    low = np.floor(position).astype(np.intp)
    high = np.minimum(low + 1, source - 1)
    frac = position - low
    matrix = np.zeros((size, source))
    np.add.at(matrix, (np.arange(size), low), 1 - frac)
    np.add.at(matrix, (np.arange(size), high), frac)
    return matrix.astype(dtype)
