"""Seeded on-the-fly augmentation of image batches (N, C, H, W): shifts, rotation, flips and zoom.

Every transform is one affine map per sample, so the whole batch is warped with one gather: each output pixel
looks up where it comes from in its source image (inverse mapping) and interpolates bilinearly between the four
nearest pixels. Pixels that come from outside the image are 0 (zero fill). Without rotation or zoom the source
positions are whole pixels and the gather copies values exactly (one lookup instead of four).

Geometry: a positive angle turns the picture counter-clockwise as it is displayed (row 0 at the top), about the
image centre; a zoom above 1 enlarges the content; a shift (dy, dx) moves the content dy rows down and dx columns
right. Flips mirror the source first, then zoom, rotation and shift follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from engine.errors import DataError, ShapeError
from engine.params import Configurable, Param
from engine.rng import make_rng

__all__ = ["Augmenter", "transform_images"]


def _per_sample(name: str, value: Any, n: int, default: float, dtype: Any, width: int = 0) -> np.ndarray:
    """``value`` as one entry per sample (``width`` numbers each), or ``default`` everywhere when None."""
    shape = (n, width) if width else (n,)
    if value is None:
        return np.full(shape, default, dtype=dtype)
    array = np.asarray(value, dtype=dtype)
    try:
        return np.broadcast_to(array, shape)
    except ValueError as error:
        raise ShapeError(f"transform_images: {name} expected one value for all {n} samples or one per sample "
                         f"(shape {shape}), received shape {array.shape}.", param=name) from error


def transform_images(x: np.ndarray, *, angle: Any = None, scale: Any = None, shift: Any = None,
                     flip_horizontal: Any = None, flip_vertical: Any = None) -> np.ndarray:
    """Warp every image of ``x`` (N, C, H, W) by its own parameters; returns a new array of the same dtype.

    Each argument is one value for all samples or one per sample: ``angle`` in degrees, ``scale`` (zoom factor),
    ``shift`` (dy, dx) in pixels (may be fractional), the flips as booleans. None means "unchanged".
    """
    x = _check_batch(x)
    n, channels, h, w = x.shape
    dtype = x.dtype
    theta = np.deg2rad(_per_sample("angle", angle, n, 0.0, np.float64))
    zoom = _per_sample("scale", scale, n, 1.0, np.float64)
    if np.any(zoom <= 0):
        raise DataError(f"transform_images: scale expected positive factors, received {np.min(zoom)}.",
                        param="scale")
    move = _per_sample("shift", shift, n, 0.0, np.float64, width=2)
    sign_x = np.where(_per_sample("flip_horizontal", flip_horizontal, n, False, bool), -1.0, 1.0)
    sign_y = np.where(_per_sample("flip_vertical", flip_vertical, n, False, bool), -1.0, 1.0)
    exact = not (theta.any() or np.any(zoom != 1.0) or np.any(move != np.round(move)))
    cos, sin = (np.cos(theta) / zoom).astype(dtype), (np.sin(theta) / zoom).astype(dtype)
    cy, cx = dtype.type((h - 1) / 2), dtype.type((w - 1) / 2)
    # Output position relative to the centre, the shift undone: (N, H, 1) rows and (N, 1, W) columns.
    u = (np.arange(h, dtype=dtype) - cy)[None, :, None] - move[:, 0, None, None].astype(dtype)
    v = (np.arange(w, dtype=dtype) - cx)[None, None, :] - move[:, 1, None, None].astype(dtype)
    cos, sin = cos[:, None, None], sin[:, None, None]
    rows = (cos * u + sin * v) * sign_y[:, None, None].astype(dtype) + cy
    cols = (cos * v - sin * u) * sign_x[:, None, None].astype(dtype) + cx
    # Gather from a copy with a border of zeros, channels last: every lookup is one row of a (pixels, C) table,
    # and positions outside the image are clipped onto the border, which reads 0.
    table = np.zeros((n, h + 2, w + 2, channels), dtype=dtype)
    table[:, 1:-1, 1:-1] = x.transpose(0, 2, 3, 1)
    table = table.reshape(-1, channels)
    base = (np.arange(n) * ((h + 2) * (w + 2)))[:, None, None]
    if exact:
        out = _lookup(table, base, rows.astype(np.intp), cols.astype(np.intp), h, w)
    else:
        r0, c0 = np.floor(rows), np.floor(cols)
        fr, fc = rows - r0, cols - c0
        r0, c0 = r0.astype(np.intp), c0.astype(np.intp)
        one = dtype.type(1)
        out = _lookup(table, base, r0, c0, h, w) * ((one - fr) * (one - fc))[..., None]
        out += _lookup(table, base, r0, c0 + 1, h, w) * ((one - fr) * fc)[..., None]
        out += _lookup(table, base, r0 + 1, c0, h, w) * (fr * (one - fc))[..., None]
        out += _lookup(table, base, r0 + 1, c0 + 1, h, w) * (fr * fc)[..., None]
    return np.ascontiguousarray(out.transpose(0, 3, 1, 2))


def _lookup(table: np.ndarray, base: np.ndarray, rows: np.ndarray, cols: np.ndarray, h: int, w: int) -> np.ndarray:
    """Pixels (N, H, W, C) at integer positions of the zero-bordered images; outside positions read the border."""
    index = base + (np.clip(rows, -1, h) + 1) * (w + 2) + (np.clip(cols, -1, w) + 1)
    return table[index]


def _check_batch(x: Any) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 4:
        raise ShapeError(f"augmentation expects a batch of images (N, C, H, W), received shape {tuple(x.shape)}.",
                         param="x")
    if x.dtype.kind != "f":
        raise DataError(f"augmentation expects floating-point images, received dtype {x.dtype}.", param="x")
    return x


class Augmenter(Configurable):
    """Random shifts, rotations, flips and zoom for image batches, drawn anew for every batch from a seed.

    Each sample gets its own shift (whole pixels, rows and columns drawn separately in ±shift), angle (uniform in
    ±rotation degrees), zoom factor (uniform in [1 − zoom, 1 + zoom]) and, when enabled, a 50 % chance of each
    flip. Calling it never modifies the input; with everything off it returns the input itself.
    """

    PARAMS = (
        Param("shift", "int", 0, "Largest shift in whole pixels, up/down and left/right; uncovered pixels are 0.",
              low=0, high=1024, typical="2"),
        Param("rotation", "float", 0.0, "Largest rotation in degrees, either way.", low=0.0, high=180.0,
              typical="10"),
        Param("flip_horizontal", "bool", False, "Mirror left–right half of the images (not for digits or text)."),
        Param("flip_vertical", "bool", False, "Mirror top–bottom half of the images."),
        Param("zoom", "float", 0.0, "Largest zoom change: the scale is drawn in [1 − zoom, 1 + zoom].", low=0.0,
              high=0.9, typical="0.1"),
        Param("seed", "int", 0, "Seed of the random draws: the same seed gives the same augmented batches.", low=0),
    )

    def _validate(self) -> None:
        self._rng = make_rng(self.seed)

    @property
    def enabled(self) -> bool:
        """True when some transform is switched on."""
        return bool(self.shift or self.rotation or self.flip_horizontal or self.flip_vertical or self.zoom)

    def __call__(self, x: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        """An augmented copy of the batch ``x`` (N, C, H, W); draws from ``rng`` or else the augmenter's stream."""
        x = _check_batch(x)
        if not self.enabled:
            return x
        rng = self._rng if rng is None else rng
        n = x.shape[0]
        shift = rng.integers(-self.shift, self.shift + 1, size=(n, 2)) if self.shift else None
        angle = rng.uniform(-self.rotation, self.rotation, n) if self.rotation else None
        scale = rng.uniform(1.0 - self.zoom, 1.0 + self.zoom, n) if self.zoom else None
        flip_h = rng.random(n) < 0.5 if self.flip_horizontal else None
        flip_v = rng.random(n) < 0.5 if self.flip_vertical else None
        return transform_images(x, angle=angle, scale=scale, shift=shift, flip_horizontal=flip_h,
                                flip_vertical=flip_v)

    def as_batch_transform(self) -> Callable[[np.ndarray], np.ndarray]:
        """A function ``batch → augmented batch`` with its own stream from ``seed``, for the trainer to call on
        every training batch (never on validation data): two transforms made from one config augment alike."""
        rng = make_rng(self.seed)

        def transform(batch: np.ndarray) -> np.ndarray:
            return self(batch, rng)

        return transform
