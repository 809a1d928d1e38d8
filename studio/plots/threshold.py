"""The decision threshold of a binary classifier: a slider and a spin box, with the scores at that threshold.

Moving either control emits ``threshold_changed(float)`` (the main window moves the operating point on the ROC
and PR views and recounts the confusion matrix) and shows precision, recall, F1, specificity and accuracy of
"positive when score ≥ threshold" on the scores given to :meth:`ThresholdPanel.set_scores`, computed by
:func:`engine.metrics.threshold_metrics`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from engine.errors import EngineError
from engine.metrics import threshold_metrics
from studio.i18n import Retranslating
from studio.plots.score_curves import positive_scores

__all__ = ["SHOWN", "ThresholdPanel"]

#: The slider's resolution: 1000 steps over [0, 1].
STEPS = 1000
#: The metrics shown, in order.
SHOWN = ("precision", "recall", "f1", "specificity", "accuracy")


class ThresholdPanel(Retranslating, QWidget):
    """Threshold slider (0–1) and spin box kept in step; shows the binary metrics at the threshold."""

    threshold_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("threshold_slider")
        self.slider.setRange(0, STEPS)
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName("threshold_spin")
        self.spin.setRange(0.0, 1.0)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.01)
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        self.form = QFormLayout()
        self.names = {key: QLabel() for key in SHOWN}
        self.values = {key: QLabel("–") for key in SHOWN}
        for key in SHOWN:
            self.values[key].setObjectName(f"value_{key}")
            self.form.addRow(self.names[key], self.values[key])
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(self.form)
        layout.addWidget(self.counts)
        layout.addStretch(1)
        self.metrics: dict[str, Any] | None = None
        self._scores: tuple[np.ndarray, np.ndarray] | None = None
        self._threshold = -1.0  # not a threshold: the first set_threshold is a change
        self.slider.valueChanged.connect(lambda v: self.set_threshold(v / STEPS))
        self.spin.valueChanged.connect(self.set_threshold)
        self.set_threshold(0.5)
        self.retranslate()

    @property
    def threshold(self) -> float:
        return self.spin.value()

    def set_scores(self, y_true: Any, y_score: Any) -> None:
        """Validation labels (0/1) and the positive class's scores ((n,), or (n, 2) whose last column is used)."""
        self._scores = (np.asarray(y_true), positive_scores(np.asarray(y_score)))
        self._update_metrics()

    def set_threshold(self, threshold: float) -> None:
        """Move both controls to ``threshold`` and emit ``threshold_changed`` if it changed."""
        threshold = min(max(float(threshold), 0.0), 1.0)
        changed = threshold != self._threshold
        self._threshold = threshold
        for control, value in ((self.slider, round(threshold * STEPS)), (self.spin, threshold)):
            control.blockSignals(True)
            control.setValue(value)
            control.blockSignals(False)
        if changed:
            self._update_metrics()
            self.threshold_changed.emit(threshold)

    def _update_metrics(self) -> None:
        self.metrics = None
        if self._scores is not None:
            try:
                self.metrics = threshold_metrics(*self._scores, self._threshold)
            except EngineError as error:
                self.counts.setText(str(error))
        for key in SHOWN:
            self.values[key].setText("–" if self.metrics is None else f"{self.metrics[key]:.3f}")
        if self.metrics is not None:
            self.counts.setText(self.tr("TP {tp} · FP {fp} · FN {fn} · TN {tn}").format(
                **{k: f"{self.metrics[k]:g}" for k in ("tp", "fp", "fn", "tn")}))
        elif self._scores is None:
            self.counts.clear()

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.title.setText(self.tr("Threshold:"))
        tip = self.tr("A sample counts as positive when its score is at least this threshold.")
        self.slider.setToolTip(tip)
        self.spin.setToolTip(tip)
        names = {"precision": self.tr("Precision"), "recall": self.tr("Recall (sensitivity)"), "f1": self.tr("F1"),
                 "specificity": self.tr("Specificity"), "accuracy": self.tr("Accuracy")}
        for key, label in self.names.items():
            label.setText(names[key] + ":")
        self._update_metrics()

