"""What keeps the window smooth while a run goes: round axis limits, cached opaque axes, the worker holding back
while the GUI paints, BLAS leaving a core free, and histograms counted in the worker thread."""

from __future__ import annotations

import itertools
import os
import threading
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QGraphicsItem

import studio.blas_threads as blas
from engine.data.toys import xor
from engine.model import Sequential
from engine.trainer import Trainer
from studio.blas_threads import blas_threads, gui_friendly_threads, idle_blas_helpers, limit_blas_threads
from studio.live_feed import LiveViews
from studio.plots.ranges import PADDING_TOLERANCE, flat_limits, nice_step, stepped_limits
from studio.plots.style import FlatGridAxis, make_plot
from studio.run_control import HOLD_LIMIT, RunControl
from studio.run_data import RunData
from studio.worker import TrainingController

TIMEOUT = 10_000


@pytest.mark.parametrize(("size", "step"), [(0.3, 0.5), (1.0, 1.0), (1.2, 2.0), (2.5, 5.0), (7.0, 10.0),
                                           (0.0042, 0.005), (180.0, 200.0)])
def test_nice_steps_are_one_two_or_five_times_a_power_of_ten(size: float, step: float) -> None:
    assert nice_step(size) == pytest.approx(step)


def test_stepped_limits_hold_the_data_and_change_rarely_as_a_curve_grows() -> None:
    limits = [stepped_limits(0.0, float(n)) for n in range(1, 10_001)]
    assert all(low <= 0.0 and high >= n for n, (low, high) in enumerate(limits, start=1))
    assert all(high <= 1.5 * n for n, (_, high) in enumerate(limits, start=1))  # headroom: one round step
    changes = sum(1 for a, b in itertools.pairwise(limits) if a != b)
    assert changes < 60  # ten thousand points, a few dozen range changes
    assert stepped_limits(3.0, 3.0) == (3.0, 3.0) and stepped_limits(1.0, float("nan"))[0] == 1.0


def test_a_few_pixels_past_a_round_value_do_not_add_a_step() -> None:
    assert stepped_limits(-0.005, 0.755) == (-0.2, 0.8)  # without tolerance: a whole step below zero
    assert stepped_limits(-0.005, 0.755, tolerance=0.05) == (0.0, 0.8)
    assert stepped_limits(0.0, 301.0, tolerance=0.05) == (0.0, 300.0)
    assert stepped_limits(0.0, 311.0, tolerance=0.05) == (0.0, 400.0)  # more than a pen's width: the next step
    assert flat_limits(0.01) == (0.005, 0.015) and flat_limits(0.0) == (-0.5, 0.5)


def test_a_flat_series_is_ranged_around_its_value(qtbot: Any) -> None:
    plot = make_plot("flat")
    qtbot.addWidget(plot)
    item = plot.getPlotItem()
    item.plot([1.0, 2.0, 3.0], [0.01, 0.01, 0.01])
    low, high = item.getViewBox().childrenBounds()[1]
    assert 0.0 < low < 0.01 < high < 0.02


def test_plots_range_in_steps_and_paint_an_opaque_cached_grid(qtbot: Any) -> None:
    plot = make_plot("test")
    qtbot.addWidget(plot)
    item = plot.getPlotItem()
    curve = item.plot([1.0, 2.0, 3.0], [0.93, 0.5, 0.21])
    box = item.getViewBox()
    exact = pg.ViewBox.childrenBounds(box)
    assert box.childrenBounds() == [list(stepped_limits(*exact[0], tolerance=PADDING_TOLERANCE)),
                                    list(stepped_limits(*exact[1], tolerance=PADDING_TOLERANCE))]
    before = box.childrenBounds()
    curve.setData([1.0, 2.0, 3.0, 3.01], [0.93, 0.5, 0.21, 0.25])  # a new point inside the step: same limits
    assert pg.ViewBox.childrenBounds(box) != exact and box.childrenBounds() == before
    axis = item.getAxis("bottom")
    assert isinstance(axis, FlatGridAxis)
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    from PySide6.QtGui import QPainter, QPicture

    picture = QPicture()
    painter = QPainter(picture)
    _, ticks, _ = axis.generateDrawSpecs(painter)
    painter.end()
    assert ticks and all(pen.color().alpha() == 255 for pen, _, _ in ticks)
    assert len({pen.color().name() for pen, _, _ in ticks}) > 1  # grid lines lighter than the axis ticks


def test_a_held_worker_waits_between_batches_and_never_longer_than_the_limit() -> None:
    control = RunControl()
    control.request_hold(True)
    start = time.monotonic()
    control.wait_while_held(0.05)
    assert 0.04 <= time.monotonic() - start < 1.0  # nobody released it: the limit ends the wait
    released: list[float] = []
    waiter = threading.Thread(target=lambda: (control.wait_while_held(5.0), released.append(time.monotonic())))
    waiter.start()
    time.sleep(0.02)
    control.request_hold(False)
    waiter.join(2.0)
    assert released and not waiter.is_alive()
    assert 0 < HOLD_LIMIT <= 0.1


def test_blas_threads_are_limited_during_a_block_and_restored() -> None:
    before = blas_threads()
    assert gui_friendly_threads() >= 1
    with limit_blas_threads(1):
        assert blas_threads() in (None, 1)
    assert blas_threads() == before


