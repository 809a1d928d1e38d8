"""Small parts of the main window: the message area, the run's status bar fields and the views' titles."""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.worker import IDLE, PAUSED, RUNNING, STOPPING

__all__ = ["MessageArea", "RunStatus", "format_duration", "view_titles"]

_MESSAGE_STYLE = ("QFrame#message_area { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
                  "QLabel { color: #8a1c1c; }")
#: Epoch-log keys shown in the status bar, in order, with the number of decimals.
_SHOWN_SCORES = ("val_loss", "val_accuracy", "val_roc_auc", "val_f1", "val_mae", "val_rmse", "val_r2")


def view_titles(_owner: Any = None) -> dict[str, str]:
    """Each view's tab title in the current language."""
    return {
        "loss": QCoreApplication.translate("LiveViews", "Loss"),
        "metrics": QCoreApplication.translate("LiveViews", "Metrics"),
        "roc": QCoreApplication.translate("LiveViews", "ROC"),
        "pr": QCoreApplication.translate("LiveViews", "Precision–recall"),
        "confusion": QCoreApplication.translate("LiveViews", "Confusion"),
        "decision_boundary": QCoreApplication.translate("LiveViews", "Decision boundary"),
        "network": QCoreApplication.translate("LiveViews", "Network"),
        "histograms": QCoreApplication.translate("LiveViews", "Histograms"),
        "gradient_flow": QCoreApplication.translate("LiveViews", "Gradient flow"),
        "activations": QCoreApplication.translate("LiveViews", "Activations"),
        "loss_landscape": QCoreApplication.translate("LiveViews", "Loss landscape"),
        "hardest_samples": QCoreApplication.translate("LiveViews", "Hardest samples"),
        "feature_maps": QCoreApplication.translate("LiveViews", "Feature maps"),
        "filters": QCoreApplication.translate("LiveViews", "Filters"),
        "gradcam": QCoreApplication.translate("LiveViews", "Grad-CAM"),
        "pooling": QCoreApplication.translate("LiveViews", "Pooling explorer"),
    }


