"""The main window's wiring: transport semantics, editing locks, undo/redo, views, layout, projects, messages."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from studio.live_feed import IMAGE_VIEWS, VIEW_NAMES
from studio.main_window import MainWindow
from studio.worker import IDLE, PAUSED

TIMEOUT = 20_000


def make_window(qtbot: Any, settings: QSettings, dataset: Any = "xor") -> MainWindow:
    win = MainWindow(dataset=dataset, settings=settings)
    win.confirm = lambda _parent: "discard"
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot: Any, settings: QSettings) -> MainWindow:
    return make_window(qtbot, settings)


def wait_idle(qtbot: Any, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.session.is_training, timeout=TIMEOUT)


def epochs_seen(win: MainWindow) -> list[float]:
    return list(win.feed.metrics.epochs)


def test_the_window_starts_with_a_model_for_the_data(window: MainWindow) -> None:
    specs = window.builder.model_config()
    assert [s["config"]["units"] for s in specs] == [8, 1]
    assert window.session.model is not None and window.session.model.input_shape == (2,)
    assert window.actions.train.isEnabled() and not window.actions.stop.isEnabled()
    assert not window.session.modified
    shown = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert shown == [f"tab_{n}" for n in VIEW_NAMES if n not in IMAGE_VIEWS]


def test_step_trains_exactly_one_epoch_each_time(qtbot: Any, window: MainWindow) -> None:
    window.actions.step.trigger()
    wait_idle(qtbot, window)
    assert window.session.trainer.epoch == 1 and epochs_seen(window) == [1.0]
    window.actions.step.trigger()
    wait_idle(qtbot, window)
    assert window.session.trainer.epoch == 2 and epochs_seen(window) == [1.0, 2.0]
    assert window.status.epoch.text() == "Epoch 2 / 2"


def test_pause_resume_and_step_while_paused(qtbot: Any, window: MainWindow) -> None:
    window.training_panel.batch_size.setValue(1)  # many batches per epoch, so that the run is still going
    window.train(10_000)
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
    window.actions.pause.trigger()
    qtbot.waitUntil(lambda: window.controller.state == PAUSED, timeout=TIMEOUT)
    assert window.actions.pause.isChecked() and window.actions.pause.text() == "Resume"
    assert window.actions.step.isEnabled() and not window.actions.train.isEnabled()
    paused_at = window.session.trainer.global_step
    qtbot.wait(100)
    assert window.session.trainer.global_step == paused_at  # paused means no step
    window.actions.step.trigger()  # finish the current epoch, then pause again at its end
    qtbot.waitUntil(lambda: window.controller.state == PAUSED and len(epochs_seen(window)) >= 1, timeout=TIMEOUT)
    epochs = len(epochs_seen(window))
    steps = window.session.trainer.global_step
    assert steps % window.training_panel.steps_per_epoch() == 0  # it stopped at an epoch boundary
    window.actions.pause.trigger()  # resume
    qtbot.waitUntil(lambda: len(epochs_seen(window)) > epochs, timeout=TIMEOUT)
    window.actions.stop.trigger()
    wait_idle(qtbot, window)
    assert window.controller.state == IDLE and window.actions.train.isEnabled()


def test_stop_keeps_the_weights_and_train_continues(qtbot: Any, window: MainWindow) -> None:
    before = window.session.model.get_weights()
    window.training_panel.batch_size.setValue(1)
    window.train(10_000)
    qtbot.waitUntil(lambda: window.session.trainer.global_step > 50, timeout=TIMEOUT)
    window.actions.stop.trigger()
    wait_idle(qtbot, window)
    stopped = window.session.model.get_weights()
    assert any(not np.array_equal(before[k], stopped[k]) for k in before)
    epoch = window.session.trainer.epoch
    assert all(np.isfinite(v).all() for v in stopped.values())
    window.actions.step.trigger()
    wait_idle(qtbot, window)
    assert window.session.trainer.epoch == epoch + 1  # continued from where it stopped


def test_reset_reinitialises_with_the_same_seed(qtbot: Any, window: MainWindow) -> None:
    initial = window.session.model.get_weights()
    window.train(3)
    wait_idle(qtbot, window)
    window.actions.reset.trigger()
    again = window.session.model.get_weights()
    assert all(np.array_equal(initial[k], again[k]) for k in initial)
    assert epochs_seen(window) == []


def test_editing_is_locked_while_training_with_the_reason(qtbot: Any, window: MainWindow) -> None:
    window.training_panel.batch_size.setValue(1)
    window.train(10_000)
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
    assert not window.builder.add_button.isEnabled()
    assert "while training" in window.builder.banner.text() and window.builder.banner.isVisible()
    assert not window.data_panel.isEnabled() and not window.actions.undo.isEnabled()
    lr_field = window.training_panel.optimizer.form.field("lr")
    assert lr_field.isEnabled() and not window.training_panel.epochs.isEnabled()
    lr_field.selectAll()
    qtbot.keyClicks(lr_field, "0.002")  # applies from the next step
    qtbot.waitUntil(lambda: abs(window.session.trainer.optimizer.lr - 0.002) < 1e-12, timeout=TIMEOUT)
    window.actions.stop.trigger()
    wait_idle(qtbot, window)
    assert window.builder.add_button.isEnabled() and not window.builder.banner.isVisible()
    assert window.session.project.training["optimizer"]["config"]["lr"] == pytest.approx(0.002)


def test_undo_redo_of_model_edits_and_freezing(window: MainWindow) -> None:
    builder = window.builder
    builder.select_row(0)
    window.builder.add_layer("dense", {"units": 4, "activation": "relu"})
    assert len(window.session.project.model["layers"]) == 3
    window.actions.undo.trigger()
    assert len(window.session.project.model["layers"]) == 2
    window.actions.redo.trigger()
    assert len(window.session.project.model["layers"]) == 3
    builder.select_row(0)
    window.actions.freeze.trigger()
    assert window.session.project.model["layers"][0]["config"]["trainable"] is False
    assert window.session.model.layers[0].trainable is False
    assert window.actions.freeze.isChecked()
    window.actions.undo.trigger()
    assert window.session.project.model["layers"][0]["config"].get("trainable", True) is True


def test_a_diverging_run_stops_with_a_sentence_and_finite_weights(qtbot: Any, window: MainWindow) -> None:
    window.builder.set_model_config([{"type": "dense", "config": {"units": 8, "activation": "relu"}},
                                     {"type": "dense", "config": {"units": 1, "activation": "linear"}}])
    window.training_panel.set_training_config({"optimizer": {"type": "sgd", "config": {"lr": 1e30}},
                                               "loss": {"type": "mse", "config": {}}})
    window.train(50)
    wait_idle(qtbot, window)
    text = window.messages.text()
    assert window.messages.isVisible()
    assert "loss became" in text and "epoch" in text and "step" in text and "try a lower learning rate" in text
    assert all(np.isfinite(v).all() for v in window.session.model.get_weights().values())


def test_an_engine_error_is_shown_naming_the_layer(qtbot: Any, window: MainWindow) -> None:
    window.builder.set_model_config([{"type": "dense", "config": {"units": 3, "activation": "softmax"}}])
    window.train(1)  # 3 outputs for binary cross-entropy
    wait_idle(qtbot, window)
    assert window.messages.isVisible() and window.messages.text()


def test_views_can_be_hidden_and_the_layout_is_remembered(qtbot: Any, settings: QSettings) -> None:
    win = make_window(qtbot, settings)
    win.actions.views["histograms"].setChecked(False)
    assert "tab_histograms" not in [win.tabs.widget(i).objectName() for i in range(win.tabs.count())]
    win.docks["training"].hide()
    win.close()
    again = make_window(qtbot, settings)
    assert not again.actions.views["histograms"].isChecked()
    assert not again.docks["training"].isVisible()
    again.actions.reset_layout.trigger()
    assert again.actions.views["histograms"].isChecked() and again.docks["training"].isVisible()


def test_image_views_appear_for_image_data(window: MainWindow) -> None:
    from engine.data.builtin import load_dataset
    from engine.data.dataset import Dataset

    digits = load_dataset("digits")
    images = Dataset(digits.x[:300].reshape(-1, 1, 8, 8), digits.y[:300], digits.feature_names, "digit",
                     "multiclass", digits.classes, "digits images", "")
    window.load_dataset(images)
    window.builder.apply_preset("Small CNN")
    assert window.session.model.input_shape == (1, 8, 8)
    names = {window.tabs.widget(i).objectName().removeprefix("tab_") for i in range(window.tabs.count())}
    assert names >= IMAGE_VIEWS and "decision_boundary" not in names
    window.show_view("feature_maps")
    window.feed.update_images()
    assert window.feed.feature_maps.current_layer


def test_project_save_and_open_restore_model_settings_and_predictions(qtbot: Any, window: MainWindow,
                                                                      tmp_path: Path, settings: QSettings) -> None:
    window.training_panel.set_training_config({"epochs": 7, "seed": 3, "batch_size": None})
    window.train(5)
    wait_idle(qtbot, window)
    assert window.session.modified and window.windowTitle().startswith("Untitled[*]")
    path = tmp_path / "xor.nnproj"
    assert window.save_project(path)
    assert not window.session.modified and window.windowTitle().startswith("xor.nnproj")
    x = window.data.x_val
    expected = window.session.model.predict(x)
    other = make_window(qtbot, settings, dataset="moons")
    assert other.open_project(path)
    assert other.session.project.model == window.session.project.model
    assert other.session.project.training == window.session.project.training
    assert other.training_panel.training_config()["batch_size"] is None
    assert other.training_panel.epochs.value() == 7
    assert np.array_equal(other.data.x_val, x)
    np.testing.assert_array_equal(other.session.model.predict(x), expected)
    assert str(path.resolve()) in other.recent_projects()
    assert other.actions.recent_menu.actions()[0].text() == "xor.nnproj"


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_a_damaged_or_newer_file_is_refused_and_nothing_is_lost(window: MainWindow, tmp_path: Path,
                                                                damage: str) -> None:
    path = tmp_path / "bad.nnproj"
    if damage == "garbage":
        path.write_bytes(b"not a zip at all")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.json", '{"format": "nn-studio-project", "schema_version": 99}')
    window.builder.add_layer("dense", {"units": 2})
    before = (window.session.project, window.session.model.get_weights(), window.session.modified)
    assert not window.open_project(path)
    assert "bad.nnproj" in window.messages.text()
    if damage == "newer":
        assert "newer version" in window.messages.text()
    after = (window.session.project, window.session.model.get_weights(), window.session.modified)
    assert after[0] == before[0] and after[2] == before[2]
    assert all(np.array_equal(before[1][k], after[1][k]) for k in before[1])


def test_closing_a_modified_project_asks_and_can_be_cancelled(window: MainWindow) -> None:
    window.builder.add_layer("dense", {"units": 2})
    asked = []
    window.confirm = lambda parent: asked.append(parent) or "cancel"
    window.close()
    assert asked == [window] and window.isVisible()
    window.confirm = lambda _parent: "discard"
    window.close()
    assert not window.isVisible()


def drop(win: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)


def test_dropping_a_project_opens_it_and_a_csv_opens_the_import_dialog(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "p.nnproj"
    assert window.save_project(path)
    window.builder.add_layer("dense", {"units": 2})
    drop(window, path)
    assert len(window.session.project.model["layers"]) == 2 and not window.session.modified
    table = tmp_path / "t.csv"
    table.write_text("a,b,label\n" + "\n".join(f"{i},{i % 3},{i % 2}" for i in range(40)), encoding="utf-8")
    drop(window, table)
    dialog = window.import_dialog
    assert dialog.isVisible()
    dialog.reject()


def test_chinese_titles_of_views_and_status(window: MainWindow) -> None:
    window.actions.languages["zh_CN"].trigger()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "损失" and "决策边界" in titles
    assert window.actions.train.text() == "训练" and window.status.state.text() == "就绪"
    window.actions.languages["en"].trigger()
    assert window.tabs.tabText(0) == "Loss"


def test_export_and_predict_read_the_unsaved_project_as_trained_so_far(qtbot: Any, window: MainWindow,
                                                                         tmp_path: Path) -> None:
    from studio.report_source import load_trained

    window.train(3)
    wait_idle(qtbot, window)
    assert window.session.path is None  # never saved
    window.export_model()
    source = window.export_dialog.source
    trained = load_trained(source)
    for name, value in window.session.model.get_weights().items():
        np.testing.assert_array_equal(trained.model.get_weights()[name], value)
    assert trained.classes == window.data.classes and window.session.path is None and window.session.modified
    window.export_dialog.close()
    saved = tmp_path / "xor.nnproj"
    window.session.save(saved)
    window.predict_csv()  # saved and current: the dialog reads the user's own file
    assert Path(window.predict_dialog.source) == saved
    window.predict_dialog.close()


def test_gradient_flow_gets_one_point_per_epoch_while_open(qtbot: Any, window: MainWindow) -> None:
    window.show_view("gradient_flow")
    window.train(25)
    wait_idle(qtbot, window)
    flow = window.feed.gradient_flow
    assert flow.epochs == list(range(1, 26))  # every epoch, not a few captures a second
    assert set(flow.values) == {"dense_1", "dense_2"}
    assert all(np.isfinite(v).all() and min(v) > 0 for v in flow.values.values())
    window.actions.views["gradient_flow"].setChecked(False)  # closed: no more means are computed
    window.train(5)
    wait_idle(qtbot, window)
    assert flow.epochs == list(range(1, 26))


def test_the_status_bar_is_rewritten_while_the_worker_waits(qtbot: Any, window: MainWindow) -> None:
    """A label's size hint lets the interpreter go; a held worker does not take it back meanwhile."""
    held: list[bool] = []
    write = window.status._write

    def watched() -> None:
        control = window.controller._control
        if control is not None:
            held.append(control.hold.is_set())
        write()

    window.status._write = watched
    window.train(3000)
    wait_idle(qtbot, window)
    assert held and all(held)
    assert window.status.epoch.text() == "Epoch 3000 / 3000"
