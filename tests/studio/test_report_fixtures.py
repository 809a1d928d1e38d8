"""Small trained runs shared by the predict, export, report and dialog tests (trained once per session).

Not a test module of its own: the helpers live here because the report tests own the test_report* names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from engine.data import bundled_dir
from studio import cli

IRIS = bundled_dir() / "iris.csv"


def train(out: Path, data: str | Path, *extra: str) -> Path:
    """Train with ``nn-train train`` into ``out`` (quietly) and return the folder."""
    status = cli.main(["train", str(data), "--epochs", "8", "--seed", "0", "--out", str(out), *extra])
    assert status == 0
    return out


def regression_csv(path: Path, rows: int = 240) -> Path:
    """y = 3·x1 − 2·x2 + 5 (+4 for colour 'red') + small noise, with a categorical column."""
    rng = np.random.default_rng(0)
    x1, x2 = rng.normal(size=rows), rng.normal(size=rows)
    colour = rng.choice(["red", "blue"], size=rows)
    y = 3 * x1 - 2 * x2 + 5 + 4 * (colour == "red") + rng.normal(scale=0.05, size=rows)
    pd.DataFrame({"x1": x1, "x2": x2, "colour": colour, "y": y}).to_csv(path, index=False)
    return path


_RUNS: dict[str, Path] = {}


def run(kind: str, factory: object) -> Path:
    """A trained run folder, trained once per test session: ``iris`` (CSV, multiclass), ``binary`` (built-in
    moons), ``regression`` (CSV with a categorical column)."""
    if kind not in _RUNS:
        base = factory.mktemp(f"run_{kind}")
        if kind == "iris":
            _RUNS[kind] = train(base / "run", IRIS, "--test-split", "0.2")
        elif kind == "binary":
            _RUNS[kind] = train(base / "run", "builtin:moons", "--test-split", "0.2", "--hidden", "8")
        else:
            _RUNS[kind] = train(base / "run", regression_csv(base / "reg.csv"), "--target", "y")
    return _RUNS[kind]
