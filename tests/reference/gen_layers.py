"""Reference forward/backward values of the layers from PyTorch (float64): fixtures/layers.json.

Each case stores its inputs, parameters (in our layout: a dense kernel is in×out, the transpose of
``nn.Linear.weight``), the upstream gradient and PyTorch's outputs and gradients.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from tests.reference.fixtures import write_json

torch.set_default_dtype(torch.float64)


def _t(array: np.ndarray) -> torch.Tensor:
    return torch.tensor(array, dtype=torch.float64, requires_grad=True)


def _np(tensor: torch.Tensor | None) -> np.ndarray:
    return tensor.detach().numpy().copy()


def _run(module: nn.Module, x: np.ndarray, g: np.ndarray) -> dict[str, Any]:
    """Forward ``x``, backward the upstream gradient ``g``; return output and gradients."""
    module.zero_grad()
    xt = _t(x)
    y = module(xt)
    y.backward(torch.tensor(g))
    return {"x": x, "upstream": g, "y": _np(y), "dx": _np(xt.grad)}


class _Lambda(nn.Module):
    def __init__(self, fn: Any) -> None:
        super().__init__()
        self.fn = fn

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fn(x)


def dense_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    functions = {"linear": lambda z: z, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
                 "softmax": lambda z: torch.softmax(z, dim=-1)}
    cases = []
    for activation, fn in functions.items():
        linear = nn.Linear(4, 3)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(rng.standard_normal((3, 4))))
            linear.bias.copy_(torch.tensor(rng.standard_normal(3)))
        module = nn.Sequential(linear, _Lambda(fn))
        case = _run(module, rng.standard_normal((5, 4)), rng.standard_normal((5, 3)))
        case.update(activation=activation, kernel=_np(linear.weight).T, bias=_np(linear.bias),
                    d_kernel=_np(linear.weight.grad).T, d_bias=_np(linear.bias.grad))
        cases.append(case)
    return cases


def batch_norm_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Three training steps (outputs, gradients, running statistics after each), then one inference step."""
    cases = []
    for name, module, shape in (("1d", nn.BatchNorm1d(4, momentum=0.1), (6, 4)),
                                ("1d_momentum", nn.BatchNorm1d(4, momentum=0.3, eps=1e-3), (5, 4)),
                                ("2d", nn.BatchNorm2d(3), (4, 3, 3, 3))):
        with torch.no_grad():
            module.weight.copy_(torch.tensor(rng.uniform(0.5, 1.5, module.num_features)))
            module.bias.copy_(torch.tensor(rng.standard_normal(module.num_features)))
        case: dict[str, Any] = {"name": name, "momentum": module.momentum, "eps": module.eps,
                                "gamma": _np(module.weight), "beta": _np(module.bias), "train": []}
        module.train()
        for _ in range(3):
            x = rng.standard_normal(shape) * 2 + 1
            step = _run(module, x, rng.standard_normal(shape))
            step.update(d_gamma=_np(module.weight.grad), d_beta=_np(module.bias.grad),
                        running_mean=_np(module.running_mean), running_var=_np(module.running_var))
            case["train"].append(step)
        module.eval()
        step = _run(module, rng.standard_normal(shape), rng.standard_normal(shape))
        step.update(d_gamma=_np(module.weight.grad), d_beta=_np(module.bias.grad))
        case["eval"] = step
        cases.append(case)
    return cases


def layer_norm_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    cases = []
    for shape in ((5, 6), (2, 3, 6)):
        module = nn.LayerNorm(shape[-1], eps=1e-5)
        with torch.no_grad():
            module.weight.copy_(torch.tensor(rng.uniform(0.5, 1.5, shape[-1])))
            module.bias.copy_(torch.tensor(rng.standard_normal(shape[-1])))
        case = _run(module, rng.standard_normal(shape) * 3 - 1, rng.standard_normal(shape))
        case.update(eps=module.eps, gamma=_np(module.weight), beta=_np(module.bias),
                    d_gamma=_np(module.weight.grad), d_beta=_np(module.bias.grad))
        cases.append(case)
    return cases


def prelu_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    cases = []
    for per_channel, shape in ((False, (5, 4)), (True, (5, 4)), (True, (4, 3, 2, 2))):
        module = nn.PReLU(num_parameters=shape[1] if per_channel else 1, init=0.25)
        with torch.no_grad():
            module.weight.copy_(torch.tensor(rng.uniform(0.05, 0.5, module.num_parameters)))
        case = _run(module, rng.standard_normal(shape), rng.standard_normal(shape))
        case.update(per_channel=per_channel, alpha=_np(module.weight), d_alpha=_np(module.weight.grad))
        cases.append(case)
    return cases


def flatten_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    shape = (3, 2, 3, 4)
    return [_run(nn.Flatten(), rng.standard_normal(shape), rng.standard_normal((3, 24)))]


def generate(out: Path) -> list[Path]:
    rng = np.random.default_rng(20261122)
    data = {
        "torch_version": torch.__version__,
        "dense": dense_cases(rng),
        "batch_norm": batch_norm_cases(rng),
        "layer_norm": layer_norm_cases(rng),
        "prelu": prelu_cases(rng),
        "flatten": flatten_cases(rng),
    }
    return [write_json(out / "layers.json", data)]
