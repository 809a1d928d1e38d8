"""Trainer: logs and history, continuation, fusion, targets, validation, callbacks, capture and input checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.callbacks.base import Callback
from engine.errors import ConfigError, DataError, ShapeError
from engine.model import Sequential
from engine.registry import ACTIVATIONS, LOSSES, OPTIMIZERS
from engine.trainer import Trainer
from engine.training.dense_stack import DenseStack

RNG = np.random.default_rng(0)
X3 = RNG.standard_normal((60, 4)).astype(np.float32)
Y3 = (X3[:, 0] > 0).astype(int) + (X3[:, 1] > 0.5).astype(int)  # three classes
XB = RNG.standard_normal((40, 2))
YB = (XB[:, 0] + XB[:, 1] > 0).astype(int)


def classifier(classes: int = 3, out: str = "softmax", dtype: str = "float32", seed: int = 0) -> Sequential:
    return Sequential([{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
                       {"type": "dense", "config": {"units": classes, "activation": out}}], input_shape=(4,),
                      dtype=dtype, seed=seed)


def binary_model(**kwargs) -> Sequential:
    return Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,),
                      **kwargs)


class Recorder(Callback):
    """Records every hook call."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple] = []

    def on_train_begin(self, logs=None):
        self.events.append(("train_begin",))

    def on_epoch_begin(self, epoch, logs=None):
        self.events.append(("epoch_begin", epoch))

    def on_train_batch_end(self, batch, logs=None):
        self.events.append(("batch_end", batch, dict(logs)))

    def on_epoch_end(self, epoch, logs=None):
        self.events.append(("epoch_end", epoch, dict(logs)))

    def on_train_end(self, logs=None):
        self.events.append(("train_end",))


def test_history_holds_losses_default_metrics_validation_twins_and_lr():
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy")
    history = trainer.fit(X3, Y3, epochs=3, batch_size=16, validation_split=0.25)
    keys = {"loss", "data_loss", "penalty", "accuracy", "f1", "roc_auc", "lr"}
    assert keys | {f"val_{k}" for k in keys - {"lr"}} == set(history.history)
    assert history is trainer.history and history.epoch == [0, 1, 2]
    assert all(len(values) == 3 for values in history.history.values())
    assert all(0.0 <= v <= 1.0 for v in history.history["val_accuracy"])
    assert history.history["loss"] == history.history["data_loss"]  # no regularizer: no penalty
    assert (trainer.epoch, trainer.global_step) == (3, 3 * 3)  # 45 training rows in batches of 16


def test_regression_losses_default_to_regression_metrics():
    model = Sequential([{"type": "dense", "config": {"units": 1}}], input_shape=(2,))
    trainer = Trainer(model, loss="mse", optimizer={"type": "sgd", "config": {"lr": 0.1}})
    logs = trainer.fit(XB, XB @ [1.0, -2.0] + 0.5, epochs=30, batch_size=8).history
    assert {"mae", "rmse", "r2"} <= set(logs)
    assert logs["r2"][-1] > 0.99 and logs["loss"][-1] < logs["loss"][0]
    assert set(trainer.evaluate(XB, XB @ [1.0, -2.0] + 0.5)) == {"loss", "data_loss", "penalty", "mae", "rmse", "r2"}


def test_fit_in_steps_equals_one_fit():
    one = Trainer(classifier(), loss="sparse_categorical_crossentropy", seed=3)
    one.fit(X3, Y3, epochs=3, batch_size=7)
    steps = Trainer(classifier(), loss="sparse_categorical_crossentropy", seed=3)
    for _ in range(3):
        steps.fit(X3, Y3, epochs=1, batch_size=7)
    assert steps.epoch == 3 and steps.history.epoch == [0, 1, 2]
    for name, value in one.model.get_weights().items():
        np.testing.assert_array_equal(steps.model.get_weights()[name], value)
    assert steps.history.history["loss"] == one.history.history["loss"]


