"""The session: document life cycle (new, open, save), edits with signals and the modified flag, training runs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.data.toys import xor
from engine.errors import ConfigError, DataError
from studio.project import FORMAT, SCHEMA_VERSION, Project
from studio.session import EDIT_BLOCKED_REASON, Session

TIMEOUT = 10_000

MODEL = {"input_shape": None, "dtype": "float32", "seed": 1,
         "layers": [{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                    {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}]}


class Signals:
    """Counts every change signal of a session."""

    def __init__(self, session: Session) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in ("project_changed", "model_changed", "modified_changed", "training_state_changed",
                     "path_changed"):
            getattr(session, name).connect(lambda *args, name=name: self.events.append((name, args)))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for event, args in self.events if event == name]


@pytest.fixture
def session(qtbot: Any) -> Any:
    s = Session()
    yield s
    s.shutdown()


def xor_session(session: Session) -> tuple[np.ndarray, np.ndarray]:
    data = xor(n_samples=4)
    session.set_dataset({"type": "xor", "config": {"n_samples": 4}})
    session.set_model_config(MODEL)
    session.set_training({"optimizer": {"type": "adam", "config": {"lr": 0.05}}, "batch_size": 4, "epochs": 5})
    session.build_model(data.x.shape[1:])
    return data.x, data.y


def test_edits_emit_changes_and_set_the_modified_flag(session: Session) -> None:
    signals = Signals(session)
    assert not session.modified and session.model is None
    session.set_model_config(MODEL)
    assert signals.names() == ["model_changed", "project_changed", "modified_changed"]
    assert signals.of("modified_changed") == [(True,)] and session.modified
    assert session.model is None  # no input shape yet
    model = session.build_model((2,))
    assert session.model is model and model.built and session.project.model["input_shape"] == [2]
    session.set_training({"epochs": 3})
    assert session.project.training["epochs"] == 3 and session.project.training["batch_size"] == 32
    session.set_dataset({"type": "moons", "config": {"noise": 0.3}})
    assert session.project.dataset == {"type": "moons", "config": {"noise": 0.3}}
    assert signals.of("modified_changed") == [(True,)]  # emitted only when the flag changes
    session.new()
    assert session.project == Project() and session.model is None and not session.modified
    assert signals.of("modified_changed")[-1] == (False,)


def test_an_invalid_edit_changes_nothing(session: Session) -> None:
    xor_session(session)
    before, model = session.project, session.model
    signals = Signals(session)
    with pytest.raises(ConfigError, match="unknown layer"):
        session.set_model_config({**MODEL, "layers": [{"type": "no_such_layer"}]})
    with pytest.raises(ConfigError, match="'batch_size'"):
        session.set_training({"batch_size": 0})
    with pytest.raises(ConfigError, match="unknown dataset"):
        session.set_dataset({"type": "no_such_set"})
    assert session.project == before and session.model is model and signals.events == []


def test_the_project_property_is_a_copy(session: Session) -> None:
    project = session.project
    project.training["epochs"] = 999
    assert session.project.training["epochs"] != 999


def test_save_and_open_restore_model_settings_and_predictions(session: Session, qtbot: Any,
                                                              tmp_path: Path) -> None:
    x, y = xor_session(session)
    with qtbot.waitSignal(session.controller.signals.finished, timeout=TIMEOUT):
        session.train(x, y, (x, y))
    assert session.modified
    expected = session.model.predict(x)
    path = tmp_path / "xor.nnproj"
    signals = Signals(session)
    session.save(path)
    assert not session.modified and session.path == str(path)
    assert signals.of("path_changed") == [(str(path),)]

    other = Session()
    other.open(path)
    assert other.project == session.project and other.path == str(path) and not other.modified
    np.testing.assert_array_equal(other.model.predict(x), expected)
    other.save()  # to where it came from
    assert other.path == str(path)


def test_a_file_that_cannot_be_opened_leaves_the_session_as_it_was(session: Session, tmp_path: Path) -> None:
    xor_session(session)
    before, model = session.project, session.model
    bad = tmp_path / "bad.nnproj"
    bad.write_bytes(b"garbage")
    with pytest.raises(DataError, match=r"bad\.nnproj"):
        session.open(bad)
    future = tmp_path / "future.nnproj"
    with zipfile.ZipFile(future, "w") as archive:
        archive.writestr("project.json", json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(ConfigError, match="newer version"):
        session.open(future)
    assert session.project == before and session.model is model and session.modified


def test_save_needs_a_path_the_first_time(session: Session) -> None:
    with pytest.raises(ConfigError, match="choose a file name"):
        session.save()


def test_training_runs_in_the_controller_and_blocks_edits(session: Session, qtbot: Any) -> None:
    x, y = xor_session(session)
    signals = Signals(session)
    with qtbot.waitSignal(session.controller.signals.paused, check_params_cb=lambda p: p, timeout=TIMEOUT):
        session.train(x, y, epochs=100_000)
        session.controller.pause()
    assert session.is_training
    for edit in (lambda: session.set_training({"epochs": 2}), lambda: session.set_model_config(MODEL),
                 lambda: session.set_dataset({}), session.new, session.reset):
        with pytest.raises(ConfigError, match=EDIT_BLOCKED_REASON):
            edit()
    with qtbot.waitSignal(session.controller.signals.finished, timeout=TIMEOUT):
        session.controller.stop()
    states = [args[0] for args in signals.of("training_state_changed")]
    assert states[0] == "running" and "paused" in states and states[-2:] == ["stopping", "idle"]
    assert not session.is_training


def test_train_continues_with_the_same_trainer_until_reset(session: Session, qtbot: Any) -> None:
    x, y = xor_session(session)
    with qtbot.waitSignal(session.controller.signals.finished, timeout=TIMEOUT):
        session.train(x, y)
    trainer = session.trainer
    assert trainer.epoch == 5
    with qtbot.waitSignal(session.controller.signals.finished, timeout=TIMEOUT):
        session.train(x, y, epochs=2)
    assert session.trainer is trainer and trainer.epoch == 7
    trained = session.model.get_weights()
    session.reset()
    assert session.trainer is None
    fresh = session.model.get_weights()
    assert any(not np.array_equal(trained[k], fresh[k]) for k in fresh)
    session.reset()  # the same seed gives the same starting weights
    assert all(np.array_equal(fresh[k], v) for k, v in session.model.get_weights().items())


def test_changing_the_initializer_rebuilds_the_model(session: Session) -> None:
    xor_session(session)
    before = session.model
    session.set_training({**session.project.training, "initializer": {"type": "zeros", "config": {}}})
    assert session.model is not before
    assert all(not value.any() for name, value in session.model.get_weights().items() if name.endswith("kernel"))


def test_early_stopping_from_the_settings_ends_the_run(session: Session, qtbot: Any) -> None:
    x, y = xor_session(session)
    session.set_training({**session.project.training, "epochs": 1000, "optimizer": {"type": "sgd", "config":
                          {"lr": 1e-9}}, "early_stopping": {"monitor": "loss", "patience": 2, "min_delta": 0.1}})
    with qtbot.waitSignal(session.controller.signals.finished, timeout=TIMEOUT) as blocker:
        session.train(x, y)
    assert blocker.args[0]["epochs_run"] == 3  # no improvement beyond min_delta after the first epoch
