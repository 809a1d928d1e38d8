"""The optimizer interface: ``step`` over named parameters, gradient clipping, state by parameter name."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Parameter
from engine.params import Configurable, Param

__all__ = ["COMMON_PARAMS", "Optimizer", "clip_gradients"]

COMMON_PARAMS = (
    Param("clipnorm", "float", None, "Rescale all gradients together when their global L2 norm exceeds this.",
          low=0.0, low_open=True, optional=True, typical="1.0"),
    Param("clipvalue", "float", None, "Clip every gradient element to [-value, value].", low=0.0, low_open=True,
          optional=True, typical="0.5"),
)


def clip_gradients(params: Sequence[Parameter], clipnorm: float | None, clipvalue: float | None) -> float:
    """Clip in place, by value then by global norm (as torch.nn.utils.clip_grad_norm_); return the norm before."""
    grads = [p.grad for p in params if p.grad is not None]
    if clipvalue is not None:
        for g in grads:
            np.clip(g, -clipvalue, clipvalue, out=g)
    norm = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
    if clipnorm is not None:
        scale = clipnorm / (norm + 1e-6)
        if scale < 1.0:
            for g in grads:
                g *= scale
    return norm


class Optimizer(Configurable):
    """Base of every optimizer.

    ``lr`` is mutable (schedules and the window change it between steps). :meth:`step` clips, then calls
    :meth:`update` for each trainable parameter in place. Per-parameter state (moments, …) lives in
    ``self.state[param.name]`` as arrays, so :meth:`state_dict` is keyed by parameter name and JSON/NPZ-safe.
    Subclasses put ``Param("lr", …)`` first in ``PARAMS`` and end with ``*COMMON_PARAMS``.
    """

    lr: float
    clipnorm: float | None
    clipvalue: float | None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.iterations = 0
        self.state: dict[str, dict[str, np.ndarray]] = {}

    def step(self, params: Sequence[Parameter]) -> None:
        """One update of every trainable parameter from its ``grad``."""
        if self.lr < 0 or not math.isfinite(self.lr):
            raise ConfigError(f"{self.key}: the learning rate must be a finite number ≥ 0, received {self.lr!r}.",
                              param="lr")
        active = [p for p in params if p.trainable and p.grad is not None]
        if self.clipnorm is not None or self.clipvalue is not None:
            clip_gradients(active, self.clipnorm, self.clipvalue)
        self.iterations += 1
        for p in active:
            self.update(p, self.state.setdefault(p.name, {}))

    def update(self, param: Parameter, state: dict[str, np.ndarray]) -> None:
        """Update ``param.value`` in place from ``param.grad``; ``state`` persists between steps."""
        raise NotImplementedError

    @staticmethod
    def zero_grad(params: Sequence[Parameter]) -> None:
        for p in params:
            if p.grad is not None:
                p.grad.fill(0)

    def state_dict(self) -> dict[str, Any]:
        """``{"iterations", "lr", "state": {param name: {slot: array}}}`` (arrays copied)."""
        return {"iterations": self.iterations, "lr": self.lr,
                "state": {name: {k: np.array(v, copy=True) for k, v in slots.items()}
                          for name, slots in self.state.items()}}

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        self.iterations = int(state["iterations"])
        self.lr = float(state["lr"])
        self.state = {name: {k: np.array(v, copy=True) for k, v in slots.items()}
                      for name, slots in state["state"].items()}
