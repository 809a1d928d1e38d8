"""Looking inside a CNN: feature maps per layer, filters for display, Grad-CAM / HiResCAM heatmaps."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError, ShapeError
from engine.insight import feature_maps, filters, grad_cam
from engine.model import Sequential
from engine.trainer import Trainer

SIZE = 12


def conv(filters: int, padding: str = "same", activation: str = "relu") -> dict:
    return {"type": "conv2d", "config": {"filters": filters, "kernel_size": [3], "padding": padding,
                                         "activation": activation}}


def small_cnn(outputs: int, activation: str = "softmax", size: int = SIZE, seed: int = 0) -> Sequential:
    return Sequential([conv(8), {"type": "max_pool2d", "config": {"pool_size": [2]}}, "flatten",
                       {"type": "dense", "config": {"units": outputs, "activation": activation}}],
                      input_shape=(1, size, size), seed=seed)


def naive_conv_same(image: np.ndarray, kernel: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Cross-correlation with one ring of zeros, written out position by position."""
    _, h, w = image.shape
    padded = np.pad(image, ((0, 0), (1, 1), (1, 1)))
    out = np.empty((kernel.shape[0], h, w))
    for o in range(kernel.shape[0]):
        for r in range(h):
            for c in range(w):
                out[o, r, c] = np.sum(padded[:, r:r + 3, c:c + 3] * kernel[o]) + bias[o]
    return out


def blob_images(n: int, centres: np.ndarray, seed: int) -> np.ndarray:
    """Dim noise with a bright 3×3 blob centred at each sample's (row, col)."""
    x = np.random.default_rng(seed).uniform(0.0, 0.3, (n, 1, SIZE, SIZE)).astype(np.float32)
    for image, (r, c) in zip(x, centres, strict=True):
        image[0, r - 1:r + 2, c - 1:c + 2] = 1.0
    return x


