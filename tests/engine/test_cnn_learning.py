"""The proof of issue 6: handwritten digits read as 8×8 images train a small CNN to high held-out accuracy."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from engine.data.builtin import bundled_dir
from engine.data.images import reshape_to_images, suggest_image_shape
from engine.data.reader import read_csv
from engine.data.splits import train_val_test_split
from engine.model import Sequential
from engine.trainer import Trainer

#: The course's sample file, committed next to the tests; ../shared/datasets beside the clone holds the original.
SAMPLE_COPY = Path(__file__).resolve().parents[1] / "data" / "digits_8x8_sample.csv"
SAMPLE_SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "digits_8x8_sample.csv"
SAMPLE = SAMPLE_COPY if SAMPLE_COPY.exists() else SAMPLE_SHARED


def small_cnn(seed: int = 0) -> Sequential:
    """conv2d(8, 3, same, relu) → max_pool2d(2) → flatten → dense(10, softmax): the "Small CNN"."""
    return Sequential([
        {"type": "conv2d", "config": {"filters": 8, "kernel_size": [3], "padding": "same", "activation": "relu"}},
        {"type": "max_pool2d", "config": {"pool_size": [2]}},
        "flatten",
        {"type": "dense", "config": {"units": 10, "activation": "softmax"}},
    ], input_shape=(1, 8, 8), seed=seed)


def digit_images(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The pixel columns (0–16) as 1×8×8 images scaled to [0, 1], and the digits."""
    frame = read_csv(path).frame
    pixels = [c for c in frame.columns if c != "digit"]
    assert suggest_image_shape(len(pixels)) == (1, 8, 8)
    x = reshape_to_images(frame[pixels].to_numpy(dtype=np.float32) / np.float32(16), "8x8")
    return x, frame["digit"].to_numpy()


@pytest.mark.parametrize(("path", "rows", "epochs", "wanted"), [
    (bundled_dir() / "digits.csv", 1797, 10, 0.95),
    (SAMPLE, 360, 30, 0.90),
])
def test_a_small_cnn_learns_the_digits(path, rows, epochs, wanted):
    x, y = digit_images(path)
    assert x.shape == (rows, 1, 8, 8) and set(np.unique(y)) == set(range(10))
    train, _, test = train_val_test_split(y, test=0.2, seed=0)  # stratified
    assert np.abs(np.bincount(y[test], minlength=10) - 0.2 * np.bincount(y)).max() <= 1
    trainer = Trainer(small_cnn(), loss="sparse_categorical_crossentropy",
                      optimizer={"type": "adam", "config": {"lr": 0.01}}, metrics=["accuracy"])
    start = time.perf_counter()
    history = trainer.fit(x[train], y[train], epochs=epochs, batch_size=32).history
    seconds = time.perf_counter() - start
    accuracy = float(np.mean(trainer.predict_classes(x[test]) == y[test]))
    assert accuracy >= wanted, f"test accuracy {accuracy:.3f} < {wanted}"
    assert history["loss"][-1] < history["loss"][0] / 4
    assert seconds < 10, f"training took {seconds:.1f} s"


def test_the_committed_sample_is_the_course_file():
    """The copy must not drift from ../shared/datasets when that folder is there (it is on the course machines)."""
    assert SAMPLE_COPY.exists()
    if SAMPLE_SHARED.exists():
        assert SAMPLE_COPY.read_bytes() == SAMPLE_SHARED.read_bytes()
