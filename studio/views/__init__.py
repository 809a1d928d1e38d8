"""Views that look inside the network (issue 7): decision boundary, network graph, histograms, gradient flow,
activation explorer, loss landscape and hardest samples.

Each view is a self-contained widget fed through small documented methods; ``main_window`` wires them. Views that
compute with the model keep a :class:`ModelMirror` — their own copy of the architecture, with weights copied in
by ``set_weights`` — so they never read the training thread's arrays while it writes them. This module is Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from engine.model import Sequential

__all__ = ["NEGATIVE_RGB", "POSITIVE_RGB", "ModelMirror", "diverging_rgba"]

#: TensorFlow Playground's colours: orange for negative values, blue for positive ones, white at zero.
NEGATIVE_RGB = (245, 147, 34)
POSITIVE_RGB = (8, 119, 189)


class ModelMirror:
    """A private copy of a model (same layers and dtype) whose weights follow the original's on request."""

    def __init__(self, model: Sequential) -> None:
        self.model = Sequential.from_config(model.get_config())
        self.model.set_weights(model.get_weights())

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """Copy ``weights`` (by full parameter name, as ``Sequential.get_weights`` gives them) into the mirror."""
        self.model.set_weights(weights)


def diverging_rgba(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """RGBA uint8 image (…, 4) of ``values``: orange below zero, white at zero, blue above, saturating at
    ±``limit`` (default: the largest |value|)."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64))
    scale = float(np.max(np.abs(values))) if limit is None else float(limit)
    t = np.clip(values / scale, -1.0, 1.0) if scale > 0 else np.zeros_like(values)
    white = np.array([255.0, 255.0, 255.0])
    colour = np.where(t[..., None] < 0, np.array(NEGATIVE_RGB, dtype=np.float64), np.array(POSITIVE_RGB, np.float64))
    rgb = white + (colour - white) * np.abs(t)[..., None]
    out = np.empty((*values.shape, 4), dtype=np.uint8)
    out[..., :3] = np.rint(rgb)
    out[..., 3] = 255
    return out
