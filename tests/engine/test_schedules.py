"""Schedules: values against torch.optim.lr_scheduler, purity, validation and configuration of every SCHEDULES entry."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.registry import SCHEDULES
from engine.schedules import INTERVAL, Schedule
from tests.reference.fixtures import load_json

DATA = load_json("schedules.json")
CASES = {case["name"]: case for case in DATA["cases"]}


def test_every_schedule_has_reference_cases() -> None:
    assert set(SCHEDULES.names()) == {case["spec"]["type"] for case in DATA["cases"]}


@pytest.mark.parametrize("name", list(CASES))
def test_matches_torch(name: str) -> None:
    case = CASES[name]
    schedule = SCHEDULES.create(case["spec"])
    ours = schedule.values(len(case["lrs"]), case["base_lr"])
    assert ours.dtype == np.float64 and len(ours) >= 60
    # relative 1e-10; the absolute floor only matters where torch's recursive cosine reaches ~0
    np.testing.assert_allclose(ours, case["lrs"], rtol=1e-10, atol=1e-15 * case["base_lr"])


@pytest.mark.parametrize("key", SCHEDULES.names())
def test_default_config_round_trips_and_has_interval(key: str) -> None:
    cls = SCHEDULES.get(key)
    assert issubclass(cls, Schedule)
    assert [p.name for p in cls.PARAMS][-1] == "interval"
    assert next(p for p in cls.PARAMS if p.name == "interval").choices == INTERVAL.choices
    assert (cls.__doc__ or "").strip().splitlines()[0]
    schedule = SCHEDULES.create(key)
    config = json.loads(json.dumps(schedule.get_config()))
    again = cls.from_config(config)
    assert again.get_config() == schedule.get_config()
    np.testing.assert_array_equal(again.values(70, 0.1), schedule.values(70, 0.1))
    json.dumps(SCHEDULES.describe(key))


@pytest.mark.parametrize("name", list(CASES))
def test_lr_at_is_pure(name: str) -> None:
    """The same t gives the same value whatever was asked before (the window previews out of order)."""
    schedule = SCHEDULES.create(CASES[name]["spec"])
    base = CASES[name]["base_lr"]
    forward = schedule.values(70, base)
    backward = [schedule.lr_at(t, base) for t in reversed(range(70))][::-1]
    np.testing.assert_array_equal(forward, backward)


def test_absolute_schedules_ignore_base_lr() -> None:
    for name in ("piecewise_four", "noam_small"):
        schedule = SCHEDULES.create(CASES[name]["spec"])
        np.testing.assert_array_equal(schedule.values(80, 0.001), CASES[name]["lrs"])


def test_one_cycle_holds_its_final_value_and_needs_the_run_length() -> None:
    schedule = SCHEDULES.create({"type": "one_cycle", "config": {"total_steps": 50}})
    assert schedule.needs_total and schedule.interval == "step"
    final = schedule.lr_at(49, 0.1)
    assert final == pytest.approx(0.1 / 25 / 1e4, rel=1e-12)
    assert schedule.lr_at(50, 0.1) == schedule.lr_at(500, 0.1) == final


def test_warmup_offsets_the_wrapped_schedule_by_warmup_steps() -> None:
    inner = {"type": "exponential", "config": {"gamma": 0.5}}
    warm = SCHEDULES.create({"type": "warmup", "config": {"schedule": inner, "warmup_steps": 4}})
    wrapped = SCHEDULES.create(inner)
    assert [warm.lr_at(t, 2.0) for t in range(4, 10)] == [wrapped.lr_at(t, 2.0) for t in range(6)]
    assert warm.inner.get_config() == wrapped.get_config()


def test_warmup_accepts_an_instance_and_stores_its_spec() -> None:
    inner = SCHEDULES.create({"type": "cosine", "config": {"t_max": 7}})
    warm = SCHEDULES.create({"type": "warmup", "config": {"schedule": inner}})
    assert warm.get_config()["schedule"] == {"type": "cosine", "config": inner.get_config()}
    json.dumps(warm.get_config())


@pytest.mark.parametrize(("key", "config", "param"), [
    ("piecewise_constant", {"boundaries": [10, 20], "rates": [0.1, 0.01]}, "rates"),
    ("piecewise_constant", {"boundaries": [10, 20, 30], "rates": [0.1, 0.01]}, "rates"),
    ("piecewise_constant", {"boundaries": [20, 10], "rates": [0.1, 0.01, 0.001]}, "boundaries"),
    ("piecewise_constant", {"boundaries": [10, 10], "rates": [0.1, 0.01, 0.001]}, "boundaries"),
    ("piecewise_constant", {"rates": [0.1, -0.01, 0.001]}, "rates"),
    ("step_decay", {"step_size": 0}, "step_size"),
    ("step_decay", {"gamma": 0.0}, "gamma"),
    ("multi_step", {"milestones": [0, 5]}, "milestones"),
    ("exponential", {"gamma": 1.5}, "gamma"),
    ("natural_exp", {"decay_steps": 0}, "decay_steps"),
    ("inverse_time", {"decay_rate": -1.0}, "decay_rate"),
    ("polynomial", {"power": 0.0}, "power"),
    ("polynomial", {"end_lr": -0.1}, "end_lr"),
    ("cosine", {"t_max": 0}, "t_max"),
    ("cosine", {"eta_min": -1e-3}, "eta_min"),
    ("cosine_restarts", {"t_mult": 0}, "t_mult"),
    ("one_cycle", {"pct_start": 1.0}, "pct_start"),
    ("one_cycle", {"total_steps": 10, "pct_start": 0.05}, "pct_start"),
    ("one_cycle", {"total_steps": 10, "pct_start": 0.6, "three_phase": True}, "pct_start"),
    ("one_cycle", {"anneal_strategy": "exp"}, "anneal_strategy"),
    ("noam", {"warmup_steps": 0}, "warmup_steps"),
    ("warmup", {"schedule": "no_such_schedule"}, "schedule"),
    ("warmup", {"schedule": {"type": "exponential", "config": {"gamma": 2.0}}}, "schedule"),
    ("warmup", {"start_factor": 0.0}, "start_factor"),
    ("constant", {"interval": "batch"}, "interval"),
])
def test_invalid_settings_name_the_parameter(key: str, config: dict[str, Any], param: str) -> None:
    with pytest.raises(ConfigError) as info:
        SCHEDULES.create({"type": key, "config": config})
    assert info.value.param == param
    assert f"'{param}'" in str(info.value)
