"""Feature maps: what one convolution or pooling layer outputs for one sample, one tile per channel.

The view does not run the model. It offers a layer chooser and a sample spin box and says what the user chose
(``layer_chosen``, ``sample_chosen``); the window asks the engine (``engine.insight.feature_maps``) and hands the
C×H×W array back with :meth:`FeatureMapsView.set_maps`. During training the maps may arrive after every batch;
the view stores the newest and repaints at most ~30 times a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from studio.plots.redraw import LiveView
from studio.views.image_grid import ImageGrid

__all__ = ["FeatureMapsView", "as_channel_stack"]


def as_channel_stack(maps: Any) -> np.ndarray:
    """A layer's output for one sample as a (C, H, W) stack: C×H×W as is, a 1-D layer's C×L as C×1×L."""
    maps = np.asarray(maps)
    if maps.ndim == 2:
        return maps[:, None, :]
    if maps.ndim != 3:
        raise ValueError(f"feature maps: expected one sample's channels (C, H, W) or (C, L), received shape "
                         f"{maps.shape}")
    return maps


class FeatureMapsView(LiveView):
    """A grid of the chosen layer's channels for the chosen sample, with a shared or per-channel colour scale."""

    layer_chosen = Signal(str)
    sample_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer_label = QLabel()
        self.layer_choice = QComboBox()
        self.layer_choice.setObjectName("layer")
        self.layer_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sample_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setObjectName("sample")
        self.sample_spin.setRange(0, 0)
        self.shared_scale = QCheckBox()
        self.shared_scale.setObjectName("shared_scale")
        self.shared_scale.setChecked(True)
        controls = QHBoxLayout()
        for widget in (self.layer_label, self.layer_choice, self.sample_label, self.sample_spin, self.shared_scale):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.grid = ImageGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.caption)
        #: The newest maps (C, H, W) and whose they are; what the grid shows after the next redraw.
        self.maps: np.ndarray | None = None
        self.maps_layer = ""
        self.maps_sample = 0
        self.layer_choice.currentTextChanged.connect(self._layer_changed)
        self.sample_spin.valueChanged.connect(self.sample_chosen)
        self.shared_scale.toggled.connect(self._changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_layers(self, names: Sequence[str]) -> None:
        """The conv and pool layers to choose from; the choice is kept when its layer is still there."""
        previous = self.current_layer
        self.layer_choice.blockSignals(True)
        self.layer_choice.clear()
        self.layer_choice.addItems(list(names))
        if previous in names:
            self.layer_choice.setCurrentText(previous)
        self.layer_choice.blockSignals(False)
        if self.current_layer != previous:
            self._layer_changed(self.current_layer)

    def set_sample_count(self, count: int) -> None:
        """How many samples can be chosen (indices 0 … count − 1)."""
        self.sample_spin.setRange(0, max(count - 1, 0))

    @property
    def current_layer(self) -> str:
        return self.layer_choice.currentText()

    @property
    def current_sample(self) -> int:
        return self.sample_spin.value()

    def set_maps(self, layer_name: str, maps: Any, sample_index: int | None = None) -> bool:
        """Show ``maps`` (C×H×W, or C×L) of ``layer_name`` for a sample; drawn on the next redraw tick.

        Maps of another layer or sample than the one chosen now (an answer to an older choice) are dropped;
        returns whether the maps were taken.
        """
        if self.layer_choice.count() and layer_name != self.current_layer:
            return False
        if sample_index is not None and sample_index != self.current_sample:
            return False
        self.maps = as_channel_stack(maps)
        self.maps_layer = layer_name
        self.maps_sample = self.current_sample if sample_index is None else sample_index
        self._changed()
        return True

    def clear(self) -> None:
        """Forget the maps (a new model)."""
        self.maps = None
        self._changed()

    # -- drawing -----------------------------------------------------------------------------------------------
    def _layer_changed(self, name: str) -> None:
        if self.maps is not None and name != self.maps_layer:
            self.maps = None
            self._changed()
        if name:
            self.layer_chosen.emit(name)

    def _redraw(self) -> None:
        if self.maps is None:
            self.grid.clear(self.tr("Choose a convolution or pooling layer and a sample; its feature maps "
                                    "appear here."))
            self.caption.clear()
            return
        channels, height, width = self.maps.shape
        titles = [self.tr("channel {n}").format(n=n + 1) for n in range(channels)]
        self.grid.set_stack(self.maps, titles, "viridis", shared_scale=self.shared_scale.isChecked())
        scale = (self.tr("one colour scale for all channels") if self.shared_scale.isChecked()
                 else self.tr("each channel on its own colour scale"))
        self.caption.setText(self.tr("{layer}: {channels} channels of {height}×{width} for sample {sample}; "
                                     "bright = large output, {scale}.")
                             .format(layer=self.maps_layer, channels=channels, height=height, width=width,
                                     sample=self.maps_sample, scale=scale))

    def retranslate(self) -> None:
        self.layer_label.setText(self.tr("Layer:"))
        self.sample_label.setText(self.tr("Sample:"))
        self.shared_scale.setText(self.tr("Same scale for all channels"))
        self.shared_scale.setToolTip(self.tr("On: channels can be compared (a dark tile is a weak channel). Off: "
                                             "every channel is stretched to its own range to show its pattern."))
        self._changed()
