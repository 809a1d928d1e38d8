"""Losses: gradients, PyTorch reference values, stability, validation and configuration of every LOSSES entry."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import numpy as np
import pytest

from engine.errors import ConfigError, DataError, ShapeError, TrainingError
from engine.gradcheck import check_loss
from engine.losses.base import Loss
from engine.registry import LOSSES
from tests.reference.fixtures import load_json

N, D, C = 4, 3, 3
Sample = tuple[dict, np.ndarray, np.ndarray]


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _error(rng: np.random.Generator, kinks: tuple[float, ...] = (), scale: float = 1.5) -> np.ndarray:
    """Errors y_pred - y_true at least 0.05 away from 0 and from ±kink, where the loss has no derivative."""
    x = rng.normal(scale=scale, size=(N, D))
    for k in (0.0, *kinks):
        for centre in (k, -k):
            near = np.abs(x - centre) < 0.05
            x = np.where(near, centre + np.where(x >= centre, 0.05, -0.05), x)
    return x


def _regression(config: dict, kinks: tuple[float, ...] = (), scale: float = 1.5) -> Callable:
    def make(rng: np.random.Generator) -> list[Sample]:
        y = rng.normal(size=(N, D))
        return [(config, y + _error(rng, kinks, scale), y)]
    return make


def _bce(rng: np.random.Generator) -> list[Sample]:
    labels = (rng.uniform(size=(N, D)) < 0.5).astype(float)
    return [({"from_logits": False}, rng.uniform(0.05, 0.95, (N, D)), labels),
            ({"from_logits": False, "label_smoothing": 0.2}, rng.uniform(0.05, 0.95, (N, D)), rng.uniform(size=(N, D))),
            ({"from_logits": True, "label_smoothing": 0.1}, rng.normal(scale=3, size=(N, D)), labels)]


def _bce_logits(rng: np.random.Generator) -> list[Sample]:
    labels = (rng.uniform(size=(N, D)) < 0.5).astype(float)
    return [({}, rng.normal(scale=3, size=(N, D)), labels),
            ({"pos_weight": [3.0]}, rng.normal(size=(N, D)), rng.uniform(size=(N, D))),
            ({"pos_weight": [0.5, 1.0, 4.0]}, rng.normal(size=(N, D)), labels)]


def _onehot(rng: np.random.Generator) -> np.ndarray:
    return np.eye(C)[rng.integers(0, C, N)]


def _cce(rng: np.random.Generator) -> list[Sample]:
    return [({"from_logits": False}, _softmax(rng.normal(size=(N, C))), _onehot(rng)),
            ({"from_logits": False, "label_smoothing": 0.1}, rng.uniform(0.1, 1.0, (N, C)), _onehot(rng)),
            ({"from_logits": True, "label_smoothing": 0.2}, rng.normal(scale=3, size=(N, C)), _onehot(rng)),
            ({"from_logits": True}, rng.normal(size=(N, 2, C)), _softmax(rng.normal(size=(N, 2, C))))]


def _sparse(rng: np.random.Generator) -> list[Sample]:
    return [({"from_logits": False}, rng.uniform(0.1, 1.0, (N, C)), rng.integers(0, C, N)),
            ({"from_logits": True}, rng.normal(scale=3, size=(N, C)), rng.integers(0, C, N))]


def _kl(rng: np.random.Generator) -> list[Sample]:
    return [({}, _softmax(rng.normal(size=(N, C))), _softmax(rng.normal(size=(N, C)))),
            ({}, _softmax(rng.normal(size=(N, C))), _onehot(rng))]


def _margin(rng: np.random.Generator) -> list[Sample]:
    signs = np.where(rng.uniform(size=(N, D)) < 0.5, 1.0, -1.0)
    margin = 1 + _error(rng)  # y·ŷ at least 0.05 away from the kink at 1
    return [({}, margin * signs, signs), ({}, margin * signs, (signs + 1) / 2)]


#: Gradient-check inputs for every registered loss (configs, predictions, targets); see test_every_loss_has_cases.
CASES: dict[str, Callable[[np.random.Generator], list[Sample]]] = {
    "mse": _regression({}),
    "mae": _regression({}),
    "huber": _regression({"delta": 0.7}, (0.7,)),
    "smooth_l1": _regression({"beta": 0.5}, (0.5,)),
    "balanced_l1": _regression({"alpha": 0.4, "gamma": 1.3, "beta": 0.8}, (0.8,)),
    "log_cosh": _regression({}, scale=4.0),
    "binary_crossentropy": _bce,
    "bce_with_logits": _bce_logits,
    "categorical_crossentropy": _cce,
    "sparse_categorical_crossentropy": _sparse,
    "kl_divergence": _kl,
    "hinge": _margin,
    "squared_hinge": _margin,
}


def _samples(key: str, seed: int = 0) -> list[Sample]:
    return CASES[key](np.random.default_rng(seed))


def _weights(seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0.2, 2.0, N)


def test_every_loss_has_cases():
    assert set(CASES) == set(LOSSES.names())


# -- gradients ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
@pytest.mark.parametrize("key", sorted(CASES))
def test_gradcheck(key, reduction, weighted):
    for config, y_pred, y_true in _samples(key):
        loss = LOSSES.create({"type": key, "config": {**config, "reduction": reduction}})
        result = check_loss(loss, y_pred, y_true, _weights() if weighted else None)
        assert result.ok, f"{loss!r}: {result}"


# -- PyTorch reference (tests/reference/gen_losses.py) ------------------------------------------------------------
_TORCH = load_json("losses.json")["cases"]


def test_torch_fixtures_cover_every_loss():
    assert {case["loss"] for case in _TORCH} == set(LOSSES.names())


@pytest.mark.parametrize("case", _TORCH, ids=[case["id"] for case in _TORCH])
def test_matches_torch(case):
    loss = LOSSES.create({"type": case["loss"], "config": case["config"]})
    weight = None if case["sample_weight"] is None else np.array(case["sample_weight"])
    value = loss.forward(np.array(case["y_pred"]), np.array(case["y_true"]), weight)
    assert value == pytest.approx(case["value"], rel=1e-10)
    np.testing.assert_allclose(loss.backward(), np.array(case["grad"]), rtol=1e-10, atol=1e-14)


# -- reduction, weights and conventions ---------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(CASES))
def test_reduction_and_sample_weight_semantics(key):
    for config, y_pred, y_true in _samples(key, seed=3):
        mean = LOSSES.create({"type": key, "config": config})
        total = LOSSES.create({"type": key, "config": {**config, "reduction": "sum"}})
        base = mean(y_pred, y_true)
        grad = mean.backward()
        assert total(y_pred, y_true) == pytest.approx(N * base, rel=1e-12)
        np.testing.assert_allclose(total.backward(), N * grad, rtol=1e-12)
        assert mean(y_pred, y_true, np.ones(N)) == pytest.approx(base, rel=1e-12)
        assert mean(y_pred, y_true, np.full(N, 2.5)) == pytest.approx(2.5 * base, rel=1e-12)
        # A zero weight removes a sample from the sum; "mean" still divides by the whole batch (Keras).
        weights = np.ones(N)
        weights[0] = 0.0
        dropped = total(y_pred[1:], y_true[1:])
        assert mean(y_pred, y_true, weights) == pytest.approx(dropped / N, rel=1e-12)
        assert not mean.backward()[0].any()


def test_per_sample_loss_is_the_mean_over_outputs():
    rng = np.random.default_rng(4)
    y_pred, y_true = rng.normal(size=(N, 2, D)), rng.normal(size=(N, 2, D))
    expected = np.mean(np.mean((y_pred - y_true) ** 2, axis=(1, 2)) * _weights())
    assert LOSSES.create("mse")(y_pred, y_true, _weights()) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("key", "per_class"), [("categorical_crossentropy", True), ("binary_crossentropy", False)])
def test_label_smoothing_moves_targets_towards_uniform(key, per_class):
    rng = np.random.default_rng(5)
    y_pred, y_true = _softmax(rng.normal(size=(N, C))), np.eye(C)[rng.integers(0, C, N)]
    smoothed = y_true * 0.8 + (0.2 / C if per_class else 0.1)
    plain = LOSSES.create(key)
    value = LOSSES.create({"type": key, "config": {"label_smoothing": 0.2}})(y_pred, y_true)
    assert value == pytest.approx(plain(y_pred, smoothed), rel=1e-12)


def test_sparse_equals_categorical_with_one_hot_targets():
    rng = np.random.default_rng(6)
    index = rng.integers(0, C, N)
    for from_logits in (False, True):
        y_pred = rng.normal(size=(N, C)) if from_logits else rng.uniform(0.1, 1, (N, C))
        sparse = LOSSES.create({"type": "sparse_categorical_crossentropy", "config": {"from_logits": from_logits}})
        dense = LOSSES.create({"type": "categorical_crossentropy", "config": {"from_logits": from_logits}})
        assert sparse(y_pred, index) == pytest.approx(dense(y_pred, np.eye(C)[index]), rel=1e-14)
        np.testing.assert_allclose(sparse.backward(), dense.backward(), rtol=1e-14)
        assert sparse(y_pred, index.astype(np.float32)) == pytest.approx(dense(y_pred, np.eye(C)[index]), rel=1e-14)


@pytest.mark.parametrize("key", ["hinge", "squared_hinge"])
def test_margin_losses_convert_zero_one_targets_like_keras(key):
    rng = np.random.default_rng(7)
    y_pred, labels = rng.normal(size=(N, D)), (rng.uniform(size=(N, D)) < 0.5).astype(float)
    loss = LOSSES.create(key)
    assert loss(y_pred, labels) == loss(y_pred, 2 * labels - 1)
    expected = np.maximum(1 - (2 * labels - 1) * y_pred, 0) ** (1 if key == "hinge" else 2)
    assert loss(y_pred, labels) == pytest.approx(expected.mean(), rel=1e-12)


@pytest.mark.parametrize("key", sorted(k for k in CASES if LOSSES.get(k).logits_of))
def test_from_logits_equals_loss_on_activated_outputs(key):
    """The trainer's swap: type(loss)(**{**config, "from_logits": True}) on logits = loss on activation(logits)."""
    rng = np.random.default_rng(8)
    logits = rng.normal(size=(N, C))
    y_true = {"binary": (rng.uniform(size=(N, C)) < 0.5).astype(float), "onehot": np.eye(C)[rng.integers(0, C, N)],
              "index": rng.integers(0, C, N)}[LOSSES.get(key).target]
    loss = LOSSES.create({"type": key, "config": {"reduction": "sum"}})
    activation = {"sigmoid": _sigmoid, "softmax": _softmax}[loss.logits_of]
    fused = type(loss)(**{**loss.get_config(), "from_logits": True})
    probs = activation(logits)
    value = loss(probs, y_true, _weights())
    grad_probs = loss.backward()
    assert fused(logits, y_true, _weights()) == pytest.approx(value, rel=1e-12)
    # Chain rule through the activation gives the fused gradient.
    if loss.logits_of == "sigmoid":
        expected = grad_probs * probs * (1 - probs)
    else:
        expected = probs * (grad_probs - np.sum(grad_probs * probs, axis=-1, keepdims=True))
    np.testing.assert_allclose(fused.backward(), expected, rtol=1e-10, atol=1e-14)


