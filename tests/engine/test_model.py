"""Sequential: naming, building with shape inference, forward/backward, weights, summary, config."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.gradcheck import numerical_gradient, relative_error
from engine.layers.dense import Dense
from engine.model import Sequential


def mlp(**kwargs) -> Sequential:
    return Sequential([{"type": "dense", "config": {"units": 5, "activation": "tanh"}},
                       {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], **kwargs)


def test_automatic_names_are_unique_and_user_names_are_kept():
    model = Sequential()
    first = model.add("dense")
    model.add({"type": "dropout", "config": {"rate": 0.1}})
    second = model.add(Dense(units=2))
    named = model.add(Dense(units=2, name="head"))
    assert [layer.name for layer in model.layers] == ["dense_1", "dropout_1", "dense_2", "head"]
    assert (first.name, second.name, named.name) == ("dense_1", "dense_2", "head")
    with pytest.raises(ConfigError, match="'head' already exists"):
        model.add(Dense(units=2, name="head"))
    model.remove(0)
    assert model.add("dense").name == "dense_1"  # the smallest free number is reused
    model.insert(0, {"type": "flatten"})
    assert model.layers[0].name == "flatten_1"


def test_build_infers_every_shape_and_counts_params():
    model = mlp(input_shape=(4,))
    assert model.build() == (3,)
    assert [row["output_shape"] for row in model.summary_rows()] == [(5,), (3,)]
    assert [row["activation"] for row in model.summary_rows()] == ["tanh", "softmax"]
    assert model.count_params() == 4 * 5 + 5 + 5 * 3 + 3
    assert [p.name for p in model.parameters()] == ["dense_1/kernel", "dense_1/bias", "dense_2/kernel",
                                                    "dense_2/bias"]


def test_shape_error_names_the_layer_and_both_shapes():
    model = Sequential([{"type": "reshape", "config": {"target_shape": [2, 3]}}, "dense"], input_shape=(6,))
    with pytest.raises(ShapeError) as info:
        model.build()
    error = info.value
    assert error.layer == "dense_1"
    assert "(2, 3)" in str(error) and "(features,)" in str(error) and "reshape_1" in str(error)


def test_build_without_input_shape_is_a_config_error():
    with pytest.raises(ConfigError, match="input shape"):
        mlp().build()


def test_same_seed_gives_identical_weights_and_another_seed_does_not():
    a, b, c = mlp(input_shape=(4,), seed=3), mlp(input_shape=(4,), seed=3), mlp(input_shape=(4,), seed=4)
    for model in (a, b, c):
        model.build()
    wa, wb, wc = a.get_weights(), b.get_weights(), c.get_weights()
    assert all(np.array_equal(wa[k], wb[k]) for k in wa)
    assert not np.array_equal(wa["dense_1/kernel"], wc["dense_1/kernel"])
    a.build()  # rebuilding re-initialises from the same stream
    assert all(np.array_equal(a.get_weights()[k], wb[k]) for k in wa)


def test_forward_casts_inputs_and_predict_batches_give_the_same_outputs():
    model = mlp(input_shape=(4,))
    x = np.random.default_rng(0).standard_normal((10, 4))
    out = model.forward(x)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(model.predict(x, batch_size=3), model.predict(x), rtol=1e-6)  # BLAS blocks differently


def test_predict_returns_activated_outputs_even_while_the_last_layer_emits_logits():
    model = mlp(input_shape=(4,))
    x = np.ones((2, 4))
    expected = model.predict(x)
    model.layers[-1].emit_logits = True
    np.testing.assert_array_equal(model.predict(x), expected)
    assert model.layers[-1].emit_logits  # restored


def test_predict_refuses_inputs_of_the_wrong_shape():
    model = mlp(input_shape=(4,))
    with pytest.raises(ShapeError, match=r"\(batch, 4\)"):
        model.predict(np.ones((2, 5)))


def test_backward_matches_finite_differences_in_float64():
    model = mlp(input_shape=(4,), dtype="float64")
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 4))
    upstream = rng.standard_normal((3, 3))

    def objective() -> float:
        return float(np.sum(model.forward(x, training=True) * upstream))

    model.forward(x, training=True)
    grad_x = model.backward(upstream)
    assert relative_error(grad_x, numerical_gradient(objective, x)) < 1e-6
    for p in model.trainable_parameters():
        analytic = p.grad.copy()
        assert relative_error(analytic, numerical_gradient(objective, p.value)) < 1e-6, p.name


def test_float64_model_computes_in_float64():
    model = mlp(input_shape=(4,), dtype="float64")
    assert model.predict(np.ones((1, 4), dtype=np.float32)).dtype == np.float64
    assert all(p.value.dtype == np.float64 for p in model.parameters())
    with pytest.raises(ConfigError, match="dtype"):
        Sequential(dtype="float16")


def test_get_weights_returns_copies_and_set_weights_checks_names_and_shapes():
    model = mlp(input_shape=(4,))
    weights = model.get_weights()
    weights["dense_1/kernel"][...] = 7
    assert not np.any(model.get_weights()["dense_1/kernel"] == 7)
    model.set_weights(weights)
    assert np.all(model.get_weights()["dense_1/kernel"] == 7)
    with pytest.raises(ShapeError, match=r"expected shape \(4, 5\), received \(5, 4\)"):
        model.set_weights({**weights, "dense_1/kernel": np.zeros((5, 4))})
    with pytest.raises(ConfigError, match="no parameter named 'other/kernel'"):
        model.set_weights({**weights, "other/kernel": np.zeros(1)})
    del weights["dense_2/bias"]
    with pytest.raises(ConfigError, match="dense_2/bias"):
        model.set_weights(weights)


def test_frozen_layers_are_left_out_of_the_trainable_parameters():
    model = mlp(input_shape=(4,))
    model.layers[0].trainable = False
    assert [p.name for p in model.trainable_parameters()] == ["dense_2/kernel", "dense_2/bias"]
    text = model.summary()
    assert "Trainable params: 18" in text and "Non-trainable params: 25" in text


def test_regularization_penalty_and_gradients():
    model = Sequential([{"type": "dense", "config": {"units": 2, "kernel_regularizer":
                                                     {"type": "l2", "config": {"l2": 0.5}}}}], input_shape=(3,))
    model.build()
    kernel = model.parameters()[0]
    penalty = model.regularization_penalty()
    assert penalty == pytest.approx(0.5 * float(np.sum(kernel.value.astype(np.float64) ** 2)), rel=1e-5)
    kernel.grad[...] = 0
    model.add_regularization_gradients()
    np.testing.assert_allclose(kernel.grad, 2 * 0.5 * kernel.value, rtol=1e-6)


def test_summary_is_a_keras_style_table():
    model = mlp(input_shape=(4,))
    text = model.summary()
    for expected in ("Layer (type)", "Output Shape", "Param #", "dense_1 (Dense)", "(None, 5)", "(None, 3)",
                     "Total params: 43", "Trainable params: 43", "Non-trainable params: 0"):
        assert expected in text
    assert "not built" in mlp().summary()


def test_config_round_trips_through_json_and_rebuilds_the_same_weights():
    model = mlp(input_shape=(4,), seed=7, dtype="float64")
    model.build()
    config = json.loads(json.dumps(model.get_config()))
    assert set(config) == {"input_shape", "dtype", "seed", "layers"}
    assert config["layers"][0]["type"] == "dense"
    clone = Sequential.from_config(config)
    assert clone.get_config() == config
    assert all(np.array_equal(clone.get_weights()[k], v) for k, v in model.get_weights().items())
    with pytest.raises(ConfigError, match="unknown configuration key"):
        Sequential.from_config({**config, "extra": 1})


def test_output_activation_and_a_model_without_hidden_layers():
    model = Sequential([{"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(2,))
    assert model.output_activation() == "sigmoid"
    assert model.predict(np.zeros((3, 2))).shape == (3, 1)
    assert Sequential([{"type": "dropout"}], input_shape=(2,)).output_activation() is None


def test_predict_runs_in_inference_mode():
    model = Sequential([{"type": "dropout", "config": {"rate": 0.5}}], input_shape=(50,))
    x = np.ones((4, 50), dtype=np.float32)
    np.testing.assert_array_equal(model.predict(x), x)
    assert np.any(model.forward(x, training=True) == 0)
