"""Pooling layers: max/average over windows (2-D NCHW, 1-D NCL), global pools, and K-max pooling.

The window arithmetic (forward, backward and :func:`pool2d_with_indices`, behind the pooling explorer) is in
:mod:`engine.layers.pool_windows`; semantics follow PyTorch.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from engine.errors import ShapeError
from engine.layers.base import Layer, Shape
from engine.layers.checks import check_batch, check_lengths, check_sample_rank, keep_output
from engine.layers.im2col import pair
from engine.layers.pool_windows import (
    disjoint,
    plan_pool,
    pool2d_with_indices,
    pool_backward,
    pool_forward,
    tile_max,
    tile_max_backward,
)
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["AvgPool1D", "AvgPool2D", "GlobalAvgPool", "GlobalMaxPool", "KMaxPool", "MaxPool1D", "MaxPool2D",
           "k_max_pool", "pool2d_with_indices"]

class _Pool(Layer):
    """Window pooling of both ranks; the 1-D layers run as one-row 2-D pooling."""

    rank: ClassVar[int] = 2
    mode: ClassVar[str] = "max"
    category = "pooling"
    _index: np.ndarray | None = None
    _fast = False

    def _validate(self) -> None:
        check_lengths(self, ("pool_size", "strides"), self.rank)

    def _geometry(self) -> tuple[tuple[int, int], tuple[int, int]]:
        pool = pair(self.pool_size, self.rank)
        return pool, pool if self.strides is None else pair(self.strides, self.rank)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        check_sample_rank(self, input_shape, self.rank)
        size = (1, input_shape[1]) if self.rank == 1 else tuple(input_shape[1:])
        w = plan_pool(size, *self._geometry(), self.padding, self.rank)
        if isinstance(w, str):
            raise self._shape_error(w)
        self._w, self._size, self._steps = w, size, {}
        return (input_shape[0], *(w.out[1:] if self.rank == 1 else w.out))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = check_batch(self, x)
        x4 = x[:, :, None, :] if self.rank == 1 else x
        self._fast = self.mode == "max" and disjoint(self._w)
        if self._fast:
            out, self._index = tile_max(x4, self._w)
            self._shape = x4.shape
        else:
            out, self._index = pool_forward(x4, self._w, self.mode)
        return keep_output(self, out[:, :, 0] if self.rank == 1 else out)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if grad.dtype != self.dtype:
            grad = grad.astype(self.dtype)
        grad = grad.reshape(*grad.shape[:2], *self._w.out)
        if self._fast:
            dx = tile_max_backward(grad, self._index, self._w, self._shape, self._steps)
        else:
            dx = pool_backward(grad, self._w, self.mode, self._index, self._size)
        return dx[:, :, 0] if self.rank == 1 else dx


def _pool_params(rank: int, mode: str) -> tuple[Param, ...]:
    return (
        Param("pool_size", "ints", [2] * rank, f"Window{'' if rank == 1 else ' (rows, cols)'} whose {mode} is kept.",
              low=1, typical="2"),
        Param("strides", "ints", None, "Step between windows; none = the pool size (windows do not overlap).",
              low=1, optional=True),
        Param("padding", "choice", "valid", "'valid' drops the incomplete windows at the edge; 'same' pads so that "
              "the output size is the input size / stride, rounded up.", choices=("valid", "same")),
    )


@LAYERS.register("max_pool2d")
class MaxPool2D(_Pool):
    """Keeps the largest value of each window of a feature map: (N, C, H, W) → (N, C, H/2, W/2) for 2×2 windows."""

    PARAMS = _pool_params(2, "maximum")


@LAYERS.register("avg_pool2d")
class AvgPool2D(_Pool):
    """Keeps the average of each window of a feature map (padding zeros count, as in PyTorch)."""

    PARAMS = _pool_params(2, "average")
    mode = "avg"


@LAYERS.register("max_pool1d")
class MaxPool1D(_Pool):
    """Keeps the largest value of each window of a sequence (N, C, L)."""

    PARAMS = _pool_params(1, "maximum")
    rank = 1


@LAYERS.register("avg_pool1d")
class AvgPool1D(_Pool):
    """Keeps the average of each window of a sequence (N, C, L)."""

    PARAMS = _pool_params(1, "average")
    rank = 1
    mode = "avg"


class _Global(Layer):
    """Reduces every channel of a (C, …) sample to one number: (N, C, H, W) or (N, C, L) → (N, C)."""

    category = "pooling"
    _shape: tuple[int, ...] = ()

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if len(input_shape) < 2:
            raise self._shape_error(f"expects samples with a channel axis and positions, (C, L) or (C, H, W), "
                                    f"received {tuple(input_shape)}.")
        return (input_shape[0],)

    def _flat(self, x: np.ndarray) -> np.ndarray:
        x = check_batch(self, x)
        self._shape = x.shape
        return x.reshape(*x.shape[:2], -1)


@LAYERS.register("global_avg_pool")
class GlobalAvgPool(_Global):
    """Averages each channel over all its positions: one number per feature map."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return keep_output(self, self._flat(x).mean(axis=2))

    def backward(self, grad: np.ndarray) -> np.ndarray:
        positions = math.prod(self._shape[2:])
        grad = grad.astype(self.dtype, copy=False) / positions
        return np.broadcast_to(grad.reshape(*grad.shape, *(1,) * (len(self._shape) - 2)), self._shape).copy()


@LAYERS.register("global_max_pool")
class GlobalMaxPool(_Global):
    """Keeps the largest value of each channel (the gradient goes to its first occurrence)."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        flat = self._flat(x)
        self._index = flat.argmax(axis=2)[..., None]
        return keep_output(self, np.take_along_axis(flat, self._index, axis=2)[..., 0])

    def backward(self, grad: np.ndarray) -> np.ndarray:
        dx = np.zeros((*self._shape[:2], math.prod(self._shape[2:])), dtype=self.dtype)
        np.put_along_axis(dx, self._index, grad.astype(self.dtype, copy=False)[..., None], axis=2)
        return dx.reshape(self._shape)


def k_max_pool(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k largest values along the last axis, in their original order, and their positions on that axis.

    Ties go to the earlier position. Used by the k_max_pool layer and the pooling explorer.
    """
    x = np.asarray(x)
    if not 1 <= k <= x.shape[-1]:
        raise ShapeError(f"k_max_pool: k = {k} expected between 1 and the {x.shape[-1]} positions of the last axis.",
                         param="k")
    keep = np.sort(np.argsort(-x, axis=-1, kind="stable")[..., :k], axis=-1)
    return np.take_along_axis(x, keep, axis=-1), keep


@LAYERS.register("k_max_pool")
class KMaxPool(_Global):
    """K-max pooling of text CNNs: the k largest values of each channel, kept in their original order.

    A sample (C, L) becomes (C, k); for an image (C, H, W) the positions are H·W in row-major order.
    """

    PARAMS = (Param("k", "int", 2, "How many of the largest values of each channel to keep.", low=1, typical="2–5"),)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        super().compute_output_shape(input_shape)
        positions = math.prod(input_shape[1:])
        if self.k > positions:
            raise self._shape_error(f"cannot keep k = {self.k} values of a channel with only {positions} positions "
                                    f"(input {tuple(input_shape)}).")
        return (input_shape[0], self.k)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        y, self._keep = k_max_pool(self._flat(x), self.k)
        return keep_output(self, y)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        dx = np.zeros((*self._shape[:2], math.prod(self._shape[2:])), dtype=self.dtype)
        np.put_along_axis(dx, self._keep, grad.astype(self.dtype, copy=False), axis=2)
        return dx.reshape(self._shape)
