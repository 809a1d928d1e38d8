"""How much of the wall time live plots may spend redrawing and painting while a run goes (Qt-free).

A redraw or a paint of a plot runs Python in the GUI thread, and the training thread needs the same interpreter:
the window even keeps the worker waiting while a plot paints (``TrainingController.hold_worker``), so every
millisecond spent drawing is a millisecond of training lost. A :class:`FrameBudget` is a token bucket over that
time: guarded sections (:meth:`FrameBudget.guard`) spend from it, it refills at ``share`` seconds per second, and
a redraw scheduler waits (:meth:`FrameBudget.delay`) while it is overdrawn. Cheap frames still come at the
schedulers' own rate; expensive ones come less often, so that drawing never takes more than ``share`` of the
run's time however costly a view is. The budget only applies while it is ``active`` (a run is going); idle, the
views redraw as fast as their schedulers allow.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

__all__ = ["DEFAULT_BURST", "DEFAULT_SHARE", "FrameBudget"]

#: The fraction of wall time drawing may take during a run (issue 4 asks ≥ 90 % of headless throughput). A loss
#: plot of a 1600 × 1000 window costs ~5 ms a paint on a 2-core machine: ~3 paints a second during the fastest
#: runs, more where paints are cheaper (bench/gui_throughput.py, XOR: 3 % gave 0.84, 2 % 0.87; 1.5 % with a
#: 10 ms burst ran 2.2 % faster than 2 % with 20 ms, median of 40 interleaved pairs).
DEFAULT_SHARE = 0.015
#: The drawing time a run may spend at once before the share applies (its first frame comes without delay).
DEFAULT_BURST = 0.01


class FrameBudget:
    """A token bucket of drawing time: ``share`` seconds per second, at most ``burst`` seconds saved up."""

    def __init__(self, share: float = DEFAULT_SHARE, burst: float = DEFAULT_BURST,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not 0 < share <= 1:
            raise ValueError(f"share must be in (0, 1], received {share!r}")
        self.share, self.burst = share, burst
        self._clock = clock
        self._balance = burst
        self._updated = clock()
        self._depth = 0
        self._active = False
        #: seconds spent in guarded sections while active (tests and benchmarks read it)
        self.spent = 0.0

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """Apply the budget (a run started) or not (idle); a new run starts with a full bucket."""
        if active and not self._active:
            self._balance, self._updated = self.burst, self._clock()
        self._active = bool(active)

    def charge(self, seconds: float) -> None:
        """Spend ``seconds`` of drawing time (nothing happens while inactive)."""
        if self._active:
            self._refill()
            self._balance -= seconds
            self.spent += seconds

    def delay(self) -> float:
        """Seconds to wait before the next redraw: 0 within budget or while inactive."""
        if not self._active:
            return 0.0
        self._refill()
        return 0.0 if self._balance >= 0 else -self._balance / self.share

    def guard(self, inner: Callable[[], AbstractContextManager[object]] = nullcontext
              ) -> Callable[[], AbstractContextManager[None]]:
        """A context-manager factory running ``inner()`` and charging the time spent in it (nested sections are
        charged once, by the outermost)."""

        @contextmanager
        def guarded() -> Iterator[None]:
            self._depth += 1
            began = self._clock()
            try:
                with inner():
                    yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.charge(self._clock() - began)

        return guarded

    def _refill(self) -> None:
        now = self._clock()
        self._balance = min(self.burst, self._balance + (now - self._updated) * self.share)
        self._updated = now
