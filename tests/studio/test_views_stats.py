"""Histogram, gradient-flow and activation-explorer views (pytest-qt, offscreen)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import Trainer
from engine.callbacks.base import Callback
from engine.insight.stats import layer_health, mean_abs_by_layer
from engine.model import Sequential
from engine.registry import ACTIVATIONS
from studio.views.activation_explorer import ActivationExplorerView
from studio.views.gradient_flow import GradientFlowView
from studio.views.histograms import HistogramsView
from tests.engine.test_insight_boundary import trained_xor

pytestmark = pytest.mark.gui


class _Capture(Callback):
    """Asks the trainer for activations and gradients once per epoch and keeps the last ones (as the window does)."""

    def __init__(self) -> None:
        super().__init__()
        self.logs: list[dict] = []

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.trainer.request_capture(activations=True, gradients=True)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if logs and "gradients" in logs:
            self.logs.append({"activations": logs["activations"], "gradients": logs["gradients"]})


def _run(epochs: int = 6) -> tuple[Sequential, list[dict], list[dict]]:
    model, _, x, y = trained_xor()
    copy = Sequential.from_config(model.get_config())
    trainer = Trainer(copy, loss="bce", optimizer={"type": "sgd", "config": {"lr": 0.5}})
    capture = _Capture()
    weights = []
    for _ in range(epochs):
        trainer.fit(x, y, epochs=1, batch_size=64, callbacks=[capture])
        weights.append(copy.get_weights())
    return copy, weights, capture.logs


def test_histogram_counts_equal_numpy_on_the_engines_weights(qtbot) -> None:
    model, weights, logs = _run()
    view = HistogramsView()
    qtbot.addWidget(view)
    view.show()
    for epoch, (w, log) in enumerate(zip(weights, logs, strict=True), start=1):
        view.add_epoch(epoch, w, activations=log["activations"], gradients=log["gradients"],
                       health=layer_health(model, trained_xor()[2]))
    edges, counts = view.latest("weights")
    for layer in ("dense_1", "dense_2"):
        np.testing.assert_array_equal(counts[layer], np.histogram(model.get_weights()[f"{layer}/kernel"],
                                                                  bins=edges)[0])
    edges, counts = view.latest("gradients")
    np.testing.assert_array_equal(counts["dense_1/bias"], np.histogram(logs[-1]["gradients"]["dense_1/bias"],
                                                                       bins=edges)[0])
    for kind in ("weights", "biases", "activations", "gradients"):
        view.set_kind(kind)
        view.refresh()
        assert len(view._plots) == (4 if kind == "gradients" else 2)
    share = layer_health(model, trained_xor()[2])["dense_2"]["saturated"]
    assert view.title("dense_2") == f"dense_2 — {share:.0%} saturated"


def test_dead_units_are_flagged_in_the_title(qtbot) -> None:
    view = HistogramsView()
    qtbot.addWidget(view)
    view.add_epoch(1, {"dense_1/kernel": np.ones((2, 4))}, health={"dense_1": {"dead": 0.25}})
    assert view.title("dense_1") == "dense_1 — 25% dead"
    assert view.title("dense_9") == "dense_9"


def test_gradient_flow_is_mean_absolute_gradient_per_layer(qtbot) -> None:
    _, _, logs = _run(4)
    view = GradientFlowView()
    qtbot.addWidget(view)
    view.show()
    for epoch, log in enumerate(logs, start=1):
        view.add_epoch(epoch, log["gradients"])
    view.refresh()
    grads = logs[-1]["gradients"]
    expected = np.concatenate([np.abs(grads["dense_1/kernel"]).ravel(), np.abs(grads["dense_1/bias"])]).mean()
    assert view.values["dense_1"][-1] == pytest.approx(expected, rel=1e-6)
    assert mean_abs_by_layer({"a/kernel": np.array([1.0, -3.0]), "a/bias": np.array([-2.0])}) == {"a": 2.0}
    x, _ = view._curves["dense_2"].getData()
    assert list(x) == [1, 2, 3, 4] and view.plot.getPlotItem().ctrl.logYCheck.isChecked()


def test_gradient_flow_takes_many_epochs_at_once_as_one_by_one(qtbot) -> None:
    rows = [(1, {"d1": 0.5, "d2": 0.25}), (2, {"d1": 0.4}), (3, {"d1": 0.3, "d2": 0.2, "d3": 0.1}),
            (4, {"d3": 0.05, "d1": 0.2, "d2": 0.1})]
    single, many = GradientFlowView(), GradientFlowView()
    for view in (single, many):
        qtbot.addWidget(view)
    for epoch, means in rows:
        single.add_means(epoch, means)
    many.add_many_means(rows)
    nan = float("nan")
    expected = {"d1": [0.5, 0.4, 0.3, 0.2], "d2": [0.25, nan, 0.2, 0.1], "d3": [nan, nan, 0.1, 0.05]}
    for view in (single, many):
        assert view.epochs == [1, 2, 3, 4] and list(view.values) == ["d1", "d2", "d3"]
        for layer, values in expected.items():
            np.testing.assert_array_equal(view.values[layer], values)


@pytest.mark.parametrize("key, config", [("tanh", {}), ("sigmoid", {}), ("relu", {}), ("leaky_relu", {"alpha": 0.3}),
                                         ("elu", {"alpha": 0.5}), ("gelu", {}), ("softmax", {})])
def test_explorer_derivative_equals_the_engines(qtbot, key, config) -> None:
    view = ActivationExplorerView()
    qtbot.addWidget(view)
    view.set_activation(key, config)
    assert view.current() == (key, {**view.form.values(), **config})
    x, f, df = view.curve_data()
    fn = ACTIVATIONS.create({"type": key, "config": config})
    if fn.elementwise:
        np.testing.assert_array_equal(f, fn.forward(x))
        np.testing.assert_array_equal(df, fn.derivative(x, fn.forward(x)))
        np.testing.assert_allclose(df, fn.derivative(x), rtol=1e-12, atol=1e-15)
    else:  # softmax of [x, 0]: its first component is σ(x), whose derivative is σ(x)(1 − σ(x))
        np.testing.assert_allclose(df, f * (1 - f), atol=1e-12)
    drawn = [item for item in view._items if hasattr(item, "getData")]
    np.testing.assert_array_equal(drawn[-1].getData()[1], df)


def test_explorer_alpha_edit_pinning_and_saturation_shading(qtbot) -> None:
    view = ActivationExplorerView()
    qtbot.addWidget(view)
    view.set_activation("leaky_relu")
    view.form.field("alpha").setValue(0.2)
    assert view.current()[1]["alpha"] == pytest.approx(0.2)
    x, _, df = view.curve_data()
    np.testing.assert_array_equal(df, ACTIVATIONS.create({"type": "leaky_relu", "config": {"alpha": 0.2}})
                                  .derivative(x))
    view.pin()
    view.set_activation("tanh")
    regions = [item for item in view._items if type(item).__name__ == "LinearRegionItem"]
    assert sorted(r.getRegion() for r in regions) == [(-6.0, -3.0), (3.0, 6.0)]
    assert len([item for item in view._items if hasattr(item, "getData")]) == 4  # pinned + current, f and f′
    view.clear_overlays()
    assert view.overlays == []
