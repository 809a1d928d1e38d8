"""Fixed-scale random initializers: uniform, normal and truncated normal.

Their scale does not depend on the layer's size; the variance-scaling family (glorot, he, lecun) does.
"""

from __future__ import annotations

import math

import numpy as np

from engine.errors import ConfigError
from engine.initializers.base import Initializer
from engine.params import Param
from engine.registry import INITIALIZERS

__all__ = ["Normal", "TruncatedNormal", "Uniform"]

#: truncated_normal refuses a window [a, b] that keeps less of the normal's mass than this (rejection sampling
#: would need more than 1000 draws per value).
MIN_ACCEPTANCE = 1e-3


@INITIALIZERS.register("uniform", aliases=("random_uniform",), category="random")
class Uniform(Initializer):
    """Values drawn uniformly from [low, high)."""

    PARAMS = (
        Param("low", "float", -0.05, "Lower bound.", typical="-0.05"),
        Param("high", "float", 0.05, "Upper bound (greater than low).", typical="0.05"),
    )
    low: float
    high: float

    def _validate(self) -> None:
        if not self.low < self.high:
            raise ConfigError(f"uniform: parameter 'high' expected a number greater than low = {self.low}, "
                              f"received {self.high}.", param="high")

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        return rng.uniform(self.low, self.high, size=shape)


@INITIALIZERS.register("normal", aliases=("random_normal",), category="random")
class Normal(Initializer):
    """Values drawn from a normal distribution N(mean, std²)."""

    PARAMS = (
        Param("mean", "float", 0.0, "Mean of the distribution."),
        Param("std", "float", 0.05, "Standard deviation.", low=0.0, typical="0.05"),
    )
    mean: float
    std: float

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        return rng.normal(self.mean, self.std, size=shape)


@INITIALIZERS.register("truncated_normal", category="random")
class TruncatedNormal(Initializer):
    """Normal N(mean, std²) restricted to [a, b]; draws outside are redrawn (no extreme initial weights).

    ``a`` and ``b`` are absolute values, as in PyTorch's ``trunc_normal_`` (not multiples of ``std`` as in
    Keras): the defaults, ±0.1 around a std of 0.05, cut at two standard deviations.
    """

    PARAMS = (
        Param("mean", "float", 0.0, "Mean of the underlying normal distribution."),
        Param("std", "float", 0.05, "Standard deviation of the underlying normal distribution.", low=0.0,
              low_open=True, typical="0.02–0.05"),
        Param("a", "float", -0.1, "Lowest value (absolute, not in units of std).", typical="-2·std"),
        Param("b", "float", 0.1, "Highest value (absolute, not in units of std).", typical="2·std"),
    )
    mean: float
    std: float
    a: float
    b: float

    def _validate(self) -> None:
        if not self.a < self.b:
            raise ConfigError(f"truncated_normal: parameter 'b' expected a number greater than a = {self.a}, "
                              f"received {self.b}.", param="b")
        if self._acceptance() < MIN_ACCEPTANCE:
            raise ConfigError(
                f"truncated_normal: parameter 'a' expected a window [a, b] that holds at least "
                f"{MIN_ACCEPTANCE:.1%} of N({self.mean}, {self.std}²), received [{self.a}, {self.b}], which holds "
                f"{self._acceptance():.2e} — move the window towards the mean or widen it.", param="a")

    def _acceptance(self) -> float:
        """P(a ≤ X ≤ b) for X ~ N(mean, std²), accurate in either tail."""
        lo = (self.a - self.mean) / (self.std * math.sqrt(2.0))
        hi = (self.b - self.mean) / (self.std * math.sqrt(2.0))
        if lo >= 0:
            return 0.5 * (math.erfc(lo) - math.erfc(hi))
        if hi <= 0:
            return 0.5 * (math.erfc(-hi) - math.erfc(-lo))
        return 1.0 - 0.5 * (math.erfc(hi) + math.erfc(-lo))

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        size = math.prod(shape)
        out = np.empty(size, dtype=np.float64)
        filled = 0
        acceptance = self._acceptance()
        while filled < size:
            need = size - filled
            draws = rng.normal(self.mean, self.std, size=int(need / acceptance * 1.1) + 16)
            kept = draws[(draws >= self.a) & (draws <= self.b)][:need]
            out[filled : filled + kept.size] = kept
            filled += kept.size
        return out.reshape(shape)
