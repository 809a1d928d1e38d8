"""Constant initializers: zeros, ones and any constant (biases, batch-norm scales, or to watch symmetry bite)."""

from __future__ import annotations

import numpy as np

from engine.initializers.base import Initializer
from engine.params import Param
from engine.registry import INITIALIZERS

__all__ = ["Constant", "Ones", "Zeros"]


@INITIALIZERS.register("zeros", category="constant")
class Zeros(Initializer):
    """All zeros: the usual start for biases.

    For weights it is a lesson rather than a choice: every unit of a layer then computes the same thing and
    receives the same gradient, so they never become different (the symmetry is never broken).
    """

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        return np.zeros(shape, dtype=np.float64)


@INITIALIZERS.register("ones", category="constant")
class Ones(Initializer):
    """All ones: the usual start for normalisation scales (gamma)."""

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        return np.ones(shape, dtype=np.float64)


@INITIALIZERS.register("constant", category="constant")
class Constant(Initializer):
    """Every value set to ``value``."""

    PARAMS = (Param("value", "float", 0.0, "The value of every element.", typical="0.1"),)
    value: float

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        return np.full(shape, self.value, dtype=np.float64)
