"""The training panel: its config round trip, the live schedule preview, task ordering, locking and tooltips."""

from __future__ import annotations

import numpy as np
import pytest

from engine.registry import LOSSES, SCHEDULES
from studio.widgets.training_panel import TrainingPanel


@pytest.fixture
def panel(qtbot) -> TrainingPanel:
    widget = TrainingPanel()
    qtbot.addWidget(widget)
    return widget


CONFIG = {
    "loss": {"type": "huber", "config": {"delta": 2.0, "reduction": "mean"}},
    "optimizer": {"type": "sgd", "config": {"lr": 0.05, "momentum": 0.9, "dampening": 0.0, "nesterov": True,
                                            "weight_decay": 0.0, "clipnorm": None, "clipvalue": None}},
    "schedule": {"type": "step_decay", "config": {"step_size": 5, "gamma": 0.5, "interval": "epoch"}},
    "batch_size": None, "epochs": 40, "val_split": 0.25, "seed": 7,
    "early_stopping": {"monitor": "val_mae", "patience": 3, "restore_best_weights": True},
    "regularization": {"type": "l2", "config": {"l2": 0.001}},
    "initializer": {"type": "he_normal", "config": {}},
    "method": "backprop",
}


def test_config_round_trips(panel: TrainingPanel, qtbot) -> None:
    panel.set_task("regression")
    with qtbot.waitSignal(panel.config_changed) as changed:
        panel.set_training_config(CONFIG)
    assert changed.args[0] == panel.training_config()
    config = panel.training_config()
    assert config["loss"]["type"] == "huber" and config["loss"]["config"]["delta"] == 2.0
    assert config["optimizer"]["config"]["lr"] == 0.05 and config["optimizer"]["config"]["nesterov"] is True
    for key in ("schedule", "batch_size", "epochs", "val_split", "seed", "early_stopping", "regularization",
                "method"):
        assert config[key] == CONFIG[key], key
    assert config["initializer"]["type"] == "he_normal"
    fresh = TrainingPanel()
    qtbot.addWidget(fresh)
    fresh.set_task("regression")
    fresh.set_training_config(config)
    assert fresh.training_config() == config


def test_schedule_preview_equals_schedule_values_after_a_param_edit(panel: TrainingPanel) -> None:
    panel.set_training_config({"schedule": {"type": "exponential", "config": {"gamma": 0.9}}, "epochs": 30})
    panel.schedule.form.field("gamma").setValue(0.8)  # an edit, before any training
    panel.optimizer.form.field("lr").setText("0.1")
    panel.optimizer.form.field("lr").textEdited.emit("0.1")
    t, lr = panel.preview_values()
    expected = SCHEDULES.create(panel.training_config()["schedule"]).values(30, 0.1)
    assert panel.training_config()["schedule"]["config"]["gamma"] == pytest.approx(0.8)
    np.testing.assert_array_equal(t, np.arange(30))
    np.testing.assert_allclose(lr, expected, rtol=0, atol=0)


def test_per_step_schedule_previews_epochs_times_steps(panel: TrainingPanel) -> None:
    panel.set_train_size(100)
    panel.set_training_config({"schedule": {"type": "cosine", "config": {"t_max": 40, "interval": "step"}},
                               "epochs": 10, "batch_size": 16, "val_split": 0.2})
    assert panel.steps_per_epoch() == 5  # 80 training rows in batches of 16
    t, lr = panel.preview_values()
    assert len(t) == 50
    np.testing.assert_array_equal(lr, SCHEDULES.create(panel.training_config()["schedule"]).values(50, 0.01))


def test_an_invalid_schedule_shows_the_message_instead_of_the_plot(panel: TrainingPanel, qtbot) -> None:
    panel.set_training_config({"schedule": {"type": "multi_step", "config": {}}})
    field = panel.schedule.form.field("milestones")
    field.clear()
    qtbot.keyClicks(field, "3, a")
    assert panel.preview_message.text() == panel.schedule.form.errors()["milestones"]
    assert panel.preview.isHidden() and not panel.preview_message.isHidden()
    field.clear()
    qtbot.keyClicks(field, "3, 6")
    assert panel.preview_message.isHidden() and not panel.preview.isHidden()


def test_losses_of_the_task_come_first(panel: TrainingPanel) -> None:
    for task in ("binary", "multiclass", "regression"):
        panel.set_task(task)
        matching = LOSSES.names(task=task)
        assert panel.loss.keys()[:len(matching)] == matching
        assert set(panel.loss.keys()) == set(LOSSES.names())
        assert panel.training_config()["loss"]["type"] == matching[0]


def test_perceptron_rule_only_for_a_single_dense_step_layer(panel: TrainingPanel) -> None:
    assert not panel.method.isEnabled()
    panel.set_model_config([{"type": "dense", "config": {"units": 1, "activation": "step"}}])
    assert panel.method.isEnabled()
    panel.set_training_config({"method": "perceptron"})
    assert panel.training_config()["method"] == "perceptron"
    panel.set_model_config([{"type": "dense", "config": {"units": 4, "activation": "tanh"}},
                            {"type": "dense", "config": {"units": 1, "activation": "step"}}])
    assert not panel.method.isEnabled() and panel.training_config()["method"] == "backprop"


def test_only_the_learning_rate_stays_editable_during_training(panel: TrainingPanel, qtbot) -> None:
    panel.set_lr_editable_during_training(True)
    lr_field = panel.optimizer.form.field("lr")
    assert lr_field.isEnabled()
    assert not any(field.isEnabled() for field in panel.fields() if field is not lr_field)
    rates: list[float] = []
    panel.lr_changed.connect(rates.append)
    lr_field.clear()
    qtbot.keyClicks(lr_field, "0.003")  # every valid prefix ("0", "0.0", …) is a learning rate too
    assert rates[-1] == 0.003
    panel.set_lr_editable_during_training(False)
    assert panel.epochs.isEnabled() and panel.loss.combo.isEnabled()


def test_full_batch_and_early_stopping_toggles(panel: TrainingPanel) -> None:
    panel.full_batch.setChecked(True)
    assert panel.training_config()["batch_size"] is None and not panel.batch_size.isEnabled()
    panel.early_stopping.setChecked(True)
    assert panel.training_config()["early_stopping"] == {"monitor": "val_loss", "patience": 10}
    panel.early_stopping.setChecked(False)
    assert panel.training_config()["early_stopping"] is None and not panel.patience.isEnabled()


def test_every_field_has_a_tooltip(panel: TrainingPanel) -> None:
    panel.set_training_config(CONFIG)
    fields = panel.fields()
    assert len(fields) > 20
    assert all(field.toolTip().strip() for field in fields), [f.objectName() for f in fields if not f.toolTip()]
