"""File ▸ Report…: the report is written off the GUI thread, can be cancelled, and errors stay in the dialog."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

import studio.dialogs.report_dialog as report_dialog
from studio.dialogs.report_dialog import ReportDialog
from studio.main_window import MainWindow
from tests.studio.cancelling import run_until_cancelled
from tests.studio.test_report_fixtures import run

TIMEOUT = 20_000


@pytest.fixture(scope="session")
def binary_run(tmp_path_factory: Any) -> Path:
    return run("binary", tmp_path_factory)


def test_the_checked_formats_are_written_in_a_worker_thread(qtbot: Any, binary_run: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ReportDialog(binary_run, folder=str(tmp_path / "out"))
    qtbot.addWidget(dialog)
    dialog.checks["pdf"].setChecked(False)
    threads: list[bool] = []
    real, gui = report_dialog.build_report, threading.get_ident()

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident() == gui)  # (current_thread() would leave a dummy Thread behind)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_dialog, "build_report", spy)
    with qtbot.waitSignal(dialog.written, timeout=TIMEOUT) as blocker:
        dialog.write_button.click()
        assert not dialog.write_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert threads == [False]
    names = sorted(Path(p).name for p in blocker.args[0])
    assert "report.html" in names and "report.json" in names and "report.pdf" not in names
    assert all((tmp_path / "out" / name).is_file() for name in names)
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["task"] == "binary"
    assert dialog.progress.value() == 100 and "report.html" in dialog.status.text()
    assert dialog.write_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_cancel_ends_the_report_with_a_sentence(qtbot: Any, binary_run: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def slow_report(*_args: Any, cancelled: Any, **_kwargs: Any) -> Any:
        run_until_cancelled(cancelled, started, InterruptedError("the report was cancelled"))

    monkeypatch.setattr(report_dialog, "build_report", slow_report)
    dialog = ReportDialog(binary_run, folder=str(tmp_path))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.runner.failed, timeout=TIMEOUT):
        dialog.write_button.click()
        assert started.wait(5)
        dialog.cancel_button.click()
    assert "Cancelled" in dialog.status.text() and dialog.write_button.isEnabled()


def test_an_error_or_no_format_is_shown_in_the_dialog(qtbot: Any, binary_run: Path, tmp_path: Path) -> None:
    dialog = ReportDialog(binary_run, folder=str(tmp_path))
    qtbot.addWidget(dialog)
    for box in dialog.checks.values():
        box.setChecked(False)
    dialog.write_button.click()
    assert "at least one format" in dialog.status.text() and not dialog.runner.is_running
    missing = ReportDialog(tmp_path / "missing.nnproj", folder=str(tmp_path))
    qtbot.addWidget(missing)
    with qtbot.waitSignal(missing.runner.failed, timeout=TIMEOUT):
        missing.write_button.click()
    assert "missing.nnproj" in missing.status.text()


def test_the_window_opens_it_on_the_saved_projects_folder(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    window = MainWindow(dataset="xor", settings=settings)
    window.confirm = lambda _parent: "discard"
    qtbot.addWidget(window)
    assert window.save_project(tmp_path / "xor.nnproj")
    window.write_report()
    dialog = window.report_dialog
    assert dialog.source == str(tmp_path / "xor.nnproj") and dialog.folder.text() == str(tmp_path)
    dialog.checks["pdf"].setChecked(False)
    with qtbot.waitSignal(dialog.written, timeout=TIMEOUT):
        dialog.write_button.click()
    assert (tmp_path / "report.html").is_file()
    dialog.close()
