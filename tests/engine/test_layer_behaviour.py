"""Behaviour of individual layers: dropout statistics, error messages, dense options, batch-norm modes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Layer
from engine.registry import LAYERS


def make(key: str, input_shape: tuple[int, ...], dtype: Any = np.float64, name: str = "", **config: Any) -> Layer:
    layer = LAYERS.create({"type": key, "config": {**config, "name": name or f"{key}_1"}})
    layer.build(input_shape, np.random.default_rng(0), dtype)
    return layer


# -- dropout -----------------------------------------------------------------------------------------------------
def test_dropout_is_the_identity_at_inference() -> None:
    layer = make("dropout", (10,), rate=0.5)
    x = np.random.default_rng(0).standard_normal((8, 10))
    assert layer.forward(x, training=False) is x
    grad = np.ones_like(x)
    assert layer.backward(grad) is grad


def test_dropout_preserves_the_expected_value() -> None:
    rate = 0.3
    layer = make("dropout", (500,), np.float32, rate=rate)
    layer.set_runtime_rng(np.random.default_rng(5))
    y = layer.forward(np.ones((400, 500), np.float32), training=True)
    assert y.dtype == np.float32
    kept = y != 0
    assert abs(1 - kept.mean() - rate) < 0.01
    np.testing.assert_allclose(y[kept], 1 / (1 - rate), rtol=1e-6)
    assert abs(y.mean() - 1) < 0.01  # standard error ≈ 0.0015


def test_dropout_backward_uses_the_forward_mask() -> None:
    layer = make("dropout", (50,), rate=0.5)
    x = np.random.default_rng(1).standard_normal((20, 50))
    y = layer.forward(x, training=True)
    grad = np.random.default_rng(2).standard_normal(x.shape)
    np.testing.assert_array_equal(layer.backward(grad) == 0, y == 0)
    np.testing.assert_allclose(layer.backward(grad), grad * (y / x))


def test_dropout_masks_repeat_with_the_same_seed() -> None:
    x = np.ones((16, 32))

    def run(seed: int) -> np.ndarray:
        layer = make("dropout", (32,), rate=0.5)
        layer.set_runtime_rng(np.random.default_rng(seed))
        return np.stack([layer.forward(x, training=True) for _ in range(2)])

    first, again, other = run(7), run(7), run(8)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first[0], first[1])  # a fresh mask for every batch
    assert not np.array_equal(first, other)


def test_dropout_rate_zero_changes_nothing_while_training() -> None:
    layer = make("dropout", (4,), rate=0.0)
    x = np.arange(8.0).reshape(2, 4)
    np.testing.assert_array_equal(layer.forward(x, training=True), x)


def test_dropout_rate_one_is_refused_with_a_reason() -> None:
    with pytest.raises(ConfigError, match="drop every value") as info:
        LAYERS.create({"type": "dropout", "config": {"rate": 1.0, "name": "drop"}})
    assert info.value.param == "rate" and info.value.layer == "drop"
    with pytest.raises(ConfigError, match=r"expected a number in \[0, 1\]"):
        LAYERS.create({"type": "dropout", "config": {"rate": -0.1}})


# -- shape errors name the layer ---------------------------------------------------------------------------------
def test_dense_refuses_an_unflattened_input() -> None:
    with pytest.raises(ShapeError) as info:
        make("dense", (8, 8), name="hidden", units=4)
    assert str(info.value) == ("hidden: expects a flat input of shape (features,), received (8, 8) — add a flatten "
                               "layer first.")
    assert info.value.layer == "hidden"


def test_dense_refuses_a_batch_of_the_wrong_width() -> None:
    layer = make("dense", (6,), name="out", units=2)
    with pytest.raises(ShapeError, match=r"out: expects a batch of shape \(batch, 6\), received \(3, 5\)"):
        layer.forward(np.zeros((3, 5)))


@pytest.mark.parametrize(("target", "message"), [
    ([5, -1], r"cannot reshape an input of shape \(3, 4\) \(12 values\) into \(5, -1\): 12 is not a multiple of 5"),
    ([2, 5], r"cannot reshape an input of shape \(3, 4\) \(12 values\) into \(2, 5\) \(10 values\)"),
])
def test_reshape_refuses_a_size_mismatch(target: list[int], message: str) -> None:
    with pytest.raises(ShapeError, match="^to_image: " + message) as info:
        make("reshape", (3, 4), name="to_image", target_shape=target)
    assert info.value.layer == "to_image"


def test_reshape_infers_the_free_axis() -> None:
    layer = make("reshape", (784,), target_shape=[1, 28, -1])
    assert layer.output_shape == (1, 28, 28)
    x = np.arange(2 * 784.0).reshape(2, 784)
    np.testing.assert_array_equal(layer.forward(x), x.reshape(2, 1, 28, 28))


@pytest.mark.parametrize("target", [[2, -1, -1], [0, 4], []])
def test_reshape_refuses_a_malformed_target(target: list[int]) -> None:
    with pytest.raises(ConfigError, match="at most one -1") as info:
        LAYERS.create({"type": "reshape", "config": {"target_shape": target}})
    assert info.value.param == "target_shape"


def test_flatten_and_layers_refuse_a_batch_of_another_shape() -> None:
    layer = make("flatten", (2, 3), name="flat")
    with pytest.raises(ShapeError, match=r"flat: expects a batch of shape \(batch, 2, 3\), received \(4, 3, 2\)"):
        layer.forward(np.zeros((4, 3, 2)))
    norm = make("layer_norm", (4,), name="ln")
    with pytest.raises(ShapeError, match=r"ln: expects a batch of shape \(batch, 4\), received \(2, 5\)"):
        norm.forward(np.zeros((2, 5)))


def test_batch_norm_needs_two_values_per_channel_while_training() -> None:
    layer = make("batch_norm", (3,), name="bn")
    with pytest.raises(ShapeError, match="bn: needs more than one value per channel while training"):
        layer.forward(np.zeros((1, 3)), training=True)
    assert layer.forward(np.zeros((1, 3)), training=False).shape == (1, 3)


def test_unknown_activation_names_the_layer() -> None:
    with pytest.raises(ConfigError, match=r"^hidden: parameter 'activation': unknown activation 'relux'") as info:
        LAYERS.create({"type": "dense", "config": {"units": 2, "activation": "relux", "name": "hidden"}})
    assert info.value.layer == "hidden" and info.value.param == "activation"


# -- dense -------------------------------------------------------------------------------------------------------
def test_dense_kernel_is_stored_in_by_out() -> None:
    layer = make("dense", (5,), units=3)
    assert [(p.name, p.shape) for p in layer.parameters()] == [("dense_1/kernel", (5, 3)), ("dense_1/bias", (3,))]
    assert layer.count_params() == 18
    assert [p.name for p in make("dense", (5,), units=3, use_bias=False).parameters()] == ["dense_1/kernel"]


def test_dense_attaches_its_regularizers() -> None:
    layer = make("dense", (3,), units=2, kernel_regularizer={"type": "l2", "config": {"l2": 0.5}})
    kernel, bias = layer.parameters()
    assert kernel.regularizer.key == "l2" and kernel.regularizer.l2 == 0.5
    assert bias.regularizer is None
    assert layer.get_config()["kernel_regularizer"] == {"type": "l2", "config": {"l2": 0.5}}


def test_dense_emit_logits_returns_the_pre_activation() -> None:
    softmax = make("dense", (4,), units=3, activation="softmax")
    linear = make("dense", (4,), units=3, activation="linear")
    linear.set_weights(softmax.get_weights())  # both are named dense_1
    x = np.random.default_rng(3).standard_normal((6, 4))
    probabilities = softmax.forward(x)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    softmax.emit_logits = True
    np.testing.assert_array_equal(softmax.forward(x), linear.forward(x))
    grad = np.random.default_rng(4).standard_normal((6, 3))
    np.testing.assert_array_equal(softmax.backward(grad), linear.backward(grad))
    np.testing.assert_array_equal(softmax.parameter("kernel").grad, linear.parameter("kernel").grad)


def test_dense_casts_a_float64_batch_to_its_float32_weights() -> None:
    layer = make("dense", (4,), np.float32, units=2, activation="tanh")
    y = layer.forward(np.ones((3, 4)), training=True)
    assert y.dtype == np.float32
    assert layer.backward(np.ones((3, 2))).dtype == np.float32
    assert layer.parameter("kernel").grad.dtype == np.float32


def test_dense_gradients_overwrite_instead_of_accumulating() -> None:
    layer = make("dense", (4,), units=2)
    x = np.random.default_rng(0).standard_normal((3, 4))
    layer.forward(x, training=True)
    layer.backward(np.ones((3, 2)))
    first = layer.parameter("kernel").grad.copy()
    layer.forward(x, training=True)
    layer.backward(np.ones((3, 2)))
    np.testing.assert_array_equal(layer.parameter("kernel").grad, first)
    np.testing.assert_array_equal(layer.parameter("bias").grad, [3.0, 3.0])


def test_activation_layer_passes_logits_through_when_fused() -> None:
    layer = make("activation", (3,), activation="softmax")
    x = np.random.default_rng(0).standard_normal((2, 3))
    layer.emit_logits = True
    assert layer.forward(x) is x
    np.testing.assert_array_equal(layer.backward(np.ones((2, 3))), np.ones((2, 3)))


# -- batch norm --------------------------------------------------------------------------------------------------
def test_batch_norm_keeps_running_statistics_as_saved_buffers() -> None:
    layer = make("batch_norm", (2, 3, 3), np.float32, name="bn")
    assert [(p.name, p.trainable) for p in layer.parameters()] == [
        ("bn/gamma", True), ("bn/beta", True), ("bn/running_mean", False), ("bn/running_var", False)]
    assert layer.count_params() == 4
    assert set(layer.get_weights()) == {"bn/gamma", "bn/beta", "bn/running_mean", "bn/running_var"}
    assert all(p.value.dtype == np.float32 for p in layer.parameters())


def test_batch_norm_normalises_each_channel_in_training() -> None:
    layer = make("batch_norm", (2, 4, 4), eps=1e-12)
    x = np.random.default_rng(0).normal(5.0, 3.0, (8, 2, 4, 4))
    x[:, 1] *= 10
    y = layer.forward(x, training=True)
    np.testing.assert_allclose(y.mean(axis=(0, 2, 3)), 0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=(0, 2, 3)), 1, rtol=1e-9)
