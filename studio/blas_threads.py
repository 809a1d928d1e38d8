"""How many threads NumPy's bundled OpenBLAS may use, set at run time (no extra dependency).

On a machine with few cores, OpenBLAS's helper threads spin while they wait for work and take the core the window
needs: with two cores, a training thread, its BLAS helper and the GUI thread fight for two CPUs. The studio
therefore moves OpenBLAS's helper threads into Linux's idle scheduling class when it starts
(:func:`idle_blas_helpers`): they then run only on a core no other thread wants, so a run may use every core for its
matrix products while the GUI thread still finds a core the moment it wakes. Where that cannot be done (other
systems, or threads that cannot be told apart), BLAS uses one core fewer than the machine has while a run goes
(:func:`limit_blas_threads` with :func:`gui_friendly_threads`). Headless training (``nn-train``) is untouched.
NumPy offers no API for this; the library's own ``openblas_set_num_threads`` is reached with ``ctypes`` when NumPy
ships OpenBLAS (the Linux and Windows wheels, older macOS wheels). Anything else — Accelerate, MKL, a system BLAS —
is left as it is.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

__all__ = ["blas_threads", "gui_friendly_threads", "idle_blas_helpers", "limit_blas_threads", "set_blas_threads"]

#: Whether OpenBLAS's helper threads run in the idle scheduling class (see :func:`idle_blas_helpers`).
_helpers_idle = False

#: Exported names of the thread setter/getter in the OpenBLAS builds NumPy bundles (newest first).
_PREFIXES = ("scipy_openblas_", "openblas_")
_SUFFIXES = ("64_", "")


@functools.cache
def _functions() -> tuple[object, object] | None:
    """``(set_num_threads, get_num_threads)`` of NumPy's own OpenBLAS, or None when it has none."""
    root = Path(np.__file__).parent
    folders = (root.parent / "numpy.libs", root / ".dylibs")  # Linux and Windows wheels; macOS wheels
    candidates = [path for folder in folders for path in sorted(folder.glob("*openblas*"))]
    for path in candidates:
        try:
            library = ctypes.CDLL(str(path))  # already loaded by NumPy: the same handle, nothing new runs
        except OSError:
            continue
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                setter = getattr(library, f"{prefix}set_num_threads{suffix}", None)
                getter = getattr(library, f"{prefix}get_num_threads{suffix}", None)
                if setter is not None and getter is not None:
                    setter.argtypes, setter.restype, getter.restype = [ctypes.c_int], None, ctypes.c_int
                    return setter, getter
    return None


def blas_threads() -> int | None:
    """The number of threads OpenBLAS uses now, or None when NumPy's BLAS is not a reachable OpenBLAS."""
    functions = _functions()
    return None if functions is None else int(functions[1]())


def set_blas_threads(count: int) -> bool:
    """Let OpenBLAS use ``count`` (≥ 1) threads from now on; False when it cannot be set (nothing changes)."""
    functions = _functions()
    if functions is None:
        return False
    functions[0](max(1, int(count)))
    return True


def gui_friendly_threads() -> int:
    """The BLAS threads a run in the window may use: every CPU this process may use once OpenBLAS's helpers only
    take idle cores (:func:`idle_blas_helpers`), else one fewer (at least one), so that a core stays free."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus if _helpers_idle else max(1, cpus - 1)


def idle_blas_helpers() -> bool:
    """Move the helper threads OpenBLAS started when NumPy loaded into Linux's ``SCHED_IDLE`` class; True when done.

    Call it from the main thread before any other thread starts (``nn-studio`` does so before its QApplication):
    the other threads of the process are then OpenBLAS's own, which it starts at load time, one fewer than its
    thread count. Unnamed threads of that number are looked for; anything else found leaves everything as it is.
    """
    global _helpers_idle
    if _helpers_idle:
        return True
    count = blas_threads()
    if not sys.platform.startswith("linux") or not hasattr(os, "SCHED_IDLE") or count is None or count < 2:
        return False
    main = threading.get_native_id()
    tasks = Path("/proc/self/task")
    try:
        name = (tasks / str(main) / "comm").read_text()
        others = [int(t.name) for t in tasks.iterdir() if int(t.name) != main]
        helpers = [tid for tid in others if (tasks / str(tid) / "comm").read_text() == name]
    except OSError:
        return False
    if len(helpers) != len(others) or len(helpers) != count - 1:
        return False
    try:
        for tid in helpers:
            os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
    except OSError:
        return False
    _helpers_idle = True
    return True


@contextmanager
def limit_blas_threads(count: int) -> Iterator[None]:
    """Within the block OpenBLAS uses at most ``count`` threads; the previous number is restored after it."""
    before = blas_threads()
    if before is None or before <= count:
        yield
        return
    set_blas_threads(count)
    try:
        yield
    finally:
        set_blas_threads(before)
