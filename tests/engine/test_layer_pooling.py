"""Pooling layers: common layer checks, PyTorch reference values (incl. ties), shapes, pool2d_with_indices, k-max.

Max pooling gradient checks use random normal inputs, which have no ties; ties are checked against the indices
PyTorch chose (fixtures/conv.json from tests/reference/gen_conv.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.layers.base import Layer
from engine.layers.im2col import pair
from engine.layers.pooling import k_max_pool, pool2d_with_indices
from engine.registry import LAYERS
from tests.reference.fixtures import load_json

LAYER_CASES: list[dict[str, Any]] = [
    {"id": "max_pool2d_2x2", "key": "max_pool2d", "config": {}, "input_shape": (2, 4, 5), "batch": 2},
    {"id": "max_pool2d_overlap_same", "key": "max_pool2d",
     "config": {"pool_size": [3], "strides": [2], "padding": "same"}, "input_shape": (2, 5, 4), "batch": 2},
    {"id": "avg_pool2d_2x2", "key": "avg_pool2d", "config": {}, "input_shape": (2, 4, 4), "batch": 2},
    {"id": "avg_pool2d_overlap_same", "key": "avg_pool2d",
     "config": {"pool_size": [3, 2], "strides": [1, 2], "padding": "same"}, "input_shape": (1, 4, 5), "batch": 2},
    {"id": "max_pool1d", "key": "max_pool1d", "config": {"pool_size": [3], "strides": [2]}, "input_shape": (2, 7),
     "batch": 3},
    {"id": "avg_pool1d_same", "key": "avg_pool1d", "config": {"padding": "same"}, "input_shape": (2, 7), "batch": 3},
    {"id": "global_avg_pool", "key": "global_avg_pool", "config": {}, "input_shape": (3, 2, 3), "batch": 2},
    {"id": "global_max_pool", "key": "global_max_pool", "config": {}, "input_shape": (3, 5), "batch": 2},
    {"id": "k_max_pool_ncl", "key": "k_max_pool", "config": {"k": 3}, "input_shape": (2, 6), "batch": 2},
    {"id": "k_max_pool_nchw", "key": "k_max_pool", "config": {"k": 2}, "input_shape": (2, 2, 3), "batch": 2},
]

REFERENCE = load_json("conv.json")
POOL_CASES = [c for c in REFERENCE["pool"] if c["key"] != "upsampling2d"]
DTYPES = [pytest.param(np.float64, 1e-10, id="float64"), pytest.param(np.float32, 1e-5, id="float32")]


def make(key: str, config: dict[str, Any], input_shape: tuple[int, ...], dtype: Any = np.float64) -> Layer:
    layer = LAYERS.create({"type": key, "config": {**config, "name": f"{key}_1"}})
    layer.build(input_shape, np.random.default_rng(0), dtype)
    return layer


@pytest.mark.parametrize(("dtype", "tol"), DTYPES)
@pytest.mark.parametrize("case", POOL_CASES, ids=lambda c: c["id"])
def test_pooling_matches_pytorch(case: dict[str, Any], dtype: Any, tol: float) -> None:
    x = np.asarray(case["x"], dtype=dtype)
    layer = make(case["key"], case["config"], x.shape[1:], dtype)
    expected = case[np.dtype(dtype).name]
    y = layer.forward(x, training=True)
    dx = layer.backward(np.asarray(case["upstream"], dtype=dtype))
    assert y.dtype == dtype and dx.dtype == dtype
    np.testing.assert_allclose(y, expected["y"], rtol=tol, atol=tol)
    np.testing.assert_allclose(dx, expected["d_x"], rtol=tol, atol=tol)


@pytest.mark.parametrize("case", REFERENCE["ties"], ids=lambda c: f"{np.shape(c['x'])}_stride{c['strides']}")
def test_max_pooling_ties_go_to_the_first_maximum_like_pytorch(case: dict[str, Any]) -> None:
    x = np.asarray(case["x"])
    out, source = pool2d_with_indices(x, case["pool_size"], case["strides"], "max")
    np.testing.assert_array_equal(out, case["y"])
    np.testing.assert_array_equal(source[..., 0], case["indices"])
    layer = make("max_pool2d", {"pool_size": [case["pool_size"]], "strides": [case["strides"]]}, (1, *x.shape))
    y = layer.forward(x[None, None], training=True)
    np.testing.assert_array_equal(layer.backward(np.ones_like(y))[0, 0], case["dx"])


def test_pool2d_with_indices_on_the_learners_4x4_grid() -> None:
    grid = np.arange(1, 17).reshape(4, 4)  # 1…16 row by row: each 2×2 window's maximum is its bottom-right cell
    out, source = pool2d_with_indices(grid, 2)
    np.testing.assert_array_equal(out, [[6, 8], [14, 16]])
    np.testing.assert_array_equal(source[..., 0], [[5, 7], [13, 15]])
    np.testing.assert_array_equal(grid.ravel()[source[..., 0]], out)
    mean, cells = pool2d_with_indices(grid, 2, mode="avg")
    assert cells.shape == (2, 2, 4)
    np.testing.assert_array_equal(cells[0, 0], [0, 1, 4, 5])
    np.testing.assert_allclose(mean, grid.ravel()[cells].mean(axis=-1))


def test_pool2d_with_indices_marks_padding_cells_and_keeps_leading_axes() -> None:
    x = np.random.default_rng(0).standard_normal((2, 3, 5, 5))
    out, source = pool2d_with_indices(x, 2, mode="avg", padding="same")
    assert out.shape == (2, 3, 3, 3) and source.shape == (2, 3, 3, 3, 4)
    np.testing.assert_array_equal(source[0, 0, 2, 2], [24, -1, -1, -1])  # the odd row/column is padded at the end
    layer = make("avg_pool2d", {"padding": "same"}, (3, 5, 5))
    np.testing.assert_array_equal(out, layer.forward(x))
    maximum, where = pool2d_with_indices(x, 3, 2, "max")
    np.testing.assert_array_equal(np.take_along_axis(x.reshape(2, 3, 25), where.reshape(2, 3, -1), axis=2),
                                  maximum.reshape(2, 3, -1))
    with pytest.raises(ConfigError):
        pool2d_with_indices(x, 2, mode="median")


def test_k_max_pool_keeps_the_largest_values_in_their_original_order() -> None:
    values, positions = k_max_pool(np.array([[3.0, 9.0, 1.0, 7.0, 9.0, 2.0]]), 3)
    np.testing.assert_array_equal(values, [[9.0, 7.0, 9.0]])
    np.testing.assert_array_equal(positions, [[1, 3, 4]])
    _, first = k_max_pool(np.array([5.0, 1.0, 5.0, 5.0]), 2)  # ties: the earlier positions
    np.testing.assert_array_equal(first, [0, 2])
    with pytest.raises(ShapeError):
        k_max_pool(np.zeros(3), 4)


@pytest.mark.parametrize(("key", "config", "input_shape", "output_shape"), [
    ("max_pool2d", {}, (8, 28, 28), (8, 14, 14)),
    ("max_pool2d", {}, (8, 5, 5), (8, 2, 2)),
    ("max_pool2d", {"padding": "same"}, (8, 5, 5), (8, 3, 3)),
    ("avg_pool2d", {"pool_size": [3], "strides": [1]}, (2, 5, 4), (2, 3, 2)),
    ("max_pool1d", {"pool_size": [4]}, (3, 10), (3, 2)),
    ("global_avg_pool", {}, (4, 3, 3), (4,)),
    ("k_max_pool", {"k": 5}, (4, 3, 3), (4, 5)),
])
def test_output_shapes(key: str, config: dict[str, Any], input_shape: tuple[int, ...],
                       output_shape: tuple[int, ...]) -> None:
    assert make(key, config, input_shape).output_shape == output_shape


def test_shape_errors_name_the_layer() -> None:
    with pytest.raises(ShapeError, match=r"max_pool2d_1: a 3×3 window with padding 'valid' does not fit an input "
                                         r"of 2×2\.") as info:
        make("max_pool2d", {"pool_size": [3]}, (1, 2, 2))
    assert info.value.layer == "max_pool2d_1"
    with pytest.raises(ShapeError, match="k_max_pool_1: cannot keep k = 7 values of a channel with only 6"):
        make("k_max_pool", {"k": 7}, (2, 6))
    with pytest.raises(ShapeError, match="global_max_pool_1: expects samples with a channel axis"):
        make("global_max_pool", {}, (6,))


def test_pooling_layers_are_in_the_pooling_category() -> None:
    for key in ("max_pool2d", "avg_pool2d", "max_pool1d", "avg_pool1d", "global_avg_pool", "global_max_pool",
                "k_max_pool"):
        assert LAYERS.get(key).category == "pooling"


@pytest.mark.parametrize(("key", "config", "input_shape"), [
    ("max_pool2d", {}, (3, 6, 8)),
    ("max_pool2d", {}, (2, 7, 5)),  # a row and a column left over
    ("max_pool2d", {"pool_size": [3, 2]}, (2, 6, 4)),
    ("max_pool1d", {}, (3, 10)),
])
def test_side_by_side_max_pooling_sends_the_gradient_to_the_first_maximum(key: str, config: dict[str, Any],
                                                                        input_shape: tuple[int, ...]) -> None:
    # Small integers: most windows hold ties. The expected values come from pool2d_with_indices, the general
    # per-offset path that the PyTorch fixtures check, including ties.
    x = np.random.default_rng(4).integers(0, 3, (5, *input_shape)).astype(np.float32)
    layer = make(key, config, input_shape, np.float32)
    y = layer.forward(x, training=True)
    upstream = np.random.default_rng(5).standard_normal(y.shape).astype(np.float32)
    dx = layer.backward(upstream)
    grid = x.reshape(-1, *(input_shape[1:] if key == "max_pool2d" else (1, input_shape[1])))
    pool = config.get("pool_size", [2])
    out, source = pool2d_with_indices(grid, (1, pool[0]) if key == "max_pool1d" else pair(pool, 2))
    np.testing.assert_array_equal(y.reshape(out.shape), out)
    expected = np.zeros((grid.shape[0], grid.shape[1] * grid.shape[2]), np.float32)
    np.put_along_axis(expected, source.reshape(grid.shape[0], -1), upstream.reshape(grid.shape[0], -1), axis=1)
    np.testing.assert_array_equal(dx, expected.reshape(dx.shape))
