"""The orthogonal initializer (Saxe et al., 2014), as PyTorch's ``orthogonal_``."""

from __future__ import annotations

import math

import numpy as np

from engine.errors import ShapeError
from engine.initializers.base import Initializer
from engine.params import Param
from engine.registry import INITIALIZERS

__all__ = ["Orthogonal"]


@INITIALIZERS.register("orthogonal", category="orthogonal")
class Orthogonal(Initializer):
    """A (semi-)orthogonal matrix times ``gain``: preserves the norm of signals, useful in deep and recurrent nets.

    The array is viewed as a matrix of shape[0] rows by the product of the other dimensions. Its rows are
    orthonormal if there are fewer rows than columns, its columns otherwise. The matrix is the Q of a QR
    decomposition of a Gaussian matrix, with signs fixed so that the result is uniformly distributed.
    """

    PARAMS = (Param("gain", "float", 1.0, "Multiplies the orthogonal matrix.", low=0.0, low_open=True,
                    typical="1.0"),)
    gain: float

    def sample(self, shape: tuple[int, ...], fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
        if len(shape) < 2:
            raise ShapeError(f"orthogonal: expected a shape with at least 2 dimensions, received {tuple(shape)}.",
                             param="shape")
        if math.prod(shape) == 0:
            return np.zeros(shape, dtype=np.float64)
        rows, cols = shape[0], math.prod(shape[1:])
        flat = rng.standard_normal((rows, cols))
        if rows < cols:
            flat = flat.T
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        q *= self.gain
        return q.reshape(shape)
