"""Pooling layers: max/average over windows (2-D NCHW, 1-D NCL), global pools, and K-max pooling.

Windows are reduced one kernel offset at a time (a strided view of the padded batch per offset), so every NumPy
call works on whole (N, C, OH, OW) arrays. Semantics follow PyTorch: max pooling sends the gradient to the
window's maximum, the first one in row-major order on ties; average pooling divides by the full window size,
padding zeros included (PyTorch's default ``count_include_pad=True``). ``padding='same'`` pads as Keras does
(odd cell at the end), with −∞ for max pooling and zeros for average pooling.

:func:`pool2d_with_indices` is the pure function behind the pooling explorer: it also says which input cells each
output came from.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Layer, Shape
from engine.layers.im2col import Windows, offset_views, offsets, pad_batch, pair, plan_windows
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["AvgPool1D", "AvgPool2D", "GlobalAvgPool", "GlobalMaxPool", "KMaxPool", "MaxPool1D", "MaxPool2D",
           "k_max_pool", "pool2d_with_indices"]

MODES = ("max", "avg")


def _plan(size: tuple[int, int], pool: tuple[int, int], stride: tuple[int, int], padding: str,
          rank: int = 2) -> Windows | str:
    return plan_windows(size, pool, stride, (1, 1), padding, rank, allow_flat=False, what="window")


def _forward(x4: np.ndarray, w: Windows, mode: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Pooled (N, C, OH, OW) batch and, for max, the kernel-offset index of each output's source."""
    xp = pad_batch(x4, w, -np.inf if mode == "max" else 0.0)
    views = [view for _, view in offset_views(xp, w)]
    out = views[0].copy()
    if mode == "avg":
        for view in views[1:]:
            out += view
        out /= len(views)
        return out, None
    for view in views[1:]:
        np.maximum(out, view, out=out)
    # The first maximum's offset = how many offsets come before it: a running "not reached yet" count. (Arithmetic
    # on masks is many times faster than np.where / masked assignment.)
    pending = views[0] != out
    index = pending.astype(np.uint8 if len(views) <= 256 else np.intp)
    for view in views[1:-1]:
        pending &= view != out
        index += pending
    return out, index


def _disjoint(w: Windows) -> bool:
    """True for the usual max pooling: windows side by side (stride = pool size), no padding."""
    return w.stride == w.kernel and not any(w.pads)


def _tile_max(x4: np.ndarray, w: Windows) -> tuple[np.ndarray, np.ndarray]:
    """Max pooling of side-by-side windows: the pooled batch and each output's first-maximum offset (uint8).

    Each kernel offset's cells are copied once into a contiguous plane (kh·kw planes of N·C·OH·OW values), so
    the maximum and the first-maximum count then run on whole contiguous arrays, several times faster than on
    strided views. Rows or columns left over at the end (a 'valid' window that does not fit) are ignored.
    """
    (kh, kw), (oh, ow) = w.kernel, w.out
    planes = np.empty((kh * kw, *x4.shape[:2], oh, ow), dtype=x4.dtype)
    for index, row, col in offsets(w):
        planes[index] = x4[:, :, row:oh * kh:kh, col:ow * kw:kw]
    out = planes[0].copy() if len(planes) == 1 else np.maximum(planes[0], planes[1])
    for plane in planes[2:]:
        np.maximum(out, plane, out=out)
    pending = planes[0] != out  # the first maximum's offset = how many offsets come before it (as in _forward)
    index = pending.view(np.uint8).copy()
    for plane in planes[1:-1]:
        pending &= plane != out
        index += pending.view(np.uint8)
    return out, index


