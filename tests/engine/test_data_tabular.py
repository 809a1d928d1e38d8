"""The simple numeric CSV reader: targets, task detection, and errors that name file, line and column."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data.builtin import bundled_dir
from engine.data.tabular import read_numeric_csv
from engine.errors import DataError


def _csv(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_iris_copy_reads_with_text_labels_sorted():
    data = read_numeric_csv(bundled_dir() / "iris.csv")
    assert data.target_name == "species" and data.task == "multiclass"
    assert data.classes == ["setosa", "versicolor", "virginica"]
    assert data.x.shape == (150, 4) and data.feature_names[0] == "sepal_length_cm"
    assert data.name == "iris" and data.source.endswith("iris.csv")


def test_default_target_is_a_known_name_else_the_last_column(tmp_path):
    named = read_numeric_csv(_csv(tmp_path, "Label,a,b\n0,1,2\n1,3,4\n"))
    assert named.target_name == "Label" and named.feature_names == ["a", "b"]
    last = read_numeric_csv(_csv(tmp_path, "a,b,out\n1,2,0.5\n3,4,1.5\n5,6,2.25\n", "last.csv"))
    assert last.target_name == "out" and last.task == "regression"
    np.testing.assert_array_equal(last.y, [0.5, 1.5, 2.25])


def test_explicit_target_case_insensitive(tmp_path):
    data = read_numeric_csv(_csv(tmp_path, "a,Kind,b\n1,x,2\n3,y,4\n"), target="kind")
    assert data.target_name == "Kind" and data.feature_names == ["a", "b"]
    np.testing.assert_array_equal(data.x, [[1, 2], [3, 4]])


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, sep):
    text = "\n".join(sep.join(row) for row in [["a", "b", "y"], ["1.5", "2", "0"], ["3", "4", "1"]]) + "\n"
    data = read_numeric_csv(_csv(tmp_path, text))
    np.testing.assert_array_equal(data.x, [[1.5, 2], [3, 4]])


def test_explicit_delimiter_and_bom(tmp_path):
    data = read_numeric_csv(_csv(tmp_path, "a;y\n1;0\n2;1\n", encoding="utf-8-sig"), delimiter=";")
    assert data.feature_names == ["a"] and data.target_name == "y"


@pytest.mark.parametrize(("values", "task", "classes"), [
    (["0", "1", "1", "0"], "binary", ["0", "1"]),
    (["3", "1", "2", "3"], "multiclass", ["1", "2", "3"]),
    (["1.0", "2.0", "1.0", "2.0"], "binary", ["1", "2"]),
    (["0.5", "1.25", "2", "3"], "regression", []),
    (["yes", "no", "no", "yes"], "binary", ["no", "yes"]),
])
def test_task_detection(tmp_path, values, task, classes):
    rows = "".join(f"{i},{v}\n" for i, v in enumerate(values))
    data = read_numeric_csv(_csv(tmp_path, "a,target\n" + rows))
    assert data.task == task and data.classes == classes
    if classes:
        assert [data.classes[i] for i in data.y] == [classes[classes.index(v.replace(".0", ""))] for v in values]


def test_many_integer_values_are_a_regression_target(tmp_path):
    rows = "".join(f"{i},{i * 3}\n" for i in range(30))
    data = read_numeric_csv(_csv(tmp_path, "a,y\n" + rows))
    assert data.task == "regression" and data.y.dtype == np.float64


def test_text_in_a_feature_names_column_and_line(tmp_path):
    path = _csv(tmp_path, "a,b,y\n1,2,0\n3,4,1\n5,abc,0\n")
    with pytest.raises(DataError, match=r"column 'b' must hold numbers, but line 4 holds 'abc'") as info:
        read_numeric_csv(path)
    assert (info.value.row, info.value.column, info.value.file) == (4, "b", str(path))


def test_missing_value_names_line_and_column(tmp_path):
    with pytest.raises(DataError, match=r"line 3, column 'b' holds a missing value") as info:
        read_numeric_csv(_csv(tmp_path, "a,b,y\n1,2,0\n3,,1\n"))
    assert info.value.row == 3 and info.value.column == "b"


def test_infinite_value_names_line_and_column(tmp_path):
    with pytest.raises(DataError, match=r"line 2, column 'a' holds the value inf") as info:
        read_numeric_csv(_csv(tmp_path, "a,b,y\ninf,2,0\n3,4,1\n"))
    assert info.value.row == 2


def test_missing_target_value(tmp_path):
    with pytest.raises(DataError, match="line 3 has no value in the target column 'y'"):
        read_numeric_csv(_csv(tmp_path, "a,y\n1,0\n2,\n"))


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    with pytest.raises(DataError, match="line 5 holds 'x'") as info:
        read_numeric_csv(_csv(tmp_path, "a,y\n1,0\n\n2,1\nx,0\n"))
    assert info.value.row == 5
    assert read_numeric_csv(_csv(tmp_path, "a,y\n1,0\n\n2,1\n", "ok.csv")).n_samples == 2


@pytest.mark.parametrize(("text", "message"), [
    ("", "is empty"),
    ("a,b,y\n", "has a header but no data rows"),
    ("a\n1\n2\n", "at least one feature column"),
    ("a,y\n1,same\n2,same\n", "one class only"),
])
def test_unusable_files(tmp_path, text, message):
    path = _csv(tmp_path, text)
    with pytest.raises(DataError, match=message) as info:
        read_numeric_csv(path)
    assert info.value.file == str(path)


def test_file_not_found_and_unknown_target(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(DataError, match="file not found") as info:
        read_numeric_csv(missing)
    assert info.value.file == str(missing)
    with pytest.raises(DataError, match="no column 'price'; its columns are: a, y") as info:
        read_numeric_csv(_csv(tmp_path, "a,y\n1,0\n2,1\n"), target="price")
    assert info.value.column == "price"


def test_malformed_rows_are_a_data_error(tmp_path):
    with pytest.raises(DataError, match="could not read"):
        read_numeric_csv(_csv(tmp_path, "a,y\n1,0\n2,1,7,8\n"))
