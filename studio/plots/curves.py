"""Loss curves (train and validation, per epoch or per batch) and metric curves with the learning rate.

Both views only store values in their update methods; the plots are redrawn at most ~30 times a second (see
:mod:`studio.plots.redraw`). Feed them from the training signals::

    loss_view.add_batch(step, loss)          # every (throttled) batch update
    loss_view.add_epoch(epoch, logs)         # logs: loss, val_loss, and step (the global step at epoch end)
    loss_view.add_epochs([(epoch, logs), …]) # several at once (one redraw)
    metric_view.set_task("binary")           # "binary" | "multiclass" | "regression": the metric choices
    metric_view.add_epoch(epoch, logs)       # logs: accuracy, val_accuracy, …, lr

``epoch`` is the number to show (1 for the first epoch).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from numbers import Real
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from studio.plots import GUIDE_COLOUR, TRAIN_COLOUR, VALIDATION_COLOUR
from studio.plots.metric_curves import MetricCurvesView
from studio.plots.redraw import LiveView
from studio.plots.series import Series
from studio.plots.style import add_legend, make_plot, pen, set_legend_texts

__all__ = ["LossCurvesView", "MetricCurvesView"]


def _format(value: float) -> str:
    return "–" if not math.isfinite(value) else f"{value:.4g}"


class LossCurvesView(LiveView):
    """Train (blue) and validation (orange) loss per epoch or per batch, with log axis, smoothing and hover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_axis = QComboBox()
        self.x_axis.setObjectName("x_axis")
        self.x_axis.addItems(["", ""])
        self.log_y = QCheckBox()
        self.log_y.setObjectName("log_y")
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("smoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setMaximumWidth(160)
        self.smoothing_label = QLabel()
        self.smoothing_value = QLabel()
        self.smoothing_value.setMinimumWidth(32)
        self.x_axis_label = QLabel()
        controls = QHBoxLayout()
        for widget in (self.x_axis_label, self.x_axis, self.log_y, self.smoothing_label, self.smoothing,
                       self.smoothing_value):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.plot = make_plot("loss_curves")
        item = self.plot.getPlotItem()
        self.legend_train, self.legend_val = add_legend(item, (TRAIN_COLOUR, VALIDATION_COLOUR), (-10, 10))
        self.batch = Series(item, TRAIN_COLOUR)
        self.epoch_train = Series(item, TRAIN_COLOUR, symbol="o")
        self.epoch_val = Series(item, VALIDATION_COLOUR, symbol="o")
        self.step_val = Series(item, VALIDATION_COLOUR, symbol="o")
        self.hover_line = pg.InfiniteLine(angle=90, movable=False, pen=pen(GUIDE_COLOUR, 1, dashed=True))
        self.hover_line.setVisible(False)
        item.addItem(self.hover_line, ignoreBounds=True)
        self.hover = QLabel()
        self.hover.setObjectName("hover")
        self.hover.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover)
        self._epoch_steps: list[float] = []
        self._drawn_range: tuple[float, float] | None = None
        self.x_axis.currentIndexChanged.connect(self._on_axis)
        self.log_y.toggled.connect(self._on_log)
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse)
        item.getViewBox().sigRangeChanged.connect(self._on_range)
        self.smoothing.setValue(60)
        self.retranslate()
        self._on_axis()

    # -- API ---------------------------------------------------------------------------------------------------
    def add_batch(self, step: int, loss: float) -> None:
        """One training batch's loss at global step ``step`` (only stored; drawn at the next redraw)."""
        self.batch.add(step, loss)
        self._changed()

    def add_epoch(self, epoch: int, logs: Mapping[str, Any]) -> None:
        """An epoch's results: ``loss``, optional ``val_loss`` and ``step`` (global step at the epoch's end)."""
        self.add_epochs([(epoch, logs)])

    def add_epochs(self, epochs: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        """Several epochs' results at once, in order (``(epoch, logs)`` each, as :meth:`add_epoch`): one redraw.
        Values that are missing or not finite are left out (a diverged epoch is reported, not drawn)."""
        rows = list(epochs)
        if rows:
            x = np.array([epoch for epoch, _ in rows], dtype=np.float64)
            steps, val = _column(rows, "step"), _column(rows, "val_loss")
            self.epoch_train.extend_finite(x, _column(rows, "loss"))
            self.epoch_val.extend_finite(x, val)
            self.step_val.extend_finite(steps, val)
            self._epoch_steps.extend(steps[np.isfinite(steps)].tolist())
        self._changed()

    def clear(self) -> None:
        """Forget every point (a new run)."""
        for series in self._all():
            series.clear()
        self._epoch_steps.clear()
        self.hover.clear()
        self._changed()

    def set_x_axis(self, unit: str) -> None:
        """Show the curves against ``"epoch"`` or ``"step"`` (batches)."""
        self.x_axis.setCurrentIndex(("epoch", "step").index(unit))

    def set_smoothing(self, weight: float) -> None:
        """The EMA weight, 0 (raw) to 0.99."""
        self.smoothing.setValue(round(weight * 100))

    @property
    def unit(self) -> str:
        return ("epoch", "step")[self.x_axis.currentIndex()]

    def hover_text(self, x: float) -> str:
        """What the hover line says at ``x`` (data coordinates): the nearest epoch or step and its losses."""
        parts = []
        if self.unit == "epoch":
            named = ((self.tr("train"), self.epoch_train), (self.tr("validation"), self.epoch_val))
            near = [p for p in (s.nearest(x) for _, s in named) if p is not None]
            if not near:
                return ""
            target = min(near, key=lambda p: abs(p[0] - x))[0]
            parts.append(self.tr("Epoch {epoch}").format(epoch=f"{target:g}"))
        else:
            named = ((self.tr("train"), self.batch), (self.tr("validation"), self.step_val))
            point = self.batch.nearest(x) or self.step_val.nearest(x)
            if point is None:
                return ""
            target = point[0]
            epoch = sum(1 for s in self._epoch_steps if s < target) + 1
            parts.append(self.tr("Step {step} (epoch {epoch})").format(step=f"{target:g}", epoch=epoch))
        for name, series in named:
            point = series.nearest(target)
            if point is None or point[0] != target:
                continue
            text = f"{name} {_format(point[1])}"
            if series.weight > 0:
                text += " " + self.tr("(smoothed {value})").format(value=_format(point[2]))
            parts.append(text)
        return " · ".join(parts)

    # -- behaviour ---------------------------------------------------------------------------------------------
    def _all(self) -> tuple[Series, ...]:
        return self.batch, self.epoch_train, self.epoch_val, self.step_val

    def _shown(self) -> tuple[tuple[Series, str], ...]:
        if self.unit == "epoch":
            return (self.epoch_train, self.tr("train")), (self.epoch_val, self.tr("validation"))
        return (self.batch, self.tr("train (per batch)")), (self.step_val, self.tr("validation"))

    def _on_axis(self) -> None:
        shown = [s for s, _ in self._shown()]
        for series in self._all():
            series.set_visible(series in shown)
        self.plot.getPlotItem().enableAutoRange()
        self._update_labels()
        self._changed()

    def _on_log(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(y=on)
        self._changed()

    def _on_smoothing(self, value: int) -> None:
        self.smoothing_value.setText(f"{value / 100:.2f}")
        for series in self._all():
            series.set_weight(value / 100)
        self._changed()

    def _visible_range(self) -> tuple[float, float] | None:
        """The x range to draw: None (everything) while the view follows the data, else the zoomed range."""
        box = self.plot.getPlotItem().getViewBox()
        if box.autoRangeEnabled()[0]:
            return None
        low, high = box.viewRange()[0]
        return float(low), float(high)

    def _on_range(self, *_: object) -> None:
        if self._visible_range() != self._drawn_range:  # zoomed or panned by the user, or back to auto
            self._changed()

    def _redraw(self) -> None:
        self._drawn_range = self._visible_range()
        pixels = int(self.plot.getPlotItem().getViewBox().width())
        for series, _ in self._shown():
            series.draw(self._drawn_range, pixels)

    def _on_mouse(self, position: QPointF) -> None:
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(position):
            self.hover_line.setVisible(False)
            return
        x = box.mapSceneToView(position).x()
        text = self.hover_text(x)
        self.hover.setText(text)
        self.hover_line.setVisible(bool(text))
        if text:
            self.hover_line.setValue(float(text and self._snap(x)))

    def _snap(self, x: float) -> float:
        near = [p[0] for p in (s.nearest(x) for s, _ in self._shown()) if p is not None]
        return min(near, key=lambda v: abs(v - x)) if near else x

    def _update_labels(self) -> None:
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("Epoch") if self.unit == "epoch" else self.tr("Step (batch)"))
        item.setLabel("left", self.tr("Loss"))
        item.setTitle(self.tr("Loss"))
        (_, train), (_, val) = self._shown()
        set_legend_texts(item, {self.legend_train: train, self.legend_val: val})

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.x_axis_label.setText(self.tr("X axis:"))
        self.x_axis.setItemText(0, self.tr("Epochs"))
        self.x_axis.setItemText(1, self.tr("Batches"))
        self.log_y.setText(self.tr("Log scale"))
        self.log_y.setToolTip(self.tr("Show the loss on a logarithmic axis."))
        self.smoothing_label.setText(self.tr("Smoothing:"))
        self.smoothing.setToolTip(self.tr("TensorBoard-style exponential moving average (0 = raw); the raw "
                                          "curve stays faint behind the smoothed one."))
        self._update_labels()


def _column(rows: list[tuple[int, Mapping[str, Any]]], key: str) -> np.ndarray:
    """``logs[key]`` of each row as float64, NaN where it is missing or not a number."""
    return np.array([_float(logs.get(key)) for _, logs in rows], dtype=np.float64)


def _float(value: Any) -> float:
    kind = type(value)
    if kind is float or kind is int:  # the engine's logs and steps: without the slower ABC check
        return float(value)
    return float(value) if isinstance(value, Real) else math.nan
