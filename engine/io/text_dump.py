"""A plain-text dump of every unit's weights, the way Weka prints a perceptron.

Dense units are numbered as nodes across the whole network (1, 2, 3 …) and list their bias and one weight per
input, each input named: a feature name (or x1, x2 …) for the model's inputs, "Node k" for a unit of the dense
layer just before, ``layer[i]`` for the outputs of any other layer. Units within a layer are counted from 0, as
the columns of the kernel are. Convolution filters are listed one per line; other layers list their parameters.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence

import numpy as np

from engine.errors import ConfigError
from engine.io.atomic import atomic_write
from engine.io.safetensors_io import activation_of
from engine.model import Sequential

__all__ = ["dump_text", "save_text_dump"]


def _num(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _values(array: np.ndarray, digits: int) -> str:
    return " ".join(_num(v, digits) for v in array.reshape(-1).tolist())


def dump_text(model: Sequential, feature_names: Sequence[str] | None = None, *, digits: int = 4) -> str:
    """The dump as a string (see the module docstring); ``feature_names`` name the model's input features."""
    if not model.built:
        model.build()
    size = math.prod(model.input_shape)
    if feature_names is not None and len(feature_names) != size:
        raise ConfigError(f"dump: expected {size} feature names (one per input value), received "
                          f"{len(feature_names)}.", param="feature_names")
    names = list(feature_names) if feature_names is not None else [f"x{i + 1}" for i in range(size)]
    lines = [f"Model: {len(model.layers)} layers, input shape {tuple(model.input_shape)}, {model.count_params()} "
             "values", ""]
    node = 0
    for layer in model.layers:
        title = f"{layer.name} ({layer.key}"
        fn = activation_of(layer)
        title += f", activation {fn.key})" if fn is not None else ")"
        lines.append(title)
        weights = {p.name.rsplit("/", 1)[1]: p.value for p in layer.parameters()}
        if layer.key == "dense":
            kernel, bias = weights["kernel"], weights.get("bias")
            outputs = []
            for unit in range(kernel.shape[1]):
                node += 1
                parts = [f"bias {_num(float(bias[unit]), digits)}"] if bias is not None else []
                parts += [f"{name} {_num(w, digits)}" for name, w in zip(names, kernel[:, unit].tolist(), strict=True)]
                lines.append(f"  Node {node} ({layer.name}, unit {unit}): {', '.join(parts)}")
                outputs.append(f"Node {node}")
            names = outputs
        elif "kernel" in weights:  # convolution: one line per filter
            kernel, bias = weights["kernel"], weights.get("bias")
            for f in range(kernel.shape[0]):
                head = f"bias {_num(float(bias[f]), digits)}, " if bias is not None else ""
                lines.append(f"  Filter {f} ({layer.name}, kernel {'×'.join(map(str, kernel.shape[1:]))}): {head}"
                             f"weights {_values(kernel[f], digits)}")
            names = _generic_names(layer.name, layer.output_shape)
        else:
            for short, value in weights.items():
                lines.append(f"  {short} {list(value.shape)}: {_values(value, digits)}")
            names = _generic_names(layer.name, layer.output_shape)
        lines.append("")
    return "\n".join(lines)


def _generic_names(layer: str, shape: Sequence[int]) -> list[str]:
    return [f"{layer}[{i}]" for i in range(math.prod(shape))]


def save_text_dump(path: str | os.PathLike[str], model: Sequential, feature_names: Sequence[str] | None = None, *,
                   digits: int = 4) -> None:
    """Write :func:`dump_text` to ``path`` atomically."""
    text = dump_text(model, feature_names, digits=digits)
    with atomic_write(path, "w") as handle:
        handle.write(text)
