"""Decision-boundary and network-graph views on a trained XOR network (pytest-qt, offscreen)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from studio.views import diverging_rgba
from studio.views.decision_boundary import HEATMAP_STRENGTH, RESOLUTION, DecisionBoundaryView
from studio.views.network_graph import MAX_EDGE_WIDTH, NetworkGraphView
from tests.engine.test_insight_boundary import trained_xor

pytestmark = pytest.mark.gui


def _boundary_view(qtbot):
    model, _, x, y = trained_xor()
    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    view.set_data(x[:180], y[:180], x[180:], y[180:], feature_names=["a", "b"], classes=["0", "1"])
    view.set_model(model)
    view.refresh()
    return view, model, x


def test_heatmap_is_model_predict_on_the_grid(qtbot) -> None:
    view, model, _ = _boundary_view(qtbot)
    b = view.boundary
    assert b.outputs.shape == (RESOLUTION, RESOLUTION, 1)
    np.testing.assert_array_equal(b.outputs.reshape(-1, 1), model.predict(b.inputs))
    drawn = view.image.image  # col-major: [u, v, rgba]
    assert drawn.shape == (RESOLUTION, RESOLUTION, 4)
    predicted = model.predict(b.inputs).reshape(RESOLUTION, RESOLUTION)
    expected = diverging_rgba(predicted - 0.5, 0.5)
    expected[..., :3] = np.rint(255 - (255 - expected[..., :3].astype(np.float64)) * HEATMAP_STRENGTH)
    np.testing.assert_array_equal(drawn.transpose(1, 0, 2), expected)
    strong = np.abs(predicted - 0.5) > 0.05
    blue = drawn[..., 2].T > drawn[..., 0].T  # blue where the positive class is predicted
    assert np.array_equal(blue[strong], (predicted > 0.5)[strong])


def test_new_weights_leave_the_axes_and_the_users_zoom_alone(qtbot) -> None:
    view, model, _ = _boundary_view(qtbot)
    item, box = view.plot.getPlotItem(), view.plot.getPlotItem().getViewBox()
    b = view.boundary
    np.testing.assert_allclose(box.viewRange(), [[b.u[0], b.u[-1]], [b.v[0], b.v[-1]]])
    labels: list[str] = []
    original = item.setLabel
    item.setLabel = lambda side, text=None, **kw: (labels.append(text), original(side, text, **kw))
    box.setRange(xRange=(0.0, 0.5), yRange=(0.0, 0.5), padding=0)  # the user zooms in
    view.set_weights(model.get_weights())
    view.refresh()
    assert labels == []  # a label set again makes the axis lay out its text anew at the next paint
    np.testing.assert_allclose(box.viewRange(), [[0.0, 0.5], [0.0, 0.5]])
    view.projection.setCurrentIndex(1)  # another plane: new labels and the whole of it in view
    view.refresh()
    assert labels == ["principal component 1", "principal component 2"]
    b = view.boundary
    np.testing.assert_allclose(box.viewRange(), [[b.u[0], b.u[-1]], [b.v[0], b.v[-1]]])


def test_discretize_validation_toggle_and_highlight(qtbot) -> None:
    view, _, x = _boundary_view(qtbot)
    view.discretize.setChecked(True)
    view.refresh()
    colours = {tuple(c) for c in view.image.image.reshape(-1, 4)}
    assert len(colours) == 2  # one flat colour per predicted class
    assert len(view.val_points.data) == len(x) - 180
    view.show_validation.setChecked(False)
    view.refresh()
    assert not view.val_points.isVisible()
    view.highlight(3)
    view.refresh()
    marker = view.marker.data[0]
    assert (marker["x"], marker["y"]) == pytest.approx(tuple(x[183]))


def test_changing_weights_redraws_from_the_new_model(qtbot) -> None:
    view, model, _ = _boundary_view(qtbot)
    weights = model.get_weights()
    weights["dense_2/kernel"] = -weights["dense_2/kernel"]
    weights["dense_2/bias"] = -weights["dense_2/bias"]
    view.set_weights(weights)
    view.refresh()
    np.testing.assert_allclose(view.boundary.outputs.reshape(-1), 1 - model.predict(view.boundary.inputs)[:, 0],
                               atol=1e-6)


def _graph(qtbot):
    model, _, x, _ = trained_xor()
    view = NetworkGraphView()
    qtbot.addWidget(view)
    view.resize(700, 450)
    view.show()
    view.set_data(x)
    view.set_model(model)
    view.refresh()
    return view, model, x


def test_edge_widths_are_proportional_to_absolute_weights(qtbot) -> None:
    view, model, _ = _graph(qtbot)
    weights = model.get_weights()
    widths = view.edge_widths()
    assert len(widths) == 2 * 4 + 4 * 1
    values = np.array([abs(weights[name][index]) for name, index in widths])
    drawn = np.array(list(widths.values()))
    scale = max(np.abs(weights["dense_1/kernel"]).max(), np.abs(weights["dense_2/kernel"]).max())
    np.testing.assert_allclose(drawn, MAX_EDGE_WIDTH * values / scale, rtol=1e-6)
    assert list(np.argsort(drawn, kind="stable")) == list(np.argsort(values, kind="stable"))
    for (name, index), edge in view.edges.items():
        blue = edge.pen().color().blue() > edge.pen().color().red()
        assert blue == (weights[name][index] >= 0)


def test_hover_texts_hold_the_actual_weights(qtbot) -> None:
    view, model, _ = _graph(qtbot)
    kernel = model.get_weights()["dense_1/kernel"]
    bias = model.get_weights()["dense_1/bias"]
    text = view.nodes[(1, 0)].text
    assert text.startswith("h¹₁ = tanh(")
    for w in (*kernel[:, 0], bias[0]):
        assert f"{abs(float(w)):.2f}" in text
    assert ("−" in text) == bool((kernel[:, 0] < 0).any() or bias[0] < 0)
    node = view.nodes[(1, 0)]
    qtbot.mouseMove(view.view.viewport(), view.view.mapFromScene(node.sceneBoundingRect().center()))
    assert view.hover.text() == text and view._zoom is not None
    assert f"{float(kernel[1, 2]):.4f}" in view.edges[("dense_1/kernel", (1, 2))].text
    assert view.nodes[(2, 0)].text.startswith("ŷ₁ = sigmoid(")


def test_clicking_an_edge_while_paused_edits_the_engine_weight(qtbot) -> None:
    view, model, x = _graph(qtbot)
    model = type(model).from_config(model.get_config())  # a private copy, so the shared trained model stays intact
    model.set_weights(trained_xor()[0].get_weights())
    view.set_model(model)
    view.refresh()
    applied = []

    def apply(name: str, index: tuple[int, int], value: float) -> None:  # what the window does
        weights = model.get_weights()
        weights[name][index] = value
        model.set_weights(weights)
        applied.append((name, index, value))
        view.set_weights(model.get_weights())

    view.weight_edit_requested.connect(apply)
    edge = view.edges[("dense_2/kernel", (3, 0))]
    centre = view.view.mapFromScene(edge.line().center())
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert view.editor.isHidden()  # not paused: clicking does nothing
    view.set_editable(True)
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert view.editor.isVisible() and view.edit_value.value() == pytest.approx(edge.weight, abs=1e-4)
    before = model.predict(x[:5])
    view.edit_value.setValue(2.5)
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert applied == [("dense_2/kernel", (3, 0), 2.5)]
    assert model.get_weights()["dense_2/kernel"][3, 0] == 2.5
    assert not np.array_equal(model.predict(x[:5]), before)
    view.refresh()
    assert view.edges[("dense_2/kernel", (3, 0))].weight == 2.5
