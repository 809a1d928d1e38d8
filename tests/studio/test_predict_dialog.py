"""The predict dialog: a CSV predicted off the GUI thread, previewed, saved; errors in the dialog."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from studio import cli
from studio.dialogs.predict_dialog import PredictDialog
from tests.studio.test_report_fixtures import IRIS, run

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def iris_run(tmp_path_factory):
    return run("iris", tmp_path_factory)


def test_predict_preview_and_save_match_the_command_line(qtbot, iris_run, tmp_path):
    dialog = PredictDialog(str(iris_run / "model.npz"))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(IRIS))
    with qtbot.waitSignal(dialog.predicted, timeout=10000) as blocker:
        dialog.predict_button.click()
    assert blocker.args == [150]
    model = dialog.table_model
    headers = [model.headerData(j, Qt.Orientation.Horizontal) for j in range(model.columnCount())]
    assert headers[-4:] == ["predicted", "p_setosa", "p_versicolor", "p_virginica"]
    assert model.rowCount() == 150 and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_to(str(tmp_path / "dialog.csv"))
    assert cli.main(["predict", str(iris_run / "model.npz"), str(IRIS), "--out", str(tmp_path / "cli.csv")]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dialog.csv"), pd.read_csv(tmp_path / "cli.csv"))
    assert str(tmp_path / "dialog.csv") in dialog.status.text()


def test_a_file_missing_columns_shows_the_sentence_and_keeps_nothing(qtbot, iris_run, tmp_path):
    pd.read_csv(IRIS).drop(columns=["petal_length_cm"]).to_csv(tmp_path / "bad.csv", index=False)
    dialog = PredictDialog(str(iris_run / "model.npz"))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "bad.csv"))
    with qtbot.waitSignal(dialog.runner.failed, timeout=10000):
        dialog.predict_button.click()
    assert "petal_length_cm" in dialog.status.text() and dialog.predictions is None
    assert not dialog.save_button.isEnabled() and dialog.predict_button.isEnabled()
