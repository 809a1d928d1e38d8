"""Callbacks (history, early_stopping, terminate_on_nan, model_checkpoint, csv_logger) driven by a fake trainer."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from engine.callbacks import Callback
from engine.errors import ConfigError, TrainingError
from engine.registry import CALLBACKS

#: The callbacks of this test module and a configuration each (``{tmp}`` becomes the test's temporary folder).
CONFIGS: dict[str, dict[str, Any]] = {
    "history": {},
    "early_stopping": {"monitor": "val_accuracy", "min_delta": 0.01, "patience": 3, "mode": "max", "baseline": 0.5,
                       "restore_best_weights": True, "start_from_epoch": 2},
    "terminate_on_nan": {},
    "model_checkpoint": {"filepath": "{tmp}/ck_{epoch:03d}.npz", "monitor": "loss", "save_best_only": True},
    "csv_logger": {"filename": "{tmp}/log.csv", "separator": ";", "append": True},
}
MODULES = {f"engine.callbacks.{name}" for name in CONFIGS}


class FakeModel:
    """Holds one weight array; the fake training loop sets it to the epoch number."""

    def __init__(self) -> None:
        self.weights = {"dense/kernel": np.zeros((2, 2))}

    def get_weights(self) -> dict[str, np.ndarray]:
        return {k: v.copy() for k, v in self.weights.items()}

    def set_weights(self, weights: dict[str, np.ndarray]) -> None:
        self.weights = {k: np.array(v) for k, v in weights.items()}


def make_trainer() -> SimpleNamespace:
    return SimpleNamespace(model=FakeModel(), optimizer=SimpleNamespace(lr=0.1), epoch=0, global_step=0,
                           stop_training=False, stop_reason=None, diverged=False)


def fit(callback: Callback, epoch_logs: list[dict[str, float]], trainer: SimpleNamespace | None = None,
        start: int = 0) -> SimpleNamespace:
    """Drive ``callback`` the way the trainer does: epoch ``e`` leaves the weights equal to ``e``."""
    trainer = trainer or make_trainer()
    trainer.stop_training = False
    callback.set_trainer(trainer)
    callback.on_train_begin({})
    logs: dict[str, float] = {}
    for epoch, logs in enumerate(epoch_logs, start=start):
        trainer.epoch = epoch
        callback.on_epoch_begin(epoch, {})
        trainer.global_step += 1
        callback.on_train_batch_end(0, {"loss": logs.get("loss", 1.0), "size": 8})
        trainer.model.weights["dense/kernel"][...] = epoch
        trainer.epoch = epoch + 1
        callback.on_epoch_end(epoch, logs)
        if trainer.stop_training:
            break
    callback.on_train_end(logs)
    return trainer


def losses(*values: float, key: str = "val_loss") -> list[dict[str, float]]:
    return [{"loss": 1.0, key: v} for v in values]


def kernel(trainer: SimpleNamespace) -> float:
    return float(trainer.model.weights["dense/kernel"][0, 0])


# -- registry: completeness, round trip --------------------------------------------------------------------------
def test_every_callback_of_these_modules_has_a_case() -> None:
    ours = {key for key in CALLBACKS.names() if CALLBACKS.get(key).__module__ in MODULES}
    assert ours == set(CONFIGS)


@pytest.mark.parametrize("key", list(CONFIGS))
def test_config_round_trip(key: str, tmp_path: Path) -> None:
    config = {k: v.replace("{tmp}", str(tmp_path)) if isinstance(v, str) else v for k, v in CONFIGS[key].items()}
    callback = CALLBACKS.create({"type": key, "config": config})
    assert isinstance(callback, Callback) and callback.key == key
    spec = json.loads(json.dumps(CALLBACKS.to_spec(callback)))
    again = CALLBACKS.create(spec)
    assert type(again) is type(callback) and again.get_config() == callback.get_config() == {
        **CALLBACKS.create(key).get_config(), **config}
    description = CALLBACKS.describe(key)
    assert description["help"]
    json.dumps(description)


@pytest.mark.parametrize(("key", "config", "param"), [
    ("early_stopping", {"patience": -1}, "patience"),
    ("early_stopping", {"mode": "up"}, "mode"),
    ("early_stopping", {"monitor": ""}, "monitor"),
    ("early_stopping", {"monitor": "val_widgets"}, "mode"),
    ("early_stopping", {"min_delta": -0.1}, "min_delta"),
    ("model_checkpoint", {"filepath": ""}, "filepath"),
    ("model_checkpoint", {"filepath": "ck_{epoch"}, "filepath"),
    ("model_checkpoint", {"filepath": "ck_{}.npz"}, "filepath"),
    ("model_checkpoint", {"filepath": "ck_{0}.npz"}, "filepath"),
    ("model_checkpoint", {"filepath": "ck_{epoch.__class__}.npz"}, "filepath"),
    ("model_checkpoint", {"filepath": "ck_{loss[0]}.npz"}, "filepath"),
    ("model_checkpoint", {"save_best_only": True, "monitor": "val_widgets"}, "mode"),
    ("csv_logger", {"separator": ";;"}, "separator"),
    ("csv_logger", {"separator": "\n"}, "separator"),
    ("csv_logger", {"filename": " "}, "filename"),
])
def test_bad_parameter_names_it(key: str, config: dict[str, Any], param: str) -> None:
    with pytest.raises(ConfigError) as info:
        CALLBACKS.create({"type": key, "config": config})
    assert info.value.param == param and param in str(info.value)


# -- history -----------------------------------------------------------------------------------------------------
def test_history_records_every_epoch_as_lists_of_floats() -> None:
    history = CALLBACKS.create("history")
    fit(history, [{"loss": 1.0, "accuracy": 0.5}, {"loss": np.float32(0.5), "accuracy": 0.75}])
    assert history.epoch == [0, 1]
    assert history.history == {"loss": [1.0, 0.5], "accuracy": [0.5, 0.75]}
    assert all(type(v) is float for values in history.history.values() for v in values)
    assert history.last("loss") == 0.5 and history.last("val_loss") is None


def test_history_keeps_lists_aligned_with_epochs_and_grows_over_fits() -> None:
    history = CALLBACKS.create("history")
    fit(history, [{"loss": 1.0}, {"loss": 0.9, "val_loss": 1.2}])
    fit(history, [{"loss": 0.8}], start=2)
    assert history.epoch == [0, 1, 2]
    assert history.history["loss"] == [1.0, 0.9, 0.8]
    val = history.history["val_loss"]
    assert math.isnan(val[0]) and val[1] == 1.2 and math.isnan(val[2])


# -- early stopping (Keras's rules, traced by hand) ---------------------------------------------------------------
def test_early_stopping_waits_patience_epochs_after_the_best() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 2}})
    trainer = fit(stopper, losses(1.0, 0.9, 0.95, 0.93, 0.8))
    assert trainer.stop_training and stopper.stopped_epoch == 3
    assert stopper.best == 0.9 and stopper.best_epoch == 1
    assert trainer.stop_reason == ("Early stopping: val_loss has not improved for 2 epochs (best 0.9 at epoch 2).")


def test_early_stopping_min_delta_ignores_tiny_improvements() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 2, "min_delta": 0.01}})
    trainer = fit(stopper, losses(1.0, 0.995, 0.99, 0.985, 0.5))
    assert trainer.stop_training and stopper.stopped_epoch == 2 and stopper.best == 1.0


def test_early_stopping_auto_mode_maximises_accuracy() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"monitor": "val_accuracy", "patience": 1}})
    assert stopper.direction == "max"
    trainer = fit(stopper, losses(0.5, 0.7, 0.6, 0.9, key="val_accuracy"))
    assert stopper.stopped_epoch == 2 and stopper.best == 0.7 and trainer.stop_training


@pytest.mark.parametrize(("monitor", "direction"), [("loss", "min"), ("val_loss", "min"), ("val_mae", "min"),
                                                    ("r2", "max"), ("val_roc_auc", "max"), ("penalty", "min")])
def test_auto_mode_from_the_name(monitor: str, direction: str) -> None:
    assert CALLBACKS.create({"type": "early_stopping", "config": {"monitor": monitor}}).direction == direction


def test_early_stopping_baseline_keeps_counting_until_it_is_beaten() -> None:
    config = {"patience": 3, "baseline": 0.5}
    stopper = CALLBACKS.create({"type": "early_stopping", "config": config})
    trainer = fit(stopper, losses(0.9, 0.8, 0.85, 0.7, 0.6))
    assert trainer.stop_training and stopper.stopped_epoch == 2
    assert trainer.stop_reason.startswith("Early stopping: val_loss has not beaten the baseline 0.5 in 3 epochs")
    # Without the baseline the same run goes on.
    unbounded = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 3}})
    assert not fit(unbounded, losses(0.9, 0.8, 0.85, 0.7, 0.6)).stop_training


def test_early_stopping_ignores_warm_up_epochs() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 1, "start_from_epoch": 3}})
    trainer = fit(stopper, losses(0.1, 0.5, 0.6, 0.7, 0.8, 0.9))
    assert stopper.best == 0.7 and stopper.stopped_epoch == 4 and trainer.stop_training


@pytest.mark.parametrize("stops", [True, False])
def test_early_stopping_restores_the_best_weights(stops: bool) -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 2 if stops else 9,
                                                                     "restore_best_weights": True}})
    trainer = fit(stopper, losses(1.0, 0.5, 0.7, 0.8, 0.9))
    assert trainer.stop_training is stops
    assert kernel(trainer) == 1.0  # the weights of epoch 1, the best one


def test_early_stopping_keeps_last_weights_without_restore() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 2}})
    assert kernel(fit(stopper, losses(1.0, 0.5, 0.7, 0.8, 0.9))) == 3.0


def test_early_stopping_state_is_reset_by_each_fit() -> None:
    stopper = CALLBACKS.create({"type": "early_stopping", "config": {"patience": 1}})
    assert fit(stopper, losses(0.5, 0.6)).stop_training
    assert not fit(stopper, losses(2.0, 1.0)).stop_training and stopper.best == 1.0


def test_early_stopping_names_the_missing_monitor() -> None:
    stopper = CALLBACKS.create("early_stopping")
    with pytest.raises(TrainingError) as info:
        fit(stopper, [{"loss": 1.0, "accuracy": 0.5}])
    assert info.value.param == "monitor" and "val_loss" in str(info.value) and "accuracy, loss" in str(info.value)


# -- terminate on NaN --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("loss", "word"), [(math.nan, "NaN"), (math.inf, "infinite"), (-math.inf, "infinite")])
def test_terminate_on_nan_stops_with_a_sentence(loss: float, word: str) -> None:
    callback = CALLBACKS.create("terminate_on_nan")
    trainer = make_trainer()
    trainer.epoch, trainer.global_step = 11, 340
    callback.set_trainer(trainer)
    callback.on_train_batch_end(5, {"loss": loss, "size": 32})
    assert trainer.stop_training and trainer.diverged
    assert trainer.stop_reason == f"The loss became {word} at epoch 12, step 340 — try a lower learning rate."


@pytest.mark.parametrize("logs", [{"loss": 0.3, "size": 32}, {"size": 32}, None])
def test_terminate_on_nan_ignores_finite_losses(logs: dict[str, Any] | None) -> None:
    callback = CALLBACKS.create("terminate_on_nan")
    trainer = make_trainer()
    callback.set_trainer(trainer)
    callback.on_train_batch_end(0, logs)
    assert not trainer.stop_training and not trainer.diverged and trainer.stop_reason is None


# -- model checkpoint --------------------------------------------------------------------------------------------
def _saved_kernel(path: Path) -> float:
    with np.load(path) as archive:
        return float(archive["dense/kernel"][0, 0])


def test_checkpoint_every_epoch_with_formatted_names(tmp_path: Path) -> None:
    template = str(tmp_path / "run" / "ck_{epoch:02d}_{val_loss:.3f}.npz")
    checkpoint = CALLBACKS.create({"type": "model_checkpoint", "config": {"filepath": template}})
    fit(checkpoint, losses(0.5, 0.25, 0.125))
    names = [Path(p).name for p in checkpoint.saved]
    assert names == ["ck_01_0.500.npz", "ck_02_0.250.npz", "ck_03_0.125.npz"]
    assert [_saved_kernel(Path(p)) for p in checkpoint.saved] == [0.0, 1.0, 2.0]


def test_checkpoint_best_only_overwrites_one_file_with_the_best(tmp_path: Path) -> None:
    path = tmp_path / "best.npz"
    checkpoint = CALLBACKS.create({"type": "model_checkpoint",
                                   "config": {"filepath": str(path), "save_best_only": True}})
    fit(checkpoint, losses(0.5, 0.4, 0.45, math.nan, 0.3, 0.3))
    assert len(checkpoint.saved) == 3 and checkpoint.best == 0.3
    assert _saved_kernel(path) == 4.0


def test_checkpoint_best_only_in_max_mode(tmp_path: Path) -> None:
    config = {"filepath": str(tmp_path / "e{epoch}.npz"), "save_best_only": True, "monitor": "val_f1"}
    checkpoint = CALLBACKS.create({"type": "model_checkpoint", "config": config})
    fit(checkpoint, losses(0.5, 0.4, 0.6, key="val_f1"))
    assert [Path(p).name for p in checkpoint.saved] == ["e1.npz", "e3.npz"]


@pytest.mark.parametrize("template", ["ck_{val_accuracy}.npz", "ck_{loss:d}.npz"])
def test_checkpoint_placeholder_errors_at_save_time(tmp_path: Path, template: str) -> None:
    checkpoint = CALLBACKS.create({"type": "model_checkpoint", "config": {"filepath": str(tmp_path / template)}})
    with pytest.raises(ConfigError) as info:
        fit(checkpoint, losses(0.5))
    assert info.value.param == "filepath"
    assert not list(tmp_path.iterdir())


def test_checkpoint_never_evaluates_the_template(tmp_path: Path) -> None:
    # Nested format specs are filled in too, but still only from plain names.
    template = str(tmp_path / "ck_{loss:{epoch.__class__}}.npz")
    checkpoint = CALLBACKS.create({"type": "model_checkpoint", "config": {"filepath": template}})
    with pytest.raises(ConfigError, match="not available"):
        fit(checkpoint, losses(0.5))


# -- CSV logger --------------------------------------------------------------------------------------------------
def _read(path: Path, separator: str = ",") -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter=separator))


def test_csv_logger_writes_a_header_and_a_row_per_epoch(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "train.csv"
    logger = CALLBACKS.create({"type": "csv_logger", "config": {"filename": str(path)}})
    values = [{"loss": 0.1 + 0.2, "val_loss": 1 / 3, "lr": 0.01}, {"loss": 0.25, "lr": 0.01, "extra": 5.0}]
    fit(logger, values)
    rows = _read(path)
    assert rows[0] == ["epoch", "loss", "val_loss", "lr"]
    assert rows[1][0] == "1" and float(rows[1][1]) == 0.1 + 0.2 and float(rows[1][2]) == 1 / 3
    assert rows[2] == ["2", "0.25", "", "0.01"]  # a missing key is empty, a new key is ignored
    assert len(rows) == 3


def test_csv_logger_rows_are_on_disk_as_soon_as_the_epoch_ends(tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    logger = CALLBACKS.create({"type": "csv_logger", "config": {"filename": str(path), "separator": ";"}})
    logger.set_trainer(make_trainer())
    logger.on_train_begin({})
    logger.on_epoch_end(0, {"loss": 0.5, "accuracy": 0.75})
    assert _read(path, ";") == [["epoch", "loss", "accuracy"], ["1", "0.5", "0.75"]]  # no on_train_end: a crash


def test_csv_logger_append_continues_under_the_existing_header(tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    fit(CALLBACKS.create({"type": "csv_logger", "config": {"filename": str(path)}}), [{"loss": 0.5, "acc": 0.1}])
    appender = CALLBACKS.create({"type": "csv_logger", "config": {"filename": str(path), "append": True}})
    fit(appender, [{"acc": 0.2, "loss": 0.4}], start=1)
    assert _read(path) == [["epoch", "loss", "acc"], ["1", "0.5", "0.1"], ["2", "0.4", "0.2"]]
    fit(CALLBACKS.create({"type": "csv_logger", "config": {"filename": str(path)}}), [{"loss": 0.3}])
    assert _read(path) == [["epoch", "loss"], ["1", "0.3"]]  # without append the file starts over
