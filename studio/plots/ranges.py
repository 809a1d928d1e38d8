"""Axis limits that move in round steps, so that a live plot's axes change rarely (Qt-free).

A plot that auto-ranges to the exact bounds of a growing curve changes its range at every redraw, and every range
change makes pyqtgraph lay out and paint both axes again — the most expensive part of a repaint. Snapping the data
bounds outward to a grid of round steps (1, 2 or 5 × 10^k, about :data:`STEPS_PER_SPAN` of them across the data)
leaves some headroom and keeps the limits unchanged until the data cross the next step.
"""

from __future__ import annotations

import math

__all__ = ["STEPS_PER_SPAN", "nice_step", "stepped_limits"]

#: The data span is cut into about this many round steps (so the headroom is at most a fifth of the span).
STEPS_PER_SPAN = 5


def nice_step(size: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ ``size`` (> 0)."""
    if not size > 0 or not math.isfinite(size):
        raise ValueError(f"expected a finite step size > 0, received {size!r}")
    power = 10.0 ** math.floor(math.log10(size))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= size * (1 - 1e-12):
            return factor * power
    return 10.0 * power


def stepped_limits(low: float, high: float, steps: int = STEPS_PER_SPAN) -> tuple[float, float]:
    """``(low, high)`` widened outward to multiples of a round step of about ``(high - low) / steps``.

    Empty, reversed or non-finite bounds are returned unchanged (the plot decides what to show for them).
    """
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return low, high
    step = nice_step((high - low) / steps)
    return math.floor(low / step) * step, math.ceil(high / step) * step