def format_duration(seconds: float | None) -> str:
    """``75.2`` → ``"1:15"``, ``3725`` → ``"1:02:05"``; "–" when unknown."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "–"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class MessageArea(QFrame):
    """One sentence (an engine error, a diverged run) above the views, with a close button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_area")
        self.setStyleSheet(_MESSAGE_STYLE)
        self.label = QLabel()
        self.label.setObjectName("message")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # engine messages, never markup
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.clicked.connect(lambda: self.show_text(""))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_text(self, text: str, details: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(details)
        self.setVisible(bool(text))

    @staticmethod
    def wrap(messages: MessageArea, content: QWidget) -> QWidget:
        """A widget holding ``messages`` above ``content``."""
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(4, 4, 4, 0)
        column.setSpacing(4)
        column.addWidget(messages)
        column.addWidget(content, 1)
        return widget


#: The status bar's fields are rewritten at most once per this many milliseconds during a run.
STATUS_INTERVAL_MS = 250


class RunStatus(QObject):
    """The status bar fields of a run: state, epoch, step, elapsed, remaining, samples/s, latest scores."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.state, self.epoch, self.step = QLabel(), QLabel(), QLabel()
        self.elapsed, self.remaining, self.speed, self.scores = QLabel(), QLabel(), QLabel(), QLabel()
        for name in ("state", "epoch", "step", "elapsed", "remaining", "speed", "scores"):
            getattr(self, name).setObjectName(f"status_{name}")
        self.progress = QProgressBar()
        self.progress.setObjectName("status_progress")
        self.progress.setMaximumWidth(140)
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        for widget in (self.scores, self.state, self.epoch, self.step, self.elapsed, self.remaining, self.speed,
                       self.progress):
            bar.addPermanentWidget(widget)
        #: the newest epoch logs (numbers only)
        self.latest: dict[str, float] = {}
        self._state = IDLE
        self._first_epoch = self._epochs = 0
        self._values: dict[str, Any] = {}
        # the fields and the bar are rewritten at most 4 times a second, however fast the updates arrive: each
        # rewrite repaints the status bar and flushes the window's other pending paints with it
        self._timer = QTimer(self, singleShot=True, interval=STATUS_INTERVAL_MS)
        self._timer.timeout.connect(self.retranslate)
        #: context manager factory around every rewrite (the window sets one that keeps the training thread waiting
        #: meanwhile: a label's size hint lets the interpreter go, once per field)
        self.guard: Callable[[], AbstractContextManager[object]] = nullcontext
        self.clear()

    def clear(self) -> None:
        self.latest = {}
        self._values = {"epoch": None, "step": None, "elapsed": None, "remaining": None, "speed": None,
                        "percent": 0}
        self.retranslate()

    def start(self, first_epoch: int, epochs: int) -> None:
        """A run of ``epochs`` begins after epoch ``first_epoch``."""
        self._first_epoch, self._epochs = int(first_epoch), int(epochs)
        self._values.update(remaining=None, speed=None, percent=0)
        self._set_progress(0)

    def set_state(self, state: str) -> None:
        self._state = state
        self.retranslate()

    def on_batch(self, update: dict[str, Any]) -> None:
        elapsed = float(update.get("elapsed", 0.0))
        self._values.update(step=int(update["step"]), elapsed=elapsed)
        if elapsed > 0:
            self._values["speed"] = update.get("samples", 0) / elapsed
        self._later()

    def on_progress(self, percent: int) -> None:
        self._values["percent"] = percent
        elapsed = self._values.get("elapsed")
        if percent > 0 and elapsed:
            self._values["remaining"] = elapsed * (100 - percent) / percent
        self._later()

    def _set_progress(self, percent: int) -> None:
        bar = self.progress
        if bar.value() == percent:
            return
        bar.setUpdatesEnabled(False)  # QProgressBar.setValue repaints at once, flushing every pending plot paint
        bar.setValue(percent)
        bar.setUpdatesEnabled(True)  # ... this schedules its paint with the others instead

    def on_epoch(self, logs: dict[str, Any]) -> None:
        self._values.update(epoch=int(logs["epoch"]) + 1, step=int(logs["step"]), elapsed=float(logs["elapsed"]))
        self.latest = {k: float(v) for k, v in logs.items() if isinstance(v, int | float) and not isinstance(v, bool)}
        self._later()

    def _later(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def finish(self, summary: dict[str, Any]) -> None:
        self._values["remaining"] = 0.0 if summary else None
        self.retranslate()

    def retranslate(self) -> None:
        """Write every field in the current language."""
        with self.guard():
            self._write()

    def _write(self) -> None:
        self._timer.stop()
        values = self._values
        self._set_progress(values["percent"])
        states = {IDLE: self.tr("Ready"), RUNNING: self.tr("Training"), PAUSED: self.tr("Paused"),
                  STOPPING: self.tr("Stopping")}
        _show(self.state, states.get(self._state, self._state))
        last = self._first_epoch + self._epochs
        epoch = values["epoch"]
        _show(self.epoch, self.tr("Epoch {epoch} / {last}").format(epoch=epoch if epoch is not None else "–",
                                                                    last=last if self._epochs else "–"))
        _show(self.step, self.tr("Step {step}").format(step=values["step"] if values["step"] is not None else "–"))
        _show(self.elapsed, self.tr("Elapsed {time}").format(time=format_duration(values["elapsed"])))
        _show(self.remaining, self.tr("Remaining {time}").format(time=format_duration(values["remaining"])))
        speed = values["speed"]
        _show(self.speed, self.tr("{rate} samples/s").format(rate=f"{speed:,.0f}" if speed else "–"))
        names = {"val_loss": self.tr("val loss"), "val_accuracy": self.tr("val accuracy"),
                 "val_roc_auc": self.tr("val AUC"), "val_f1": self.tr("val F1"), "val_mae": self.tr("val MAE"),
                 "val_rmse": self.tr("val RMSE"), "val_r2": self.tr("val R²")}
        parts = [f"{names[key]} {self.latest[key]:.3f}" for key in _SHOWN_SCORES if key in self.latest]
        _show(self.scores, " · ".join(parts))


def _show(label: QLabel, text: str) -> None:
    """Set a status field's text at a fixed size that only ever grows.

    A label whose size may change asks its window to lay out again at every new text, and a main window lays
    out all its docks and toolbars (with an animation object each) — ten times a second during a run. At a fixed
    size, Qt skips that; the size grows (one layout) when a longer text needs it."""
    if label.text() == text:
        return
    label.setText(text)
    hint = label.sizeHint()
    width, height = max(hint.width(), label.minimumWidth()), max(hint.height(), label.minimumHeight())
    if (width, height) != (label.maximumWidth(), label.maximumHeight()):
        label.setFixedSize(width, height)
