"""Axis limits that move in round steps, so that a live plot's axes change rarely (Qt-free).

A plot that auto-ranges to the exact bounds of a growing curve changes its range at every redraw, and every range
change makes pyqtgraph lay out and paint both axes again — the most expensive part of a repaint. Snapping the data
bounds outward to a grid of round steps (1, 2 or 5 × 10^k, about :data:`STEPS_PER_SPAN` of them across the data)
leaves some headroom and keeps the limits unchanged until the data cross the next step.
"""

from __future__ import annotations

import math

__all__ = ["PADDING_TOLERANCE", "STEPS_PER_SPAN", "flat_limits", "nice_step", "stepped_limits"]

#: The data span is cut into about this many round steps (so the headroom is at most a fifth of the span).
STEPS_PER_SPAN = 5
#: How far (in steps) a plot's bounds may pass a round value and still stop there: the pixels of pens and symbols
#: pyqtgraph adds to the data bounds (the view's own padding keeps them visible).
PADDING_TOLERANCE = 0.05


def nice_step(size: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is ≥ ``size`` (> 0)."""
    if not size > 0 or not math.isfinite(size):
        raise ValueError(f"expected a finite step size > 0, received {size!r}")
    power = 10.0 ** math.floor(math.log10(size))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= size * (1 - 1e-12):
            return factor * power
    return 10.0 * power


def stepped_limits(low: float, high: float, steps: int = STEPS_PER_SPAN, tolerance: float = 0.0
                   ) -> tuple[float, float]:
    """``(low, high)`` widened outward to multiples of a round step of about ``(high - low) / steps``.

    A bound that passes a multiple by at most ``tolerance`` steps stays on it (bounds that include a few pixels
    of pen width would otherwise add a whole step: a loss from 0 shown from −0.2). Empty, reversed or non-finite
    bounds are returned unchanged (the plot decides what to show for them).
    """
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return low, high
    step = nice_step((high - low) / steps)
    return math.floor(low / step + tolerance) * step, math.ceil(high / step - tolerance) * step


def flat_limits(value: float) -> tuple[float, float]:
    """Limits for a series that never changes: half its size either side (±0.5 around 0), so that a constant
    learning rate of 0.01 reads as 0.01 and not as a line at 0 on an axis from −0.5 to 0.5."""
    half = abs(value) * 0.5 or 0.5
    return value - half, value + half
