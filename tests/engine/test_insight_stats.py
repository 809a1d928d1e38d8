"""Shared-edge histograms and dead/saturated unit fractions (engine.insight.stats)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.insight.stats import dead_fraction, histograms, layer_health, parameter_arrays, saturated_fraction
from engine.model import Sequential
from engine.registry import ACTIVATIONS


def test_histograms_share_edges_and_count_like_numpy() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 5}}, {"type": "dense", "config": {"units": 2}}],
                       input_shape=(3,))
    kernels = parameter_arrays(model, "weights")
    assert sorted(kernels) == ["dense_1", "dense_2"]
    edges, counts = histograms(kernels, bins=7)
    assert edges[0] == min(k.min() for k in kernels.values()) and edges[-1] == max(k.max() for k in kernels.values())
    for name, kernel in kernels.items():
        np.testing.assert_array_equal(counts[name], np.histogram(kernel, bins=edges)[0])
    assert sorted(parameter_arrays(model, "biases")) == ["dense_1", "dense_2"]


def test_histograms_of_constant_arrays_and_non_finite_values() -> None:
    edges, counts = histograms({"a": np.zeros(4), "b": np.array([0.0, np.nan, np.inf])}, bins=3)
    assert edges[0] < 0 < edges[-1]
    assert counts["a"].sum() == 4 and counts["b"].sum() == 1


def test_dead_relu_fraction_on_a_layer_with_known_dead_units() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 4, "activation": "relu"}}], input_shape=(2,))
    kernel = np.array([[1.0, -1.0, 0.0, 2.0], [1.0, -1.0, 0.0, -2.0]], dtype=np.float32)
    bias = np.array([0.0, -0.5, -1.0, 0.0], dtype=np.float32)
    model.set_weights({"dense_1/kernel": kernel, "dense_1/bias": bias})
    x = np.random.default_rng(0).uniform(0, 1, size=(64, 2))  # positive inputs: units 1 and 2 never fire
    assert layer_health(model, x) == {"dense_1": {"dead": 0.5}}
    assert dead_fraction(np.array([[0.0, 1.0], [0.0, 0.0]])) == 0.5
    assert dead_fraction(np.zeros((2, 3, 4, 4))) == 1.0  # conv outputs: channels are the units


def test_saturated_fraction_uses_the_engines_derivative() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 3, "activation": "tanh"}}], input_shape=(1,))
    model.set_weights({"dense_1/kernel": np.array([[0.1, 50.0, 0.0]], np.float32),
                       "dense_1/bias": np.array([0.0, 0.0, 10.0], np.float32)})
    x = np.linspace(1, 2, 40)[:, None]  # unit 1: z in [50, 100]; unit 2: z = 10 — both flat; unit 0 is not
    assert layer_health(model, x)["dense_1"] == {"saturated": 2 / 3}
    tanh = ACTIVATIONS.create("tanh")
    z = np.array([[0.0, 5.0], [0.1, 6.0], [4.0, 7.0]])
    # column 0 is flat for 1 of 3 rows (< 90 %), column 1 for all rows
    assert saturated_fraction(tanh.derivative(z)) == 0.5


def test_gradient_means_are_the_mean_absolute_gradient_of_each_layers_parameters() -> None:
    from engine import Sequential, Trainer
    from engine.insight.stats import gradient_means

    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 3)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.float32).reshape(-1, 1)
    model = Sequential([{"type": "dense", "config": {"units": 4, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(3,), seed=1)
    assert set(gradient_means(model).values()) <= {0.0}  # no step yet: zero (or no) gradients
    Trainer(model, loss="binary_crossentropy", optimizer="adam", seed=1).fit(x, y, epochs=1, batch_size=8)
    means = gradient_means(model)
    assert list(means) == ["dense_1", "dense_2"]
    for layer in model.layers:
        grads = [p.grad for p in layer.trainable_parameters()]
        expected = sum(float(np.abs(g).sum()) for g in grads) / sum(g.size for g in grads)
        assert means[layer.name] == pytest.approx(expected, rel=1e-6) and expected > 0


@pytest.mark.parametrize("middle", [None, {"type": "batch_norm", "config": {}}, {"type": "dropout", "config": {}}])
def test_gradient_means_each_epoch_equal_the_layer_by_layer_means(middle: dict | None) -> None:
    from engine import Trainer
    from engine.insight.stats import GradientMeans, gradient_means

    rng = np.random.default_rng(2)
    x = rng.standard_normal((48, 3))
    y = (x[:, 0] > 0).astype(float).reshape(-1, 1)
    layers = [{"type": "dense", "config": {"units": 5, "activation": "relu"}},
              {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}]
    model = Sequential(layers[:1] + ([middle] if middle else []) + layers[1:], input_shape=(3,), seed=2)
    means = GradientMeans(model)
    trainer = Trainer(model, loss="binary_crossentropy", optimizer="adam", seed=2)
    for _ in range(3):  # the trainer's flat gradient buffer: the fast path
        trainer.fit(x, y, epochs=1, batch_size=16)
        fast, slow = means(), gradient_means(model)
        assert means._plan is not None and list(fast) == list(slow)
        assert fast == pytest.approx(slow, rel=1e-12)
    for param in model.trainable_parameters():  # gradients in arrays of their own: layer by layer
        param.grad = param.grad.copy() * 2
    assert means() == pytest.approx(gradient_means(model), rel=1e-12) and means._plan is None
