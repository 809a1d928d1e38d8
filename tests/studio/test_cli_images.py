"""``nn-train`` with images: pixel CSV files read as 8×8 digits train a small CNN (the proof of issue 6), the model
file reapplies the pixel scaling in ``predict``, folders of images train and predict, mistakes are one sentence."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from engine.data import TablePipeline, bundled_dir, train_val_test_split
from engine.data.reader import read_csv
from engine.io.model_file import load_model_file
from studio import cli

DATA = Path(__file__).resolve().parents[1] / "data"
DIGITS = bundled_dir() / "digits.csv"
SAMPLE = DATA / "digits_8x8_sample.csv"  # a copy of ../shared/datasets/digits_8x8_sample.csv
SHAPES = DATA / "images" / "shapes"
BRIEF_LAYERS = ("conv2d(filters=8, kernel_size=3, padding=same, activation=relu), max_pool2d(pool_size=2), "
                "flatten, dense(units=10, activation=softmax)")


def _run(capsys, *argv):
    status = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _metrics(out: Path) -> dict:
    return json.loads((out / "metrics.json").read_text(encoding="utf-8"))


def _one_error_line(err: str, *fragments: str) -> None:
    lines = [line for line in err.strip().splitlines() if not line.startswith("nn-train: note:")]
    assert len(lines) == 1 and lines[0].startswith("nn-train: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


# -- the proof: digits as 8×8 images through the CLI ----------------------------------------------------------------
@pytest.mark.parametrize(("path", "epochs", "wanted"), [(DIGITS, 20, 0.95), (SAMPLE, 40, 0.90)])
def test_digits_as_8x8_images_train_the_small_cnn(capsys, tmp_path, path, epochs, wanted):
    start = time.perf_counter()
    status, _, err = _run(capsys, "train", path, "--image-shape", "8x8", "--cnn", "--test-split", 0.2,
                          "--val-split", 0, "--epochs", epochs, "--out", tmp_path)
    seconds = time.perf_counter() - start
    assert status == 0, err
    assert "--image-shape" not in err  # no hint when the shape is given
    metrics = _metrics(tmp_path)
    assert metrics["test"]["accuracy"] >= wanted, metrics["test"]
    assert seconds < 10, f"the run took {seconds:.1f} s"
    saved = load_model_file(tmp_path / "model.npz")
    assert tuple(saved.model.input_shape) == (1, 8, 8)
    assert [layer.key for layer in saved.model.layers] == ["conv2d", "max_pool2d", "flatten", "dense"]

    # the stratified 20 % hold-out, and predict on the pixel CSV reproduces its accuracy
    frame = read_csv(path).frame
    labels = frame["digit"].astype(str).to_numpy()
    _, _, test = train_val_test_split(labels, val=0.0, test=0.2, seed=0)
    assert metrics["samples"]["test"] == len(test) and np.abs(
        np.bincount(frame["digit"].to_numpy()[test], minlength=10) - 0.2 * np.bincount(frame["digit"])).max() <= 1
    frame.iloc[test].drop(columns=["digit"]).to_csv(tmp_path / "test_rows.csv", index=False)
    status, _, err = _run(capsys, "predict", tmp_path / "model.npz", tmp_path / "test_rows.csv", "--out",
                          tmp_path / "predicted.csv")
    assert status == 0, err
    predicted = pd.read_csv(tmp_path / "predicted.csv")["predicted"].astype(str).to_numpy()
    assert metrics["test"]["accuracy"] == pytest.approx(np.mean(predicted == labels[test]), abs=1e-12)


def test_the_pixel_scaling_is_stored_with_the_model(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SAMPLE, "--image-shape", "1x8x8", "--hidden", "16", "--epochs", 2,
                          "--out", tmp_path)
    assert status == 0, err
    saved = load_model_file(tmp_path / "model.npz")
    assert [layer.key for layer in saved.model.layers] == ["flatten", "dense", "dense"]  # flatten first for images
    pipeline = TablePipeline.from_config(saved.extra["pipeline"])
    frame = read_csv(SAMPLE).frame
    pixels = frame.drop(columns=["digit"]).to_numpy(dtype=np.float64)
    assert pipeline.image_shape == "1x8x8" and pipeline.scaler is None  # no per-pixel scaler for images
    assert pipeline.pixel_max == pixels.max()  # the training part holds the brightest value (16) too
    images = pipeline.transform_for_prediction(frame.drop(columns=["digit"]))
    np.testing.assert_allclose(images, (pixels / pixels.max()).reshape(-1, 1, 8, 8), rtol=1e-6)


def test_the_layer_spec_of_the_brief_trains_on_images(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SAMPLE, "--image-shape", "8x8", "--layers", BRIEF_LAYERS, "--epochs", 3,
                          "--out", tmp_path)
    assert status == 0, err
    history = pd.read_csv(tmp_path / "history.csv")
    assert history["loss"].iloc[-1] < history["loss"].iloc[0]


# -- the hint: suggested, never applied silently ----------------------------------------------------------------
def test_pixel_columns_without_a_shape_get_a_one_line_hint(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SAMPLE, "--hidden", "8", "--epochs", 1, "--out", tmp_path)
    assert status == 0, err
    hints = [line for line in err.splitlines() if "--image-shape" in line]
    assert len(hints) == 1 and hints[0].startswith("nn-train: note:") and "--image-shape 8x8" in hints[0]
    varying = int((read_csv(SAMPLE).frame.drop(columns=["digit"]).nunique() > 1).sum())
    assert tuple(load_model_file(tmp_path / "model.npz").model.input_shape) == (varying,)  # still a table


def test_a_table_that_is_no_image_gets_no_hint(capsys, tmp_path):
    status, _, err = _run(capsys, "train", bundled_dir() / "iris.csv", "--epochs", 1, "--out", tmp_path)
    assert status == 0 and "--image-shape" not in err, err


def test_inspect_shows_the_suggested_image_shape(capsys):
    status, out, _ = _run(capsys, "inspect", SAMPLE)
    assert status == 0 and "suggested image shape: 8x8 (64 number columns)" in out
    status, out, _ = _run(capsys, "inspect", SAMPLE, "--json")
    assert status == 0 and json.loads(out)["image_shape"] == "8x8"
    status, out, _ = _run(capsys, "inspect", bundled_dir() / "iris.csv", "--json")
    assert status == 0 and json.loads(out)["image_shape"] is None


# -- folders of images ------------------------------------------------------------------------------------------
def test_an_image_folder_trains_and_predicts_end_to_end(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SHAPES, "--cnn", "--epochs", 30, "--out", tmp_path)
    assert status == 0, err
    saved = load_model_file(tmp_path / "model.npz")
    assert tuple(saved.model.input_shape) == (1, 12, 12) and saved.extra["classes"] == ["circle", "square"]
    history = pd.read_csv(tmp_path / "history.csv")
    assert history["loss"].iloc[-1] < history["loss"].iloc[0] / 2
    status, _, err = _run(capsys, "predict", tmp_path / "model.npz", SHAPES, "--out", tmp_path / "shapes.csv")
    assert status == 0, err
    table = pd.read_csv(tmp_path / "shapes.csv")
    assert table["file"].tolist() == [f"{c}/{c}_{i}.png" for c in ("circle", "square") for i in range(3)]
    assert list(table.columns) == ["file", "folder", "predicted", "p_circle", "p_square"]
    accuracy = float(np.mean(table["predicted"] == table["folder"]))
    assert accuracy == pytest.approx(_metrics(tmp_path)["train"]["accuracy"])
    np.testing.assert_allclose(table[["p_circle", "p_square"]].sum(axis=1), 1.0)


def test_image_size_resizes_the_folder(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SHAPES, "--image-size", "6x8", "--hidden", "4", "--epochs", 1, "--out",
                          tmp_path)
    assert status == 0, err
    assert tuple(load_model_file(tmp_path / "model.npz").model.input_shape) == (1, 6, 8)


def test_without_pillow_a_folder_is_one_sentence(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    status, _, err = _run(capsys, "train", SHAPES, "--out", tmp_path)
    assert status == 2
    _one_error_line(err, "Pillow", "pip install")


# -- mistakes: one sentence, exit status 2 ------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "flags", "fragments"), [
    (SAMPLE, ["--image-shape", "7x7"], ["'7x7'", "needs 49 pixel columns", "64 number columns"]),
    (SAMPLE, ["--image-shape", "abc"], ["two or three positive sizes", "'abc'"]),
    (SAMPLE, ["--image-shape", "3x8x3"], ["ambiguous", "3x8x3:hwc"]),
    (SAMPLE, ["--image-shape", "8x8x2"], ["channel count of 1, 3 or 4"]),
    (DATA / "messy" / "semicolon_decimal_comma.csv", ["--image-shape", "2x2"],
     ["column 'city' is categorical", "one number column per pixel"]),
    (SAMPLE, ["--image-size", "8x8"], ["--image-size applies to folders"]),
    (SAMPLE, ["--cnn"], ["--cnn needs images", "--image-shape"]),
    ("builtin:iris", ["--image-shape", "2x2"], ["--image-shape applies to CSV files"]),
    (SHAPES, ["--image-shape", "12x12"], ["--image-shape applies to CSV files", "folder of images"]),
    (SHAPES, ["--image-size", "0x4"], ["--image-size expected a size such as 28x28"]),
    (SHAPES, ["--target", "x"], ["--target applies to CSV files"]),
])
def test_bad_image_settings_are_one_sentence(capsys, tmp_path, data, flags, fragments):
    status, _, err = _run(capsys, "train", data, *flags, "--epochs", 1, "--out", tmp_path)
    assert status == 2
    _one_error_line(err, *fragments)


def test_a_pixel_csv_model_refuses_a_folder(capsys, tmp_path):
    status, _, err = _run(capsys, "train", SAMPLE, "--image-shape", "8x8", "--cnn", "--epochs", 1, "--out", tmp_path)
    assert status == 0, err
    status, _, err = _run(capsys, "predict", tmp_path / "model.npz", SHAPES, "--out", tmp_path / "p.csv")
    assert status == 2
    _one_error_line(err, "pixel columns of a CSV file", "not the folder")


# -- augmentation -----------------------------------------------------------------------------------------------
def test_augmentation_changes_the_training_batches_and_is_stored(capsys, tmp_path):
    common = ["train", SAMPLE, "--image-shape", "8x8", "--cnn", "--test-split", 0.2, "--val-split", 0, "--epochs", 40]
    status, _, err = _run(capsys, *common, "--out", tmp_path / "plain")
    assert status == 0, err
    status, _, err = _run(capsys, *common, "--augment", "shift=1, rotation=10, zoom=0.1, flip_horizontal=false",
                          "--out", tmp_path / "augmented")
    assert status == 0, err
    plain, augmented = (pd.read_csv(tmp_path / part / "history.csv") for part in ("plain", "augmented"))
    assert not np.allclose(plain["loss"], augmented["loss"])  # the same seed, other batches
    assert _metrics(tmp_path / "augmented")["test"]["accuracy"] >= 0.90
    stored = load_model_file(tmp_path / "augmented" / "model.npz").extra["training"]["augment"]
    assert stored == {"shift": 1, "rotation": 10.0, "flip_horizontal": False, "flip_vertical": False, "zoom": 0.1,
                      "seed": 0}
    assert load_model_file(tmp_path / "plain" / "model.npz").extra["training"]["augment"] is None


@pytest.mark.parametrize(("data", "text", "fragments"), [
    (SAMPLE, "shift=1, rotaton=3", ["--augment at character 10", "unknown parameter 'rotaton'", "rotation"]),
    (SAMPLE, "shift=-1", ["'shift' expected an integer in [0, 1024]", "-1"]),
    (SAMPLE, "zoom=__import__('os')", ["--augment at character"]),
    (bundled_dir() / "iris.csv", "shift=1", ["--augment changes images", "--image-shape"]),
])
def test_bad_augmentation_is_one_sentence(capsys, tmp_path, data, text, fragments):
    flags = ["--image-shape", "8x8"] if data == SAMPLE else []
    status, _, err = _run(capsys, "train", data, *flags, "--augment", text, "--epochs", 1, "--out", tmp_path)
    assert status == 2
    _one_error_line(err, *fragments)
