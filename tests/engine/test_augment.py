"""On-the-fly image augmentation: exact shifts and flips, bilinear rotation and zoom, seeded draws."""

from __future__ import annotations

import numpy as np
import pytest

from engine.data.augment import Augmenter, transform_images
from engine.errors import ConfigError, DataError, ShapeError

ALL_ON = {"shift": 2, "rotation": 15.0, "flip_horizontal": True, "flip_vertical": True, "zoom": 0.1}


def batch(n: int = 8, c: int = 1, h: int = 7, w: int = 9, dtype: str = "float32", seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, c, h, w)).astype(dtype)


def dot(n: int, h: int, w: int, row: int, col: int) -> np.ndarray:
    x = np.zeros((n, 1, h, w), dtype=np.float32)
    x[:, 0, row, col] = 1.0
    return x


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(8, 1, 7, 9), (3, 3, 12, 12), (1, 2, 5, 4)])
def test_shape_and_dtype_are_kept_and_the_input_untouched(dtype, shape):
    x = batch(*shape, dtype=dtype)
    before = x.copy()
    out = Augmenter(**ALL_ON)(x)
    assert out.shape == x.shape and out.dtype == x.dtype and out.flags.c_contiguous
    np.testing.assert_array_equal(x, before)
    assert np.isfinite(out).all() and not np.array_equal(out, x)


def test_the_same_seed_gives_the_same_batches():
    x = batch()
    first, second = Augmenter(**ALL_ON, seed=3), Augmenter(**ALL_ON, seed=3)
    a1, a2 = first(x), first(x)
    np.testing.assert_array_equal(a1, second(x))
    np.testing.assert_array_equal(a2, second(x))
    assert not np.array_equal(a1, a2)  # the stream moves on from batch to batch
    assert not np.array_equal(a1, Augmenter(**ALL_ON, seed=4)(x))
    rebuilt = Augmenter.from_config(Augmenter(**ALL_ON, seed=3).get_config())
    np.testing.assert_array_equal(rebuilt(x), a1)
    np.testing.assert_array_equal(first(x, np.random.default_rng(7)), second(x, np.random.default_rng(7)))


def test_flips_mirror_exactly_and_twice_is_identity():
    x = batch(c=3)
    mirrored = transform_images(x, flip_horizontal=True)
    np.testing.assert_array_equal(mirrored, x[..., ::-1])
    np.testing.assert_array_equal(transform_images(x, flip_vertical=True), x[..., ::-1, :])
    np.testing.assert_array_equal(transform_images(mirrored, flip_horizontal=True), x)
    both = transform_images(x, flip_horizontal=True, flip_vertical=True)
    np.testing.assert_array_equal(transform_images(both, flip_horizontal=True, flip_vertical=True), x)


def test_random_flips_choose_per_sample():
    x = batch(n=64)
    out = Augmenter(flip_horizontal=True, seed=1)(x)
    same = np.array([np.array_equal(o, s) for o, s in zip(out, x, strict=True)])
    flipped = np.array([np.array_equal(o, s[..., ::-1]) for o, s in zip(out, x, strict=True)])
    assert np.all(same ^ flipped) and 16 < flipped.sum() < 48


def test_a_shift_moves_the_content_and_fills_with_zeros():
    x = batch(n=2, c=2)
    out = transform_images(x, shift=(2, -3))
    np.testing.assert_array_equal(out[:, :, 2:, :-3], x[:, :, :-2, 3:])
    assert not out[:, :, :2].any() and not out[:, :, :, -3:].any()
    per_sample = transform_images(dot(2, 5, 5, 2, 2), shift=[[1, 0], [0, -2]])
    assert per_sample[0, 0, 3, 2] == 1 and per_sample[1, 0, 2, 0] == 1 and per_sample.sum() == 2
    assert not transform_images(x, shift=(0, 9)).any()  # moved out of the picture entirely


def test_random_shifts_are_whole_pixels_within_the_limit():
    x = dot(64, 9, 9, 4, 4)
    out = Augmenter(shift=2, seed=0)(x)
    where = np.argwhere(out[:, 0] == 1.0)
    assert len(where) == 64 and out.sum() == 64  # one exact copy of the dot per sample
    offsets = where[:, 1:] - 4
    assert np.abs(offsets).max() == 2 and len({tuple(o) for o in offsets}) > 10


def test_rotation_by_zero_is_identity_and_nothing_on_returns_the_input():
    x = batch(c=3)
    np.testing.assert_array_equal(transform_images(x, angle=0.0), x)
    np.testing.assert_array_equal(transform_images(x, angle=0.0, scale=1.0, shift=(0, 0)), x)
    off = Augmenter()
    assert not off.enabled and off(x) is x
    assert Augmenter(rotation=0.0, zoom=0.0, shift=0).get_config()["rotation"] == 0.0


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_quarter_turns_match_numpy(dtype):
    x = batch(c=2, h=6, w=6, dtype=dtype)
    tol = 1e-6 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(transform_images(x, angle=90), np.rot90(x, 1, axes=(2, 3)), atol=tol)
    np.testing.assert_allclose(transform_images(x, angle=-90), np.rot90(x, -1, axes=(2, 3)), atol=tol)
    odd = batch(h=5, w=8, dtype=dtype)
    np.testing.assert_allclose(transform_images(odd, angle=180), odd[..., ::-1, ::-1], atol=tol)
    np.testing.assert_allclose(transform_images(odd, angle=360), odd, atol=tol)


