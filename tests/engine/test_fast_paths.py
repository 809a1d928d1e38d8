"""The training step's fast paths compute exactly what the plain paths compute.

Targets checked once per fit (``Loss.validate_targets`` + ``forward_validated``), the first layer's skipped input
gradient (``needs_input_grad``), the vectorised relu, and the per-epoch gather of small data sets must all give the
same numbers, bit for bit, as the code they speed up; the tanh-based sigmoid must stay within half an epsilon of the
exact value.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import Sequential, Trainer
from engine.activations.classic import Sigmoid
from engine.activations.rectified import ReLU
from engine.callbacks.base import Callback
from engine.errors import DataError
from engine.losses.pointwise import PointwiseLoss
from engine.registry import LOSSES
from engine.training import loop
from engine.training.hooks import CallbackList
from tests.engine.test_losses import CASES, _samples, _weights


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal values, NaNs in the same places, and the same sign on every zero."""
    a, b = np.asarray(a), np.asarray(b)
    return (a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
            and np.array_equal(np.signbit(a), np.signbit(b)))


# -- losses: validate once, then forward_validated on row slices ----------------------------------------------------
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("key", sorted(CASES))
def test_forward_validated_on_slices_equals_forward(key, weighted):
    rows = slice(1, 3)
    for config, y_pred, y_true in _samples(key):
        weights = _weights()[rows] if weighted else None
        checked, fast = LOSSES.create({"type": key, "config": config}), LOSSES.create({"type": key, "config": config})
        ready = fast.validate_targets(y_true, y_pred.shape[1:], y_pred.dtype)
        value = fast.forward_validated(y_pred[rows], ready[rows], weights)
        assert value == checked.forward(y_pred[rows], y_true[rows], weights), (key, config)
        assert _same(fast.backward(), checked.backward()), (key, config)


def test_sparse_targets_of_a_large_data_set_stay_indices_and_give_the_same_numbers(monkeypatch):
    from engine.losses import categorical

    rng = np.random.default_rng(3)
    logits, labels = rng.normal(scale=3, size=(6, 4)), rng.integers(0, 4, 6)
    onehot_loss = LOSSES.create({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}})
    onehot = onehot_loss.validate_targets(labels, (4,), logits.dtype)
    monkeypatch.setattr(categorical, "_ONEHOT_MAX_SIZE", 0)
    index_loss = LOSSES.create({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}})
    index = index_loss.validate_targets(labels, (4,), logits.dtype)
    assert onehot.shape == (6, 4) and index.shape == (6,)
    assert index_loss.forward_validated(logits, index) == onehot_loss.forward_validated(logits, onehot)
    assert _same(index_loss.backward(), onehot_loss.backward())


