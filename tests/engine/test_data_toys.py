"""Generated toy datasets: shapes, labels that follow their geometric definition, seeds and the noise parameter."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data import load_dataset
from engine.errors import ConfigError
from engine.registry import DATASETS

TOYS = DATASETS.names(kind="toy2d")
CLASSIFICATION_TOYS = [k for k in TOYS if DATASETS.meta(k)["task"] != "regression"]


def test_every_toy_is_registered_with_kind_and_task():
    assert set(TOYS) == {"xor", "and", "or", "circles", "moons", "spirals", "blobs", "checkerboard",
                         "linear_regression", "sine_regression"}
    for key in TOYS:
        meta = DATASETS.describe(key)
        assert meta["help"] and meta["task"] in ("binary", "multiclass", "regression")
        assert {p["name"] for p in meta["params"]} >= {"n_samples", "seed"}


@pytest.mark.parametrize("key", TOYS)
def test_shapes_names_and_task(key):
    data = load_dataset({"type": key, "config": {"n_samples": 60}})
    assert data.x.shape[0] == data.y.shape[0] == 60 == data.n_samples
    assert data.x.ndim == 2 and data.n_features == len(data.feature_names)
    assert np.isfinite(data.x).all()
    assert data.task == DATASETS.meta(key)["task"]
    assert data.name == key and data.source == f"builtin:{key}"
    if data.task == "regression":
        assert data.y.dtype.kind == "f" and data.classes == []
    else:
        assert data.y.dtype == np.int64 and set(np.unique(data.y)) <= set(range(data.n_classes))


@pytest.mark.parametrize("key", TOYS)
def test_same_seed_same_points_other_seed_other_points(key):
    first = load_dataset({"type": key, "config": {"n_samples": 50, "seed": 3}})
    again = load_dataset({"type": key, "config": {"n_samples": 50, "seed": 3}})
    other = load_dataset({"type": key, "config": {"n_samples": 50, "seed": 4}})
    np.testing.assert_array_equal(first.x, again.x)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.x, other.x)


@pytest.mark.parametrize("key", ["circles", "moons", "spirals", "blobs"])
def test_generated_classes_are_balanced(key):
    data = load_dataset({"type": key, "config": {"n_samples": 301}})
    counts = np.array(list(data.class_counts().values()))
    assert counts.max() - counts.min() <= 1


@pytest.mark.parametrize(("key", "truth"), [
    ("xor", lambda a, b: a ^ b), ("and", lambda a, b: a & b), ("or", lambda a, b: a | b),
])
def test_gates_with_four_samples_are_their_truth_table(key, truth):
    data = load_dataset({"type": key, "config": {"n_samples": 4}})
    assert data.n_samples == 4
    bits = data.x.astype(int)
    np.testing.assert_array_equal(data.x, bits)  # exact 0/1 corners, no noise
    assert {tuple(r) for r in bits} == {(0, 0), (0, 1), (1, 0), (1, 1)}
    np.testing.assert_array_equal(data.y, truth(bits[:, 0], bits[:, 1]))


def test_xor_defaults_to_noisy_clusters_and_the_other_gates_to_the_truth_table():
    assert load_dataset("xor").n_samples == 200
    assert load_dataset("and").n_samples == load_dataset("or").n_samples == 4


def test_gate_copies_are_noisy_points_around_the_labelled_corners():
    data = load_dataset("xor(n_samples=400, noise=0.1)")
    corners = np.rint(data.x).clip(0, 1).astype(int)
    np.testing.assert_array_equal(data.y, corners[:, 0] ^ corners[:, 1])
    assert np.abs(data.x[4:] - corners[4:]).std() > 0.05
    assert list(data.class_counts().values()) == [200, 200]


def test_circles_radii_follow_the_factor_without_noise():
    data = load_dataset("circles(n_samples=100, noise=0, factor=0.3)")
    radius = np.hypot(data.x[:, 0], data.x[:, 1])
    np.testing.assert_allclose(radius[data.y == 0], 1.0)
    np.testing.assert_allclose(radius[data.y == 1], 0.3)


def test_moons_lie_on_their_half_circles_without_noise():
    data = load_dataset("moons(n_samples=100, noise=0)")
    upper, lower = data.x[data.y == 0], data.x[data.y == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert (upper[:, 1] >= 0).all()
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5).all()


def test_spiral_arms_are_half_a_turn_apart():
    turns = 1.5
    data = load_dataset({"type": "spirals", "config": {"n_samples": 200, "noise": 0.0, "turns": turns}})
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    phase = np.mod(np.arctan2(data.x[:, 1], data.x[:, 0]) - 2 * np.pi * turns * r, 2 * np.pi)
    arm = np.isclose(np.cos(phase), -1.0)  # phase π on arm 1, 0 on arm 0
    assert np.allclose(np.abs(np.cos(phase)), 1.0)
    np.testing.assert_array_equal(arm.astype(int), data.y)


def test_checkerboard_labels_are_the_tile_parity():
    data = load_dataset("checkerboard(n_samples=500, tiles=2, noise=0)")
    expected = (data.x[:, 0] > 0) ^ (data.x[:, 1] > 0)
    np.testing.assert_array_equal(data.y, expected.astype(int))


def test_blobs_centers_and_spread():
    data = load_dataset("blobs(n_samples=3000, centers=4, cluster_std=0.5)")
    assert data.task == "multiclass" and data.n_classes == 4
    for k in range(4):
        spread = data.x[data.y == k].std(axis=0)
        np.testing.assert_allclose(spread, 0.5, rtol=0.15)
    assert load_dataset("blobs(centers=2)").task == "binary"


def test_regressions_are_exact_without_noise():
    lin = load_dataset("linear_regression(n_samples=50, n_features=3, noise=0)")
    design = np.column_stack([lin.x, np.ones(50)])
    residual = lin.y - design @ np.linalg.lstsq(design, lin.y, rcond=None)[0]
    assert np.abs(residual).max() < 1e-10
    sine = load_dataset("sine_regression(n_samples=50, noise=0, periods=2)")
    np.testing.assert_allclose(sine.y, np.sin(sine.x[:, 0]))
    assert np.abs(sine.x).max() <= 2 * np.pi


@pytest.mark.parametrize("key", ["moons", "circles", "sine_regression", "linear_regression", "checkerboard"])
def test_more_noise_moves_points_further(key):
    clean = load_dataset({"type": key, "config": {"n_samples": 400, "noise": 0.0}})
    noisy = load_dataset({"type": key, "config": {"n_samples": 400, "noise": 0.3}})
    moved = (noisy.y - clean.y) if clean.task == "regression" else (noisy.x - clean.x)
    assert 0.2 < np.std(moved) < 0.4


def test_invalid_parameters_name_the_parameter():
    with pytest.raises(ConfigError, match="noise") as info:
        load_dataset("moons(noise=-1)")
    assert info.value.param == "noise"
    with pytest.raises(ConfigError, match="known parameters"):
        load_dataset("moons(depth=3)")
    with pytest.raises(ConfigError, match="n_samples"):
        load_dataset("xor(n_samples=3)")
