"""Growing float arrays and peak (min/max) downsampling to a pixel budget (Qt-free).

A live loss curve receives one point per batch for the whole run. Appending to a Python list and converting it
on every redraw costs O(n) per frame; :class:`GrowingArray` keeps a NumPy array with spare room that doubles when
full (amortised O(1) appends) and hands out views. A curve of a million points drawn in 800 pixels needs only
the extremes of each pixel column: :func:`peak_downsample` keeps the minimum and maximum of each bucket (in their
original order, so the line still zig-zags through both) and always the last point, as pyqtgraph's "peak" mode.
"""

from __future__ import annotations

import numpy as np

__all__ = ["GrowingArray", "XYBuffer", "peak_downsample"]


class GrowingArray:
    """A 1-D float64 array that grows by appending; :meth:`view` is the filled part (no copy)."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = np.empty(max(int(capacity), 1), dtype=np.float64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def capacity(self) -> int:
        """Room before the next reallocation."""
        return self._data.shape[0]

    def append(self, value: float) -> None:
        """Add one value (amortised O(1))."""
        if self._size == self._data.shape[0]:
            self._grow(self._size + 1)
        self._data[self._size] = value
        self._size += 1

    def extend(self, values: np.ndarray) -> None:
        """Add many values at once."""
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        end = self._size + values.shape[0]
        if end > self._data.shape[0]:
            self._grow(end)
        self._data[self._size:end] = values
        self._size = end

    def view(self) -> np.ndarray:
        """The values so far, as a read-only view that later appends do not change."""
        out = self._data[:self._size]
        out.flags.writeable = False
        return out

    def clear(self) -> None:
        """Forget the values (the capacity is kept)."""
        self._size = 0

    def _grow(self, needed: int) -> None:
        capacity = self._data.shape[0]
        while capacity < needed:
            capacity *= 2
        grown = np.empty(capacity, dtype=np.float64)
        grown[:self._size] = self._data[:self._size]
        self._data = grown


class XYBuffer:
    """Paired x and y :class:`GrowingArray` s: one curve's points in the order they arrived."""

    def __init__(self, capacity: int = 256) -> None:
        self.x = GrowingArray(capacity)
        self.y = GrowingArray(capacity)

    def __len__(self) -> int:
        return len(self.x)

    def append(self, x: float, y: float) -> None:
        self.x.append(x)
        self.y.append(y)

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        """Add many points at once (x and y of one length)."""
        if len(x) != len(y):
            raise ValueError(f"expected x and y of one length, received {len(x)} and {len(y)}")
        self.x.extend(x)
        self.y.extend(y)

    def clear(self) -> None:
        self.x.clear()
        self.y.clear()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """``(x, y)`` views of every point so far."""
        return self.x.view(), self.y.view()

    def last(self) -> tuple[float, float] | None:
        """The newest point, or None when empty."""
        if not len(self):
            return None
        return float(self.x.view()[-1]), float(self.y.view()[-1])


def peak_downsample(x: np.ndarray, y: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``2 * buckets + 1`` points of ``(x, y)`` keeping each bucket's min and max and the last point.

    Buckets are runs of equal length (the last one may be shorter) in index order; each contributes its
    smallest and largest y in the order they occur. NaN values are ignored inside a bucket unless the whole
    bucket is NaN (then one NaN point is kept, so the gap stays visible). Inputs of at most ``2 * buckets``
    points are returned unchanged.
    """
    x = np.asarray(x)
    y = np.asarray(y)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"expected 1-D x and y of one length, received shapes {x.shape} and {y.shape}")
    if buckets < 1:
        raise ValueError(f"expected buckets >= 1, received {buckets}")
    n = y.shape[0]
    if n <= 2 * buckets:
        return x, y
    size = -(-n // buckets)  # ceil: every bucket but the last holds `size` points
    full = n // size
    lo_idx, hi_idx = _bucket_extremes(y[:full * size].reshape(full, size))
    lo_idx += np.arange(full) * size
    hi_idx += np.arange(full) * size
    parts = [np.minimum(lo_idx, hi_idx), np.maximum(lo_idx, hi_idx)]
    if full * size < n:
        tail_lo, tail_hi = _bucket_extremes(y[full * size:].reshape(1, -1))
        parts.append(full * size + np.array([min(tail_lo[0], tail_hi[0]), max(tail_lo[0], tail_hi[0])]))
    index = np.stack(parts[:2], axis=1).reshape(-1)
    if len(parts) == 3:
        index = np.concatenate([index, parts[2]])
    index = np.concatenate([index, [n - 1]])
    index = index[np.concatenate([[True], np.diff(index) != 0])]  # drop repeats (min == max, or the last point)
    return x[index], y[index]


def _bucket_extremes(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the index of the smallest and of the largest value, NaN ignored unless the row is all NaN."""
    nan = np.isnan(rows)
    low = np.where(nan, np.inf, rows).argmin(axis=1)
    high = np.where(nan, -np.inf, rows).argmax(axis=1)
    return low, high
