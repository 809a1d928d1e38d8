"""Feature maps, the conv → pool strip, filters and Grad-CAM views draw exactly the engine's arrays."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from engine.insight import feature_maps, filters, grad_cam
from engine.model import Sequential
from studio.views.conv_strip import ConvStripView, pool_settings
from studio.views.feature_maps import FeatureMapsView
from studio.views.filters import FiltersView
from studio.views.gradcam import DIM, GradCamView
from studio.views.image_grid import ImageGrid, lookup_table

pytestmark = pytest.mark.gui

DIGITS = Path(__file__).resolve().parents[2] / "resources" / "datasets" / "digits.csv"


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    """Twenty 8×8 digits as 1×8×8 images in [0, 1]."""
    rows = np.loadtxt(DIGITS, delimiter=",", skiprows=1, max_rows=20, dtype=np.float32)
    return (rows[:, :64] / 16).reshape(-1, 1, 8, 8)


def _cnn(pool: str = "max_pool2d") -> Sequential:
    return Sequential([{"type": "conv2d", "config": {"filters": 4, "kernel_size": [3], "padding": "same",
                                                     "activation": "relu"}},
                       {"type": pool},
                       {"type": "conv2d", "config": {"filters": 3, "kernel_size": [2], "activation": "relu"}},
                       {"type": "flatten"},
                       {"type": "dense", "config": {"units": 10, "activation": "softmax"}}],
                      input_shape=(1, 8, 8), seed=3)


@pytest.fixture(scope="module")
def cnn() -> Sequential:
    return _cnn()


def _values_from_pixels(grid: ImageGrid, index: int) -> np.ndarray:
    """Read a tile's colours back into numbers through its colour map (the nearest of the 256 colours)."""
    tile = grid.tiles[index]
    rows, cols = tile.values.shape
    table = lookup_table(tile.cmap)[:, :3].astype(int)
    pixels = np.array([[tile.image.pixelColor(c, r).getRgb()[:3] for c in range(cols)] for r in range(rows)])
    nearest = np.abs(pixels[:, :, None, :] - table[None, None]).sum(axis=-1).argmin(axis=-1)
    return tile.vmin + nearest / 255 * (tile.vmax - tile.vmin)


def test_feature_map_grid_has_one_tile_per_channel_holding_the_engine_maps(qtbot, cnn, digits):
    view = FeatureMapsView()
    qtbot.addWidget(view)
    conv, pool = cnn.layers[0].name, cnn.layers[1].name
    chosen = []
    view.layer_chosen.connect(chosen.append)
    view.set_layers([conv, pool])
    assert chosen == [conv]
    view.set_sample_count(len(digits))
    view.sample_spin.setValue(5)
    maps = feature_maps(cnn, digits[5])
    assert view.set_maps(conv, maps[conv], 5)
    view.refresh()
    assert len(view.grid.tiles) == cnn.layers[0].output_shape[0] == 4
    shared = (maps[conv].min(), maps[conv].max())
    for index, tile in enumerate(view.grid.tiles):
        np.testing.assert_array_equal(tile.values, maps[conv][index])
        assert (tile.vmin, tile.vmax) == pytest.approx(shared)
        assert (tile.image.width(), tile.image.height()) == (8, 8)
        step = (tile.vmax - tile.vmin) / 255
        np.testing.assert_allclose(_values_from_pixels(view.grid, index), maps[conv][index], atol=step)
    assert "4 channels of 8×8 for sample 5" in view.caption.text()

    view.layer_choice.setCurrentText(pool)
    assert chosen == [conv, pool]
    assert view.maps is None  # the conv maps are not shown under the pool layer's name
    view.set_maps(pool, maps[pool], 5)
    view.refresh()
    assert len(view.grid.tiles) == 4
    assert all(tile.values.shape == (4, 4) for tile in view.grid.tiles)


def test_per_channel_scale_stretches_each_channel(qtbot, cnn, digits):
    view = FeatureMapsView()
    qtbot.addWidget(view)
    maps = feature_maps(cnn, digits[0], [cnn.layers[0].name])[cnn.layers[0].name]
    view.set_maps(cnn.layers[0].name, maps)
    view.shared_scale.setChecked(False)
    view.refresh()
    for tile, channel in zip(view.grid.tiles, maps, strict=True):
        assert (tile.vmin, tile.vmax) == pytest.approx((channel.min(), channel.max()))


