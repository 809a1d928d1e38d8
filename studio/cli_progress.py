"""The command line's progress display: one rewritten line on a terminal, a line per ~10 % of epochs otherwise."""

from __future__ import annotations

import math
from typing import Any, TextIO

from engine.callbacks.base import Callback

__all__ = ["ProgressBar"]

_WIDTH = 20
#: Log keys shown, in this order (each with its ``val_`` twin right after it when present).
_SHOWN = ("loss", "accuracy", "r2")


class ProgressBar(Callback):
    """Shows the epoch, the loss and the validation metrics on ``stream`` after every epoch.

    On a terminal the line is redrawn in place with ``\\r``; in a log file (not a TTY) one line is written every
    ~10 % of the epochs and after the last one, so logs stay short.
    """

    def __init__(self, epochs: int, stream: TextIO) -> None:
        super().__init__()
        self.epochs = epochs
        self.stream = stream
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self.every = max(1, math.ceil(epochs / 10))
        self._open_line = False

    def line(self, epoch: int, logs: dict[str, Any]) -> str:
        """The text for the end of ``epoch`` (0-based)."""
        done = epoch + 1
        filled = round(_WIDTH * done / self.epochs)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        parts = [f"epoch {done:>{len(str(self.epochs))}}/{self.epochs} [{bar}]"]
        for key in _SHOWN:
            for name in (key, f"val_{key}"):
                if name in logs:
                    parts.append(f"{name} {logs[name]:.4f}")
        return "  ".join(parts)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        text = self.line(epoch, logs or {})
        if self.live:
            self.stream.write("\r" + text + "\x1b[K")
            self._open_line = True
        elif (epoch + 1) % self.every == 0 or epoch + 1 == self.epochs:
            self.stream.write(text + "\n")
        self.stream.flush()

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        if self._open_line:
            self.stream.write("\n")
            self.stream.flush()
            self._open_line = False
