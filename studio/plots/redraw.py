"""Repaint a view at most ~30 times a second however fast its data arrives.

Live views store incoming data and call :meth:`RedrawScheduler.request`; the scheduler runs the view's redraw
once on the next due tick of a single-shot timer, so 10,000 updates a second cost 10,000 appends and 30 redraws.
A view that is hidden (a background tab, a closed dock) is not redrawn; it catches up when it is shown.
A redraw runs inside the scheduler's ``guard`` (by default nothing; the window sets one that keeps the training
thread waiting meanwhile, so that the GUI thread has the interpreter to itself while it works), and waits while
the scheduler's ``budget`` (a shared :class:`~studio.plots.frame_budget.FrameBudget`, if any) is overdrawn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from studio.i18n import Retranslating
from studio.plots.frame_budget import FrameBudget

__all__ = ["MAX_REDRAWS_PER_SECOND", "LiveView", "RedrawScheduler"]

MAX_REDRAWS_PER_SECOND = 30.0


class RedrawScheduler(QObject):
    """Calls ``redraw`` at most ``max_per_second`` times a second, only after :meth:`request`, only when visible.

    ``count`` is the number of redraws done (tests and benchmarks read it).
    """

    def __init__(self, widget: QWidget, redraw: Callable[[], None],
                 max_per_second: float = MAX_REDRAWS_PER_SECOND) -> None:
        super().__init__(widget)
        self._widget = widget
        self._redraw = redraw
        self._interval = 1.0 / max_per_second
        self._last = time.monotonic() - self._interval  # the first request is due at once
        self._pending = False
        self.count = 0
        #: context manager factory around every redraw (see the module's docstring)
        self.guard: Callable[[], AbstractContextManager[object]] = nullcontext
        #: drawing time shared with the other views during a run (None: only the rate limits redraws)
        self.budget: FrameBudget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        widget.installEventFilter(self)

    def set_rate(self, max_per_second: float) -> None:
        """Redraw at most ``max_per_second`` times a second from now on (the window lowers it while training)."""
        self._interval = 1.0 / max_per_second

    @property
    def pending(self) -> bool:
        """Whether a redraw was requested and not yet done."""
        return self._pending

    def request(self) -> None:
        """Ask for a redraw; many requests before the next tick make one redraw."""
        self._pending = True
        if not self._timer.isActive() and self._widget.isVisible():
            wait = max(self._last + self._interval - time.monotonic(), self._budget_delay())
            self._timer.start(max(0, round(wait * 1000)))

    def flush(self) -> None:
        """Redraw now if a redraw is pending (screenshots, tests, export), whatever the rate."""
        self._timer.stop()
        if self._pending:
            self._run()

    def _tick(self) -> None:
        if self._pending and self._widget.isVisible():
            wait = self._budget_delay()
            if wait > 0:  # the budget was spent meanwhile (by another view or a paint): come back when it refills
                self._timer.start(max(1, round(wait * 1000)))
            else:
                self._run()

    def _budget_delay(self) -> float:
        return 0.0 if self.budget is None else self.budget.delay()

    def _run(self) -> None:
        self._pending = False
        self._last = time.monotonic()
        self.count += 1
        with self.guard():
            self._redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (a Qt override)
        if watched is self._widget and event.type() == QEvent.Type.Show and self._pending:
            self.request()  # catch up with what arrived while hidden
        return False


class LiveView(Retranslating, QWidget):
    """Base of the live views: a redraw scheduler, ``refresh()``, and retranslation on a language change.

    Subclasses implement ``_redraw()`` (copy stored data into the plot items) and ``retranslate()``, and call
    ``self._changed()`` after storing new data.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheduler = RedrawScheduler(self, self._redraw)

    def refresh(self) -> None:
        """Redraw now if anything changed since the last redraw."""
        self.scheduler.flush()

    def _changed(self) -> None:
        self.scheduler.request()

    def _redraw(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError

