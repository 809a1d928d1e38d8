"""The export dialog and its worker: a full export off the GUI thread, errors in the dialog, cancel, no thread left."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from engine.io.json_weights import load_json_weights
from engine.io.model_file import load_model
from engine.io.weights import load_weights
from studio.dialogs.export_dialog import ExportDialog
from studio.export_tasks import TaskRunner
from tests.studio.test_report_fixtures import run

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def iris_run(tmp_path_factory):
    return run("iris", tmp_path_factory)


def test_a_full_export_writes_the_checked_formats_which_load_back(qtbot, iris_run, tmp_path):
    dialog = ExportDialog(str(iris_run / "model.npz"), folder=str(tmp_path / "out"))
    qtbot.addWidget(dialog)
    for name, box in dialog.checks.items():
        box.setChecked(name in ("npz", "json", "onnx"))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as blocker:
        dialog.export_button.click()
        assert not dialog.export_button.isEnabled()  # busy while the worker runs
    written = sorted(p.rsplit("/", 1)[1] for p in blocker.args[0])
    assert written == ["model.onnx", "weights.json", "weights.npz"]
    assert dialog.progress.value() == 100 and "weights.npz" in dialog.status.text()
    model = load_model(iris_run / "model.npz")
    x = np.random.default_rng(2).normal(size=(8, 4)).astype(np.float32)
    expected = model.predict(x)
    np.testing.assert_array_equal(load_json_weights(tmp_path / "out" / "weights.json").predict(x), expected)
    model.set_weights(load_weights(tmp_path / "out" / "weights.npz"))
    np.testing.assert_array_equal(model.predict(x), expected)
    assert not dialog.runner.is_running


def test_an_error_is_shown_in_the_dialog(qtbot, iris_run, tmp_path):
    blocker_file = tmp_path / "a_file"
    blocker_file.write_text("not a folder")
    dialog = ExportDialog(str(iris_run / "model.npz"), folder=str(blocker_file / "out"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        dialog.export_button.click()
    assert "could not be created" in dialog.status.text() and dialog.export_button.isEnabled()


def test_choosing_no_format_says_so_without_starting(qtbot, iris_run, tmp_path):
    dialog = ExportDialog(str(iris_run / "model.npz"), folder=str(tmp_path))
    qtbot.addWidget(dialog)
    for box in dialog.checks.values():
        box.setChecked(False)
    dialog.export_button.click()
    assert "at least one format" in dialog.status.text() and not dialog.runner.is_running


def test_the_runner_ends_a_cancelled_job_in_one_failed_signal(qtbot):
    runner = TaskRunner()
    started, outcomes, progress = threading.Event(), [], []
    runner.finished.connect(lambda result: outcomes.append(("finished", result)))
    runner.failed.connect(lambda message, _details: outcomes.append(("failed", message)))
    runner.progress.connect(lambda percent, _what: progress.append(percent))

    def job(report, cancelled):
        report(5, "waiting")
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        raise InterruptedError("stopped")

    with qtbot.waitSignal(runner.failed, timeout=5000):
        runner.start(job)
        assert started.wait(5)
        runner.cancel()
    qtbot.wait(20)
    assert outcomes == [("failed", outcomes[0][1])] and "Cancelled" in outcomes[0][1]
    assert progress == [5] and not runner.is_running


def test_the_runner_reports_a_result_and_an_unexpected_error_once_each(qtbot):
    runner = TaskRunner()
    outcomes = []
    runner.finished.connect(lambda result: outcomes.append(("finished", result)))
    runner.failed.connect(lambda message, details: outcomes.append(("failed", message, "ZeroDivisionError" in details)))
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(lambda report, cancelled: 42)
    with qtbot.waitSignal(runner.failed, timeout=5000):
        runner.start(lambda report, cancelled: 1 / 0)
    qtbot.wait(20)
    assert outcomes[0] == ("finished", 42) and outcomes[1][0] == "failed" and outcomes[1][2] and len(outcomes) == 2
