"""The whole product through the window: XOR, a 2-8-1 tanh network built in the layer builder, 300 epochs trained
by the real worker thread, and what the window then shows."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from studio.main_window import MainWindow
from tests.studio.conftest import leftover_threads


def test_xor_trained_through_the_window(qtbot: Any, tmp_path: Path) -> None:
    before = set(threading.enumerate())
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.confirm = lambda _parent: "discard"
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)

    win.data_panel.toy_buttons["xor"].click()  # pick XOR in the Data dock
    builder = win.builder
    while builder.model_config():  # build 2-8-1 tanh with the layer builder's own operations
        builder.select_row(0)
        builder.remove_selected()
    builder.add_layer("dense", {"units": 8, "activation": "tanh"})
    builder.add_layer("dense", {"units": 1, "activation": "sigmoid"})
    model = win.session.model
    assert [layer.output_shape for layer in model.layers] == [(8,), (1,)] and model.input_shape == (2,)

    win.training_panel.epochs.setValue(300)
    with qtbot.waitSignal(win.controller.signals.finished, timeout=60_000) as finished:
        win.actions.train.trigger()
    assert finished.args[0]["epochs_run"] == 300 and not finished.args[0]["diverged"]

    accuracy = float(re.search(r"val accuracy (\d\.\d+)", win.status.scores.text()).group(1))
    assert accuracy >= 0.95
    assert len(win.feed.loss.epoch_train) == 300  # one point per epoch
    assert win.status.epoch.text() == "Epoch 300 / 300"
    win.show_view("roc")
    win.feed.roc.refresh()
    title = win.feed.roc.plot.getPlotItem().titleLabel.text
    assert float(re.search(r"AUC = (\d\.\d+)", title).group(1)) >= 0.95
    assert win.controller.wait(0) and not win.session.is_training
    win.close()
    assert leftover_threads(before) == []
