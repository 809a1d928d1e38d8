"""Reference values for engine.activations and the initializers' gains, computed with PyTorch in float64.

Writes ``activations.json``. Elementwise cases (registry key + config) share one input ``grid`` on [−6, 6] in
steps of 1/20 (which holds every kink exactly: 0, ±3, 6) plus a few extreme inputs, and store PyTorch's
``y = f(x)`` and ``derivative`` (the gradient of Σ f(x); null where PyTorch has none). Softmax and log_softmax
share random ``rows`` (one with huge logits) and a random upstream gradient ``rows_g``, and store ``y`` and
``vjp``, the gradient of Σ f(x)·g. ``init_gains.json`` holds ``torch.nn.init.calculate_gain`` values.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as nnf

from tests.reference.fixtures import write_json

ONE = torch.tensor(1.0, dtype=torch.float64)

#: (registry key, engine config, the same function in PyTorch)
ELEMENTWISE = [
    ("step", {}, lambda x: torch.heaviside(x, ONE)),
    ("linear", {}, lambda x: x * 1.0),
    ("sigmoid", {}, torch.sigmoid),
    ("hard_sigmoid", {}, nnf.hardsigmoid),
    ("tanh", {}, torch.tanh),
    ("softsign", {}, nnf.softsign),
    ("relu", {}, nnf.relu),
    ("relu6", {}, nnf.relu6),
    ("leaky_relu", {}, nnf.leaky_relu),
    ("leaky_relu", {"alpha": 0.2}, lambda x: nnf.leaky_relu(x, 0.2)),
    ("elu", {}, nnf.elu),
    ("elu", {"alpha": 0.5}, lambda x: nnf.elu(x, 0.5)),
    ("selu", {}, nnf.selu),
    ("gelu", {}, nnf.gelu),
    ("gelu", {"approximate": "tanh"}, lambda x: nnf.gelu(x, approximate="tanh")),
    ("silu", {}, nnf.silu),
    ("mish", {}, nnf.mish),
    ("softplus", {}, nnf.softplus),
    ("softplus", {"beta": 2.0, "threshold": 5.0}, lambda x: nnf.softplus(x, beta=2.0, threshold=5.0)),
]
ROWWISE = [
    ("softmax", {}, lambda x: nnf.softmax(x, dim=-1)),
    ("log_softmax", {}, lambda x: nnf.log_softmax(x, dim=-1)),
]
GAINS = [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
         ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", 0.0), ("selu", None)]
EXTREMES = [-1000.0, -100.0, -30.0, -20.5, 20.5, 30.0, 100.0, 1000.0]


def _grad(fn, x: np.ndarray, upstream: np.ndarray) -> np.ndarray | None:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    try:
        (fn(t) * torch.tensor(upstream, dtype=torch.float64)).sum().backward()
    except RuntimeError:  # heaviside has no derivative in PyTorch
        return None
    return t.grad.numpy()


def _value(fn, x: np.ndarray) -> np.ndarray:
    return fn(torch.tensor(x, dtype=torch.float64)).numpy()


def generate(out: Path) -> list[Path]:
    rng = np.random.default_rng(20240601)
    grid = np.concatenate([np.arange(-120, 121) / 20.0, EXTREMES])
    rows = rng.standard_normal((6, 7)) * 3.0
    rows[0] = [1000.0, 999.0, -1000.0, 0.0, 998.5, -5.0, 1000.0]
    rows_g = rng.standard_normal(rows.shape)
    elementwise = [{"key": k, "config": c, "y": _value(f, grid), "derivative": _grad(f, grid, np.ones_like(grid))}
                   for k, c, f in ELEMENTWISE]
    rowwise = [{"key": k, "config": c, "y": _value(f, rows), "vjp": _grad(f, rows, rows_g)} for k, c, f in ROWWISE]
    gains = [{"nonlinearity": n, "param": p, "gain": torch.nn.init.calculate_gain(n, p)} for n, p in GAINS]
    meta = {"torch": torch.__version__}
    data = {"meta": meta, "grid": grid, "elementwise": elementwise, "rows": rows, "rows_g": rows_g,
            "rowwise": rowwise}
    return [
        write_json(out / "activations.json", data),
        write_json(out / "init_gains.json", {"meta": meta, "gains": gains}),
    ]
