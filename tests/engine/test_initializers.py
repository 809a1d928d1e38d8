"""Initializers: distributions against their formulas, orthogonality, reproducibility, gains and configuration."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.initializers import Initializer, calculate_gain
from engine.registry import INITIALIZERS
from tests.reference.fixtures import load_json

#: One or more configurations per initializer.
CONFIGS: dict[str, list[dict[str, Any]]] = {
    "zeros": [{}], "ones": [{}], "constant": [{"value": -0.25}],
    "uniform": [{}, {"low": 0.5, "high": 2.0}], "normal": [{}, {"mean": 1.0, "std": 0.3}],
    "truncated_normal": [{}, {"mean": 0.5, "std": 1.0, "a": -0.2, "b": 3.0}],
    "glorot_uniform": [{}, {"gain": 2.0}], "glorot_normal": [{}, {"gain": 0.5}],
    "he_uniform": [{}, {"mode": "fan_out", "nonlinearity": "leaky_relu", "a": 0.2}],
    "he_normal": [{}, {"mode": "fan_out", "nonlinearity": "tanh"}],
    "lecun_uniform": [{}], "lecun_normal": [{}], "orthogonal": [{}, {"gain": 1.5}],
}
CASES = [(key, config) for key, configs in CONFIGS.items() for config in configs]
BAD_PARAMS = {
    "constant": ("value", "a lot"), "uniform": ("high", -1.0), "normal": ("std", -0.1),
    "truncated_normal": ("b", -0.2), "glorot_uniform": ("gain", 0.0), "glorot_normal": ("gain", -1.0),
    "he_uniform": ("mode", "fan_avg"), "he_normal": ("nonlinearity", "softmax"), "orthogonal": ("gain", 0.0),
}
FAN_IN, FAN_OUT = 300, 200
SHAPE = (FAN_IN, FAN_OUT)  # 60 000 values
N = math.prod(SHAPE)
SQRT2 = math.sqrt(2.0)


def _ids(cases: list[tuple[str, dict]]) -> list[str]:
    return [key + "".join(f"-{k}={v}" for k, v in config.items()) for key, config in cases]


def _make(key: str, config: dict[str, Any]) -> Initializer:
    return INITIALIZERS.create({"type": key, "config": config})


def _sample(key: str, config: dict[str, Any], shape: tuple[int, ...] = SHAPE, seed: int = 0) -> np.ndarray:
    return _make(key, config).sample(shape, FAN_IN, FAN_OUT, np.random.default_rng(seed))


# -- the expected distribution of each case, from its textbook / PyTorch formula --------------------------------
def _phi(z: float) -> float:
    return math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)


def _cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / SQRT2)


def _truncated_moments(mean: float, std: float, a: float, b: float) -> tuple[float, float]:
    alpha, beta = (a - mean) / std, (b - mean) / std
    z = _cdf(beta) - _cdf(alpha)
    m = mean + std * (_phi(alpha) - _phi(beta)) / z
    var = std**2 * (1 + (alpha * _phi(alpha) - beta * _phi(beta)) / z - ((_phi(alpha) - _phi(beta)) / z) ** 2)
    return m, math.sqrt(var)


def _expected(key: str, config: dict[str, Any]) -> tuple[str, float, float, float, float]:
    """(distribution, mean, std, low, high) with the support's bounds (±inf when unbounded)."""
    inf = math.inf
    if key == "uniform":
        low, high = config.get("low", -0.05), config.get("high", 0.05)
        return "uniform", (low + high) / 2, (high - low) / math.sqrt(12), low, high
    if key == "normal":
        return "normal", config.get("mean", 0.0), config.get("std", 0.05), -inf, inf
    if key == "truncated_normal":
        mean, std, a, b = (config.get(k, d) for k, d in (("mean", 0.0), ("std", 0.05), ("a", -0.1), ("b", 0.1)))
        m, s = _truncated_moments(mean, std, a, b)
        return "truncated", m, s, a, b
    if key.startswith("glorot"):
        std = config.get("gain", 1.0) * math.sqrt(2.0 / (FAN_IN + FAN_OUT))
    elif key.startswith("he"):
        fan = FAN_OUT if config.get("mode") == "fan_out" else FAN_IN
        gains = {"relu": SQRT2, "tanh": 5 / 3, "leaky_relu": math.sqrt(2 / (1 + config.get("a", 0.0) ** 2))}
        std = gains[config.get("nonlinearity", "relu")] / math.sqrt(fan)
    else:  # lecun
        std = 1 / math.sqrt(FAN_IN)
    if key.endswith("uniform"):
        bound = math.sqrt(3) * std
        return "uniform", 0.0, std, -bound, bound
    return "normal", 0.0, std, -inf, inf