@pytest.mark.parametrize("folded", [False, True], ids=["layer by layer", "biases folded"])
def test_training_matches_a_hand_written_loop(folded, monkeypatch):
    """The flat parameter buffer and the loop do exactly what forward/loss/backward/step do by hand: bit for bit
    layer by layer; to rounding when the dense stack folds each bias into its matrix product (the bias then joins
    the product's sum, so the last bits differ)."""
    if not folded:
        monkeypatch.setattr(DenseStack, "plan", classmethod(lambda cls, *args: None))
    x = XB.astype(np.float32)
    y = (XB @ [0.5, 1.5]).reshape(-1, 1).astype(np.float32)
    trained = Sequential([{"type": "dense", "config": {"units": 4, "activation": "tanh"}},
                          {"type": "dense", "config": {"units": 1}}], input_shape=(2,), seed=1)
    by_hand = Sequential.from_config(trained.get_config())
    Trainer(trained, loss="mse", optimizer="adam").fit(x, y, epochs=5, batch_size=None)
    loss, optimizer = LOSSES.create("mse"), OPTIMIZERS.create("adam")
    for _ in range(5):
        loss.forward(by_hand.forward(x, training=True), y)
        by_hand.backward(loss.backward())
        optimizer.step(by_hand.trainable_parameters())
    for name, value in by_hand.get_weights().items():
        if folded:
            np.testing.assert_allclose(trained.get_weights()[name], value, rtol=1e-5, atol=1e-7)
        else:
            np.testing.assert_array_equal(trained.get_weights()[name], value)


def test_fused_softmax_cross_entropy_takes_the_same_step_as_the_plain_maths():
    x, y = X3.astype(np.float64), Y3
    fused = classifier(dtype="float64", seed=2)
    plain = Sequential.from_config(fused.get_config())
    Trainer(fused, loss="categorical_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.5}}, metrics=[]
            ).fit(x, y, epochs=1, batch_size=None)
    onehot = np.eye(3)[y]
    loss = LOSSES.create("categorical_crossentropy")  # on probabilities, not fused
    loss.forward(plain.forward(x, training=True), onehot)
    plain.backward(loss.backward())
    for p in plain.trainable_parameters():
        p.value -= 0.5 * p.grad
    for name, value in plain.get_weights().items():
        np.testing.assert_allclose(fused.get_weights()[name], value, rtol=1e-10, atol=1e-12)
    assert not fused.layers[-1].emit_logits
    np.testing.assert_allclose(fused.predict(x).sum(axis=1), 1.0)


def test_evaluate_reports_the_loss_of_the_activated_outputs():
    trainer = Trainer(classifier(dtype="float64"), loss="sparse_categorical_crossentropy")
    trainer.fit(X3, Y3, epochs=2, batch_size=8)
    expected = LOSSES.create("sparse_categorical_crossentropy").forward(trainer.predict(X3), Y3)
    assert trainer.evaluate(X3, Y3)["loss"] == pytest.approx(expected, rel=1e-9)
    assert trainer.predict_classes(X3).shape == (60,)
    np.testing.assert_array_equal(trainer.predict_classes(X3), trainer.predict(X3).argmax(axis=1))


def test_targets_are_encoded_for_the_loss():
    onehot_trainer = Trainer(classifier(), loss="categorical_crossentropy")
    from_indices = onehot_trainer.fit(X3, Y3.astype(float), epochs=1).history["accuracy"]
    assert 0.0 <= from_indices[0] <= 1.0
    Trainer(classifier(), loss="categorical_crossentropy").fit(X3, np.eye(3)[Y3], epochs=1)
    binary = Trainer(binary_model(), loss="binary_crossentropy")
    binary.fit(XB, YB, epochs=1)  # (N,) targets for one output unit
    binary.fit(XB, YB.reshape(-1, 1), epochs=1)
    assert binary.predict_classes(XB).shape == (40,)
    with pytest.raises(DataError, match=r"0 … 2.*received 3\.0 in row 1") as info:
        Trainer(classifier(), loss="sparse_categorical_crossentropy").fit(X3, np.r_[3.0, Y3[1:]], epochs=1)
    assert info.value.row == 1


