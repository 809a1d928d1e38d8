"""The CSV import dialog driven like a user would: change options, see the preview, set roles, accept, cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog

from engine.data.reader import read_csv
from engine.data.sniff import CsvOptions
from studio.dialogs import csv_loader
from studio.dialogs.csv_import import DEBOUNCE_MS, PREVIEW_ROWS, CsvImportDialog, supported_file
from studio.dialogs.csv_preview_model import BAD_CELL_COLOR
from studio.dialogs.schema_edits import SchemaEdits
from studio.recent_files import RecentFiles

MESSY = Path(__file__).resolve().parents[1] / "data" / "messy"
HEADER = ["ID", "height", "weight", "city", "smoker", "label"]


def make_dialog(qtbot, path: Path, **kwargs: object) -> CsvImportDialog:
    dialog = CsvImportDialog(path, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def header_names(dialog: CsvImportDialog) -> list[str]:
    model = dialog.model
    return [model.headerData(c, Qt.Orientation.Horizontal).split("\n")[0] for c in range(model.columnCount())]


def column_values(dialog: CsvImportDialog, column: int) -> list[str]:
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def choose(combo: QComboBox, index: int) -> None:
    """Pick an item the way a click does (``activated`` follows the index change)."""
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def row_combo(dialog: CsvImportDialog, what: str, column: str) -> QComboBox:
    combo = dialog.columns.findChild(QComboBox, f"{what}:{column}")
    assert combo is not None
    return combo


def accept(qtbot, dialog: CsvImportDialog) -> None:
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()


def test_semicolon_file_with_decimal_commas_previews_floats(qtbot) -> None:
    path = MESSY / "semicolon_decimal_comma.csv"
    dialog = make_dialog(qtbot, path)
    clean = read_csv(MESSY / "semicolon_decimal_comma.clean.csv").frame
    assert header_names(dialog) == HEADER
    assert [float(v) for v in column_values(dialog, 1)] == clean["height"].tolist()
    assert dialog.preview_result().frame["height"].dtype.kind == "f"
    assert dialog.form.delimiter.currentText() == "Semicolon ( ; )"
    assert dialog.form.decimal.currentText() == "Comma ( , )"
    assert dialog.model.bad_cells() == []
    assert "numeric · feature" in dialog.model.headerData(1, Qt.Orientation.Horizontal)
    assert dialog.error.isHidden()
    assert dialog.ok_button.isEnabled()


def test_changing_the_delimiter_rereads_the_preview(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "semicolon_decimal_comma.csv")
    assert dialog.model.columnCount() == 6
    dialog.form.delimiter.setCurrentIndex(0)  # comma: the header line has none
    qtbot.waitUntil(lambda: dialog.model.columnCount() != 6, timeout=DEBOUNCE_MS * 20)
    assert dialog.form.request().delimiter == ","
    dialog.form.delimiter.setCurrentIndex(1)  # semicolon again
    qtbot.waitUntil(lambda: dialog.model.columnCount() == 6, timeout=DEBOUNCE_MS * 20)
    assert header_names(dialog) == HEADER


def test_comma_file_read_with_semicolons_has_one_column_until_changed_back(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "crlf.csv")
    dialog.form.delimiter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.model.columnCount() == 1, timeout=DEBOUNCE_MS * 20)
    assert header_names(dialog) == [",".join(HEADER)]
    dialog.form.delimiter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.model.columnCount() == 6, timeout=DEBOUNCE_MS * 20)


def test_choosing_gbk_after_a_wrong_encoding_shows_the_chinese_headers(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "gbk_chinese.csv")
    dialog.form.encoding.setCurrentText("latin-1")
    qtbot.waitUntil(lambda: dialog.preview_result().options_used.encoding == "latin-1", timeout=DEBOUNCE_MS * 20)
    assert "编号" not in header_names(dialog)
    dialog.form.encoding.setCurrentText("GBK")
    qtbot.waitUntil(lambda: dialog.preview_result().options_used.encoding == "gbk", timeout=DEBOUNCE_MS * 20)
    assert header_names(dialog) == ["编号", "身高", "体重", "城市", "吸烟", "标签"]
    assert set(column_values(dialog, 3)) == {"北京", "上海", "广州"}


def test_an_encoding_that_cannot_decode_the_file_says_where(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "gbk_chinese.csv")
    dialog.form.encoding.setCurrentText("UTF-8")
    qtbot.waitUntil(dialog.error.isVisible, timeout=DEBOUNCE_MS * 20)
    assert "line 1, column 1" in dialog.error.text() and "utf-8" in dialog.error.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.model.rowCount() == 0
    dialog.form.encoding.setCurrentText("klingon")
    qtbot.waitUntil(lambda: "klingon" in dialog.error.text(), timeout=DEBOUNCE_MS * 20)
    assert "encoding 'klingon' is unknown" in dialog.error.text()
    dialog.form.encoding.setCurrentText("GB18030")
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=DEBOUNCE_MS * 20)
    assert dialog.error.isHidden()


def test_roles_and_target_set_by_the_user_reach_the_result(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "semicolon_decimal_comma.csv")
    assert dialog.current_schema().target == "label"
    choose(row_combo(dialog, "role", "height"), 2)  # ignore
    choose(dialog.task_row.target, dialog.task_row.target.findText("city"))
    assert "ignore" in dialog.model.headerData(1, Qt.Orientation.Horizontal)
    accept(qtbot, dialog)
    schema = dialog.result_schema()
    assert schema.target == "city" and schema.task == "multiclass"
    assert schema.column("height").role == "ignore"
    assert schema.column("label").role == "feature"
    assert schema.column("ID").role == "ignore"
    assert sum(schema.class_counts.values()) == schema.rows == 30
    options = dialog.result_options()
    assert (options.delimiter, options.decimal, options.header) == (";", ",", True)
    data = dialog.result_dataset()
    assert (data.target_name, data.task, data.n_samples) == ("city", "multiclass", 30)
    assert sorted(data.classes) == ["Berlin", "Paris", "Rome"]
    assert not any(name.startswith(("height", "ID", "city")) for name in data.feature_names)
    assert dialog.result_table_info().warnings == []
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_several_columns_change_at_once_and_from_the_header_menu(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "semicolon_decimal_comma.csv")
    dialog.columns.select_names(["weight", "city"])
    assert dialog.columns.selected_names() == ["weight", "city"]
    choose(dialog.columns.bulk_role, dialog.columns.bulk_role.findData("ignore"))
    schema = dialog.current_schema()
    assert (schema.column("weight").role, schema.column("city").role) == ("ignore", "ignore")
    assert dialog.columns.selected_names() == ["weight", "city"]
    menu = dialog.header_menu(["smoker"])
    types = menu.actions()[0].menu()
    next(a for a in types.actions() if a.text() == "categorical").trigger()
    assert dialog.current_schema().column("smoker").type == "categorical"
    assert row_combo(dialog, "type", "smoker").currentData() == "categorical"
    roles = dialog.header_menu(["weight", "city"]).actions()[1].menu()
    assert not next(a for a in roles.actions() if a.text() == "target").isEnabled()


def test_the_task_can_be_overridden(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "no_header.csv")
    schema = dialog.current_schema()
    assert schema.target == "column_3" and schema.task == "multiclass"
    assert dialog.task_row.classes.text().startswith("3 classes")
    choose(dialog.task_row.task, dialog.task_row.task.findData("regression"))
    assert dialog.current_schema().task == "regression"
    assert dialog.task_row.classes.text() == ""
    assert dialog.task_row.task.currentData() == "regression"


def test_cells_that_are_not_numbers_are_highlighted_with_a_reason(qtbot, tmp_path: Path) -> None:
    rows = [f"{i},{150 + i}.5,{i % 2}" for i in range(30)]
    rows[7] = "7,tall,1"
    path = tmp_path / "bad_cell.csv"
    path.write_text("n,height,label\n" + "\n".join(rows) + "\n")
    dialog = make_dialog(qtbot, path)
    assert dialog.current_schema().column("height").type == "numeric"
    assert dialog.model.bad_cells() == [(7, 1)]
    index = dialog.model.index(7, 1)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color() == BAD_CELL_COLOR
    assert "'tall' is not a number" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.model.headerData(7, Qt.Orientation.Vertical) == "9"  # the editor line of that row
    assert dialog.model.index(6, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_ragged_rows_are_listed_and_can_be_skipped(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "ragged_row.csv")
    assert "line 5 has more fields" in dialog.error.text()
    assert dialog.skip_button.isVisible()
    assert not dialog.ok_button.isEnabled()
    lines = [dialog.model.headerData(r, Qt.Orientation.Vertical) for r in range(4)]
    assert lines == ["2", "3", "4", "6"]  # the preview shows the rest of the file
    dialog.skip_button.click()
    assert dialog.form.skip_bad_lines.isChecked()
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=DEBOUNCE_MS * 20)
    assert dialog.error.isHidden()
    assert "skipped line 5" in dialog.warnings.text()
    accept(qtbot, dialog)
    assert dialog.result_options().skip_bad_lines
    assert dialog.result_schema().rows == 29


@pytest.mark.parametrize(("name", "words"), [("binary.csv", "binary data"), ("gzip_named_csv.csv", "gzip"),
                                             ("empty.csv", "is empty"), ("header_only.csv", "no data rows")])
def test_a_file_that_is_not_a_table_shows_one_sentence_and_ok_is_disabled(qtbot, name: str, words: str) -> None:
    dialog = make_dialog(qtbot, MESSY / name)
    assert dialog.error.isVisible()
    assert words in dialog.error.text() and name in dialog.error.text()
    assert not dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.result_schema() is None


def test_a_target_with_one_class_is_an_error_that_selects_its_column(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "one_class.csv"
    path.write_text("x,label\n" + "".join(f"{i * 0.5},same\n" for i in range(12)))
    dialog = make_dialog(qtbot, path)
    assert "holds one class only" in dialog.error.text()
    assert not dialog.ok_button.isEnabled()
    assert [i.column() for i in dialog.view.selectionModel().selectedColumns()] == [1]
    choose(dialog.task_row.target, 0)
    assert dialog.error.isHidden() and dialog.ok_button.isEnabled()


def big_file(path: Path, rows: int, bad_line: int | None = None) -> Path:
    """A numeric table with ``rows`` data rows; ``bad_line`` (an editor line) gets an extra field."""
    block = "".join(f"{i % 97},{i % 13}.25,{(i * 7) % 31},{i % 2}\n" for i in range(1000))
    lines = ["a,b,c,label\n", *(block * (rows // 1000)).splitlines(keepends=True)]
    if bad_line is not None:
        lines[bad_line - 1] = lines[bad_line - 1].rstrip("\n") + ",9\n"
    path.write_text("".join(lines))
    return path


def test_a_problem_after_the_preview_rows_keeps_the_dialog_open(qtbot, tmp_path: Path) -> None:
    path = big_file(tmp_path / "late_ragged.csv", 1000, bad_line=PREVIEW_ROWS + 50)
    dialog = make_dialog(qtbot, path)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert dialog.isVisible() and dialog.result_schema() is None
    assert f"line {PREVIEW_ROWS + 50} has more fields" in dialog.error.text()
    assert dialog.skip_button.isVisible()
    dialog.skip_button.click()
    qtbot.waitUntil(lambda: dialog.form.request().skip_bad_lines and dialog.error.isHidden(),
                    timeout=DEBOUNCE_MS * 20)
    accept(qtbot, dialog)
    assert dialog.result_schema().rows == 999


@pytest.fixture
def gated_read(monkeypatch: pytest.MonkeyPatch):
    """The loader's read_csv, held after each chunk until cancelled or the gate opens; records how it ended."""
    gate, ended = threading.Event(), []

    def read(path, options, *, progress, cancel, **kwargs):
        def held(fraction: float) -> None:
            progress(fraction)
            deadline = time.monotonic() + 5
            while not (cancel() or gate.wait(0.005)) and time.monotonic() < deadline:
                pass

        try:
            result = read_csv(path, options, progress=held, cancel=cancel, **kwargs)
        except Exception as exc:
            ended.append(type(exc).__name__)
            raise
        ended.append("done")
        return result

    monkeypatch.setattr(csv_loader, "read_csv", read)
    yield gate, ended
    gate.set()