# -- stability ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_logits_give_finite_losses_and_gradients(dtype):
    logits = np.array([[100.0, -100.0, 0.0], [-100.0, 100.0, 50.0]], dtype=dtype)
    index = np.array([1, 0])
    onehot = np.eye(3, dtype=dtype)[index]
    binary = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]], dtype=dtype)
    cases = [
        ({"type": "binary_crossentropy", "config": {"from_logits": True}}, binary),
        ({"type": "bce_with_logits", "config": {}}, binary),
        ({"type": "bce_with_logits", "config": {"pos_weight": [4.0]}}, binary),
        ({"type": "categorical_crossentropy", "config": {"from_logits": True, "label_smoothing": 0.1}}, onehot),
        ({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}}, index),
    ]
    for spec, y_true in cases:
        loss = LOSSES.create(spec)
        value = loss(logits, y_true)
        grad = loss.backward()
        assert math.isfinite(value) and value > 50, spec
        assert grad.dtype == dtype and np.all(np.isfinite(grad)), spec
    # Wrong by 200 logits: -log_softmax = 200 (+ log(1 + e^-150 + e^-200)); gradient softmax - y = ±1 per row.
    sparse = LOSSES.create({"type": "sparse_categorical_crossentropy", "config": {"from_logits": True}})
    assert sparse(logits[:1], index[:1]) == pytest.approx(200.0, rel=1e-6)
    np.testing.assert_allclose(sparse.backward(), [[1.0, -1.0, 0.0]], atol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_probabilities_at_zero_and_one_are_clipped(dtype):
    y_pred = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=dtype)
    y_true = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=dtype)
    for key in ("binary_crossentropy", "categorical_crossentropy", "kl_divergence"):
        loss = LOSSES.create(key)
        value = loss(y_pred, y_true)
        assert math.isfinite(value) and np.all(np.isfinite(loss.backward())), key
    sparse = LOSSES.create("sparse_categorical_crossentropy")
    assert math.isfinite(sparse(y_pred, np.array([0, 0]))) and np.all(np.isfinite(sparse.backward()))
    # Keras: p clipped to [1e-7, 1 - 1e-7], so a sure wrong answer costs -log(1e-7) and has a zero gradient.
    bce = LOSSES.create({"type": "binary_crossentropy", "config": {"reduction": "sum"}})
    assert bce(np.array([[0.0]], dtype=np.float64), np.array([[1.0]])) == pytest.approx(-math.log(1e-7), rel=1e-9)
    assert bce.backward()[0, 0] == 0


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_cosh_is_stable_for_large_errors(dtype):
    x = np.array([[-1e4, -800.0, 800.0, 1e4]], dtype=dtype)
    loss = LOSSES.create({"type": "log_cosh", "config": {"reduction": "sum"}})
    value = loss(x, np.zeros_like(x))
    assert value == pytest.approx(np.mean(np.abs(x.astype(np.float64)) - math.log(2)), rel=1e-6)
    np.testing.assert_array_equal(loss.backward(), np.sign(x) / 4)


