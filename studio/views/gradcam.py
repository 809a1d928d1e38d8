"""Grad-CAM: the input image beside the same image with the class-activation heatmap laid over it.

The window computes the heatmap with ``engine.insight.grad_cam`` (H×W in [0, 1], the input's size) and gives it
to :meth:`GradCamView.set_result` with the predicted class. The heat colours (red → yellow) are laid over the
greyscale input with an opacity of heat × the alpha slider, so where nothing raised the score the input shows
unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QVBoxLayout, QWidget

from engine.insight.gradcam import METHODS
from studio.plots.redraw import LiveView
from studio.views.image_grid import ImageGrid, Tile, colourize

__all__ = ["DIM", "GradCamView", "blend"]

#: The input is darkened under the heatmap so that red and yellow stand out on white strokes.
DIM = 0.55


def blend(image: np.ndarray, heatmap: np.ndarray, alpha: float) -> np.ndarray:
    """RGBA (H, W, 4) uint8: the image in greys under the heatmap's colours, opaque where heat × alpha is 1."""
    low, high = float(image.min()), float(image.max())
    grey = colourize(image, low, high, "greys").astype(np.float32) * np.float32(DIM)
    heat = colourize(heatmap, 0.0, 1.0, "heat").astype(np.float32)
    weight = (np.clip(heatmap, 0.0, 1.0) * alpha).astype(np.float32)[..., None]
    mixed = grey * (1 - weight) + heat * weight
    mixed[..., 3] = 255
    return np.round(mixed).astype(np.uint8)


class GradCamView(LiveView):
    """Input and overlay tiles, the predicted class in the title, an alpha slider and a sample chooser."""

    sample_chosen = Signal(int)
    method_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_label = QLabel()
        self.sample_spin = QSpinBox()
        self.sample_spin.setObjectName("sample")
        self.sample_spin.setRange(0, 0)
        self.alpha_label = QLabel()
        self.alpha_slider = QSlider(Qt.Orientation.Horizontal)
        self.alpha_slider.setObjectName("alpha")
        self.alpha_slider.setRange(0, 100)
        self.alpha_slider.setValue(85)
        self.alpha_slider.setMinimumWidth(120)
        self.method_label = QLabel()
        self.method_choice = QComboBox()
        self.method_choice.setObjectName("method")
        self.method_choice.addItems(["Grad-CAM", "HiResCAM"])  # the methods' own names, in METHODS order
        controls = QHBoxLayout()
        for widget in (self.sample_label, self.sample_spin, self.method_label, self.method_choice, self.alpha_label,
                       self.alpha_slider):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.grid = ImageGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.title)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.caption)
        self.image: np.ndarray | None = None
        self.heatmap: np.ndarray | None = None
        self.predicted = 0
        self.class_names: list[str] = []
        self.probability: float | None = None
        self.true_class: int | None = None
        #: The blended RGBA image of the last redraw (H, W, 4), the input's size.
        self.overlay: np.ndarray | None = None
        self.sample_spin.valueChanged.connect(self.sample_chosen)
        self.method_choice.currentIndexChanged.connect(lambda index: self.method_chosen.emit(METHODS[index]))
        self.alpha_slider.valueChanged.connect(self._alpha_changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_sample_count(self, count: int) -> None:
        """How many samples can be chosen (indices 0 … count − 1)."""
        self.sample_spin.setRange(0, max(count - 1, 0))

    def set_result(self, image: Any, heatmap: Any, predicted: int, class_names: Sequence[str] = (),
                   probability: float | None = None, true_class: int | None = None) -> None:
        """The input (H×W or C×H×W), its heatmap (H×W in [0, 1]) and the predicted class (index)."""
        image = np.asarray(image, dtype=np.float64)
        if image.ndim == 3:
            image = image.mean(axis=0)
        heatmap = np.asarray(heatmap, dtype=np.float64)
        if image.ndim != 2 or heatmap.shape != image.shape:
            raise ValueError(f"Grad-CAM: expected a heatmap of the input's size {image.shape[-2:]}, received "
                             f"{heatmap.shape}")
        self.image, self.heatmap = image, heatmap
        self.predicted, self.class_names = int(predicted), [str(name) for name in class_names]
        self.probability, self.true_class = probability, true_class
        self._changed()

    @property
    def method(self) -> str:
        """The engine's name of the chosen method ("gradcam" or "hirescam")."""
        return METHODS[self.method_choice.currentIndex()]

    @property
    def alpha(self) -> float:
        return self.alpha_slider.value() / 100

    # -- drawing -----------------------------------------------------------------------------------------------
    def _name(self, index: int) -> str:
        return self.class_names[index] if index < len(self.class_names) else str(index)

    def _alpha_changed(self, value: int) -> None:
        self.alpha_label.setText(self.tr("Heatmap opacity: {percent}%").format(percent=value))
        self._changed()

    def _redraw(self) -> None:
        if self.image is None or self.heatmap is None:
            self.title.clear()
            self.caption.clear()
            self.overlay = None
            self.grid.clear(self.tr("Train a model with a convolution layer; the evidence for its prediction "
                                    "appears here."))
            return
        title = self.tr("Predicted: {name}").format(name=self._name(self.predicted))
        if self.probability is not None:
            title += self.tr(" ({percent:.0f}%)").format(percent=100 * self.probability)
        if self.true_class is not None:
            title += self.tr(" · true class: {name}").format(name=self._name(self.true_class))
        self.title.setText(title)
        if self.heatmap.max() > 0:
            self.caption.setText(self.tr("Coloured regions raised the predicted class's score (yellow most); "
                                         "uncoloured ones did not."))
        else:
            self.caption.setText(self.tr("No position raised the class's score with this method (common with a "
                                         "flatten + dense head); try HiResCAM."))
        self.overlay = blend(self.image, self.heatmap, self.alpha)
        low, high = float(self.image.min()), float(self.image.max())
        self.grid.set_tiles([Tile(self.image, self.tr("input"), low, high, "greys"),
                             Tile(self.heatmap, self.tr("where the evidence is"), 0.0, 1.0, "heat",
                                  rgba=self.overlay)], columns=2)

    def retranslate(self) -> None:
        self.sample_label.setText(self.tr("Sample:"))
        self.method_label.setText(self.tr("Method:"))
        self.method_choice.setToolTip(self.tr("Grad-CAM weighs each feature map of the last convolution layer by "
                                              "its mean gradient; HiResCAM multiplies map and gradient position by "
                                              "position, which suits a flatten + dense head."))
        self._alpha_changed(self.alpha_slider.value())
