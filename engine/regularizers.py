"""Weight penalties added to the training objective: l1, l2 and l1_l2 (Keras's conventions).

The model adds ``penalty(w)`` of every regularised parameter to the loss and ``gradient(w)`` to its gradient.
Note the Keras convention for l2: the penalty is l2·Σw² (no ½), so its gradient is 2·l2·w — PyTorch's
``weight_decay = λ`` (added to the gradient) corresponds to ``l2 = λ / 2``.
"""

from __future__ import annotations

import numpy as np

from engine.params import Configurable, Param
from engine.registry import REGULARIZERS

__all__ = ["L1", "L1L2", "L2", "Regularizer"]

_L1 = Param("l1", "float", 0.01, "Weight of the L1 penalty l1·Σ|w| (pushes weights to exactly zero).", low=0.0,
            typical="1e-4–1e-2")
_L2 = Param("l2", "float", 0.01, "Weight of the L2 penalty l2·Σw² (shrinks all weights: weight decay).", low=0.0,
            typical="1e-4–1e-2")


class Regularizer(Configurable):
    """A penalty on a parameter array: ``penalty(w)`` is a float, ``gradient(w)`` has w's shape and dtype."""

    def penalty(self, w: np.ndarray) -> float:
        raise NotImplementedError

    def gradient(self, w: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, w: np.ndarray) -> float:
        return self.penalty(w)


def _abs_sum(w: np.ndarray) -> float:
    return float(np.sum(np.abs(w), dtype=np.float64))


def _square_sum(w: np.ndarray) -> float:
    return float(np.sum(np.square(w), dtype=np.float64))


@REGULARIZERS.register("l1")
class L1(Regularizer):
    """L1 penalty l1·Σ|w|: drives unneeded weights to exactly zero (sparse models); gradient l1·sign(w)."""

    PARAMS = (_L1,)
    l1: float

    def penalty(self, w: np.ndarray) -> float:
        return self.l1 * _abs_sum(w)

    def gradient(self, w: np.ndarray) -> np.ndarray:
        return np.sign(w) * self.l1


@REGULARIZERS.register("l2")
class L2(Regularizer):
    """L2 penalty l2·Σw² (weight decay): keeps weights small and smooth; gradient 2·l2·w."""

    PARAMS = (_L2,)
    l2: float

    def penalty(self, w: np.ndarray) -> float:
        return self.l2 * _square_sum(w)

    def gradient(self, w: np.ndarray) -> np.ndarray:
        return w * (2.0 * self.l2)


@REGULARIZERS.register("l1_l2")
class L1L2(Regularizer):
    """Both penalties, l1·Σ|w| + l2·Σw² (elastic net)."""

    PARAMS = (_L1, _L2)
    l1: float
    l2: float

    def penalty(self, w: np.ndarray) -> float:
        return self.l1 * _abs_sum(w) + self.l2 * _square_sum(w)

    def gradient(self, w: np.ndarray) -> np.ndarray:
        out = np.sign(w) * self.l1
        out += w * (2.0 * self.l2)
        return out
