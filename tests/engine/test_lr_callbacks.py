"""The learning-rate callbacks, driven by a fake trainer: reduce_lr_on_plateau against torch, lr_scheduler wiring."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from engine.callbacks.lr_scheduler import LRScheduler
from engine.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from engine.errors import ConfigError, TrainingError
from engine.registry import CALLBACKS
from tests.reference.fixtures import load_json

DATA = load_json("schedules.json")
SCHEDULE_CASES = {case["name"]: case for case in DATA["cases"]}


def _trainer(lr: float) -> SimpleNamespace:
    return SimpleNamespace(optimizer=SimpleNamespace(lr=lr), epoch=0, global_step=0, stop_training=False)


def _fit(callback: Any, trainer: SimpleNamespace, epochs: int, batches: int) -> list[float]:
    """Call the hooks the way the trainer does; return the learning rate each batch trained with."""
    callback.set_trainer(trainer)
    callback.on_train_begin({})
    used = []
    for epoch in range(trainer.epoch, trainer.epoch + epochs):
        callback.on_epoch_begin(epoch, {})
        for batch in range(batches):
            callback.on_train_batch_begin(batch, {"size": 8})
            used.append(trainer.optimizer.lr)
            trainer.global_step += 1
            callback.on_train_batch_end(batch, {"loss": 1.0, "size": 8})
        trainer.epoch = epoch + 1
        callback.on_epoch_end(epoch, {"loss": 1.0, "lr": trainer.optimizer.lr})
    callback.on_train_end({})
    return used


# -- reduce_lr_on_plateau ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", DATA["plateau"], ids=lambda c: c["name"])
def test_reduce_on_plateau_matches_torch(case: dict[str, Any]) -> None:
    monitor = "val_accuracy" if case["config"].get("mode") == "max" else "val_loss"
    callback = CALLBACKS.create({"type": "reduce_lr_on_plateau", "config": {**case["config"], "monitor": monitor}})
    trainer = _trainer(case["base_lr"])
    callback.set_trainer(trainer)
    callback.on_train_begin({})
    lrs = []
    for epoch, value in enumerate(DATA["plateau_metrics"][case["metric"]]):
        callback.on_epoch_end(epoch, {"loss": 0.0, monitor: value})
        lrs.append(trainer.optimizer.lr)
    np.testing.assert_allclose(lrs, case["lrs"], rtol=1e-13, atol=0)
    assert len(set(case["lrs"])) > 2  # the fixture does exercise reductions


def test_reduce_on_plateau_restarts_its_count_at_train_begin() -> None:
    callback = ReduceLROnPlateau(monitor="loss", patience=1, factor=0.5)
    trainer = _trainer(1.0)
    callback.set_trainer(trainer)
    callback.on_train_begin({})
    for epoch, loss in enumerate([1.0, 1.0]):
        callback.on_epoch_end(epoch, {"loss": loss})
    assert callback.num_bad_epochs == 1 and trainer.optimizer.lr == 1.0
    callback.on_train_begin({})
    assert callback.num_bad_epochs == 0 and callback.best == float("inf")
    callback.on_epoch_end(0, {"loss": 5.0})
    assert callback.best == 5.0 and trainer.optimizer.lr == 1.0


def test_reduce_on_plateau_names_a_missing_monitor() -> None:
    callback = ReduceLROnPlateau()
    callback.set_trainer(_trainer(0.1))
    callback.on_train_begin({})
    with pytest.raises(TrainingError) as info:
        callback.on_epoch_end(0, {"loss": 1.0, "accuracy": 0.5})
    assert info.value.param == "monitor"
    assert "'val_loss'" in str(info.value) and "accuracy, loss" in str(info.value)


@pytest.mark.parametrize(("config", "param"), [
    ({"factor": 1.0}, "factor"), ({"factor": 0.0}, "factor"), ({"patience": -1}, "patience"),
    ({"threshold_mode": "relative"}, "threshold_mode"), ({"mode": "auto"}, "mode"), ({"min_lr": -1e-3}, "min_lr"),
    ({"monitor": " "}, "monitor"), ({"cooldown": 1.5}, "cooldown"),
])
def test_reduce_on_plateau_refuses_invalid_settings(config: dict[str, Any], param: str) -> None:
    with pytest.raises(ConfigError) as info:
        ReduceLROnPlateau(**config)
    assert info.value.param == param


# -- lr_scheduler --------------------------------------------------------------------------------------------------
def test_step_interval_follows_torch_batch_by_batch() -> None:
    """t = trainer.global_step across epoch boundaries: the lr of each batch is torch's lr after that many steps."""
    case = SCHEDULE_CASES["warmup_exponential"]
    spec = {"type": "warmup", "config": {**case["spec"]["config"], "interval": "step"}}
    used = _fit(LRScheduler(schedule=spec), _trainer(case["base_lr"]), epochs=8, batches=10)
    np.testing.assert_allclose(used, case["lrs"], rtol=1e-10)


def test_epoch_interval_changes_the_lr_only_when_an_epoch_begins() -> None:
    case = SCHEDULE_CASES["step_decay_1"]
    used = _fit(LRScheduler(schedule=case["spec"]), _trainer(case["base_lr"]), epochs=6, batches=3)
    per_epoch = np.array(used).reshape(6, 3)
    assert (per_epoch == per_epoch[:, :1]).all()
    np.testing.assert_allclose(per_epoch[:, 0], case["lrs"][:6], rtol=1e-12)


def test_a_continued_run_keeps_the_first_base_lr() -> None:
    """A second fit (a new callback, as the trainer makes one per fit) resumes the schedule from the same base."""
    case = SCHEDULE_CASES["cosine_past_t_max"]
    spec = {"type": "cosine", "config": {**case["spec"]["config"], "interval": "step"}}
    trainer = _trainer(case["base_lr"])
    first = _fit(LRScheduler(schedule=spec), trainer, epochs=2, batches=10)
    second = _fit(LRScheduler(schedule=spec), trainer, epochs=2, batches=10)
    np.testing.assert_allclose(first + second, case["lrs"][:40], rtol=1e-10, atol=1e-15)


def test_a_fresh_run_takes_the_optimizers_current_lr_as_base() -> None:
    spec = {"type": "exponential", "config": {"gamma": 0.5}}
    trainer = _trainer(1.0)
    _fit(LRScheduler(schedule=spec), trainer, epochs=3, batches=1)
    fresh = _trainer(0.2)
    fresh.optimizer = trainer.optimizer
    fresh.optimizer.lr = 0.2
    callback = LRScheduler(schedule=spec)
    assert _fit(callback, fresh, epochs=2, batches=1) == [0.2, 0.1]
    assert callback.base_lr == 0.2


def test_lr_scheduler_config_round_trip_and_registration() -> None:
    callback = CALLBACKS.create({"type": "lr_scheduler",
                                 "config": {"schedule": {"type": "one_cycle", "config": {"total_steps": 30}}}})
    config = json.loads(json.dumps(callback.get_config()))
    assert LRScheduler.from_config(config).get_config() == callback.get_config()
    plateau = CALLBACKS.create({"type": "reduce_lr_on_plateau", "config": {"patience": 3, "mode": "max"}})
    assert ReduceLROnPlateau.from_config(json.loads(json.dumps(plateau.get_config()))).get_config() \
        == plateau.get_config()
    json.dumps(CALLBACKS.describe("lr_scheduler"))
    json.dumps(CALLBACKS.describe("reduce_lr_on_plateau"))


def test_lr_scheduler_refuses_an_unknown_schedule() -> None:
    with pytest.raises(ConfigError):
        LRScheduler(schedule="sometimes")
