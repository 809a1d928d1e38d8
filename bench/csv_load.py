"""Issue 3's CSV load: detect + read_csv of a 1,000,000 × 12 numeric CSV (≈100 MB) against bare pandas.read_csv.

Each reader runs in its own subprocess; times are the best of three reads, memory is the first read's peak
resident memory above the resident memory just before it (:func:`peak_rss_above_start`). Targets: time ≤ 1.5×
pandas, peak memory < 3× the final float64 array (rows × columns × 8 bytes).

The peak comes from Linux's ``VmHWM`` (``/proc/self/status``), reset to the current size through
``/proc/self/clear_refs`` right before the read. ``getrusage(...).ru_maxrss`` cannot be used: the kernel carries
the parent's high-water mark into a child across fork and exec, so a child started by a big process (``python -m
bench`` after the MLP and convolution benchmarks, with PyTorch loaded) starts with that process's peak, and a read
that stays below it appeared to cost almost nothing (0.08× instead of ≈2×).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.timing import print_table

ROWS, COLUMNS = 1_000_000, 12
_READERS = {
    "pandas.read_csv (options by hand)": "pandas",
    "engine detect + read_csv": "engine",
    "engine read_csv with progress and cancel": "engine_chunks",
}
_STATUS, _CLEAR_REFS = Path("/proc/self/status"), Path("/proc/self/clear_refs")


def _status_bytes(field: str) -> int:
    """A ``/proc/self/status`` memory field (``VmRSS``, ``VmHWM``) in bytes."""
    for line in _STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"{_STATUS} has no {field} line; this benchmark measures memory on Linux only.")


def peak_rss_above_start(fn: Callable[[], Any]) -> tuple[Any, int]:
    """Run ``fn``; return its result and the peak resident memory it added (bytes above the size just before).

    Linux only: the process's resident high-water mark is reset to its current size first (``clear_refs`` 5), so
    neither the imports nor a parent process's memory count.
    """
    _CLEAR_REFS.write_text("5")
    start = _status_bytes("VmRSS")
    result = fn()
    return result, _status_bytes("VmHWM") - start


def _reader(kind: str, path: str) -> Callable[[], Any]:
    import pandas as pd

    from engine.data.reader import read_csv

    calls = {
        "pandas": lambda: pd.read_csv(path, sep=",", engine="c", header=0, low_memory=False),
        "engine": lambda: read_csv(path),
        "engine_chunks": lambda: read_csv(path, progress=lambda f: None, cancel=lambda: False),
    }
    return calls[kind]


def child(kind: str, path: str) -> dict[str, Any]:
    """In the measuring subprocess: the best time of three reads, the first read's peak memory, the table shape."""
    read = _reader(kind, path)
    times, peak, shape = [], 0, []
    for repeat in range(3):
        start = time.perf_counter()
        if repeat == 0:
            result, peak = peak_rss_above_start(read)
        else:
            result = read()
        times.append(time.perf_counter() - start)
        shape = list(getattr(result, "frame", result).shape)
        del result
    return {"seconds": min(times), "peak_bytes": peak, "shape": shape}


def write_file(path: Path, rows: int = ROWS, columns: int = COLUMNS, block: int = 100_000) -> None:
    """A numeric CSV with a header, written in blocks of formatted rows."""
    rng = np.random.default_rng(0)
    fmt = ",".join(["%.6g"] * columns)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(f"x{j}" for j in range(columns)) + "\n")
        for start in range(0, rows, block):
            data = rng.standard_normal((min(block, rows - start), columns)) * 100
            np.savetxt(fh, data, fmt=fmt, delimiter=",")


def measure(kind: str, path: Path) -> dict[str, Any]:
    """Run reader ``kind`` ("pandas", "engine", "engine_chunks") on ``path`` in a fresh subprocess."""
    out = subprocess.run([sys.executable, "-m", "bench.csv_load", "--child", kind, str(path)], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "numbers.csv"
        write_file(path)
        size_mb = path.stat().st_size / 1e6
        final = ROWS * COLUMNS * 8
        results = {name: measure(kind, path) for name, kind in _READERS.items()}
    bare = results["pandas.read_csv (options by hand)"]["seconds"]
    rows = [[name, f"{r['seconds']:.2f} s", f"{r['seconds'] / bare:.2f}×", f"{r['peak_bytes'] / 1e6:.0f} MB",
             f"{r['peak_bytes'] / final:.2f}×"] for name, r in results.items()]
    print_table(f"CSV load: {ROWS:,} rows × {COLUMNS} columns, {size_mb:.0f} MB file; final float64 arrays "
                f"{final / 1e6:.0f} MB (targets: time ≤ 1.5× pandas, memory < 3× arrays)",
                ["reader", "time", "vs pandas", "peak memory", "vs arrays"], rows)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
    else:
        main()
