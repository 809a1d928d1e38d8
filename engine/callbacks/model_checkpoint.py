"""Save the model's weights at the end of epochs, optionally only when the monitored value improves."""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from engine.callbacks.base import Callback
from engine.callbacks.early_stopping import MODE, MONITOR, monitor_value, resolve_mode
from engine.errors import ConfigError
from engine.params import Param
from engine.registry import CALLBACKS

__all__ = ["ModelCheckpoint", "format_filepath"]


class _FieldsOnly(string.Formatter):
    """str.format restricted to plain names: no attribute or index lookups, no positional fields."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        return self.get_value(field_name, args, kwargs), field_name

    def get_value(self, key: Any, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if key not in kwargs:
            known = ", ".join(kwargs)
            raise ConfigError(f"model_checkpoint: parameter 'filepath' uses {{{key}}}, which is not available; "
                              f"expected one of: {known}.", param="filepath")
        return kwargs[key]


def _check_template(template: str) -> None:
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as error:
        raise ConfigError(f"model_checkpoint: parameter 'filepath' expected a path with {{placeholders}} such as "
                          f"{{epoch:03d}}, received {template!r} ({error}).", param="filepath") from error
    for field in fields:
        if not field.isidentifier():
            raise ConfigError(f"model_checkpoint: parameter 'filepath' expected placeholders that are plain names "
                              f"such as {{epoch}} or {{val_loss:.4f}}, received {{{field}}}.", param="filepath")


def format_filepath(template: str, epoch: int, logs: Mapping[str, Any]) -> str:
    """``template`` with ``{epoch}`` (1-based, an int) and each epoch log (a float) filled in; never evaluates code."""
    values: dict[str, Any] = {key: float(value) for key, value in logs.items() if isinstance(value, int | float)}
    values["epoch"] = epoch + 1
    try:
        return _FieldsOnly().vformat(template, (), values)
    except (ValueError, TypeError) as error:
        raise ConfigError(f"model_checkpoint: parameter 'filepath' could not be filled in ({error}); check the "
                          f"format after each ':' (e.g. {{epoch:03d}}, {{val_loss:.4f}}), received {template!r}.",
                          param="filepath") from error


@CALLBACKS.register("model_checkpoint")
class ModelCheckpoint(Callback):
    """Saves the weights (an .npz file) after every epoch, or only when the monitored value improves.

    ``filepath`` may contain ``{epoch}`` (1-based) and any epoch log, with a format: e.g.
    ``checkpoints/epoch_{epoch:03d}_{val_loss:.4f}.npz``. With ``save_best_only`` a file is written only when
    ``monitor`` beats its best so far (strictly), so a fixed ``filepath`` always holds the best weights.
    """

    PARAMS = (
        Param("filepath", "str", "checkpoints/epoch_{epoch:03d}.npz",
              "Where to save; {epoch} and epoch logs like {val_loss:.4f} are filled in.",
              typical="checkpoints/best.npz"),
        MONITOR,
        Param("save_best_only", "bool", False, "Save only when the monitored value improves."),
        MODE,
    )
    filepath: str
    monitor: str
    save_best_only: bool
    mode: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: Every path written, in order.
        self.saved: list[str] = []

    def _validate(self) -> None:
        if not self.filepath.strip():
            raise ConfigError("model_checkpoint: parameter 'filepath' expected a file path, received an empty text.",
                              param="filepath")
        _check_template(self.filepath)
        self.direction = resolve_mode(self.monitor, self.mode, self._owner_name()) if self.save_best_only else None
        self._reset()

    def _reset(self) -> None:
        self.best = math.inf if self.direction == "min" else -math.inf

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._reset()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        if self.save_best_only:
            current = monitor_value(logs, self.monitor, self._owner_name())
            better = current < self.best if self.direction == "min" else current > self.best
            if not better:
                return
            self.best = current
        self._save(format_filepath(self.filepath, epoch, logs))

    def _save(self, path: str) -> None:
        from engine.io.weights import save_weights  # lazily: engine.io is needed only once a file is written

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        save_weights(path, self.trainer.model.get_weights())
        self.saved.append(path)
