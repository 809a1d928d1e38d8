"""Training in a worker thread: the engine's callback hooks become rate-limited Qt signals (ARCHITECTURE rule 5).

The worker's event loop is busy inside ``Trainer.fit`` for the whole run, so the GUI thread cannot reach it with
queued calls. Instead it leaves requests in a :class:`RunControl` (``threading.Event`` flags and locked
mailboxes) that the :class:`SignalBridge` callback reads between batches: stop sets ``trainer.stop_training``,
pause blocks the worker on an event wait (no busy loop), a new learning rate applies from the next step. The
bridge takes only the batch ends it needs (``Callback.wants_batch_end``): for the others the worker pays one
call and a clock read. Everything the bridge emits is plain values or arrays the engine already copied.

Epoch results are never dropped but they are coalesced: a toy problem ends thousands of epochs a second, and one
queued signal per epoch would keep the GUI thread (and the interpreter the training needs) busy with deliveries.
The bridge sends the epochs that ended since its last delivery as one ``epochs`` list, at most ~20 times a second
and always before a pause and at the end of a run; the controller replays them one by one as ``epoch_end`` for
receivers that want single epochs. OpenBLAS keeps all its threads during a run, as headless (a matrix-bound
model trains 15-40 % faster than with one core left free); the worker thread has a lower scheduling priority
than the GUI thread instead (:mod:`studio.thread_priority`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from engine.callbacks.base import Callback
from engine.errors import ConfigError, EngineError
from engine.insight.stats import GradientMeans
from studio.thread_runner import Outcome, ThreadRunner, ThreadWorker
from studio.throttle import Throttle

__all__ = ["HOLD_LIMIT", "IDLE", "PAUSED", "PROBE_ROWS", "RUNNING", "SIGNALS_PER_SECOND", "SNAPSHOTS_PER_SECOND",
           "STOPPING", "Digest", "RunControl", "SignalBridge", "TrainingController", "TrainingSignals",
           "TrainingWorker"]

IDLE, RUNNING, PAUSED, STOPPING = "idle", "running", "paused", "stopping"
#: ``digest(model, epoch, weights, captured) -> dict``: extra values for a snapshot, computed in the worker thread.
Digest = Callable[[Any, int, dict[str, np.ndarray], dict[str, Any]], dict[str, Any]]
#: Weight snapshots and layer captures for the insight views: at most this many a second.
SNAPSHOTS_PER_SECOND = 4.0
#: Batch updates, epoch lists and progress reach the window at most this often: every delivery wakes the GUI
#: thread, which then competes with the training for the interpreter; the status bar shows 10 a second.
SIGNALS_PER_SECOND = 10.0
#: The validation probe (scores after every epoch) holds at most this many rows.
PROBE_ROWS = 5000
USER_STOP = "Training was stopped by the user."
#: The longest the worker waits between batches for the GUI thread to finish painting (seconds).
HOLD_LIMIT = 0.1


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
    scores = Signal(object)  # epoch, y_true, y_score: the validation probe's scores (copies), ≤ 4 a second + the last
    snapshot = Signal(object)  # epoch, step, weights ({name: copy}) — only when asked, a few times a second
    finished = Signal(object)  # summary: epoch, epochs_run, step, stopped, diverged, stop_reason, elapsed, logs
    failed = Signal(str, str)  # one readable sentence, then the details (traceback)


class RunControl:
    """Requests from the GUI thread to a running ``fit``; every method is thread-safe."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.pause = threading.Event()
        self._go = threading.Event()
        self._go.set()
        self._lock = threading.Lock()
        self._lr: float | None = None
        self._capture: tuple[bool, bool] | None = None
        #: set while a view wants weight snapshots (``TrainingSignals.snapshot``)
        self.snapshots = threading.Event()
        #: set while the gradient flow view is open: every epoch's entry gets its mean |gradient| per layer
        self.gradient_means = threading.Event()
        #: computed in the worker for each snapshot and merged into it (see ``TrainingController.set_snapshots``)
        self.digest: Digest | None = None
        #: set while the GUI thread paints: the worker waits between batches instead of competing for the GIL
        self.hold = threading.Event()
        self._unheld = threading.Event()
        self._unheld.set()
        #: plain flags the worker reads between batches without a lock or a call (a bool read is atomic): whether
        #: a learning rate or a capture waits in the mailbox, and whether that, a hold, a pause or a stop wants
        #: attention; both are written only under the lock
        self.has_requests = False
        self.attention = False
        self.stepping = False

    def _update_attention(self) -> None:
        """(Holding the lock.) Recompute :attr:`attention` from the flags."""
        self.attention = (self.has_requests or self.hold.is_set() or self.pause.is_set() or self.stop.is_set())

    def request_hold(self, held: bool) -> None:
        with self._lock:
            if held:
                self._unheld.clear()
                self.hold.set()
            else:
                self.hold.clear()
                self._unheld.set()
            self._update_attention()

    def wait_while_held(self, limit: float = HOLD_LIMIT) -> None:
        """Block the calling (worker) thread while the GUI paints, at most ``limit`` seconds."""
        if self.hold.is_set():
            self._unheld.wait(limit)

    def request_pause(self) -> None:
        with self._lock:
            self._go.clear()  # before the flag, so that a waiting worker never sees "paused" with the gate open
            self.pause.set()
            self._update_attention()

    def request_resume(self) -> None:
        with self._lock:
            self.pause.clear()
            self._go.set()
            self._update_attention()

    def request_stop(self) -> None:
        with self._lock:
            self.stop.set()
            self._go.set()  # wake a paused worker so that it can end the run
            self._update_attention()

    def request_step(self) -> None:
        """Go on until the end of the current epoch, then pause again."""
        with self._lock:
            self.stepping = True
        self.request_resume()

    def wait_while_paused(self) -> None:
        """Block the calling (worker) thread while paused and not stopped."""
        while self.pause.is_set() and not self.stop.is_set():
            self._go.wait()

    def put_lr(self, lr: float) -> None:
        with self._lock:
            self._lr = lr
            self.has_requests = self.attention = True

    def put_capture(self, activations: bool, gradients: bool) -> None:
        with self._lock:
            self._capture = (activations, gradients)
            self.has_requests = self.attention = True

    def take(self) -> tuple[float | None, tuple[bool, bool] | None]:
        """The pending learning rate and capture request (each None when there is none), emptying both."""
        with self._lock:
            taken = self._lr, self._capture
            self._lr = self._capture = None
            self.has_requests = False
            self._update_attention()
        return taken

    def take_step(self) -> bool:
        """Whether a Step was asked for (then forgotten): the worker pauses after this epoch."""
        if not self.stepping:
            return False
        with self._lock:
            step, self.stepping = self.stepping, False
        return step


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
        values = {k: v if type(v) is float else _plain(v) for k, v in (logs or {}).items()}
        trainer, control = self.trainer, self.control
        steps, self._epoch_step = trainer.global_step - self._epoch_step, trainer.global_step
        self._samples += min(steps * self.batch_rows, self.rows)  # a stop may end an epoch early
        entry = {"epoch": epoch, "step": trainer.global_step, "elapsed": self.elapsed(), **values}
        if control.gradient_means.is_set():  # the last batch's gradients, still in the parameters
            if self._gradient_means is None or self._gradient_means.model is not trainer.model:
                self._gradient_means = GradientMeans(trainer.model)
            entry["gradient_means"] = self._gradient_means()
        self._epoch_logs.append(entry)
        self._epochs.submit(self._epoch_logs)
        self._epoch_due = self._epochs.next_due
        if self.probe is not None and not trainer.diverged:
            now = self._clock()
            if self._last_score is None or now - self._last_score >= self._capture_interval:
                self._last_score = now
                self._epochs.flush()  # the window gets an epoch's results before its scores
                self._score(epoch)
            self._epoch_due = min(self._epochs.next_due, self._last_score + self._capture_interval)
        if control.take_step():
            control.request_pause()
        self._progress()
        if control.attention:
            self._checkpoint()

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self._flush()
        last = self.trainer.epoch - 1
        if self.probe is not None and not self.trainer.diverged and last >= 0 and self._scored != last:
            self._score(last)  # the views end on the final epoch's scores
        if self.control.snapshots.is_set():
            self._snapshot()  # the views end on the final weights

    # -- what the views need, computed here between batches ----------------------------------------------------
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


