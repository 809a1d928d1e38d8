"""Loss and metric curves: appends only, at most ~30 redraws a second, smoothing, hover, log axis."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from studio.plots.curves import LossCurvesView, MetricCurvesView
from studio.plots.redraw import MAX_REDRAWS_PER_SECOND
from studio.plots.smoothing import debiased_ema


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def loss_view(qtbot) -> LossCurvesView:
    view = LossCurvesView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    return view


def feed_epochs(view: LossCurvesView, epochs: int = 5, batches: int = 10) -> None:
    step = 0
    for epoch in range(1, epochs + 1):
        for _ in range(batches):
            step += 1
            view.add_batch(step, 1.0 / step)
        view.add_epoch(epoch, {"loss": 1.0 / epoch, "val_loss": 1.2 / epoch, "step": step})


def test_ten_thousand_batches_cost_appends_and_few_redraws(qtbot, loss_view: LossCurvesView) -> None:
    loss_view.set_x_axis("step")
    qtbot.wait(50)  # the first paints of a new window are not the test's
    paints = PaintCounter()
    loss_view.plot.viewport().installEventFilter(paints)
    app = QApplication.instance()
    redraws = loss_view.scheduler.count
    start = time.monotonic()
    for step in range(10_000):  # 10,000 batches in about half a second: 20,000 a second
        loss_view.add_batch(step, 1.0 + math.sin(step / 50))
        if step % 100 == 99:
            time.sleep(0.005)
            app.processEvents()  # signals arrive between event-loop turns
    while loss_view.scheduler.pending:
        app.processEvents()
    elapsed = time.monotonic() - start
    limit = MAX_REDRAWS_PER_SECOND * elapsed + 2
    print(f"{elapsed:.2f} s: {loss_view.scheduler.count - redraws} redraws, {paints.count} paints")
    assert 1 <= loss_view.scheduler.count - redraws <= limit
    assert paints.count <= 2 * limit  # Qt paints the view once for the data, once more for the new axis range
    assert not loss_view.scheduler.pending
    x, _ = loss_view.batch.item.getData()
    assert x[-1] == 9_999  # the latest point is shown
    assert len(x) <= 2 * loss_view.plot.getPlotItem().getViewBox().width() + 3  # downsampled to the pixels


def test_hidden_view_does_not_redraw_until_shown(qtbot, loss_view: LossCurvesView) -> None:
    loss_view.hide()
    count = loss_view.scheduler.count
    loss_view.add_batch(1, 0.5)
    qtbot.wait(80)
    assert loss_view.scheduler.count == count and loss_view.scheduler.pending
    loss_view.show()
    qtbot.waitUntil(lambda: not loss_view.scheduler.pending)
    assert loss_view.scheduler.count == count + 1


def test_epoch_and_step_axes_show_train_and_validation(loss_view: LossCurvesView) -> None:
    feed_epochs(loss_view)
    loss_view.set_smoothing(0.0)
    loss_view.refresh()
    assert loss_view.epoch_train.item.getData()[0].tolist() == [1, 2, 3, 4, 5]  # one point per epoch
    assert loss_view.epoch_val.item.getData()[1].tolist() == pytest.approx([1.2 / e for e in range(1, 6)])
    assert loss_view.epoch_train.item.isVisible() and not loss_view.batch.item.isVisible()
    assert not loss_view.epoch_train.raw_item.isVisible()  # no smoothing: no faint copy
    loss_view.set_x_axis("step")
    loss_view.refresh()
    assert loss_view.batch.item.isVisible() and not loss_view.epoch_train.item.isVisible()
    assert loss_view.batch.item.getData()[0].tolist() == list(range(1, 51))
    assert loss_view.step_val.item.getData()[0].tolist() == [10, 20, 30, 40, 50]  # validation at epoch ends
    assert loss_view.plot.getPlotItem().getAxis("bottom").labelText == "Step (batch)"


def test_smoothing_draws_tensorboard_ema_over_the_faint_raw_curve(loss_view: LossCurvesView) -> None:
    rng = np.random.default_rng(0)
    losses = rng.random(300) + 1
    loss_view.set_x_axis("step")
    for step, loss in enumerate(losses):
        loss_view.add_batch(step, loss)
    loss_view.set_smoothing(0.9)
    loss_view.refresh()
    _, smoothed = loss_view.batch.item.getData()
    _, raw = loss_view.batch.raw_item.getData()
    np.testing.assert_allclose(smoothed, debiased_ema(losses, 0.9), rtol=1e-12)
    np.testing.assert_array_equal(raw, losses)
    assert loss_view.batch.raw_item.isVisible()
    assert loss_view.batch.raw_item.opts["pen"].color().alpha() < 128  # faint
    assert loss_view.smoothing_value.text() == "0.90"


def test_hover_names_epoch_or_step_and_values(loss_view: LossCurvesView) -> None:
    feed_epochs(loss_view)
    loss_view.set_smoothing(0.0)
    assert loss_view.hover_text(2.2) == "Epoch 2 · train 0.5 · validation 0.6"
    loss_view.set_x_axis("step")
    assert loss_view.hover_text(19.6) == "Step 20 (epoch 2) · train 0.05 · validation 0.6"
    loss_view.set_smoothing(0.5)
    assert "(smoothed " in loss_view.hover_text(3)
    loss_view.clear()
    assert loss_view.hover_text(3) == ""


def test_log_axis_and_clear(loss_view: LossCurvesView) -> None:
    feed_epochs(loss_view)
    loss_view.log_y.setChecked(True)
    loss_view.refresh()
    assert loss_view.plot.getPlotItem().getAxis("left").logMode
    loss_view.add_batch(99, 0.0)  # log of 0: a gap, not a warning
    loss_view.refresh()
    loss_view.clear()
    loss_view.refresh()
    assert len(loss_view.epoch_train) == 0 and loss_view.epoch_train.item.getData()[0] is None


def test_zoom_draws_the_visible_range_in_detail(loss_view: LossCurvesView) -> None:
    loss_view.set_x_axis("step")
    loss_view.set_smoothing(0.0)
    for step in range(100_000):
        loss_view.add_batch(step, float(step % 7))
    loss_view.refresh()
    loss_view.plot.getPlotItem().setXRange(1000, 1100, padding=0)  # the user zooms in
    loss_view.refresh()
    x, _ = loss_view.batch.item.getData()
    assert x[0] >= 990 and x[-1] <= 1110
    assert len(x) >= 100  # every point of the range, not buckets of the whole run


@pytest.fixture
def metric_view(qtbot) -> MetricCurvesView:
    view = MetricCurvesView()
    qtbot.addWidget(view)
    view.show()
    return view


def test_metric_chooser_follows_the_task(metric_view: MetricCurvesView) -> None:
    texts = [metric_view.metric_choice.itemText(i) for i in range(metric_view.metric_choice.count())]
    assert texts == ["Accuracy", "F1", "AUC"]
    metric_view.set_task("regression")
    texts = [metric_view.metric_choice.itemText(i) for i in range(metric_view.metric_choice.count())]
    assert texts == ["MAE", "RMSE", "R²"]
    metric_view.add_epoch(1, {"mae": 0.5, "val_mae": 0.6, "mse": 0.3, "lr": 0.01, "loss": 0.3})
    assert metric_view.metric_choice.itemData(3) == "mse"  # another metric of the logs joins the list
    with pytest.raises(ValueError, match="task"):
        metric_view.set_task("ranking")


def test_metric_curves_and_learning_rate(metric_view: MetricCurvesView) -> None:
    for epoch in range(1, 6):
        metric_view.add_epoch(epoch, {"accuracy": 0.1 * epoch, "val_accuracy": 0.09 * epoch,
                                      "f1": 0.05 * epoch, "lr": 0.1 / epoch, "loss": 1.0})
    metric_view.refresh()
    assert metric_view.train_item.getData()[1].tolist() == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])
    assert metric_view.val_item.getData()[1].tolist() == pytest.approx([0.09 * e for e in range(1, 6)])
    assert metric_view.lr_item.getData()[1].tolist() == pytest.approx([0.1 / e for e in range(1, 6)])
    metric_view.set_metric("f1")
    metric_view.refresh()
    assert metric_view.train_item.getData()[1].tolist() == pytest.approx([0.05 * e for e in range(1, 6)])
    assert metric_view.val_item.getData()[0] is None  # no val_f1 in the logs
    assert metric_view.plot.getPlotItem().titleLabel.text == "F1"
    metric_view.clear()
    metric_view.refresh()
    assert metric_view.epochs == [] and metric_view.lr_item.getData()[0] is None


def test_values_missing_or_not_finite_are_left_out_of_the_loss_curves(loss_view: LossCurvesView) -> None:
    loss_view.add_epochs([(1, {"loss": 0.5, "val_loss": 0.6, "step": 10}),
                          (2, {"loss": math.nan, "step": 20}),  # diverged: reported elsewhere, not drawn
                          (3, {"loss": np.float32(0.25), "val_loss": math.inf, "step": 30})])
    assert [list(a) for a in loss_view.epoch_train.points.data()] == [[1.0, 3.0], [0.5, 0.25]]
    assert [list(a) for a in loss_view.epoch_val.points.data()] == [[1.0], [0.6]]
    assert [list(a) for a in loss_view.step_val.points.data()] == [[10.0], [0.6]]


def test_a_metric_that_is_not_finite_is_a_gap(metric_view: MetricCurvesView) -> None:
    metric_view.add_epochs([(1, {"accuracy": 0.5}), (2, {"accuracy": math.inf}), (3, {"accuracy": 0.75})])
    assert metric_view.column("accuracy")[0::2] == [0.5, 0.75] and math.isnan(metric_view.column("accuracy")[1])