def test_answers_to_an_older_choice_are_dropped(qtbot, cnn, digits):
    view = FeatureMapsView()
    qtbot.addWidget(view)
    conv, pool = cnn.layers[0].name, cnn.layers[1].name
    samples = []
    view.sample_chosen.connect(samples.append)
    view.set_layers([conv, pool])
    view.set_sample_count(3)
    view.sample_spin.setValue(2)
    assert samples == [2]
    maps = feature_maps(cnn, digits[2])
    assert not view.set_maps(pool, maps[pool], 2)
    assert not view.set_maps(conv, maps[conv], 1)
    assert view.maps is None
    with pytest.raises(ValueError, match="expected one sample's channels"):
        view.set_maps(conv, maps[conv][0, 0])


def test_redraws_are_throttled_under_a_thousand_updates(qtbot, cnn, digits):
    view = FeatureMapsView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    conv = cnn.layers[0].name
    view.set_layers([conv])
    base = feature_maps(cnn, digits[0], [conv])[conv]
    start = time.monotonic()
    for step in range(1000):
        view.set_maps(conv, base + np.float32(step))
        if step % 5 == 0:
            qtbot.wait(1)  # let due timer ticks run, as the event loop does between training signals
    elapsed = time.monotonic() - start
    qtbot.waitUntil(lambda: not view.scheduler.pending, timeout=2000)
    assert elapsed > 0.15  # long enough for the limit to matter: unthrottled, every wait would redraw
    assert 1 <= view.scheduler.count <= 30 * (elapsed + 0.1) + 2
    np.testing.assert_array_equal(view.grid.tiles[0].values, base[0] + np.float32(999))


@pytest.mark.parametrize("pool", ["max_pool2d", "avg_pool2d"])
def test_conv_strip_pools_like_the_layer_and_outlines_the_sources(qtbot, digits, pool):
    model = _cnn(pool)
    conv, pool_layer = model.layers[0], model.layers[1]
    maps = feature_maps(model, digits[1])
    strip = ConvStripView()
    qtbot.addWidget(strip)
    strip.set_strip(digits[1], maps[conv.name], conv_name=conv.name, pool_name=pool_layer.name,
                    **pool_settings(pool_layer))
    assert strip.channel_spin.maximum() == 4
    for channel in (0, 2):
        strip.channel_spin.setValue(channel + 1)
        strip.refresh()
        np.testing.assert_allclose(strip.pooled, maps[pool_layer.name][channel], rtol=1e-6)
        image, conv_tile, pooled_tile = strip.grid.tiles
        assert image.values.shape == (8, 8) and pooled_tile.values.shape == (4, 4)
        boxes = conv_tile.outlines
        if pool == "max_pool2d":  # one kept cell per output, holding the output's value
            assert len(boxes) == 16 and all(box[2:] == (1, 1) for box in boxes)
            kept = np.sort([conv_tile.values[r, c] for r, c, _, _ in boxes])
            np.testing.assert_array_equal(kept, np.sort(strip.pooled.ravel()))
        else:  # the 2×2 windows
            assert sorted(boxes) == [(r, c, 2, 2) for r in range(0, 8, 2) for c in range(0, 8, 2)]
    strip.show()
    qtbot.waitExposed(strip)
    grid = strip.grid
    rect = grid.tile_rect(2)  # the pooled 4×4 map: hover its cell (1, 3)
    point = QPoint(int(rect.left() + 3.5 * rect.width() / 4), int(rect.top() + 1.5 * rect.height() / 4))
    with qtbot.waitSignal(grid.cell_hovered) as hovered:
        QTest.mouseMove(grid, point)
    assert hovered.args == [2, 1, 3]
    strip.refresh()
    (box,) = grid.tiles[1].outlines
    assert 2 <= box[0] <= 3 and 6 <= box[1] <= 7
    if pool == "max_pool2d":
        assert grid.tiles[1].values[box[0], box[1]] == strip.pooled[1, 3]
    QTest.mouseMove(grid, QPoint(1, 1))
    strip.refresh()
    assert len(grid.tiles[1].outlines) == 16


