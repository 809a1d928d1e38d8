"""The callback interface, with Keras's hook names."""

from __future__ import annotations

from typing import Any

from engine.params import Configurable

__all__ = ["Callback"]


class Callback(Configurable):
    """Receives the trainer's events. Override the hooks you need; all default to doing nothing.

    The trainer calls :meth:`set_trainer` before ``on_train_begin``; a callback may then read ``trainer.model``,
    ``trainer.optimizer`` (its ``lr`` is writable), ``trainer.history``, ``trainer.epoch``, ``trainer.global_step``
    and set ``trainer.stop_training = True`` (with ``trainer.stop_reason``, one sentence) to end the run after the
    current batch. ``logs`` are plain dicts of floats: batch logs hold ``loss`` and ``size``; epoch logs hold
    ``loss``, ``data_loss``, ``penalty``, each metric, their ``val_`` twins and ``lr``.

    A callback that needs only some batches (a live display a few times a second) overrides
    :meth:`wants_batch_end`: its ``on_train_batch_end`` then runs only after the batches it asked for, and the
    trainer may skip computing the loss of the others (a step on logits then needs only the gradient).
    """

    trainer: Any = None

    def set_trainer(self, trainer: Any) -> None:
        self.trainer = trainer

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None: ...

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None: ...

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None: ...

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None: ...

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None: ...

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None: ...

    def wants_batch_end(self, batch: int) -> bool:
        """Whether ``on_train_batch_end`` runs after ``batch`` (asked just before it); always, unless overridden.
        A capture asked for with ``trainer.request_capture`` arrives in the logs of the next batch's end: ask for
        that one too."""
        return True
