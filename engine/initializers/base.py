"""The weight-initializer interface and fan computation."""

from __future__ import annotations

import numpy as np

from engine.params import Configurable

__all__ = ["Initializer"]


class Initializer(Configurable):
    """Creates a parameter array.

    The layer passes ``fan_in`` and ``fan_out`` because only it knows its layout (a dense kernel is stored
    in×out, a conv kernel out×in×kh×kw). Values are drawn in float64 from ``rng`` and cast to ``dtype`` so that
    float32 and float64 runs with the same seed start from the same numbers (up to rounding).
    """

    def __call__(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator,
                 dtype: np.dtype | type = np.float32) -> np.ndarray:
        return np.asarray(self.sample(tuple(shape), fan_in, fan_out, rng), dtype=dtype)

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        """The values, as float64."""
        raise NotImplementedError
