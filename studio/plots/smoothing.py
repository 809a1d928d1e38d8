"""TensorBoard's debiased exponential moving average, for the loss curves' smoothing slider (Qt-free).

TensorBoard (``vz_line_chart2``) smooths a scalar series with weight ``w`` in [0, 1)::

    last = 0; n = 0
    for v in values:
        if series is constant or v is not finite: smoothed = v            (passed through, not counted)
        else: last = w * last + (1 - w) * v; n += 1; smoothed = last / (1 - w ** n)

Dividing by ``1 - w ** n`` removes the bias towards the zero start, so the first point equals the first value.
:class:`EmaSmoother` applies the same recurrence incrementally (a live curve smooths only its new points) and
vectorised: blocks of :data:`BLOCK` values are combined with a small matrix of powers of ``w`` (all ≤ 1, so
nothing overflows), and only the carry between blocks is a Python loop.
"""

from __future__ import annotations

import numpy as np

__all__ = ["BLOCK", "EmaSmoother", "debiased_ema"]

#: Values handled per matrix product; the cost is O(n · BLOCK) flops and n / BLOCK Python iterations.
BLOCK = 64


class EmaSmoother:
    """The debiased EMA of a growing series: feed new values with :meth:`extend`, get their smoothed values.

    Non-finite values pass through unchanged and do not advance the average. (TensorBoard also passes a
    constant series through unchanged; the debiased average of a constant is that constant up to rounding, and
    :func:`debiased_ema` applies the exact rule to whole series.)
    """

    def __init__(self, weight: float) -> None:
        if not 0.0 <= weight < 1.0:
            raise ValueError(f"expected a smoothing weight in [0, 1), received {weight!r}")
        self.weight = float(weight)
        self._last = 0.0
        self._count = 0
        powers = self.weight ** np.arange(BLOCK, dtype=np.float64)
        lag = np.arange(BLOCK)[:, None] - np.arange(BLOCK)[None, :]
        # _kernel[j, k] = (1 - w) w^(j - k) for k <= j: the EMA of one block started from 0.
        self._kernel = np.where(lag >= 0, (1.0 - self.weight) * powers[np.clip(lag, 0, None)], 0.0)
        self._carry_gain = self.weight ** np.arange(1, BLOCK + 1, dtype=np.float64)  # w^(j+1)

    def reset(self) -> None:
        """Start a new series."""
        self._last = 0.0
        self._count = 0

    def extend(self, values: np.ndarray) -> np.ndarray:
        """The smoothed values of ``values`` (float64), continuing the series fed so far."""
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        out = values.copy()
        finite = np.isfinite(values)
        kept = values[finite]
        if kept.shape[0] == 0:
            return out
        if self.weight == 0.0:
            self._last, self._count = float(kept[-1]), self._count + kept.shape[0]
            return out
        m = kept.shape[0]
        padded = np.zeros(-(-m // BLOCK) * BLOCK)
        padded[:m] = kept
        local = padded.reshape(-1, BLOCK) @ self._kernel.T  # each block's EMA from a zero start
        last = self._last
        for row in local:  # add the carry of the previous blocks: w^(j+1) · last
            row += self._carry_gain * last
            last = row[-1]
        averages = local.reshape(-1)[:m]
        self._last = float(averages[-1])
        counts = self._count + np.arange(1, m + 1, dtype=np.float64)
        self._count += m
        out[finite] = averages / -np.expm1(counts * np.log(self.weight))  # / (1 - w^n)
        return out


def debiased_ema(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's smoothing of a whole series (see the module docstring), as float64."""
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if values.shape[0] and (values == values[0]).all():
        return values.copy()
    return EmaSmoother(weight).extend(values)
