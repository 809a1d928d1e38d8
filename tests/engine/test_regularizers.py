"""Regularizers: penalties by their definitions, gradients by finite differences, dtypes and configuration."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.gradcheck import check_regularizer
from engine.registry import REGULARIZERS
from engine.regularizers import Regularizer

CONFIGS: dict[str, list[dict[str, Any]]] = {
    "l1": [{}, {"l1": 0.3}], "l2": [{}, {"l2": 0.25}], "l1_l2": [{}, {"l1": 0.1, "l2": 0.0}, {"l1": 0.02, "l2": 0.5}],
}
CASES = [(key, config) for key, configs in CONFIGS.items() for config in configs]
IDS = [key + "".join(f"-{k}={v}" for k, v in config.items()) for key, config in CASES]
W = np.random.default_rng(0).standard_normal((7, 5))


def _make(key: str, config: dict[str, Any]) -> Regularizer:
    return REGULARIZERS.create({"type": key, "config": config})


def _coefficients(reg: Regularizer) -> tuple[float, float]:
    return getattr(reg, "l1", 0.0), getattr(reg, "l2", 0.0)


def test_every_regularizer_has_cases() -> None:
    assert set(REGULARIZERS.names()) == set(CONFIGS)


@pytest.mark.parametrize(("key", "config"), CASES, ids=IDS)
def test_penalty_follows_the_keras_definition(key: str, config: dict[str, Any]) -> None:
    reg = _make(key, config)
    l1, l2 = _coefficients(reg)
    penalty = reg.penalty(W)
    assert type(penalty) is float and reg(W) == penalty
    assert penalty == pytest.approx(l1 * np.abs(W).sum() + l2 * (W**2).sum(), rel=1e-14)


@pytest.mark.parametrize(("key", "config"), CASES, ids=IDS)
def test_gradcheck(key: str, config: dict[str, Any]) -> None:
    w = W.copy()
    w[np.abs(w) < 1e-3] = 0.5  # |w| has a kink at 0: keep finite differences away from it
    result = check_regularizer(_make(key, config), w)
    assert result.ok, str(result)


@pytest.mark.parametrize(("key", "config"), CASES, ids=IDS)
def test_gradient_keeps_dtype_and_shape(key: str, config: dict[str, Any]) -> None:
    reg = _make(key, config)
    w32 = W.astype(np.float32)
    grad = reg.gradient(w32)
    assert grad.dtype == np.float32 and grad.shape == W.shape
    np.testing.assert_allclose(grad, reg.gradient(W), rtol=1e-6, atol=1e-7)
    assert reg.penalty(w32) == pytest.approx(reg.penalty(W), rel=1e-6)


def test_l1_subgradient_at_zero_is_zero() -> None:
    assert _make("l1", {}).gradient(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]
    assert _make("l1_l2", {}).penalty(np.zeros((2, 2))) == 0.0


@pytest.mark.parametrize(("key", "config"), CASES, ids=IDS)
def test_config_round_trip(key: str, config: dict[str, Any]) -> None:
    reg = _make(key, config)
    again = REGULARIZERS.create(json.loads(json.dumps(REGULARIZERS.to_spec(reg))))
    assert type(again) is type(reg) and again.get_config() == reg.get_config()
    assert again.penalty(W) == reg.penalty(W)
    description = REGULARIZERS.describe(key)
    assert description["help"]
    json.dumps(description)


@pytest.mark.parametrize(("key", "name"), [("l1", "l1"), ("l2", "l2"), ("l1_l2", "l1"), ("l1_l2", "l2")])
@pytest.mark.parametrize("value", [-0.01, "much", float("nan")])
def test_bad_parameter_names_it(key: str, name: str, value: Any) -> None:
    with pytest.raises(ConfigError) as info:
        _make(key, {name: value})
    assert info.value.param == name and name in str(info.value)
