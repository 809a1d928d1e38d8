"""Max and average pooling over windows, as pure functions of a (N, C, H, W) batch and its window plan.

Windows are reduced one kernel offset at a time (a strided view of the padded batch per offset), so every NumPy
call works on whole (N, C, OH, OW) arrays. Semantics follow PyTorch: max pooling sends the gradient to the
window's maximum, the first one in row-major order on ties; average pooling divides by the full window size,
padding zeros included (PyTorch's default ``count_include_pad=True``). ``padding='same'`` pads as Keras does
(odd cell at the end), with −∞ for max pooling and zeros for average pooling. Side-by-side max windows (the usual
2×2, stride 2) take the faster :func:`tile_max` path.

:func:`pool2d_with_indices` is the pure function behind the pooling explorer: it also says which input cells each
output came from.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.layers.im2col import Windows, offset_views, offsets, pad_batch, pair, plan_windows

__all__ = ["MODES", "disjoint", "plan_pool", "pool2d_with_indices", "pool_backward", "pool_forward", "tile_max",
           "tile_max_backward"]

MODES = ("max", "avg")


def plan_pool(size: tuple[int, int], pool: tuple[int, int], stride: tuple[int, int], padding: str,
          rank: int = 2) -> Windows | str:
    return plan_windows(size, pool, stride, (1, 1), padding, rank, allow_flat=False, what="window")


def pool_forward(x4: np.ndarray, w: Windows, mode: str) -> tuple[np.ndarray, np.ndarray | None]:
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


def disjoint(w: Windows) -> bool:
    """True for the usual max pooling: windows side by side (stride = pool size), no padding."""
    return w.stride == w.kernel and not any(w.pads)


def tile_max(x4: np.ndarray, w: Windows) -> tuple[np.ndarray, np.ndarray]:
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
    pending = planes[0] != out  # the first maximum's offset = how many offsets come before it (as in pool_forward)
    index = pending.view(np.uint8).copy()
    for plane in planes[1:-1]:
        pending &= plane != out
        index += pending.view(np.uint8)
    return out, index


def tile_max_backward(grad: np.ndarray, index: np.ndarray, w: Windows, shape: tuple[int, ...],
                       cache: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The input gradient of :func:`tile_max`: each output's gradient written to its maximum's cell.

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


def pool_backward(grad: np.ndarray, w: Windows, mode: str, index: np.ndarray | None,
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
    w = plan_pool((h, wd), pool, stride, padding)
    if isinstance(w, str):
        raise ShapeError(f"pool2d: {w}")
    out, index = pool_forward(x.reshape(-1, 1, h, wd), w, mode)
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
