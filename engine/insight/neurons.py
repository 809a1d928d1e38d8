"""Every unit's output over the decision-boundary plane: the small maps TensorFlow Playground draws in each node.

A dense network is read as *nodes*: the input features, then one group per dense layer, whose output is taken
after the layers that follow it without changing its shape (a standalone activation, dropout, batch norm), so a
``dense(linear) → activation(tanh)`` pair is one group of tanh units. Layers with many units are summarised by
their ``top_k`` units with the largest sum of |incoming weight| (:func:`top_units`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Layer
from engine.model import Sequential

__all__ = ["NodeGroup", "dense_groups", "neuron_maps", "top_units"]


@dataclass(frozen=True)
class NodeGroup:
    """One column of nodes: a dense layer (``dense``) and the shape-keeping layers after it (``layers``)."""

    dense: Layer
    layers: tuple[Layer, ...]

    @property
    def name(self) -> str:
        return self.dense.name

    @property
    def kernel(self) -> np.ndarray:
        return self.dense.parameter("kernel").value

    @property
    def bias(self) -> np.ndarray | None:
        params = {p.name.rsplit("/", 1)[-1]: p for p in self.dense.parameters()}
        return params["bias"].value if "bias" in params else None

    @property
    def activation(self) -> str:
        """Registry key of the function applied last in the group ("linear" when none)."""
        for layer in reversed(self.layers):
            if layer.has_activation:
                spec = layer.activation
                key = spec.get("type") if isinstance(spec, dict) else getattr(spec, "key", spec)
                if key != "linear" or layer is self.dense:
                    return str(key)
        return "linear"


def dense_groups(model: Sequential) -> list[NodeGroup]:
    """The node groups of a flat dense network; ConfigError for layers a node graph cannot show."""
    if model.input_shape is None or len(model.input_shape) != 1:
        raise ConfigError(f"the network graph shows models on flat features, received input shape "
                          f"{model.input_shape}.", param="input_shape")
    if not model.built:
        model.build()
    groups: list[list[Layer]] = []
    for layer in model.layers:
        kernel = [p for p in layer.parameters() if p.name.endswith("/kernel")]
        if kernel and kernel[0].value.ndim == 2:
            groups.append([layer])
        elif groups and layer.output_shape == groups[-1][-1].output_shape:
            groups[-1].append(layer)
        else:
            raise ConfigError(f"the network graph shows dense networks; layer '{layer.name}' ({layer.key}) "
                              "cannot be drawn as neurons.", layer=layer.name)
    return [NodeGroup(g[0], tuple(g)) for g in groups]


def top_units(kernel: np.ndarray, k: int) -> np.ndarray:
    """Indices (ascending) of the ``k`` columns of ``kernel`` (in×out) with the largest sum of |weight|."""
    units = kernel.shape[1]
    if units <= k:
        return np.arange(units)
    score = np.abs(kernel).sum(axis=0)
    return np.sort(np.argpartition(-score, k - 1)[:k])


def neuron_maps(model: Sequential, inputs: np.ndarray, shape: tuple[int, int], top_k: int = 8
                ) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """``(name, units, maps)`` per node column: ``"input"`` first (the features over the grid), then each group.

    ``inputs`` are the grid's model inputs (rows = grid points, see :func:`engine.insight.boundary.plane_grid`),
    ``shape`` the grid's (rows, columns); ``maps`` is (len(units), *shape). One inference pass (final activation
    applied, dropout off).
    """
    groups = dense_groups(model)
    x = model.check_input(inputs)
    shown = top_units(groups[0].kernel.T, top_k) if groups else np.arange(min(x.shape[1], top_k))
    result = [("input", shown, x[:, shown].T.reshape(len(shown), *shape))]
    ends = {group.layers[-1].name: group for group in groups}
    last = model.layers[-1]
    emit = last.emit_logits
    last.emit_logits = False
    try:
        for layer in model.layers:
            x = layer.forward(x, False)
            group = ends.get(layer.name)
            if group is not None:
                units = top_units(group.kernel, top_k) if group is not groups[-1] else np.arange(x.shape[1])
                result.append((group.name, units, x[:, units].T.reshape(len(units), *shape)))
    finally:
        last.emit_logits = emit
    return result
