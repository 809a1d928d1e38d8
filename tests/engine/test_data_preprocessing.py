"""Scalers: fitted on training data only, JSON-safe configs with their state, no division by zero."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.data.preprocessing import MinMaxScaler, StandardScaler
from engine.errors import ConfigError, DataError, ShapeError
from engine.registry import PREPROCESSORS

RNG = np.random.default_rng(0)
TRAIN = RNG.normal([5.0, -2.0, 100.0], [2.0, 0.5, 30.0], size=(200, 3))
TEST = RNG.normal([5.0, -2.0, 100.0], [2.0, 0.5, 30.0], size=(50, 3))


def test_registry_entries():
    assert PREPROCESSORS.names() == ["standard", "minmax"]
    assert PREPROCESSORS.get("zscore") is StandardScaler
    for key in PREPROCESSORS.names():
        assert PREPROCESSORS.describe(key)["help"]


def test_standard_scaler_uses_training_statistics_only():
    scaler = StandardScaler().fit(TRAIN)
    out = scaler.transform(TRAIN)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), 1.0)
    np.testing.assert_allclose(scaler.transform(TEST), (TEST - TRAIN.mean(axis=0)) / TRAIN.std(axis=0))


def test_standard_scaler_options():
    only_std = StandardScaler(with_mean=False).fit(TRAIN)
    np.testing.assert_allclose(only_std.transform(TRAIN), TRAIN / TRAIN.std(axis=0))
    only_mean = StandardScaler(with_std=False).fit(TRAIN)
    np.testing.assert_allclose(only_mean.transform(TRAIN), TRAIN - TRAIN.mean(axis=0))


@pytest.mark.parametrize("low_high", [(0.0, 1.0), (-1.0, 1.0)])
def test_minmax_maps_the_training_range(low_high):
    scaler = MinMaxScaler(feature_range=list(low_high)).fit(TRAIN)
    out = scaler.transform(TRAIN)
    np.testing.assert_allclose(out.min(axis=0), low_high[0], atol=1e-12)
    np.testing.assert_allclose(out.max(axis=0), low_high[1])
    lo, hi = TRAIN.min(axis=0), TRAIN.max(axis=0)
    expected = low_high[0] + (TEST - lo) / (hi - lo) * (low_high[1] - low_high[0])
    np.testing.assert_allclose(scaler.transform(TEST), expected)


@pytest.mark.parametrize("key", ["standard", "minmax"])
def test_constant_features_are_not_divided_by_zero(key):
    x = np.column_stack([np.full(10, 3.0), np.arange(10.0)])
    out = PREPROCESSORS.create(key).fit_transform(x)
    assert np.isfinite(out).all()
    assert np.ptp(out[:, 0]) == 0.0
    unseen = PREPROCESSORS.create(key).fit(x).transform(np.array([[4.0, 0.0]]))
    assert np.isfinite(unseen).all() and unseen[0, 0] > out[0, 0]


@pytest.mark.parametrize("spec", ["standard", {"type": "minmax", "config": {"feature_range": [-1, 1]}}])
def test_config_round_trip_through_json_restores_the_fitted_scaler(spec):
    scaler = PREPROCESSORS.create(spec).fit(TRAIN)
    stored = json.loads(json.dumps(PREPROCESSORS.to_spec(scaler)))
    restored = PREPROCESSORS.create(stored)
    assert restored.fitted and restored.get_config() == scaler.get_config()
    np.testing.assert_array_equal(restored.transform(TEST), scaler.transform(TEST))


@pytest.mark.parametrize("key", ["standard", "minmax"])
def test_inverse_transform_and_dtype(key):
    scaler = PREPROCESSORS.create(key).fit(TRAIN)
    x32 = TEST.astype(np.float32)
    out = scaler.transform(x32)
    assert out.dtype == np.float32
    np.testing.assert_allclose(scaler.inverse_transform(out), x32, rtol=1e-5)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(TEST)), TEST)


def test_images_are_scaled_per_pixel():
    images = RNG.normal(size=(20, 1, 4, 4))
    scaler = StandardScaler().fit(images)
    assert np.asarray(scaler.get_config()["state"]["mean"]).shape == (1, 4, 4)
    np.testing.assert_allclose(scaler.transform(images).mean(axis=0), 0.0, atol=1e-12)


def test_errors():
    with pytest.raises(ConfigError, match="fitted before"):
        StandardScaler().transform(TRAIN)
    with pytest.raises(ShapeError, match=r"fitted on samples of shape \(3,\)"):
        StandardScaler().fit(TRAIN).transform(TRAIN[:, :2])
    with pytest.raises(DataError, match="NaN"):
        StandardScaler().fit(np.array([[1.0], [np.nan]]))
    with pytest.raises(ShapeError, match="array of samples"):
        StandardScaler().fit(np.ones(5))
    with pytest.raises(ConfigError, match="low < high"):
        MinMaxScaler(feature_range=[1, 0])
    with pytest.raises(ConfigError, match="state lacks std"):
        StandardScaler.from_config({"state": {"mean": [0.0]}})
    assert "state" not in StandardScaler().get_config()