def test_fit_checks_the_whole_target_array_before_the_first_step():
    model = Sequential([{"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(2,))
    trainer = Trainer(model, loss="kl_divergence")
    model.build()
    before = model.get_weights()
    y = np.full((9, 3), 1 / 3)
    y[7] = [0.5, 0.5, 0.5]  # in the last batch of 4: the loss's own check (rows sum to 1) must stop the fit first
    with pytest.raises(DataError, match="row 8"):
        trainer.fit(np.ones((9, 2)), y, epochs=1, batch_size=4)
    assert all(np.array_equal(before[k], v) for k, v in model.get_weights().items())


@pytest.mark.parametrize("rows", [8, 600], ids=["one BLAS sum", "float64 sum"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_unweighted_losses_on_logits_sum_to_the_exact_total(rows, dtype):
    """The unweighted loss is one sum over the batch (in the dtype for ≤ 1024 values, else in float64): it must
    equal the exactly rounded sum of the per-sample terms, computed here from the float64 definitions, within the
    accuracy of the dtype's own terms, and give the gradient of the weighted path with weights of one bit for bit."""
    rng = np.random.default_rng(9)
    logits = (rng.normal(scale=3, size=(rows, 3))).astype(dtype)
    labels = rng.integers(0, 3, rows)
    binary = (rng.uniform(size=(rows, 3)) < 0.5).astype(dtype)
    z = logits.astype(np.float64)
    shifted = z - z.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    cases = [({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}}, labels,
              -log_probs[np.arange(rows), labels]),
             ({"type": "categorical_crossentropy", "config": {"from_logits": True}}, np.eye(3, dtype=dtype)[labels],
              -log_probs[np.arange(rows), labels]),
             ({"type": "bce_with_logits", "config": {}}, binary,
              (np.logaddexp(0, z) - binary * z).mean(axis=1))]
    tolerance = 1e-6 if dtype == np.float32 else 1e-13
    for spec, y_true, per_sample in cases:
        fast, weighted = LOSSES.create(spec), LOSSES.create(spec)
        value = fast(logits, y_true)
        assert value == pytest.approx(math.fsum(per_sample) / rows, rel=tolerance), spec
        assert value == pytest.approx(weighted(logits, y_true, np.ones(rows, dtype=dtype)), rel=tolerance), spec
        assert _same(fast.backward(), weighted.backward()), spec


# -- the first layer's input gradient ----------------------------------------------------------------------------
def test_backward_without_the_input_gradient_fills_the_same_parameter_gradients():
    model = Sequential([{"type": "dense", "config": {"units": 5, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 2}}], input_shape=(3,), dtype="float64")
    rng = np.random.default_rng(0)
    x, upstream = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
    model.forward(x, training=True)
    grad_x = model.backward(upstream)
    full = {p.name: p.grad.copy() for p in model.trainable_parameters()}
    assert grad_x.shape == x.shape and model.layers[0].needs_input_grad
    model.forward(x, training=True)
    assert model.backward(upstream, input_grad=False) is None
    assert all(np.array_equal(p.grad, full[p.name]) for p in model.trainable_parameters())
    model.forward(x, training=True)
    assert np.array_equal(model.backward(upstream), grad_x)  # the flag is set again for every call


def test_a_dense_layer_with_one_output_back_propagates_the_exact_outer_product():
    model = Sequential([{"type": "dense", "config": {"units": 1}}], input_shape=(7,))
    rng = np.random.default_rng(1)
    x, upstream = rng.normal(size=(5, 7)).astype(np.float32), rng.normal(size=(5, 1)).astype(np.float32)
    model.forward(x, training=True)
    kernel = model.layers[0].parameter("kernel").value
    assert _same(model.backward(upstream), np.matmul(upstream, kernel.T))


# -- activations: the vectorised forms against the formulas they replace ------------------------------------------
def _inputs(dtype: type, shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2)
    x = (rng.normal(size=shape) * 6).astype(dtype)
    g = rng.normal(size=shape).astype(dtype)
    x.flat[:8] = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-40, -1e-40, 100.0]
    g.flat[8:12] = [np.inf, -np.inf, np.nan, -0.0]
    return x, g


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(4, 5), (64, 40), (3, 20, 30)], ids=["small", "large", "3d"])
def test_relu_matches_maximum_and_where_bit_for_bit(dtype, shape):
    x, g = _inputs(dtype, shape)
    relu = ReLU()
    y = relu.forward(x)
    assert _same(y, np.maximum(x, 0.0))
    assert _same(relu.backward(x, y, g), np.where(x > 0, g, 0.0))


def _sigmoid_reference(x: np.ndarray, dtype: type) -> np.ndarray:
    """The overflow-free two-branch formula in a wider type than ``dtype`` (float64, or long double for float64)."""
    wide = np.asarray(x, dtype=np.float64 if dtype == np.float32 else np.longdouble)
    with np.errstate(invalid="ignore"):
        e = np.exp(-np.abs(wide))
        r = 1.0 / (1.0 + e)
        return np.where(wide >= 0, r, e * r)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(), (4, 5), (64, 40)], ids=["scalar", "small", "large"])
