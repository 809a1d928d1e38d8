"""A callback may ask for some batch ends only; the trainer then calls it on those and may skip the others' loss."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine import Sequential, Trainer
from engine.callbacks.base import Callback


class Every(Callback):
    """Records (global batch number, batch logs); wants every ``k``-th global batch end only (``k`` None: all)."""

    def __init__(self, k: int | None, order: list[str] | None = None) -> None:
        super().__init__()
        self.k = k
        self.logs: list[tuple[int, dict[str, Any]]] = []
        self.asked = 0
        self.order = order

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self.logs.append((self.asked - 1 if self.k is not None else len(self.logs), dict(logs or {})))
        if self.order is not None:
            self.order.append("every" if self.k is None else f"every {self.k}")

    def wants_batch_end(self, batch: int) -> bool:
        self.asked += 1
        return self.k is None or (self.asked - 1) % self.k == 0


class Always(Every):
    """The same without overriding ``wants_batch_end``: called after every batch."""

    def __init__(self, order: list[str] | None = None) -> None:
        super().__init__(None, order)

    wants_batch_end = Callback.wants_batch_end


def _fit(callbacks: list[Callback], loss: str = "binary_crossentropy") -> tuple[Trainer, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((96, 5)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.float32).reshape(-1, 1)
    out = {"units": 1, "activation": "sigmoid"}
    if loss == "mse":
        out = {"units": 1, "activation": "linear"}
    model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                        {"type": "dense", "config": out}], input_shape=(5,), seed=3)
    trainer = Trainer(model, loss=loss, optimizer="adam", seed=3)
    trainer.fit(x, y, epochs=3, batch_size=16, callbacks=callbacks)
    return trainer, model.get_weights()


@pytest.mark.parametrize("loss", ["binary_crossentropy", "mse"])  # deferred loss on logits, and computed always
def test_a_callback_is_called_only_after_the_batches_it_wants_and_training_is_unchanged(loss: str) -> None:
    sampled, always = Every(4), Always()
    trainer_s, weights_s = _fit([sampled], loss)
    trainer_a, weights_a = _fit([always], loss)
    _, weights_none = _fit([], loss)
    assert sampled.asked == 18  # asked before each of the 3 x 6 batch ends
    assert [i for i, _ in sampled.logs] == [0, 4, 8, 12, 16]
    assert len(always.logs) == 18
    for i, logs in sampled.logs:  # the wanted batches carry the same loss as when every batch is read
        assert logs["size"] == 16
        assert logs["loss"] == pytest.approx(always.logs[i][1]["loss"], rel=1e-6)
    assert all("loss" in logs and logs["size"] == 16 for _, logs in always.logs)
    for name, value in weights_none.items():  # asking now and then trains exactly as nobody asking
        np.testing.assert_array_equal(weights_s[name], value)
        np.testing.assert_allclose(weights_a[name], value, rtol=1e-5, atol=1e-7)
    assert trainer_s.history.history["loss"] == pytest.approx(trainer_a.history.history["loss"], rel=1e-6)


def test_gated_and_ungated_callbacks_together_keep_their_order() -> None:
    order: list[str] = []
    first, second, third = Every(3, order), Always(order), Every(2, order)
    _fit([first, second, third])
    assert len(second.logs) == 18
    assert [i for i, _ in first.logs] == list(range(0, 18, 3))
    assert [i for i, _ in third.logs] == list(range(0, 18, 2))
    assert order[:3] == ["every 3", "every", "every 2"]  # batch 0: all three, in the order given
    assert order.count("every") == 18 and order.count("every 3") == 6 and order.count("every 2") == 9


def test_a_diverging_batch_reaches_every_callback_even_one_that_did_not_ask() -> None:
    never = Every(10**9)  # wants only its first batch end
    rng = np.random.default_rng(1)
    x = rng.standard_normal((32, 2)) * 1e3
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "linear"}}], input_shape=(2,), seed=0)
    trainer = Trainer(model, loss="mse", optimizer={"type": "sgd", "lr": 1e6}, seed=0)
    trainer.fit(x, x[:, :1] * 1e3, epochs=20, batch_size=8, callbacks=[never])
    assert trainer.diverged
    last = never.logs[-1][1]
    assert not np.isfinite(last["loss"])  # the NaN/inf loss is handed to it although it asked for batch 0 only
