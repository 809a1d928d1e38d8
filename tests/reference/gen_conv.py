"""Reference convolution, pooling and upsampling values from PyTorch: fixtures/conv.json.

Every case stores our layer key and config, fixed random inputs and weights (kernels in PyTorch's OIHW layout,
which is also ours), the upstream gradient, and PyTorch's output and gradients computed in float64 and in float32.
'same' pooling is F.pad (−∞ for max, zeros for average, the odd cell at the end) followed by the unpadded pool.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F  # noqa: N812  (the usual name)

from tests.reference.fixtures import write_json

DTYPES = {"float64": torch.float64, "float32": torch.float32}


def _run(fn: Callable[..., torch.Tensor], arrays: dict[str, np.ndarray], upstream: np.ndarray) -> dict[str, Any]:
    """PyTorch's output and the gradient of every input array, per dtype."""
    results = {}
    for name, dtype in DTYPES.items():
        tensors = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in arrays.items()}
        y = fn(**tensors)
        y.backward(torch.tensor(upstream, dtype=dtype))
        out = {"y": y.detach().numpy().astype(np.float64)}
        out.update({f"d_{k}": t.grad.numpy().astype(np.float64) for k, t in tensors.items()})
        results[name] = out
    return results


def conv_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    specs = [  # (id, key, our config, input shape, torch keyword arguments)
        ("2d_valid", "conv2d", {"filters": 4, "kernel_size": [3]}, (2, 3, 6, 5), {}),
        ("2d_same_odd", "conv2d", {"filters": 3, "kernel_size": [3], "padding": "same"}, (2, 2, 5, 6),
         {"padding": "same"}),
        ("2d_same_even", "conv2d", {"filters": 2, "kernel_size": [4, 2], "padding": "same"}, (2, 2, 6, 5),
         {"padding": "same"}),
        ("2d_stride", "conv2d", {"filters": 3, "kernel_size": [3, 2], "strides": [2, 3]}, (2, 2, 7, 8),
         {"stride": (2, 3)}),
        ("2d_padding_stride", "conv2d", {"filters": 2, "kernel_size": [3], "strides": [2], "padding": "1, 2"},
         (2, 3, 5, 6), {"stride": 2, "padding": (1, 2)}),
        ("2d_dilation", "conv2d", {"filters": 2, "kernel_size": [3], "dilation": [2], "padding": "same"},
         (2, 2, 7, 7), {"dilation": 2, "padding": "same"}),
        ("2d_dilation_stride", "conv2d", {"filters": 2, "kernel_size": [2], "dilation": [2, 1], "strides": [2]},
         (2, 2, 7, 6), {"dilation": (2, 1), "stride": 2}),
        ("1d_valid", "conv1d", {"filters": 3, "kernel_size": [3]}, (2, 4, 9), {}),
        ("1d_same_dilation", "conv1d", {"filters": 2, "kernel_size": [3], "padding": "same", "dilation": [2]},
         (2, 3, 10), {"padding": "same", "dilation": 2}),
        ("1d_stride_padding", "conv1d", {"filters": 2, "kernel_size": [4], "strides": [3], "padding": "2"},
         (2, 2, 11), {"stride": 3, "padding": 2}),
    ]
    cases = []
    for case_id, key, config, shape, kwargs in specs:
        conv = F.conv2d if key == "conv2d" else F.conv1d
        kernel_size = config["kernel_size"] * (2 if key == "conv2d" and len(config["kernel_size"]) == 1 else 1)
        kernel = rng.standard_normal((config["filters"], shape[1], *kernel_size))
        arrays = {"x": rng.standard_normal(shape), "kernel": kernel, "bias": rng.standard_normal(config["filters"])}
        y_shape = conv(torch.tensor(arrays["x"]), torch.tensor(kernel), **kwargs).shape
        upstream = rng.standard_normal(tuple(y_shape))

        def fn(x: torch.Tensor, kernel: torch.Tensor, bias: torch.Tensor, conv: Any = conv,
               kwargs: dict[str, Any] = kwargs) -> torch.Tensor:
            return conv(x, kernel, bias, **kwargs)

        cases.append({"id": case_id, "key": key, "config": config, **arrays, "upstream": upstream,
                      **_run(fn, arrays, upstream)})
    return cases


def _same(size: int, k: int, s: int) -> tuple[int, int]:
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def _pool2d(kind: str, k: tuple[int, int], s: tuple[int, int], same: bool) -> Callable[..., torch.Tensor]:
    pool = F.max_pool2d if kind == "max" else F.avg_pool2d

    def fn(x: torch.Tensor) -> torch.Tensor:
        if same:
            top, bottom = _same(x.shape[2], k[0], s[0])
            left, right = _same(x.shape[3], k[1], s[1])
            x = F.pad(x, (left, right, top, bottom), value=-float("inf") if kind == "max" else 0.0)
        return pool(x, k, s)

    return fn


def _pool1d(kind: str, k: int, s: int, same: bool) -> Callable[..., torch.Tensor]:
    pool = F.max_pool1d if kind == "max" else F.avg_pool1d

    def fn(x: torch.Tensor) -> torch.Tensor:
        if same:
            x = F.pad(x, _same(x.shape[2], k, s), value=-float("inf") if kind == "max" else 0.0)
        return pool(x, k, s)

    return fn


