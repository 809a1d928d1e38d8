"""The window stays responsive while a 784-256-128-10 MLP trains (a 10 ms timer, gaps measured)."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSettings, QTimer

from engine.data.dataset import Dataset
from studio.app import freeze_startup_objects
from studio.main_window import MainWindow

# Issue 4 asks for no gap over 50 ms while this MLP trains with the loss curves in front. The plots draw within
# a time budget (studio/plots/frame_budget.py), cheaply (no dots on long curves, thinned smoothed curves, axes
# that move in steps) and keep the worker waiting while they paint; the worker thread has a lower priority than the
# GUI thread. Measured: p99 18-20 ms, worst 24-39 ms. In a whole-suite run the process holds every earlier test's
# objects, and a full garbage collection of them took 18-220 ms: the test freezes them first, as the app freezes
# its start-up objects.
P99_GAP_S = 0.040
MAX_GAP_S = 0.050
MEASURE_S = 4.0


def synthetic_digits(rows: int = 6000, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 10, rows)
    centres = rng.normal(size=(10, 784)).astype(np.float32)
    x = centres[y] + rng.normal(scale=2.0, size=(rows, 784)).astype(np.float32)
    return Dataset(x, y, [f"p{i}" for i in range(784)], "digit", "multiclass", [str(c) for c in range(10)],
                   "synthetic 784", "")


def test_the_event_loop_never_stalls_while_an_mlp_trains(qtbot: Any, tmp_path: Path) -> None:
    win = MainWindow(dataset=synthetic_digits(), settings=QSettings(str(tmp_path / "s.ini"),
                                                                    QSettings.Format.IniFormat))
    win.confirm = lambda _parent: "discard"
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.builder.set_model_config([{"type": "dense", "config": {"units": 256, "activation": "relu"}},
                                  {"type": "dense", "config": {"units": 128, "activation": "relu"}},
                                  {"type": "dense", "config": {"units": 10, "activation": "softmax"}}])
    assert [layer.output_shape for layer in win.session.model.layers] == [(256,), (128,), (10,)]
    assert win.session.model.dtype == np.float32
    win.training_panel.batch_size.setValue(64)

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    freeze_startup_objects()  # as nn-studio does; here it also takes the earlier tests' objects out of the way
    try:
        assert win.train(1000)
        qtbot.waitUntil(lambda: win.session.trainer.global_step > 0, timeout=10_000)
        timer.start()
        qtbot.wait(int(MEASURE_S * 1000))
        timer.stop()
    finally:
        gc.unfreeze()
    steps = win.session.trainer.global_step
    win.actions.stop.trigger()
    qtbot.waitUntil(lambda: not win.session.is_training, timeout=10_000)

    gaps = np.diff(ticks)
    assert steps > 20, "the model barely trained: the measurement says nothing"
    assert len(ticks) > MEASURE_S * 1000 / 50
    worst, p99 = gaps.max() * 1000, np.percentile(gaps, 99) * 1000
    assert np.percentile(gaps, 99) <= P99_GAP_S, f"p99 gap {p99:.0f} ms (worst {worst:.0f} ms)"
    assert gaps.max() <= MAX_GAP_S, f"the GUI stalled for {worst:.0f} ms (p99 {p99:.0f} ms)"
