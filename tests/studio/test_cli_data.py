"""``nn-train inspect`` and CSV files through ``nn-train train``: detection, schema, overrides, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from engine.data import TablePipeline, bundled_dir
from engine.data.reader import read_csv
from engine.data.schema import infer_schema
from engine.io.model_file import load_model_file
from studio import cli
from tests.data.make_messy import OUT
from tests.engine.test_csv_messy import EXPECTED, READABLE, clean_twin

KEYS = {"rows", "encoding", "delimiter", "decimal", "header", "task", "target", "class_counts", "columns",
        "image_shape"}


def _run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _one_error_line(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nn-train: error: ") and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def _metrics(out: Path) -> dict:
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


# -- inspect -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", READABLE)
def test_inspect_json_of_each_messy_file_matches_its_expected_schema(capsys, name):
    status, out, err = _run(capsys, "inspect", OUT / f"{name}.csv", "--json")
    assert status == 0 and err == ""
    report = json.loads(out)
    assert set(report) == KEYS
    twin = clean_twin(name)
    expected = infer_schema(twin.set_axis([c["name"] for c in report["columns"]], axis=1))
    assert report["rows"] == len(twin)
    assert [(c["type"], c["role"], c["missing"], c["unique"]) for c in report["columns"]] == [
        (c.type, c.role, c.missing, c.unique) for c in expected.columns]
    assert (report["target"], report["task"], report["class_counts"]) == (
        expected.target, expected.task, expected.class_counts)
    wanted = {"encoding": None, "delimiter": ",", "decimal": ".", "header": True, **EXPECTED.get(name, {})}
    for key in ("encoding", "delimiter", "decimal", "header"):
        if wanted[key] is not None:
            assert report[key] == wanted[key], key


def test_inspect_text_shows_types_roles_reasons_and_task(capsys):
    status, out, _ = _run(capsys, "inspect", OUT / "gbk_chinese.csv")
    assert status == 0
    assert "30 rows; encoding gb18030" in out
    assert any(line.split()[:4] == ["1", "编号", "identifier", "ignore"] for line in out.splitlines())
    assert "column '编号' looks like an identifier: ignored." in out
    assert "task: multiclass, target '标签'; classes 狗: 10, 猫: 10, 鸟: 10" in out


def test_inspect_overrides(capsys):
    status, out, _ = _run(capsys, "inspect", OUT / "no_header.csv", "--no-header", "--target", "2", "--json")
    report = json.loads(out)
    assert status == 0 and report["header"] is False and report["target"] == "column_2"
    assert report["task"] == "regression" and report["class_counts"] == {}
    status, out, _ = _run(capsys, "inspect", OUT / "semicolon_decimal_comma.csv", "--ignore", "height", "city",
                          "--json")
    roles = {c["name"]: c["role"] for c in json.loads(out)["columns"]}
    assert roles["height"] == roles["city"] == "ignore" and roles["weight"] == "feature"
    status, out, _ = _run(capsys, "inspect", OUT / "no_header.csv", "--target", "3", "--task", "regression",
                          "--json")
    assert json.loads(out)["task"] == "regression"


@pytest.mark.parametrize(("name", "fragments"), [
    ("empty", ["is empty"]),
    ("header_only", ["header but no data rows"]),
    ("gzip_named_csv", ["gzip-compressed"]),
    ("binary", ["binary data"]),
    ("ragged_row", ["line 5", "fix or skip"]),
])
@pytest.mark.parametrize("command", ["inspect", "train"])
def test_bad_files_are_one_sentence_with_status_2(capsys, tmp_path, name, fragments, command):
    path = OUT / f"{name}.csv"
    extra = ["--out", tmp_path] if command == "train" else []
    status, out, err = _run(capsys, command, path, *extra)
    assert status == 2 and out == ""
    _one_error_line(err, str(path), *fragments)


def test_unusable_target_is_described_then_refused(capsys, tmp_path):
    path = tmp_path / "one_class.csv"
    path.write_text("a,label\n1.5,x\n2.5,x\n3.5,x\n", encoding="utf-8")
    status, out, err = _run(capsys, "inspect", path)
    assert status == 2 and "column 'label'" in out
    _one_error_line(err, str(path), "one class only")
    status, _, err = _run(capsys, "train", path, "--out", tmp_path / "run")
    assert status == 2
    _one_error_line(err, "one class only")


# -- train on CSV files ------------------------------------------------------------------------------------------
def test_iris_csv_reaches_093_on_a_stratified_hold_out(capsys, tmp_path):
    status, _, err = _run(capsys, "train", bundled_dir() / "iris.csv", "--hidden", 16, "--test-split", 0.2,
                          "--epochs", 60, "--seed", 1, "--out", tmp_path)
    assert status == 0, err
    metrics = _metrics(tmp_path)
    assert metrics["task"] == "multiclass" and metrics["test"]["accuracy"] >= 0.93
    assert metrics["samples"]["test"] == 30


@pytest.mark.parametrize(("name", "flags"), [
    ("gbk_chinese", ["--encoding", "gbk"]),
    ("semicolon_decimal_comma", ["--delimiter", "semicolon", "--decimal", ","]),
    ("na_markers", ["--impute", "median", "--scaler", "robust"]),
    ("utf16_tab", ["--delimiter", "tab", "--scaler", "yeo_johnson"]),
])
def test_messy_files_train_end_to_end_and_store_their_pipeline(capsys, tmp_path, name, flags):
    path = OUT / f"{name}.csv"
    status, _, err = _run(capsys, "train", path, *flags, "--epochs", 5, "--out", tmp_path)
    assert status == 0, err
    saved = load_model_file(tmp_path / "model.npz")
    pipeline = TablePipeline.from_config(saved.extra["pipeline"])
    result = read_csv(path)
    x = pipeline.transform_for_prediction(result.frame, lines=result.line_numbers)
    assert x.shape == (30, saved.model.input_shape[0]) and np.isfinite(x).all()
    assert saved.extra["feature_names"] == pipeline.feature_names_out
    assert saved.extra["classes"] == pipeline.classes and saved.extra["csv_options"]["encoding"]


def test_headerless_file_target_by_position_and_task_override(capsys, tmp_path):
    status, _, err = _run(capsys, "train", OUT / "no_header.csv", "--no-header", "--target", "3", "--epochs", 3,
                          "--out", tmp_path)
    assert status == 0, err
    extra = load_model_file(tmp_path / "model.npz").extra
    assert extra["target_name"] == "column_3" and extra["classes"] == ["0", "1", "2"]
    status, _, err = _run(capsys, "train", OUT / "no_header.csv", "--target", "column_3", "--task", "regression",
                          "--ignore", "1", "--epochs", 3, "--out", tmp_path / "reg")
    assert status == 0, err
    extra = load_model_file(tmp_path / "reg" / "model.npz").extra
    assert extra["task"] == "regression" and extra["feature_names"] == ["column_2"]


def test_na_markers_and_left_out_rows_are_noted(capsys, tmp_path):
    path = tmp_path / "codes.csv"
    rows = "".join(f"{(i * 7) % 13 + 0.5},{-999 if i % 5 == 0 else i},{'' if i == 3 else i % 2}\n"
                   for i in range(40))
    path.write_text("a,b,label\n" + rows, encoding="utf-8")
    status, _, err = _run(capsys, "train", path, "--na", "-999", "--impute", "drop", "--epochs", 2, "--out",
                          tmp_path / "run")
    assert status == 0, err
    assert "nn-train: note: " in err and "with a missing input" in err
    assert _metrics(tmp_path / "run")["samples"]["train"] + _metrics(tmp_path / "run")["samples"]["val"] == 31


@pytest.mark.parametrize(("argv", "fragments"), [
    (["train", "builtin:iris", "--impute", "median"], ["--impute applies to CSV files"]),
    (["train", "builtin:iris", "--no-header"], ["--header applies to CSV files"]),
    (["train", "builtin:iris", "--scaler", "one_hot"], ["--scaler expected one of standard"]),
    (["train", "builtin:iris", "--scaler", "minmax(feature_range=[1, 0])"], ["low < high"]),
    (["train", "{iris}", "--target", "price"], ["no column 'price'"]),
    (["train", "{iris}", "--target", "9"], ["no column '9'", "positions 1 to 5"]),
    (["train", "{iris}", "--delimiter", "::"], ["--delimiter expected one character"]),
    (["train", "{iris}", "--encoding", "klingon"], ["encoding 'klingon' is unknown"]),
    (["train", "{iris}", "--task", "regression"], ["regression needs a numeric target"]),
    (["inspect", "{iris}", "--task", "binary"], ["a binary task needs 2 classes"]),
])
def test_override_errors_are_one_line(capsys, tmp_path, argv, fragments):
    iris = str(bundled_dir() / "iris.csv")
    args = [a.replace("{iris}", iris) for a in argv] + (["--out", str(tmp_path)] if argv[0] == "train" else [])
    status, out, err = _run(capsys, *args)
    assert status == 2 and out == ""
    _one_error_line(err, *fragments)


def test_builtin_scaler_choice_is_stored(capsys, tmp_path):
    status, _, err = _run(capsys, "train", "builtin:moons", "--scaler", "none", "--epochs", 2, "--out", tmp_path)
    assert status == 0, err
    assert load_model_file(tmp_path / "model.npz").extra["preprocessing"] is None