# -- dtypes -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(CASES))
def test_float32_stays_float32(key):
    for config, y_pred, y_true in _samples(key, seed=9):
        loss = LOSSES.create({"type": key, "config": config})
        reference = loss(y_pred, y_true, _weights())
        value = loss(y_pred.astype(np.float32), y_true, _weights())  # float64 targets and weights
        grad = loss.backward()
        assert grad.dtype == np.float32 and grad.shape == y_pred.shape
        assert isinstance(value, float) and value == pytest.approx(reference, rel=1e-5, abs=1e-6)


def test_integer_predictions_are_converted_to_float():
    loss = LOSSES.create("mse")
    assert loss(np.array([[1, 2]]), np.array([[0, 0]])) == 2.5
    assert loss.backward().dtype == np.float64  # int64 needs float64 to stay exact
    loss(np.array([[1, 2]], dtype=np.int16), np.array([[0, 0]]))
    assert loss.backward().dtype == np.float32


# -- validation ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("key", "config", "param"), [
    ("huber", {"delta": -1.0}, "delta"),
    ("huber", {"delta": 0.0}, "delta"),
    ("smooth_l1", {"beta": -0.5}, "beta"),
    ("balanced_l1", {"alpha": 0.0}, "alpha"),
    ("balanced_l1", {"gamma": -1.0}, "gamma"),
    ("balanced_l1", {"alpha": 0.001, "gamma": 10.0}, "gamma"),
    ("binary_crossentropy", {"label_smoothing": 1.0}, "label_smoothing"),
    ("categorical_crossentropy", {"label_smoothing": 1.5}, "label_smoothing"),
    ("categorical_crossentropy", {"label_smoothing": -0.1}, "label_smoothing"),
    ("bce_with_logits", {"pos_weight": [-2.0]}, "pos_weight"),
    ("mse", {"reduction": "avg"}, "reduction"),
    ("mae", {"delta": 1.0}, "delta"),
    ("sparse_categorical_crossentropy", {"label_smoothing": 0.1}, "label_smoothing"),
])
def test_invalid_params_raise_config_error_naming_the_parameter(key, config, param):
    with pytest.raises(ConfigError, match=param) as info:
        LOSSES.create({"type": key, "config": config})
    assert info.value.param == param


