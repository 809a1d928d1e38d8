"""The plain-NumPy yardstick of the MLP benchmark is a real training step: its loss falls on a learnable task."""

from __future__ import annotations

import numpy as np
import pytest

from bench.plain_mlp import plain_epoch_runner


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("sizes", [(4, 8, 1), (4, 8, 6, 3)], ids=["sigmoid + BCE", "softmax + CE"])
def test_the_plain_step_learns(sizes, activation):
    rng = np.random.default_rng(4)
    x = rng.standard_normal((120, 4)).astype(np.float32)
    score = x[:, 0] - x[:, 1]
    y = (score > 0).astype(int) if sizes[-1] == 1 else np.digitize(score, [-0.7, 0.7])
    epoch, losses = plain_epoch_runner(sizes, activation, 16, x, y)
    assert epoch() == 8  # 120 rows in batches of 16
    for _ in range(39):
        epoch()
    chance = np.log(2.0 if sizes[-1] == 1 else 3.0)  # the loss of a network that knows nothing
    assert losses[0] == pytest.approx(chance, rel=0.5)
    assert losses[-1] < 0.9 * losses[0] and np.all(np.isfinite(losses))
