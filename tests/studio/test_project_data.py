"""Reopening a project whose data is a CSV table: the table is read (and split) off the GUI thread, with Cancel and
errors; an imported table is split in its reading thread too."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QSettings

import studio.dialogs.csv_loader as csv_loader
from engine.data.reader import Cancelled
from studio.dialogs.csv_loader import load_spec
from studio.main_window import MainWindow
from studio.project_data import ProjectDataLoader
from studio.run_data import prepare_run_data
from tests.studio.cancelling import run_until_cancelled
from tests.studio.test_main_window import make_window

TIMEOUT = 20_000


def write_table(path: Path, rows: int = 240) -> Path:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(rows, 3))
    label = np.where(x[:, 0] + x[:, 1] > 0, "yes", "no")
    lines = ["a;b;c;label"] + [f"{r[0]:.4f};{r[1]:.4f};{r[2]:.4f};{c}" for r, c in zip(x, label, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_project(qtbot: Any, settings: QSettings, tmp_path: Path) -> tuple[MainWindow, Path]:
    """A window trained on an imported CSV table, saved as a project."""
    outcome = load_spec({"path": str(write_table(tmp_path / "table.csv")), "target": "label"})
    window = make_window(qtbot, settings)
    window.data_panel.show_dataset(outcome.dataset, external=True)
    window._on_dataset_chosen(outcome.dataset_spec(), outcome.dataset, prescaled=True)  # as an accepted import
    window.train(3)
    qtbot.waitUntil(lambda: not window.session.is_training, timeout=TIMEOUT)
    path = tmp_path / "table.nnproj"
    assert window.save_project(path)
    return window, path


def test_the_table_is_read_in_a_worker_thread_and_the_project_comes_back_whole(qtbot: Any, settings: QSettings,
                                                                              tmp_path: Path) -> None:
    window, path = csv_project(qtbot, settings, tmp_path)
    expected = window.session.model.predict(window.data.x_val)
    other = make_window(qtbot, settings, dataset="moons")
    assert other.open_project(path)
    # the read's result comes as a queued signal, so right after open the window is still waiting for it
    assert other.project_data.busy and other.data is None
    assert not other.builder.form_area.isEnabled() and not other.data_panel.isEnabled()  # locked while reading
    assert not other.train(1)
    assert "still being read" in other.messages.text()
    qtbot.waitUntil(lambda: not other.project_data.busy, timeout=TIMEOUT)
    assert other.data is not None and other.data.input_shape == (3,)
    assert other.builder.form_area.isEnabled() and other.data_panel.isEnabled()
    np.testing.assert_array_equal(other.data.x_val, window.data.x_val)
    np.testing.assert_array_equal(other.session.model.predict(other.data.x_val), expected)
    assert other.session.project == window.session.project and not other.session.modified
    assert other.data_panel.summary.text().startswith("table: 240 rows, 3 features")
    assert other.train(1)
    qtbot.waitUntil(lambda: not other.session.is_training, timeout=TIMEOUT)


def test_a_missing_table_is_named_and_the_rest_of_the_project_is_kept(qtbot: Any, settings: QSettings,
                                                                     tmp_path: Path) -> None:
    window, path = csv_project(qtbot, settings, tmp_path)
    (tmp_path / "table.csv").unlink()
    other = make_window(qtbot, settings, dataset="moons")
    assert other.open_project(path)
    qtbot.waitUntil(lambda: not other.project_data.busy, timeout=TIMEOUT)
    message = other.messages.text()
    assert "could not be loaded" in message and "table.csv" in message
    assert other.data is None
    assert other.session.project.model == window.session.project.model
    weights = window.session.model.get_weights()
    assert all(np.array_equal(other.session.model.get_weights()[k], weights[k]) for k in weights)


def test_cancel_stops_the_read_and_says_so(qtbot: Any, settings: QSettings, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _, path = csv_project(qtbot, settings, tmp_path)
    reading = threading.Event()

    def slow_read(*_args: Any, cancel: Any, **_kwargs: Any) -> Any:
        run_until_cancelled(cancel, reading, Cancelled("reading was cancelled; nothing was changed."))

    monkeypatch.setattr(csv_loader, "read_csv", slow_read)
    other = make_window(qtbot, settings, dataset="moons")
    assert other.open_project(path)
    assert reading.wait(5)
    other.project_data.dialog.cancel()  # the progress dialog's Cancel button
    qtbot.waitUntil(lambda: not other.project_data.busy, timeout=TIMEOUT)
    assert "cancelled" in other.messages.text() and other.data is None
    assert other.builder.form_area.isEnabled() and other.data_panel.isEnabled()
    assert other.project_data.dialog is None


def test_choosing_another_dataset_abandons_the_read_without_a_signal(qtbot: Any, settings: QSettings,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _, path = csv_project(qtbot, settings, tmp_path)
    other = make_window(qtbot, settings, dataset="moons")
    outcomes: list[str] = []
    other.project_data.loaded.connect(lambda _d: outcomes.append("loaded"))
    other.project_data.cancelled.connect(lambda: outcomes.append("cancelled"))
    assert other.open_project(path)
    other.load_dataset("xor")
    assert not other.project_data.busy
    qtbot.wait(200)  # a result the thread may have queued before it was abandoned is not applied
    assert outcomes == [] and other.data is not None and other.data.input_shape == (2,)
    assert other.builder.form_area.isEnabled() and other.data_panel.isEnabled()


def test_an_invalid_config_fails_at_once(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    loader = ProjectDataLoader(parent)
    failures: list[str] = []
    loader.failed.connect(failures.append)
    loader.start({"target": "y"})
    assert failures and "path" in failures[0] and not loader.busy


@pytest.fixture
def splits_on_gui(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each split the window makes (``prepare_run_data``), whether it ran on the GUI thread."""
    import studio.main_window as main_window

    on_gui: list[bool] = []
    prepare = main_window.prepare_run_data

    def recorded(*args: Any, **kwargs: Any) -> Any:
        on_gui.append(threading.get_ident() == threading.main_thread().ident)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(main_window, "prepare_run_data", recorded)
    return on_gui


