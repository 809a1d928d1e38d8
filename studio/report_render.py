"""The report as HTML (self-contained, plots as base64 PNG) and as an A4 PDF written by Qt's own PDF writer.

Both come from one HTML text: the HTML file embeds each plot as a ``data:`` URL, the PDF registers the same images
as QTextDocument resources and prints the document to a QPdfWriter. The HTML uses only what QTextDocument lays out
well (tables, headings, paragraphs, images, ``page-break-before``), so the PDF keeps the HTML's content and order.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from studio.report_plots import FONT_FAMILIES, Series, confusion_image, line_chart, png_bytes, scatter_chart
from studio.report_text import fmt, labels, metric_names, part_names, spec_text

__all__ = ["plot_images", "render_html", "render_pdf"]

_CSS = """
body { font-family: 'DejaVu Sans', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 18pt; color: #1a3d6d; margin-bottom: 2px; }
h2 { font-size: 13pt; color: #1a3d6d; margin-top: 16px; margin-bottom: 4px; }
h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 3px; }
table { border-collapse: collapse; margin-bottom: 6px; }
th { background-color: #e8eef6; text-align: left; padding: 2px 6px; }
td { padding: 2px 6px; }
td.num { text-align: right; }
p.meta { color: #555; font-size: 9pt; }
p.note { color: #8a5a00; }
"""
_TABLE = '<table border="1" cellspacing="0" cellpadding="3" style="border-color: #b8c4d4;">'
_PLOT_WIDTH = 520


def _e(text: Any) -> str:
    return html.escape(str(text))


def _table(head: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    out = [_TABLE, "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        cells = [f'<td class="num" align="right">{_e(c)}</td>' if j in numeric else f"<td>{_e(c)}</td>"
                 for j, c in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _informative(key: str, history: Mapping[str, list[float | None]]) -> bool:
    """False for a curve that says nothing: all zero (no penalty), or the same as the loss (data_loss)."""
    values = history[key]
    if all(v in (None, 0.0) for v in values):
        return False
    return key == "loss" or values != history.get("loss")


def plot_images(data: Mapping[str, Any]) -> dict[str, QImage]:
    """Every plot of the report by name: loss and metric curves, ROC, PR, confusion matrix or residuals."""
    text, names = labels(), metric_names()
    images: dict[str, QImage] = {}
    history = data.get("history") or {}
    epochs = history.get("epoch") or list(range(1, 1 + max((len(v) for v in history.values()), default=0)))
    keys = [k for k in history if k != "epoch" and not k.startswith("val_") and k != "lr" and _informative(k, history)]
    for key in keys:
        series = [Series(part_names()["train"], epochs, history[key])]
        if f"val_{key}" in history:
            series.append(Series(part_names()["val"], epochs, history[f"val_{key}"], dashed=True))
        title = text["loss_curve"] if key == "loss" else text["metric_curve"].format(metric=names.get(key, key))
        images[f"curve_{key}"] = line_chart(series, title, text["epoch"], names.get(key, key))
    if data.get("roc"):
        series = [Series(f"{c['class']} (AUC {fmt(c['auc'], 3)})", c["fpr"], c["tpr"]) for c in data["roc"]]
        images["roc"] = line_chart(series, text["roc"], text["fpr"], text["tpr"], x_range=(0, 1), y_range=(0, 1.02),
                                   diagonal=True, legend="bottom right")
    if data.get("pr"):
        series = [Series(f"{c['class']} (AP {fmt(c['ap'], 3)})", c["recall"], c["precision"]) for c in data["pr"]]
        images["pr"] = line_chart(series, text["pr"], names["recall"], names["precision"], x_range=(0, 1),
                                  y_range=(0, 1.02), legend="bottom left")
    if data.get("confusion_matrix"):
        cm = data["confusion_matrix"]
        images["confusion"] = confusion_image(cm["labels"], cm["matrix"], text["confusion"], text["predicted_class"],
                                              text["true_class"])
    if data.get("residuals"):
        res = data["residuals"]
        images["residuals"] = scatter_chart(res["true"], res["predicted"], text["residuals"], text["true_value"],
                                            text["predicted_value"])
    return images


def _img(name: str, images: Mapping[str, QImage], src: Callable[[str], str]) -> str:
    image = images[name]
    width = min(_PLOT_WIDTH, round(image.width() / image.devicePixelRatio()))
    return f'<p><img src="{src(name)}" width="{width}" alt="{_e(name)}"></p>'


def render_html(data: Mapping[str, Any], images: Mapping[str, QImage], src: Callable[[str], str],
                *, language: str = "en") -> str:
    """The report as one HTML text; ``src(name)`` gives each plot's image address."""
    t, names, parts = labels(), metric_names(), part_names()
    out = [f'<!DOCTYPE html>\n<html lang="{_e(language.replace("_", "-"))}"><head><meta charset="utf-8">',
           f"<title>{_e(t['title'])} \u2013 {_e(data.get('title', ''))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_e(t['title'])} \u2013 {_e(data.get('title', ''))}</h1>",
           f'<p class="meta">{_e(t["source"])}: {_e(data.get("source", ""))}<br>{_e(t["created"])}: '
           f'{_e(data.get("created", ""))}</p>']
    for note in data.get("notes") or []:
        out.append(f'<p class="note">{_e(note)}</p>')
    out += _dataset_section(data, t, parts)
    out += _model_section(data, t)
    out.append(f"<h2>{_e(t['curves'])}</h2>")
    curves = [name for name in images if name.startswith("curve_")]
    out += [_img(name, images, src) for name in curves] or [f"<p>{_e(t['no_history'])}</p>"]
    out += _metrics_section(data, t, names, parts, images, src)
    env = data.get("environment") or {}
    out.append(f"<h2>{_e(t['environment'])}</h2>")
    out.append(_table([t["setting"], t["value"]], [[k, v] for k, v in env.items()]))
    out.append("</body></html>")
    return "\n".join(out)


def _dataset_section(data: Mapping[str, Any], t: dict[str, str], parts: dict[str, str]) -> list[str]:
    dataset = data.get("dataset") or {}
    samples = ", ".join(f"{parts[k]} {v}" for k, v in (dataset.get("samples") or {}).items())
    rows = [[t["source"], dataset.get("source", "")], [t["task"], t.get(dataset.get("task", ""), dataset.get("task"))],
            [t["target"], dataset.get("target", "")], [t["samples"], samples]]
    if dataset.get("classes"):
        rows.insert(3, [t["classes"], ", ".join(dataset["classes"])])
    if dataset.get("rows") is not None:
        rows.append([t["rows"], fmt(dataset["rows"])])
    out = [f"<h2>{_e(t['dataset'])}</h2>", _table([t["setting"], t["value"]], rows)]
    if dataset.get("class_counts"):
        head = [t["class"], *[parts[p] for p in dataset["class_counts"]]]
        body = [[c, *[dataset["class_counts"][p][i] for p in dataset["class_counts"]]]
                for i, c in enumerate(dataset["classes"])]
        out += [f"<h3>{_e(t['class_counts'])}</h3>", _table(head, body, set(range(1, len(head))))]
    columns = dataset.get("columns") or []
    if columns:
        out.append(f"<h3>{_e(t['schema'])}</h3>")
        out.append(_table([t["column"], t["type"], t["role"], t["missing"], t["unique"]],
                          [[c["name"], c["type"], c["role"], fmt(c["missing"]), fmt(c["unique"])] for c in columns],
                          {3, 4}))
    steps = data.get("preprocessing") or []
    if steps:
        out.append(f"<h2>{_e(t['preprocessing'])}</h2>")
        out.append(_table([t["step"], t["columns"], t["detail"]],
                          [[t.get(f"step_{s['step']}", s["step"]), ", ".join(s["columns"]), s["detail"]]
                           for s in steps]))
    return out


def _model_section(data: Mapping[str, Any], t: dict[str, str]) -> list[str]:
    model = data.get("model") or {}
    rows = []
    for layer in model.get("layers", []):
        shape = "?" if layer["output_shape"] is None else str((None, *layer["output_shape"])).replace(",)", ")")
        rows.append([f"{layer['name']} ({layer['class']})", shape, layer.get("activation") or "\u2013",
                     fmt(layer["params"])])
    out = [f'<h2 style="page-break-before: always;">{_e(t["model"])}</h2>',
           f"<p>{_e(t['input_shape'])}: {_e(tuple(model.get('input_shape', [])))} &nbsp; {_e(t['dtype'])}: "
           f"{_e(model.get('dtype', ''))}</p>",
           _table([t["layer"], t["output_shape"], t["activation"], t["params"]], rows, {3}),
           f"<p>{_e(t['total_params'])}: {fmt(model.get('total_params', 0))} &nbsp; {_e(t['trainable_params'])}: "
           f"{fmt(model.get('trainable_params', 0))}</p>"]
    training = data.get("training") or {}
    keys = ("loss", "optimizer", "schedule", "epochs", "batch_size", "seed", "val_split", "test_split")
    settings = [[t[k], spec_text(training[k]) if k in ("loss", "optimizer", "schedule") else str(training[k])]
                for k in keys if k in training]
    if settings:
        out += [f"<h2>{_e(t['hyperparameters'])}</h2>", _table([t["setting"], t["value"]], settings)]
    return out


def _metrics_section(data: Mapping[str, Any], t: dict[str, str], names: dict[str, str], parts: dict[str, str],
                     images: Mapping[str, QImage], src: Callable[[str], str]) -> list[str]:
    metrics = data.get("metrics") or {}
    present = [p for p in ("train", "val", "test") if metrics.get(p)]
    out = [f"<h2>{_e(t['final_metrics'])}</h2>"]
    if present:
        keys = list(dict.fromkeys(k for p in present for k in metrics[p]))
        rows = [[names.get(k, k), *[fmt(metrics[p].get(k)) for p in present]] for k in keys]
        out.append(_table([t["metric"], *[parts[p] for p in present]], rows, set(range(1, len(present) + 1))))
    else:
        out.append(f"<p>{_e(t['not_available'])}</p>")
    part = data.get("evaluation_part")
    if part is None:
        return out
    threshold = data.get("threshold")
    if threshold is not None:
        out.append(f"<h3>{_e(t['threshold'])}</h3>")
        if threshold.get("threshold") is None:
            out.append(f"<p>{_e(t['threshold_argmax'])}</p>")
        else:
            out.append(f"<p>{_e(t['threshold_value'].format(positive=threshold['positive'], value=fmt(threshold['threshold'], 2)))}</p>")  # noqa: E501
            keys = ("precision", "recall", "f1", "specificity", "accuracy")
            out.append(_table([names[k] for k in keys], [[fmt(threshold[k]) for k in keys]], set(range(len(keys)))))
    table = (data.get("per_class") or {}).get(part)
    if table:
        out.append(f"<h3>{_e(t['per_class'].format(part=parts[part]))}</h3>")
        out.append(_table([t["class"], names["precision"], names["recall"], names["f1"], t["support"]],
                          [[r["class"], fmt(r["precision"]), fmt(r["recall"]), fmt(r["f1"]), fmt(r["support"])]
                           for r in table], {1, 2, 3, 4}))
    plots = [name for name in ("roc", "pr", "confusion", "residuals") if name in images]
    if plots:
        out.append(f'<h2 style="page-break-before: always;">{_e(t["evaluation"].format(part=parts[part]))}</h2>')
        out += [_img(name, images, src) for name in plots]
    return out


def data_url(image: QImage) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode("ascii")


def render_pdf(data: Mapping[str, Any], images: Mapping[str, QImage], *, language: str = "en") -> bytes:
    """The report as A4 PDF bytes (QTextDocument printed to QPdfWriter, 15 mm margins, page numbers)."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"{name}.png"), image)
    document.setHtml(render_html(data, images, lambda name: f"{name}.png", language=language))
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    writer.setTitle(f"{labels()['title']} \u2013 {data.get('title', '')}")
    writer.setCreator("NN Training Studio")
    document.print_(writer)
    buffer.close()
    return bytes(data_bytes.data())
