"""ROC and PR views, the confusion matrix and the threshold panel agree with engine.metrics on the same data."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import DataError
from engine.metrics import (
    average_precision_score,
    confusion_matrix,
    mean_average_precision,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
    threshold_metrics,
)
from studio.plots.confusion import ConfusionView
from studio.plots.pr import PrView
from studio.plots.roc import RocView
from studio.plots.threshold import SHOWN, ThresholdPanel

CLASSES = ["cat", "dog"]


@pytest.fixture
def binary() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 300)
    score = 1 / (1 + np.exp(-(1.2 * (2 * y - 1) + 1.5 * rng.standard_normal(300))))
    return y, score


@pytest.fixture
def multiclass() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(6)
    y = rng.integers(0, 3, 300)
    logits = 1.5 * np.eye(3)[y] + rng.standard_normal((300, 3))
    proba = np.exp(logits)
    return y, proba / proba.sum(axis=1, keepdims=True)


def shown(qtbot, view):
    qtbot.addWidget(view)
    view.show()
    return view


def test_roc_title_holds_the_engine_auc(qtbot, binary) -> None:
    y, score = binary
    view = shown(qtbot, RocView())
    view.set_scores(y, score, CLASSES)
    qtbot.waitUntil(lambda: view.area is not None)
    auc = roc_auc_score(y, score)
    assert view.area == auc
    assert view.plot.getPlotItem().titleLabel.text == f"ROC — AUC = {auc:.3f}"
    fpr, tpr, _ = roc_curve(y, score)
    x, y_curve = view._items[0].getData()
    np.testing.assert_array_equal(x, fpr)
    np.testing.assert_array_equal(y_curve, tpr)
    assert view.guide.getData()[0].tolist() == [0.0, 1.0]  # the chance diagonal


def test_operating_point_sits_where_threshold_metrics_says(qtbot, binary) -> None:
    y, score = binary
    roc, pr = shown(qtbot, RocView()), shown(qtbot, PrView())
    for view in (roc, pr):
        view.set_scores(y, np.column_stack([1 - score, score]), CLASSES)  # two columns: the second is positive
        view.set_operating_point(0.3)
        view.refresh()
    expected = threshold_metrics(y, score, 0.3)
    assert roc.point.getData()[0][0] == pytest.approx(1 - expected["specificity"])
    assert roc.point.getData()[1][0] == pytest.approx(expected["recall"])
    assert pr.point.getData()[0][0] == pytest.approx(expected["recall"])
    assert pr.point.getData()[1][0] == pytest.approx(expected["precision"])
    roc.set_operating_point(None)
    roc.refresh()
    assert len(roc.point.getData()[0]) == 0


def test_multiclass_roc_is_one_vs_rest_with_macro_auc(qtbot, multiclass) -> None:
    y, proba = multiclass
    view = shown(qtbot, RocView())
    view.set_scores(y, proba, ["a", "b", "c"])
    view.refresh()
    assert len(view.curves) == 3
    assert view.area == pytest.approx(roc_auc_score(y, proba, multi_class="ovr"), abs=1e-12)
    assert view.plot.getPlotItem().titleLabel.text.endswith(f"macro AUC = {view.area:.3f}")
    for c, (_, _, area, name) in enumerate(view.curves):
        assert area == roc_auc_score((y == c).astype(int), proba[:, c]) and name == "abc"[c]
    assert len(view._items) == 4  # three classes and the macro average


def test_pr_title_holds_the_engine_average_precision(qtbot, binary, multiclass) -> None:
    y, score = binary
    view = shown(qtbot, PrView())
    view.set_scores(y, score, CLASSES)
    view.refresh()
    ap = average_precision_score(y, score)
    assert view.area == ap
    assert view.plot.getPlotItem().titleLabel.text == f"Precision-recall — AP = {ap:.3f}"
    precision, recall, _ = precision_recall_curve(y, score)
    np.testing.assert_array_equal(view._items[0].getData()[0], recall)
    np.testing.assert_array_equal(view._items[0].getData()[1], precision)
    assert view.guide.getData()[1].tolist() == [y.mean(), y.mean()]  # chance: the share of positives
    y3, proba = multiclass
    view.set_scores(y3, proba, ["a", "b", "c"])
    view.refresh()
    assert view.area == pytest.approx(mean_average_precision(y3, proba), abs=1e-12)


def test_refused_scores_show_the_engine_message(qtbot) -> None:
    view = shown(qtbot, RocView())
    view.set_scores(np.zeros(5, dtype=int), np.linspace(0, 1, 5), CLASSES)
    view.refresh()
    with pytest.raises(DataError) as error:
        roc_curve(np.zeros(5, dtype=int), np.linspace(0, 1, 5))
    assert view.message.isVisible() and view.message.text() == str(error.value)
    assert view.area is None and view.plot.getPlotItem().titleLabel.text == "ROC curve"
    view.clear()
    view.refresh()
    assert not view.message.isVisible()


def test_confusion_cells_equal_engine_counts_and_row_percentages(qtbot, multiclass) -> None:
    y, proba = multiclass
    predicted = proba.argmax(axis=1)
    view = shown(qtbot, ConfusionView())
    view.set_predictions(y, predicted, ["a", "b", "c"])
    view.refresh()
    counts = confusion_matrix(y, predicted)
    assert view.cell_texts() == [[str(int(v)) for v in row] for row in counts]
    view.set_mode("row")
    view.refresh()
    rows = confusion_matrix(y, predicted, normalize="true")
    assert view.cell_texts() == [[f"{100 * v:.1f}%" for v in row] for row in rows]
    view.set_mode("column")
    view.refresh()
    columns = confusion_matrix(y, predicted, normalize="pred")
    assert view.cell_texts() == [[f"{100 * v:.1f}%" for v in row] for row in columns]
    ticks = view.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [name for _, name in ticks] == ["a", "b", "c"]


def test_confusion_text_is_white_on_dark_cells(qtbot) -> None:
    view = shown(qtbot, ConfusionView())
    view.set_matrix([[90, 10], [0, 50]], CLASSES)
    view.refresh()
    colours = [label.color.name() for label in view._texts]
    assert colours[0] == "#ffffff" and colours[1] != "#ffffff" and colours[2] != "#ffffff"
    with pytest.raises(ValueError, match="2×2"):
        view.set_matrix(np.ones((3, 3)), CLASSES)


def test_threshold_panel_shows_threshold_metrics(qtbot, binary) -> None:
    y, score = binary
    panel = ThresholdPanel()
    qtbot.addWidget(panel)
    panel.set_scores(y, score)
    with qtbot.waitSignal(panel.threshold_changed) as signal:
        panel.slider.setValue(300)
    assert signal.args == [0.3]
    assert panel.spin.value() == pytest.approx(0.3)
    expected = threshold_metrics(y, score, 0.3)
    for key in SHOWN:
        assert panel.values[key].text() == f"{expected[key]:.3f}"
    with qtbot.waitSignal(panel.threshold_changed) as signal:
        panel.spin.setValue(0.75)
    assert signal.args == [0.75] and panel.slider.value() == 750
    assert panel.metrics == threshold_metrics(y, score, 0.75)
    with qtbot.assertNotEmitted(panel.threshold_changed):
        panel.set_threshold(0.75)


def test_threshold_panel_shows_refusals(qtbot) -> None:
    panel = ThresholdPanel()
    qtbot.addWidget(panel)
    assert panel.values["f1"].text() == "–"
    panel.set_scores([0, 1, 2], [0.1, 0.5, 0.9])
    with pytest.raises(DataError) as error:
        threshold_metrics([0, 1, 2], [0.1, 0.5, 0.9], 0.5)
    assert panel.metrics is None and panel.counts.text() == str(error.value)
    assert panel.values["precision"].text() == "–"


def test_new_scores_reuse_the_curves_and_update_the_legend(qtbot, multiclass, binary) -> None:
    y, proba = multiclass
    view = shown(qtbot, RocView())
    view.set_scores(y, proba, ["a", "b", "c"])
    view.refresh()
    items = list(view._items)
    sharper = proba ** 3 / (proba ** 3).sum(axis=1, keepdims=True)  # a later epoch: other curves, same classes
    view.set_scores(y, sharper, ["a", "b", "c"])
    view.refresh()
    assert view._items == items  # the same plot items, new data
    x, _ = items[0].getData()
    np.testing.assert_array_equal(x, view.curves[0][0])
    texts = [label.text for _, label in view.legend.items]
    assert texts[0] == f"a ({view.curves[0][2]:.3f})" and texts[3].endswith(f"({view.area:.3f})")
    yb, score = binary
    view.set_scores(yb, score, CLASSES)  # other classes: the curves are made again
    view.refresh()
    assert len(view._items) == 1 and view._items[0] not in items
    assert [label.text for _, label in view.legend.items] == ["dog", "chance"]