def test_cancel_during_a_large_load_stops_the_worker(qtbot, tmp_path: Path, gated_read) -> None:
    _, ended = gated_read
    dialog = make_dialog(qtbot, big_file(tmp_path / "large.csv", 300_000))
    dialog.ok_button.click()
    assert dialog.is_loading() and dialog.load_bar.progress.isVisible() and not dialog.ok_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.load_bar.progress.value() > 0, timeout=10_000)
    dialog.load_bar.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    assert ended == ["Cancelled"]
    assert "cancelled" in dialog.load_bar.status.text()
    assert dialog.isVisible() and dialog.result_schema() is None
    assert dialog.ok_button.isEnabled() and dialog.load_bar.progress.isHidden()


def test_closing_the_dialog_during_a_load_stops_the_worker(qtbot, tmp_path: Path, gated_read) -> None:
    _, ended = gated_read
    dialog = make_dialog(qtbot, big_file(tmp_path / "large.csv", 300_000))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.load_bar.progress.value() > 0, timeout=10_000)
    dialog.reject()
    assert not dialog.is_loading() and ended == ["Cancelled"]
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_reset_goes_back_to_the_detected_options(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY / "semicolon_decimal_comma.csv")
    dialog.form.decimal.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.preview_result().options_used.decimal == ".", timeout=DEBOUNCE_MS * 20)
    choose(row_combo(dialog, "role", "city"), 2)
    dialog.reset_button.click()
    assert dialog.preview_result().options_used.decimal == ","
    assert dialog.form.decimal.currentIndex() == 1
    assert dialog.current_schema().column("city").role == "feature"


