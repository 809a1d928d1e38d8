"""The schedule preview draws Schedule.values or the engine's message; plots export to PNG and SVG atomically."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from engine.errors import ConfigError
from engine.registry import SCHEDULES
from studio.plots.export import export_plot
from studio.plots.schedule_preview import MAX_POINTS, SchedulePreview
from studio.plots.style import make_plot


@pytest.fixture
def preview(qtbot) -> SchedulePreview:
    widget = SchedulePreview()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("spec", ["step_decay", {"type": "cosine", "config": {"t_max": 20, "eta_min": 0.001}},
                                  {"type": "one_cycle", "config": {"total_steps": 40}}])
def test_preview_draws_schedule_values(preview: SchedulePreview, spec) -> None:
    preview.set_schedule(spec, 0.1, 40)
    schedule = SCHEDULES.create(spec)
    t, lr = preview.data()
    np.testing.assert_array_equal(t, np.arange(40))
    np.testing.assert_array_equal(lr, schedule.values(40, 0.1))
    assert preview.stack.currentWidget() is preview.plot and preview.error is None
    unit = "Epoch" if schedule.interval == "epoch" else "Step"
    assert preview.plot.getPlotItem().getAxis("bottom").labelText == unit


def test_invalid_spec_shows_the_engine_message_instead_of_the_plot(preview: SchedulePreview) -> None:
    bad = {"type": "cosine", "config": {"t_max": -3}}
    with pytest.raises(ConfigError) as error:
        SCHEDULES.create(bad)
    preview.set_schedule(bad, 0.1, 30)
    assert preview.stack.currentWidget() is preview.message
    assert preview.message.isVisible() and preview.message.text() == str(error.value)
    preview.set_schedule("no_such_schedule", 0.1, 30)
    assert "known schedules" in preview.message.text()
    preview.set_schedule("exponential", 0.1, 30)  # a valid spec brings the plot back
    assert preview.stack.currentWidget() is preview.plot and preview.error is None


def test_long_previews_sample_lr_at(preview: SchedulePreview) -> None:
    n = 3 * MAX_POINTS
    preview.set_schedule({"type": "step_decay", "config": {"step_size": 1000, "interval": "step"}}, 0.5, n)
    t, lr = preview.data()
    assert len(t) <= MAX_POINTS and t[0] == 0 and t[-1] == n - 1
    schedule = SCHEDULES.create({"type": "step_decay", "config": {"step_size": 1000}})
    np.testing.assert_array_equal(lr, [schedule.lr_at(int(k), 0.5) for k in t])


@pytest.fixture
def plot(qtbot):
    widget = make_plot("demo")
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.plot(np.arange(10), np.arange(10) ** 2)
    widget.show()
    return widget


def test_export_writes_png_and_svg_through_a_temp_file(plot, tmp_path, monkeypatch) -> None:
    renamed = []
    real_replace = __import__("os").replace

    def spy(src, dst):
        renamed.append((src, dst))
        real_replace(src, dst)

    monkeypatch.setattr("studio.plots.export.os.replace", spy)
    png = export_plot(plot, tmp_path / "loss.png", width=800)
    svg = export_plot(plot, tmp_path / "loss.svg")
    image = QImage(str(png))
    assert not image.isNull() and image.width() == 800
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and text.rstrip().endswith("</svg>")
    assert [dst for _, dst in renamed] == [png, svg]
    assert all(src != str(dst) and src.startswith(str(tmp_path)) for src, dst in renamed)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loss.png", "loss.svg"]  # no temp file left


def test_export_failure_leaves_nothing_behind(plot, tmp_path, monkeypatch) -> None:
    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("studio.plots.export.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        export_plot(plot, tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        export_plot(plot, tmp_path / "x.jpg")


def test_context_menu_actions_export(plot, tmp_path, monkeypatch) -> None:
    texts = [a.text() for a in plot.export_actions]
    assert texts == ["Export PNG…", "Export SVG…"]
    assert all(a in plot.getPlotItem().getViewBox().menu.actions() for a in plot.export_actions)
    target = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    plot.export_actions[1].trigger()
    assert (tmp_path / "chosen.svg").read_text(encoding="utf-8").startswith("<?xml")
