"""Reference learning rates from torch.optim.lr_scheduler, and ReduceLROnPlateau decisions on a fixed loss sequence.

Each schedule case records torch's lr for t = 0 … n−1: the lr right after construction, then after each
``scheduler.step()``. Schedules without a torch class (piecewise_constant, natural_exp, inverse_time, polynomial
with end_lr, noam) use ``LambdaLR`` with the formula the engine documents. Writes ``schedules.json``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.optim import lr_scheduler as sched

from tests.reference.fixtures import write_json

N = 80
Builder = Callable[[torch.optim.Optimizer], Any]


def _lambda(fn: Callable[[int], float]) -> Builder:
    return lambda opt: sched.LambdaLR(opt, fn)


def _piecewise(boundaries: list[int], values: list[float], base_lr: float) -> Builder:
    return _lambda(lambda t: values[bisect.bisect_left(boundaries, t)] / base_lr)


def _rate(kind: str, rate: float, steps: int, staircase: bool) -> Builder:
    def factor(t: int) -> float:
        p = math.floor(t / steps) if staircase else t / steps
        return math.exp(-rate * p) if kind == "natural_exp" else 1.0 / (1.0 + rate * p)

    return _lambda(factor)


def _keras_polynomial(total: int, power: float, end_lr: float, base_lr: float) -> Builder:
    return _lambda(lambda t: ((base_lr - end_lr) * (1 - min(t, total) / total) ** power + end_lr) / base_lr)


def _noam(d_model: int, warmup: int, factor: float) -> Builder:
    def rate(step: int) -> float:  # the Annotated Transformer's rate(), run with an optimizer lr of 1
        if step == 0:
            step = 1
        return factor * (d_model ** (-0.5) * min(step ** (-0.5), step * warmup ** (-1.5)))

    return _lambda(rate)


def _warmup(warmup_steps: int, start_factor: float, inner: Builder) -> Builder:
    def build(opt: torch.optim.Optimizer) -> Any:
        first = sched.LinearLR(opt, start_factor=start_factor, total_iters=warmup_steps)
        return sched.SequentialLR(opt, [first, inner(opt)], milestones=[warmup_steps])

    return build


def _spec(key: str, **config: Any) -> dict[str, Any]:
    return {"type": key, "config": config}


#: (case name, engine spec, base lr, torch builder, number of values)
CASES: list[tuple[str, dict[str, Any], float, Builder, int]] = [
    ("constant", _spec("constant"), 0.1, _lambda(lambda t: 1.0), N),
    ("piecewise_two", _spec("piecewise_constant", boundaries=[10], rates=[0.5, 0.05]), 0.1,
     _piecewise([10], [0.5, 0.05], 0.1), N),
    ("piecewise_four", _spec("piecewise_constant", boundaries=[5, 20, 40], rates=[0.1, 0.03, 0.01, 0.001]), 0.2,
     _piecewise([5, 20, 40], [0.1, 0.03, 0.01, 0.001], 0.2), N),
    ("step_decay_7", _spec("step_decay", step_size=7, gamma=0.5), 0.1, lambda o: sched.StepLR(o, 7, 0.5), N),
    ("step_decay_1", _spec("step_decay", step_size=1, gamma=0.9), 0.05, lambda o: sched.StepLR(o, 1, 0.9), N),
    ("multi_step_dup", _spec("multi_step", milestones=[40, 10, 25, 25], gamma=0.3), 0.1,
     lambda o: sched.MultiStepLR(o, [40, 10, 25, 25], 0.3), N),
    ("multi_step_one", _spec("multi_step", milestones=[5], gamma=0.1), 0.01,
     lambda o: sched.MultiStepLR(o, [5], 0.1), N),
    ("exponential_95", _spec("exponential", gamma=0.95), 0.1, lambda o: sched.ExponentialLR(o, 0.95), N),
    ("exponential_80", _spec("exponential", gamma=0.8), 1.0, lambda o: sched.ExponentialLR(o, 0.8), N),
    ("natural_exp_smooth", _spec("natural_exp", decay_rate=0.3, decay_steps=7, staircase=False), 0.1,
     _rate("natural_exp", 0.3, 7, False), N),
    ("natural_exp_staircase", _spec("natural_exp", decay_rate=0.5, decay_steps=10, staircase=True), 0.1,
     _rate("natural_exp", 0.5, 10, True), N),
    ("inverse_time_smooth", _spec("inverse_time", decay_rate=0.5, decay_steps=4, staircase=False), 0.1,
     _rate("inverse_time", 0.5, 4, False), N),
    ("inverse_time_staircase", _spec("inverse_time", decay_rate=1.0, decay_steps=15, staircase=True), 0.3,
     _rate("inverse_time", 1.0, 15, True), N),
    ("polynomial_square", _spec("polynomial", total_steps=40, power=2.0), 0.1,
     lambda o: sched.PolynomialLR(o, total_iters=40, power=2.0), N),
    ("polynomial_linear", _spec("polynomial", total_steps=63, power=1.0), 0.05,
     lambda o: sched.PolynomialLR(o, total_iters=63, power=1.0), N),
    ("polynomial_end_lr", _spec("polynomial", total_steps=50, power=0.5, end_lr=1e-4), 0.1,
     _keras_polynomial(50, 0.5, 1e-4, 0.1), N),
    ("cosine_past_t_max", _spec("cosine", t_max=25), 0.1, lambda o: sched.CosineAnnealingLR(o, 25), N),
    ("cosine_eta_min", _spec("cosine", t_max=60, eta_min=1e-3), 0.05,
     lambda o: sched.CosineAnnealingLR(o, 60, eta_min=1e-3), N),
    ("cosine_restarts_mult1", _spec("cosine_restarts", t_0=10), 0.1,
     lambda o: sched.CosineAnnealingWarmRestarts(o, 10), N),
    ("cosine_restarts_mult2", _spec("cosine_restarts", t_0=5, t_mult=2, eta_min=1e-3), 0.1,
     lambda o: sched.CosineAnnealingWarmRestarts(o, 5, T_mult=2, eta_min=1e-3), N),
    ("one_cycle_default", _spec("one_cycle", total_steps=N), 0.1,
     lambda o: sched.OneCycleLR(o, 0.1, total_steps=N, cycle_momentum=False), N),
    ("one_cycle_linear_three", _spec("one_cycle", total_steps=70, pct_start=0.25, anneal_strategy="linear",
                                     div_factor=10.0, final_div_factor=100.0, three_phase=True), 0.5,
     lambda o: sched.OneCycleLR(o, 0.5, total_steps=70, pct_start=0.25, anneal_strategy="linear", div_factor=10.0,
                                final_div_factor=100.0, three_phase=True, cycle_momentum=False), 70),
    ("one_cycle_cos_three", _spec("one_cycle", total_steps=61, pct_start=0.4, three_phase=True), 0.02,
     lambda o: sched.OneCycleLR(o, 0.02, total_steps=61, pct_start=0.4, three_phase=True, cycle_momentum=False), 61),
    ("noam_small", _spec("noam", d_model=64, warmup_steps=10, factor=2.0), 1.0, _noam(64, 10, 2.0), N),
    ("noam_default_scale", _spec("noam", d_model=128, warmup_steps=25), 1.0, _noam(128, 25, 1.0), N),
    ("warmup_exponential", _spec("warmup", schedule=_spec("exponential", gamma=0.9), warmup_steps=5,
                                 start_factor=0.1), 0.1,
     _warmup(5, 0.1, lambda o: sched.ExponentialLR(o, 0.9)), N),
    ("warmup_cosine", _spec("warmup", schedule=_spec("cosine", t_max=30, eta_min=1e-4), warmup_steps=8), 0.05,
     _warmup(8, 1.0 / 3, lambda o: sched.CosineAnnealingLR(o, 30, eta_min=1e-4)), N),
    ("warmup_multi_step", _spec("warmup", schedule=_spec("multi_step", milestones=[10, 20], gamma=0.5),
                                warmup_steps=3, start_factor=0.5), 0.1,
     _warmup(3, 0.5, lambda o: sched.MultiStepLR(o, [10, 20], 0.5)), N),
    ("warmup_step_decay", _spec("warmup", schedule=_spec("step_decay", step_size=6, gamma=0.7), warmup_steps=12,
                                start_factor=0.25), 0.2,
     _warmup(12, 0.25, lambda o: sched.StepLR(o, 6, 0.7)), N),
    ("warmup_restarts", _spec("warmup", schedule=_spec("cosine_restarts", t_0=8, t_mult=2), warmup_steps=4,
                              start_factor=0.2), 0.1,
     _warmup(4, 0.2, lambda o: sched.CosineAnnealingWarmRestarts(o, 8, T_mult=2)), N),
]

#: ReduceLROnPlateau settings (engine callback names) fed the same metric sequences.
PLATEAU_CASES: list[tuple[str, dict[str, Any], float, str]] = [
    ("min_rel", {"factor": 0.5, "patience": 3}, 0.1, "falling"),
    ("min_rel_cooldown", {"factor": 0.3, "patience": 2, "cooldown": 3, "threshold": 0.01}, 0.1, "falling"),
    ("min_abs_min_lr", {"factor": 0.1, "patience": 1, "threshold": 0.005, "threshold_mode": "abs",
                        "min_lr": 1e-4}, 0.1, "falling"),
    ("max_rel", {"mode": "max", "factor": 0.5, "patience": 2}, 0.05, "rising"),
    ("max_abs_cooldown", {"mode": "max", "factor": 0.2, "patience": 0, "cooldown": 1, "threshold": 0.01,
                          "threshold_mode": "abs"}, 0.05, "rising"),
    ("eps_blocks", {"factor": 0.5, "patience": 1, "eps": 0.02, "min_lr": 0.0}, 0.1, "falling"),
]


def _record(builder: Builder, base_lr: float, n: int) -> list[float]:
    param = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([param], lr=base_lr)
    scheduler = builder(opt)
    lrs = [opt.param_groups[0]["lr"]]
    for _ in range(n - 1):
        opt.step()  # no gradient: nothing moves, but torch sees the usual step order
        scheduler.step()
        lrs.append(opt.param_groups[0]["lr"])
    return lrs


def _metric_sequences(rng: np.random.Generator) -> dict[str, list[float]]:
    t = np.arange(60)
    falling = 1.0 / (1.0 + 0.15 * t) + 0.02 * rng.normal(size=t.size)
    falling[30:] = falling[30] + 0.004 * rng.normal(size=30)  # a plateau with small noise
    rising = 0.9 - 0.5 * np.exp(-t / 8) + 0.01 * rng.normal(size=t.size)
    return {"falling": falling.tolist(), "rising": rising.tolist()}


def _plateau(config: dict[str, Any], base_lr: float, metrics: list[float]) -> list[float]:
    param = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([param], lr=base_lr)
    scheduler = sched.ReduceLROnPlateau(opt, **config)
    lrs = []
    for value in metrics:
        scheduler.step(value)
        lrs.append(opt.param_groups[0]["lr"])
    return lrs


def generate(out: Path) -> list[Path]:
    torch.set_default_dtype(torch.float64)
    cases = [{"name": name, "spec": spec, "base_lr": base_lr, "lrs": _record(builder, base_lr, n)}
             for name, spec, base_lr, builder, n in CASES]
    sequences = _metric_sequences(np.random.default_rng(7))
    plateau = [{"name": name, "config": config, "base_lr": base_lr, "metric": metric,
                "lrs": _plateau(config, base_lr, sequences[metric])}
               for name, config, base_lr, metric in PLATEAU_CASES]
    data = {"torch": torch.__version__, "cases": cases, "plateau_metrics": sequences, "plateau": plateau}
    return [write_json(out / "schedules.json", data)]
