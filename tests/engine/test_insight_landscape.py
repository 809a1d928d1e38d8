"""Loss-landscape slices (engine.insight.landscape): the origin is the current loss, weights come back exactly."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.insight.landscape import filter_normalised_direction, loss_landscape
from engine.model import Sequential
from tests.engine.test_insight_boundary import trained_xor


def test_origin_is_the_current_loss_and_weights_are_restored_exactly() -> None:
    model, trainer, x, y = trained_xor()
    before = model.get_weights()
    current = trainer.evaluate(x, y)["loss"]
    result = loss_landscape(model, "bce", x, y, directions=2, steps=5, span=0.5)
    assert result.origin_loss == current
    assert result.losses.shape == (5, 5) and result.losses[2, 2] == pytest.approx(current, rel=1e-6)
    assert np.all(result.losses >= current * 0.999)  # a trained minimum along both directions
    after = model.get_weights()
    assert all(np.array_equal(before[name], after[name]) for name in before)
    assert trainer.evaluate(x, y)["loss"] == current


def test_one_direction_is_a_curve_through_the_current_loss() -> None:
    model, trainer, x, y = trained_xor()
    result = loss_landscape(model, "bce", x, y, steps=7, span=1.0, seed=4)
    assert result.betas is None and result.losses.shape == (7,)
    assert result.losses[3] == pytest.approx(trainer.evaluate(x, y)["loss"], rel=1e-6)


def test_cancelling_stops_early_and_still_restores_the_weights() -> None:
    model, _, x, y = trained_xor()
    before = model.get_weights()
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 3

    result = loss_landscape(model, "bce", x, y, directions=2, steps=4, progress=progress)
    assert result.cancelled and calls[-1] == (3, 16)
    assert np.isfinite(result.losses.reshape(-1)[:3]).all() and np.isnan(result.losses.reshape(-1)[3:]).all()
    assert all(np.array_equal(before[name], model.get_weights()[name]) for name in before)


def test_directions_are_filter_normalised_and_skip_biases() -> None:
    model = Sequential([{"type": "dense", "config": {"units": 6}}], input_shape=(4,))
    direction = filter_normalised_direction(model, np.random.default_rng(0))
    kernel = model.layers[0].parameter("kernel").value
    np.testing.assert_allclose(np.linalg.norm(direction["dense_1/kernel"], axis=0), np.linalg.norm(kernel, axis=0),
                               rtol=1e-5)
    assert not direction["dense_1/bias"].any()


def test_bad_options_are_refused() -> None:
    model, _, x, y = trained_xor()
    with pytest.raises(ConfigError, match="directions"):
        loss_landscape(model, "bce", x, y, directions=3)
    with pytest.raises(ConfigError, match="steps"):
        loss_landscape(model, "bce", x, y, steps=1)
