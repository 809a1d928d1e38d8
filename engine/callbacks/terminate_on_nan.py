"""Stop training as soon as a batch loss is NaN or infinite."""

from __future__ import annotations

import math
from typing import Any

from engine.callbacks.base import Callback
from engine.registry import CALLBACKS

__all__ = ["TerminateOnNaN"]


@CALLBACKS.register("terminate_on_nan")
class TerminateOnNaN(Callback):
    """Stops the run when a batch loss stops being a finite number (usually a learning rate that is too high).

    Sets ``trainer.stop_training``, ``trainer.diverged`` and a one-sentence ``trainer.stop_reason`` naming the
    epoch (1-based) and the trainer's global step.
    """

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None or math.isfinite(loss):
            return
        trainer = self.trainer
        what = "NaN" if math.isnan(loss) else "infinite"
        trainer.stop_training = True
        trainer.diverged = True
        trainer.stop_reason = (f"The loss became {what} at epoch {trainer.epoch + 1}, step {trainer.global_step} — "
                               "try a lower learning rate.")
