"""Image shapes written as text, pixel rows reshaped to N×C×H×W, and folders of image files (Pillow)."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from engine.data.builtin import bundled_dir
from engine.data.images import image_shape_from_string, load_image_folder, reshape_to_images, suggest_image_shape
from engine.errors import ConfigError, DataError, ShapeError

SHAPES = Path(__file__).resolve().parents[1] / "data" / "images" / "shapes"


# -- shapes as text ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("8x8", (1, 8, 8)), ("28×28", (1, 28, 28)), (" 8, 8 ", (1, 8, 8)), ("10X12", (1, 10, 12)),
    ("1x8x8", (1, 8, 8)), ("3x32x32", (3, 32, 32)), ("28x28x3", (3, 28, 28)), ("8x8x1", (1, 8, 8)),
    ("4x5x6", (4, 5, 6)), ("3x8x3:hwc", (3, 3, 8)), ("3x8x3:chw", (3, 8, 3)), ("4x4x3 : HWC", (3, 4, 4)),
])
def test_shape_text_gives_channels_height_width(text, expected):
    assert image_shape_from_string(text) == expected


@pytest.mark.parametrize("text", ["8", "8x8x8x8", "0x8", "8x-8", "axb", "8x8x8", "2x8x8", "8x8:hwc", "1x8x8:xyz",
                                  "2²x4", "", 64])
def test_malformed_shape_text_is_refused(text):
    with pytest.raises(ConfigError) as info:
        image_shape_from_string(text)
    assert info.value.param == "image_shape"
    assert repr(text) in info.value.message or str(text) in info.value.message


@pytest.mark.parametrize("text", ["3x8x3", "1x8x1", "4x4x3", "3x5x4"])
def test_ambiguous_shape_text_asks_for_the_layout(text):
    with pytest.raises(ConfigError, match="ambiguous") as info:
        image_shape_from_string(text)
    assert f"'{text}:chw'" in info.value.message and f"'{text}:hwc'" in info.value.message


@pytest.mark.parametrize(("n", "expected"), [(64, (1, 8, 8)), (784, (1, 28, 28)), (3072, (3, 32, 32)),
                                             (48, (3, 4, 4)), (16, (1, 4, 4)), (63, None), (4, None), (9, None),
                                             (12, None), (30, None), (1, None), (0, None)])
def test_suggested_shapes(n, expected):
    assert suggest_image_shape(n) == expected


@given(st.one_of(st.integers(min_value=0, max_value=200_000), st.integers(1, 447).map(lambda k: k * k),
                 st.integers(1, 258).map(lambda k: 3 * k * k)))
def test_a_suggestion_exists_exactly_for_squares_and_three_squares(n):
    """Checked against a plain search over sides instead of the integer square root."""
    grey = [k for k in range(4, 450) if k * k == n]
    colour = [k for k in range(4, 260) if 3 * k * k == n]
    expected = (1, grey[0], grey[0]) if grey else (3, colour[0], colour[0]) if colour else None
    assert suggest_image_shape(n) == expected


# -- pixel rows to images ----------------------------------------------------------------------------------------
def test_digit_columns_become_rows_and_columns_of_the_image():
    """pixel_<row>_<col> of the bundled digits lands at [0, row, col] (read with the csv module)."""
    with (bundled_dir() / "digits.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [next(reader) for _ in range(3)]
    x = np.array([[float(row[f"pixel_{r}_{c}"]) for r in range(8) for c in range(8)] for row in rows])
    images = reshape_to_images(x, "8x8")
    assert images.shape == (3, 1, 8, 8) and np.shares_memory(images, x)
    for i, row in enumerate(rows):
        for r in range(8):
            for c in range(8):
                assert images[i, 0, r, c] == float(row[f"pixel_{r}_{c}"])


def test_written_order_is_the_pixel_order():
    images = np.random.default_rng(0).random((4, 3, 5, 6)).astype(np.float32)
    planar = images.reshape(4, -1)  # all red, then green, then blue
    interleaved = images.transpose(0, 2, 3, 1).reshape(4, -1)  # r, g, b of each pixel in turn
    np.testing.assert_array_equal(reshape_to_images(planar, "3x5x6"), images)
    np.testing.assert_array_equal(reshape_to_images(interleaved, "5x6x3"), images)
    np.testing.assert_array_equal(reshape_to_images(planar, (3, 5, 6)), images)
    np.testing.assert_array_equal(reshape_to_images(interleaved, (3, 5, 6), layout="hwc"), images)
    assert reshape_to_images(interleaved, "5x6x3").dtype == np.float32


def test_a_pixel_count_that_does_not_fit_names_both_sizes():
    with pytest.raises(ShapeError) as info:
        reshape_to_images(np.zeros((5, 63)), "8x8")
    assert "64" in info.value.message and "63" in info.value.message and "1×8×8" in info.value.message
    with pytest.raises(ShapeError, match="rows of pixels"):
        reshape_to_images(np.zeros(64), "8x8")
    with pytest.raises(ConfigError, match="layout"):
        reshape_to_images(np.zeros((1, 64)), (1, 8, 8), layout="nhwc")
    with pytest.raises(ConfigError, match="channels, height, width"):
        reshape_to_images(np.zeros((1, 64)), (8, 8))


# -- image folders -----------------------------------------------------------------------------------------------
def test_the_shapes_folder_loads_sorted_classes_scaled_to_one():
    data = load_image_folder(SHAPES)
    assert data.classes == ["circle", "square"] and data.task == "binary"
    assert data.x.shape == (6, 1, 12, 12) and data.x.dtype == np.float32  # README.txt ignored
    np.testing.assert_array_equal(data.y, [0, 0, 0, 1, 1, 1])
    assert data.x.min() == 0.0 and data.x.max() == 1.0
    with Image.open(SHAPES / "circle" / "circle_1.png") as image:
        np.testing.assert_array_equal(data.x[1, 0] * 255, np.asarray(image, dtype=np.float32))
    assert data.name == "shapes" and data.source == str(SHAPES) and len(data.feature_names) == 144


def test_images_of_another_size_are_resized_to_the_most_common_one():
    """square_2.png is 10 rows × 14 columns; its white square (rows 4–9, columns 4–10) is stretched, not cut."""
    data = load_image_folder(SHAPES)
    resized = data.x[5, 0]
    rows, cols = np.nonzero(resized > 0.5)
    assert rows.max() == 11 and cols.min() >= 3 and cols.max() <= 9
    assert load_image_folder(SHAPES, size=(6, 8)).x.shape == (6, 1, 6, 8)
    assert load_image_folder(SHAPES, size=5).input_shape == (1, 5, 5)


@pytest.mark.parametrize("size", [0, (3,), (2, 2, 2), 2.5, (4, True), "8"])
def test_a_bad_size_is_refused(size):
    with pytest.raises(ConfigError, match="image size") as info:
        load_image_folder(SHAPES, size=size)
    assert info.value.param == "size"


def _save(folder: Path, name: str, image: Image.Image) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    image.save(folder / name)


def test_colour_is_kept_when_an_image_has_it(tmp_path):
    _save(tmp_path / "red", "a.png", Image.new("RGB", (4, 3), (255, 0, 0)))
    _save(tmp_path / "red", "b.png", Image.new("RGBA", (4, 3), (255, 0, 0, 128)))
    _save(tmp_path / "grey", "c.png", Image.new("L", (4, 3), 51))
    data = load_image_folder(tmp_path)
    assert data.classes == ["grey", "red"] and data.x.shape == (3, 3, 3, 4)
    np.testing.assert_allclose(data.x[0], 0.2, rtol=1e-6)  # grey as three equal channels
    np.testing.assert_array_equal(data.x[1:, 0], 1.0)
    np.testing.assert_array_equal(data.x[1:, 1:], 0.0)
    assert data.feature_names[0] == "red_0_0" and data.feature_names[-1] == "blue_2_3"
    grey = load_image_folder(tmp_path, grayscale=True)
    assert grey.x.shape == (3, 1, 3, 4)
    assert load_image_folder(SHAPES, grayscale=False).x.shape == (6, 3, 12, 12)


def test_classes_are_sorted_by_folder_name_and_hidden_folders_ignored(tmp_path):
    for name in ("zebra", "apple", "mango"):
        _save(tmp_path / name, "x.png", Image.new("L", (2, 2), 0))
    _save(tmp_path / ".cache", "x.png", Image.new("L", (2, 2), 0))
    data = load_image_folder(tmp_path)
    assert data.classes == ["apple", "mango", "zebra"] and data.task == "multiclass"
    np.testing.assert_array_equal(data.y, [0, 1, 2])


def test_unreadable_images_are_listed_in_one_error(tmp_path):
    _save(tmp_path / "a", "good.png", Image.new("L", (6, 6), 0))
    _save(tmp_path / "b", "good.png", Image.new("L", (6, 6), 0))
    (tmp_path / "a" / "garbage.png").write_bytes(b"this is not a picture")
    Image.new("L", (64, 64), 0).save(tmp_path / "b" / "big.png", compress_level=0)
    truncated = (tmp_path / "b" / "big.png").read_bytes()
    (tmp_path / "b" / "cut.png").write_bytes(truncated[: len(truncated) // 2])
    with pytest.raises(DataError) as info:
        load_image_folder(tmp_path)
    message = info.value.message
    assert message.startswith("2 image file(s) could not be read")
    assert str(Path("a") / "garbage.png") in message and str(Path("b") / "cut.png") in message
    assert "good.png" not in message and info.value.file == str(tmp_path / "a" / "garbage.png")


@pytest.mark.parametrize(("layout", "expected"), [
    ({}, "at least two"), ({"only": 1}, "at least two"), ({"a": 1, "b": 0}, "'b' holds no image files"),
])
def test_a_folder_without_usable_classes_is_refused(tmp_path, layout, expected):
    for name, count in layout.items():
        (tmp_path / name).mkdir()
        for i in range(count):
            Image.new("L", (2, 2), 0).save(tmp_path / name / f"{i}.png")
    (tmp_path / "loose.png").write_bytes(b"")
    with pytest.raises(DataError, match=expected):
        load_image_folder(tmp_path)


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(DataError, match="not a folder") as info:
        load_image_folder(tmp_path / "nowhere")
    assert info.value.file == str(tmp_path / "nowhere")


def test_without_pillow_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ConfigError, match=r"pip install 'nn-training-studio\[images\]'"):
        load_image_folder(SHAPES)


def test_pixel_values_survive_the_trip_through_a_file(tmp_path):
    values = np.arange(0, 256, 16, dtype=np.uint8).reshape(4, 4)
    _save(tmp_path / "a", "ramp.png", Image.fromarray(values))
    _save(tmp_path / "b", "ramp.png", Image.fromarray(values[::-1]))
    data = load_image_folder(tmp_path)
    np.testing.assert_allclose(data.x[0, 0], values / 255, rtol=1e-6)
    np.testing.assert_allclose(data.x[1, 0], values[::-1] / 255, rtol=1e-6)
    assert math.isclose(float(data.x[0, 0, 3, 3]), 240 / 255, rel_tol=1e-6)