def test_bad_inputs_raise_errors_that_say_where():
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy")
    x = X3.copy()
    x[4, 2] = np.nan
    with pytest.raises(DataError, match="row 5, column 3") as info:
        trainer.fit(x, Y3)
    assert (info.value.row, info.value.column) == (5, 3)
    y = Y3.astype(float)
    y[7] = np.inf
    with pytest.raises(DataError, match="row 8"):
        trainer.fit(X3, y)
    with pytest.raises(ShapeError, match="x has 60, y has 59"):
        trainer.fit(X3, Y3[:-1])
    with pytest.raises(ConfigError, match="batch_size"):
        trainer.fit(X3, Y3, batch_size=0)
    with pytest.raises(ConfigError, match="epochs"):
        trainer.fit(X3, Y3, epochs=-1)
    with pytest.raises(ShapeError, match=r"\(batch, 4\)"):
        trainer.fit(X3[:, :3], Y3)
    with pytest.raises(ConfigError, match="method"):
        Trainer(classifier(), loss="mse", method="genetic")
    assert trainer.global_step == 0


def test_a_metric_that_cannot_be_computed_gives_nan():
    trainer = Trainer(binary_model(), loss="binary_crossentropy")
    ones = np.ones(10, dtype=int)
    logs = trainer.fit(XB, YB, epochs=1, validation_data=(XB[:10], ones)).history
    assert math.isnan(logs["val_roc_auc"][0])  # one class only in the validation targets
    assert not math.isnan(logs["val_accuracy"][0])


def test_callbacks_receive_keras_hooks_in_order():
    recorder = Recorder()
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    trainer.fit(X3, Y3, epochs=2, batch_size=25, callbacks=[recorder])
    names = [event[0] for event in recorder.events]
    assert names == ["train_begin", "epoch_begin", "batch_end", "batch_end", "batch_end", "epoch_end",
                     "epoch_begin", "batch_end", "batch_end", "batch_end", "epoch_end", "train_end"]
    batch_logs = recorder.events[2][2]
    assert set(batch_logs) == {"loss", "size"} and batch_logs["size"] == 25
    assert [e[2]["size"] for e in recorder.events if e[0] == "batch_end"][:3] == [25, 25, 10]
    assert set(recorder.events[5][2]) == {"loss", "data_loss", "penalty", "accuracy", "lr"}


def test_stop_training_ends_the_run_after_the_current_batch():
    class StopAtSecondBatch(Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                self.trainer.stop_training = True
                self.trainer.stop_reason = "Stopped by the user."

    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy")
    trainer.fit(X3, Y3, epochs=5, batch_size=10, callbacks=[StopAtSecondBatch()])
    assert (trainer.global_step, trainer.epoch, trainer.stop_reason) == (2, 1, "Stopped by the user.")
    assert not trainer.diverged
    trainer.fit(X3, Y3, epochs=1, batch_size=60)  # a new fit starts afresh
    assert (trainer.stop_training, trainer.stop_reason, trainer.epoch) == (False, None, 2)


def test_capture_puts_one_batch_of_activations_and_gradients_in_the_logs():
    recorder = Recorder()
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy", metrics=[])
    trainer.request_capture(activations=True, gradients=True)
    trainer.fit(X3, Y3, epochs=1, batch_size=20, callbacks=[recorder])
    logs = [event[2] for event in recorder.events if event[0] == "batch_end"]
    assert set(logs[0]["activations"]) == {"dense_1", "dense_2"}
    assert logs[0]["activations"]["dense_1"].shape == (20, 8)
    np.testing.assert_allclose(logs[0]["activations"]["dense_2"].sum(axis=1), 1.0, rtol=1e-5)  # probabilities
    assert {name: g.shape for name, g in logs[0]["gradients"].items()} == {
        "dense_1/kernel": (4, 8), "dense_1/bias": (8,), "dense_2/kernel": (8, 3), "dense_2/bias": (3,)}
    assert all("activations" not in log and "gradients" not in log for log in logs[1:])
    assert all(not layer.capture for layer in trainer.model.layers)


def test_class_weight_is_the_same_as_the_equivalent_sample_weight():
    weights = {0: 0.5, 1: 2.0}
    a = Trainer(binary_model(), loss="binary_crossentropy", class_weight=weights)
    a.fit(XB, YB, epochs=3, batch_size=8)
    b = Trainer(binary_model(), loss="binary_crossentropy")
    b.fit(XB, YB, epochs=3, batch_size=8, sample_weight=np.where(YB == 1, 2.0, 0.5))
    for name, value in a.model.get_weights().items():
        np.testing.assert_array_equal(b.model.get_weights()[name], value)
    with pytest.raises(ConfigError, match="classification"):
        Trainer(binary_model(), loss="mse", class_weight=weights).fit(XB, YB)


def test_validation_split_is_stratified_and_checked():
    class Sizes(Callback):
        def on_train_batch_end(self, batch, logs=None):
            self.size = logs["size"]

    sizes = Sizes()
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    trainer.fit(X3, Y3, epochs=1, batch_size=None, validation_split=0.2, callbacks=[sizes])
    expected_val = sum(round(count * 0.2) for count in np.bincount(Y3))
    assert sizes.size == 60 - expected_val
    with pytest.raises(ConfigError, match="validation_split"):
        trainer.fit(X3, Y3, validation_split=1.5)


def test_a_schedule_drives_the_learning_rate():
    trainer = Trainer(binary_model(), loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.1}},
                      schedule={"type": "step_decay", "config": {"step_size": 1, "gamma": 0.5}})
    lrs = trainer.fit(XB, YB, epochs=3).history["lr"]
    np.testing.assert_allclose(lrs, [0.1, 0.05, 0.025])


