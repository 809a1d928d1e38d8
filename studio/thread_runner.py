"""One job in a worker QThread, joined and reported exactly once (ARCHITECTURE rule 5).

A :class:`ThreadWorker` lives in the GUI thread; a :class:`JobThread` (``QThread.run`` overridden, no event loop)
calls its :meth:`ThreadWorker.run` in the new thread, which keeps the outcome, ``("finished", result)`` or
``("failed", (sentence, details))``. Nothing is moved between threads: ``moveToThread`` from a worker thread holds
the interpreter while it waits for Qt's locks, and a GUI thread destroying an object under one of those locks while
it waits for the interpreter (a Python override looked up) deadlocked both (seen once in a test-suite run). A
:class:`ThreadRunner` owns the thread of one worker at a time. The outcome is
reported once the thread has ended, whichever comes first: the thread's queued ``finished`` signal or an
explicit :meth:`ThreadRunner.wait`; the other finds nothing left to report. Thread and worker are then deleted
with ``deleteLater``; ``QThread.terminate()`` is never used: a job ends by polling its own stop or cancel flag.
A worker thread gives way to the GUI thread for the CPU (:mod:`studio.thread_priority`).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Slot

from studio.thread_priority import give_way_to_gui

__all__ = ["JobThread", "Outcome", "ThreadRunner", "ThreadWorker"]

#: ``("finished", result)`` or ``("failed", (sentence, details))``.
Outcome = tuple[str, Any]


class ThreadWorker(QObject):
    """A job for :class:`ThreadRunner`: subclasses define :meth:`work`; ``describe(error)`` is the one readable
    sentence for the window about an exception raised by it."""

    def __init__(self, describe: Callable[[Exception], str]) -> None:
        super().__init__()
        self.describe = describe
        self.outcome: Outcome | None = None

    def work(self) -> Any:
        """The job, in the worker thread; its return value is the ``finished`` result."""
        raise NotImplementedError

    def run(self) -> None:
        """Called by the :class:`JobThread`, in its thread: the job and its outcome."""
        give_way_to_gui()
        try:
            self.outcome = ("finished", self.work())
        except Exception as error:  # every failure reaches the window as one `failed`
            self.outcome = ("failed", (self.describe(error), traceback.format_exc()))


class JobThread(QThread):
    """The thread of one :class:`ThreadWorker`: ``run`` is the worker's job, then the thread ends."""

    def __init__(self, worker: ThreadWorker) -> None:
        super().__init__()
        self.worker = worker

    def run(self) -> None:  # a Qt override, in the new thread
        self.worker.run()


class ThreadRunner(QObject):
    """Owns the worker thread of the current job; subclasses announce a start and report an outcome."""

    #: The failure sentence when a thread ended without an outcome.
    NO_RESULT = "The task ended unexpectedly without a result."

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: ThreadWorker | None = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    def wait(self, timeout_ms: int = -1) -> bool:
        """Join the worker thread (all of it when ``timeout_ms`` < 0) and report its outcome now; True when no
        thread is left running."""
        thread = self._thread
        if thread is None:
            return True
        done = thread.wait() if timeout_ms < 0 else thread.wait(timeout_ms)
        if done:
            self._finish(thread)
        return done

    def _launch(self, worker: ThreadWorker, name: str) -> None:
        """Run ``worker.run`` in a new thread called ``name``; :meth:`_starting` runs just before it starts."""
        self._worker = worker
        self._thread = thread = JobThread(worker)
        thread.setObjectName(name)
        thread.finished.connect(self._on_thread_finished)
        self._starting()
        thread.start()

    def _starting(self) -> None:
        """Announce the run (``is_running`` is already True; the thread starts on return)."""
        raise NotImplementedError

    def _report(self, outcome: Outcome) -> None:
        """Emit ``outcome``; called once per run, in the GUI thread, after the thread has ended."""
        raise NotImplementedError

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            self._finish(thread)

    def _finish(self, thread: QThread) -> None:
        """Once the worker thread has ended: drop the run's objects and report the outcome exactly once."""
        if thread is not self._thread:
            return  # already reported (``wait`` got here before the queued ``finished``, or the other way round)
        thread.wait()
        worker = self._worker
        self._thread = self._worker = None
        thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
        outcome = worker.outcome if worker is not None else None
        self._report(outcome if outcome is not None else ("failed", (self.NO_RESULT, "")))
