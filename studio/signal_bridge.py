"""The training's callback in the worker thread: the engine's hooks become rate-limited Qt signals.

The :class:`SignalBridge` reads the GUI's requests (:class:`studio.run_control.RunControl`) between batches: stop
sets ``trainer.stop_training``, pause blocks the worker on an event wait (no busy loop), a new learning rate
applies from the next step. It takes only the batch ends it needs (``Callback.wants_batch_end``): for the others
the worker pays one call and a clock read. Everything it emits is plain values or arrays the engine already
copied.

Epoch results are never dropped but they are coalesced: a toy problem ends thousands of epochs a second, and one
queued signal per epoch would keep the GUI thread (and the interpreter the training needs) busy with deliveries.
The bridge sends the epochs that ended since its last delivery as one ``epochs`` list, at most ~10 times a second
and always before a pause and at the end of a run; the controller replays them one by one as ``epoch_end`` for
receivers that want single epochs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.callbacks.base import Callback
from engine.insight.stats import GradientMeans
from studio.run_control import RunControl
from studio.throttle import Throttle

__all__ = ["USER_STOP", "SignalBridge", "TrainingSignals"]

USER_STOP = "Training was stopped by the user."


class TrainingSignals(QObject):
    """What a run reports to the window. Exactly one of ``finished``/``failed`` ends every run.

    The controller's public instance emits in the GUI thread only: the bridge emits on a private relay instance,
    whose signals are connected signal-to-signal (queued by Qt) to the public ones. Receivers of every kind —
    slots, lambdas, test helpers that disconnect while events are pending — are then called directly in the GUI
    thread, never from a queue addressed to a Python callable that may already be gone.
    """

    #: The signals the worker thread emits (through the relay); the controller emits finished/failed itself.
    WORKER_SIGNALS = ("started", "batch_update", "progress", "epochs", "captured", "paused", "scores", "snapshot")
    # Payloads are typed ``object``: PySide6 converts a ``dict`` or ``list`` argument to a QVariantMap/List and
    # back, item by item, on both threads (a list of 300 epoch dicts: ~1.4 ms per emit); an object is passed as
    # it is. A payload is never touched again by its sender, and receivers treat it as read-only.

    started = Signal()
    batch_update = Signal(object)  # epoch, batch, step, loss, lr, samples, elapsed — at most SIGNALS_PER_SECOND
    progress = Signal(int)  # whole percent of the run's steps, when it changed, as often, always the 100
    epochs = Signal(object)  # the epochs ended since the last emit, in order (one epoch_end dict each), as often
    epoch_end = Signal(object)  # epoch, step, elapsed and the epoch logs (loss, metrics, val_*, lr) — the controller's
    #                           replay of ``epochs``, one emit per epoch, in the GUI thread
    captured = Signal(object)  # epoch, step and "activations" / "gradients" ({name: array copy})
    paused = Signal(bool)  # True when the worker starts waiting, False when it goes on
    scores = Signal(object)  # epoch, y_true, y_score: the probe's scores (copies), right after an `epochs` list,
    #                          ≤ 4 a second, and the last epoch's
    snapshot = Signal(object)  # epoch, step, weights ({name: copy}) — only when asked, a few times a second
    finished = Signal(object)  # summary: epoch, epochs_run, step, stopped, diverged, stop_reason, elapsed, logs
    failed = Signal(str, str)  # one readable sentence, then the details (traceback)


class SignalBridge(Callback):
    """Turns the trainer's hooks into :class:`TrainingSignals` and applies the GUI's requests between batches."""

    def __init__(self, signals: TrainingSignals, control: RunControl, *, epochs: int, rows: int,
                 batch_size: int | None, max_per_second: float = 20.0, clock: Callable[[], float] = time.monotonic,
                 probe: tuple[Any, Any] | None = None, snapshots_per_second: float | None = None) -> None:
        super().__init__()
        self.signals = signals
        self.control = control
        self.epochs = int(epochs)
        #: training rows per epoch, and rows per batch (every batch but an epoch's last is full)
        self.rows = max(1, int(rows))
        self.batch_rows = self.rows if not batch_size else min(int(batch_size), self.rows)
        self.steps_per_epoch = -(-self.rows // self.batch_rows)
        self.total_steps = max(1, self.epochs * self.steps_per_epoch)
        self.probe = probe
        self._clock = clock
        #: the newest batch as a tuple (epoch, batch, step, loss, samples); the dict is built only when sent
        self._throttle: Throttle[tuple[int, int, int, float, int]] = Throttle(self._deliver_batch, max_per_second,
                                                                              clock)
        self._percents: Throttle[int] = Throttle(signals.progress.emit, max_per_second, clock)
        self._epoch_logs: list[dict[str, Any]] = []
        self._epochs: Throttle[list[dict[str, Any]]] = Throttle(self._deliver_epochs, max_per_second, clock)
        #: captures and snapshots: at most ``snapshots_per_second`` (default: as many as batch updates)
        self._capture_interval = 1.0 / (snapshots_per_second or max_per_second)
        self._last_snapshot: float | None = None
        self._captured: dict[str, Any] = {}  # the newest layer capture, for the snapshot digest
        self._last_score: float | None = None
        self._scored = -1
        self._gradient_means: GradientMeans | None = None
        self._wanted: tuple[bool, bool] | None = None  # a capture request waiting for its turn
        self._capture_sent = False  # asked of the trainer: the next batch end brings it
        self._last_capture: float | None = None
        self._percent = -1
        self._first_step = self._epoch_step = self._samples = self._final_epoch = 0
        self._due = -math.inf  # the clock time from which the next batch update may go out
        self._epoch_due = -math.inf  # ... and from which an epoch's end delivers its results (or scores)
        self._start = self._paused_for = 0.0

    def elapsed(self) -> float:
        """Seconds of training in this run, time spent paused excluded."""
        return self._clock() - self._start - self._paused_for

    # -- hooks -------------------------------------------------------------------------------------------------
    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._start, self._paused_for = self._clock(), 0.0
        self._first_step = self._epoch_step = self.trainer.global_step
        self._final_epoch = self.trainer.epoch + self.epochs - 1
        self._samples = 0
        self._due = self._epoch_due = -math.inf
        self._throttle.reset()
        self._percents.reset()
        self._epochs.reset()
        self._epoch_logs = []
        self._progress()

    def wants_batch_end(self, batch: int) -> bool:
        """Asked before every batch end, so it only compares: the bridge takes the batches it can show (~10 a
        second), any while the GUI asks for something, the one a capture comes with, the first from which a
        waiting capture request may go to the trainer, and an epoch's last when that epoch's results go out (so
        that the newest batch shown is the epoch's last) or the run ends."""
        if self.control.attention or self._capture_sent:
            return True
        now = self._clock()
        return now >= self._due or (batch + 1 >= self.steps_per_epoch
                                    and (now >= self._epoch_due or self.trainer.epoch >= self._final_epoch))

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        """A batch the bridge asked for: requests, captures, snapshots, one throttled batch update, a checkpoint."""
        logs = logs or {}
        trainer, control = self.trainer, self.control
        samples = self._samples + min((batch + 1) * self.batch_rows, self.rows)
        if control.has_requests:
            lr, capture = control.take()
            if lr is not None:  # from the next step on
                trainer.optimizer.lr = lr
            if capture is not None:
                self._wanted = capture
        if "activations" in logs or "gradients" in logs:
            captured = {k: logs[k] for k in ("activations", "gradients") if k in logs}
            self._captured = captured
            self._capture_sent = False
            self.signals.captured.emit({"epoch": trainer.epoch, "step": trainer.global_step, **captured})
        self._forward_capture()
        if control.snapshots.is_set():
            now = self._clock()
            if self._last_snapshot is None or now - self._last_snapshot >= self._capture_interval:
                self._last_snapshot = now
                self._snapshot()
        self._throttle.submit((trainer.epoch, batch, trainer.global_step, logs["loss"], samples))
        self._due = self._throttle.next_due
        if self._wanted is not None:  # ask again when the capture may go
            self._due = min(self._due, self._last_capture + self._capture_interval)
        self._progress()
        if batch + 1 < self.steps_per_epoch and control.attention:  # an epoch's last pauses after its results
            self._checkpoint()

    def _forward_capture(self) -> None:
        """Pass a waiting capture request to the trainer (for the next batch) at most once per interval."""
        if self._wanted is None:
            return
        now = self._clock()
        if self._last_capture is None or now - self._last_capture >= self._capture_interval:
            self.trainer.request_capture(*self._wanted)
            self._wanted, self._last_capture, self._capture_sent = None, now, True

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        """Every epoch: its entry joins the waiting list. The rest (delivering the list, scores, a Step's pause, a
        checkpoint) only when it is due, asked for, or the run's last epoch: a toy run ends thousands of epochs a
        second, and this is the part of the bridge that runs on each of them."""
        trainer, control = self.trainer, self.control
        step = trainer.global_step
        self._samples += min((step - self._epoch_step) * self.batch_rows, self.rows)  # a stop may end an epoch early
        self._epoch_step = step
        now = self._clock()
        entry = {"epoch": epoch, "step": step, "elapsed": now - self._start - self._paused_for}
        if logs:
            entry.update(logs)
            for key, value in logs.items():  # the engine's logs are floats; other callbacks may add NumPy values
                if type(value) is not float:
                    entry[key] = _plain(value)
        if control.gradient_means.is_set():  # the last batch's gradients, still in the parameters
            if self._gradient_means is None or self._gradient_means.model is not trainer.model:
                self._gradient_means = GradientMeans(trainer.model)
            entry["gradient_means"] = self._gradient_means()
        waiting = self._epoch_logs
        waiting.append(entry)
        due = now >= self._epoch_due or control.attention or control.stepping or epoch >= self._final_epoch
        delivered = False
        if due or len(waiting) == 1:  # (a list's first entry: then the end of the run flushes it at the latest)
            delivered = self._epochs.submit(waiting)
        if not due:
            return
        self._epoch_due = self._epochs.next_due
        if self.probe is not None and not trainer.diverged:
            self._score_with_delivery(epoch, now, delivered)
        if control.take_step():
            control.request_pause()
        self._progress()
        if control.attention:
            self._checkpoint()

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self._progress()
        self._flush()
        last = self.trainer.epoch - 1
        if self.probe is not None and not self.trainer.diverged and last >= 0 and self._scored != last:
            self._score(last)  # the views end on the final epoch's scores
        if self.control.snapshots.is_set():
            self._snapshot()  # the views end on the final weights

    # -- what the views need, computed here between batches ----------------------------------------------------
    def _score_with_delivery(self, epoch: int, now: float, delivered: bool) -> None:
        """Scores go out with an epoch delivery (never on their own, so they add no wake-up of the GUI thread), at
        most once per capture interval; the epoch a run pauses after is scored at once, its results first."""
        control = self.control
        pausing = control.stepping or control.pause.is_set()
        waited = self._last_score is None or now - self._last_score >= self._capture_interval
        if self._scored != epoch and (pausing or (delivered and waited)):
            self._last_score = now
            self._epochs.flush()  # the window gets an epoch's results before its scores
            self._score(epoch)

    def _snapshot(self) -> None:
        """The weights (copies) and whatever the digest computes from them here rather than in the GUI thread."""
        trainer = self.trainer
        weights = trainer.model.get_weights()  # get_weights copies
        payload = {"epoch": trainer.epoch, "step": trainer.global_step, "weights": weights}
        digest = self.control.digest
        if digest is not None:
            payload.update(digest(trainer.model, trainer.epoch, weights, self._captured))
        self.signals.snapshot.emit(payload)

    def _score(self, epoch: int) -> None:
        """Scores (classification: probabilities) of the validation probe, for ROC, PR and the confusion matrix."""
        trainer = self.trainer
        self._scored = epoch
        x, y = self.probe
        scores = trainer.predict(x) if trainer.task == "regression" else trainer.predict_proba(x)
        self.signals.scores.emit({"epoch": epoch, "y_true": y, "y_score": np.array(scores, copy=True)})

    # -- helpers -----------------------------------------------------------------------------------------------
    def _deliver_batch(self, batch: tuple[int, int, int, float, int]) -> None:
        epoch, index, step, loss, samples = batch
        self.signals.batch_update.emit({"epoch": epoch, "batch": index, "step": step, "loss": float(loss),
                                        "lr": float(self.trainer.optimizer.lr), "samples": samples,
                                        "elapsed": self.elapsed()})

    def _deliver_epochs(self, logs: list[dict[str, Any]]) -> None:
        """Emit the waiting epochs as one list, after the newest batch update (so the batch comes first)."""
        self._throttle.flush()
        self._epoch_logs = []
        self.signals.epochs.emit(logs)

    def _flush(self) -> None:
        """Deliver everything waiting now: the newest batch update and progress, then the epochs not sent yet."""
        self._throttle.flush()
        self._percents.flush()
        self._epochs.flush()

    def _progress(self) -> None:
        percent = min(100, (self.trainer.global_step - self._first_step) * 100 // self.total_steps)
        if percent != self._percent:
            self._percent = percent
            self._percents.submit(percent)
            if percent == 100:
                self._percents.flush()

    def _checkpoint(self) -> None:
        """Between batches: wait while paused, then end the run if a stop was asked for."""
        control = self.control
        control.wait_while_held()
        if control.pause.is_set() and not control.stop.is_set():
            self._flush()
            began = self._clock()
            self.signals.paused.emit(True)
            control.wait_while_paused()
            self._paused_for += self._clock() - began
            self.signals.paused.emit(False)
        if control.stop.is_set():
            self._stop()

    def _stop(self) -> None:
        self.trainer.stop_training = True
        if not self.trainer.stop_reason:
            self.trainer.stop_reason = USER_STOP



def _plain(value: Any) -> Any:
    """A float for numeric log values (NumPy scalars included), a copy of an array; anything else as it is."""
    if isinstance(value, np.ndarray) and value.ndim:
        return value.copy()
    try:
        return float(value)
    except (TypeError, ValueError):
        return value
