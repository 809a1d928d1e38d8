"""Dispatching the trainer's events to callbacks, calling only the hooks a callback actually overrides.

Batch hooks run on every step, so the list of callbacks that override each hook is computed once per ``fit``;
with none, the loop builds no batch logs at all. The always-on NaN guard acts only on a loss that is not finite,
so for a finite loss the loop calls :attr:`CallbackList.batch_end_finite`, the batch-end hooks without it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.callbacks.base import Callback
from engine.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = ["CallbackList"]

_HOOKS = ("on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_train_batch_begin",
          "on_train_batch_end")


class CallbackList:
    """The callbacks of one ``fit`` call, with per-hook lists of bound methods."""

    def __init__(self, callbacks: Iterable[Callback], trainer: Any) -> None:
        self.callbacks = list(callbacks)
        for callback in self.callbacks:
            callback.set_trainer(trainer)
        self._hooks = {name: [getattr(cb, name) for cb in self.callbacks if _overrides(cb, name)] for name in _HOOKS}
        self.batch_begin = self._hooks["on_train_batch_begin"]
        self.batch_end = self._hooks["on_train_batch_end"]
        #: the batch-end hooks that can act on a finite loss: TerminateOnNaN's (exactly that class) cannot
        finite = [cb for cb in self.callbacks
                  if _overrides(cb, "on_train_batch_end") and type(cb) is not TerminateOnNaN]
        self.batch_end_finite = [cb.on_train_batch_end for cb in finite]
        #: whether some batch-end hook reads the loss of every batch; else the callbacks that ask batch by batch
        self.every_batch_loss = any(not _overrides(cb, "wants_batch_loss") for cb in finite)
        self.batch_loss_wanted = [cb.wants_batch_loss for cb in finite if _overrides(cb, "wants_batch_loss")]

    def wants_batch_loss(self, batch: int) -> bool:
        """Whether a batch-end hook needs ``batch``'s loss value (computed then even on a deferred step)."""
        return self.every_batch_loss or any(wanted(batch) for wanted in self.batch_loss_wanted)

    def train_begin(self, logs: dict[str, Any]) -> None:
        for hook in self._hooks["on_train_begin"]:
            hook(logs)

    def train_end(self, logs: dict[str, Any]) -> None:
        for hook in self._hooks["on_train_end"]:
            hook(logs)

    def epoch_begin(self, epoch: int, logs: dict[str, Any]) -> None:
        for hook in self._hooks["on_epoch_begin"]:
            hook(epoch, logs)

    def epoch_end(self, epoch: int, logs: dict[str, Any]) -> None:
        for hook in self._hooks["on_epoch_end"]:
            hook(epoch, logs)


def _overrides(callback: Callback, name: str) -> bool:
    return getattr(type(callback), name, None) is not getattr(Callback, name)
