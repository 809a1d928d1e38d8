"""Growing buffers, peak downsampling and TensorBoard's smoothing (Qt-free)."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from studio.plots.buffers import GrowingArray, XYBuffer, peak_downsample
from studio.plots.smoothing import BLOCK, EmaSmoother, debiased_ema


def tensorboard_smooth(values: list[float], weight: float) -> list[float]:
    """TensorBoard's vz_line_chart2 ``resetSmoothing`` loop, transcribed."""
    last, count, out = 0.0, 0, []
    constant = all(v == values[0] for v in values)
    for v in values:
        if constant or not math.isfinite(v):
            out.append(v)
            continue
        last = last * weight + (1 - weight) * v
        count += 1
        out.append(last / (1 - weight ** count))
    return out


def test_buffers_and_smoothing_import_without_qt() -> None:
    code = ("import sys, studio.plots.buffers, studio.plots.smoothing; "
            "sys.exit(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_growing_array_doubles_and_keeps_every_value() -> None:
    array = GrowingArray(capacity=4)
    capacities = set()
    for i in range(1000):
        array.append(i * 0.5)
        capacities.add(array.capacity)
    assert capacities == {4 * 2**k for k in range(9)}  # 4 … 1024: amortised doubling
    np.testing.assert_array_equal(array.view(), np.arange(1000) * 0.5)
    array.extend(np.arange(3000, dtype=np.float32))
    assert len(array) == 4000 and array.capacity == 4096
    assert array.view()[-1] == 2999.0


def test_views_are_read_only_and_clear_keeps_capacity() -> None:
    array = GrowingArray(capacity=2)
    array.extend([1.0, 2.0])
    before = array.view()
    array.append(3.0)  # reallocates
    assert before.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError):
        array.view()[0] = 5.0
    capacity = array.capacity
    array.clear()
    assert len(array) == 0 and array.capacity == capacity


def test_xy_buffer_pairs_points() -> None:
    points = XYBuffer()
    assert points.last() is None
    for i in range(5):
        points.append(i, i * i)
    x, y = points.data()
    assert x.tolist() == [0, 1, 2, 3, 4] and y.tolist() == [0, 1, 4, 9, 16]
    assert points.last() == (4.0, 16.0)


def test_peak_downsample_keeps_each_bucket_extremes_and_the_last_point() -> None:
    rng = np.random.default_rng(3)
    n, buckets = 10_007, 100
    x = np.arange(n, dtype=np.float64)
    y = rng.standard_normal(n)
    dx, dy = peak_downsample(x, y, buckets)
    assert len(dx) <= 2 * buckets + 1
    assert (np.diff(dx) > 0).all()  # original order, no repeats
    assert dx[-1] == n - 1 and dy[-1] == y[-1]
    size = -(-n // buckets)
    kept = set(dx.astype(int).tolist())
    for start in range(0, n, size):
        part = y[start:start + size]
        assert start + int(part.argmin()) in kept and start + int(part.argmax()) in kept
    np.testing.assert_array_equal(dy, y[dx.astype(int)])


def test_peak_downsample_short_input_nan_and_bad_arguments() -> None:
    x, y = np.arange(10.0), np.arange(10.0)
    dx, dy = peak_downsample(x, y, 5)
    assert dx is x and dy is y
    y = np.arange(40.0)
    y[10:20] = np.nan  # one whole bucket of NaN keeps one NaN point (a visible gap)
    y[3] = np.nan
    dx, dy = peak_downsample(np.arange(40.0), y, 4)
    assert np.isnan(dy).sum() == 1
    assert {0.0, 9.0, 20.0, 29.0, 30.0, 39.0} <= set(dx.tolist())  # NaN at 3 ignored in its bucket
    with pytest.raises(ValueError, match="buckets"):
        peak_downsample(x, x, 0)
    with pytest.raises(ValueError, match="shapes"):
        peak_downsample(x, x[:5], 2)


def test_ema_hand_worked_example() -> None:
    # w = 0.5 on 1, 3, 2: last = 0.5, 1.75, 1.875; debiased by 1 - 0.5^n = 0.5, 0.75, 0.875.
    np.testing.assert_allclose(debiased_ema([1.0, 3.0, 2.0], 0.5), [1.0, 7 / 3, 15 / 7], rtol=1e-15)
    # Non-finite values pass through and do not count; a constant series is returned unchanged.
    np.testing.assert_allclose(debiased_ema([1.0, np.nan, 3.0], 0.5), [1.0, np.nan, 7 / 3], rtol=1e-15)
    assert debiased_ema([2.5, 2.5, 2.5], 0.9).tolist() == [2.5, 2.5, 2.5]
    assert debiased_ema([], 0.6).shape == (0,)


@pytest.mark.parametrize("weight", [0.0, 0.6, 0.99])
def test_ema_matches_tensorboard_incrementally(weight: float) -> None:
    rng = np.random.default_rng(7)
    values = rng.standard_normal(5 * BLOCK + 17) + 3
    values[[5, 100, 200]] = [np.nan, np.inf, -np.inf]
    expected = tensorboard_smooth(values.tolist(), weight)
    np.testing.assert_allclose(debiased_ema(values, weight), expected, rtol=1e-12)
    smoother = EmaSmoother(weight)
    pieces = np.split(values, [1, 2, 70, 71, 250])  # uneven arrivals, as live batches come
    np.testing.assert_allclose(np.concatenate([smoother.extend(p) for p in pieces]), expected, rtol=1e-12)


def test_ema_refuses_weights_outside_zero_one() -> None:
    for weight in (-0.1, 1.0):
        with pytest.raises(ValueError, match="smoothing weight"):
            EmaSmoother(weight)
