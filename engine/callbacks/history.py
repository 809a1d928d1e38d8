"""The History callback: every epoch's logs as lists, for curves and reports."""

from __future__ import annotations

import math
from typing import Any

from engine.callbacks.base import Callback
from engine.registry import CALLBACKS

__all__ = ["History"]


@CALLBACKS.register("history")
class History(Callback):
    """Records each epoch's logs: ``history[key]`` is a list of floats, ``epoch`` the epoch numbers (0-based).

    As in Keras, ``history`` keeps growing over successive ``fit`` calls (the trainer owns one History and can
    step through a run one ``fit`` at a time). Unlike Keras, every list stays as long as ``epoch``: a key missing
    from an epoch's logs (validation run only on some epochs) gets NaN there, and a key that first appears later
    is padded with NaN for the epochs before, so the lists can be plotted against ``epoch`` directly.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        before = len(self.epoch)
        self.epoch.append(int(epoch))
        history = self.history
        for key, value in logs.items():
            values = history.get(key)
            if values is None:
                values = history[key] = [math.nan] * before
            values.append(float(value))
        if len(history) != len(logs):  # a key missing from these logs: NaN there
            for values in history.values():
                if len(values) == before:
                    values.append(math.nan)

    def last(self, key: str, default: float | None = None) -> float | None:
        """The latest value of ``key``, or ``default`` when it was never logged."""
        values = self.history.get(key)
        return values[-1] if values else default