@pytest.mark.parametrize(("key", "y_pred", "y_true", "weight", "fragment"), [
    ("mse", np.zeros((4, 3)), np.zeros((4, 2)), None, r"\(4, 3\) expected .* received \(4, 2\)"),
    ("mse", np.zeros((4, 1)), np.zeros(4), None, r"\(4, 1\) expected .* received \(4,\)"),
    ("mse", np.zeros((4, 3)), np.zeros((4, 3)), np.ones(3), r"\(4,\) expected, received \(3,\)"),
    ("mse", np.zeros(()), np.zeros(()), None, r"received shape \(\)"),
    ("categorical_crossentropy", np.full(4, 0.5), np.ones(4), None, r"\(batch, classes\) expected"),
    ("sparse_categorical_crossentropy", np.zeros((4, 3)), np.zeros((4, 3)), None, r"\(4,\) expected"),
    ("sparse_categorical_crossentropy", np.zeros((4, 2, 3)), np.zeros(4), None, r"\(batch, classes\) expected"),
])
def test_shape_errors_say_expected_and_received(key, y_pred, y_true, weight, fragment):
    with pytest.raises(ShapeError, match=fragment):
        LOSSES.create(key)(y_pred, y_true, weight)


def test_pos_weight_length_must_match_outputs():
    loss = LOSSES.create({"type": "bce_with_logits", "config": {"pos_weight": [1.0, 2.0]}})
    with pytest.raises(ShapeError, match="length 1 or 3") as info:
        loss(np.zeros((2, 3)), np.zeros((2, 3)))
    assert info.value.param == "pos_weight"