def test_the_perceptron_rule_needs_one_dense_step_layer():
    with pytest.raises(ConfigError, match="exactly one dense layer with the 'step' activation"):
        Trainer(classifier(), loss="binary_crossentropy", method="perceptron").fit(X3, np.ones(60))


def test_float64_inputs_are_cast_once_to_the_model_dtype():
    trainer = Trainer(binary_model(), loss="binary_crossentropy")
    trainer.fit(XB.astype(np.float64), YB, epochs=1)
    assert all(p.value.dtype == np.float32 for p in trainer.model.parameters())
    assert trainer.predict(XB).dtype == np.float32
    assert ACTIVATIONS.canonical("sigmoid") == trainer.model.output_activation()


def test_hinge_loss_takes_minus_one_and_one_targets_and_thresholds_scores_at_zero():
    model = Sequential([{"type": "dense", "config": {"units": 1}}], input_shape=(2,))
    trainer = Trainer(model, loss="hinge", optimizer={"type": "sgd", "config": {"lr": 0.1}}, metrics=["accuracy"])
    history = trainer.fit(XB, 2 * YB - 1, epochs=20, batch_size=8).history
    assert history["accuracy"][-1] >= 0.9
    np.testing.assert_array_equal(trainer.predict_classes(XB), (trainer.predict(XB)[:, 0] > 0).astype(int))


def test_metrics_are_checked_when_the_trainer_is_made():
    with pytest.raises(ConfigError, match="regression loss"):
        Trainer(binary_model(), loss="mse", metrics=["accuracy"])
    with pytest.raises(ConfigError, match="matrix"):
        Trainer(binary_model(), loss="binary_crossentropy", metrics=["confusion_matrix"])
    with pytest.raises(ConfigError, match="unknown metric"):
        Trainer(binary_model(), loss="binary_crossentropy", metrics=["accuracy_of_doom"])
    trainer = Trainer(classifier(), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy", {"type": "precision", "config": {"average": "micro"}}])
    assert trainer.metric_names == ["accuracy", "precision"]
    logs = trainer.fit(X3, Y3, epochs=1).history
    assert logs["precision"][0] == pytest.approx(logs["accuracy"][0])  # micro precision = accuracy


def test_a_two_class_softmax_gets_a_roc_auc_from_the_positive_column():
    trainer = Trainer(classifier(classes=2), loss="sparse_categorical_crossentropy")
    logs = trainer.fit(X3, (Y3 > 0).astype(int), epochs=2).history
    assert 0.0 <= logs["roc_auc"][-1] <= 1.0
