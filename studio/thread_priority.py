"""Background threads give way to the GUI thread when both want a CPU.

A training thread keeps its core busy without pause; the GUI thread then may wait for the scheduler as well as for
the interpreter. Lowering the worker's own priority a little lets the window run first whenever it wakes up,
while an otherwise idle machine still gives the training all its time. On Linux a thread has its own nice value
(``setpriority`` with the thread's id); elsewhere Qt's thread priorities map onto the system's. Measured while the
784-256-128-10 MLP trains on 2 cores with both BLAS threads busy: 10 ms timer gaps p99 15-20 ms, worst 24-39 ms
in 14 runs alone, against p99 19-22 ms and worst 26-54 ms at equal priority; the training's speed is unchanged.
OpenBLAS's own helper threads are not the worker's: :mod:`studio.blas_threads` moves them to the idle scheduling
class instead.
"""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QThread

__all__ = ["NICE_INCREMENT", "give_way_to_gui"]

#: How much nicer than the GUI thread a worker thread is on Linux (0 … 19; 5 gives it about a third of the CPU
#: weight of a thread at the default priority when the two compete).
NICE_INCREMENT = 5


def give_way_to_gui() -> bool:
    """Lower the calling (worker) thread's scheduling priority; True when the system accepted it."""
    if sys.platform.startswith("linux"):
        thread_id = threading.get_native_id()
        try:
            os.setpriority(os.PRIO_PROCESS, thread_id, os.getpriority(os.PRIO_PROCESS, thread_id) + NICE_INCREMENT)
        except OSError:
            return False
        return True
    QThread.currentThread().setPriority(QThread.Priority.LowPriority)
    return True
