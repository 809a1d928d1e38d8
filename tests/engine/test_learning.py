"""End-to-end learning: XOR, the perceptron on logic gates, iris, divergence, reproducibility, float64, early stop."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import numpy as np
import pytest

from engine.callbacks.base import Callback
from engine.model import Sequential
from engine.trainer import Trainer

IRIS = Path("/work/shared/datasets/iris.csv")
GATES = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
TRUTH = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "xor": [0, 1, 1, 0]}


def load_iris() -> tuple[np.ndarray, np.ndarray]:
    with IRIS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = sorted({row["species"] for row in rows})
    x = np.array([[float(v) for k, v in row.items() if k != "species"] for row in rows])
    y = np.array([names.index(row["species"]) for row in rows])
    return x, y


def stratified_split(y: np.ndarray, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    val = np.concatenate([rng.permutation(np.flatnonzero(y == c))[: round(fraction * np.sum(y == c))]
                          for c in np.unique(y)])
    train = np.setdiff1d(np.arange(y.shape[0]), val)
    return train, val


def iris_model(dtype: str = "float32", seed: int = 0) -> Sequential:
    return Sequential([{"type": "dense", "config": {"units": 16, "activation": "tanh"}},
                       {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(4,),
                      dtype=dtype, seed=seed)


def xor_model(dtype: str = "float32") -> Sequential:
    return Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                       {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,),
                      dtype=dtype, seed=0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_xor_is_learned_by_a_small_tanh_network(dtype):
    trainer = Trainer(xor_model(dtype), loss="binary_crossentropy", optimizer={"type": "adam", "config": {"lr": 0.05}},
                      seed=0)
    history = trainer.fit(GATES, TRUTH["xor"], epochs=500, batch_size=None).history
    assert max(history["accuracy"]) >= 0.99
    np.testing.assert_array_equal(trainer.predict_classes(GATES), TRUTH["xor"])
    assert all(p.value.dtype == np.dtype(dtype) for p in trainer.model.parameters())
    assert history["loss"][-1] < 0.05 < history["loss"][0]


def perceptron_accuracy(gate: str) -> float:
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "step"}}], input_shape=(2,), seed=0)
    trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.1}},
                      method="perceptron", metrics=["accuracy"])
    trainer.fit(GATES, TRUTH[gate], epochs=50, batch_size=1)
    return float(np.mean(trainer.predict_classes(GATES) == TRUTH[gate]))


@pytest.mark.parametrize("gate", ["and", "or"])
def test_the_perceptron_rule_learns_linearly_separable_gates(gate):
    assert perceptron_accuracy(gate) == 1.0


def test_the_perceptron_rule_cannot_learn_xor():
    assert perceptron_accuracy("xor") <= 0.75


def test_the_perceptron_update_is_rosenblatts_rule():
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "step",
                                                     "kernel_initializer": "zeros"}}], input_shape=(2,))
    trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.5}},
                      method="perceptron", metrics=[])
    trainer.fit(np.array([[1.0, 2.0]]), [0], epochs=1)  # step(0) = 1 ≠ 0: w += 0.5·(0 − 1)·x, b += 0.5·(0 − 1)
    weights = model.get_weights()
    np.testing.assert_array_equal(weights["dense_1/kernel"].ravel(), [-0.5, -1.0])
    np.testing.assert_array_equal(weights["dense_1/bias"], [-0.5])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_iris_reaches_95_percent_validation_accuracy(dtype):
    """Mean over three stratified 80/20 splits: one split of 30 flowers moves by 3.3 % per flower."""
    x, y = load_iris()
    scores = []
    for split in range(3):
        train, val = stratified_split(y, 0.2, seed=split)
        mean, std = x[train].mean(axis=0), x[train].std(axis=0)
        xs = (x - mean) / std
        trainer = Trainer(iris_model(dtype), loss="sparse_categorical_crossentropy",
                          optimizer={"type": "adam", "config": {"lr": 0.01}}, metrics=["accuracy"])
        history = trainer.fit(xs[train], y[train], epochs=60, batch_size=8,
                              validation_data=(xs[val], y[val])).history
        assert trainer.evaluate(xs[val], y[val])["accuracy"] == history["val_accuracy"][-1]
        scores.append(history["val_accuracy"][-1])
    assert np.mean(scores) >= 0.95, scores


def test_a_huge_learning_rate_ends_the_run_with_a_sentence_and_finite_weights():
    x, y = load_iris()
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    model = Sequential([{"type": "dense", "config": {"units": 16, "activation": "relu"}},
                        {"type": "dense", "config": {"units": 1}}], input_shape=(4,))
    trainer = Trainer(model, loss="mse", optimizer={"type": "sgd", "config": {"lr": 100.0}})
    history = trainer.fit(x, y.astype(float), epochs=50, batch_size=16).history
    assert trainer.diverged and trainer.stop_training
    assert re.fullmatch(r"The loss became (NaN|infinite) at epoch \d+, step \d+ — try a lower learning rate\.",
                        trainer.stop_reason)
    assert trainer.epoch < 50 and math.isnan(history["loss"][-1])
    assert all(np.isfinite(p.value).all() for p in model.parameters())


def test_the_same_seed_gives_bit_identical_training_and_another_seed_does_not():
    x, y = load_iris()

    def train(seed: int) -> dict[str, np.ndarray]:
        model = Sequential([{"type": "dense", "config": {"units": 8, "activation": "relu"}},
                            {"type": "dropout", "config": {"rate": 0.3}},
                            {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(4,),
                           seed=seed)
        Trainer(model, loss="sparse_categorical_crossentropy", seed=seed).fit(x, y, epochs=3, batch_size=16,
                                                                              validation_split=0.2)
        return model.get_weights()

    a, b, c = train(1), train(1), train(2)
    assert all(np.array_equal(a[name], b[name]) for name in a)
    assert not np.array_equal(a["dense_1/kernel"], c["dense_1/kernel"])


def test_early_stopping_restores_the_best_weights():
    x, y = load_iris()
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    rng = np.random.default_rng(0)
    noisy_y = rng.integers(0, 3, size=y.shape[0])  # validation targets the model cannot predict

    class Snapshots(Callback):
        def __init__(self) -> None:
            super().__init__()
            self.weights: list[dict[str, np.ndarray]] = []

        def on_epoch_end(self, epoch, logs=None):
            self.weights.append(self.trainer.model.get_weights())

    snapshots = Snapshots()
    stopper = {"type": "early_stopping", "config": {"monitor": "val_loss", "patience": 3,
                                                    "restore_best_weights": True}}
    trainer = Trainer(iris_model(), loss="sparse_categorical_crossentropy",
                      optimizer={"type": "adam", "config": {"lr": 0.05}}, metrics=[])
    history = trainer.fit(x, y, epochs=100, batch_size=16, validation_data=(x, noisy_y),
                          callbacks=[stopper, snapshots]).history
    assert trainer.epoch < 100 and not trainer.diverged
    best = int(np.argmin(history["val_loss"]))
    assert best < len(history["val_loss"]) - 1
    for name, value in trainer.model.get_weights().items():
        np.testing.assert_array_equal(value, snapshots.weights[best][name])
