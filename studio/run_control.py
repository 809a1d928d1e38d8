"""Requests from the GUI thread to a running ``fit`` (ARCHITECTURE rule 5): pause, stop, step, a new learning rate,
captures, snapshots and the hold while plots paint.

The worker's event loop is busy inside ``Trainer.fit`` for the whole run, so the GUI thread cannot reach it with
queued calls. Instead it leaves requests in a :class:`RunControl` (``threading.Event`` flags and locked
mailboxes) that the training's callback (:class:`studio.signal_bridge.SignalBridge`) reads between batches.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["HOLD_LIMIT", "Digest", "RunControl"]

#: ``digest(model, epoch, weights, captured) -> dict``: extra values for a snapshot, computed in the worker thread.
Digest = Callable[[Any, int, dict[str, np.ndarray], dict[str, Any]], dict[str, Any]]
#: The longest the worker waits between batches for the GUI thread to finish painting (seconds).
HOLD_LIMIT = 0.1


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
