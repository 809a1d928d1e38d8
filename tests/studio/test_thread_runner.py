"""ThreadRunner: a job's outcome is reported exactly once, whether the thread's ``finished`` or ``wait()`` comes
first; thread and worker are deleted afterwards and no thread is left running."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QThread
from pytestqt.qtbot import QtBot

from studio.thread_priority import NICE_INCREMENT
from studio.thread_runner import Outcome, ThreadRunner, ThreadWorker


class _Job(ThreadWorker):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__(lambda error: f"The job failed: {error}.")
        self.fn = fn

    def work(self) -> Any:
        return self.fn()


class _Runner(ThreadRunner):
    def __init__(self) -> None:
        super().__init__()
        self.reports: list[Outcome] = []
        self.running_when_starting: list[bool] = []
        self.threads: list[QThread] = []

    def run(self, worker: ThreadWorker) -> None:
        self._launch(worker, "test_job")

    def _starting(self) -> None:
        self.running_when_starting.append(self.is_running)
        self.threads.append(self._thread)

    def _report(self, outcome: Outcome) -> None:
        self.reports.append(outcome)


def _deliver_posted_events(qtbot: QtBot) -> None:
    """Let queued signals (the thread's ``finished``) arrive, then run the pending ``deleteLater``s."""
    qtbot.wait(50)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_wait_before_the_finished_signal_reports_once(qtbot: QtBot) -> None:
    release = threading.Event()
    runner = _Runner()
    worker = _Job(lambda: release.wait(5) and 42)
    runner.run(worker)
    assert runner.running_when_starting == [True]
    assert runner.threads[0].objectName() == "test_job"
    assert runner.wait(20) is False  # the job is still blocked: nothing joined, nothing reported
    assert runner.is_running and runner.reports == []
    release.set()
    assert runner.wait() is True
    assert runner.reports == [("finished", 42)]  # reported by wait(), before the queued `finished` arrives
    assert not runner.is_running
    assert worker.thread() is QCoreApplication.instance().thread()  # it never left the GUI thread: nothing moves
    thread = runner.threads[0]
    _deliver_posted_events(qtbot)
    assert runner.reports == [("finished", 42)]  # the late `finished` signal finds nothing left to report
    assert not shiboken6.isValid(worker) and not shiboken6.isValid(thread)
    assert runner.wait() is True


def test_the_finished_signal_before_wait_reports_once(qtbot: QtBot) -> None:
    runner = _Runner()
    runner.run(_Job(lambda: threading.get_ident() != threading.main_thread().ident))
    qtbot.waitUntil(lambda: bool(runner.reports), timeout=5000)  # no wait(): the thread's signal reports
    assert runner.reports == [("finished", True)]  # the job ran in the worker thread
    assert not runner.is_running
    assert runner.wait() is True
    _deliver_posted_events(qtbot)
    assert runner.reports == [("finished", True)]


def test_an_exception_in_the_job_reports_failed_with_the_sentence_and_traceback(qtbot: QtBot) -> None:
    def broken() -> None:
        raise ValueError("no rows")

    runner = _Runner()
    runner.run(_Job(broken))
    assert runner.wait() is True
    [(kind, (sentence, details))] = runner.reports
    assert (kind, sentence) == ("failed", "The job failed: no rows.")
    assert "Traceback" in details and "ValueError: no rows" in details
    _deliver_posted_events(qtbot)
    assert len(runner.reports) == 1


def test_a_thread_that_ends_without_an_outcome_reports_failed() -> None:
    runner = _Runner()
    worker = _Job(lambda: 1)
    runner.run(worker)
    assert runner.threads[0].wait(5000)  # the thread alone, not through the runner: nothing reported yet
    worker.outcome = None  # as if the job had never run
    assert runner.wait() is True
    assert runner.reports == [("failed", (ThreadRunner.NO_RESULT, ""))]


def test_the_runner_starts_again_after_a_report(qtbot: QtBot) -> None:
    runner = _Runner()
    for value in (1, 2):
        runner.run(_Job(lambda value=value: value))
        assert runner.wait() is True
    assert runner.reports == [("finished", 1), ("finished", 2)]
    assert runner.threads[0] is not runner.threads[1]
    _deliver_posted_events(qtbot)
    assert len(runner.reports) == 2


def test_a_job_runs_at_a_lower_priority_than_the_gui_thread(qtbot: QtBot) -> None:
    def priorities() -> tuple[Any, ...]:
        if sys.platform.startswith("linux"):  # a thread's own nice value
            return ("nice", os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return ("qt", QThread.currentThread().priority())

    before = priorities()
    runner = _Runner()
    runner.run(_Job(priorities))
    assert runner.wait() is True
    kind, value = runner.reports[0][1]
    if kind == "nice":
        assert value == min(before[1] + NICE_INCREMENT, 19)
    else:
        assert value == QThread.Priority.LowPriority
    assert priorities() == before  # the GUI thread keeps its own
