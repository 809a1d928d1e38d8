"""Drawing during a run takes a bounded share of the time: the frame budget, and the cheaper frames it meters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget

from studio.plots.curves import LossCurvesView, MetricCurvesView
from studio.plots.frame_budget import FrameBudget
from studio.plots.redraw import RedrawScheduler
from studio.plots.series import SYMBOL_LIMIT
from studio.plots.style import make_plot


def shown(qtbot: Any, view: QWidget, height: int) -> Any:
    """``view`` on screen, 800 pixels wide."""
    qtbot.addWidget(view)
    view.resize(800, height)
    view.show()
    qtbot.waitExposed(view)
    return view


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_budget_refills_at_its_share_and_delays_while_overdrawn() -> None:
    clock = FakeClock()
    budget = FrameBudget(share=0.05, burst=0.05, clock=clock)
    budget.charge(1.0)
    assert budget.delay() == 0.0 and budget.spent == 0.0  # inactive: nothing is metered
    budget.set_active(True)
    assert budget.delay() == 0.0
    budget.charge(0.02)
    assert budget.delay() == 0.0  # within the burst
    budget.charge(0.05)  # 0.02 overdrawn: 0.02 / 0.05 = 0.4 s to refill
    assert budget.delay() == pytest.approx(0.4)
    clock.now += 0.3
    assert budget.delay() == pytest.approx(0.1)
    clock.now += 10.0  # refills up to the burst only
    budget.charge(0.06)
    assert budget.delay() == pytest.approx(0.2)
    assert budget.spent == pytest.approx(0.13)


def test_over_a_long_run_drawing_takes_no_more_than_its_share() -> None:
    clock = FakeClock()
    budget = FrameBudget(share=0.05, burst=0.05, clock=clock)
    budget.set_active(True)
    frame, drawn, start = 0.02, 0, clock.now
    while clock.now - start < 60.0:  # a view that costs 20 ms per frame and asks 30 times a second
        clock.now += max(1 / 30, budget.delay())
        budget.charge(frame)
        drawn += 1
    elapsed = clock.now - start
    assert drawn * frame <= 0.05 * elapsed + 0.05 + frame  # its share, the saved-up burst, one overdrawn frame
    assert drawn * frame >= 0.045 * elapsed  # and it does use its share


def test_guards_charge_the_outermost_section_once_and_run_the_inner_guard() -> None:
    clock = FakeClock()
    budget = FrameBudget(share=0.1, burst=0.0, clock=clock)
    budget.set_active(True)
    entered: list[str] = []

    class Inner:
        def __enter__(self) -> None:
            entered.append("in")

        def __exit__(self, *args: object) -> None:
            entered.append("out")

    guard = budget.guard(Inner)
    with guard():
        clock.now += 0.01
        with guard():
            clock.now += 0.02
    assert entered == ["in", "in", "out", "out"]
    assert budget.spent == pytest.approx(0.03)
    with pytest.raises(ZeroDivisionError), guard():  # an error inside still charges and leaves the guard
        clock.now += 0.01
        raise ZeroDivisionError
    assert budget.spent == pytest.approx(0.04) and entered[-1] == "out"


def test_a_new_run_starts_with_a_full_bucket() -> None:
    clock = FakeClock()
    budget = FrameBudget(share=0.05, burst=0.05, clock=clock)
    budget.set_active(True)
    budget.charge(1.0)
    assert budget.delay() > 10
    budget.set_active(False)
    assert budget.delay() == 0.0
    budget.set_active(True)
    assert budget.delay() == 0.0
    with pytest.raises(ValueError, match="share"):
        FrameBudget(share=0.0)


def test_an_overdrawn_budget_postpones_redraws_and_flush_ignores_it(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    redraws: list[int] = []
    scheduler = RedrawScheduler(widget, lambda: redraws.append(1), max_per_second=1000.0)
    budget = FrameBudget(share=0.05, burst=0.0)
    budget.set_active(True)
    scheduler.budget = budget
    budget.charge(0.015)  # 0.3 s to refill
    scheduler.request()
    qtbot.wait(100)
    assert redraws == [] and scheduler.pending
    qtbot.waitUntil(lambda: redraws == [1], timeout=2000)
    budget.charge(1.0)
    scheduler.request()
    scheduler.flush()  # a screenshot or an export draws now, whatever the budget
    assert redraws == [1, 1]


def test_the_window_meters_drawing_only_while_a_run_goes(qtbot: Any) -> None:
    from studio.live_feed import LiveViews
    from studio.worker import IDLE, PAUSED, RUNNING, TrainingController

    controller = TrainingController()
    feed = LiveViews(controller)
    for state, active in ((RUNNING, True), (PAUSED, False), (RUNNING, True), (IDLE, False)):
        feed._on_state(state)
        assert feed.budget.active is active
    assert feed.loss.scheduler.budget is feed.budget and feed.metrics.scheduler.budget is feed.budget


def test_long_curves_drop_their_dots_and_the_smoothed_curve_is_thinned(qtbot: Any) -> None:
    view = shown(qtbot, LossCurvesView(), 500)
    view.add_epochs([(e, {"loss": 1.0 / e, "val_loss": 1.2 / e, "step": 10 * e}) for e in range(1, 51)])
    view.refresh()
    assert view.epoch_train.item.opts["symbol"] == "o"  # few epochs: every one is marked
    view.add_epochs([(e, {"loss": 1.0 / e, "val_loss": 1.2 / e, "step": 10 * e}) for e in range(51, 5001)])
    view.refresh()
    assert len(view.epoch_train) > SYMBOL_LIMIT and view.epoch_train.item.opts["symbol"] is None
    pixels = int(view.plot.getPlotItem().getViewBox().width())
    smooth_x, _ = view.epoch_train.item.getData()
    raw_x, _ = view.epoch_train.raw_item.getData()
    assert len(smooth_x) <= 2 * max(pixels // 4, 16) + 3 < len(raw_x) <= 2 * pixels + 3
    view.set_smoothing(0.0)  # unsmoothed, the curve is the raw data: full resolution
    view.refresh()
    assert len(view.epoch_train.item.getData()[0]) > 2 * max(pixels // 4, 16) + 3


def test_metric_curves_are_downsampled_and_retitled_only_when_the_metric_changes(qtbot: Any) -> None:
    view = shown(qtbot, MetricCurvesView(), 600)
    rng = np.random.default_rng(0)
    view.add_epochs([(e, {"accuracy": float(rng.random()), "val_accuracy": 0.5, "f1": 0.1, "lr": 0.01})
                     for e in range(1, 20_001)])
    view.refresh()
    x, y = view.train_item.getData()
    pixels = int(view.plot.getPlotItem().getViewBox().width())
    assert len(x) <= 2 * pixels + 3 and view.train_item.opts["symbol"] is None
    assert np.nanmax(y) == pytest.approx(max(view.logs["accuracy"]))  # peaks survive the downsampling
    titles: list[str] = []
    item = view.plot.getPlotItem()
    original = item.setTitle
    item.setTitle = lambda text, **kw: (titles.append(text), original(text, **kw))  # type: ignore[method-assign]
    view.add_epochs([(20_001, {"accuracy": 0.9, "val_accuracy": 0.5, "f1": 0.1, "lr": 0.01})])
    view.refresh()
    assert titles == []  # same metric: no text laid out again
    view.set_metric("f1")
    view.refresh()
    assert titles == ["F1"]


def test_the_grid_is_drawn_under_the_curves(qtbot: Any) -> None:
    plot = make_plot("z")
    qtbot.addWidget(plot)
    item = plot.getPlotItem()
    for side in ("left", "bottom"):
        assert item.getAxis(side).zValue() < item.getViewBox().zValue()
    assert not item.getAxis("top").isVisible() and not item.getAxis("right").isVisible()
