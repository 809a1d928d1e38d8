"""A rate limiter that always ends on the latest value (Qt-free, with an injectable clock).

The training worker produces a batch update every few milliseconds; the window needs about 20 a second. A
:class:`Throttle` passes a value on at most ``max_per_second`` times a second, keeps the newest value that had to
wait, and delivers it on the next :meth:`submit` or :meth:`poll` that is due, or on :meth:`flush` at the end of an
epoch or run, so the last state shown is never stale. The clock is a parameter so that tests control time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Throttle"]

T = TypeVar("T")


class Throttle(Generic[T]):
    """Deliver values to ``deliver`` at most ``max_per_second`` times per second, never losing the latest one.

    Deliveries are spaced at least ``1 / max_per_second`` seconds apart, so any half-open one-second window holds
    at most ``max_per_second`` of them (:meth:`flush` excepted: it delivers at once, by design, at the end).
    """

    def __init__(self, deliver: Callable[[T], None], max_per_second: float = 20.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not max_per_second > 0:
            raise ValueError(f"max_per_second must be > 0, received {max_per_second!r}")
        self._deliver = deliver
        self._interval = 1.0 / float(max_per_second)
        self._clock = clock
        self._last: float | None = None
        self._pending: tuple[T] | None = None  # a 1-tuple, so that None is a valid value

    @property
    def interval(self) -> float:
        """The minimum time between two deliveries, in seconds."""
        return self._interval

    @property
    def has_pending(self) -> bool:
        """Whether a value is waiting for its turn."""
        return self._pending is not None

    @property
    def next_due(self) -> float:
        """The clock time from which a submitted value is delivered at once (-inf before the first delivery)."""
        return -math.inf if self._last is None else self._last + self._interval

    def submit(self, value: T) -> bool:
        """Offer the newest value; deliver it now if the interval has passed. Returns whether it was delivered."""
        self._pending = (value,)
        return self.poll()

    def poll(self) -> bool:
        """Deliver the waiting value if one is due (call from a timer to empty the queue when submits stop)."""
        if self._pending is None:
            return False
        now = self._clock()
        if self._last is not None and now - self._last < self._interval:
            return False
        self._send(now)
        return True

    def flush(self) -> bool:
        """Deliver the waiting value now, whatever the rate (end of an epoch or a run). Returns whether one was."""
        if self._pending is None:
            return False
        self._send(self._clock())
        return True

    def reset(self) -> None:
        """Forget the waiting value and the time of the last delivery (a new run starts)."""
        self._pending = None
        self._last = None

    def _send(self, now: float) -> None:
        (value,) = self._pending  # type: ignore[misc]
        self._pending = None
        self._last = now
        self._deliver(value)