def left_or_right(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Class 0: the blob in the left part of the image; class 1: in the right part; rows anywhere."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    cols = np.where(y == 1, rng.integers(SIZE // 2 + 1, SIZE - 1, n), rng.integers(1, SIZE // 2 - 1, n))
    centres = np.stack([rng.integers(1, SIZE - 1, n), cols], axis=1)
    return blob_images(n, centres, seed), y, centres


def quadrant(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Four classes: the blob near the centre of one quadrant (±1 pixel)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    centres = np.array([(3, 3), (3, 8), (8, 3), (8, 8)])[y] + rng.integers(-1, 2, (n, 2))
    return blob_images(n, centres, seed), y, centres


def train(model: Sequential, x: np.ndarray, y: np.ndarray, loss: str = "sparse_categorical_crossentropy") -> Trainer:
    trainer = Trainer(model, loss=loss, optimizer={"type": "adam", "config": {"lr": 0.01}}, metrics=["accuracy"])
    trainer.fit(x, y, epochs=10, batch_size=32)
    return trainer


def peak_distance(heat: np.ndarray, centre: np.ndarray) -> int:
    r, c = np.unravel_index(np.argmax(heat), heat.shape)
    return max(abs(int(r) - int(centre[0])), abs(int(c) - int(centre[1])))


@pytest.fixture(scope="module")
def left_right_model() -> tuple[Sequential, np.ndarray, np.ndarray, np.ndarray]:
    x, y, centres = left_or_right(300, seed=0)
    model = small_cnn(2)
    trainer = train(model, x[:200], y[:200])
    assert np.mean(trainer.predict_classes(x[200:]) == y[200:]) >= 0.95
    return model, x[200:], y[200:], centres[200:]


# -- feature maps ------------------------------------------------------------------------------------------------
def deeper_cnn() -> Sequential:
    return Sequential([conv(4), {"type": "max_pool2d", "config": {"pool_size": [2]}}, conv(3, "valid", "tanh"),
                       {"type": "global_max_pool"}, {"type": "dense", "config": {"units": 3, "activation": "softmax"}}],
                      input_shape=(2, 8, 8), seed=1)


def test_feature_maps_have_each_layers_output_shape():
    model = deeper_cnn()
    x = np.random.default_rng(0).random((2, 8, 8)).astype(np.float32)
    maps = feature_maps(model, x)
    assert list(maps) == [layer.name for layer in model.layers]
    for layer in model.layers:
        assert maps[layer.name].shape == layer.output_shape
        assert maps[layer.name].dtype == np.float32
    assert maps["conv2d_1"].shape == (4, 8, 8) and maps["max_pool2d_1"].shape == (4, 4, 4)


def test_feature_maps_are_the_layers_computations():
    model = deeper_cnn()
    x = np.random.default_rng(1).random((1, 2, 8, 8)).astype(np.float32)
    maps = feature_maps(model, x)
    weights = model.get_weights()
    expected = np.maximum(naive_conv_same(x[0].astype(np.float64), weights["conv2d_1/kernel"],
                                          weights["conv2d_1/bias"]), 0)
    np.testing.assert_allclose(maps["conv2d_1"], expected, rtol=1e-5, atol=1e-6)
    pooled = expected.reshape(4, 4, 2, 4, 2).max(axis=(2, 4))
    np.testing.assert_allclose(maps["max_pool2d_1"], pooled, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(maps["dense_1"], model.predict(x)[0], rtol=1e-6)
    np.testing.assert_allclose(maps["dense_1"].sum(), 1.0, rtol=1e-6)  # probabilities, not logits


def test_feature_maps_of_chosen_layers_leave_the_model_as_it_was():
    model = deeper_cnn()
    x = np.random.default_rng(2).random((2, 8, 8)).astype(np.float32)
    last = model.layers[-1]
    last.emit_logits = True  # as during a training epoch
    maps = feature_maps(model, x, ["max_pool2d_1", "conv2d_1"])
    assert list(maps) == ["max_pool2d_1", "conv2d_1"]
    assert last.emit_logits is True
    assert all(not layer.capture and layer.captured_output is None for layer in model.layers)
    with pytest.raises(ConfigError, match="no layer named 'nope'"):
        feature_maps(model, x, ["nope"])
    with pytest.raises(ShapeError, match=r"one sample of shape \(2, 8, 8\)"):
        feature_maps(model, x[:1])
    with pytest.raises(ShapeError):
        feature_maps(model, np.stack([x, x]))


def test_an_unbuilt_model_without_input_shape_cannot_be_inspected():
    with pytest.raises(ConfigError, match="input shape"):
        feature_maps(Sequential([conv(2)]), np.zeros((1, 4, 4)))
    with pytest.raises(ConfigError, match="no layers"):
        feature_maps(Sequential([], input_shape=(1, 4, 4)), np.zeros((1, 4, 4)))


# -- filters -----------------------------------------------------------------------------------------------------
def test_filters_are_scaled_around_one_half_keeping_sign_and_order():
    model = deeper_cnn()
    kernel = model.get_weights()["conv2d_2/kernel"]
    shown = filters(model, "conv2d_2")
    assert shown.shape == kernel.shape == (3, 4, 3, 3) and shown.dtype == kernel.dtype
    assert shown.min() >= 0.0 and shown.max() <= 1.0
    np.testing.assert_array_equal(np.argsort(shown, axis=None), np.argsort(kernel, axis=None))
    extreme = np.unravel_index(np.argmax(np.abs(kernel)), kernel.shape)
    assert shown[extreme] in (0.0, 1.0)
    np.testing.assert_allclose((shown - 0.5) / (kernel + 1e-30), 0.5 / np.abs(kernel).max(), rtol=1e-5)


def test_zero_kernels_show_as_mid_grey_and_other_layers_have_no_filters():
    model = deeper_cnn()
    model.build()
    model.layers[0].parameter("kernel").value[...] = 0
    np.testing.assert_array_equal(filters(model, "conv2d_1"), 0.5)
    for name in ("max_pool2d_1", "dense_1"):
        with pytest.raises(ConfigError, match="convolution layers"):
            filters(model, name)


# -- Grad-CAM ----------------------------------------------------------------------------------------------------
def test_the_heatmap_has_the_input_size_and_values_in_unit_range(left_right_model):
    model, x, _, _ = left_right_model
    for sample in x[:10]:
        heat = grad_cam(model, sample)
        assert heat.shape == (SIZE, SIZE) and heat.dtype == np.float32
        assert heat.min() >= 0.0 and heat.max() == 1.0


def test_the_heatmap_peaks_at_the_blob_that_decides_the_class(left_right_model):
    model, x, y, centres = left_right_model
    distances = np.array([peak_distance(grad_cam(model, s), c) for s, c in zip(x, centres, strict=True)])
    assert np.mean(distances <= 2) >= 0.9
    by_label = np.array([peak_distance(grad_cam(model, s, class_index=int(k)), c)
                         for s, k, c in zip(x, y, centres, strict=True)])
    assert np.mean(by_label <= 2) >= 0.9


def test_hirescam_finds_the_blob_where_the_mean_gradient_does_not():
    """Four quadrant classes and a flatten + dense head: every blob channel's dense weights are positive in one
    quadrant and negative in three, so Grad-CAM's mean gradient is negative and its map empty; HiResCAM weighs
    position by position and finds the blob."""
    x, y, centres = quadrant(400, seed=0)
    model = small_cnn(4)
    trainer = train(model, x[:300], y[:300])
    assert np.mean(trainer.predict_classes(x[300:]) == y[300:]) >= 0.95
    high = np.array([peak_distance(grad_cam(model, s, method="hirescam"), c)
                     for s, c in zip(x[300:], centres[300:], strict=True)])
    assert np.mean(high <= 2) >= 0.9
    empty = np.mean([grad_cam(model, s).max() == 0 for s in x[300:]])
    assert empty > 0.5


def test_after_global_average_pooling_gradcam_is_cam():
    """With GAP + dense the score is Σₖ wₖ·mean(Aₖ) + b: Grad-CAM's weights are wₖ / (h·w), HiResCAM gives the same
    map, and both are the class activation map Σₖ wₖ·Aₖ of Zhou et al. (computed here from the dense kernel)."""
    model = Sequential([conv(5), conv(4), {"type": "global_avg_pool"},
                        {"type": "dense", "config": {"units": 3, "activation": "softmax"}}], input_shape=(1, 8, 8),
                       dtype="float64", seed=3)
    x = np.random.default_rng(3).random((1, 8, 8))
    maps = feature_maps(model, x)["conv2d_2"]
    kernel = model.get_weights()["dense_1/kernel"]
    for k in range(3):
        cam = np.maximum(np.tensordot(kernel[:, k], maps, axes=1), 0)
        expected = cam / cam.max() if cam.max() > 0 else cam
        np.testing.assert_allclose(grad_cam(model, x, class_index=k), expected, atol=1e-12)
        np.testing.assert_allclose(grad_cam(model, x, class_index=k, method="hirescam"), expected, atol=1e-12)
    predicted = int(np.argmax(model.predict(x[None])[0]))
    np.testing.assert_array_equal(grad_cam(model, x), grad_cam(model, x, class_index=predicted))


def test_one_sigmoid_output_has_two_classes():
    x, y, centres = left_or_right(300, seed=1)
    model = small_cnn(1, "sigmoid")
    trainer = train(model, x[:200], y[:200], loss="binary_crossentropy")
    assert np.mean(trainer.predict_classes(x[200:]) == y[200:]) >= 0.95
    test = range(200, 300)
    for method in ("gradcam", "hirescam"):
        found = [peak_distance(grad_cam(model, x[i], class_index=int(y[i]), method=method), centres[i])
                 for i in test]
        assert np.mean(np.array(found) <= 2) >= 0.9
    np.testing.assert_array_equal(grad_cam(model, x[200]), grad_cam(model, x[200], class_index=int(y[200])))


def test_the_heatmap_is_upsampled_bilinearly_from_the_layer():
    """A 2×2 max pool of a column ramp gives 1, 3, 5, 7 in every row; a 1×1 conv keeps it and global average pooling
    + a dense weight of 1 makes the class score its mean. The 4 cells are resized to 8 pixels with aligned pixel
    centres (pixel j samples cell j/2 − 1/4) and clamped edges, then divided by the maximum."""
    model = Sequential([{"type": "max_pool2d", "config": {"pool_size": [2]}},
                        {"type": "conv2d", "config": {"filters": 1, "kernel_size": [1], "use_bias": False}},
                        {"type": "global_avg_pool"}, {"type": "dense", "config": {"units": 2}}],
                       input_shape=(1, 8, 8), dtype="float64")
    model.set_weights({"conv2d_1/kernel": np.ones((1, 1, 1, 1)), "dense_1/kernel": np.array([[1.0, -1.0]]),
                       "dense_1/bias": np.zeros(2)})
    x = np.broadcast_to(np.arange(8.0), (1, 8, 8)).copy()
    heat = grad_cam(model, x, class_index=0)
    expected_row = np.array([1, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7]) / 7
    np.testing.assert_allclose(heat, np.broadcast_to(expected_row, (8, 8)), atol=1e-12)
    assert not grad_cam(model, x, class_index=1).any()  # class 1's score falls wherever the map is positive


def test_a_flat_input_reshaped_to_images_gets_the_reshaped_size():
    model = Sequential([{"type": "reshape", "config": {"target_shape": [1, 8, 8]}}, conv(2),
                        "flatten", {"type": "dense", "config": {"units": 3, "activation": "softmax"}}],
                       input_shape=(64,))
    heat = grad_cam(model, np.random.default_rng(0).random(64))
    assert heat.shape == (8, 8)


def test_grad_cam_leaves_gradients_and_the_output_mode_alone(left_right_model):
    model, x, _, _ = left_right_model
    before = {p.name: (p.grad, p.grad.copy()) for p in model.parameters() if p.grad is not None}
    model.layers[-1].emit_logits = False
    grad_cam(model, x[0])
    for p in model.parameters():
        if p.grad is not None:
            assert p.grad is before[p.name][0]
            np.testing.assert_array_equal(p.grad, before[p.name][1])
    assert model.layers[-1].emit_logits is False


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"class_index": 2}, r"class_index expected an integer in \[0, 1\]"),
    ({"class_index": -1}, "class_index"),
    ({"class_index": True}, "class_index"),
    ({"layer_name": "flatten_1"}, "channels, height, width"),
    ({"layer_name": "missing"}, "no layer named"),
    ({"method": "cam++"}, "method expected one of"),
])
def test_bad_requests_are_refused(left_right_model, kwargs, match):
    model, x, _, _ = left_right_model
    with pytest.raises(ConfigError, match=match):
        grad_cam(model, x[0], **kwargs)


def test_a_model_without_conv_layers_or_without_class_scores_is_refused():
    dense_only = Sequential(["flatten", {"type": "dense", "config": {"units": 2}}], input_shape=(1, 4, 4))
    with pytest.raises(ConfigError, match="needs a conv2d layer"):
        grad_cam(dense_only, np.zeros((1, 4, 4)))
    conv_only = Sequential([conv(2)], input_shape=(1, 4, 4))
    with pytest.raises(ShapeError, match="one score per class"):
        grad_cam(conv_only, np.zeros((1, 4, 4)), layer_name="conv2d_1")
