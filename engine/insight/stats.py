"""Numbers behind the histogram and health views: shared-edge histograms, dead ReLU and saturated units.

* :func:`histograms` bins several arrays (one per layer) on the same edges, so their bars compare directly.
* :func:`parameter_arrays` picks the weights (kernels) or biases of a model by layer.
* :func:`mean_abs_by_layer` and :func:`gradient_means` give the mean |gradient| of each layer (the gradient
  flow view: vanishing and exploding gradients); :class:`GradientMeans` does it after every epoch, cheaply.
* :func:`layer_health` runs a batch through the model and reports, per layer with a rectifying or squashing
  activation, the fraction of *dead* units (a ReLU never positive over the batch) and of *saturated* units
  (|f′| < ``tiny`` for more than ``share`` of the batch), computed with the engine's own f′.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.model import Sequential
from engine.registry import ACTIVATIONS

__all__ = ["DEAD_KINDS", "SATURATING_KINDS", "GradientMeans", "dead_fraction", "gradient_means", "histograms",
           "layer_health", "mean_abs_by_layer", "parameter_arrays", "saturated_fraction"]

#: Activations whose units can die (output exactly 0 for every input).
DEAD_KINDS = frozenset({"relu", "relu6"})
#: Activations whose units can saturate (flat at both ends).
SATURATING_KINDS = frozenset({"sigmoid", "tanh", "hard_sigmoid"})


def mean_abs_by_layer(gradients: Mapping[str, np.ndarray]) -> dict[str, float]:
    """Mean |g| over all the parameters of each layer (kernel and bias together), in the order given; the names
    are full parameter names (``dense_1/kernel``)."""
    sums: dict[str, list[float]] = {}
    for name, grad in gradients.items():
        layer = name.rsplit("/", 1)[0]
        total = sums.setdefault(layer, [0.0, 0.0])
        total[0] += float(np.abs(grad).sum(dtype=np.float64))
        total[1] += grad.size
    return {layer: s / n if n else 0.0 for layer, (s, n) in sums.items()}


def gradient_means(model: Sequential) -> dict[str, float]:
    """Mean |g| per layer of the gradients the model's trainable parameters hold now (after a training step:
    those of its last batch); layers without gradients yet are left out."""
    return mean_abs_by_layer({p.name: p.grad for p in model.trainable_parameters() if p.grad is not None})


class GradientMeans:
    """:func:`gradient_means` of one model, asked for after every epoch: when the gradients lie one after another
    in one buffer (the trainer's flat parameters, each layer's kernel and bias together) it takes three NumPy
    calls for all layers instead of one per parameter; the layout is checked by identity at each call."""

    def __init__(self, model: Sequential) -> None:
        self.model = model
        self._grads: list[np.ndarray] = []
        self._plan: tuple[np.ndarray, np.ndarray, np.ndarray, list[str]] | None = None

    def __call__(self) -> dict[str, float]:
        params = [p for p in self.model.trainable_parameters() if p.grad is not None]
        grads = [p.grad for p in params]
        if len(grads) != len(self._grads) or any(a is not b for a, b in zip(grads, self._grads, strict=False)):
            self._grads, self._plan = grads, _flat_plan([p.name for p in params], grads)
        if self._plan is None:
            return mean_abs_by_layer(dict(zip((p.name for p in params), grads, strict=True)))
        flat, starts, sizes, layers = self._plan
        means = np.add.reduceat(np.abs(flat), starts, dtype=np.float64) / sizes
        return dict(zip(layers, means.tolist(), strict=True))


def _flat_plan(names: list[str], grads: list[np.ndarray]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]] | None:
    """(the buffer span, each layer's start in it, its size, the layer names) when ``grads`` are C-contiguous
    views lying back to back in one array, else None."""
    if not grads:
        return None
    base = grads[0].base
    if base is None or base.ndim != 1 or not base.flags.c_contiguous:
        return None
    origin, itemsize = base.__array_interface__["data"][0], base.itemsize
    offsets = []
    for grad in grads:
        if grad.base is not base or not grad.flags.c_contiguous or grad.dtype != base.dtype:
            return None
        offsets.append((grad.__array_interface__["data"][0] - origin) // itemsize)
    if any(offsets[i] + grads[i].size != offsets[i + 1] for i in range(len(grads) - 1)):
        return None
    layers: list[str] = []
    starts: list[int] = []
    for name, offset in zip(names, offsets, strict=True):
        layer = name.rsplit("/", 1)[0]
        if layer not in layers:
            layers.append(layer)
            starts.append(offset - offsets[0])
        elif layers[-1] != layer:  # a layer's parameters apart from each other
            return None
    end = offsets[-1] + grads[-1].size
    sizes = np.diff(np.array([*starts, end - offsets[0]], dtype=np.float64))
    return base[offsets[0]:end], np.array(starts, dtype=np.intp), sizes, layers


def histograms(arrays: Mapping[str, np.ndarray], bins: int = 30) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Shared bin ``edges`` (bins + 1,) over the finite values of all arrays, and the counts of each array."""
    finite = [a[np.isfinite(a)] for a in (np.asarray(v).reshape(-1) for v in arrays.values())]
    values = [a for a in finite if a.size]
    low = min((float(a.min()) for a in values), default=0.0)
    high = max((float(a.max()) for a in values), default=1.0)
    if high <= low:
        low, high = low - 0.5, high + 0.5
    edges = np.linspace(low, high, bins + 1)
    counts = {name: np.histogram(a, bins=edges)[0] for name, a in zip(arrays, finite, strict=True)}
    return edges, counts


def parameter_arrays(model: Sequential, kind: str = "weights") -> dict[str, np.ndarray]:
    """The model's kernels (``kind="weights"``) or biases (``"biases"``) by layer name (views, not copies)."""
    short = {"weights": "kernel", "biases": "bias"}[kind]
    return {p.name.rsplit("/", 1)[0]: p.value for p in model.parameters() if p.name.rsplit("/", 1)[-1] == short}


def _units(values: np.ndarray) -> np.ndarray:
    """Values as (samples, units): channels are the units of a conv output (N, C, H, W)."""
    if values.ndim > 2:
        values = np.moveaxis(values, 1, -1).reshape(-1, values.shape[1])
    return values.reshape(values.shape[0], -1)


def dead_fraction(outputs: np.ndarray) -> float:
    """Fraction of units (columns; channels for conv outputs) whose output is never positive over the batch."""
    units = _units(np.asarray(outputs))
    return float(np.mean(~(units > 0).any(axis=0))) if units.size else 0.0


def saturated_fraction(derivative: np.ndarray, tiny: float = 0.01, share: float = 0.9) -> float:
    """Fraction of units whose |f′| is below ``tiny`` for more than ``share`` of the samples."""
    units = _units(np.asarray(derivative))
    return float(np.mean((np.abs(units) < tiny).mean(axis=0) > share)) if units.size else 0.0


def layer_health(model: Sequential, x: Any, tiny: float = 0.01, share: float = 0.9) -> dict[str, dict[str, float]]:
    """``{layer: {"dead": fraction}}`` for ReLU layers and ``{"saturated": fraction}`` for sigmoid/tanh ones.

    One inference pass over the batch ``x``; a dense/conv layer's pre-activation is its output with
    ``emit_logits`` set, a standalone activation layer's is its input.
    """
    x = model.check_input(x)
    found: dict[str, dict[str, float]] = {}
    saved = [layer.emit_logits for layer in model.layers]
    try:
        for layer in model.layers:
            key = _activation_key(layer)
            if key in DEAD_KINDS or key in SATURATING_KINDS:
                if layer.key == "activation":
                    z = x
                else:
                    layer.emit_logits = True
                    z = layer.forward(x, False)
                    layer.emit_logits = False
                function = ACTIVATIONS.create(layer.activation)
                y = function.forward(z)
                if key in DEAD_KINDS:
                    found[layer.name] = {"dead": dead_fraction(y)}
                else:
                    found[layer.name] = {"saturated": saturated_fraction(function.derivative(z, y), tiny, share)}
                x = y
            else:
                layer.emit_logits = False
                x = layer.forward(x, False)
    finally:
        for layer, emit in zip(model.layers, saved, strict=True):
            layer.emit_logits = emit
    return found


def _activation_key(layer: Any) -> str | None:
    if not layer.has_activation:
        return None
    spec = layer.activation
    key = spec.get("type") if isinstance(spec, Mapping) else getattr(spec, "key", spec)
    return ACTIVATIONS.canonical(str(key))
