"""one_cycle spans the planned run: the Training dock fills its total_steps from epochs × steps per epoch and the
preview draws that curve; a run started through the session follows the same one."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from engine.data.toys import xor
from engine.registry import SCHEDULES
from studio.run_data import prepare_run_data
from studio.session import Session
from studio.widgets.training_panel import TrainingPanel

ONE_CYCLE = {"type": "one_cycle", "config": {"total_steps": 100, "pct_start": 0.3}}
MODEL = {"input_shape": [2], "dtype": "float32", "seed": 1,
         "layers": [{"type": "dense", "config": {"units": 4, "activation": "tanh"}},
                    {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}]}


@pytest.fixture
def panel(qtbot) -> TrainingPanel:
    widget = TrainingPanel()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def session(qtbot: Any) -> Any:
    s = Session()
    yield s
    s.shutdown()


def total_steps(panel: TrainingPanel) -> int:
    return panel.training_config()["schedule"]["config"]["total_steps"]


def test_total_steps_follows_epochs_batches_and_rows_and_is_read_only(panel: TrainingPanel) -> None:
    panel.set_train_size(100)
    panel.set_training_config({"schedule": ONE_CYCLE, "epochs": 10, "batch_size": 16, "val_split": 0.2})
    assert total_steps(panel) == 10 * 5  # 80 training rows in batches of 16
    field = panel.schedule.form.field("total_steps")
    assert not field.isEnabled() and "planned run" in field.toolTip()
    t, lr = panel.preview_values()
    np.testing.assert_array_equal(t, np.arange(50))
    np.testing.assert_array_equal(lr, SCHEDULES.create(panel.training_config()["schedule"]).values(50, 0.01))
    panel.epochs.setValue(20)
    assert total_steps(panel) == 100
    panel.full_batch.setChecked(True)
    assert total_steps(panel) == 20
    panel.set_train_size(12)  # too few rows to hold some out: every row trains
    panel.full_batch.setChecked(False)
    panel.batch_size.setValue(5)
    assert total_steps(panel) == 20 * 3
    panel.schedule.form.field("interval").setCurrentIndex(panel.schedule.form.field("interval").findText("epoch"))
    assert total_steps(panel) == 20 and len(panel.preview_values()[0]) == 20


def test_other_schedules_keep_their_own_length(panel: TrainingPanel) -> None:
    panel.set_train_size(100)
    cosine = {"type": "cosine", "config": {"t_max": 7, "interval": "step"}}
    panel.set_training_config({"schedule": cosine, "epochs": 10, "batch_size": 16})
    assert panel.training_config()["schedule"]["config"]["t_max"] == 7
    assert panel.schedule.form.field("t_max").isEnabled()


def test_a_run_from_the_window_follows_the_previewed_cycle(panel: TrainingPanel, session: Session, qtbot) -> None:
    dataset = xor(n_samples=100)
    panel.set_train_size(dataset.n_samples)
    panel.set_training_config({"schedule": ONE_CYCLE, "epochs": 3, "batch_size": 16, "val_split": 0.2,
                               "optimizer": {"type": "sgd", "config": {"lr": 0.1}}})
    session.set_training(panel.training_config())
    session.set_model_config(MODEL)
    data = prepare_run_data(dataset, session.project.training, session.project.preprocessing)
    with qtbot.waitSignal(session.controller.signals.finished, timeout=20_000):
        session.train(data.x_train, data.y_train, data.validation)
    trainer = session.trainer
    assert trainer.global_step == total_steps(panel) == 3 * math.ceil(len(data.x_train) / 16)
    assert trainer.schedule.get_config() == SCHEDULES.create(panel.training_config()["schedule"]).get_config()
    lr = panel.preview_values()[1]
    assert trainer.optimizer.lr == pytest.approx(lr[-1], rel=1e-12)  # the last step's rate, as drawn


def test_a_stored_total_is_replaced_by_the_run_length_when_the_run_starts(session: Session, qtbot) -> None:
    dataset = xor(n_samples=40)
    session.set_training({"schedule": ONE_CYCLE, "epochs": 2, "batch_size": 8, "val_split": 0.0})
    session.set_model_config(MODEL)
    with qtbot.waitSignal(session.controller.signals.finished, timeout=20_000):
        session.train(dataset.x, dataset.y, epochs=1)  # one epoch of a planned two (Step)
    assert session.trainer.schedule.get_config()["total_steps"] == 2 * 5
    assert session.project.training["schedule"]["config"]["total_steps"] == 100  # the document is not edited
