"""Training in a worker thread (ARCHITECTURE rule 5): the controller owns the thread of the current run and offers
the transport (start, pause, resume, stop, step); the run reports through :mod:`studio.signal_bridge` and takes
requests through :mod:`studio.run_control`.

During a run OpenBLAS uses one core fewer than the machine has (:mod:`studio.blas_threads`) and the worker
thread has a lower scheduling priority than the GUI thread (:mod:`studio.thread_priority`), so the window finds a
core when it needs one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from engine.errors import ConfigError, EngineError
from studio.blas_threads import gui_friendly_threads, limit_blas_threads
from studio.run_control import Digest, RunControl
from studio.signal_bridge import SignalBridge, TrainingSignals
from studio.thread_runner import Outcome, ThreadRunner, ThreadWorker

__all__ = ["IDLE", "PAUSED", "PROBE_ROWS", "RUNNING", "SIGNALS_PER_SECOND", "SNAPSHOTS_PER_SECOND", "STOPPING",
           "TrainingController", "TrainingWorker"]

IDLE, RUNNING, PAUSED, STOPPING = "idle", "running", "paused", "stopping"
#: Weight snapshots and layer captures for the insight views: at most this many a second.
SNAPSHOTS_PER_SECOND = 4.0
#: Batch updates, epoch lists and progress reach the window at most this often: every delivery wakes the GUI
#: thread, which then competes with the training for the interpreter.
SIGNALS_PER_SECOND = 10.0
#: The validation probe (scores after every epoch) holds at most this many rows.
PROBE_ROWS = 5000


class TrainingWorker(ThreadWorker):
    """Runs one ``trainer.fit`` call in the thread it was moved to and keeps the outcome for the controller."""

    def __init__(self, trainer: Any, bridge: SignalBridge, fit_args: dict[str, Any], callbacks: list[Any], *,
                 blas_threads: int | None = None) -> None:
        super().__init__(failure_sentence)
        self.trainer, self.bridge, self.fit_args, self.callbacks = trainer, bridge, fit_args, callbacks
        #: OpenBLAS threads during ``fit`` (None: as they are)
        self.blas_threads = blas_threads

    def work(self) -> dict[str, Any]:
        """Train, then the run's summary (the ``finished`` payload)."""
        trainer = self.trainer
        first, began = trainer.epoch, time.monotonic()
        self.bridge.signals.started.emit()
        if self.blas_threads is None:
            trainer.fit(**self.fit_args, callbacks=[self.bridge, *self.callbacks])
        else:
            with limit_blas_threads(self.blas_threads):
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
        self._launch(TrainingWorker(self._trainer, bridge, fit_args, list(callbacks),
                                    blas_threads=gui_friendly_threads()), "training")

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
        :data:`studio.run_control.HOLD_LIMIT`), so the GUI thread has the interpreter to itself instead of trading
        it with the training thread every few microseconds; call from the GUI thread only (blocks may nest)."""
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