def test_sigmoid_is_within_half_an_epsilon_of_the_exact_value(dtype, shape):
    """½·tanh(x/2) + ½ is within ¾ of the dtype's epsilon (absolute) of the two-branch formula evaluated in a wider
    type, within one epsilon relative where σ ≥ ½; infinities, NaN and signed zeros behave as in that formula; the
    backward pass is g·y·(1 − y) bit for bit."""
    x, g = _inputs(dtype, shape) if shape else (np.array(-3.5, dtype=dtype), np.array(0.25, dtype=dtype))
    sigmoid = Sigmoid()
    y = sigmoid.forward(x)
    assert y.dtype == dtype and y.shape == x.shape
    expected = _sigmoid_reference(x, dtype)
    assert np.array_equal(np.isnan(y), np.isnan(expected))
    finite = ~np.isnan(y)
    error = np.abs(y[finite].astype(expected.dtype) - expected[finite])
    eps = np.finfo(dtype).eps
    assert np.all(error <= 0.75 * eps)
    upper = expected[finite] >= 0.5
    assert np.all(error[upper] <= eps * expected[finite][upper])
    with np.errstate(invalid="ignore"):
        assert _same(sigmoid.backward(x, y, g), g * (y * (1.0 - y)))


def test_sigmoid_is_accurate_over_its_whole_range_and_saturates_quietly():
    for dtype in (np.float32, np.float64):
        x = np.linspace(-800.0, 800.0, 400_001).astype(dtype)
        y = Sigmoid().forward(x)  # filterwarnings=error: nothing may overflow
        expected = _sigmoid_reference(x, dtype)
        eps = np.finfo(dtype).eps
        assert np.all(np.abs(y.astype(expected.dtype) - expected) <= 0.75 * eps), dtype
        assert np.all(np.diff(y) >= 0) and y[0] == 0.0 and y[-1] == 1.0, dtype  # monotone, saturating exactly