def test_recent_files_reopen_with_the_chosen_options_and_columns(qtbot, tmp_path: Path) -> None:
    recent = RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    path = MESSY / "semicolon_decimal_comma.csv"
    first = make_dialog(qtbot, path, recent=recent)
    choose(row_combo(first, "role", "smoker"), 2)
    accept(qtbot, first)
    entry = recent.get(path)
    assert entry.options == first.result_options()
    assert entry.edits.columns == {"smoker": {"role": "ignore"}}
    again = CsvImportDialog.open_file(path, None, recent)
    qtbot.addWidget(again)
    assert again.current_schema().column("smoker").role == "ignore"
    assert again.preview_result().options_used == entry.options
    again.reject()


def test_recent_options_that_no_longer_fit_can_be_reset(qtbot, tmp_path: Path) -> None:
    recent = RecentFiles(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    path = MESSY / "gbk_chinese.csv"
    recent.add(path, CsvOptions(encoding="latin-1"), SchemaEdits({"missing": {"role": "ignore"}}))
    dialog = CsvImportDialog.open_file(path, None, recent)
    qtbot.addWidget(dialog)
    assert dialog.preview_result().options_used.encoding == "latin-1"
    dialog.reset()
    assert dialog.preview_result().options_used.encoding == "gb18030"
    assert header_names(dialog)[0] == "编号"
    dialog.reject()


def test_supported_file_accepts_text_tables_only(tmp_path: Path) -> None:
    for name in ("a.csv", "b.TSV", "c.txt", "d.xlsx"):
        (tmp_path / name).write_text("x,y\n1,2\n")
    assert [supported_file(tmp_path / n) for n in ("a.csv", "b.TSV", "c.txt", "d.xlsx")] == [True, True, True, False]
    assert not supported_file(tmp_path / "missing.csv")
    assert not supported_file(tmp_path)


def test_another_delimiter_and_missing_markers_can_be_typed(qtbot, tmp_path: Path) -> None:
    rows = [f"{i}:{i * 1.5}:{'ab'[i % 2]}" for i in range(30)]
    rows[4] = "4:?:a"
    path = tmp_path / "colon.txt"
    path.write_text("n:x:label\n" + "\n".join(rows) + "\n")
    dialog = make_dialog(qtbot, path)
    dialog.form.delimiter.setCurrentIndex(dialog.form.delimiter.count() - 1)  # Other…
    assert dialog.form.other_delimiter.isVisible() and "delimiter" not in dialog.form.touched()
    qtbot.keyClicks(dialog.form.other_delimiter, ":")
    qtbot.waitUntil(lambda: header_names(dialog) == ["n", "x", "label"], timeout=DEBOUNCE_MS * 20)
    assert dialog.current_schema().column("x").missing == 1 and dialog.model.bad_cells() == []
    dialog.form.na_values.clear()
    qtbot.keyClicks(dialog.form.na_values, "NA, null")
    qtbot.waitUntil(lambda: dialog.preview_result().options_used.na_values == ("", "NA", "null"),
                    timeout=DEBOUNCE_MS * 20)
    assert dialog.model.bad_cells() == [(4, 1)]  # "?" is now a value, and not a number
