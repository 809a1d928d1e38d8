"""The folded dense-stack step (engine.training.dense_stack) computes what the layer-by-layer step computes.

Folding a bias into its matrix product changes only the order of a sum, so in float64 every comparison here holds
to ~1e-12: the same outputs, the same gradients in the flat buffer, the same weights after training — through
shuffling, sample weights, regularizers, batch transforms, gathered large data, a captured batch and model edits.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import Sequential, Trainer
from engine.registry import ACTIVATIONS
from engine.training import dense_stack, loop
from engine.training.dense_stack import DenseStack
from engine.training.flat import FlatParameters

RNG = np.random.default_rng(11)
X = RNG.standard_normal((37, 5))
Y_BINARY = (X[:, 0] - X[:, 2] > 0).astype(float).reshape(-1, 1)
Y_CLASS = (X[:, 1] > 0).astype(int) + (X[:, 3] > 0.5).astype(int)
RTOL = 1e-11


def _dense(units: int, activation: str, **config) -> dict:
    return {"type": "dense", "config": {"units": units, "activation": activation, **config}}


def _model(hidden: str = "tanh", out: str = "sigmoid", units: int = 1, dtype: str = "float64", **config) -> Sequential:
    layers = [_dense(6, hidden, **config), _dense(4, "sigmoid"), _dense(units, out)]
    return Sequential(layers, input_shape=(5,), seed=3, dtype=dtype)


def _layer_by_layer(monkeypatch) -> None:
    monkeypatch.setattr(DenseStack, "plan", classmethod(lambda cls, *args: None))


def _plan(model: Sequential, fused: bool = True) -> DenseStack | None:
    model.build()
    return DenseStack.plan(model, FlatParameters(model.trainable_parameters()), fused)


# -- where the plan applies ----------------------------------------------------------------------------------------
def test_a_plain_stack_of_dense_layers_gets_a_plan():
    assert isinstance(_plan(_model()), DenseStack)


@pytest.mark.parametrize("change", ["dropout", "frozen", "no bias", "hidden softmax", "too large"])
def test_anything_else_trains_layer_by_layer(change, monkeypatch):
    model = _model()
    if change == "dropout":
        model.insert(1, {"type": "dropout", "config": {"rate": 0.5}})
    elif change == "frozen":
        model.layers[1].trainable = False
    elif change == "no bias":
        model = _model(use_bias=False)
    elif change == "hidden softmax":
        model = _model(hidden="softmax")
    else:
        monkeypatch.setattr(dense_stack, "MAX_VALUES", 10)
    assert _plan(model) is None


@pytest.mark.parametrize("fused", [True, False])
def test_a_row_wise_output_activation_is_folded_fused_or_not(fused):
    assert isinstance(_plan(_model(out="softmax", units=3), fused=fused), DenseStack)


# -- one step --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rows", [8, 5])
@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu", "linear", "elu", "gelu"])
@pytest.mark.parametrize("fused", [True, False], ids=["fused output", "activated output"])
@pytest.mark.parametrize(("out", "units"), [("sigmoid", 1), ("softmax", 3)])
def test_forward_and_parameter_gradients_match_the_model(out, units, hidden, fused, rows):
    model = _model(hidden=hidden, out=out, units=units)
    plan = _plan(model, fused)
    model.layers[-1].emit_logits = fused
    x, grad = X[:rows], RNG.standard_normal((rows, units))
    out = plan.forward(plan.with_ones(x)).copy()
    plan.backward(grad)
    folded = [p.grad.copy() for p in model.trainable_parameters()]
    np.testing.assert_allclose(out, model.forward(x, True), rtol=RTOL, atol=1e-14)
    model.backward(grad, False)
    for p, value in zip(model.trainable_parameters(), folded, strict=True):
        np.testing.assert_allclose(value, p.grad, rtol=RTOL, atol=1e-14, err_msg=p.name)


def test_the_output_keeps_the_model_dtype_and_shape_in_float32():
    model = _model(dtype="float32", out="softmax", units=3)
    plan = _plan(model)
    out = plan.forward(plan.with_ones(X[:7]))
    assert out.shape == (7, 3) and out.dtype == np.float32


# -- whole fits ------------------------------------------------------------------------------------------------------
def _fit(monkeypatch, folded: bool, *, model_kwargs=None, capture_at: int | None = None, **fit_kwargs):
    """Weights and history of 3 epochs (5 batches each); a folded fit checks that every batch but the captured ones
    took the folded step."""
    with monkeypatch.context() as patch:
        calls = []
        if folded:
            forward = DenseStack.forward
            patch.setattr(DenseStack, "forward", lambda self, x1: calls.append(1) or forward(self, x1))
        else:
            _layer_by_layer(patch)
        model = _model(**(model_kwargs or {}))
        trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "adam", "config": {"lr": 0.05}},
                          metrics=["accuracy"], batch_transform=fit_kwargs.pop("batch_transform", None))
        if capture_at is not None:
            from engine.callbacks.base import Callback

            class Capture(Callback):
                def on_train_batch_begin(self, batch, logs=None):
                    if batch == capture_at:
                        self.trainer.request_capture()

            fit_kwargs["callbacks"] = [Capture()]
        history = trainer.fit(X, Y_BINARY, epochs=3, batch_size=8, **fit_kwargs).history
        if folded:
            captured = 0 if capture_at is None else 3  # that batch of each of the 3 epochs
            assert len(calls) == trainer.global_step - captured
        return model.get_weights(), history


def _assert_same_training(monkeypatch, **kwargs) -> None:
    folded, folded_history = _fit(monkeypatch, True, **kwargs)
    plain, plain_history = _fit(monkeypatch, False, **kwargs)
    for name, value in plain.items():
        np.testing.assert_allclose(folded[name], value, rtol=1e-9, atol=1e-12, err_msg=name)
    assert folded_history["loss"] == pytest.approx(plain_history["loss"], rel=1e-9)
    assert folded_history["accuracy"] == plain_history["accuracy"]


@pytest.mark.parametrize("shuffle", [True, False])
def test_training_gives_the_same_weights_as_layer_by_layer(shuffle, monkeypatch):
    _assert_same_training(monkeypatch, shuffle=shuffle)


def test_sample_weights_and_regularizers_take_the_same_steps(monkeypatch):
    weights = RNG.uniform(0.5, 2.0, len(X))
    _assert_same_training(monkeypatch, sample_weight=weights,
                          model_kwargs={"kernel_regularizer": {"type": "l2", "config": {"l2": 0.01}},
                                        "bias_regularizer": "l1"})


def test_a_batch_transform_is_applied_before_the_ones_column(monkeypatch):
    _assert_same_training(monkeypatch, batch_transform=lambda xb: xb * 0.5 + 0.25)


@pytest.mark.parametrize("shuffle", [True, False])
def test_large_data_gathered_batch_by_batch_takes_the_same_steps(shuffle, monkeypatch):
    monkeypatch.setattr(loop, "_EPOCH_GATHER_BYTES", 0)
    _assert_same_training(monkeypatch, shuffle=shuffle)


def test_a_captured_batch_goes_through_the_layers_and_training_carries_on(monkeypatch):
    _assert_same_training(monkeypatch, capture_at=2)
    folded, _ = _fit(monkeypatch, True, capture_at=2)
    assert all(np.isfinite(value).all() for value in folded.values())


def test_model_edits_between_fits_are_followed(monkeypatch):
    """Insert a dropout layer (layer by layer), remove it (folded again), load weights: each fit uses the model as
    it is now."""
    model = _model()
    trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.1}}, metrics=[])
    trainer.fit(X, Y_BINARY, epochs=1, batch_size=8)
    model.insert(1, {"type": "dropout", "config": {"rate": 0.5}})
    trainer.fit(X, Y_BINARY, epochs=1, batch_size=8)
    model.remove(1)
    start = {name: RNG.standard_normal(value.shape) * 0.3 for name, value in model.get_weights().items()}
    model.set_weights(start)
    trainer.fit(X, Y_BINARY, epochs=2, batch_size=8, shuffle=False)

    with monkeypatch.context() as patch:
        _layer_by_layer(patch)
        reference = _model()
        reference.set_weights(start)
        Trainer(reference, loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.1}},
                metrics=[]).fit(X, Y_BINARY, epochs=2, batch_size=8, shuffle=False)
    for name, value in reference.get_weights().items():
        np.testing.assert_allclose(model.get_weights()[name], value, rtol=1e-9, atol=1e-12, err_msg=name)


def test_softmax_outputs_train_folded_as_layer_by_layer(monkeypatch):
    def fit(folded: bool):
        with monkeypatch.context() as patch:
            if not folded:
                _layer_by_layer(patch)
            model = _model(out="softmax", units=3, dtype="float32")
            Trainer(model, loss="sparse_categorical_crossentropy", metrics=[]).fit(X, Y_CLASS, epochs=2, batch_size=8)
            return model.get_weights()

    folded, plain = fit(True), fit(False)
    for name, value in plain.items():
        np.testing.assert_allclose(folded[name], value, rtol=1e-4, atol=1e-6, err_msg=name)


# -- the activations' in-place forward -----------------------------------------------------------------------------
@pytest.mark.parametrize("key", [key for key in ACTIVATIONS.names() if ACTIVATIONS.create(key).elementwise])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_into_a_strided_view_equals_forward_bit_for_bit(key, dtype):
    fn = ACTIVATIONS.create(key)
    x = (RNG.standard_normal((6, 9)) * 4).astype(dtype)
    buffer = np.full((7, 9), 7.0, dtype=dtype)
    result = fn.forward_into(x, buffer[:-1])
    np.testing.assert_array_equal(buffer[:-1], fn.forward(x))
    assert np.shares_memory(result, buffer)
    assert (buffer[-1] == 7.0).all()
