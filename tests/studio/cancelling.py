"""A stand-in for a long job in the tests of Cancel: it says it started, then runs until asked to stop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NoReturn

#: The longest the stand-in waits for the Cancel a test is about to give (seconds).
PATIENCE = 10.0


def run_until_cancelled(cancelled: Callable[[], bool], started: threading.Event, error: BaseException) -> NoReturn:
    """Set ``started``, poll ``cancelled()`` until it is True (at most :data:`PATIENCE`), then raise ``error``."""
    started.set()
    deadline = time.monotonic() + PATIENCE
    while not cancelled() and time.monotonic() < deadline:
        time.sleep(0.005)
    raise error
