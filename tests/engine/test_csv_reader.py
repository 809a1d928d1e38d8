"""Detection details, overrides, undecodable bytes, chunked reading with progress and cancel."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.data.reader import Cancelled, read_csv
from engine.data.sniff import CsvOptions, detect, detect_encoding
from engine.errors import ConfigError, DataError, EngineError


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("text", "decimal", "thousands"), [
    ("a;b\n1,5;2\n3,25;4\n", ",", ""),
    ("a;b\n1.234,5;2\n12.345.678;4\n", ",", "."),
    ('a,b\n"1,234.5",2\n"12,345",4\n', ".", ","),
    ("a;b\n1.5;2\n3.25;4\n", ".", ""),
    ("a\tb\n1.234\t2\n5.5\t4\n", ".", ""),
])
def test_decimal_and_thousands_marks(tmp_path, text, decimal, thousands):
    options = detect(write(tmp_path, text)).options
    assert (options.decimal, options.thousands) == (decimal, thousands)


@pytest.mark.parametrize(("text", "header"), [
    ("x,y\n1,2\n3,4\n", True),
    ("1,2\n3,4\n", False),
    ("name,colour\nann,red\nbob,blue\n", True),
    ("yes,red\nno,blue\nyes,red\n", False),
])
def test_header_presence(tmp_path, text, header):
    assert detect(write(tmp_path, text)).options.header is header


def test_delimiter_respects_quotes(tmp_path):
    text = 'name;note\n"Smith, John";"a, b, c"\n"Doe, Jane";"d, e"\n'
    assert detect(write(tmp_path, text)).options.delimiter == ";"


def test_override_wins_over_detection(tmp_path):
    path = write(tmp_path, "a;b\n1,5;2\n")
    result = read_csv(path, CsvOptions(decimal="."))
    assert result.options_used.decimal == "."
    assert result.frame["a"].tolist() == ["1,5"]


def test_options_round_trip_through_json():
    options = CsvOptions(encoding="gbk", delimiter=";", decimal=",", header=False, na_values=("NA", "?"))
    assert CsvOptions.from_dict(json.loads(json.dumps(options.to_dict()))) == options
    with pytest.raises(ConfigError, match="unknown field"):
        CsvOptions.from_dict({"colour": "red"})
    with pytest.raises(ConfigError, match="encoding 'klingon' is unknown"):
        CsvOptions(encoding="klingon")


def test_undecodable_byte_is_located_by_line_and_column(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_bytes("item,price\ntea,1.5\ncafé,2.5\n".encode("cp1252"))
    assert detect_encoding(path.read_bytes()) == "cp1252"
    with pytest.raises(DataError) as info:
        read_csv(path, CsvOptions(encoding="utf-8"))
    assert (info.value.row, info.value.column) == (3, 4)
    assert str(path) in str(info.value) and "line 3, column 4" in str(info.value)


def test_undecodable_byte_beyond_the_sample_is_located(tmp_path):
    path = tmp_path / "late.csv"
    rows = "".join(f"{i},{i * 0.5}\n" for i in range(30_000))
    path.write_bytes(b"a,b\n" + rows.encode() + "x\xe9,1\n".encode("latin-1"))
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert (info.value.row, info.value.column) == (30_002, 2)


def test_nul_bytes_are_binary_but_utf16_is_text(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b\n1,2\n\x00\x01\x02\x03,4\n")
    with pytest.raises(DataError, match=r"line 3"):
        read_csv(path)
    path.write_bytes("a,b\n1,2\n".encode("utf-16-le"))
    assert read_csv(path).frame.to_numpy().tolist() == [[1, 2]]


def test_chunked_read_reports_progress_and_equals_one_piece(tmp_path):
    rows = "".join(f"{i},{i % 7},x{i % 3}\n" for i in range(250_000))
    path = write(tmp_path, "a,b,c\n" + rows)
    seen = []
    chunked = read_csv(path, progress=seen.append)
    whole = read_csv(path)
    assert chunked.frame.equals(whole.frame)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 3
    np.testing.assert_array_equal(chunked.line_numbers, np.arange(2, 250_002))


def test_cancel_raises_cancelled(tmp_path):
    path = write(tmp_path, "a,b\n" + "1,2\n" * 250_000)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled) as info:
        read_csv(path, cancel=cancel)
    assert isinstance(info.value, EngineError)


def test_nrows_limits_a_preview(tmp_path):
    path = write(tmp_path, "a,b\n" + "".join(f"{i},{i}\n" for i in range(100)))
    assert len(read_csv(path, nrows=10).frame) == 10


def test_unclosed_quote_names_the_line(tmp_path):
    path = write(tmp_path, 'a,b\n1,2\n3,"oops\n5,6\n')
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert str(path) in str(info.value) and "quote opened on line 3" in str(info.value) and info.value.row == 3


def test_header_narrower_than_the_data_is_refused(tmp_path):
    path = write(tmp_path, "a,b\n0,1,2\n3,4,5\n")
    with pytest.raises(DataError) as info:
        read_csv(path)
    assert info.value.row == 2 and "line 2" in str(info.value)
