"""Recent files: options and column choices survive a round trip through QSettings; order, limit, bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import QSettings

from engine.data.schema import infer_schema
from engine.data.sniff import NA_VALUES, CsvOptions
from engine.errors import ConfigError
from studio.dialogs.schema_edits import SchemaEdits
from studio.recent_files import FORMAT_VERSION, SETTINGS_KEY, RecentFiles


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_options_and_edits_round_trip_through_a_new_settings_object(settings_file: Path, tmp_path: Path) -> None:
    options = CsvOptions(encoding="gb18030", delimiter=";", quotechar='"', decimal=",", thousands=".", header=False,
                         skip_rows=2, drop_empty_rows=True, na_values=("", "?", "缺失"), line_terminator="\r\n",
                         skip_bad_lines=True)
    edits = SchemaEdits()
    edits.set_column("编号", role="ignore")
    edits.set_column("y", type="numeric", role="target")
    edits.set_task("regression")
    RecentFiles(settings(settings_file)).add(tmp_path / "数据.csv", options, edits)
    entry = RecentFiles(settings(settings_file)).get(tmp_path / "数据.csv")
    assert entry is not None
    assert entry.options == options
    assert entry.edits == edits
    assert entry.path == str((tmp_path / "数据.csv").resolve())


def test_newest_first_reopening_moves_to_front_and_the_list_is_capped(settings_file: Path, tmp_path: Path) -> None:
    recent = RecentFiles(settings(settings_file), limit=3)
    for name in ("a", "b", "c", "d"):
        recent.add(tmp_path / f"{name}.csv", CsvOptions(delimiter=","))
    assert [Path(p).stem for p in recent.paths()] == ["d", "c", "b"]
    recent.add(tmp_path / "b.csv", CsvOptions(delimiter=";"))
    assert [Path(p).stem for p in recent.paths()] == ["b", "d", "c"]
    assert recent.get(tmp_path / "b.csv").options.delimiter == ";"
    assert recent.get(tmp_path / "a.csv") is None
    recent.remove(tmp_path / "d.csv")
    assert [Path(p).stem for p in recent.paths()] == ["b", "c"]
    recent.clear()
    assert recent.entries() == []


def test_the_stored_value_is_versioned_json_by_field_name(settings_file: Path, tmp_path: Path) -> None:
    RecentFiles(settings(settings_file)).add(tmp_path / "x.csv", CsvOptions(na_values=NA_VALUES))
    data = json.loads(settings(settings_file).value(SETTINGS_KEY))
    assert data["version"] == FORMAT_VERSION
    assert data["files"][0]["options"]["na_values"] == list(NA_VALUES)
    assert data["files"][0]["edits"] == {"columns": [], "task": None}


@pytest.mark.parametrize("value", ["not json", json.dumps([1, 2]), json.dumps({"version": 99, "files": []})])
def test_an_unreadable_value_gives_an_empty_list(settings_file: Path, value: str) -> None:
    store = settings(settings_file)
    store.setValue(SETTINGS_KEY, value)
    assert RecentFiles(store).entries() == []


def test_a_broken_entry_is_skipped_and_the_others_kept(settings_file: Path, tmp_path: Path) -> None:
    store = settings(settings_file)
    good = {"path": str(tmp_path / "ok.csv"), "options": CsvOptions(delimiter="|").to_dict()}
    broken = {"path": str(tmp_path / "bad.csv"), "options": {"delimiter": ";", "colour": "red"}}
    store.setValue(SETTINGS_KEY, json.dumps({"version": FORMAT_VERSION, "files": [broken, {"options": {}}, good]}))
    assert RecentFiles(store).paths() == [str(tmp_path / "ok.csv")]


def test_schema_edits_refuse_unknown_types_roles_and_tasks() -> None:
    edits = SchemaEdits()
    with pytest.raises(ConfigError, match="column type must be one of"):
        edits.set_column("a", type="float")
    with pytest.raises(ConfigError, match="column role must be one of"):
        edits.set_column("a", role="label")
    with pytest.raises(ConfigError, match="task must be one of"):
        edits.set_task("clustering")
    edits.set_task("binary")
    edits.set_column("a", role="target")
    assert edits.task is None  # a new target forgets the old target's task


def test_schema_edits_replay_in_order_and_skip_columns_that_are_gone() -> None:
    frame = pd.DataFrame({"a": [0.5, 1.5, 2.5, 3.5], "b": [1, 2, 1, 2], "c": ["x", "y", "x", "y"]})
    detected = infer_schema(frame)
    assert detected.target == "c"
    edits = SchemaEdits()
    edits.set_column("gone", role="ignore")
    edits.set_column("a", role="target")
    edits.set_column("b", role="target")
    edits.set_column("c", type="categorical", role="ignore")
    schema = edits.apply(detected)
    assert schema.target == "b" and schema.task == "binary"
    assert [c.role for c in schema.columns] == ["feature", "target", "ignore"]
    assert edits.missing_columns(schema) == ["gone"]
    edits.set_task("regression")
    assert edits.apply(detected).task == "regression"
    assert SchemaEdits.from_dict(json.loads(json.dumps(edits.to_dict()))) == edits


def test_the_image_shape_is_remembered_and_older_entries_are_tables(settings_file: Path, tmp_path: Path) -> None:
    store = settings(settings_file)
    RecentFiles(store).add(tmp_path / "digits.csv", CsvOptions(delimiter=","), image_shape="8x8")
    assert RecentFiles(settings(settings_file)).get(tmp_path / "digits.csv").image_shape == "8x8"
    older = {"path": str(tmp_path / "old.csv"), "options": CsvOptions().to_dict(), "edits": {"columns": []}}
    wrong = {"path": str(tmp_path / "bad.csv"), "options": CsvOptions().to_dict(), "image_shape": 64}
    store.setValue(SETTINGS_KEY, json.dumps({"version": FORMAT_VERSION, "files": [older, wrong]}))
    entries = RecentFiles(store).entries()
    assert [(Path(e.path).name, e.image_shape) for e in entries] == [("old.csv", None)]
