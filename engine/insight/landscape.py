"""A slice of the loss landscape: the loss along one or two random directions around the current weights.

Directions are filter-normalised as in Li et al. (2018), "Visualizing the Loss Landscape of Neural Nets": a
Gaussian direction for every kernel, rescaled so that each filter (a dense layer's output unit, a conv layer's
output channel) has the norm of the matching filter of the weights; biases and other one-dimensional parameters
get no direction (their ``ignore="biasbn"`` setting), so the picture does not depend on the weights' scale. The
loss at ``θ + α·d₁ (+ β·d₂)`` is computed on the given batch as ``Trainer.evaluate`` computes it; the weights are
put back exactly afterwards, also when the computation is cancelled or fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.insight.hardest import LossProbe
from engine.model import Sequential

__all__ = ["Landscape", "filter_normalised_direction", "loss_landscape"]


@dataclass(frozen=True)
class Landscape:
    """``alphas`` (steps,), ``betas`` (steps,) or None for one direction, ``losses`` (steps,) or (steps, steps)
    indexed ``[beta, alpha]``, the loss at the current weights, and whether it was cancelled (NaN = not done)."""

    alphas: np.ndarray
    betas: np.ndarray | None
    losses: np.ndarray
    origin_loss: float
    cancelled: bool


def filter_normalised_direction(model: Sequential, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A random direction per trainable parameter name: filter-normalised for kernels, zero for the rest."""
    direction = {}
    for param in model.trainable_parameters():
        w = param.value
        if w.ndim < 2:
            direction[param.name] = np.zeros_like(w)
            continue
        d = rng.standard_normal(w.shape).astype(w.dtype)
        axis = w.ndim - 1 if w.ndim == 2 else 0  # dense kernels are in×out (a filter is a column), conv out×…
        d_filters, w_filters = np.moveaxis(d, axis, 0), np.moveaxis(w, axis, 0)
        reduce = tuple(range(1, w.ndim))
        d_norm = np.sqrt(np.sum(d_filters.astype(np.float64) ** 2, axis=reduce, keepdims=True))
        w_norm = np.sqrt(np.sum(w_filters.astype(np.float64) ** 2, axis=reduce, keepdims=True))
        d_filters *= (w_norm / np.maximum(d_norm, 1e-12)).astype(w.dtype)
        direction[param.name] = d
    return direction


def loss_landscape(model: Sequential, loss: Any, x: Any, y: Any, *, directions: int = 1, span: float = 1.0,
                   steps: int = 21, seed: int | None = 0,
                   progress: Callable[[int, int], bool | None] | None = None) -> Landscape:
    """The loss on ``(x, y)`` over α (and β) in [-span, span], ``steps`` values each (odd steps include 0).

    ``progress(done, total)`` is called after every point; returning False cancels (the rest stays NaN).
    """
    if directions not in (1, 2):
        raise ConfigError(f"loss landscape: directions expected 1 or 2, received {directions!r}.",
                          param="directions")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise ConfigError(f"loss landscape: steps expected an integer ≥ 2, received {steps!r}.", param="steps")
    if not span > 0:
        raise ConfigError(f"loss landscape: span expected a number > 0, received {span!r}.", param="span")
    probe = LossProbe(model, loss, x, y)
    rng = np.random.default_rng(seed)
    dirs = [filter_normalised_direction(model, rng) for _ in range(directions)]
    params = model.trainable_parameters()
    saved = [p.value.copy() for p in params]
    alphas = np.linspace(-span, span, steps)
    betas = alphas.copy() if directions == 2 else None
    grid = [(0.0, a) for a in alphas] if betas is None else [(b, a) for b in betas for a in alphas]
    losses = np.full(len(grid), np.nan)
    cancelled = False
    try:
        origin = probe.total()
        with np.errstate(all="ignore"):
            for i, (beta, alpha) in enumerate(grid):
                for param, base in zip(params, saved, strict=True):
                    moved = base + dirs[0][param.name] * param.value.dtype.type(alpha)
                    if directions == 2:
                        moved += dirs[1][param.name] * param.value.dtype.type(beta)
                    param.value[...] = moved
                losses[i] = probe.total()
                if progress is not None and progress(i + 1, len(grid)) is False:
                    cancelled = True
                    break
    finally:
        for param, base in zip(params, saved, strict=True):
            param.value[...] = base
    shape = (steps,) if betas is None else (steps, steps)
    return Landscape(alphas, betas, losses.reshape(shape), origin, cancelled)
