"""Hardest samples (engine.insight.hardest): misclassified first, then by loss or confidence."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.insight.hardest import LossProbe, hardest_samples
from engine.model import Sequential


def _model() -> Sequential:
    """One sigmoid unit p = σ(x): rows with x > 0 are predicted class 1."""
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(1,),
                       dtype="float64")
    model.set_weights({"dense_1/kernel": np.ones((1, 1)), "dense_1/bias": np.zeros(1)})
    return model


def test_order_by_loss_puts_misclassified_rows_first() -> None:
    x = np.array([[3.0], [-0.2], [1.0], [-4.0], [0.5], [-2.0]])
    y = np.array([1, 1, 0, 0, 1, 1])  # wrong: rows 1, 2, 5
    rows = hardest_samples(_model(), "bce", x, y)
    p = 1 / (1 + np.exp(-x[:, 0]))
    expected_loss = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    np.testing.assert_allclose(rows.loss, expected_loss, rtol=1e-7)
    wrong = [1, 2, 5]
    right = [0, 3, 4]
    by_loss = sorted(wrong, key=lambda i: -expected_loss[i]) + sorted(right, key=lambda i: -expected_loss[i])
    assert list(rows.order) == by_loss
    np.testing.assert_array_equal(rows.correct, [True, False, False, True, True, False])
    np.testing.assert_allclose(rows.confidence, np.where(x[:, 0] > 0, p, 1 - p))


def test_order_by_confidence_sure_mistakes_then_unsure_answers() -> None:
    x = np.array([[3.0], [-0.2], [1.0], [-4.0], [0.5], [-2.0]])
    y = np.array([1, 1, 0, 0, 1, 1])
    rows = hardest_samples(_model(), "bce", x, y, by="confidence")
    assert list(rows.order) == [5, 2, 1, 4, 0, 3]


def test_per_sample_losses_average_to_the_evaluated_loss() -> None:
    x = np.random.default_rng(0).normal(size=(20, 1))
    y = (np.random.default_rng(1).random(20) > 0.5).astype(int)
    probe = LossProbe(_model(), "bce", x, y)
    assert probe.per_sample(probe.outputs()).mean() == pytest.approx(probe.total(), rel=1e-12)


def test_regression_orders_by_loss_without_classes() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 1}}], input_shape=(1,), dtype="float64")
    model.set_weights({"dense_1/kernel": np.ones((1, 1)), "dense_1/bias": np.zeros(1)})
    rows = hardest_samples(model, "mse", np.array([[0.0], [1.0], [2.0]]), np.array([0.5, 3.0, 2.0]))
    assert list(rows.order) == [1, 0, 2] and rows.predicted is None
    with pytest.raises(ConfigError, match="by expected"):
        hardest_samples(model, "mse", np.zeros((1, 1)), np.zeros(1), by="size")
