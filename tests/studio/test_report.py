"""Reports: JSON numbers recomputed like nn-train's, HTML shows them, the PDF renders, CSV per epoch, zh_CN, safety."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from engine.errors import DataError
from studio import cli
from studio.report import build_report
from studio.report_data import collect_path
from tests.studio.test_report_fixtures import run

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def iris_run(tmp_path_factory):
    return run("iris", tmp_path_factory)


class _Tables(HTMLParser):
    """Every table of an HTML text as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _report(capsys, source, out, *extra):
    status = cli.main(["report", str(source), "--out", str(out), *extra])
    return status, capsys.readouterr().err


def test_json_recomputes_the_runs_metrics_and_the_html_shows_them(qapp, capsys, iris_run, tmp_path):
    status, err = _report(capsys, iris_run, tmp_path)
    assert status == 0, err
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    stored = json.loads((iris_run / "metrics.json").read_text(encoding="utf-8"))
    for part in ("train", "val", "test"):
        assert report["metrics"][part] == pytest.approx(stored[part], abs=1e-9)
    parser = _Tables()
    parser.feed((tmp_path / "report.html").read_text(encoding="utf-8"))
    metrics_table = next(t for t in parser.tables if t[0][:2] == ["Metric", "train"])
    shown = {row[0]: row[1:] for row in metrics_table[1:]}
    assert float(shown["Accuracy"][2]) == pytest.approx(report["metrics"]["test"]["accuracy"], abs=5e-5)
    assert float(shown["Log loss"][0]) == pytest.approx(report["metrics"]["train"]["log_loss"], abs=5e-5)
    per_class = next(t for t in parser.tables if t[0][0] == "Class" and "Support" in t[0])
    assert [row[0] for row in per_class[1:]] == ["setosa", "versicolor", "virginica"]
    assert sum(int(row[-1]) for row in per_class[1:]) == report["dataset"]["samples"]["test"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 4  # loss, accuracy, ROC, PR, confusion: self-contained
    matrix = report["confusion_matrix"]["matrix"]
    assert sum(map(sum, matrix)) == report["dataset"]["samples"]["test"]
    assert {c["class"] for c in report["roc"]} == {"setosa", "versicolor", "virginica"}


def test_csv_files_hold_one_row_per_epoch_and_per_class(qapp, capsys, iris_run, tmp_path):
    status, err = _report(capsys, iris_run, tmp_path, "--format", "csv")
    assert status == 0, err
    with (tmp_path / "history.csv").open(encoding="utf-8") as handle:
        history = list(csv.DictReader(handle))
    with (iris_run / "history.csv").open(encoding="utf-8") as handle:
        original = list(csv.DictReader(handle))
    assert len(history) == len(original) == 8
    assert [float(r["loss"]) for r in history] == [float(r["loss"]) for r in original]
    with (tmp_path / "per_class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["part"] for r in rows} == {"train", "val", "test"} and len(rows) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv", "per_class.csv"]


def test_the_pdf_renders_in_english_and_chinese(qapp, capsys, iris_run, tmp_path):
    for language in ("en", "zh_CN"):
        out = tmp_path / language
        status, err = _report(capsys, iris_run, out, "--format", "pdf,html", "--lang", language)
        assert status == 0, err
        pdf = (out / "report.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert (b"NotoSansCJK" in pdf) == (language == "zh_CN")  # the CJK font is embedded for Chinese text
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out / "report.pdf"),
                            str(out / "page")], check=True, capture_output=True)
            assert (out / "page-1.png").stat().st_size > 1000
    assert "训练报告" in (tmp_path / "zh_CN" / "report.html").read_text(encoding="utf-8")
    assert "Training report" in (tmp_path / "en" / "report.html").read_text(encoding="utf-8")


def test_a_binary_report_has_the_chosen_threshold_and_its_scores(qapp, tmp_path_factory, tmp_path):
    source = run("binary", tmp_path_factory)
    written, data = build_report(source, tmp_path, ["json", "html"], threshold=0.3)
    threshold = data["threshold"]
    assert threshold["threshold"] == 0.3 and threshold["positive"] == "1"
    tn, fp, fn, tp = (threshold[k] for k in ("tn", "fp", "fn", "tp"))
    assert tn + fp + fn + tp == data["dataset"]["samples"]["test"]
    assert threshold["recall"] == pytest.approx(tp / (tp + fn))
    assert data["confusion_matrix"]["matrix"] == [[tn, fp], [fn, tp]]
    assert len(data["roc"]) == 1 and 0.5 < data["roc"][0]["auc"] <= 1
    assert "≥ 0.30" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert [p.name for p in written] == ["report.json", "report.html"]


def test_a_regression_report_has_no_class_tables(qapp, tmp_path_factory, tmp_path):
    source = run("regression", tmp_path_factory)
    written, data = build_report(source, tmp_path, ["json", "csv", "html"])
    assert set(data["metrics"]["train"]) == {"r2", "mae", "rmse"}
    assert data["residuals"] is not None and data["per_class"] == {}
    assert sorted(p.name for p in written) == ["history.csv", "report.html", "report.json"]


def test_a_missing_dataset_is_said_in_the_report_of_a_run_and_refused_for_a_project(iris_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(iris_run, copy)
    from engine.io.model_file import load_model_file, save_model

    loaded = load_model_file(copy / "model.npz")
    save_model(copy / "model.npz", loaded.model, {**loaded.extra, "dataset": str(tmp_path / "gone.csv")})
    data = collect_path(copy)
    assert "gone.csv" in data["notes"][0] and data["metrics"]["test"] == json.loads(
        (copy / "metrics.json").read_text(encoding="utf-8"))["test"]
    assert data["roc"] == [] and data["confusion_matrix"] is None

    from studio.project import Project, default_training, save_project

    project = Project(dataset={"type": "csv", "config": {"path": str(tmp_path / "gone.csv"), "target": "species"}},
                      model=loaded.model.get_config(), training={**default_training(),
                                                                 "loss": loaded.extra["training"]["loss"]})
    save_project(tmp_path / "p.nnproj", project, loaded.model.get_weights())
    with pytest.raises(DataError, match="dataset could not be loaded"):
        collect_path(tmp_path / "p.nnproj")


def test_an_unwritable_folder_gives_one_sentence_and_no_file(qapp, capsys, iris_run, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()

    def refuse(*_args):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    status, err = _report(capsys, iris_run, out, "--format", "json,pdf")
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and "Read-only file system" in lines[0]
    assert list(out.iterdir()) == []


def test_a_report_renders_off_the_gui_thread_through_the_task_runner(qtbot, iris_run, tmp_path):
    from studio.export_tasks import TaskRunner

    runner = TaskRunner()
    percents = []
    runner.progress.connect(lambda percent, _what: percents.append(percent))
    with qtbot.waitSignal(runner.finished, timeout=20000) as blocker:
        runner.start(lambda progress, cancelled: build_report(iris_run, tmp_path, ["html", "pdf"], progress=progress,
                                                              cancelled=cancelled)[0])
    assert sorted(p.name for p in blocker.args[0]) == ["report.html", "report.pdf"]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert percents == sorted(percents) and percents[-1] == 100