@pytest.mark.parametrize(("key", "y_pred", "y_true", "fragment", "row"), [
    ("binary_crossentropy", np.full((3, 2), 0.5), [[0, 1], [1, 1.5], [0, 0]], r"in \[0, 1\] .* 1\.5 in row 2", 2),
    ("bce_with_logits", np.zeros((2, 2)), [[0, -1], [1, 1]], r"in \[0, 1\]", 1),
    ("sparse_categorical_crossentropy", np.full((3, 3), 1 / 3), [0, 3, 1], r"0\.\.2 .* 3 outputs", 2),
    ("sparse_categorical_crossentropy", np.full((3, 3), 1 / 3), [0, 1, -1], r"0\.\.2", 3),
    ("sparse_categorical_crossentropy", np.full((3, 3), 1 / 3), [0.0, 1.5, 1.0], "integer class indices", 2),
    ("categorical_crossentropy", np.full((2, 3), 1 / 3), [[1, 0, 0], [1, 1, 0]], "summing to 1 .* row 2", 2),
    ("kl_divergence", np.full((2, 3), 1 / 3), [[2, -1, 0], [1, 0, 0]], r"in \[0, 1\]", 1),
    ("hinge", np.zeros((2, 2)), [[1, -1], [0.5, 1]], r"\{-1, 1\} .* 0\.5 in row 2", 2),
    ("squared_hinge", np.zeros((2, 2)), [[1, 0], [-1, 1]], "mixes 0 and -1", 2),
    ("mse", np.zeros((2, 2)), [[0, np.nan], [0, 0]], "finite targets", 1),
])
def test_invalid_targets_raise_data_error_with_location(key, y_pred, y_true, fragment, row):
    with pytest.raises(DataError, match=fragment) as info:
        LOSSES.create(key)(y_pred, np.array(y_true))
    assert info.value.row == row and info.value.param == "y_true"


def test_invalid_sample_weights_and_empty_batches_raise_data_error():
    loss = LOSSES.create("mse")
    with pytest.raises(DataError, match=r"≥ 0 .* row 2") as info:
        loss(np.zeros((3, 1)), np.zeros((3, 1)), np.array([1.0, -1.0, 1.0]))
    assert info.value.param == "sample_weight"
    with pytest.raises(DataError, match="at least one sample"):
        loss(np.zeros((0, 1)), np.zeros((0, 1)))


def test_backward_before_forward_raises():
    with pytest.raises(TrainingError, match="before forward"):
        LOSSES.create("mse").backward()


# -- registry and configuration -------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(CASES))
def test_registration_metadata(key):
    cls = LOSSES.get(key)
    meta = LOSSES.describe(key)
    assert issubclass(cls, Loss) and meta["help"] == cls.__doc__.splitlines()[0]
    assert meta["task"] in ("regression", "binary", "multiclass", "any")
    assert cls.target in ("values", "onehot", "index", "binary")
    json.dumps(meta)
    params = {p["name"] for p in meta["params"]}
    assert "reduction" in params
    assert ("from_logits" in params) == (cls.logits_of is not None)


def test_logits_of_names_the_fused_activation():
    fused = {k: LOSSES.get(k).logits_of for k in LOSSES.names() if LOSSES.get(k).logits_of}
    assert fused == {"binary_crossentropy": "sigmoid", "categorical_crossentropy": "softmax",
                     "sparse_categorical_crossentropy": "softmax"}


@pytest.mark.parametrize("key", sorted(CASES))
def test_config_round_trip(key):
    for config, y_pred, y_true in _samples(key, seed=10):
        loss = LOSSES.create({"type": key, "config": {**config, "reduction": "sum"}})
        spec = json.loads(json.dumps(LOSSES.to_spec(loss)))
        rebuilt = LOSSES.create(spec)
        assert type(rebuilt) is type(loss) and rebuilt.get_config() == loss.get_config()
        assert type(loss).from_config(loss.get_config()).get_config() == loss.get_config()
        assert rebuilt(y_pred, y_true) == loss(y_pred, y_true)
