"""Input → convolution → pooling for one channel, with what pooling keeps outlined on the convolution's map.

The pooled map is computed here with the engine's ``pool2d_with_indices`` from the conv map and the pool layer's
settings (:func:`pool_settings`), which is exactly what the pool layer computes; the same call says where every
pooled value came from. Max pooling outlines the one cell each window kept; average pooling outlines the windows.
Hovering a pooled cell outlines only its own source.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from engine.layers.base import Layer
from engine.layers.pooling import pool2d_with_indices
from studio.plots.redraw import LiveView
from studio.views.image_grid import ImageGrid, Tile

__all__ = ["ConvStripView", "pool_settings", "source_boxes"]

_MODES = {"max_pool2d": "max", "avg_pool2d": "avg"}


def pool_settings(layer: Layer) -> dict[str, Any]:
    """The keyword arguments of ``pool2d_with_indices`` that reproduce a max_pool2d or avg_pool2d layer."""
    if layer.key not in _MODES:
        raise ValueError(f"the strip needs a max_pool2d or avg_pool2d layer, received '{layer.name}' ({layer.key})")
    config = layer.get_config()
    strides = config.get("strides")
    return {"pool_size": tuple(config["pool_size"]), "strides": None if strides is None else tuple(strides),
            "padding": config["padding"], "mode": _MODES[layer.key]}


def source_boxes(source: np.ndarray, width: int) -> list[tuple[int, int, int, int]]:
    """Outline boxes (row, col, rows, cols) around each output's source cells (flat indices into rows of
    ``width``; −1 = padding): one cell for max pooling, the window's part inside the input for average pooling."""
    flat = source.reshape(-1, source.shape[-1])
    inside = flat >= 0
    rows = np.where(inside, flat // width, -1)
    cols = np.where(inside, flat % width, -1)
    big = np.iinfo(flat.dtype).max
    r0 = np.where(inside, rows, big).min(axis=1)
    c0 = np.where(inside, cols, big).min(axis=1)
    r1, c1 = rows.max(axis=1), cols.max(axis=1)
    keep = r1 >= 0
    boxes = np.stack([r0, c0, r1 - r0 + 1, c1 - c0 + 1], axis=1)[keep]
    return sorted({tuple(int(v) for v in box) for box in boxes})


class ConvStripView(LiveView):
    """Three tiles for one channel: the input, the conv layer's map with the pooled cells outlined, the pooled map."""

    channel_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel_label = QLabel()
        self.channel_spin = QSpinBox()
        self.channel_spin.setObjectName("channel")
        self.channel_spin.setRange(1, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.channel_label)
        controls.addWidget(self.channel_spin)
        controls.addStretch(1)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.grid = ImageGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.caption)
        self.image: np.ndarray | None = None
        self.conv_maps: np.ndarray | None = None
        self.pool: dict[str, Any] = {}
        self.names = ("", "")
        #: After a redraw: the chosen channel's pooled map and the source indices of its cells (engine's answer).
        self.pooled: np.ndarray | None = None
        self.source: np.ndarray | None = None
        self._hovered: tuple[int, int] | None = None
        self.channel_spin.valueChanged.connect(self._channel_changed)
        self.grid.cell_hovered.connect(self._hover)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_strip(self, image: Any, conv_maps: Any, pool_size: int | tuple[int, int], strides: Any = None,
                  padding: str = "valid", mode: str = "max", conv_name: str = "", pool_name: str = "") -> None:
        """The input sample (H×W or C×H×W), the conv layer's output (C×H×W) and the pool layer's settings
        (``**pool_settings(layer)``); drawn on the next redraw tick."""
        image = np.asarray(image, dtype=np.float64)
        conv_maps = np.asarray(conv_maps)
        if image.ndim not in (2, 3) or conv_maps.ndim != 3:
            raise ValueError(f"conv strip: expected an image (H, W) or (C, H, W) and conv maps (C, H, W), received "
                             f"shapes {image.shape} and {conv_maps.shape}")
        self.image = image if image.ndim == 2 else image.mean(axis=0)
        self.conv_maps = conv_maps
        self.pool = {"pool_size": pool_size, "strides": strides, "padding": padding, "mode": mode}
        self.names = (conv_name, pool_name)
        self.channel_spin.setMaximum(conv_maps.shape[0])
        self._changed()

    @property
    def channel(self) -> int:
        """The chosen channel, from 0."""
        return self.channel_spin.value() - 1

    # -- drawing -----------------------------------------------------------------------------------------------
    def _channel_changed(self, value: int) -> None:
        self._hovered = None
        self.channel_chosen.emit(value - 1)
        self._changed()

    def _hover(self, tile: int, row: int, col: int) -> None:
        hovered = (row, col) if tile == 2 else None
        if hovered != self._hovered:
            self._hovered = hovered
            self._changed()

    def _redraw(self) -> None:
        if self.conv_maps is None or self.image is None:
            self.grid.clear(self.tr("Train or build a model with a convolution followed by a pooling layer."))
            self.caption.clear()
            return
        conv = self.conv_maps[min(self.channel, len(self.conv_maps) - 1)]
        self.pooled, self.source = pool2d_with_indices(conv, **self.pool)
        chosen = self.source if self._hovered is None else self.source[self._hovered][None, None]
        low, high = float(conv.min()), float(conv.max())
        conv_name, pool_name = self.names
        n = self.channel + 1
        tiles = [
            Tile(self.image, self.tr("input {h}×{w}").format(h=self.image.shape[0], w=self.image.shape[1]),
                 float(self.image.min()), float(self.image.max()), "greys"),
            Tile(conv, self.tr("{layer} channel {n}, {h}×{w}").format(layer=conv_name or self.tr("conv"), n=n,
                                                                     h=conv.shape[0], w=conv.shape[1]),
                 low, high, "viridis", outlines=source_boxes(chosen, conv.shape[1])),
            Tile(self.pooled, self.tr("{layer}, {h}×{w}").format(layer=pool_name or self.tr("pool"),
                                                                  h=self.pooled.shape[0], w=self.pooled.shape[1]),
                 low, high, "viridis"),
        ]
        self.grid.set_tiles(tiles, columns=3)
        size = self.pool["pool_size"]
        window = f"{size}×{size}" if isinstance(size, int) else "×".join(map(str, (*size, *size)[:2]))
        if self.pool["mode"] == "max":
            text = self.tr("Max pooling keeps {kept} of the {total} values of channel {n} — the largest of each "
                           "{window} window, outlined on the conv map.")
        else:
            text = self.tr("Average pooling replaces each outlined {window} window of channel {n} by its mean: "
                           "{kept} values from {total}.")
        self.caption.setText(text.format(kept=self.pooled.size, total=conv.size, n=n, window=window)
                             + " " + self.tr("Hover a pooled cell to see where it came from."))

    def retranslate(self) -> None:
        self.channel_label.setText(self.tr("Channel:"))
        self._changed()
