"""ONNX export (opset 17) of a Sequential model, for ONNX Runtime, Netron and other tools.

Every registered layer and activation has a translation into standard ONNX operators; the batch dimension stays
dynamic (``"batch"``). The graph computes what ``model.predict`` computes: dropout is the identity, batch
normalisation uses its running statistics. ``onnx`` is an optional extra, imported only when exporting.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from typing import Any

import numpy as np

from engine.activations.base import Activation
from engine.activations.rectified import SELU_ALPHA, SELU_SCALE
from engine.errors import ConfigError
from engine.io.atomic import atomic_write
from engine.io.safetensors_io import METADATA_KEY, activation_of, window_geometry
from engine.layers.base import Layer
from engine.layers.im2col import pair
from engine.model import Sequential

__all__ = ["ACTIVATION_OPS", "LAYER_OPS", "OPSET", "build_onnx_model", "export_onnx"]

OPSET = 17
#: ONNX IR version 8 is the one that goes with opset 17: runtimes of that generation can open the file.
IR_VERSION = 8
MISSING_EXTRA = "install the 'onnx' extra: pip install nn-training-studio[onnx]"


class _Graph:
    """Collects nodes and initializers; every helper returns the name of the value it produces."""

    def __init__(self, onnx: Any, dtype: np.dtype) -> None:
        self.onnx = onnx
        self.dtype = dtype
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self._count = 0

    def _name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def const(self, hint: str, value: Any, dtype: Any = None) -> str:
        """An initializer holding ``value`` (in the model dtype unless ``dtype`` is given)."""
        name = self._name(hint)
        array = np.asarray(value, dtype=dtype or self.dtype)
        self.initializers.append(self.onnx.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def scalar(self, value: float) -> str:
        return self.const("c", value)

    def node(self, op: str, inputs: list[str], **attrs: Any) -> str:
        return self.nodes_out(op, inputs, 1, **attrs)[0]

    def nodes_out(self, op: str, inputs: list[str], count: int, **attrs: Any) -> list[str]:
        """A node with ``count`` outputs (TopK gives values and indices)."""
        outs = [self._name(op.lower()) for _ in range(count)]
        self.nodes.append(self.onnx.helper.make_node(op, inputs, outs, name=outs[0], **attrs))
        return outs


def _erf_gelu(g: _Graph, fn: Activation, x: str) -> str:
    if fn.approximate == "tanh":
        cube = g.node("Mul", [g.node("Mul", [x, x]), x])
        inner = g.node("Add", [x, g.node("Mul", [cube, g.scalar(0.044715)])])
        t = g.node("Tanh", [g.node("Mul", [inner, g.scalar(math.sqrt(2.0 / math.pi))])])
    else:
        t = g.node("Erf", [g.node("Mul", [x, g.scalar(1.0 / math.sqrt(2.0))])])
    return g.node("Mul", [g.node("Mul", [x, g.scalar(0.5)]), g.node("Add", [t, g.scalar(1.0)])])


def _softplus(g: _Graph, fn: Activation, x: str) -> str:
    if fn.beta == 1.0:
        smooth = g.node("Softplus", [x])
        bx = x
    else:
        bx = g.node("Mul", [x, g.scalar(fn.beta)])
        smooth = g.node("Div", [g.node("Softplus", [bx]), g.scalar(fn.beta)])
    return g.node("Where", [g.node("Greater", [bx, g.scalar(fn.threshold)]), x, smooth])


def _step(g: _Graph, fn: Activation, x: str) -> str:
    positive = g.node("GreaterOrEqual", [x, g.scalar(0.0)])
    return g.node("Cast", [positive], to=g.onnx.helper.np_dtype_to_tensor_dtype(g.dtype))


#: Activation key → builder of its ONNX nodes: ``(graph, activation, input name) → output name``.
ACTIVATION_OPS: dict[str, Callable[[_Graph, Activation, str], str]] = {
    "linear": lambda g, fn, x: x,
    "step": _step,
    "sigmoid": lambda g, fn, x: g.node("Sigmoid", [x]),
    "hard_sigmoid": lambda g, fn, x: g.node("HardSigmoid", [x], alpha=1.0 / 6.0, beta=0.5),
    "tanh": lambda g, fn, x: g.node("Tanh", [x]),
    "softsign": lambda g, fn, x: g.node("Softsign", [x]),
    "relu": lambda g, fn, x: g.node("Relu", [x]),
    "relu6": lambda g, fn, x: g.node("Clip", [x, g.scalar(0.0), g.scalar(6.0)]),
    "leaky_relu": lambda g, fn, x: g.node("LeakyRelu", [x], alpha=fn.alpha),
    "elu": lambda g, fn, x: g.node("Elu", [x], alpha=fn.alpha),
    "selu": lambda g, fn, x: g.node("Selu", [x], alpha=SELU_ALPHA, gamma=SELU_SCALE),
    "gelu": _erf_gelu,
    "silu": lambda g, fn, x: g.node("Mul", [x, g.node("Sigmoid", [x])]),
    "mish": lambda g, fn, x: g.node("Mul", [x, g.node("Tanh", [g.node("Softplus", [x])])]),
    "softplus": _softplus,
    "softmax": lambda g, fn, x: g.node("Softmax", [x], axis=-1),
    "log_softmax": lambda g, fn, x: g.node("LogSoftmax", [x], axis=-1),
}


def _apply_activation(g: _Graph, layer: Layer, x: str) -> str:
    fn = activation_of(layer)
    builder = ACTIVATION_OPS.get(fn.key)
    if builder is None:
        raise ConfigError(f"{layer.name}: activation '{fn.key}' cannot be exported to ONNX yet.", layer=layer.name,
                          param="activation")
    return builder(g, fn, x)


def _value(layer: Layer, short: str) -> np.ndarray | None:
    return next((p.value for p in layer.parameters() if p.name.endswith(f"/{short}")), None)


def _dense(g: _Graph, layer: Layer, x: str) -> str:
    kernel = g.const(f"{layer.name}.kernel", _value(layer, "kernel"))
    bias = _value(layer, "bias")
    if bias is None:
        y = g.node("MatMul", [x, kernel])
    else:
        y = g.node("Gemm", [x, kernel, g.const(f"{layer.name}.bias", bias)])
    return _apply_activation(g, layer, y)


def _affine(g: _Graph, layer: Layer, size: int) -> tuple[str, str]:
    gamma, beta = _value(layer, "gamma"), _value(layer, "beta")
    scale = g.const(f"{layer.name}.gamma", gamma if gamma is not None else np.ones(size))
    offset = g.const(f"{layer.name}.beta", beta if beta is not None else np.zeros(size))
    return scale, offset


def _batch_norm(g: _Graph, layer: Layer, x: str) -> str:
    scale, offset = _affine(g, layer, layer.input_shape[0])
    mean = g.const(f"{layer.name}.running_mean", _value(layer, "running_mean"))
    var = g.const(f"{layer.name}.running_var", _value(layer, "running_var"))
    return g.node("BatchNormalization", [x, scale, offset, mean, var], epsilon=layer.eps)


def _layer_norm(g: _Graph, layer: Layer, x: str) -> str:
    scale, offset = _affine(g, layer, layer.input_shape[-1])
    return g.node("LayerNormalization", [x, scale, offset], axis=-1, epsilon=layer.eps)


def _prelu(g: _Graph, layer: Layer, x: str) -> str:
    alpha = _value(layer, "alpha")
    if layer.per_channel:
        alpha = alpha.reshape((alpha.size,) + (1,) * (len(layer.input_shape) - 1))
    return g.node("PRelu", [x, g.const(f"{layer.name}.alpha", alpha)])


def _reshape(g: _Graph, layer: Layer, x: str) -> str:
    shape = g.const(f"{layer.name}.shape", [0, *layer.output_shape], dtype=np.int64)  # 0 keeps the batch size
    return g.node("Reshape", [x, shape])


def _window_attrs(layer: Layer) -> dict[str, list[int]]:
    w = window_geometry(layer)
    top, bottom, left, right = w.pads
    if layer.rank == 1:
        return {"kernel_shape": [w.kernel[1]], "strides": [w.stride[1]], "pads": [left, right],
                "dilations": [w.dilation[1]]}
    return {"kernel_shape": list(w.kernel), "strides": list(w.stride), "pads": [top, left, bottom, right],
            "dilations": list(w.dilation)}


def _conv(g: _Graph, layer: Layer, x: str) -> str:
    inputs = [x, g.const(f"{layer.name}.kernel", _value(layer, "kernel"))]
    if layer.use_bias:
        inputs.append(g.const(f"{layer.name}.bias", _value(layer, "bias")))
    return _apply_activation(g, layer, g.node("Conv", inputs, **_window_attrs(layer)))


def _pool(op: str) -> Callable[[_Graph, Layer, str], str]:
    def build(g: _Graph, layer: Layer, x: str) -> str:
        attrs = _window_attrs(layer)
        attrs.pop("dilations")
        if op == "AveragePool":
            attrs["count_include_pad"] = 1  # PyTorch's default, which the engine follows
        return g.node(op, [x], **attrs)
    return build


def _global(op: str) -> Callable[[_Graph, Layer, str], str]:
    return lambda g, layer, x: g.node("Flatten", [g.node(op, [x])], axis=1)


def _k_max_pool(g: _Graph, layer: Layer, x: str) -> str:
    flat = g.node("Reshape", [x, g.const(f"{layer.name}.shape", [0, 0, -1], dtype=np.int64)])
    k = g.const(f"{layer.name}.k", [layer.k], dtype=np.int64)
    _, where = g.nodes_out("TopK", [flat, k], 2, axis=-1, largest=1, sorted=1)  # ties: lower index first
    ordered, _ = g.nodes_out("TopK", [where, k], 2, axis=-1, largest=0, sorted=1)  # back to sequence order
    return g.node("GatherElements", [flat, ordered], axis=-1)


def _upsampling(g: _Graph, layer: Layer, x: str) -> str:
    fh, fw = pair(layer.size, 2)
    scales = g.const(f"{layer.name}.scales", [1.0, 1.0, fh, fw], dtype=np.float32)
    if layer.interpolation == "bilinear":
        attrs = {"mode": "linear", "coordinate_transformation_mode": "pytorch_half_pixel"}
    else:
        attrs = {"mode": "nearest", "coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}
    return g.node("Resize", [x, "", scales], **attrs)


#: Layer key → builder of its ONNX nodes: ``(graph, layer, input name) → output name``.
LAYER_OPS: dict[str, Callable[[_Graph, Layer, str], str]] = {
    "dense": _dense,
    "activation": lambda g, layer, x: _apply_activation(g, layer, x),
    "dropout": lambda g, layer, x: g.node("Identity", [x]),
    "batch_norm": _batch_norm,
    "layer_norm": _layer_norm,
    "prelu": _prelu,
    "flatten": _reshape,
    "reshape": _reshape,
    "conv1d": _conv,
    "conv2d": _conv,
    "max_pool1d": _pool("MaxPool"),
    "max_pool2d": _pool("MaxPool"),
    "avg_pool1d": _pool("AveragePool"),
    "avg_pool2d": _pool("AveragePool"),
    "global_avg_pool": _global("GlobalAveragePool"),
    "global_max_pool": _global("GlobalMaxPool"),
    "k_max_pool": _k_max_pool,
    "upsampling2d": _upsampling,
}


def _library() -> Any:
    try:
        import onnx
        import onnx.numpy_helper
    except ImportError as error:
        raise ConfigError(MISSING_EXTRA) from error
    return onnx


def build_onnx_model(model: Sequential) -> Any:
    """The checked ``onnx.ModelProto`` of ``model`` (input ``"input"``, output ``"output"``, dynamic batch)."""
    onnx = _library()
    if not model.built:
        if model.input_shape is None:
            raise ConfigError("export: the model has no input shape yet; build or train it first.",
                              param="input_shape")
        model.build()
    g = _Graph(onnx, model.dtype)
    x = "input"
    for layer in model.layers:
        builder = LAYER_OPS.get(layer.key)
        if builder is None:
            raise ConfigError(f"{layer.name}: a '{layer.key}' layer cannot be exported to ONNX.", layer=layer.name)
        x = builder(g, layer, x)
    g.nodes.append(onnx.helper.make_node("Identity", [x], ["output"], name="output"))
    elem = onnx.helper.np_dtype_to_tensor_dtype(model.dtype)
    graph = onnx.helper.make_graph(
        g.nodes, "sequential",
        [onnx.helper.make_tensor_value_info("input", elem, ["batch", *model.input_shape])],
        [onnx.helper.make_tensor_value_info("output", elem, ["batch", *model.output_shape])],
        initializer=g.initializers)
    proto = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", OPSET)],
                                   producer_name="nn-training-studio")
    proto.ir_version = IR_VERSION
    onnx.helper.set_model_props(proto, {METADATA_KEY: json.dumps(model.get_config(), ensure_ascii=False)})
    onnx.checker.check_model(proto, full_check=True)
    return proto


def export_onnx(path: str | os.PathLike[str], model: Sequential) -> None:
    """Write ``model`` as an ONNX file (opset 17) to ``path`` atomically."""
    data = build_onnx_model(model).SerializeToString()
    with atomic_write(path, "wb") as handle:
        handle.write(data)
