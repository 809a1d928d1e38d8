"""The CSV benchmark's memory column: the read's own peak, even in a child of a process that holds a lot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from bench import csv_load

ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import json, resource
import numpy as np
from bench.csv_load import peak_rss_above_start
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
_, peak = peak_rss_above_start(lambda: np.ones({n}))  # ones: every page touched
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"peak": peak, "ru_maxrss_delta": (after - before) * 1024}}))
"""


def test_a_child_of_a_big_process_measures_its_own_allocation() -> None:
    held = np.ones(40_000_000)  # 320 MB resident in this (parent) process
    n = 10_000_000  # the child allocates 80 MB
    out = subprocess.run([sys.executable, "-c", _CHILD.format(n=n)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    result = json.loads(out.stdout)
    assert held.sum() == held.size
    assert 0.95 * n * 8 <= result["peak"] <= 1.25 * n * 8
    # why ru_maxrss is not used: the child inherited the parent's high-water mark, so the allocation was invisible
    assert result["ru_maxrss_delta"] < 0.1 * n * 8


def test_each_reader_runs_in_a_subprocess_and_reports_time_memory_and_shape(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    csv_load.write_file(path, rows=20_000, columns=4, block=5_000)
    result = csv_load.measure("engine_chunks", path)
    assert result["shape"] == [20_000, 4]
    assert result["seconds"] > 0
    assert result["peak_bytes"] >= 20_000 * 4 * 8  # at least the parsed float64 columns
