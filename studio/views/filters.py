"""Convolution kernels as images: one tile per (filter, input channel), orange negative, white zero, blue positive.

The view draws what ``engine.insight.filters(model, layer_name)`` returns: the layer's kernels (out×in×kh×kw, or
out×in×k for conv1d) scaled into [0, 1] with one symmetric scale for the whole layer, 0.5 being a zero weight —
so a pale tile is a small kernel and two filters can be compared. With ``largest`` (the layer's largest weight
magnitude) the colour bar is labelled in weight units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from studio.plots.redraw import LiveView
from studio.views.image_grid import ImageGrid, Tile, colourize, to_qimage

__all__ = ["FiltersView"]


class FiltersView(LiveView):
    """The kernels of the chosen convolution layer; rows are filters, columns input channels."""

    layer_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer_label = QLabel()
        self.layer_choice = QComboBox()
        self.layer_choice.setObjectName("layer")
        self.layer_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        controls = QHBoxLayout()
        controls.addWidget(self.layer_label)
        controls.addWidget(self.layer_choice)
        controls.addStretch(1)
        self.low_label, self.zero_label, self.high_label = QLabel(), QLabel(), QLabel()
        self.colour_bar = QLabel()
        self.colour_bar.setPixmap(QPixmap.fromImage(to_qimage(colourize(np.linspace(0, 1, 160)[None].repeat(12, 0),
                                                                        0.0, 1.0, "diverging"))))
        self.colour_bar.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.zero_label.setWordWrap(True)
        scale = QHBoxLayout()
        scale.addWidget(self.low_label)
        scale.addWidget(self.colour_bar)
        scale.addWidget(self.high_label)
        scale.addStretch(1)
        self.grid = ImageGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.grid, 1)
        layout.addLayout(scale)
        layout.addWidget(self.zero_label)
        #: The kernels as given (out, in, kh, kw) in [0, 1], the layer they belong to, its largest |weight|.
        self.filters: np.ndarray | None = None
        self.filters_layer = ""
        self.largest: float | None = None
        self.layer_choice.currentTextChanged.connect(self._layer_changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_layers(self, names: Sequence[str]) -> None:
        """The convolution layers to choose from; the choice is kept when its layer is still there."""
        previous = self.layer_choice.currentText()
        self.layer_choice.blockSignals(True)
        self.layer_choice.clear()
        self.layer_choice.addItems(list(names))
        if previous in names:
            self.layer_choice.setCurrentText(previous)
        self.layer_choice.blockSignals(False)
        if self.layer_choice.currentText() != previous:
            self._layer_changed(self.layer_choice.currentText())

    def set_filters(self, layer_name: str, filters: Any, largest: float | None = None) -> None:
        """Show ``engine.insight.filters`` output (values in [0, 1], 0.5 = zero) of ``layer_name``."""
        filters = np.asarray(filters)
        if filters.ndim == 3:  # conv1d: each kernel is one row
            filters = filters[:, :, None, :]
        if filters.ndim != 4:
            raise ValueError(f"filters: expected kernels (out, in, kh, kw) or (out, in, k), received shape "
                             f"{filters.shape}")
        self.filters, self.filters_layer, self.largest = filters, layer_name, largest
        self._changed()

    @property
    def tile_count(self) -> int:
        return len(self.grid.tiles)

    # -- drawing -----------------------------------------------------------------------------------------------
    def _layer_changed(self, name: str) -> None:
        if name:
            self.layer_chosen.emit(name)

    def _redraw(self) -> None:
        self._scale_texts()
        if self.filters is None:
            self.grid.clear(self.tr("Choose a convolution layer; its kernels appear here."))
            return
        out, inputs = self.filters.shape[:2]
        tiles = []
        for o in range(out):
            for i in range(inputs):
                title = (self.tr("filter {n}").format(n=o + 1) if inputs == 1
                         else self.tr("{f}·{c}").format(f=o + 1, c=i + 1))
                tiles.append(Tile(self.filters[o, i], title, 0.0, 1.0, "diverging"))
        self.grid.set_tiles(tiles, columns=inputs if inputs > 1 else None)

    def _scale_texts(self) -> None:
        if self.largest is None:
            self.low_label.setText(self.tr("negative"))
            self.high_label.setText(self.tr("positive"))
        else:
            self.low_label.setText(f"{-self.largest:.3g}")
            self.high_label.setText(f"+{self.largest:.3g}")
        shape = ""
        if self.filters is not None:
            out, inputs, kh, kw = self.filters.shape
            shape = self.tr("{layer}: {out} filters × {inputs} input channels, {kh}×{kw} kernels. ").format(
                layer=self.filters_layer, out=out, inputs=inputs, kh=kh, kw=kw)
            if inputs > 1:
                shape += self.tr("Tile f·c is filter f on input channel c. ")
        self.zero_label.setText(shape + self.tr("Orange = negative weight, white = 0, blue = positive; one scale "
                                                "for the whole layer."))

    def retranslate(self) -> None:
        self.layer_label.setText(self.tr("Layer:"))
        self._changed()
