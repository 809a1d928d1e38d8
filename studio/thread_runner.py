"""One job in a worker QThread, joined and reported exactly once (ARCHITECTURE rule 5).

A :class:`ThreadWorker` runs in the thread it was moved to and keeps its outcome, ``("finished", result)`` or
``("failed", (sentence, details))``; then it moves itself back to the GUI thread (so the GUI thread may delete it)
and ends its thread's event loop. A :class:`ThreadRunner` owns the thread of one worker at a time. The outcome is
reported once the thread has ended, whichever comes first: the thread's queued ``finished`` signal or an
explicit :meth:`ThreadRunner.wait`; the other finds nothing left to report. Thread and worker are then deleted
with ``deleteLater``; ``QThread.terminate()`` is never used: a job ends by polling its own stop or cancel flag.
A worker thread gives way to the GUI thread for the CPU (:mod:`studio.thread_priority`).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot

from studio.thread_priority import give_way_to_gui

__all__ = ["Outcome", "ThreadRunner", "ThreadWorker"]

#: ``("finished", result)`` or ``("failed", (sentence, details))``.
Outcome = tuple[str, Any]


class ThreadWorker(QObject):
    """A job for :class:`ThreadRunner`: subclasses define :meth:`work`; ``describe(error)`` is the one readable
    sentence for the window about an exception raised by it.

    Subclasses leave :meth:`run` alone: PySide6 does not take an overriding ``run`` for the slot and calls it in
    the GUI thread instead of the worker's.
    """

    def __init__(self, describe: Callable[[Exception], str]) -> None:
        super().__init__()
        self.describe = describe
        self.outcome: Outcome | None = None

    def work(self) -> Any:
        """The job, in the worker thread; its return value is the ``finished`` result."""
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        give_way_to_gui()
        try:
            self.outcome = ("finished", self.work())
        except Exception as error:  # every failure reaches the window as one `failed`
            self.outcome = ("failed", (self.describe(error), traceback.format_exc()))
        finally:
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())  # so that the GUI thread may delete it
            QThread.currentThread().quit()


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
        self._thread = thread = QThread()
        thread.setObjectName(name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
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
