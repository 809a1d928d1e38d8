"""Sequential: a stack of layers with shape inference, forward/backward, weights, summary and config."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Layer, Parameter, Shape
from engine.model_summary import summary_table
from engine.registry import ACTIVATIONS, LAYERS
from engine.rng import SeedStreams

__all__ = ["DTYPES", "Sequential"]

#: The floating-point types a model may compute in.
DTYPES = ("float32", "float64")


class Sequential:
    """A model whose layers run one after the other.

    Layers are given as instances or registry specs (``"dense"``, ``{"type": "dense", "config": {...}}``). Each
    gets a unique name: the user's (refused if taken) or ``<key>_<n>`` with the smallest free ``n``. Building
    infers every layer's shape from ``input_shape`` and initialises the weights from the ``"init"`` stream of
    ``SeedStreams(seed)``, so the same seed gives bit-identical weights. Adding, inserting or removing a layer
    un-builds the model; the next :meth:`build` (or the first forward pass) initialises it again.
    """

    def __init__(self, layers: Iterable[Any] | None = None, *, input_shape: Iterable[int] | None = None,
                 seed: int | None = 0, dtype: str = "float32") -> None:
        if str(dtype) not in DTYPES:
            raise ConfigError(f"model: dtype expected one of {', '.join(DTYPES)}, received {dtype!r}.", param="dtype")
        self.dtype = np.dtype(str(dtype))
        self.seed = seed
        self.input_shape: Shape | None = _shape(input_shape) if input_shape is not None else None
        self.layers: list[Layer] = []
        self.built = False
        self._params: list[Parameter] = []
        self._regularized: list[Parameter] = []
        for layer in layers or ():
            self.add(layer)

    # -- editing -----------------------------------------------------------------------------------------------
    def add(self, layer: Any) -> Layer:
        """Append a layer (instance or spec) and return it."""
        return self.insert(len(self.layers), layer)

    def insert(self, index: int, layer: Any) -> Layer:
        """Insert a layer (instance or spec) before position ``index`` and return it."""
        instance = LAYERS.create(layer)
        if not isinstance(instance, Layer):
            raise ConfigError(f"model: expected a layer, received {layer!r}.")
        if any(existing is instance for existing in self.layers):
            raise ConfigError(f"model: layer '{instance.name}' is already in the model.", layer=instance.name)
        taken = {existing.name for existing in self.layers}
        if instance.name:
            if instance.name in taken:
                raise ConfigError(f"model: a layer named '{instance.name}' already exists; layer names must be "
                                  "unique.", layer=instance.name, param="name")
        else:
            n = 1
            while f"{instance.key}_{n}" in taken:
                n += 1
            instance.rename(f"{instance.key}_{n}")
        self.layers.insert(index, instance)
        self.built = False
        return instance

    def remove(self, index: int) -> Layer:
        """Remove and return the layer at ``index``."""
        layer = self.layers.pop(index)
        self.built = False
        return layer

    def layer(self, name: str) -> Layer:
        """The layer called ``name``."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        known = ", ".join(layer.name for layer in self.layers) or "none"
        raise ConfigError(f"model: no layer named {name!r}; layers: {known}.", layer=name)

    # -- building ----------------------------------------------------------------------------------------------
    def build(self, input_shape: Iterable[int] | None = None) -> Shape:
        """Infer every layer's shape and initialise the weights; returns the output shape (per sample)."""
        if input_shape is not None:
            self.input_shape = _shape(input_shape)
        if self.input_shape is None:
            raise ConfigError("model: an input shape is needed to build the model, e.g. (4,) for 4 features.",
                              param="input_shape")
        streams = SeedStreams(self.seed)
        init_rng = streams.get("init")
        shape: Shape = self.input_shape
        source = "the input"
        for layer in self.layers:
            try:
                out = layer.build(shape, init_rng, self.dtype)
            except ShapeError as error:
                reason = error.message.removeprefix(f"{layer.name}: ")
                raise ShapeError(f"Layer '{layer.name}' ({layer.key}) cannot take {source} of shape {shape}: "
                                 f"{reason}", layer=layer.name) from error
            layer.set_runtime_rng(streams.get(f"runtime/{layer.name}"))
            shape, source = tuple(out), f"the output of '{layer.name}'"
        self._params = [p for layer in self.layers for p in layer.parameters()]
        self._regularized = [p for p in self._params if p.regularizer is not None]
        self.built = True
        return shape

    @property
    def output_shape(self) -> Shape | None:
        """Per-sample output shape once built."""
        if not self.built:
            return None
        return self.layers[-1].output_shape if self.layers else self.input_shape

    def _auto_build(self) -> None:
        """Build on first use once the input shape is known (weights, summary, parameters)."""
        if not self.built and self.input_shape is not None:
            self.build()

    def _ensure_built(self, x: np.ndarray) -> None:
        if not self.built:
            self.build(self.input_shape if self.input_shape is not None else x.shape[1:])

    def check_input(self, x: Any) -> np.ndarray:
        """``x`` as an array in the model dtype, building the model if needed; ShapeError if it does not fit."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim < 2:
            raise ShapeError(f"model: expected a batch of inputs of shape (samples, features…), received shape "
                             f"{tuple(x.shape)}; one feature per sample is shape (samples, 1).", param="x")
        self._ensure_built(x)
        if tuple(x.shape[1:]) != self.input_shape:
            raise ShapeError(f"model: expected inputs of shape (batch, {', '.join(map(str, self.input_shape))}), "
                             f"received {tuple(x.shape)}.", param="x")
        return x

    # -- computing ---------------------------------------------------------------------------------------------
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Outputs for a batch; ``x`` is cast to the model dtype (no copy if it already is)."""
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        if not self.built:
            self._ensure_built(x)
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def backward(self, grad: np.ndarray, input_grad: bool = True) -> np.ndarray | None:
        """Back-propagate dL/d(output) of the last training forward pass; fills every parameter's ``grad``.

        Returns dL/d(input). Training does not need it: with ``input_grad=False`` the first layer is told
        (``needs_input_grad``) to skip that product — a third of the first dense layer's work — and the result
        may then be None.
        """
        layers = self.layers
        if layers:
            layers[0].needs_input_grad = input_grad
        for layer in reversed(layers):
            grad = layer.backward(grad)
        return grad

    def predict(self, x: Any, batch_size: int | None = None) -> np.ndarray:
        """Outputs in inference mode (final activation applied, dropout off), ``batch_size`` rows at a time."""
        x = self.check_input(x)
        if batch_size is not None and batch_size < 1:
            raise ConfigError(f"predict: batch_size expected an integer ≥ 1, received {batch_size!r}.",
                              param="batch_size")
        last = self.layers[-1] if self.layers else None
        emit = last.emit_logits if last is not None else False
        if last is not None:
            last.emit_logits = False
        try:
            n = x.shape[0]
            if batch_size is None or batch_size >= n:
                return self.forward(x, False)
            first = self.forward(x[:batch_size], False)
            out = np.empty((n, *first.shape[1:]), dtype=first.dtype)
            out[:batch_size] = first
            for start in range(batch_size, n, batch_size):
                out[start:start + batch_size] = self.forward(x[start:start + batch_size], False)
            return out
        finally:
            if last is not None:
                last.emit_logits = emit

    # -- parameters --------------------------------------------------------------------------------------------
    def parameters(self) -> list[Parameter]:
        """Every parameter and buffer, layer by layer."""
        self._auto_build()
        return [p for layer in self.layers for p in layer.parameters()]

    def trainable_parameters(self) -> list[Parameter]:
        """The parameters the optimizer updates (frozen layers and buffers excluded)."""
        self._auto_build()
        return [p for layer in self.layers for p in layer.trainable_parameters()]

    def count_params(self) -> int:
        """Number of values in every parameter and buffer."""
        return int(sum(p.value.size for p in self.parameters()))

    def get_weights(self) -> dict[str, np.ndarray]:
        """Copies of every parameter and buffer by full name (``"dense_1/kernel"``)."""
        return {p.name: p.value.copy() for p in self.parameters()}

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """Load arrays by full name; every name must be known and every shape must match."""
        params = {p.name: p for p in self.parameters()}
        unknown = [name for name in weights if name not in params]
        if unknown:
            raise ConfigError(f"model: no parameter named {unknown[0]!r}; parameters: {', '.join(params)}.",
                              param=unknown[0])
        missing = [name for name in params if name not in weights]
        if missing:
            raise ConfigError(f"model: no value for parameter {missing[0]!r}.", param=missing[0],
                              layer=missing[0].split("/")[0])
        for name, param in params.items():
            value = np.asarray(weights[name])
            if value.shape != param.value.shape:
                layer = name.split("/")[0]
                raise ShapeError(f"{layer}: parameter '{name}' expected shape {param.shape}, received "
                                 f"{tuple(value.shape)}.", layer=layer, param=name)
        for name, param in params.items():
            param.value[...] = weights[name]

    def regularization_penalty(self) -> float:
        """Sum of the regularizers' penalties over all parameters."""
        return float(sum(float(p.regularizer.penalty(p.value)) for p in self._regularized))

    def add_regularization_gradients(self) -> None:
        """Add each regularizer's gradient to the ``grad`` of the trainable parameters it is attached to."""
        for p in self._regularized:
            if p.grad is not None:
                p.grad += p.regularizer.gradient(p.value)

    @property
    def has_regularization(self) -> bool:
        return bool(self._regularized)

    # -- description -------------------------------------------------------------------------------------------
    def output_activation(self) -> str | None:
        """Registry key of the last layer's activation, or None when the last layer has none."""
        if not self.layers or not self.layers[-1].has_activation:
            return None
        return ACTIVATIONS.canonical(_spec_key(self.layers[-1].activation))

    def summary_rows(self) -> list[dict[str, Any]]:
        """One dict per layer: name, type (registry key), class, output_shape, params, trainable_params, activation."""
        self._auto_build()
        rows = []
        for layer in self.layers:
            total = sum(p.value.size for p in layer.parameters())
            trainable = sum(p.value.size for p in layer.trainable_parameters())
            rows.append({"name": layer.name, "type": layer.key, "class": type(layer).__name__,
                         "output_shape": layer.output_shape if self.built else None,
                         "params": int(total), "trainable_params": int(trainable),
                         "activation": _spec_key(layer.activation) if layer.has_activation else None})
        return rows

    def summary(self) -> str:
        """A Keras-style table: Layer (type), Output Shape, Param #, then the totals."""
        return summary_table(self.summary_rows(), self.dtype.itemsize, built=self.built)

    # -- configuration -----------------------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        """JSON-safe description; :meth:`from_config` rebuilds the same model (weights re-initialised)."""
        return {"input_shape": list(self.input_shape) if self.input_shape is not None else None,
                "dtype": self.dtype.name, "seed": self.seed, "layers": [LAYERS.to_spec(layer) for layer in self.layers]}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Sequential:
        """Rebuild from :meth:`get_config` output; built when the input shape is known."""
        unknown = set(config) - {"input_shape", "dtype", "seed", "layers"}
        if unknown:
            raise ConfigError(f"model: unknown configuration key {sorted(unknown)[0]!r}; known keys: input_shape, "
                              "dtype, seed, layers.", param=sorted(unknown)[0])
        model = cls(config.get("layers") or (), input_shape=config.get("input_shape"), seed=config.get("seed", 0),
                    dtype=config.get("dtype", "float32"))
        if model.input_shape is not None:
            model.build()
        return model

    def __len__(self) -> int:
        return len(self.layers)

    def __repr__(self) -> str:
        return f"Sequential([{', '.join(layer.name for layer in self.layers)}], dtype={self.dtype.name})"


def _shape(value: Iterable[int]) -> Shape:
    if isinstance(value, int | np.integer):
        value = (value,)
    try:
        shape = tuple(int(d) for d in value)
    except (TypeError, ValueError):
        shape = ()
    if not shape or any(d < 1 for d in shape):
        raise ConfigError(f"model: input_shape expected a list of positive integers, received {value!r}.",
                          param="input_shape")
    return shape


def _spec_key(spec: Any) -> str:
    if isinstance(spec, Mapping):
        return str(spec["type"])
    return str(getattr(spec, "key", spec))