class TrainingWorker(ThreadWorker):
    """Runs one ``trainer.fit`` call in the thread it was moved to and keeps the outcome for the controller."""

    def __init__(self, trainer: Any, bridge: SignalBridge, fit_args: dict[str, Any], callbacks: list[Any]) -> None:
        super().__init__(failure_sentence)
        self.trainer, self.bridge, self.fit_args, self.callbacks = trainer, bridge, fit_args, callbacks

    def work(self) -> dict[str, Any]:
        """Train, then the run's summary (the ``finished`` payload)."""
        trainer = self.trainer
        first, began = trainer.epoch, time.monotonic()
        self.bridge.signals.started.emit()
        trainer.fit(**self.fit_args, callbacks=[self.bridge, *self.callbacks])
        history = trainer.history.history
        return {"epoch": trainer.epoch, "epochs_run": trainer.epoch - first, "step": trainer.global_step,
                "stopped": self.bridge.control.stop.is_set(), "diverged": bool(trainer.diverged),
                "stop_reason": trainer.stop_reason, "elapsed": time.monotonic() - began,
                "logs": {k: v[-1] for k, v in history.items() if v}}


def failure_sentence(error: BaseException) -> str:
    """One readable sentence for the window: the engine's own message, or the error named in plain words."""
    if isinstance(error, EngineError):
        return str(error)
    detail = str(error).strip()
    return (f"Training stopped because of an unexpected error ({type(error).__name__}"
            f"{': ' + detail if detail else ''}).")


