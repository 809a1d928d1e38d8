"""load_table / read_table: messy files to Datasets, the user's overrides, left-out rows and unusable files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from engine.data.builtin import bundled_dir
from engine.data.sniff import CsvOptions
from engine.data.splits import train_val_test_split
from engine.data.tabular import load_table, prepare_table, read_table, resolve_column
from engine.errors import ConfigError, DataError
from tests.data.make_messy import OUT


def _csv(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_iris_reads_with_text_labels_in_order():
    data, info = load_table(bundled_dir() / "iris.csv")
    assert data.target_name == "species" and data.task == "multiclass"
    assert data.classes == ["setosa", "versicolor", "virginica"] and data.class_counts() == {
        "setosa": 50, "versicolor": 50, "virginica": 50}
    assert data.x.shape == (150, 4) and data.x.dtype == np.float32 and data.name == "iris"
    np.testing.assert_allclose(data.x.mean(axis=0), 0.0, atol=1e-5)
    assert info.options.delimiter == "," and info.lines[0] == 2 and len(info.parts) == 1


@pytest.mark.parametrize("name", ["gbk_chinese", "semicolon_decimal_comma", "utf16_tab", "cp1252_accents"])
def test_messy_files_match_their_clean_twins(name):
    messy, info = load_table(OUT / f"{name}.csv")
    clean, _ = load_table(OUT / f"{name}.clean.csv")
    np.testing.assert_array_equal(messy.x, clean.x)
    np.testing.assert_array_equal(messy.y, clean.y)
    assert messy.feature_names == clean.feature_names and messy.classes == clean.classes
    assert info.schema.column(info.schema.names[0]).role == "ignore"  # the ID column


def test_split_chooses_the_training_rows_the_pipeline_is_fitted_on():
    calls = []

    def split(labels, task):
        calls.append((labels.tolist(), task))
        return train_val_test_split(labels, val=0.25, test=0.25, seed=1)

    data, info = load_table(bundled_dir() / "iris.csv", split=split, dtype=np.float64)
    train, val, test = info.parts
    assert (len(train), len(val), len(test)) == (74, 38, 38)  # round(0.25 · 150) = 38
    assert calls[0][1] == "multiclass" and calls[0][0][:1] == ["setosa"]
    assert data.x.dtype == np.float64
    np.testing.assert_allclose(data.x[train].mean(axis=0), 0.0, atol=1e-12)
    assert np.abs(data.x[test].mean(axis=0)).max() > 1e-6


def test_headerless_columns_by_position_and_name():
    for target in ("3", 3, "column_3"):
        data, _ = load_table(OUT / "no_header.csv", target=target)
        assert data.target_name == "column_3" and data.feature_names == ["column_1", "column_2"]
    _, schema = read_table(OUT / "no_header.csv", target=2, ignore=[1])
    assert schema.target == "column_2" and schema.column("column_1").role == "ignore"


def test_overrides_ignore_and_task(tmp_path):
    rows = "".join(f"{(i * 7) % 13 + 0.5},{i % 7},{i % 3}\n" for i in range(40))
    path = _csv(tmp_path, "a,b,grade\n" + rows)
    _, schema = read_table(path)
    assert schema.target == "grade" and schema.task == "multiclass"
    data, _ = load_table(path, task="regression", ignore=["B"])
    assert data.task == "regression" and data.feature_names == ["a"] and data.y.dtype == np.float64
    _, schema = read_table(path, ignore=["grade"])
    assert schema.target == "b"  # the suggested target was ignored: the last usable column instead
    with pytest.raises(ConfigError, match="both the target and ignored"):
        read_table(path, target="a", ignore=["a"])


def test_rows_without_a_target_are_left_out_with_their_lines(tmp_path):
    path = _csv(tmp_path, "x,c,label\n1,a,0\n2,b,\n3,,1\nNA,a,0\n5,b,1\n6,a,\n")
    data, info = load_table(path)
    assert data.n_samples == 4 and info.lines.tolist() == [2, 4, 5, 6]
    assert any("left out 2 rows (lines 3, 7) without a target value" in w for w in info.warnings)
    dropped, info = load_table(path, impute="drop")
    assert dropped.n_samples == 2 and info.lines.tolist() == [2, 6]
    assert any("(lines 3, 4, 5, 7)" in w for w in info.warnings)


def test_the_target_is_read_as_labels_once_with_left_out_rows_too(tmp_path, monkeypatch):
    """Writing a large table's target as text labels takes a while: the rows check, the split, the pipeline's fit and
    its encoding share one reading (the left-out rows taken from it)."""
    import engine.data.columns as columns

    path = _csv(tmp_path, "x,c,label\n1,a,0\n2,b,\n3,,1\nNA,a,0\n5,b,1\n6,a,\n")
    reads = []
    texts = columns.texts
    monkeypatch.setattr(columns, "texts", lambda frame, names: (reads.append(list(names)), texts(frame, names))[1])
    data, info = load_table(path, split=lambda y, task: train_val_test_split(y, val=0.25, seed=0))
    assert reads.count(["label"]) == 1
    assert data.n_samples == 4 and info.lines.tolist() == [2, 4, 5, 6] and data.classes == ["0", "1"]
    assert data.y.tolist() == [0, 1, 0, 1]


def test_bad_numeric_cells_are_missing_and_reported(tmp_path):
    rows = "".join(f"{(i * 7) % 13 + 0.5},{'oops' if i == 7 else i * 2},{i % 2}\n" for i in range(30))
    data, info = load_table(_csv(tmp_path, "a,b,label\n" + rows))
    assert data.feature_names == ["a", "b"] and np.isfinite(data.x).all()
    assert any("1 cell(s) are not numbers" in w for w in info.warnings)


def test_csv_options_are_passed_on():
    data, info = load_table(OUT / "semicolon_decimal_comma.csv", options=CsvOptions(delimiter=";", decimal=","))
    assert info.options.delimiter == ";" and data.n_samples == 30


@pytest.mark.parametrize(("text", "message"), [
    ("", "is empty"),
    ("a,b,y\n", "has a header but no data rows"),
    ("a,y\n1,same\n2,same\n", "one class only"),
    ("a,y\n1,\n2,\n", "has no values"),
])
def test_unusable_files_name_the_file(tmp_path, text, message):
    path = _csv(tmp_path, text)
    with pytest.raises(DataError, match=message) as info:
        load_table(path)
    assert info.value.file == str(path) and str(path) in str(info.value)


def test_free_text_target_and_unknown_columns(tmp_path):
    notes = "".join(f"{i},note number {i} about something long enough\n" for i in range(30))
    with pytest.raises(DataError, match="free text"):
        load_table(_csv(tmp_path, "a,comment\n" + notes), target="comment")
    with pytest.raises(DataError, match=r"no column 'price'; the columns are: a, y \(or their positions 1 to 2\)"):
        resolve_column(["a", "y"], "price")
    assert resolve_column(["a", "Y"], "y") == "Y" and resolve_column(["a", "y"], 1) == "a"


def test_ragged_rows_are_refused_or_skipped():
    with pytest.raises(DataError, match="line 5"):
        load_table(OUT / "ragged_row.csv")
    data, info = load_table(OUT / "ragged_row.csv", options=CsvOptions(skip_bad_lines=True))
    twin = pd.read_csv(OUT / "ragged_row.clean.csv")
    assert data.n_samples == len(twin) and any("line 5" in w for w in info.warnings)


def test_prepare_table_takes_an_edited_schema():
    result, schema = read_table(OUT / "na_markers.csv")
    edited = schema.with_override("weight", type="categorical")
    data, info = prepare_table(OUT / "na_markers.csv", result, edited)
    assert info.schema is edited and "weight=93" in data.feature_names and "height" in data.feature_names
    assert info.path == str(OUT / "na_markers.csv")
