"""Metric curves per epoch (accuracy, F1, AUC; or MAE, RMSE, R²) above the learning rate.

``set_task`` picks the metrics offered first (the trainer's defaults for the task); any other metric found in the
logs joins the chooser. Values are stored by :meth:`MetricCurvesView.add_epoch` and drawn at the next redraw.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.registry import METRICS
from studio.plots import TRAIN_COLOUR, VALIDATION_COLOUR
from studio.plots.buffers import peak_downsample
from studio.plots.redraw import LiveView
from studio.plots.series import SYMBOL_LIMIT
from studio.plots.style import add_legend, make_plot, pen, set_legend_texts

__all__ = ["LR_COLOUR", "TASK_METRICS", "MetricCurvesView"]

#: The metrics offered first for each task (the trainer's defaults); other metrics seen in the logs follow.
TASK_METRICS = {"binary": ("accuracy", "f1", "roc_auc"), "multiclass": ("accuracy", "f1", "roc_auc"),
                "regression": ("mae", "rmse", "r2")}
LR_COLOUR = "#59a14f"
#: Log entries that are not metrics.
_NOT_METRICS = {"loss", "lr", "epoch", "step", "elapsed", "samples", "size", "batch"}


class MetricCurvesView(LiveView):
    """One metric per epoch (train blue, validation orange), chosen from a list, above the learning rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metric_label = QLabel()
        self.metric_choice = QComboBox()
        self.metric_choice.setObjectName("metric")
        controls = QHBoxLayout()
        controls.addWidget(self.metric_label)
        controls.addWidget(self.metric_choice)
        controls.addStretch(1)
        self.plot = make_plot("metric_curves")
        self.legend_train, self.legend_val = add_legend(self.plot.getPlotItem(), (TRAIN_COLOUR, VALIDATION_COLOUR),
                                                        (-10, -10))
        self.train_item = pg.PlotDataItem(pen=pen(TRAIN_COLOUR), symbol="o", symbolSize=5,
                                          symbolBrush=TRAIN_COLOUR, symbolPen=None)
        self.val_item = pg.PlotDataItem(pen=pen(VALIDATION_COLOUR), symbol="o", symbolSize=5,
                                        symbolBrush=VALIDATION_COLOUR, symbolPen=None)
        self.plot.addItem(self.train_item)
        self.plot.addItem(self.val_item)
        self.lr_plot = make_plot("learning_rate")
        self.lr_item = pg.PlotDataItem(pen=pen(LR_COLOUR))
        self.lr_plot.addItem(self.lr_item)
        self.lr_plot.setXLink(self.plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 3)
        layout.addWidget(self.lr_plot, 2)
        self.task = "binary"
        self._labelled: str | None = None  # the metric the titles name (set again only when it changes)
        self.epochs: list[float] = []
        self._rows: list[Mapping[str, Any]] = []  # each epoch's logs as delivered
        self._keys: dict[str, None] = {}  # the numeric entries seen, in order of appearance
        self._seen: set[str] = set()  # every entry seen
        self._columns: dict[str, list[float]] = {}  # the entries read out so far, one value per epoch
        self.metric_choice.currentIndexChanged.connect(self._changed)
        self.set_task("binary")
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_task(self, task: str) -> None:
        """``"binary"``, ``"multiclass"`` or ``"regression"``: which metrics the chooser offers first."""
        if task not in TASK_METRICS:
            raise ValueError(f"expected a task among {list(TASK_METRICS)}, received {task!r}")
        self.task = task
        self._fill_chooser()
        self._changed()

    def add_epoch(self, epoch: int, logs: Mapping[str, Any]) -> None:
        """An epoch's logs: metric values (``accuracy``, ``val_accuracy``, …) and ``lr``; others are ignored."""
        self.add_epochs([(epoch, logs)])

    def add_epochs(self, epochs: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        """Several epochs' logs at once, in order (``(epoch, logs)`` each, as :meth:`add_epoch`): one redraw.

        Only stored here (a toy run delivers thousands of epochs a second); the columns a redraw shows are read
        out of them then, within the plots' drawing budget."""
        new_metric = False
        seen = self._seen
        for epoch, logs in epochs:
            self.epochs.append(float(epoch))
            self._rows.append(logs)
            if not logs.keys() <= seen:
                new_metric = self._learn(logs) or new_metric
        if new_metric:
            self._fill_chooser()
        self._changed()

    def _learn(self, logs: Mapping[str, Any]) -> bool:
        """Note the keys of ``logs`` not seen before; True when one of them is a metric."""
        new_metric = False
        for key, value in logs.items():
            if key not in self._seen and _number(value) is not None:
                self._keys[key] = None
                new_metric = new_metric or self._is_metric(key)
        self._seen.update(logs.keys())
        return new_metric

    def column(self, key: str) -> list[float]:
        """The values of ``key`` for every epoch so far (NaN where an epoch lacks it or it is not finite)."""
        values = self._columns.setdefault(key, [])
        rows = self._rows
        if len(values) < len(rows):
            values.extend(v if (v := _number(row.get(key))) is not None and math.isfinite(v) else math.nan
                          for row in rows[len(values):])
        return values

    @property
    def logs(self) -> dict[str, list[float]]:
        """Every numeric log entry as a column, one value per epoch."""
        return {key: self.column(key) for key in self._keys}

    def clear(self) -> None:
        """Forget every epoch (a new run)."""
        self.epochs.clear()
        self._rows.clear()
        self._keys.clear()
        self._seen.clear()
        self._columns.clear()
        self._fill_chooser()
        self._changed()

    def set_metric(self, key: str) -> None:
        """Show ``key`` (e.g. "f1") if the chooser offers it."""
        index = self.metric_choice.findData(key)
        if index >= 0:
            self.metric_choice.setCurrentIndex(index)

    @property
    def metric_key(self) -> str:
        return self.metric_choice.currentData() or ""

    # -- behaviour ---------------------------------------------------------------------------------------------
    @staticmethod
    def _is_metric(key: str) -> bool:
        return not key.startswith("val_") and key not in _NOT_METRICS

    def _metric_keys(self) -> list[str]:
        seen = [k for k in self._keys if self._is_metric(k) or (k.startswith("val_") and k[4:] not in _NOT_METRICS)]
        extra = [k.removeprefix("val_") for k in seen]
        defaults = list(TASK_METRICS[self.task])
        return defaults + [k for k in dict.fromkeys(extra) if k not in defaults]

    def _display(self, key: str) -> str:
        names = {"accuracy": self.tr("Accuracy"), "f1": self.tr("F1"), "roc_auc": self.tr("AUC"),
                 "mae": self.tr("MAE"), "rmse": self.tr("RMSE"), "r2": self.tr("R²")}
        if key in names:
            return names[key]
        return str(METRICS.meta(key).get("display", key)) if key in METRICS else key

    def _fill_chooser(self) -> None:
        current = self.metric_key
        self.metric_choice.blockSignals(True)
        self.metric_choice.clear()
        for key in self._metric_keys():
            self.metric_choice.addItem(self._display(key), key)
        self.metric_choice.setCurrentIndex(max(self.metric_choice.findData(current), 0))
        self.metric_choice.blockSignals(False)

    def _redraw(self) -> None:
        """The chosen metric and the learning rate, at most two points per pixel column, dots while sparse."""
        key = self.metric_key
        epochs = np.asarray(self.epochs, dtype=np.float64)
        buckets = max(int(self.plot.getPlotItem().getViewBox().width()), 16)
        for item, column in ((self.train_item, key), (self.val_item, f"val_{key}"), (self.lr_item, "lr")):
            values = self.column(column) if column in self._keys else None
            if values is None:
                item.setData([], [])
                continue
            if item is not self.lr_item:
                marked = "o" if len(epochs) <= SYMBOL_LIMIT else None
                if item.opts["symbol"] != marked:
                    item.setSymbol(marked)
            item.setData(*peak_downsample(epochs, np.asarray(values, dtype=np.float64), buckets))
        if key != self._labelled:  # titles and legends lay out text: only when the metric changes
            self._update_labels()

    def _update_labels(self) -> None:
        self._labelled = self.metric_key
        name = self._display(self.metric_key) if self.metric_key else ""
        item = self.plot.getPlotItem()
        item.setTitle(name)
        item.setLabel("left", name)
        set_legend_texts(item, {self.legend_train: self.tr("train"), self.legend_val: self.tr("validation")})
        lr = self.lr_plot.getPlotItem()
        lr.setTitle(self.tr("Learning rate"))
        lr.setLabel("left", self.tr("lr"))
        lr.setLabel("bottom", self.tr("Epoch"))

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.metric_label.setText(self.tr("Metric:"))
        self.metric_choice.setToolTip(self.tr("The metric to plot, on the training and the validation data."))
        for i in range(self.metric_choice.count()):
            self.metric_choice.setItemText(i, self._display(self.metric_choice.itemData(i)))
        self._update_labels()


def _number(value: Any) -> float | None:
    """``value`` as a float when it is a number (not a bool), else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None