RANDOM_CASES = [(k, c) for k, c in CASES if k not in ("zeros", "ones", "constant", "orthogonal")]


@pytest.mark.parametrize(("key", "config"), RANDOM_CASES, ids=_ids(RANDOM_CASES))
def test_sample_statistics_match_the_formula(key: str, config: dict[str, Any]) -> None:
    dist, mean, std, low, high = _expected(key, config)
    w = _sample(key, config)
    assert w.shape == SHAPE and w.dtype == np.float64
    # 5-sigma bounds from the sample size: the mean's standard error is std/√N; the sample std's is about
    # std·√((κ − 1) / 4N) with kurtosis κ ≤ 3 for all three families.
    assert abs(w.mean() - mean) <= 5 * std / math.sqrt(N)
    assert abs(w.std() - std) <= 5 * std * math.sqrt(2 / (4 * N))
    assert w.min() >= low and w.max() <= high
    if dist != "normal":  # the support is reached: within 1% of its width from each bound (≥ 40 values expected)
        width = high - low
        assert w.min() - low < 1e-2 * width and high - w.max() < 1e-2 * width


@pytest.mark.parametrize(("key", "value"), [("zeros", 0.0), ("ones", 1.0), ("constant", -0.25)])
def test_constants_are_exact(key: str, value: float) -> None:
    init = _make(key, CONFIGS[key][0])
    w = init((4, 3, 2), 6, 8, np.random.default_rng(0))
    assert w.dtype == np.float32 and np.all(w == np.float32(value))
    assert init((0, 5), 0, 5, np.random.default_rng(0)).shape == (0, 5)


@pytest.mark.parametrize("config", CONFIGS["orthogonal"], ids=["default", "gain"])
@pytest.mark.parametrize("shape", [(64, 32), (32, 64), (16, 4, 3, 3), (20, 20)])
def test_orthogonal(config: dict[str, Any], shape: tuple[int, ...]) -> None:
    gain = config.get("gain", 1.0)
    w = _sample("orthogonal", config, shape)
    assert w.shape == shape
    m = w.reshape(shape[0], -1) / gain
    small = m @ m.T if m.shape[0] <= m.shape[1] else m.T @ m
    np.testing.assert_allclose(small, np.eye(small.shape[0]), atol=1e-12)


def test_orthogonal_needs_a_matrix() -> None:
    with pytest.raises(ShapeError, match="at least 2 dimensions"):
        _sample("orthogonal", {}, (10,))


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_same_seed_same_values_and_float32_is_the_rounded_float64(key: str, config: dict[str, Any]) -> None:
    init = _make(key, config)
    shape = (40, 30)
    a = init(shape, 40, 30, np.random.default_rng(5), np.float64)
    b = init(shape, 40, 30, np.random.default_rng(5), np.float64)
    np.testing.assert_array_equal(a, b)
    c = init(shape, 40, 30, np.random.default_rng(5), np.float32)
    assert c.dtype == np.float32
    np.testing.assert_array_equal(c, a.astype(np.float32))
    if (key, config) in RANDOM_CASES or key == "orthogonal":
        assert not np.array_equal(a, init(shape, 40, 30, np.random.default_rng(6), np.float64))


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_zero_sized_shapes_work(key: str, config: dict[str, Any]) -> None:
    shape = (0, 7)
    assert _make(key, config).sample(shape, 0, 7, np.random.default_rng(0)).shape == shape