def test_pool_settings_needs_a_pool_layer(cnn):
    assert pool_settings(cnn.layers[1]) == {"pool_size": (2, 2), "strides": None, "padding": "valid", "mode": "max"}
    with pytest.raises(ValueError, match="max_pool2d or avg_pool2d"):
        pool_settings(cnn.layers[0])


def test_filters_view_shows_one_tile_per_kernel(qtbot, cnn):
    view = FiltersView()
    qtbot.addWidget(view)
    first, second = cnn.layers[0].name, cnn.layers[2].name
    chosen = []
    view.layer_chosen.connect(chosen.append)
    view.set_layers([first, second])
    view.layer_choice.setCurrentText(second)
    assert chosen == [first, second]
    shown = filters(cnn, second)
    largest = float(np.abs(cnn.get_weights()[f"{second}/kernel"]).max())
    view.set_filters(second, shown, largest)
    view.refresh()
    out, inputs = shown.shape[:2]
    assert view.tile_count == out * inputs == 12
    assert view.grid.columns == inputs
    for index, tile in enumerate(view.grid.tiles):
        np.testing.assert_array_equal(tile.values, shown[index // inputs, index % inputs])
        assert (tile.vmin, tile.vmax, tile.cmap) == (0.0, 1.0, "diverging")
    assert view.high_label.text() == f"+{largest:.3g}"
    white = lookup_table("diverging")[128, :3]  # the middle of the map is a zero weight
    assert np.all(white >= 250)
    view.set_filters(first, filters(cnn, first))
    view.refresh()
    assert view.tile_count == 4
    assert view.low_label.text() == "negative"


def test_gradcam_overlay_has_the_input_size(qtbot, cnn, digits):
    view = GradCamView()
    qtbot.addWidget(view)
    heat = grad_cam(cnn, digits[4], method="hirescam")
    predicted = int(cnn.predict(digits[4:5])[0].argmax())
    view.set_result(digits[4], heat, predicted, [f"digit {i}" for i in range(10)], probability=0.5)
    view.refresh()
    assert view.overlay.shape == (8, 8, 4)
    assert view.grid.tiles[1].image.size().toTuple() == (8, 8)
    assert view.title.text() == f"Predicted: digit {predicted} (50%)"
    before = view.overlay.copy()
    view.alpha_slider.setValue(0)
    view.refresh()
    grey = lookup_table("greys")[np.round((digits[4, 0] - digits[4].min()) / np.ptp(digits[4]) * 255).astype(int)]
    np.testing.assert_allclose(view.overlay[..., :3], grey[..., :3] * DIM, atol=1)
    if heat.max() > 0:
        assert not np.array_equal(before, view.overlay)
    with pytest.raises(ValueError, match="input's size"):
        view.set_result(digits[4], heat[:4], predicted)


def test_gradcam_method_choice_is_signalled(qtbot):
    view = GradCamView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.method_chosen) as blocker:
        view.method_choice.setCurrentIndex(1)
    assert blocker.args == ["hirescam"] and view.method == "hirescam"
    view.set_result(np.ones((6, 6)), np.zeros((6, 6)), 1)
    view.refresh()
    assert "HiResCAM" in view.caption.text()


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")
def test_image_grid_tooltip_names_the_value_under_the_mouse(qtbot):
    grid = ImageGrid()
    qtbot.addWidget(grid)
    grid.resize(300, 200)
    grid.set_stack(np.arange(12.0).reshape(2, 2, 3), ["a", "b"])
    grid.show()
    qtbot.waitExposed(grid)
    rect = grid.tile_rect(1)
    point = QPoint(int(rect.left() + 2.5 * rect.width() / 3), int(rect.top() + 0.5 * rect.height() / 2))
    QApplication.sendEvent(grid, QHelpEvent(QEvent.Type.ToolTip, point, grid.mapToGlobal(point)))
    assert QToolTip.text() == "b\n[0, 2] = 8"
    QToolTip.hideText()
    with pytest.raises(ValueError, match=r"\(K, H, W\)"):
        grid.set_stack(np.zeros((2, 2)))
