"""Shared window arithmetic of convolution and pooling: sizes, padding, im2col and col2im (NCHW layout).

Every helper works on a padded batch ``xp`` of shape (N, C, Hp, Wp) and a window geometry (:class:`Windows`).
Outputs live on a *grid* of OH rows × ``grid_w`` columns. For stride 1 the grid is as wide as the padded image
(``grid_w = Wp``): the windows of one kernel offset are then one contiguous run of the flattened image, so im2col
and col2im move long rows instead of short ones; the ``Wp - OW`` extra columns of each row are discarded by the
caller (and must carry zero gradient). With a stride the grid is exactly OH × OW.

Python loops here run over kernel offsets (kh·kw, small), never over pixels or samples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.params import Param

__all__ = ["PaddingParam", "Windows", "col2im", "im2col", "offset_views", "offsets", "pad_batch", "pair",
           "plan_windows"]


class PaddingParam(Param):
    """A padding given as ``"valid"``, ``"same"`` or explicit zero padding per side: ``1`` or ``"1, 2"`` (rows, cols).

    The value is normalised to text ("valid", "same", "1", "1, 2") so that the window edits it in one field and the
    config stays JSON-safe; how many numbers are allowed is checked by the layer.
    """

    def _to_str(self, value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() in ("valid", "same"):
            return value.strip().lower()
        if isinstance(value, str):
            value = value.replace("×", ",").replace("x", ",").split(",")
        numbers = [self._to_int(v) for v in (value if isinstance(value, list | tuple) else [value])]
        if not numbers or any(n < 0 for n in numbers):
            raise ValueError("not a padding")
        return ", ".join(str(n) for n in numbers)

    def expectation(self) -> str:
        return "'valid', 'same' or a number of zero rows/columns per side (e.g. 1 or 1, 2)"


def pair(values: list[int], rank: int) -> tuple[int, int]:
    """(rows, cols) from 1 or ``rank`` numbers; a 1-D layer works on a single row."""
    if rank == 1:
        return 1, values[0]
    return (values[0], values[0]) if len(values) == 1 else (values[0], values[1])


@dataclass(frozen=True)
class Windows:
    """Where the windows of a layer lie in a padded input, and the output grid they produce."""

    kernel: tuple[int, int]
    stride: tuple[int, int]
    dilation: tuple[int, int]
    pads: tuple[int, int, int, int]  # top, bottom, left, right
    out: tuple[int, int]  # OH, OW
    padded: tuple[int, int]  # rows, cols of the padded buffer (with the spare row of flat mode)
    flat: bool  # stride 1: one contiguous run per kernel offset, grid as wide as the padded input

    @property
    def grid_w(self) -> int:
        return self.padded[1] if self.flat else self.out[1]

    def crop(self, xp: np.ndarray, size: tuple[int, int]) -> np.ndarray:
        """The unpadded region of a padded buffer."""
        top, _, left, _ = self.pads
        return xp[:, :, top:top + size[0], left:left + size[1]]


def _same(size: int, span: int, stride: int) -> tuple[int, int]:
    """Keras/TensorFlow 'same': ceil(size / stride) outputs, the odd padding at the end (as PyTorch for stride 1)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def plan_windows(size: tuple[int, int], kernel: tuple[int, int], stride: tuple[int, int],
                 dilation: tuple[int, int], padding: str, rank: int = 2, *, allow_flat: bool = True,
                 what: str = "kernel") -> Windows | str:
    """The window geometry, or a sentence saying why the kernel does not fit (for the layer's ShapeError).

    ``allow_flat`` permits the wide stride-1 grid (convolution; pooling keeps the exact OH × OW grid).
    """
    span = tuple((k - 1) * d + 1 for k, d in zip(kernel, dilation, strict=True))
    if padding == "valid":
        pads = (0, 0, 0, 0)
    elif padding == "same":
        pads = (*_same(size[0], span[0], stride[0]), *_same(size[1], span[1], stride[1]))
    else:
        rows, cols = pair([int(p) for p in padding.split(",")], rank)
        pads = (0, 0, cols, cols) if rank == 1 else (rows, rows, cols, cols)
    padded = (size[0] + pads[0] + pads[1], size[1] + pads[2] + pads[3])
    if padded[0] < span[0] or padded[1] < span[1]:
        def dims(v: tuple[int, ...]) -> str:
            return str(v[1]) if rank == 1 else "×".join(map(str, v))
        spans = f" (spanning {dims(span)} with dilation {dims(dilation)})" if span != kernel else ""
        return (f"a {dims(kernel)} {what}{spans} with padding '{padding}' does not fit an input of {dims(size)}"
                f"{'' if padded == size else f' (padded to {dims(padded)})'}.")
    out = tuple((p - s) // st + 1 for p, s, st in zip(padded, span, stride, strict=True))
    flat = allow_flat and stride == (1, 1)
    rows = padded[0] + (1 if flat and span[1] > 1 else 0)  # the last row's runs read past the end: a spare row
    return Windows(kernel, stride, dilation, pads, out, (rows, padded[1]), flat)


def pad_batch(x: np.ndarray, w: Windows, value: float = 0.0) -> np.ndarray:
    """A (N, C, rows, cols) buffer holding ``x`` inside ``value`` padding (``x`` itself when there is none)."""
    if w.padded == x.shape[2:]:
        return np.ascontiguousarray(x)
    shape = (*x.shape[:2], *w.padded)
    xp = np.full(shape, value, dtype=x.dtype) if value else np.zeros(shape, dtype=x.dtype)
    top, left = w.pads[0], w.pads[2]
    xp[:, :, top:top + x.shape[2], left:left + x.shape[3]] = x
    return xp


def offsets(w: Windows) -> Iterator[tuple[int, int, int]]:
    """(index, row, col) of every kernel offset, row-major, in padded-buffer coordinates."""
    for i in range(w.kernel[0]):
        for j in range(w.kernel[1]):
            yield i * w.kernel[1] + j, i * w.dilation[0], j * w.dilation[1]


def offset_views(xp: np.ndarray, w: Windows) -> Iterator[tuple[int, np.ndarray]]:
    """For each kernel offset, the (N, C, OH, grid_w) view of ``xp`` holding that offset's cell of every window."""
    oh, ow = w.out
    if w.flat:
        run = oh * w.padded[1]
        flat = xp.reshape(*xp.shape[:2], -1)
        for index, row, col in offsets(w):
            start = row * w.padded[1] + col
            yield index, flat[:, :, start:start + run].reshape(*xp.shape[:2], oh, w.padded[1])
        return
    sh, sw = w.stride
    for index, row, col in offsets(w):
        yield index, xp[:, :, row:row + sh * (oh - 1) + 1:sh, col:col + sw * (ow - 1) + 1:sw]


def im2col(xp: np.ndarray, w: Windows, out: np.ndarray | None = None) -> np.ndarray:
    """Columns (N, C·kh·kw, OH·grid_w) of a padded batch, rows ordered like an OIHW kernel's C·kh·kw axis.

    ``out`` may be a buffer with more rows (a bias row of ones): the columns fill its first C·kh·kw rows.
    """
    n, c = xp.shape[:2]
    taps = w.kernel[0] * w.kernel[1]
    if out is None:
        out = np.empty((n, c * taps, w.out[0] * w.grid_w), dtype=xp.dtype)
    rows = out[:, :c * taps].reshape(n, c, taps, *w.out[:1], w.grid_w)
    for index, view in offset_views(xp, w):
        rows[:, :, index] = view
    return out


def col2im(dcols: np.ndarray, w: Windows, channels: int) -> np.ndarray:
    """The padded-input gradient: each column entry added back to the cell it was copied from (im2col's adjoint)."""
    n = dcols.shape[0]
    grid = dcols.reshape(n, channels, w.kernel[0] * w.kernel[1], w.out[0], w.grid_w)
    dxp = np.zeros((n, channels, *w.padded), dtype=dcols.dtype)
    for index, view in offset_views(dxp, w):
        view += grid[:, :, index]
    return dxp