# -- the training loop -------------------------------------------------------------------------------------------
def _trained(x: np.ndarray, y: np.ndarray, **fit) -> dict[str, np.ndarray]:
    model = Sequential([{"type": "dense", "config": {"units": 6, "activation": "relu"}},
                        {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(4,), seed=0)
    Trainer(model, loss="sparse_categorical_crossentropy", metrics=["accuracy"]).fit(x, y, epochs=3, batch_size=7,
                                                                                    **fit)
    return model.get_weights()


def test_gathering_the_shuffled_epoch_at_once_gives_the_same_weights_as_gathering_each_batch(monkeypatch):
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=(40, 4)), rng.integers(0, 3, 40)
    weights = rng.uniform(0.5, 2.0, 40)
    per_epoch = _trained(x, y, sample_weight=weights)
    monkeypatch.setattr(loop, "_EPOCH_GATHER_BYTES", 0)
    per_batch = _trained(x, y, sample_weight=weights)
    assert all(np.array_equal(per_epoch[k], per_batch[k]) for k in per_epoch)


class _BatchLosses(Callback):
    """Reading every batch's loss: the loop must then compute each value as it goes."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[float] = []

    def on_train_batch_end(self, batch, logs=None):
        self.seen.append(logs["loss"])


def test_batch_end_callbacks_still_receive_every_finite_loss():
    rng = np.random.default_rng(5)
    model = Sequential([{"type": "dense", "config": {"units": 2, "activation": "softmax"}}], input_shape=(3,))
    recorder = _BatchLosses()
    Trainer(model, loss="sparse_categorical_crossentropy").fit(rng.normal(size=(10, 3)), rng.integers(0, 2, 10),
                                                               epochs=2, batch_size=4, callbacks=[recorder])
    assert len(recorder.seen) == 6 and all(np.isfinite(recorder.seen))


# -- the step without its loss value (losses on logits, nobody reading batch losses) ---------------------------------
def _binary_run(dtype: str, loss: dict, listen: bool, weights: np.ndarray | None, stop_at: int | None = None):
    rng = np.random.default_rng(6)
    x, y = rng.normal(size=(45, 3)), (rng.uniform(size=(45, 2)) < 0.4).astype(float)
    model = Sequential([{"type": "dense", "config": {"units": 5, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 2, "activation": "sigmoid"}}], input_shape=(3,),
                       dtype=dtype, seed=1)
    callbacks = [_BatchLosses()] if listen else []
    if stop_at is not None:
        class Stop(Callback):
            def on_train_batch_begin(self, batch, logs=None):
                if batch == stop_at:
                    self.trainer.stop_training = True
        callbacks.append(Stop())
    trainer = Trainer(model, loss=loss, optimizer={"type": "adam", "config": {"lr": 0.05}}, metrics=[])
    history = trainer.fit(x, y, epochs=3, batch_size=8, sample_weight=weights, callbacks=callbacks).history
    return trainer, history, model.get_weights()


@pytest.mark.parametrize("stop_at", [None, 2], ids=["whole epochs", "stopped mid-epoch"])
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("loss", [{"type": "binary_crossentropy", "config": {}},
                                  {"type": "bce_with_logits", "config": {"pos_weight": [2.0, 0.5]}},
                                  {"type": "binary_crossentropy", "config": {"reduction": "sum"}}],
                         ids=["fused bce", "bce_with_logits", "sum reduction"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_step_without_its_loss_value_takes_the_same_step_and_the_epoch_loss_is_the_same(dtype, loss, weighted,
                                                                                          stop_at, monkeypatch):
    weights = np.random.default_rng(7).uniform(0.5, 2.0, 45) if weighted else None
    calls = []
    gradient_validated = PointwiseLoss.gradient_validated
    monkeypatch.setattr(PointwiseLoss, "gradient_validated", lambda self, *a: calls.append(1) or
                        gradient_validated(self, *a))
    quiet, quiet_history, quiet_weights = _binary_run(dtype, loss, False, weights, stop_at)
    steps_without_value = len(calls)
    listened, history, listened_weights = _binary_run(dtype, loss, True, weights, stop_at)
    assert steps_without_value == quiet.global_step and len(calls) == steps_without_value  # only the quiet run
    assert all(np.array_equal(quiet_weights[k], listened_weights[k]) for k in quiet_weights)
    rel = 1e-6 if dtype == "float32" else 1e-13
    assert quiet_history["loss"] == pytest.approx(history["loss"], rel=rel)
    assert quiet.global_step == listened.global_step


def test_only_losses_finite_for_finite_logits_skip_the_step_value():
    fused = Trainer(Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,)),
                    loss="binary_crossentropy")
    fused.model.build()
    runner = loop.EpochRunner(fused, fused._prepare(np.ones((4, 2)), np.ones(4), None, ""), fused._readout(), 2,
                              True, CallbackList([], fused))
    assert runner.deferred
    listened = loop.EpochRunner(fused, fused._prepare(np.ones((4, 2)), np.ones(4), None, ""), fused._readout(), 2,
                                True, CallbackList([_BatchLosses()], fused))
    assert not listened.deferred
    for key in ("mse", "binary_crossentropy", "hinge"):  # probabilities or values: the value can overflow alone
        assert not LOSSES.create(key).finite_for_finite_predictions


@pytest.mark.parametrize("scale", [1e30, np.inf], ids=["huge outputs", "infinite outputs"])
def test_outputs_too_large_to_square_still_stop_the_run_exactly_when_the_loss_is_not_finite(scale):
    """Finite outputs whose squares overflow take the step with its loss value; a non-finite loss still stops."""
    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]], dtype=np.float32)
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,))
    model.build()
    model.layers[0].parameter("kernel").value[...] = scale
    trainer = Trainer(model, loss="binary_crossentropy", optimizer={"type": "sgd", "config": {"lr": 0.0}})
    with np.errstate(invalid="ignore", over="ignore"):
        history = trainer.fit(x, np.array([1, 0, 1, 0]), epochs=1, batch_size=2, shuffle=False).history
    if np.isinf(scale):
        assert trainer.diverged and trainer.stop_reason.startswith("The loss became NaN at epoch 1, step 1")
        assert math.isnan(history["loss"][-1])
    else:
        assert not trainer.diverged and math.isfinite(history["loss"][-1]) and history["loss"][-1] > 1e29


def _softmax_run(dtype: str, loss: str, listen: bool, weights: np.ndarray | None):
    rng = np.random.default_rng(8)
    x, labels = rng.normal(size=(45, 3)), rng.integers(0, 3, 45)
    y = labels if loss == "sparse_categorical_crossentropy" else np.eye(3)[labels]
    model = Sequential([{"type": "dense", "config": {"units": 5, "activation": "tanh"}},
                        {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(3,),
                       dtype=dtype, seed=1)
    trainer = Trainer(model, loss=loss, optimizer={"type": "adam", "config": {"lr": 0.05}}, metrics=[])
    history = trainer.fit(x, y, epochs=3, batch_size=8, sample_weight=weights,
                          callbacks=[_BatchLosses()] if listen else []).history
    return history, model.get_weights()


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("loss", ["sparse_categorical_crossentropy", "categorical_crossentropy"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_softmax_cross_entropies_on_logits_also_skip_the_step_value(dtype, loss, weighted, monkeypatch):
    assert LOSSES.create({"type": loss, "config": {"from_logits": True}}).finite_for_finite_predictions
    assert not LOSSES.create(loss).finite_for_finite_predictions  # on probabilities log(p) can overflow alone
    weights = np.random.default_rng(9).uniform(0.5, 2.0, 45) if weighted else None
    calls = []
    gradient_validated = PointwiseLoss.gradient_validated
    monkeypatch.setattr(PointwiseLoss, "gradient_validated", lambda self, *a: calls.append(1) or
                        gradient_validated(self, *a))
    quiet_history, quiet_weights = _softmax_run(dtype, loss, False, weights)
    assert len(calls) == 3 * 6  # every step of the quiet run took only the gradient
    history, listened_weights = _softmax_run(dtype, loss, True, weights)
    assert len(calls) == 3 * 6
    assert all(np.array_equal(quiet_weights[k], listened_weights[k]) for k in quiet_weights)
    rel = 1e-6 if dtype == "float32" else 1e-13
    assert quiet_history["loss"] == pytest.approx(history["loss"], rel=rel)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_adam_with_per_value_coefficients_takes_the_column_broadcast_step_bit_for_bit(dtype, monkeypatch):
    """Small parameters keep Adam's moment coefficients for every value (one-shape operands, NumPy's fast loop),
    large ones as a broadcast column: the same arithmetic either way."""
    from engine.layers.base import Parameter
    from engine.optimizers import adam

    rng = np.random.default_rng(10)
    start, grads = rng.normal(size=(7, 5)).astype(dtype), rng.normal(size=(4, 7, 5)).astype(dtype)

    def run(limit: int) -> np.ndarray:
        monkeypatch.setattr(adam, "_FULL_COEFFICIENTS", limit)
        param = Parameter("w", start.copy())
        optimizer = adam.Adam(lr=0.1, beta_1=0.8)
        for step, grad in enumerate(grads):
            param.grad[...] = grad
            if step == 2:
                optimizer.beta_2 = 0.99  # new betas are written into the coefficients
            optimizer.step([param])
        assert (optimizer._workspaces["w"][2][-1][0].size > 2) == (limit >= start.size)
        return param.value

    assert _same(run(1 << 20), run(0))


def test_softmax_cross_entropy_never_hands_back_the_log_softmax_of_an_array_since_overwritten():
    """The training step writes each batch's predictions into the same output array: the gradient must be that of
    the array's current values, never the log-softmax cached for the previous step."""
    rng = np.random.default_rng(12)
    labels, first, second = rng.integers(0, 3, 4), rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    loss, fresh = (LOSSES.create({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}})
                   for _ in range(2))
    y = loss.validate_targets(labels, (3,), np.float64)
    buffer = first.copy()
    loss.forward_validated(buffer, y)
    loss.backward()
    loss.gradient_validated(buffer, y)
    buffer[...] = second
    reused = loss.gradient_validated(buffer, y)
    fresh.forward_validated(second, y)
    assert _same(reused, fresh.backward())
