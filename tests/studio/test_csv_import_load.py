"""The import dialog's OK reads the file once, and what it loaded is kept: a project saved with the dialog's
choices (options, column edits, image shape) and a recent file reopen with the same table."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from engine.data.dataset import Dataset
from engine.data.tabular import load_table
from studio.dialogs.csv_import import CsvImportDialog
from studio.dialogs.csv_loader import load_spec
from studio.project import Project, load_project, save_project
from studio.recent_files import RecentFiles

DATA = Path(__file__).resolve().parents[1] / "data"
DIGITS = DATA / "digits_8x8_sample.csv"
SEMICOLON = DATA / "messy" / "semicolon_decimal_comma.csv"


def make_dialog(qtbot, path: Path, recent: RecentFiles | None = None) -> CsvImportDialog:
    dialog = CsvImportDialog.open_file(path, None, recent)
    qtbot.addWidget(dialog)
    return dialog


def accept(qtbot, dialog: CsvImportDialog) -> None:
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()


def choose(dialog: CsvImportDialog, what: str, column: str, value: str) -> None:
    combo = dialog.columns.findChild(QComboBox, f"{what}:{column}")
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def same_table(a: Dataset, b: Dataset) -> None:
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert (a.feature_names, a.classes, a.target_name, a.task) == (b.feature_names, b.classes, b.target_name, b.task)


def reopened(tmp_path: Path, spec: dict) -> dict:
    """The dataset spec after a save and a load of a project holding ``spec``."""
    path = tmp_path / "data.nnproj"
    save_project(path, Project(dataset=spec))
    return load_project(path).project.dataset


def test_ok_reads_the_whole_file_once(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    full_reads: list[str] = []
    parse = pd.read_csv

    def counting(source, *args, **kwargs):
        if kwargs.get("nrows") is None:
            full_reads.append(str(getattr(source, "name", source)))
        return parse(source, *args, **kwargs)

    dialog = make_dialog(qtbot, SEMICOLON)  # the preview reads 200 rows at most
    monkeypatch.setattr(pd, "read_csv", counting)
    accept(qtbot, dialog)
    assert full_reads == [str(SEMICOLON)]
    assert dialog.result_dataset().n_samples == 30


def test_a_project_reopens_with_the_dialogs_options_and_column_choices(qtbot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, SEMICOLON)
    choose(dialog, "role", "height", "ignore")
    choose(dialog, "type", "weight", "categorical")  # a type chosen by hand applies to the dataset
    choose(dialog, "role", "city", "target")
    accept(qtbot, dialog)
    data = dialog.result_dataset()
    assert data.target_name == "city" and any(name.startswith("weight=") for name in data.feature_names)
    assert not any(name.startswith("height") for name in data.feature_names)
    spec = reopened(tmp_path, dialog.result_dataset_spec())
    config = spec["config"]
    assert spec["type"] == "csv" and config["path"] == str(SEMICOLON) and config["target"] == "city"
    assert (config["options"]["delimiter"], config["options"]["decimal"]) == (";", ",")
    assert {c["name"]: c for c in config["edits"]["columns"]}["weight"]["type"] == "categorical"
    assert config["image_shape"] is None
    again = load_spec(config)
    same_table(again.dataset, data)
    assert again.read.options_used == dialog.result_options()
    # with the load_table defaults (what a reopened project used to get) the table is another one
    assert load_table(SEMICOLON, target="city")[0].feature_names != data.feature_names


def test_an_image_project_reopens_as_the_same_images(qtbot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, DIGITS)
    dialog.image_row.use_images.click()
    accept(qtbot, dialog)
    spec = reopened(tmp_path, dialog.result_dataset_spec())
    assert spec["config"]["image_shape"] == "8x8"
    again = load_spec(spec["config"])
    assert again.dataset.x.shape == (360, 1, 8, 8)
    same_table(again.dataset, dialog.result_dataset())


def test_a_schema_1_project_with_a_csv_still_opens_and_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "old.nnproj"
    document = {"format": "nn-studio-project", "schema_version": 1,
                "dataset": {"type": "csv", "config": {"path": str(SEMICOLON), "target": "label"}}}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.json", json.dumps(document))
    config = load_project(path).project.dataset["config"]
    assert config["options"]["delimiter"] is None and config["edits"] == {"columns": [], "task": None}
    assert config["image_shape"] is None
    same_table(load_spec(config).dataset, load_table(SEMICOLON, target="label")[0])


def test_a_recent_file_reopens_with_its_image_shape_and_gives_the_same_table(qtbot, tmp_path: Path) -> None:
    recent = RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    first = make_dialog(qtbot, DIGITS, recent)
    first.image_row.shape.setText("1x8x8")
    first.image_row.use_images.click()
    accept(qtbot, first)
    assert recent.get(DIGITS).image_shape == "1x8x8"
    again = make_dialog(qtbot, DIGITS, recent)
    assert again.image_row.use_images.isChecked() and again.image_row.image_shape() == "1x8x8"
    accept(qtbot, again)
    assert again.result_image_shape() == "1x8x8"
    same_table(again.result_dataset(), first.result_dataset())
    assert again.result_dataset_spec() == first.result_dataset_spec()


def test_exports_and_reports_read_a_saved_csv_project_with_its_choices(qtbot, tmp_path: Path) -> None:
    from engine.model import Sequential
    from studio.report_source import load_trained

    dialog = make_dialog(qtbot, SEMICOLON)
    choose(dialog, "role", "height", "ignore")
    choose(dialog, "role", "city", "target")
    accept(qtbot, dialog)
    data = dialog.result_dataset()
    model = Sequential([{"type": "dense", "config": {"units": len(data.classes), "activation": "softmax"}}],
                       input_shape=(len(data.feature_names),), seed=0)
    path = tmp_path / "cities.nnproj"
    save_project(path, Project(dataset=dialog.result_dataset_spec(), model=model.get_config()), model.get_weights())
    trained = load_trained(path)  # what Export, Predict and Report read
    assert trained.feature_names == data.feature_names and trained.classes == data.classes
    assert trained.target_name == "city" and not any(name.startswith("height") for name in trained.feature_names)