def _tile_max_backward(grad: np.ndarray, index: np.ndarray, w: Windows, shape: tuple[int, ...],
                       cache: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The input gradient of :func:`_tile_max`: each output's gradient written to its maximum's cell.

    One scatter through flat indices (window origin + the offset's step); ``cache`` keeps the window origins and
    offset steps of a batch shape.
    """
    steps = cache.get(shape)
    if steps is None:
        (kh, kw), (oh, ow), (h, wd) = w.kernel, w.out, shape[2:]
        origins = (np.arange(shape[0] * shape[1])[:, None, None] * (h * wd) + np.arange(oh)[:, None] * (kh * wd)
                   + np.arange(ow) * kw).reshape(-1)
        steps = cache[shape] = origins, (np.arange(kh)[:, None] * wd + np.arange(kw)).reshape(-1)
    origins, step = steps
    flat = np.take(step, index.reshape(-1))
    flat += origins
    dx = np.zeros(shape, dtype=grad.dtype)
    dx.reshape(-1)[flat] = grad.reshape(-1)
    return dx


def _tiles(w: Windows) -> bool:
    """True when the windows cover the padded input exactly once (stride = pool size, nothing left over)."""
    return w.stride == w.kernel and w.padded == (w.out[0] * w.kernel[0], w.out[1] * w.kernel[1])


def _backward(grad: np.ndarray, w: Windows, mode: str, index: np.ndarray | None,
              size: tuple[int, int]) -> np.ndarray:
    tiles = _tiles(w)
    shape = (*grad.shape[:2], *w.padded)
    dxp = np.empty(shape, dtype=grad.dtype) if tiles else np.zeros(shape, dtype=grad.dtype)
    if mode == "avg":
        grad = grad / math.prod(w.kernel)
    for k, view in offset_views(dxp, w):
        part = grad if index is None else np.multiply(grad, index == k)
        if tiles:
            view[...] = part
        else:
            view += part
    return w.crop(dxp, size)


def pool2d_with_indices(x: Any, pool_size: int | tuple[int, int], strides: int | tuple[int, int] | None = None,
                        mode: str = "max", padding: str = "valid") -> tuple[np.ndarray, np.ndarray]:
    """Pool a grid (H, W), (C, H, W) or (N, C, H, W); also return where each output came from.

    ``source_indices`` has the output's shape plus one axis: the row-major flat indices (into H·W) of the input
    cells the output was taken from — one cell for max pooling, the whole window for average pooling, where −1
    marks a padding cell.
    """
    if mode not in MODES:
        raise ConfigError(f"pool2d: parameter 'mode' expected one of {', '.join(map(repr, MODES))}, received "
                          f"{mode!r}.", param="mode")
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    if x.ndim not in (2, 3, 4):
        raise ShapeError(f"pool2d: expected a grid (H, W), (C, H, W) or (N, C, H, W), received shape {x.shape}.")
    lead, (h, wd) = x.shape[:-2], x.shape[-2:]
    pool = pair([pool_size] if isinstance(pool_size, int) else list(pool_size), 2)
    stride = pool if strides is None else pair([strides] if isinstance(strides, int) else list(strides), 2)
    w = _plan((h, wd), pool, stride, padding)
    if isinstance(w, str):
        raise ShapeError(f"pool2d: {w}")
    out, index = _forward(x.reshape(-1, 1, h, wd), w, mode)
    rows = np.arange(w.out[0])[:, None] * stride[0] - w.pads[0]  # window origin in the unpadded input
    cols = np.arange(w.out[1])[None, :] * stride[1] - w.pads[2]
    offsets = np.arange(pool[0] * pool[1])
    if index is None:  # every cell of the window
        r = rows[..., None] + offsets // pool[1]
        c = cols[..., None] + offsets % pool[1]
        source = np.where((r >= 0) & (r < h) & (c >= 0) & (c < wd), r * wd + c, -1)
        source = np.broadcast_to(source, (out.shape[0], *source.shape))
    else:
        r = rows + index[:, 0] // pool[1]
        c = cols + index[:, 0] % pool[1]
        source = (r * wd + c)[..., None]
    return out.reshape(*lead, *w.out), source.reshape(*lead, *w.out, -1).astype(np.intp)


class _Pool(Layer):
    """Window pooling of both ranks; the 1-D layers run as one-row 2-D pooling."""

    rank: ClassVar[int] = 2
    mode: ClassVar[str] = "max"
    category = "pooling"
    _index: np.ndarray | None = None
    _fast = False

    def _validate(self) -> None:
        owner = self._owner_name()
        for name in ("pool_size", "strides"):
            value = getattr(self, name)
            if value is not None and len(value) not in (1, self.rank):
                raise ConfigError(f"{owner}: parameter '{name}' expected 1{' or 2' if self.rank == 2 else ''} "
                                  f"numbers, received {value!r}.", layer=owner, param=name)

    def _geometry(self) -> tuple[tuple[int, int], tuple[int, int]]:
        pool = pair(self.pool_size, self.rank)
        return pool, pool if self.strides is None else pair(self.strides, self.rank)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        layout = "(channels, length)" if self.rank == 1 else "(channels, height, width)"
        if len(input_shape) != self.rank + 1:
            raise self._shape_error(f"expects samples of shape {layout}, received {tuple(input_shape)}.")
        size = (1, input_shape[1]) if self.rank == 1 else tuple(input_shape[1:])
        w = _plan(size, *self._geometry(), self.padding, self.rank)
        if isinstance(w, str):
            raise self._shape_error(w)
        self._w, self._size, self._steps = w, size, {}
        return (input_shape[0], *(w.out[1:] if self.rank == 1 else w.out))

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.shape[1:] != self.input_shape:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        x4 = x[:, :, None, :] if self.rank == 1 else x
        self._fast = self.mode == "max" and _disjoint(self._w)
        if self._fast:
            out, self._index = _tile_max(x4, self._w)
            self._shape = x4.shape
        else:
            out, self._index = _forward(x4, self._w, self.mode)
        y = out[:, :, 0] if self.rank == 1 else out
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if grad.dtype != self.dtype:
            grad = grad.astype(self.dtype)
        grad = grad.reshape(*grad.shape[:2], *self._w.out)
        if self._fast:
            dx = _tile_max_backward(grad, self._index, self._w, self._shape, self._steps)
        else:
            dx = _backward(grad, self._w, self.mode, self._index, self._size)
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
        if x.shape[1:] != self.input_shape:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        self._shape = x.shape
        return (x if x.dtype == self.dtype else x.astype(self.dtype)).reshape(*x.shape[:2], -1)

    def _done(self, y: np.ndarray) -> np.ndarray:
        if self.capture:
            self.captured_output = y.copy()
        return y


@LAYERS.register("global_avg_pool")
class GlobalAvgPool(_Global):
    """Averages each channel over all its positions: one number per feature map."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        return self._done(self._flat(x).mean(axis=2))

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
        return self._done(np.take_along_axis(flat, self._index, axis=2)[..., 0])

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
        return self._done(y)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        dx = np.zeros((*self._shape[:2], math.prod(self._shape[2:])), dtype=self.dtype)
        np.put_along_axis(dx, self._keep, grad.astype(self.dtype, copy=False), axis=2)
        return dx.reshape(self._shape)
