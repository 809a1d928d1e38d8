"""A callback may ask for the batch loss only on some batches; the others then skip computing it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine import Sequential, Trainer
from engine.callbacks.base import Callback


class Every(Callback):
    """Records batch logs; wants the loss on every ``k``-th global batch only (``k`` None: always)."""

    def __init__(self, k: int | None) -> None:
        super().__init__()
        self.k = k
        self.logs: list[dict[str, Any]] = []
        self.asked = 0

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self.logs.append(dict(logs or {}))

    def wants_batch_loss(self, batch: int) -> bool:
        self.asked += 1
        return self.k is None or len(self.logs) % self.k == 0


def _fit(callback: Callback | None, loss: str = "binary_crossentropy") -> tuple[Trainer, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((96, 5)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.float32).reshape(-1, 1)
    out = {"units": 1, "activation": "sigmoid"}
    if loss == "mse":
        out = {"units": 1, "activation": "linear"}
    model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                        {"type": "dense", "config": out}], input_shape=(5,), seed=3)
    trainer = Trainer(model, loss=loss, optimizer="adam", seed=3)
    trainer.fit(x, y, epochs=3, batch_size=16, callbacks=[] if callback is None else [callback])
    return trainer, model.get_weights()


def test_the_loss_comes_only_on_the_batches_asked_for_and_training_is_unchanged() -> None:
    sampled, always = Every(4), Every(None)
    trainer_s, weights_s = _fit(sampled)
    trainer_a, weights_a = _fit(always)
    _, weights_none = _fit(None)
    assert sampled.asked == len(sampled.logs) == 18  # asked before each of the 3 x 6 batch ends
    with_loss = [i for i, logs in enumerate(sampled.logs) if "loss" in logs]
    assert with_loss == [i for i in range(18) if i % 4 == 0]
    for i in with_loss:
        assert sampled.logs[i]["loss"] == pytest.approx(always.logs[i]["loss"], rel=1e-6)
    assert all("loss" in logs and logs["size"] == 16 for logs in always.logs)
    for name, value in weights_none.items():  # asking now and then trains exactly as nobody asking
        np.testing.assert_array_equal(weights_s[name], value)
        np.testing.assert_allclose(weights_a[name], value, rtol=1e-5, atol=1e-7)
    assert trainer_s.history.history["loss"] == pytest.approx(trainer_a.history.history["loss"], rel=1e-6)


def test_a_loss_that_is_not_deferred_is_computed_and_handed_out_every_batch() -> None:
    sampled = Every(4)
    _fit(sampled, loss="mse")  # mse can overflow for finite outputs: every step computes its value
    assert all("loss" in logs for logs in sampled.logs)
