"""The checks shared by the window layers (conv, pooling, upsampling): one message each, whatever the layer."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.registry import LAYERS

WINDOW_LAYERS = [("conv2d", {"filters": 2}, "kernel_size"), ("max_pool2d", {}, "pool_size"),
                 ("avg_pool1d", {}, "pool_size"), ("conv1d", {"filters": 2}, "dilation"),
                 ("upsampling2d", {}, "size")]


@pytest.mark.parametrize(("key", "config", "param"), WINDOW_LAYERS)
def test_a_size_with_too_many_numbers_names_the_parameter(key: str, config: dict, param: str) -> None:
    rank = 1 if key.endswith("1d") else 2
    wanted = "1 or 2 numbers" if rank == 2 else "1 numbers"
    with pytest.raises(ConfigError, match=f"lyr: parameter '{param}' expected {wanted}, received") as caught:
        LAYERS.create({"type": key, "config": {**config, "name": "lyr", param: [2, 2, 2]}})
    assert caught.value.param == param and caught.value.layer == "lyr"


@pytest.mark.parametrize(("key", "config", "layout"), [("conv2d", {"filters": 2}, "(channels, height, width)"),
                                                       ("max_pool1d", {}, "(channels, length)"),
                                                       ("upsampling2d", {}, "(channels, height, width)")])
def test_a_sample_of_the_wrong_rank_is_refused_with_its_layout(key: str, config: dict, layout: str) -> None:
    layer = LAYERS.create({"type": key, "config": {**config, "name": "lyr"}})
    with pytest.raises(ShapeError) as caught:
        layer.build((3, 4, 5, 6), np.random.default_rng(0))
    assert caught.value.message == f"lyr: expects samples of shape {layout}, received (3, 4, 5, 6)."


def test_only_convolution_suggests_a_reshape_for_flat_samples() -> None:
    conv = LAYERS.create({"type": "conv1d", "config": {"filters": 2, "name": "c"}})
    pool = LAYERS.create({"type": "max_pool1d", "config": {"name": "p"}})
    with pytest.raises(ShapeError, match="add a reshape layer first"):
        conv.build((8,), np.random.default_rng(0))
    with pytest.raises(ShapeError) as caught:
        pool.build((8,), np.random.default_rng(0))
    assert "reshape" not in caught.value.message


@pytest.mark.parametrize(("key", "config"), [("conv2d", {"filters": 2}), ("max_pool2d", {}),
                                             ("global_max_pool", {}), ("upsampling2d", {})])
def test_a_batch_is_checked_cast_to_the_layer_dtype_and_captured_as_a_copy(key: str, config: dict) -> None:
    layer = LAYERS.create({"type": key, "config": {**config, "name": "lyr"}})
    layer.build((2, 4, 4), np.random.default_rng(0), dtype=np.float32)
    with pytest.raises(ShapeError, match=r"lyr: expects a batch of shape \(batch, 2, 4, 4\), received \(3, 2, 4, 5\)"):
        layer.forward(np.zeros((3, 2, 4, 5), dtype=np.float32))
    layer.capture = True
    y = layer.forward(np.arange(64, dtype=np.float64).reshape(2, 2, 4, 4))
    assert y.dtype == np.float32
    np.testing.assert_array_equal(layer.captured_output, y)
    assert not np.shares_memory(layer.captured_output, y)
