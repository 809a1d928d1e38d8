"""Studio test fixtures: Qt runs offscreen, every test starts in English, no test may leave a thread running."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import creates a platform

import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, QThread

from studio import i18n
from studio.blas_threads import idle_blas_helpers

idle_blas_helpers()  # as nn-studio does before Qt starts threads (the latency and throughput tests depend on it)

#: The offscreen platform warns when a window's size constraints change; a real platform does not.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


#: QThreads started during the current test (QThread.start is wrapped for the session).
_started_qthreads: weakref.WeakSet[QThread] = weakref.WeakSet()


@pytest.fixture(scope="session", autouse=True)
def _track_qthreads() -> Iterator[None]:
    original = QThread.start

    def tracking_start(self: QThread, *args: object) -> None:
        _started_qthreads.add(self)
        original(self, *args)

    QThread.start = tracking_start
    yield
    QThread.start = original


def leftover_threads(before: set[threading.Thread]) -> list[str]:
    """Names of Python threads started since ``before`` and QThreads started in this test that still run."""
    python = [t.name for t in threading.enumerate()
              if t is not threading.main_thread() and t not in before and t.is_alive()]
    qt = [type(t).__name__ for t in list(_started_qthreads) if shiboken6.isValid(t) and t.isRunning()]
    return python + qt


@pytest.fixture(autouse=True)
def collect_garbage_between_tests() -> Iterator[None]:
    """Collect cyclic garbage only between tests, when no worker thread runs.

    An automatic collection during a test can finalise the Python wrappers of Qt objects left over by earlier
    tests while a loader thread is running, which crashes shiboken (seen in the CSV-import tests); collecting at
    the boundaries keeps that deterministic. What survives is frozen, so each collection only scans what the
    last test created.
    """
    gc.disable()
    yield
    gc.enable()
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def no_thread_left_running() -> Iterator[None]:
    """Fail the test if it leaves a non-main Python thread or a QThread running (1 s grace to finish)."""
    before = set(threading.enumerate())
    _started_qthreads.clear()
    yield
    deadline = time.monotonic() + 1.0
    while (left := leftover_threads(before)) and time.monotonic() < deadline:
        time.sleep(0.01)
    if left:
        pytest.fail(f"the test left threads running: {', '.join(left)}")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends with the English interface."""
    if QCoreApplication.instance() is not None:
        i18n.set_language("en")
    yield
    if QCoreApplication.instance() is not None:
        i18n.set_language("en")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """A settings store of the test's own (layout, language, recent files), never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
