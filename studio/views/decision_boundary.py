"""The model's output as a heatmap over a plane through the data, with the training and validation points.

For more than two features the user picks the two columns spanning the plane (the others held at their median)
or a 2-D PCA projection. Classification shows the probability of the positive class (or of the predicted class,
shaded in its colour) and, with "discretize output", only the predicted classes; regression shows the predicted
surface. Feed it::

    view.set_data(x_train, y_train, x_val, y_val, feature_names=[...], classes=[...])   # classes=[] → regression
    view.set_model(model)          # a private copy of the architecture and weights
    view.set_weights(weights)      # model.get_weights() after an epoch (throttled redraw)
    view.highlight(index)          # a validation row (from the hardest-samples table), None to clear
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.insight.boundary import Boundary, decision_boundary
from engine.model import Sequential
from studio.plots import CLASS_COLOURS
from studio.plots.redraw import LiveView
from studio.plots.style import make_plot
from studio.views import NEGATIVE_RGB, POSITIVE_RGB, ModelMirror, diverging_rgba

__all__ = ["DecisionBoundaryView"]

RESOLUTION = 80
#: How strongly the heatmap is coloured (1 = the points' own colours); lighter, so that the points stand out.
HEATMAP_STRENGTH = 0.6


def _hex(rgb: Sequence[int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


class DecisionBoundaryView(LiveView):
    """Heatmap of the model over a plane, training points (circles) and validation points (squares)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_column, self.y_column, self.projection = QComboBox(), QComboBox(), QComboBox()
        for name, combo in (("x_column", self.x_column), ("y_column", self.y_column),
                            ("projection", self.projection)):
            combo.setObjectName(name)
        self.projection.addItems(["", ""])
        self.discretize, self.show_validation = QCheckBox(), QCheckBox()
        self.discretize.setObjectName("discretize")
        self.show_validation.setObjectName("show_validation")
        self.show_validation.setChecked(True)
        self.x_label, self.y_label, self.projection_label = QLabel(), QLabel(), QLabel()
        controls = QHBoxLayout()
        for widget in (self.projection_label, self.projection, self.x_label, self.x_column, self.y_label,
                       self.y_column, self.discretize, self.show_validation):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.plot = make_plot("decision_boundary")
        item = self.plot.getPlotItem()
        item.setAspectLocked(False)
        self.image = pg.ImageItem()
        item.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w", width=1.2), symbol="o")
        self.val_points = pg.ScatterPlotItem(size=8, pen=pg.mkPen("k", width=1), symbol="s")
        self.marker = pg.ScatterPlotItem(size=22, pen=pg.mkPen("#d62728", width=3), brush=None, symbol="o")
        for points in (self.train_points, self.val_points, self.marker):
            item.addItem(points)
        self.status = QLabel()
        self.status.setObjectName("status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self._mirror: ModelMirror | None = None
        self._x = np.zeros((0, 2))
        self._y = np.zeros(0)
        self._x_val: np.ndarray | None = None
        self._y_val: np.ndarray | None = None
        self._classes: list[str] = []
        self._threshold = 0.5
        self._highlight: int | None = None
        self._frame: tuple[str | float, ...] | None = None  # the axis labels and range drawn last
        self.boundary: Boundary | None = None
        for combo in (self.x_column, self.y_column, self.projection):
            combo.currentIndexChanged.connect(self._on_plane)
        self.discretize.toggled.connect(self._changed)
        self.show_validation.toggled.connect(self._changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_data(self, x_train: np.ndarray, y_train: np.ndarray, x_val: np.ndarray | None = None,
                 y_val: np.ndarray | None = None, *, feature_names: Sequence[str] | None = None,
                 classes: Sequence[str] = (), threshold: float = 0.5) -> None:
        """The points (class indices for classification, values for regression; ``classes=[]`` = regression).

        ``threshold`` turns one output into a class (0.5 for sigmoid outputs, 0 for tanh or linear scores).
        """
        self._x = np.asarray(x_train, dtype=np.float64)
        self._y = np.asarray(y_train).reshape(len(self._x), -1)[:, 0]
        self._x_val = None if x_val is None else np.asarray(x_val, dtype=np.float64)
        self._y_val = None if y_val is None else np.asarray(y_val).reshape(len(self._x_val), -1)[:, 0]
        self._classes = list(classes)
        self._threshold = float(threshold)
        features = self._x.shape[1]
        names = list(feature_names) if feature_names is not None else [f"x{i + 1}" for i in range(features)]
        for combo, default in ((self.x_column, 0), (self.y_column, min(1, features - 1))):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            combo.setCurrentIndex(default)
            combo.blockSignals(False)
        self._highlight = None
        self._frame = None  # new data: the view goes back to the whole plane
        self._on_plane()

    def set_model(self, model: Sequential) -> None:
        """Draw this model (a private copy is kept; follow training with :meth:`set_weights`)."""
        self._mirror = ModelMirror(model)
        self._changed()

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """New weights for the copy (by full parameter name); redrawn at the next tick."""
        if self._mirror is not None:
            self._mirror.set_weights(weights)
            self._changed()

    def set_plane(self, columns: tuple[int, int], projection: str = "median") -> None:
        """Span the plane with feature ``columns`` (others at their median), or use ``projection="pca"``."""
        self.projection.setCurrentIndex(("median", "pca").index(projection))
        self.x_column.setCurrentIndex(columns[0])
        self.y_column.setCurrentIndex(columns[1])

    def highlight(self, index: int | None) -> None:
        """Ring validation row ``index`` (None clears)."""
        self._highlight = index
        self._changed()

    # -- drawing -----------------------------------------------------------------------------------------------
    def _on_plane(self) -> None:
        pca = self.projection.currentIndex() == 1
        self.x_column.setEnabled(not pca)
        self.y_column.setEnabled(not pca)
        self._changed()

    def _columns(self) -> tuple[int, int]:
        return max(self.x_column.currentIndex(), 0), max(self.y_column.currentIndex(), 0)

    def _redraw(self) -> None:
        if self._mirror is None or not len(self._x):
            return
        projection = ("median", "pca")[self.projection.currentIndex()]
        if projection == "median" and self._x.shape[1] > 1 and self._columns()[0] == self._columns()[1]:
            self.status.setText(self.tr("Choose two different columns."))
            return
        regression = not self._classes
        self.boundary = b = decision_boundary(self._mirror.model, self._x, self._columns(), projection=projection,
                                              resolution=RESOLUTION, regression=regression,
                                              threshold=self._threshold)
        self.image.setImage(np.ascontiguousarray(self._colours(b).transpose(1, 0, 2)), autoLevels=False)
        du, dv = b.u[1] - b.u[0], b.v[1] - b.v[0]
        self.image.setRect(QRectF(b.u[0] - du / 2, b.v[0] - dv / 2, du * len(b.u), dv * len(b.v)))
        self._draw_points(b)
        names = [self.x_column.currentText(), self.y_column.currentText()]
        if projection == "pca":
            names = [self.tr("principal component 1"), self.tr("principal component 2")]
        frame = (*names, float(b.u[0]), float(b.u[-1]), float(b.v[0]), float(b.v[-1]))
        if frame != self._frame:  # a label or range set again, even unchanged, makes the axes lay out their text anew
            self._frame = frame
            item = self.plot.getPlotItem()
            item.setLabel("bottom", names[0])
            item.setLabel("left", names[1])
            item.setRange(xRange=frame[2:4], yRange=frame[4:6], padding=0)
        self.status.setText("")

    def _colours(self, b: Boundary) -> np.ndarray:
        outputs = b.outputs.astype(np.float64)
        if b.classes is None:
            surface = outputs[..., 0]
            mid = float(np.median(self._y)) if len(self._y) else 0.0
            rgba = diverging_rgba(surface - mid, float(np.max(np.abs(self._y - mid))) if len(self._y) else None)
            rgba[..., :3] = np.rint(255 - (255 - rgba[..., :3].astype(np.float64)) * HEATMAP_STRENGTH)
            return rgba
        fade = 0.4 if self.discretize.isChecked() else HEATMAP_STRENGTH
        if outputs.shape[2] == 1:
            values = b.classes * 2.0 - 1.0 if self.discretize.isChecked() else outputs[..., 0] - self._threshold
            limit = 1.0 if self.discretize.isChecked() else max(1.0 - self._threshold, self._threshold, 1e-6)
            rgba = diverging_rgba(values, limit)
            rgba[..., :3] = np.rint(255 - (255 - rgba[..., :3].astype(np.float64)) * fade)
            return rgba
        colours = np.array([pg.mkColor(CLASS_COLOURS[i % len(CLASS_COLOURS)]).getRgb()[:3]
                            for i in range(outputs.shape[2])], dtype=np.float64)
        strength = np.full(b.classes.shape, fade) if self.discretize.isChecked() else outputs.max(axis=2)
        rgb = 255 - (255 - colours[b.classes]) * np.clip(strength, 0, 1)[..., None] * HEATMAP_STRENGTH
        rgba = np.full((*b.classes.shape, 4), 255, dtype=np.uint8)
        rgba[..., :3] = np.rint(rgb)
        return rgba

    def _brushes(self, y: np.ndarray) -> list[object]:
        if not self._classes:
            mid = float(np.median(self._y))
            rgba = diverging_rgba(y - mid, float(np.max(np.abs(self._y - mid))) or None)
            return [pg.mkBrush(*c) for c in rgba]
        two = len(self._classes) <= 2
        palette = [_hex(NEGATIVE_RGB), _hex(POSITIVE_RGB)] if two else list(CLASS_COLOURS)
        brushes = [pg.mkBrush(palette[i % len(palette)]) for i in range(max(len(self._classes), 2))]
        return [brushes[int(c)] for c in y]

    def _draw_points(self, b: Boundary) -> None:
        train = b.plane.project(self._x)
        self.train_points.setData(train[:, 0], train[:, 1], brush=self._brushes(self._y))
        show_val = self._x_val is not None and self.show_validation.isChecked()
        if show_val:
            val = b.plane.project(self._x_val)
            self.val_points.setData(val[:, 0], val[:, 1], brush=self._brushes(self._y_val))
        else:
            self.val_points.setData([], [])
        self.val_points.setVisible(show_val)
        if self._highlight is not None and self._x_val is not None and 0 <= self._highlight < len(self._x_val):
            point = b.plane.project(self._x_val[self._highlight:self._highlight + 1])
            self.marker.setData(point[:, 0], point[:, 1])
        else:
            self.marker.setData([], [])

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.projection.setItemText(0, self.tr("Two columns (others at median)"))
        self.projection.setItemText(1, self.tr("PCA projection"))
        self.projection_label.setText(self.tr("Plane:"))
        self.x_label.setText(self.tr("X:"))
        self.y_label.setText(self.tr("Y:"))
        self.discretize.setText(self.tr("Discretize output"))
        self.show_validation.setText(self.tr("Show validation"))
        self.plot.getPlotItem().setTitle(self.tr("Decision boundary"))
        self._changed()