def test_the_table_is_split_in_the_reading_thread_unless_the_split_changed_meanwhile(
        qtbot: Any, settings: QSettings, tmp_path: Path, splits_on_gui: list[bool]) -> None:
    window, path = csv_project(qtbot, settings, tmp_path)
    threads = splits_on_gui
    other = make_window(qtbot, settings, dataset="moons")
    threads.clear()
    assert other.open_project(path)
    qtbot.waitUntil(lambda: not other.project_data.busy, timeout=TIMEOUT)
    assert threads == [False]  # split once, in the reading thread
    np.testing.assert_array_equal(other.data.x_val, window.data.x_val)
    threads.clear()
    assert other.open_project(path)
    other.session.set_training({**other.session.project.training, "seed": 5})  # edited while the table is read
    qtbot.waitUntil(lambda: not other.project_data.busy, timeout=TIMEOUT)
    assert threads == [False, True]  # the thread's split no longer matched: split again with the new seed
    assert not np.array_equal(other.data.y_val, window.data.y_val) or not np.array_equal(other.data.x_val,
                                                                                        window.data.x_val)


def test_an_imported_table_is_split_in_its_reading_thread(qtbot: Any, settings: QSettings, tmp_path: Path,
                                                          splits_on_gui: list[bool]) -> None:
    window = make_window(qtbot, settings)
    on_gui = splits_on_gui
    on_gui.clear()
    window.import_csv(str(write_table(tmp_path / "table.csv")))
    dialog = window.import_dialog
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.accept()
    assert on_gui == [False]
    assert window.data is not None and window.data.input_shape == (3,) and len(window.data.x_train) == 192
    expected = prepare_run_data(dialog.result_dataset(), window.session.project.training, {}, prescaled=True)
    np.testing.assert_array_equal(window.data.x_val, expected.x_val)
