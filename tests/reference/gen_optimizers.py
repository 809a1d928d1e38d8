"""Reference trajectories of torch.optim optimizers (float64, single-tensor path) and of gradient clipping.

Each case runs one optimizer for ``STEPS`` steps on parameters whose gradient is a fixed deterministic function of
the parameter, ``grad = 2·A·w + sin(w) + noise[t]`` (w flattened; A and the noise sequence are stored), and records
every parameter after every step. The tests replay the same gradient function with the engine's optimizers.

Writes ``optimizers.json`` (cases and clipping cases) and ``optimizers.npz`` (initial values, A, noise,
trajectories keyed ``"<case>/<param>"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch

from tests.reference.fixtures import write_json

STEPS = 60
SHAPES = {"w": (3,), "k": (2, 3)}

#: (case name, engine key, engine config). Clipping settings are applied with torch.nn.utils before each step.
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("sgd_plain", "sgd", {}),
    ("sgd_momentum", "sgd", {"momentum": 0.9}),
    ("sgd_nesterov", "sgd", {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("sgd_dampening_wd", "sgd", {"lr": 0.02, "momentum": 0.8, "dampening": 0.5, "weight_decay": 0.05}),
    ("sgd_clipnorm", "sgd", {"lr": 0.05, "momentum": 0.5, "clipnorm": 0.5}),
    ("sgd_clip_both", "sgd", {"lr": 0.05, "clipnorm": 0.4, "clipvalue": 0.3}),
    ("adagrad_default", "adagrad", {}),
    ("adagrad_decay", "adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.02,
                                  "initial_accumulator_value": 0.1}),
    ("adadelta_default", "adadelta", {}),
    ("adadelta_wd", "adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-5, "weight_decay": 0.05}),
    ("rmsprop_default", "rmsprop", {}),
    ("rmsprop_centered", "rmsprop", {"lr": 0.005, "centered": True}),
    ("rmsprop_centered_momentum", "rmsprop", {"lr": 0.002, "alpha": 0.9, "centered": True, "momentum": 0.9}),
    ("rmsprop_momentum_wd", "rmsprop", {"lr": 0.003, "momentum": 0.5, "weight_decay": 0.01}),
    ("adam_default", "adam", {}),
    ("adam_amsgrad", "adam", {"lr": 0.02, "amsgrad": True}),
    ("adam_wd_betas", "adam", {"lr": 0.01, "beta_1": 0.8, "beta_2": 0.99, "eps": 1e-6, "weight_decay": 0.05}),
    ("adam_clipvalue", "adam", {"lr": 0.01, "clipvalue": 0.2}),
    ("adamw_default", "adamw", {}),
    ("adamw_amsgrad_wd", "adamw", {"lr": 0.02, "weight_decay": 0.1, "amsgrad": True}),
    ("adamax_default", "adamax", {}),
    ("adamax_wd", "adamax", {"lr": 0.01, "beta_1": 0.8, "weight_decay": 0.02}),
    ("nadam_default", "nadam", {}),
    ("nadam_wd", "nadam", {"lr": 0.01, "weight_decay": 0.02, "momentum_decay": 0.01}),
    ("nadam_decoupled", "nadam", {"lr": 0.01, "weight_decay": 0.05, "decoupled_weight_decay": True}),
]


def _torch_optimizer(key: str, config: dict[str, Any], params: list[torch.Tensor]) -> torch.optim.Optimizer:
    kwargs = {k: v for k, v in config.items() if k not in ("clipnorm", "clipvalue", "beta_1", "beta_2")}
    if "beta_1" in config or "beta_2" in config:
        kwargs["betas"] = (config.get("beta_1", 0.9), config.get("beta_2", 0.999))
    cls = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "adadelta": torch.optim.Adadelta,
           "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
           "adamax": torch.optim.Adamax, "nadam": torch.optim.NAdam}[key]
    if key == "sgd":
        kwargs.setdefault("lr", 0.01)
    return cls(params, foreach=False, **kwargs)


def _problem(rng: np.random.Generator) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for name, shape in SHAPES.items():
        n = int(np.prod(shape))
        m = rng.normal(size=(n, n))
        arrays[f"A/{name}"] = 0.5 * m @ m.T / n + 0.1 * np.eye(n)
        arrays[f"init/{name}"] = rng.normal(size=shape)
        arrays[f"noise/{name}"] = 0.3 * rng.normal(size=(STEPS, *shape))
    return arrays


def _grad(arrays: dict[str, np.ndarray], name: str, w: torch.Tensor, t: int) -> torch.Tensor:
    a = torch.from_numpy(arrays[f"A/{name}"])
    flat = w.detach().reshape(-1)
    g = 2.0 * (a @ flat) + torch.sin(flat)
    return g.reshape(w.shape) + torch.from_numpy(arrays[f"noise/{name}"][t])


def _run(arrays: dict[str, np.ndarray], key: str, config: dict[str, Any]) -> dict[str, np.ndarray]:
    params = {name: torch.tensor(arrays[f"init/{name}"], requires_grad=True) for name in SHAPES}
    opt = _torch_optimizer(key, config, list(params.values()))
    traj = {name: np.empty((STEPS, *shape)) for name, shape in SHAPES.items()}
    for t in range(STEPS):
        for name, p in params.items():
            p.grad = _grad(arrays, name, p, t)
        if "clipvalue" in config:
            torch.nn.utils.clip_grad_value_(list(params.values()), config["clipvalue"])
        if "clipnorm" in config:
            torch.nn.utils.clip_grad_norm_(list(params.values()), config["clipnorm"])
        opt.step()
        for name, p in params.items():
            traj[name][t] = p.detach().numpy()
    return traj


def _clip_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Gradients before and after torch's clip_grad_value_ then clip_grad_norm_ (as the engine's base clips)."""
    cases = []
    base = [rng.normal(size=(3, 2)), rng.normal(size=(4,))]
    total = float(np.sqrt(sum(float(np.sum(g * g)) for g in base)))
    settings = [
        ("norm_above", "float64", total / 3, None),
        ("norm_below", "float64", total * 2, None),
        ("norm_equal", "float64", total, None),
        ("value", "float64", None, 0.5),
        ("value_then_norm", "float64", 1.0, 0.4),
        ("norm_float32", "float32", total / 4, None),
        ("value_then_norm_float32", "float32", 0.8, 0.6),
    ]
    for name, dtype, clipnorm, clipvalue in settings:
        grads = [torch.tensor(g, dtype=getattr(torch, dtype)) for g in base]
        params = [torch.zeros_like(g, requires_grad=True) for g in grads]
        for p, g in zip(params, grads, strict=True):
            p.grad = g.clone()
        norm = None
        if clipvalue is not None:
            torch.nn.utils.clip_grad_value_(params, clipvalue)
        if clipnorm is not None:
            norm = float(torch.nn.utils.clip_grad_norm_(params, clipnorm))
        cases.append({"name": name, "dtype": dtype, "clipnorm": clipnorm, "clipvalue": clipvalue,
                      "grads": [g.tolist() for g in base], "clipped": [p.grad.tolist() for p in params],
                      "norm": norm})
    return cases


def generate(out: Path) -> list[Path]:
    torch.set_default_dtype(torch.float64)  # per-parameter step and mu_product tensors in float64 too
    rng = np.random.default_rng(20240611)
    arrays = _problem(rng)
    cases = []
    for name, key, config in CASES:
        traj = _run(arrays, key, config)
        for pname, values in traj.items():
            arrays[f"traj/{name}/{pname}"] = values
        cases.append({"name": name, "key": key, "config": config})
    meta = {"torch": torch.__version__, "steps": STEPS, "shapes": {k: list(v) for k, v in SHAPES.items()},
            "grad": "2*A@w.ravel() + sin(w.ravel()), reshaped, + noise[t]", "cases": cases,
            "clip_cases": _clip_cases(rng)}
    json_path = write_json(out / "optimizers.json", meta)
    npz_path = out / "optimizers.npz"
    np.savez_compressed(npz_path, **arrays)
    return [json_path, npz_path]
