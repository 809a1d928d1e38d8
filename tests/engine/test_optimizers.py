"""Optimizers: step-by-step agreement with torch.optim, clipping, state round trips, dtypes, allocations, configs."""

from __future__ import annotations

import json
import tracemalloc
from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Parameter
from engine.optimizers import Optimizer, clip_gradients
from engine.registry import OPTIMIZERS
from tests.reference.fixtures import FIXTURES, load_json

META = load_json("optimizers.json")
ARRAYS = dict(np.load(FIXTURES / "optimizers.npz"))
CASES = {case["name"]: case for case in META["cases"]}

#: A setting per optimizer that exercises its optional branches (used by the round-trip and dtype tests).
RICH = {
    "sgd": {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
    "adagrad": {"lr_decay": 0.01, "weight_decay": 0.01, "initial_accumulator_value": 0.1},
    "adadelta": {"weight_decay": 0.01},
    "rmsprop": {"centered": True, "momentum": 0.9, "weight_decay": 0.01},
    "adam": {"amsgrad": True, "weight_decay": 0.01},
    "adamw": {"amsgrad": True},
    "adamax": {"weight_decay": 0.01},
    "nadam": {"weight_decay": 0.01, "decoupled_weight_decay": True},
}


def _grad(name: str, w: np.ndarray, t: int) -> np.ndarray:
    """The fixture's gradient function: 2·A·w + sin(w) + noise[t] on the flattened parameter."""
    flat = w.reshape(-1)
    return (2.0 * (ARRAYS[f"A/{name}"] @ flat) + np.sin(flat)).reshape(w.shape) + ARRAYS[f"noise/{name}"][t]


def _params(dtype: Any = np.float64) -> list[Parameter]:
    return [Parameter(name, ARRAYS[f"init/{name}"].astype(dtype)) for name in META["shapes"]]


def _run(opt: Optimizer, params: list[Parameter], steps: range) -> None:
    for t in steps:
        for p in params:
            p.grad[...] = _grad(p.name, p.value.astype(np.float64), t)
        opt.step(params)


# -- completeness --------------------------------------------------------------------------------------------------
def test_every_optimizer_has_reference_cases_and_a_rich_setting() -> None:
    assert set(OPTIMIZERS.names()) == {case["key"] for case in META["cases"]} == set(RICH)


# -- agreement with PyTorch -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(CASES))
def test_matches_torch_at_every_step(name: str) -> None:
    case = CASES[name]
    opt = OPTIMIZERS.create({"type": case["key"], "config": case["config"]})
    params = _params()
    for t in range(META["steps"]):
        _run(opt, params, range(t, t + 1))
        for p in params:
            expected = ARRAYS[f"traj/{name}/{p.name}"][t]
            np.testing.assert_allclose(p.value, expected, rtol=1e-11, atol=1e-14,
                                       err_msg=f"{name}: {p.name} after step {t + 1}")


@pytest.mark.parametrize("case", META["clip_cases"], ids=lambda c: c["name"])
def test_clipping_matches_torch_clip_grad_value_then_norm(case: dict[str, Any]) -> None:
    dtype = np.dtype(case["dtype"])
    params = [Parameter(f"p{i}", np.zeros(np.shape(g), dtype=dtype)) for i, g in enumerate(case["grads"])]
    for p, g in zip(params, case["grads"], strict=True):
        p.grad[...] = g
    norm = clip_gradients(params, case["clipnorm"], case["clipvalue"])
    rtol = 1e-6 if dtype == np.float32 else 1e-13
    for p, expected in zip(params, case["clipped"], strict=True):
        assert p.grad.dtype == dtype
        np.testing.assert_allclose(p.grad, expected, rtol=rtol, atol=0)
    if case["norm"] is not None:
        assert norm == pytest.approx(case["norm"], rel=rtol)


def test_weight_decay_leaves_the_gradient_untouched() -> None:
    """torch adds weight_decay·w to a copy (``grad.add``): callbacks that read gradients see the loss gradient."""
    for key in ("sgd", "adagrad", "adadelta", "rmsprop", "adam", "adamax", "nadam"):
        params = _params()
        for p in params:
            p.grad[...] = _grad(p.name, p.value, 0)
        before = [p.grad.copy() for p in params]
        OPTIMIZERS.create({"type": key, "config": {"weight_decay": 0.5}}).step(params)
        for p, g in zip(params, before, strict=True):
            np.testing.assert_array_equal(p.grad, g, err_msg=key)


# -- state ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(RICH))
def test_restored_optimizer_continues_identically(key: str) -> None:
    spec = {"type": key, "config": RICH[key]}
    opt, params = OPTIMIZERS.create(spec), _params()
    _run(opt, params, range(10))
    saved = opt.state_dict()
    weights = [p.value.copy() for p in params]
    _run(opt, params, range(10, 20))  # must not leak into `saved`

    restored, params2 = OPTIMIZERS.create(json.loads(json.dumps(OPTIMIZERS.to_spec(opt)))), _params()
    for p, w in zip(params2, weights, strict=True):
        p.value[...] = w
    as_json = json.loads(json.dumps(saved, default=lambda a: a.tolist()))  # arrays as plain lists, as in a file
    restored.load_state_dict(as_json)
    assert restored.iterations == 10
    _run(restored, params2, range(10, 20))
    for p, q in zip(params, params2, strict=True):
        np.testing.assert_array_equal(p.value, q.value)


@pytest.mark.parametrize("key", sorted(RICH))
def test_loading_a_state_into_a_used_optimizer_continues_from_that_state(key: str) -> None:
    """An optimizer keeps its arrays between steps; a load must replace them, not keep updating the old ones."""
    spec = {"type": key, "config": RICH[key]}
    opt, params = OPTIMIZERS.create(spec), _params()
    _run(opt, params, range(5))
    saved, weights = opt.state_dict(), [p.value.copy() for p in params]
    _run(opt, params, range(5, 10))
    opt.load_state_dict(saved)
    for p, w in zip(params, weights, strict=True):
        p.value[...] = w
    _run(opt, params, range(5, 10))
    fresh, params2 = OPTIMIZERS.create(spec), _params()
    fresh.load_state_dict(saved)
    for p, w in zip(params2, weights, strict=True):
        p.value[...] = w
    _run(fresh, params2, range(5, 10))
    for p, q in zip(params, params2, strict=True):
        np.testing.assert_array_equal(p.value, q.value)
    ours, theirs = opt.state_dict()["state"], fresh.state_dict()["state"]
    assert ours.keys() == theirs.keys()
    for name, slots in ours.items():
        assert slots.keys() == theirs[name].keys()
        for slot, array in slots.items():
            np.testing.assert_array_equal(array, theirs[name][slot], err_msg=f"{key}: {name}/{slot}")


def test_state_is_keyed_by_parameter_name_and_checked_on_load() -> None:
    opt, params = OPTIMIZERS.create("adam"), _params()
    _run(opt, params, range(2))
    state = opt.state_dict()
    assert set(state["state"]) == {"w", "k"}
    assert set(state["state"]["k"]) == {"step", "exp_avg", "exp_avg_sq"}
    assert int(state["state"]["k"]["step"]) == 2
    state["state"]["w"], state["state"]["k"] = state["state"]["k"], state["state"]["w"]
    swapped = OPTIMIZERS.create("adam")
    swapped.load_state_dict(state)
    with pytest.raises(ShapeError) as info:
        _run(swapped, _params(), range(2, 3))
    assert info.value.param == "w"


# -- dtypes and allocations ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(RICH))
def test_float32_stays_float32_and_tracks_float64(key: str) -> None:
    spec = {"type": key, "config": {**RICH[key], "clipnorm": 5.0, "clipvalue": 3.0}}
    opt32, opt64 = OPTIMIZERS.create(spec), OPTIMIZERS.create(spec)
    p32, p64 = _params(np.float32), _params(np.float64)
    opt32.lr = np.float64(opt32.lr)  # a NumPy float64 learning rate (as a schedule may set) must not upcast
    _run(opt32, p32, range(20))
    _run(opt64, p64, range(20))
    for p, q in zip(p32, p64, strict=True):
        assert p.value.dtype == np.float32 and p.grad.dtype == np.float32
        np.testing.assert_allclose(p.value, q.value, rtol=2e-4, atol=2e-5)
    for slots in opt32.state.values():
        for slot, array in slots.items():
            if slot not in ("step", "mu_product"):
                assert array.dtype == np.float32, (key, slot)


@pytest.mark.parametrize("key", sorted(RICH))
def test_steps_after_the_first_allocate_no_parameter_sized_arrays(key: str) -> None:
    opt = OPTIMIZERS.create({"type": key, "config": RICH[key]})
    params = [Parameter("big", np.ones((100, 100), dtype=np.float32))]
    params[0].grad[...] = 0.01
    opt.step(params)
    tracemalloc.start()
    try:
        for _ in range(3):
            opt.step(params)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < params[0].value.nbytes // 4, f"{key} allocated {peak} bytes during a step"


# -- configuration -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", sorted(RICH))
def test_config_round_trip_and_parameter_order(key: str) -> None:
    cls = OPTIMIZERS.get(key)
    names = [p.name for p in cls.PARAMS]
    assert names[0] == "lr" and names[-2:] == ["clipnorm", "clipvalue"]
    assert (cls.__doc__ or "").strip().splitlines()[0]
    opt = OPTIMIZERS.create({"type": key, "config": {**RICH[key], "clipnorm": 1.0}})
    config = json.loads(json.dumps(opt.get_config()))
    assert cls.from_config(config).get_config() == opt.get_config()
    assert set(config) == set(names)
    json.dumps(OPTIMIZERS.describe(key))


@pytest.mark.parametrize("key", sorted(RICH))
def test_negative_learning_rate_is_refused(key: str) -> None:
    with pytest.raises(ConfigError) as info:
        OPTIMIZERS.create({"type": key, "config": {"lr": -0.1}})
    assert info.value.param == "lr" and "-0.1" in str(info.value)
    opt, params = OPTIMIZERS.create(key), _params()
    opt.lr = -1.0
    with pytest.raises(ConfigError):
        _run(opt, params, range(1))


@pytest.mark.parametrize("config", [{"nesterov": True}, {"nesterov": True, "momentum": 0.9, "dampening": 0.1}])
def test_nesterov_needs_momentum_and_no_dampening(config: dict[str, Any]) -> None:
    with pytest.raises(ConfigError) as info:
        OPTIMIZERS.create({"type": "sgd", "config": config})
    assert info.value.param == "nesterov"


@pytest.mark.parametrize(("key", "config", "param"), [
    ("adam", {"beta_1": 1.0}, "beta_1"),
    ("adam", {"eps": 0.0}, "eps"),
    ("rmsprop", {"alpha": 1.5}, "alpha"),
    ("sgd", {"momentum": -0.1}, "momentum"),
    ("adagrad", {"lr_decay": -1.0}, "lr_decay"),
    ("sgd", {"clipnorm": 0.0}, "clipnorm"),
    ("adam", {"betas": [0.9, 0.99]}, "betas"),
])
def test_invalid_settings_name_the_parameter(key: str, config: dict[str, Any], param: str) -> None:
    with pytest.raises(ConfigError) as info:
        OPTIMIZERS.create({"type": key, "config": config})
    assert info.value.param == param



@pytest.mark.parametrize("key", ["adam", "adamw"])
def test_betas_changed_between_steps_take_effect_at_once(key: str) -> None:
    """Adam writes its β coefficients only when they change: a change must still reach the very next step."""
    changed, fresh = OPTIMIZERS.create(key), OPTIMIZERS.create(key)
    params, params2 = _params(), _params()
    _run(changed, params, range(3))
    changed.beta_1, changed.beta_2 = 0.5, 0.9
    fresh.beta_1, fresh.beta_2 = 0.5, 0.9
    fresh.load_state_dict(changed.state_dict())
    for p, q in zip(params2, params, strict=True):
        p.value[...] = q.value
    _run(changed, params, range(3, 6))
    _run(fresh, params2, range(3, 6))
    for p, q in zip(params, params2, strict=True):
        np.testing.assert_array_equal(p.value, q.value)
