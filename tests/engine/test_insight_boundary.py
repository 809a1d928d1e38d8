"""Decision-boundary planes and grids, and the per-neuron maps over them (engine.insight.boundary/neurons)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from engine import Trainer
from engine.data.toys import xor
from engine.errors import ConfigError
from engine.insight.boundary import decision_boundary, make_plane, plane_grid
from engine.insight.neurons import dense_groups, neuron_maps, top_units
from engine.model import Sequential


@cache
def trained_xor() -> tuple[Sequential, Trainer, np.ndarray, np.ndarray]:
    """A 2-4-1 tanh/sigmoid network trained on noisy XOR for 200 epochs (the views' tests and screenshots use it)."""
    data = xor(n_samples=240, noise=0.15, seed=3)
    model = Sequential([{"type": "dense", "config": {"units": 4, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,), seed=1)
    trainer = Trainer(model, loss="bce", optimizer={"type": "adam", "config": {"lr": 0.05}})
    trainer.fit(data.x, data.y, epochs=200, batch_size=32)
    return model, trainer, data.x, data.y


def test_median_plane_holds_other_columns_and_projects_back() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 4))
    plane = make_plane(x, (2, 0))
    lifted = plane.lift(np.array([1.5]), np.array([-2.0]))[0]
    median = np.median(x, axis=0)
    assert lifted[2] == 1.5 and lifted[0] == -2.0
    np.testing.assert_allclose(lifted[[1, 3]], median[[1, 3]])
    np.testing.assert_allclose(plane.project(x), x[:, [2, 0]])


def test_pca_plane_spans_the_two_largest_variance_directions() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 3)) * np.array([5.0, 0.1, 2.0])
    plane = make_plane(x, projection="pca")
    np.testing.assert_allclose(np.abs(plane.basis), [[1, 0, 0], [0, 0, 1]], atol=0.05)
    np.testing.assert_allclose(plane.basis @ plane.basis.T, np.eye(2), atol=1e-12)


def test_grid_covers_the_points_with_a_margin() -> None:
    x = np.array([[0.0, 10.0], [1.0, 20.0]])
    u, v, inputs = plane_grid(make_plane(x), x, resolution=5, margin=0.5)
    assert (u[0], u[-1], v[0], v[-1]) == (-0.5, 1.5, 5.0, 25.0)
    np.testing.assert_array_equal(inputs[:5, 0], u)  # row-major: the first row walks along u
    np.testing.assert_array_equal(inputs[::5, 1], v)


def test_boundary_outputs_and_classes_are_predict_on_the_grid() -> None:
    model, _, x, _ = trained_xor()
    b = decision_boundary(model, x, resolution=30)
    expected = model.predict(b.inputs)
    np.testing.assert_array_equal(b.outputs.reshape(-1, 1), expected)
    np.testing.assert_array_equal(b.classes.reshape(-1), (expected[:, 0] > 0.5).astype(int))
    assert decision_boundary(model, x, resolution=10, regression=True).classes is None


def test_boundary_refuses_bad_columns_and_projection() -> None:
    model, _, x, _ = trained_xor()
    with pytest.raises(ConfigError, match="two different indices"):
        decision_boundary(model, x, (1, 1))
    with pytest.raises(ConfigError, match="projection"):
        decision_boundary(model, x, projection="tsne")


def test_neuron_maps_are_each_units_output_over_the_grid() -> None:
    model, _, x, _ = trained_xor()
    _, _, inputs = plane_grid(make_plane(x), x, resolution=12)
    maps = neuron_maps(model, inputs, (12, 12))
    assert [name for name, _, _ in maps] == ["input", "dense_1", "dense_2"]
    hidden = np.tanh(inputs.astype(np.float32) @ model.layers[0].parameter("kernel").value
                     + model.layers[0].parameter("bias").value)
    np.testing.assert_allclose(maps[1][2].reshape(4, -1).T, hidden, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(maps[2][2].reshape(-1), model.predict(inputs)[:, 0])
    np.testing.assert_array_equal(maps[0][2][1].reshape(-1), inputs[:, 1].astype(np.float32))


def test_large_layers_keep_their_top_units_by_absolute_weight() -> None:
    kernel = np.array([[0.1, -3.0, 0.2, 1.0], [0.1, 0.5, -0.3, -1.5]])
    np.testing.assert_array_equal(top_units(kernel, 2), [1, 3])
    model = Sequential([{"type": "dense", "config": {"units": 20, "activation": "relu"}},
                        {"type": "dense", "config": {"units": 1}}], input_shape=(3,))
    maps = neuron_maps(model, np.zeros((4, 3)), (2, 2), top_k=5)
    assert len(maps[1][1]) == 5 and len(maps[2][1]) == 1


def test_activation_layers_join_the_dense_layer_before_them() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 3}}, {"type": "activation", "config": {
        "activation": "relu"}}, {"type": "dense", "config": {"units": 1}}], input_shape=(2,))
    groups = dense_groups(model)
    assert [(g.name, g.activation, len(g.layers)) for g in groups] == [("dense_1", "relu", 2), ("dense_2", "linear", 1)]
    conv = Sequential([{"type": "reshape", "config": {"target_shape": [1, 2, 2]}}], input_shape=(4,))
    with pytest.raises(ConfigError, match="dense networks"):
        dense_groups(conv)
