"""Checks and small steps shared by the window layers (conv, pooling, upsampling).

The same messages come out of every layer that takes (C, L) or (C, H, W) samples: a size parameter given with the
wrong count of numbers, a sample of the wrong rank, a batch whose sample shape is not the built one.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Layer, Shape

__all__ = ["check_batch", "check_lengths", "check_sample_rank", "keep_output"]


def check_lengths(layer: Layer, names: Iterable[str], rank: int) -> None:
    """Each named size parameter (when set) holds 1 or ``rank`` numbers; otherwise a ConfigError naming it."""
    owner = layer._owner_name()
    for name in names:
        value = getattr(layer, name)
        if value is not None and len(value) not in (1, rank):
            raise ConfigError(f"{owner}: parameter '{name}' expected 1{' or 2' if rank == 2 else ''} "
                              f"numbers, received {value!r}.", layer=owner, param=name)


def check_sample_rank(layer: Layer, input_shape: Shape, rank: int, *, reshape_hint: bool = False) -> None:
    """A sample is (channels, length) for rank 1 or (channels, height, width) for rank 2; else a ShapeError.

    ``reshape_hint`` adds the advice to reshape a flat (features,) sample first.
    """
    if len(input_shape) == rank + 1:
        return
    layout = "(channels, length)" if rank == 1 else "(channels, height, width)"
    hint = " — add a reshape layer first" if reshape_hint and len(input_shape) == 1 else ""
    raise layer._shape_error(f"expects samples of shape {layout}, received {tuple(input_shape)}{hint}.")


def check_batch(layer: Layer, x: np.ndarray) -> np.ndarray:
    """The batch in the layer's dtype, after checking that its samples have the built input shape."""
    if x.shape[1:] != layer.input_shape:
        raise layer._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, layer.input_shape))}), "
                                 f"received {tuple(x.shape)}.")
    return x if x.dtype == layer.dtype else x.astype(layer.dtype)


def keep_output(layer: Layer, y: np.ndarray) -> np.ndarray:
    """``y``, with a copy kept as ``captured_output`` when the insight views asked for it (``capture``)."""
    if layer.capture:
        layer.captured_output = y.copy()
    return y