def test_bilinear_rotation_keeps_a_ramp_a_ramp():
    """Bilinear interpolation reproduces linear images exactly: rotating v(r, c) = c by θ gives the ramp along the
    rotated axis, value = cx + cos θ·(c − cx) − sin θ·(r − cy) (for positions whose source lies inside)."""
    h = w = 11
    ramp = np.broadcast_to(np.arange(w, dtype=np.float64), (1, 1, h, w)).copy()
    theta = np.deg2rad(20.0)
    out = transform_images(ramp, angle=20.0)[0, 0]
    r, c = np.mgrid[0:h, 0:w] - 5.0
    expected = 5 + np.cos(theta) * c - np.sin(theta) * r
    inner = (np.abs(r) <= 3) & (np.abs(c) <= 3)
    np.testing.assert_allclose(out[inner], expected[inner], atol=1e-12)


def test_zoom_scales_about_the_centre():
    h = w = 9
    ramp = np.broadcast_to(np.arange(w, dtype=np.float32), (2, 1, h, w)).copy()
    out = transform_images(ramp, scale=[2.0, 0.5])
    np.testing.assert_allclose(out[0, 0, 4], 4 + (np.arange(w) - 4) / 2, atol=1e-6)  # enlarged: half the slope
    np.testing.assert_allclose(out[1, 0, 4, 2:7], 4 + (np.arange(2, 7) - 4) * 2, atol=1e-6)  # shrunk: double
    assert out[1, 0, 0, 0] == 0.0  # the shrunk picture leaves a zero border
    assert transform_images(dot(1, 9, 9, 4, 4), scale=3.0)[0, 0, 3:6, 3:6].min() > 0.3


def test_zoom_and_rotation_draws_stay_within_their_limits():
    x = dot(64, 21, 21, 10, 17)  # a dot 7 pixels right of the centre
    out = Augmenter(rotation=30.0, seed=2)(x)
    rows, cols = np.mgrid[0:21, 0:21]
    mass = out[:, 0].sum(axis=(1, 2))
    angles = np.degrees(np.arctan2(-((out[:, 0] * rows).sum(axis=(1, 2)) / mass - 10),
                                   (out[:, 0] * cols).sum(axis=(1, 2)) / mass - 10))
    assert np.abs(angles).max() <= 30.5 and angles.max() > 15 and angles.min() < -15
    zoomed = Augmenter(zoom=0.2, seed=2)(x)
    radius = np.hypot(*(np.argwhere(zoomed[:, 0] == zoomed[:, 0].max(axis=(1, 2))[:, None, None])[:, 1:] - 10).T)
    assert radius.min() >= 7 * 0.8 - 1 and radius.max() <= 7 * 1.2 + 1


def test_batch_transforms_replay_the_same_stream_without_touching_the_batch():
    aug = Augmenter(**ALL_ON, seed=5)
    x = batch(n=4)
    before = x.copy()
    one, two = aug.as_batch_transform(), aug.as_batch_transform()
    first = [one(x) for _ in range(3)]
    second = [two(x) for _ in range(3)]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], first[1])
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize(("x", "error", "match"), [
    (np.zeros((2, 8, 8), dtype=np.float32), ShapeError, r"\(N, C, H, W\)"),
    (np.zeros((2, 1, 8, 8), dtype=np.int64), DataError, "floating-point"),
])
def test_inputs_that_are_not_image_batches_are_refused(x, error, match):
    with pytest.raises(error, match=match):
        Augmenter(shift=1)(x)


@pytest.mark.parametrize("config", [{"rotation": 200.0}, {"zoom": 0.95}, {"shift": -1}, {"seed": -3},
                                    {"flip_vertical": "maybe"}, {"blur": 1}])
def test_invalid_settings_are_refused(config):
    with pytest.raises(ConfigError):
        Augmenter(**config)


def test_a_non_positive_scale_is_refused():
    with pytest.raises(DataError, match="positive"):
        transform_images(batch(), scale=0.0)


@pytest.mark.parametrize(("kwargs", "name"), [({"angle": [1.0, 2.0]}, "angle"), ({"shift": (1, 2, 3)}, "shift"),
                                              ({"flip_vertical": [True] * 3}, "flip_vertical")])
def test_per_sample_values_must_fit_the_batch(kwargs, name):
    with pytest.raises(ShapeError, match=f"{name} expected one value for all 8 samples") as info:
        transform_images(batch(), **kwargs)
    assert info.value.param == name


def test_the_trainer_transforms_every_training_batch_and_never_the_validation_data():
    from engine import Sequential, Trainer

    seen: list[np.ndarray] = []

    def transform(xb: np.ndarray) -> np.ndarray:
        seen.append(xb.copy())
        return xb[:, :, ::-1, :].copy()  # a flip, so the model sees different inputs

    rng = np.random.default_rng(0)
    x = rng.random((20, 1, 4, 4)).astype(np.float32)
    y = (x.mean(axis=(1, 2, 3)) > 0.5).astype(np.int64)
    model = Sequential([{"type": "flatten", "config": {}},
                        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}}], input_shape=(1, 4, 4))
    trainer = Trainer(model, loss="binary_crossentropy", metrics=[], batch_transform=transform)
    trainer.fit(x, y, epochs=2, batch_size=8, validation_data=(x[:5], y[:5]))
    assert len(seen) == 2 * 3  # 20 samples in batches of 8: three training batches per epoch, none for validation
    assert sum(len(b) for b in seen) == 2 * 20