def _schedulers() -> dict[int, int]:
    return {int(t): os.sched_getscheduler(int(t)) for t in os.listdir("/proc/self/task")}


def test_the_window_uses_every_core_only_when_blas_helpers_take_idle_cores() -> None:
    """The studio's conftest calls idle_blas_helpers() before Qt starts, as nn-studio does."""
    cpus = len(os.sched_getaffinity(0))
    if idle_blas_helpers():  # Linux, NumPy's OpenBLAS with 2+ threads: its helpers are now in SCHED_IDLE
        helpers = [tid for tid, policy in _schedulers().items() if policy == os.SCHED_IDLE]
        assert len(helpers) == blas_threads() - 1 and threading.get_native_id() not in helpers
        assert gui_friendly_threads() == cpus
    else:
        assert gui_friendly_threads() == max(1, cpus - 1)


def test_helpers_are_left_alone_when_other_threads_cannot_be_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blas, "_helpers_idle", False)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # an unnamed OS thread like OpenBLAS's own
    other.start()
    try:
        before = _schedulers()
        assert not idle_blas_helpers()
        assert _schedulers() == before
        assert gui_friendly_threads() == max(1, len(os.sched_getaffinity(0)) - 1)
    finally:
        stop.set()
        other.join()


def xor_trainer() -> tuple[Trainer, np.ndarray, np.ndarray]:
    data = xor(n_samples=32)
    model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "relu"}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,), seed=0)
    return Trainer(model, loss="binary_crossentropy", optimizer="adam", seed=0), data.x, data.y


def fed_controller() -> tuple[TrainingController, LiveViews, Trainer, np.ndarray, np.ndarray]:
    """A controller with the XOR trainer (built) and the live views it feeds."""
    controller = TrainingController()
    feed = LiveViews(controller)
    trainer, x, y = xor_trainer()
    controller.trainer = trainer
    trainer.model.build()
    return controller, feed, trainer, x, y


def test_histograms_are_counted_in_the_worker_and_every_epoch_reaches_the_curves(qtbot: Any) -> None:
    controller, feed, trainer, x, y = fed_controller()
    feed.set_wanted({"loss", "histograms"})
    feed.set_model(trainer.model, "binary_crossentropy")  # idle: the first histograms are counted here
    assert len(feed.histograms.snapshots["weights"]) == 1
    threads: set[str] = set()
    histograms = feed.histograms.add_histograms
    feed.histograms.add_histograms = lambda *a: (threads.add(threading.current_thread().name), histograms(*a))
    snapshots: list[dict] = []
    controller.signals.snapshot.connect(snapshots.append)
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.start(x, y, epochs=400, batch_size=8)
    controller.shutdown()
    assert len(feed.loss.epoch_train) == 400  # coalesced deliveries, no epoch lost
    counted = [s for s in snapshots if "histograms" in s]
    assert counted and all(s["health"] is None for s in counted)  # no rows given: no health flags
    assert {"weights", "biases"} <= set(counted[-1]["histograms"])
    assert len(feed.histograms.snapshots["weights"]) >= 2 and threads == {threading.main_thread().name}


def test_the_feed_takes_epochs_scores_and_snapshots_while_the_worker_waits(qtbot: Any) -> None:
    """NumPy calls in these slots give the interpreter up; the held worker does not take it meanwhile."""
    controller, feed, trainer, x, y = fed_controller()
    data = xor(n_samples=32)
    feed.set_data(RunData(data, x, y, x, y))
    feed.set_wanted({"loss", "roc", "decision_boundary"})
    feed.set_model(trainer.model, "binary_crossentropy")
    seen: dict[str, list[bool]] = {"epochs": [], "scores": [], "snapshot": []}

    def watch(owner: Any, method: str, what: str) -> None:
        original = getattr(owner, method)

        def watched(*args: Any) -> Any:
            control = controller._control
            if control is not None:  # a run is going (the last deliveries may come after it ended)
                seen[what].append(control.hold.is_set())
            return original(*args)

        setattr(owner, method, watched)

    watch(feed.loss, "add_epochs", "epochs")
    watch(feed.roc, "set_scores", "scores")
    watch(feed, "show_weights", "snapshot")
    with qtbot.waitSignal(controller.signals.finished, timeout=TIMEOUT):
        controller.start(x, y, validation=(x, y), epochs=3000, batch_size=8, probe=(x, y))
    controller.shutdown()
    assert all(seen.values()) and all(all(held) for held in seen.values()), seen
    assert not RunControl().hold.is_set() and controller._holds == 0


def test_snapshots_are_asked_for_only_by_open_views_the_data_has(qtbot: Any) -> None:
    """Image views are no use on a table: open but unavailable, they cost the run no weight copies."""
    controller = TrainingController()
    feed = LiveViews(controller)
    data = xor(n_samples=8)
    feed.set_data(RunData(data, data.x, data.y, data.x, data.y))
    feed.set_wanted({"loss", "metrics", "feature_maps", "filters", "gradcam"})
    assert not controller._snapshots
    feed.set_wanted({"loss", "decision_boundary"})
    assert controller._snapshots
    images = np.zeros((8, 1, 4, 4))
    feed.set_wanted({"loss", "feature_maps"})
    feed.set_data(RunData(data, images, data.y, images, data.y))
    assert controller._snapshots