def _k_max(k: int) -> Callable[..., torch.Tensor]:
    def fn(x: torch.Tensor) -> torch.Tensor:
        flat = x.flatten(2)
        keep = torch.sort(torch.topk(flat, k, dim=2).indices, dim=2).values
        return torch.gather(flat, 2, keep)

    return fn


def pool_cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    specs = [  # (id, key, our config, input shape, torch function)
        ("max2d_2", "max_pool2d", {}, (2, 3, 6, 6), _pool2d("max", (2, 2), (2, 2), False)),
        ("max2d_odd_input", "max_pool2d", {"pool_size": [2]}, (2, 2, 5, 7), _pool2d("max", (2, 2), (2, 2), False)),
        ("max2d_overlap", "max_pool2d", {"pool_size": [3], "strides": [2]}, (2, 2, 7, 6),
         _pool2d("max", (3, 3), (2, 2), False)),
        ("max2d_same", "max_pool2d", {"pool_size": [3, 2], "strides": [2, 2], "padding": "same"}, (2, 2, 5, 7),
         _pool2d("max", (3, 2), (2, 2), True)),
        ("avg2d_2", "avg_pool2d", {}, (2, 3, 6, 4), _pool2d("avg", (2, 2), (2, 2), False)),
        ("avg2d_overlap", "avg_pool2d", {"pool_size": [3], "strides": [1, 2]}, (2, 2, 5, 7),
         _pool2d("avg", (3, 3), (1, 2), False)),
        ("avg2d_same", "avg_pool2d", {"pool_size": [3], "strides": [2], "padding": "same"}, (2, 2, 6, 5),
         _pool2d("avg", (3, 3), (2, 2), True)),
        ("max1d", "max_pool1d", {"pool_size": [3], "strides": [2]}, (2, 3, 9), _pool1d("max", 3, 2, False)),
        ("max1d_same", "max_pool1d", {"padding": "same"}, (2, 2, 7), _pool1d("max", 2, 2, True)),
        ("avg1d", "avg_pool1d", {"pool_size": [3]}, (2, 3, 10), _pool1d("avg", 3, 3, False)),
        ("avg1d_same", "avg_pool1d", {"pool_size": [3], "strides": [2], "padding": "same"}, (2, 2, 8),
         _pool1d("avg", 3, 2, True)),
        ("global_avg_2d", "global_avg_pool", {}, (3, 4, 5, 3), lambda x: F.adaptive_avg_pool2d(x, 1).flatten(1)),
        ("global_avg_1d", "global_avg_pool", {}, (3, 4, 7), lambda x: F.adaptive_avg_pool1d(x, 1).flatten(1)),
        ("global_max_2d", "global_max_pool", {}, (3, 4, 5, 3), lambda x: F.adaptive_max_pool2d(x, 1).flatten(1)),
        ("global_max_1d", "global_max_pool", {}, (3, 4, 7), lambda x: F.adaptive_max_pool1d(x, 1).flatten(1)),
        ("k_max_1d", "k_max_pool", {"k": 3}, (2, 3, 8), _k_max(3)),
        ("k_max_2d", "k_max_pool", {"k": 4}, (2, 2, 3, 4), _k_max(4)),
        ("nearest", "upsampling2d", {}, (2, 2, 3, 4), lambda x: F.interpolate(x, scale_factor=2, mode="nearest")),
        ("nearest_3x2", "upsampling2d", {"size": [3, 2]}, (2, 2, 3, 2),
         lambda x: F.interpolate(x, scale_factor=(3, 2), mode="nearest")),
        ("bilinear", "upsampling2d", {"interpolation": "bilinear"}, (2, 2, 3, 4),
         lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)),
        ("bilinear_3x2", "upsampling2d", {"size": [3, 2], "interpolation": "bilinear"}, (2, 1, 4, 3),
         lambda x: F.interpolate(x, scale_factor=(3, 2), mode="bilinear", align_corners=False)),
    ]
    cases = []
    for case_id, key, config, shape, fn in specs:
        x = rng.standard_normal(shape)
        upstream = rng.standard_normal(tuple(fn(torch.tensor(x)).shape))

        def call(x: torch.Tensor, fn: Callable[..., torch.Tensor] = fn) -> torch.Tensor:
            return fn(x)

        cases.append({"id": case_id, "key": key, "config": config, "x": x, "upstream": upstream,
                      **_run(call, {"x": x}, upstream)})
    return cases


def tie_cases() -> list[dict[str, Any]]:
    """Max pooling of inputs with ties: PyTorch's chosen indices (flat, into H·W) and input gradients."""
    grids = [np.array([[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 0, 3], [3, 3, 3, 3]], dtype=np.float64),
             np.array([[0, 5, 5, 1, 5], [5, 0, 1, 5, 5], [2, 2, 2, 2, 2]], dtype=np.float64)]
    cases = []
    for grid in grids:
        for pool, stride in ((2, 2), (2, 1)):
            x = torch.tensor(grid[None, None], requires_grad=True)
            y, indices = F.max_pool2d(x, pool, stride, return_indices=True)
            y.sum().backward()
            cases.append({"x": grid, "pool_size": pool, "strides": stride, "y": y.detach().numpy()[0, 0],
                          "indices": indices.numpy()[0, 0], "dx": x.grad.numpy()[0, 0]})
    return cases


def generate(out: Path) -> list[Path]:
    rng = np.random.default_rng(20261206)
    data = {"torch_version": torch.__version__, "conv": conv_cases(rng), "pool": pool_cases(rng),
            "ties": tie_cases()}
    return [write_json(out / "conv.json", data)]
