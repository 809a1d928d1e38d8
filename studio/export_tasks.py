"""Export, report and predict jobs off the GUI thread: progress, cancel, and exactly one finished/failed.

A job is a plain function ``job(progress, cancelled) -> result``: it calls ``progress(percent, what)`` along the way
and polls ``cancelled()`` between steps (raising InterruptedError, or returning early, when asked to stop).
:class:`TaskRunner` runs one job at a time in its own QThread and reports in the GUI thread: ``progress`` only when
the whole percent changes, then exactly one of ``finished(result)`` or ``failed(message, details)``. The thread is
joined before either is emitted, so no thread is left running; ``QThread.terminate()`` is never used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine.errors import ConfigError, EngineError
from studio.thread_runner import Outcome, ThreadRunner, ThreadWorker

__all__ = ["Job", "TaskRunner", "failure_sentence"]

Job = Callable[[Callable[[int, str], None], Callable[[], bool]], Any]


def failure_sentence(error: BaseException) -> str:
    """One readable sentence: the engine's own message, or the error described in plain words."""
    if isinstance(error, InterruptedError):
        return QCoreApplication.translate("ExportTasks", "Cancelled by the user; no file was written by the "
                                                         "unfinished step.")
    if isinstance(error, EngineError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "") + "."
    detail = " ".join(str(error).split())
    return f"The task stopped because of an unexpected error ({type(error).__name__}{': ' + detail if detail else ''})."


class _Relay(QObject):
    """Signals emitted in the worker thread; connected (queued) to the runner's public signals."""

    progress = Signal(int, str)


class _Worker(ThreadWorker):
    def __init__(self, job: Job, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__(failure_sentence)
        self.job, self.relay, self.cancel = job, relay, cancel
        self._last = -1

    def _progress(self, percent: int, what: str) -> None:
        percent = max(0, min(100, int(percent)))
        if percent != self._last:
            self._last = percent
            self.relay.progress.emit(percent, str(what))

    def work(self) -> Any:
        result = self.job(self._progress, self.cancel.is_set)
        if self.cancel.is_set():
            raise InterruptedError("cancelled")
        return result


class TaskRunner(ThreadRunner):
    """Runs one job at a time in a worker QThread (see the module docstring)."""

    started = Signal()
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.progress.connect(self.progress)
        self._cancel: threading.Event | None = None

    def start(self, job: Job) -> None:
        """Run ``job`` in a new worker thread; ConfigError while another job runs."""
        if self.is_running:
            raise ConfigError("Another export is still running; wait for it or cancel it first.")
        self._cancel = threading.Event()
        self._launch(_Worker(job, self._relay, self._cancel), "export")

    def cancel(self) -> None:
        """Ask the job to stop at its next step; it then ends in ``failed`` with the cancellation sentence."""
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self) -> None:
        """Cancel any job and join its thread (closing a dialog or the window)."""
        self.cancel()
        self.wait()

    def _starting(self) -> None:
        self.started.emit()

    def _report(self, outcome: Outcome) -> None:
        self._cancel = None
        if outcome[0] == "finished":
            self.finished.emit(outcome[1])
        else:
            self.failed.emit(*outcome[1])
