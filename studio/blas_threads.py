"""How many threads NumPy's bundled OpenBLAS may use, set at run time (no extra dependency).

On a machine with few cores, OpenBLAS's helper threads spin while they wait for work and take the core the window
needs: with two cores, a training thread, its BLAS helper and the GUI thread fight for two CPUs, and under any
other load a small model's matrix products slow down many times over. The studio lets BLAS use one core fewer
than the machine has while a run goes (:func:`limit_blas_threads`), so the GUI thread always finds a free core;
headless training (``nn-train``) is untouched. NumPy offers no API for this; the library's own
``openblas_set_num_threads`` is reached with ``ctypes`` when NumPy ships OpenBLAS (the Linux and Windows wheels,
older macOS wheels). Anything else — Accelerate, MKL, a system BLAS — is left as it is.
"""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

__all__ = ["blas_threads", "gui_friendly_threads", "limit_blas_threads", "set_blas_threads"]

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
    """One thread fewer than the CPUs this process may use (at least one): a core stays free for the window."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, cpus - 1)


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
