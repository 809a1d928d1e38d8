"""Issue 3's CSV load: detect + read_csv of a 1,000,000 × 12 numeric CSV (≈100 MB) against bare pandas.read_csv.

Each reader runs in its own subprocess so its peak resident memory (ru_maxrss, minus the interpreter and imports)
is its own; times are the best of three reads (memory from the first). Targets: time ≤ 1.5× pandas, peak memory
< 3× the final float64 array (rows × columns × 8 bytes).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from bench.timing import print_table

ROWS, COLUMNS = 1_000_000, 12
_READERS = {
    "pandas.read_csv (options by hand)": "pd.read_csv(path, sep=',', engine='c', header=0, low_memory=False)",
    "engine detect + read_csv": "read_csv(path)",
    "engine read_csv with progress and cancel": "read_csv(path, progress=lambda f: None, cancel=lambda: False)",
}
_CHILD = """
import json, resource, sys, time
import pandas as pd
from engine.data.reader import read_csv
path = sys.argv[1]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
for _ in range(3):
    start = time.perf_counter()
    result = {call}
    times.append(time.perf_counter() - start)
    if len(times) == 1:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    shape = list(getattr(result, "frame", result).shape)
    del result
print(json.dumps({{"seconds": min(times), "peak_bytes": peak * 1024, "shape": shape}}))
"""


def write_file(path: Path, rows: int = ROWS, columns: int = COLUMNS, block: int = 100_000) -> None:
    """A numeric CSV with a header, written in blocks of formatted rows."""
    rng = np.random.default_rng(0)
    fmt = ",".join(["%.6g"] * columns)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(f"x{j}" for j in range(columns)) + "\n")
        for start in range(0, rows, block):
            data = rng.standard_normal((min(block, rows - start), columns)) * 100
            np.savetxt(fh, data, fmt=fmt, delimiter=",")


def measure(call: str, path: Path) -> dict:
    code = _CHILD.format(call=call)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "numbers.csv"
        write_file(path)
        size_mb = path.stat().st_size / 1e6
        final = ROWS * COLUMNS * 8
        results = {name: measure(call, path) for name, call in _READERS.items()}
    bare = results["pandas.read_csv (options by hand)"]["seconds"]
    rows = [[name, f"{r['seconds']:.2f} s", f"{r['seconds'] / bare:.2f}×", f"{r['peak_bytes'] / 1e6:.0f} MB",
             f"{r['peak_bytes'] / final:.2f}×"] for name, r in results.items()]
    print_table(f"CSV load: {ROWS:,} rows × {COLUMNS} columns, {size_mb:.0f} MB file; final float64 arrays "
                f"{final / 1e6:.0f} MB (targets: time ≤ 1.5× pandas, memory < 3× arrays)",
                ["reader", "time", "vs pandas", "peak memory", "vs arrays"], rows)


if __name__ == "__main__":
    main()