@pytest.mark.parametrize("key", ["glorot_uniform", "he_normal", "lecun_uniform"])
def test_scaled_initializers_need_positive_fans(key: str) -> None:
    with pytest.raises(ShapeError) as info:
        _make(key, {}).sample((3, 3), 0, 3, np.random.default_rng(0))
    assert info.value.param == "fan_in"


def test_truncated_normal_bounds_are_absolute() -> None:
    w = _sample("truncated_normal", {"mean": 0.0, "std": 1.0, "a": 0.0, "b": 0.5})
    assert w.min() >= 0.0 and w.max() <= 0.5 and w.min() < 1e-3 and w.max() > 0.499


def test_truncated_normal_refuses_a_window_in_the_far_tail() -> None:
    with pytest.raises(ConfigError) as info:
        _make("truncated_normal", {"mean": 0.0, "std": 1.0, "a": 5.0, "b": 6.0})
    assert info.value.param == "a"
    # Just inside the limit, the window is still sampled correctly.
    w = _sample("truncated_normal", {"mean": 0.0, "std": 1.0, "a": 3.0, "b": 6.0}, (2000,))
    assert w.min() >= 3.0 and w.max() <= 6.0


# -- gains against PyTorch ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", load_json("init_gains.json")["gains"],
                         ids=lambda c: f"{c['nonlinearity']}-{c['param']}")
def test_calculate_gain_matches_torch(case: dict[str, Any]) -> None:
    assert calculate_gain(case["nonlinearity"], case["param"]) == pytest.approx(case["gain"], rel=1e-15)


def test_calculate_gain_rejects_unknown_nonlinearity_and_bad_slope() -> None:
    with pytest.raises(ConfigError) as info:
        calculate_gain("softmax")
    assert info.value.param == "nonlinearity"
    with pytest.raises(ConfigError) as info:
        calculate_gain("leaky_relu", "steep")  # type: ignore[arg-type]
    assert info.value.param == "param"


# -- configuration -----------------------------------------------------------------------------------------------
def test_every_initializer_has_cases() -> None:
    assert set(INITIALIZERS.names()) == set(CONFIGS)
    assert {k for k in INITIALIZERS.names() if INITIALIZERS.params(k)} == set(BAD_PARAMS)


@pytest.mark.parametrize(("key", "config"), CASES, ids=_ids(CASES))
def test_config_round_trip(key: str, config: dict[str, Any]) -> None:
    init = _make(key, config)
    spec = json.loads(json.dumps(INITIALIZERS.to_spec(init)))
    again = INITIALIZERS.create(spec)
    assert type(again) is type(init) and again.get_config() == init.get_config()
    np.testing.assert_array_equal(_sample(key, config, (6, 5)), again.sample((6, 5), FAN_IN, FAN_OUT,
                                                                             np.random.default_rng(0)))
    description = INITIALIZERS.describe(key)
    assert description["help"] and description["category"]
    json.dumps(description)


@pytest.mark.parametrize("key", sorted(BAD_PARAMS))
def test_bad_parameter_names_it(key: str) -> None:
    name, value = BAD_PARAMS[key]
    with pytest.raises(ConfigError) as info:
        _make(key, {name: value})
    assert info.value.param == name and name in str(info.value)


def test_aliases() -> None:
    for alias, key in [("xavier_uniform", "glorot_uniform"), ("xavier_normal", "glorot_normal"),
                       ("kaiming_uniform", "he_uniform"), ("kaiming_normal", "he_normal")]:
        assert INITIALIZERS.canonical(alias) == key
