"""Metric reports of a training run or a project: HTML, PDF, JSON and CSV files (``build_report``).

The numbers are collected Qt-free (:mod:`studio.report_data`); HTML and PDF draw the plots offscreen and lay the
text out with Qt (:mod:`studio.report_render`). Every file is rendered in memory first and then written atomically,
so a failure (a read-only folder, a full disk) leaves no half-written file and says so in one sentence. The window
calls :func:`build_report` from a worker (``studio.export_tasks``); ``nn-train report`` calls it directly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from engine.errors import ConfigError, DataError
from engine.io.atomic import atomic_write
from studio.report_data import PARTS, collect_path

__all__ = ["REPORT_FORMATS", "build_report", "ensure_app", "history_csv", "per_class_csv",
           "render_files"]

REPORT_FORMATS = ("html", "pdf", "json", "csv")
Progress = Callable[[int, str], None]

_app: Any = None


def ensure_app() -> None:
    """A QGuiApplication for fonts and images: the running one, or an offscreen one created once for the CLI."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform in ("win32",
                                                                                                     "darwin")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([sys.argv[0] if sys.argv else "nn-train"])


def history_csv(data: Mapping[str, Any]) -> str | None:
    """One row per epoch: ``epoch`` then every logged value (None when there is no history)."""
    history = data.get("history") or {}
    if not history:
        return None
    keys = [k for k in history if k != "epoch"]
    n = max(len(v) for v in history.values())
    epochs = history.get("epoch") or list(range(1, n + 1))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["epoch", *keys])
    for i in range(n):
        writer.writerow([int(epochs[i]), *("" if history[k][i] is None else repr(history[k][i]) for k in keys)])
    return out.getvalue()


def per_class_csv(data: Mapping[str, Any]) -> str | None:
    """One row per part and class: precision, recall, F1 and support (None for regression)."""
    tables = data.get("per_class") or {}
    if not tables:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["part", "class", "precision", "recall", "f1", "support"])
    for part in PARTS:
        for row in tables.get(part, []):
            writer.writerow([part, row["class"], repr(row["precision"]), repr(row["recall"]), repr(row["f1"]),
                             row["support"]])
    return out.getvalue()


def render_files(data: Mapping[str, Any], formats: Sequence[str], *, language: str = "en",
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> dict[str, bytes]:
    """File name → contents for every requested format (nothing is written)."""
    unknown = [f for f in formats if f not in REPORT_FORMATS]
    if unknown:
        raise ConfigError(f"report formats are {', '.join(REPORT_FORMATS)}; received {unknown[0]!r}.",
                          param="format")
    files: dict[str, bytes] = {}

    def step(percent: int, what: str) -> None:
        if cancelled is not None and cancelled():
            raise InterruptedError("the report was cancelled")
        if progress is not None:
            progress(percent, what)

    if "json" in formats:
        step(20, "report.json")
        files["report.json"] = (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode()
    if "csv" in formats:
        step(25, "history.csv")
        for name, text in (("history.csv", history_csv(data)), ("per_class.csv", per_class_csv(data))):
            if text is not None:
                files[name] = text.encode("utf-8")
    if "html" in formats or "pdf" in formats:
        ensure_app()
        from studio.report_render import data_url, plot_images, render_html, render_pdf

        step(30, "plots")
        images = plot_images(data)
        if "html" in formats:
            step(55, "report.html")
            files["report.html"] = render_html(data, images, lambda name: data_url(images[name]),
                                               language=language).encode("utf-8")
        if "pdf" in formats:
            step(70, "report.pdf")
            files["report.pdf"] = render_pdf(data, images, language=language)
    return files


def _write_all(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"The report folder {folder} could not be created: {error.strerror or error}.",
                        file=str(folder)) from error
    written: list[Path] = []
    for name, content in files.items():
        path = folder / name
        try:
            with atomic_write(path, "wb") as handle:
                handle.write(content)
        except OSError as error:
            raise DataError(f"The report could not be written to {folder}: {error.strerror or error}; no partial "
                            "file was left there.", file=str(path)) from error
        written.append(path)
    return written


def build_report(source: str | os.PathLike[str] | Mapping[str, Any], out: str | os.PathLike[str],
                 formats: Sequence[str] = REPORT_FORMATS, *, language: str | None = None,
                 threshold: float | None = None, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> tuple[list[Path], dict[str, Any]]:
    """Write the report of ``source`` into the folder ``out``; returns the files written and the report data.

    ``source`` is an ``nn-train train`` output folder, a ``.nnproj`` file, or report data already collected
    (:func:`studio.report_data.collect`). ``language`` ("en" or "zh_CN") switches the application's language first
    (main thread only); None keeps the current one. ``progress(percent, what)`` is called along the way and
    ``cancelled()`` polled between steps (InterruptedError when it returns True; nothing is written then).
    """
    current = "en"
    if "html" in formats or "pdf" in formats:  # only they have text to translate (and need Qt)
        from studio import i18n

        if language is not None and language != i18n.current_language():
            ensure_app()
            i18n.set_language(language)
        current = i18n.current_language()
    if progress is not None:
        progress(0, "data")
    data = dict(source) if isinstance(source, Mapping) else collect_path(source, threshold=threshold)
    files = render_files(data, formats, language=current, progress=progress, cancelled=cancelled)
    if cancelled is not None and cancelled():
        raise InterruptedError("the report was cancelled")
    if progress is not None:
        progress(90, "writing")
    written = _write_all(Path(out), files)
    if progress is not None:
        progress(100, "")
    return written, data
