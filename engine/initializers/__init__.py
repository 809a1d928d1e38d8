"""Initializers registered in engine.registry.INITIALIZERS; importing this package registers them all."""

from engine.initializers.base import Initializer
from engine.initializers.constant import Constant, Ones, Zeros
from engine.initializers.distributions import Normal, TruncatedNormal, Uniform
from engine.initializers.orthogonal import Orthogonal
from engine.initializers.scaling import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    calculate_gain,
)

__all__ = ["Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Initializer", "LecunNormal",
           "LecunUniform", "Normal", "Ones", "Orthogonal", "TruncatedNormal", "Uniform", "Zeros", "calculate_gain"]