class TrainingController(ThreadRunner):
    """Owns the worker thread of the current run and offers the transport: start, pause, resume, stop, step."""

    state_changed = Signal(str)
    NO_RESULT = "Training ended unexpectedly without a result."

    def __init__(self, parent: QObject | None = None, *, max_per_second: float = SIGNALS_PER_SECOND,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.signals = TrainingSignals(self)
        self._relay = TrainingSignals(self)  # emitted in the worker thread
        for name in TrainingSignals.WORKER_SIGNALS:
            getattr(self._relay, name).connect(getattr(self.signals, name))
        self.signals.epochs.connect(self._replay_epochs)  # connected first: epoch_end before other `epochs` slots
        self.signals.paused.connect(self._on_paused)
        self._max_per_second, self._clock = max_per_second, clock
        self._trainer: Any = None
        self._control: RunControl | None = None
        self._last: dict[str, Any] | None = None
        self._state = IDLE
        self._snapshots = False
        self._gradient_means = False
        self._digest: Digest | None = None
        self._holds = 0

    @property
    def trainer(self) -> Any:
        return self._trainer

    @trainer.setter
    def trainer(self, trainer: Any) -> None:
        if self.is_running:
            raise ConfigError("The trainer cannot be replaced while training is running; stop the run first.")
        self._trainer = trainer

    @property
    def state(self) -> str:
        return self._state

    def start(self, x: Any, y: Any, validation: tuple[Any, ...] | None = None, epochs: int = 1,
              batch_size: int | None = 32, *, callbacks: Iterable[Any] = (), shuffle: bool = True,
              probe: tuple[Any, Any] | None = None) -> None:
        """Train ``epochs`` more epochs in a new worker thread (the trainer continues from its current epoch).

        ``probe`` (inputs, true targets) is scored after every epoch in the worker thread (``signals.scores``);
        at most :data:`PROBE_ROWS` rows of it are used.
        """
        if self.is_running:
            raise ConfigError("Training is already running; pause or stop it before starting again.")
        if self._trainer is None:
            raise ConfigError("There is nothing to train yet: build the model first.")
        if probe is not None:
            probe = (np.array(probe[0][:PROBE_ROWS]), np.array(probe[1][:PROBE_ROWS]))  # the worker's own copies
        self._last = {"x": x, "y": y, "validation": validation, "batch_size": batch_size,
                      "callbacks": list(callbacks), "shuffle": shuffle, "probe": probe}
        self._control = RunControl()
        if self._snapshots:
            self._control.snapshots.set()
        if self._gradient_means:
            self._control.gradient_means.set()
        self._control.digest = self._digest
        bridge = SignalBridge(self._relay, self._control, epochs=epochs, rows=len(x), batch_size=batch_size,
                              max_per_second=self._max_per_second, clock=self._clock, probe=probe,
                              snapshots_per_second=SNAPSHOTS_PER_SECOND)
        fit_args = {"x": x, "y": y, "epochs": epochs, "batch_size": batch_size, "validation_data": validation,
                    "shuffle": shuffle}
        self._launch(TrainingWorker(self._trainer, bridge, fit_args, list(callbacks)), "training")

    def pause(self) -> None:
        """Ask the worker to wait at the next batch boundary (``signals.paused(True)`` once it does)."""
        if self._control is not None and self._state == RUNNING:
            self._control.request_pause()

    def resume(self) -> None:
        if self._control is not None and self._control.pause.is_set() and self._state != STOPPING:
            self._control.request_resume()
            self._set_state(RUNNING)

    def stop(self) -> None:
        """End the run after the current batch; the weights stay as trained so far."""
        if self._control is not None and self._state != STOPPING:
            self._control.request_stop()
            self._set_state(STOPPING)

    def step(self) -> None:
        """Train exactly one more epoch when idle (same data as the last start); while running, go on to the end
        of the current epoch and pause there."""
        if self._control is not None and self.is_running:
            if self._state != STOPPING:
                self._control.request_step()
                self._set_state(RUNNING)
            return
        if self._last is None:
            raise ConfigError("Step needs data: start a run first.")
        last = dict(self._last)
        self.start(last.pop("x"), last.pop("y"), last.pop("validation"), 1, **last)

    def set_lr(self, lr: float) -> None:
        """Change the learning rate; during a run it applies from the next batch."""
        if isinstance(lr, bool) or not isinstance(lr, int | float) or not math.isfinite(lr) or lr <= 0:
            raise ConfigError(f"The learning rate expected a number > 0, received {lr!r}.", param="lr")
        if self._control is not None:
            self._control.put_lr(float(lr))
        elif self._trainer is not None:
            self._trainer.optimizer.lr = float(lr)

    def set_snapshots(self, wanted: bool, digest: Digest | None = None) -> None:
        """Ask for weight snapshots (``signals.snapshot``) during this and later runs, or stop asking.

        ``digest(model, epoch, weights, captured)``, when given, runs in the worker thread for every snapshot (it
        may read the trained model: nothing else runs there meanwhile) and its dict is merged into the snapshot —
        work on the weights done there, not in the GUI thread. It must not keep references to the model's arrays.
        """
        self._snapshots = bool(wanted)
        self._digest = digest
        if self._control is not None:
            self._control.digest = digest
            if wanted:
                self._control.snapshots.set()
            else:
                self._control.snapshots.clear()

    def set_gradient_means(self, wanted: bool) -> None:
        """Ask for each epoch's mean |gradient| per layer in its ``epochs`` entry (``gradient_means``), or stop."""
        self._gradient_means = bool(wanted)
        if self._control is not None:
            if wanted:
                self._control.gradient_means.set()
            else:
                self._control.gradient_means.clear()

    @contextmanager
    def hold_worker(self) -> Iterator[None]:
        """While the block runs (a repaint in the GUI thread), the worker waits between batches (at most
        :data:`HOLD_LIMIT`), so the GUI thread has the interpreter to itself instead of trading it with the
        training thread every few microseconds; call from the GUI thread only (blocks may nest)."""
        control = self._control
        self._holds += 1
        if control is not None and self._holds == 1:
            control.request_hold(True)
        try:
            yield
        finally:
            self._holds -= 1
            if control is not None and self._holds == 0:
                control.request_hold(False)

    def request_capture(self, activations: bool = True, gradients: bool = True) -> None:
        """Ask for layer outputs / gradients of a coming batch (``signals.captured``), at most once per interval."""
        if self._control is not None:
            self._control.put_capture(bool(activations), bool(gradients))

    def shutdown(self) -> None:
        """Stop any run and join its thread (closing the window); never ``QThread.terminate()``."""
        self.stop()
        self.wait()

    # -- internals ---------------------------------------------------------------------------------------------
    def _starting(self) -> None:
        self._set_state(RUNNING)

    def _report(self, outcome: Outcome) -> None:
        self._control = None
        self._set_state(IDLE)
        if outcome[0] == "finished":
            self.signals.finished.emit(outcome[1])
        else:
            self.signals.failed.emit(*outcome[1])

    @Slot(object)
    def _replay_epochs(self, logs: list[dict[str, Any]]) -> None:
        """One ``epoch_end`` per epoch, only when someone listens (a toy run ends thousands of epochs a second)."""
        signals = self.signals
        meta = signals.metaObject()
        if signals.isSignalConnected(meta.method(meta.indexOfSignal("epoch_end(PyObject)"))):
            for epoch in logs:
                signals.epoch_end.emit(epoch)

    @Slot(bool)
    def _on_paused(self, paused: bool) -> None:
        if self._state == STOPPING:
            return
        self._set_state(PAUSED if paused else RUNNING)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)


def _plain(value: Any) -> Any:
    """A float for numeric log values (NumPy scalars included), a copy of an array; anything else as it is."""
    if isinstance(value, np.ndarray) and value.ndim:
        return value.copy()
    try:
        return float(value)
    except (TypeError, ValueError):
        return value
