"""The layer interface: shape inference, forward, backward and named parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.params import Configurable, Param
from engine.registry import INITIALIZERS, REGULARIZERS

__all__ = ["Layer", "Parameter", "Shape"]

#: A per-sample shape: the batch dimension is never included.
Shape = tuple[int, ...]


class Parameter:
    """A named array of a layer and its gradient.

    ``name`` is the stable full name (``"dense_1/kernel"``) used by optimizers' state, weight files and views.
    Buffers (BatchNorm running statistics) are parameters with ``trainable=False`` and no gradient.
    ``regularizer`` adds its penalty to the objective; the model adds its gradient to ``grad``.
    """

    __slots__ = ("grad", "name", "regularizer", "trainable", "value")

    def __init__(self, name: str, value: np.ndarray, *, trainable: bool = True, regularizer: Any = None) -> None:
        self.name = name
        self.value = value
        self.trainable = trainable
        self.regularizer = regularizer
        self.grad: np.ndarray | None = np.zeros_like(value) if trainable else None

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.value.shape)

    def __repr__(self) -> str:
        kind = "parameter" if self.trainable else "buffer"
        return f"<{kind} {self.name} {self.shape} {self.value.dtype}>"


class Layer(Configurable):
    """Base of every layer.

    A subclass declares ``PARAMS``, implements :meth:`compute_output_shape` (raise :class:`ShapeError` for an
    input it cannot take), :meth:`_create_parameters` (via :meth:`add_parameter`), :meth:`forward` and
    :meth:`backward`. ``backward`` receives dL/dy for the last ``forward(x, training=True)`` and returns dL/dx;
    it *overwrites* each trainable parameter's ``grad``.

    Layers that own an output activation (dense, conv) set ``has_activation = True`` and honour
    ``emit_logits``: when the trainer fuses the final softmax/sigmoid into the loss it sets ``emit_logits`` on the
    last layer and the layer then returns (and back-propagates through) its pre-activation.

    ``capture`` asks a layer to keep a copy of its last output (``captured_output``) for the insight views.

    ``needs_input_grad`` False tells :meth:`backward` that nobody uses dL/dx (the model sets it on its first
    layer while training): a layer may then skip computing it and return None. It is True by default.
    """

    has_activation: ClassVar[bool] = False
    #: Layers that behave differently in training (dropout, batch norm) set this; the trainer passes ``training``.
    has_training_mode: ClassVar[bool] = False
    #: Menu category for the window ("core", "normalization", "regularization", "convolution", "reshape", …).
    category: ClassVar[str] = "core"

    def __init__(self, name: str | None = None, trainable: bool = True, **kwargs: Any) -> None:
        self.name = name or ""
        self.trainable = bool(trainable)
        super().__init__(**kwargs)
        self.built = False
        self.input_shape: Shape | None = None
        self.output_shape: Shape | None = None
        self.dtype: np.dtype = np.dtype(np.float32)
        self.emit_logits = False
        self.needs_input_grad = True
        self.capture = False
        self.captured_output: np.ndarray | None = None
        self._parameters: dict[str, Parameter] = {}

    def _owner_name(self) -> str:
        return self.name or self.key or type(self).__name__

    # -- building ----------------------------------------------------------------------------------------------
    def compute_output_shape(self, input_shape: Shape) -> Shape:
        """Per-sample output shape for a per-sample input shape; identity by default."""
        return tuple(input_shape)

    def build(self, input_shape: Shape, rng: np.random.Generator, dtype: Any = np.float32) -> Shape:
        """Check the input shape, create parameters, return the output shape."""
        input_shape = tuple(int(d) for d in input_shape)
        self.output_shape = tuple(self.compute_output_shape(input_shape))
        self.input_shape = input_shape
        self.dtype = np.dtype(dtype)
        self._parameters = {}
        self._create_parameters(input_shape, rng)
        self.built = True
        return self.output_shape

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        """Create parameters with :meth:`add_parameter`; layers without parameters need not override."""

    def add_parameter(
        self,
        short_name: str,
        shape: tuple[int, ...],
        initializer: Any,
        rng: np.random.Generator,
        *,
        fan_in: int = 1,
        fan_out: int = 1,
        regularizer: Any = None,
        trainable: bool = True,
    ) -> Parameter:
        """Create ``<layer name>/<short_name>`` from an initializer key/spec/instance."""
        init = INITIALIZERS.create(initializer)
        value = init(tuple(shape), fan_in, fan_out, rng, self.dtype)
        reg = REGULARIZERS.create(regularizer) if regularizer not in (None, "", "none") else None
        param = Parameter(f"{self.name}/{short_name}", value, trainable=trainable, regularizer=reg)
        self._parameters[short_name] = param
        return param

    def add_buffer(self, short_name: str, value: np.ndarray) -> Parameter:
        """A saved, non-trainable array (running statistics)."""
        param = Parameter(f"{self.name}/{short_name}", np.asarray(value, dtype=self.dtype), trainable=False)
        self._parameters[short_name] = param
        return param

    def set_runtime_rng(self, rng: np.random.Generator) -> None:
        """Receive the random stream used while computing (dropout masks); layers that need one override this."""

    def rename(self, name: str) -> None:
        """Give the layer a new name; parameter names follow."""
        self.name = name
        for short, param in self._parameters.items():
            param.name = f"{name}/{short}"

    # -- computing ---------------------------------------------------------------------------------------------
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return self.forward(x, training)

    # -- parameters --------------------------------------------------------------------------------------------
    def parameters(self) -> list[Parameter]:
        """All parameters and buffers, in a stable order."""
        return list(self._parameters.values())

    def parameter(self, short_name: str) -> Parameter:
        return self._parameters[short_name]

    def trainable_parameters(self) -> list[Parameter]:
        """Parameters the optimizer updates: none when the layer is frozen."""
        if not self.trainable:
            return []
        return [p for p in self._parameters.values() if p.trainable]

    def count_params(self) -> int:
        return int(sum(p.value.size for p in self._parameters.values() if p.trainable))

    def get_weights(self) -> dict[str, np.ndarray]:
        """Copies of every parameter and buffer, keyed by full name."""
        return {p.name: p.value.copy() for p in self._parameters.values()}

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """Load arrays by full name (all of this layer's must be present), checking shapes."""
        for param in self._parameters.values():
            if param.name not in weights:
                raise ConfigError(f"{self.name}: no value for parameter '{param.name}'.", layer=self.name,
                                  param=param.name)
            value = np.asarray(weights[param.name])
            if value.shape != param.value.shape:
                raise ShapeError(f"{self.name}: parameter '{param.name}' expected shape {param.shape}, received "
                                 f"{tuple(value.shape)}.", layer=self.name, param=param.name)
            param.value[...] = value

    # -- configuration -----------------------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config["name"] = self.name
        if not self.trainable:
            config["trainable"] = False
        return config

    @classmethod
    def param_specs(cls) -> tuple[Param, ...]:
        return cls.PARAMS

    def _shape_error(self, message: str) -> ShapeError:
        return ShapeError(f"{self.name or self.key}: {message}", layer=self.name or self.key)
