"""Loss-landscape view (background thread, progress, cancel, clean join) and hardest-samples view."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.model import Sequential
from studio.views.hardest_samples import HardestSamplesView
from studio.views.loss_landscape import LossLandscapeView
from tests.engine.test_insight_boundary import trained_xor

pytestmark = pytest.mark.gui


def test_landscape_computes_off_the_gui_thread_and_restores_nothing_it_should_not(qtbot) -> None:
    model, trainer, x, y = trained_xor()
    before = model.get_weights()
    view = LossLandscapeView()
    qtbot.addWidget(view)
    view.set_problem(model, "bce", x, y)
    view.steps.setValue(7)
    with qtbot.waitSignal(view.computed, timeout=10000) as blocker:
        qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
        assert view.running and not view.compute_button.isEnabled()
    result = blocker.args[0]
    assert not view.running and view.compute_button.isEnabled()
    assert result.origin_loss == trainer.evaluate(x, y)["loss"]
    assert result.losses[3] == pytest.approx(result.origin_loss, rel=1e-6)
    assert view.progress.value() == 7
    assert all(np.array_equal(before[k], model.get_weights()[k]) for k in before)


def test_landscape_cancel_and_two_directions(qtbot) -> None:
    model, _, x, y = trained_xor()
    view = LossLandscapeView()
    qtbot.addWidget(view)
    view.set_problem(model, "bce", x, y)
    view.directions.setCurrentIndex(1)
    view.steps.setValue(101)
    view.compute()
    view.cancel()
    with qtbot.waitSignal(view.computed, timeout=20000) as blocker:
        pass
    assert blocker.args[0].cancelled and blocker.args[0].losses.shape == (101, 101)
    view.steps.setValue(9)
    with qtbot.waitSignal(view.computed, timeout=10000) as blocker:
        view.compute()
    assert not blocker.args[0].cancelled and np.isfinite(blocker.args[0].losses).all()


def test_hardest_samples_table_orders_misclassified_first_and_emits_the_row(qtbot) -> None:
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(1,),
                       dtype="float64")
    model.set_weights({"dense_1/kernel": np.ones((1, 1)), "dense_1/bias": np.zeros(1)})
    x = np.array([[3.0], [-0.2], [1.0], [-4.0], [0.5], [-2.0]])
    y = np.array([1, 1, 0, 0, 1, 1])
    view = HardestSamplesView()
    qtbot.addWidget(view)
    view.show()
    view.set_data(x, y, classes=["no", "yes"])
    view.set_model(model, "bce")
    view.refresh()
    rows = [int(view.table.item(r, 0).text()) for r in range(view.table.rowCount())]
    assert rows == [5, 2, 1, 4, 0, 3]  # losses: 2.13, 1.31, 0.80 (wrong), then 0.47, 0.05, 0.02
    assert view.table.item(0, 1).text() == "yes" and view.table.item(0, 2).text() == "no"
    assert "3 of 6" in view.summary.text()
    with qtbot.waitSignal(view.sample_selected) as blocker:
        view.select_rank(1)
    assert blocker.args == [2]
    assert view.image.isHidden()  # tabular data: no image


def test_hardest_samples_shows_the_image_of_image_data(qtbot) -> None:
    model = Sequential([{"type": "flatten"}, {"type": "dense", "config": {"units": 2, "activation": "softmax"}}],
                       input_shape=(1, 4, 4))
    rng = np.random.default_rng(0)
    x = rng.random((10, 1, 4, 4)).astype(np.float32)
    y = rng.integers(0, 2, 10)
    view = HardestSamplesView()
    qtbot.addWidget(view)
    view.show()
    view.set_data(x, y, classes=["a", "b"])
    view.set_model(model, "sparse_categorical_crossentropy")
    view.refresh()
    view.select_rank(0)
    assert view.image.isVisible() and not view.image.pixmap().isNull()
