"""Variance-scaling initializers: glorot (xavier), he (kaiming) and lecun, with PyTorch's gains.

Each draws from a uniform or a normal distribution whose standard deviation depends on the layer's fans, so that
signals neither explode nor vanish as they pass through many layers:

* glorot: std = gain·√(2 / (fan_in + fan_out)) — for tanh/sigmoid/linear layers (Glorot & Bengio, 2010);
* he:     std = gain / √fan, gain from the nonlinearity (√2 for relu) — for relu networks (He et al., 2015);
* lecun:  std = 1 / √fan_in — for selu (Klambauer et al., 2017).

The uniform variants use the bound √3·std (a uniform on [−l, l] has std l/√3). The normal variants are plain
normals, as in PyTorch (Keras truncates them instead).
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.initializers.base import Initializer
from engine.params import Param
from engine.registry import INITIALIZERS

__all__ = ["GAINS", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform",
           "calculate_gain"]

#: Recommended gains by nonlinearity (torch.nn.init.calculate_gain); leaky_relu's depends on its slope.
GAINS: dict[str, float] = {
    "linear": 1.0, "conv1d": 1.0, "conv2d": 1.0, "conv3d": 1.0, "conv_transpose1d": 1.0, "conv_transpose2d": 1.0,
    "conv_transpose3d": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0), "selu": 0.75,
}
NONLINEARITIES = ("relu", "leaky_relu", "linear", "sigmoid", "tanh", "selu")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """The gain that keeps activations' variance stable through ``nonlinearity`` (same values as PyTorch).

    ``param`` is leaky_relu's negative slope (0.01 when omitted): gain = √(2 / (1 + slope²)).
    """
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        if isinstance(slope, bool) or not isinstance(slope, int | float) or not math.isfinite(slope):
            raise ConfigError(f"calculate_gain: parameter 'param' expected a number (the negative slope), received "
                              f"{param!r}.", param="param")
        return math.sqrt(2.0 / (1.0 + slope * slope))
    if nonlinearity not in GAINS:
        known = ", ".join([*GAINS, "leaky_relu"])
        raise ConfigError(f"calculate_gain: parameter 'nonlinearity' expected one of {known}, received "
                          f"{nonlinearity!r}.", param="nonlinearity")
    return GAINS[nonlinearity]


class _VarianceScaling(Initializer):
    """Common sampling: a subclass gives the standard deviation for the layer's fans."""

    distribution: ClassVar[str] = "normal"

    def std(self, fan_in: int, fan_out: int) -> float:
        raise NotImplementedError

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        if math.prod(shape) == 0:
            return np.zeros(shape, dtype=np.float64)
        for name, fan in (("fan_in", fan_in), ("fan_out", fan_out)):
            if fan < 1:
                raise ShapeError(f"{self.key}: {name} expected a positive number of connections, received {fan}.",
                                 param=name)
        std = self.std(fan_in, fan_out)
        if self.distribution == "uniform":
            bound = math.sqrt(3.0) * std
            return rng.uniform(-bound, bound, size=shape)
        return rng.normal(0.0, std, size=shape)


GAIN = Param("gain", "float", 1.0, "Multiplies the standard deviation (see calculate_gain).", low=0.0,
             low_open=True, typical="1.0")


@INITIALIZERS.register("glorot_uniform", aliases=("xavier_uniform",), category="variance_scaling")
class GlorotUniform(_VarianceScaling):
    """Glorot/Xavier uniform on ±gain·√(6 / (fan_in + fan_out)): the default for dense layers."""

    PARAMS = (GAIN,)
    distribution = "uniform"
    gain: float

    def std(self, fan_in: int, fan_out: int) -> float:
        return self.gain * math.sqrt(2.0 / (fan_in + fan_out))


@INITIALIZERS.register("glorot_normal", aliases=("xavier_normal",), category="variance_scaling")
class GlorotNormal(GlorotUniform):
    """Glorot/Xavier normal with std gain·√(2 / (fan_in + fan_out))."""

    distribution = "normal"


@INITIALIZERS.register("he_uniform", aliases=("kaiming_uniform",), category="variance_scaling")
class HeUniform(_VarianceScaling):
    """He/Kaiming uniform on ±gain·√(3 / fan), gain from the nonlinearity: for relu-family layers."""

    PARAMS = (
        Param("mode", "choice", "fan_in", "fan_in keeps the forward signal's variance, fan_out the gradients'.",
              choices=("fan_in", "fan_out")),
        Param("nonlinearity", "choice", "relu", "The activation that follows, which sets the gain.",
              choices=NONLINEARITIES),
        Param("a", "float", 0.0, "Negative slope of leaky_relu (used only with that nonlinearity).", low=0.0,
              typical="0.01"),
    )
    distribution = "uniform"
    mode: str
    nonlinearity: str
    a: float

    def std(self, fan_in: int, fan_out: int) -> float:
        fan = fan_in if self.mode == "fan_in" else fan_out
        return calculate_gain(self.nonlinearity, self.a) / math.sqrt(fan)


@INITIALIZERS.register("he_normal", aliases=("kaiming_normal",), category="variance_scaling")
class HeNormal(HeUniform):
    """He/Kaiming normal with std gain / √fan, gain from the nonlinearity."""

    distribution = "normal"


@INITIALIZERS.register("lecun_uniform", category="variance_scaling")
class LecunUniform(_VarianceScaling):
    """LeCun uniform on ±√(3 / fan_in)."""

    distribution = "uniform"

    def std(self, fan_in: int, fan_out: int) -> float:
        return 1.0 / math.sqrt(fan_in)


@INITIALIZERS.register("lecun_normal", category="variance_scaling")
class LecunNormal(LecunUniform):
    """LeCun normal with std √(1 / fan_in): the partner of selu for self-normalising networks."""

    distribution = "normal"
