"""Each messy file in tests/data/messy reads as its clean twin: same rows, columns, values, types and roles."""

from __future__ import annotations

import pandas as pd
import pytest

from engine.data.reader import read_csv
from engine.data.schema import infer_schema
from engine.data.sniff import CsvOptions, detect
from engine.errors import DataError
from tests.data.make_messy import OUT, quirks

GENERATED = quirks()
READABLE = sorted(name for name, (_, twin) in GENERATED.items() if twin is not None and name != "ragged_row")
BASE_TYPES = ["identifier", "numeric", "numeric", "categorical", "boolean", "categorical"]
BASE_ROLES = ["ignore", "feature", "feature", "feature", "feature", "target"]
#: What detection must find (beyond reading the twin's values), per file.
EXPECTED = {
    "gbk_chinese": {"encoding": "gb18030", "line_terminator": "\r\n"},
    "big5": {"encoding": "big5"},
    "utf8_bom": {"encoding": "utf-8-sig"},
    "utf16_tab": {"encoding": "utf-16", "delimiter": "\t"},
    "cp1252_accents": {"encoding": "cp1252"},
    "semicolon_decimal_comma": {"delimiter": ";", "decimal": ","},
    "tab": {"delimiter": "\t"},
    "pipe": {"delimiter": "|"},
    "space": {"delimiter": " "},
    "no_header": {"header": False},
    "quoted_thousands": {"thousands": ",", "decimal": "."},
    "european_thousands": {"delimiter": ";", "decimal": ",", "thousands": "."},
    "crlf": {"line_terminator": "\r\n"},
    "cr_only": {"line_terminator": "\r"},
    "excel_empty_rows": {"delimiter": ";"},
    "title_lines": {"skip_rows": 2},
}


def clean_twin(name: str) -> pd.DataFrame:
    return pd.read_csv(OUT / f"{name}.clean.csv", encoding="utf-8", keep_default_na=False, na_values=[""])


def test_committed_files_match_the_generator():
    for name, (messy, twin) in GENERATED.items():
        assert (OUT / f"{name}.csv").read_bytes() == messy, name
        if twin is not None:
            assert (OUT / f"{name}.clean.csv").read_bytes() == twin, name


@pytest.mark.parametrize("name", READABLE)
def test_messy_file_reads_as_its_clean_twin(name):
    result = read_csv(OUT / f"{name}.csv")
    twin = clean_twin(name)
    frame = result.frame
    assert frame.shape == twin.shape
    if result.options_used.header:
        assert list(frame.columns) == [c if c else "Unnamed: 0" for c in twin.columns] or name == "index_column"
    pd.testing.assert_frame_equal(frame.set_axis(twin.columns, axis=1), twin, check_dtype=False, rtol=1e-12)
    for option, value in EXPECTED.get(name, {}).items():
        assert getattr(result.options_used, option) == value, option
    messy_schema, twin_schema = infer_schema(frame), infer_schema(twin.set_axis(frame.columns, axis=1))
    assert [(c.type, c.role) for c in messy_schema.columns] == [(c.type, c.role) for c in twin_schema.columns]
    assert (messy_schema.target, messy_schema.task) == (twin_schema.target, twin_schema.task)
    assert [c.missing for c in messy_schema.columns] == [c.missing for c in twin_schema.columns]


@pytest.mark.parametrize("name", [n for n in READABLE if n != "no_header"])
def test_base_table_types_and_roles(name):
    schema = infer_schema(read_csv(OUT / f"{name}.csv").frame)
    assert [c.type for c in schema.columns] == BASE_TYPES
    assert [c.role for c in schema.columns] == BASE_ROLES
    assert schema.target == schema.columns[-1].name
    assert "identifier" in schema.columns[0].reason and "ignored" in schema.columns[0].reason


def test_gbk_chinese_values_and_yes_no():
    frame = read_csv(OUT / "gbk_chinese.csv").frame
    assert list(frame.columns) == ["编号", "身高", "体重", "城市", "吸烟", "标签"]
    assert set(frame["吸烟"]) == {"是", "否"}
    schema = infer_schema(frame)
    assert schema.column("吸烟").type == "boolean"
    assert schema.target == "标签" and schema.task == "multiclass"
    assert schema.class_counts == {"狗": 10, "猫": 10, "鸟": 10}


def test_na_markers_become_missing():
    frame = read_csv(OUT / "na_markers.csv").frame
    raw = (OUT / "na_markers.csv").read_text()
    lines = raw.splitlines()
    for marker in ("NA", "?", "N/A", "-", ".", "null", "None", "NaN", "na"):
        assert any(marker in line.split(",") for line in lines), marker
    assert frame.isna().sum().sum() == clean_twin("na_markers").isna().sum().sum() > 0


def test_no_header_columns_are_named_by_position():
    result = read_csv(OUT / "no_header.csv")
    assert list(result.frame.columns) == ["column_1", "column_2", "column_3"]
    assert result.line_numbers[0] == 1


def test_ragged_row_is_refused_with_its_line():
    path = OUT / "ragged_row.csv"
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert str(path) in str(info.value) and "line 5" in str(info.value)
    assert info.value.row == 5 and info.value.file == str(path)


def test_ragged_row_can_be_skipped_and_is_reported():
    path = OUT / "ragged_row.csv"
    result = read_csv(path, CsvOptions(skip_bad_lines=True))
    assert result.ragged_lines == [5]
    assert any("line 5" in w for w in result.warnings)
    pd.testing.assert_frame_equal(result.frame, clean_twin("ragged_row"), check_dtype=False)
    assert list(result.line_numbers[2:5]) == [4, 6, 7]


@pytest.mark.parametrize(("name", "words"), [
    ("empty", "is empty"),
    ("header_only", "header but no data rows"),
    ("gzip_named_csv", "gzip"),
    ("binary", "binary data"),
])
def test_bad_files_get_one_sentence_naming_the_file(name, words):
    path = OUT / f"{name}.csv"
    with pytest.raises(DataError) as info:
        read_csv(path)
    message = str(info.value)
    assert str(path) in message and words in message and info.value.file == str(path)
    assert "\n" not in message and message.endswith((".", "?"))


def test_detect_keeps_overrides_and_detects_the_rest():
    path = OUT / "semicolon_decimal_comma.csv"
    found = detect(path, CsvOptions(header=False))
    assert found.options.header is False and found.options.delimiter == ";" and found.options.decimal == ","
    assert "semicolon" in found.summary and "no header" in found.summary
