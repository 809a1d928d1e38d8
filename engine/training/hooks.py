"""Dispatching the trainer's events to callbacks, calling only the hooks a callback actually overrides.

Batch hooks run on every step, so the list of callbacks that override each hook is computed once per ``fit``;
with none, the loop builds no batch logs at all. The always-on NaN guard acts only on a loss that is not finite,
so for a finite loss the loop calls the batch-end hooks without it. A callback that overrides
``Callback.wants_batch_end`` is asked before each batch end and called only when it said yes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from engine.callbacks.base import Callback
from engine.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = ["CallbackList"]

_HOOKS = ("on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_train_batch_begin",
          "on_train_batch_end")
Hook = Callable[[int, dict[str, Any]], None]


class CallbackList:
    """The callbacks of one ``fit`` call, with per-hook lists of bound methods."""

    def __init__(self, callbacks: Iterable[Callback], trainer: Any) -> None:
        self.callbacks = list(callbacks)
        for callback in self.callbacks:
            callback.set_trainer(trainer)
        self._hooks = {name: [getattr(cb, name) for cb in self.callbacks if _overrides(cb, name)] for name in _HOOKS}
        self.batch_begin = self._hooks["on_train_batch_begin"]
        #: every batch-end hook (a loss that is not finite goes to all of them)
        self.batch_end = self._hooks["on_train_batch_end"]
        ending = [cb for cb in self.callbacks if _overrides(cb, "on_train_batch_end")]
        #: per batch-end hook that can act on a finite loss (TerminateOnNaN's cannot): None (called after every
        #: batch) or its callback's ``wants_batch_end``
        self._finite: list[tuple[Callable[[int], bool] | None, Hook]] = [
            (cb.wants_batch_end if _overrides(cb, "wants_batch_end") else None, cb.on_train_batch_end)
            for cb in ending if type(cb) is not TerminateOnNaN]
        self._always = [hook for wants, hook in self._finite if wants is None]
        self._single = self._finite[0] if len(self._finite) == 1 else None
        #: whether some hook needs every batch's loss (else the loop may defer it)
        self.every_batch_loss = bool(self._always)
        #: whether any hook may want a batch with a finite loss
        self.listening = bool(self._finite)

    def batch_end_hooks(self, batch: int) -> list[Hook]:
        """The hooks to call after ``batch`` when its loss is finite: those called always and those that want it."""
        if self._single is not None:  # the common case, without building a list
            wants, hook = self._single
            return self._always if wants is None else ([hook] if wants(batch) else [])
        if len(self._always) == len(self._finite):
            return self._always
        return [hook for wants, hook in self._finite if wants is None or wants(batch)]

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
