"""The fitted-transformer contract every preprocessor follows: fit on the training part, store the fit as JSON.

``fit(x, names=None)`` learns from the training rows only; ``transform`` reapplies the same mapping to any rows
(validation, test, a file to predict). :meth:`Preprocessor.get_config` carries the fitted state as plain lists under
``"state"`` (and the column names under ``"names"``), so ``PREPROCESSORS.create(spec)`` rebuilds the fitted object
from a model file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError
from engine.params import Configurable

__all__ = ["Preprocessor", "cell_error"]


class Preprocessor(Configurable):
    """Base of fitted preprocessors: ``STATE`` names the fitted values kept in ``self.state`` after :meth:`fit`.

    ``names`` are the column names seen in fit (``x1``, ``x2`` … when none are given); errors use them.
    """

    #: Names of the fitted values, in the order stored under ``config["state"]``.
    STATE: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state: dict[str, Any] | None = None
        self.names: list[str] | None = None

    @property
    def fitted(self) -> bool:
        return self.state is not None

    def fit(self, x: np.ndarray, names: Sequence[str] | None = None) -> Preprocessor:
        """Learn from ``x`` (the training rows; N×features) and return ``self``."""
        x = np.asarray(x)
        if x.ndim < 2 or x.shape[0] == 0:
            raise ShapeError(f"{self.key}: fit needs an array of samples (N×…, N ≥ 1), received shape {x.shape}.")
        width = int(np.prod(x.shape[1:]))
        if names is not None and len(names) != width:
            raise ShapeError(f"{self.key}: {len(names)} column names given for {width} columns.")
        self.names = [str(n) for n in names] if names is not None else [f"x{j + 1}" for j in range(width)]
        self.state = self._fit(x)
        return self

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Apply the fitted mapping to ``x``."""
        x = np.asarray(x)
        self._check(x)
        return self._transform(x)

    def fit_transform(self, x: np.ndarray, names: Sequence[str] | None = None) -> np.ndarray:
        return self.fit(x, names).transform(x)

    def _check(self, x: np.ndarray) -> None:
        if self.state is None:
            raise ConfigError(f"{self.key}: the preprocessor must be fitted before it transforms data.")
        shape = self._sample_shape()
        if shape is not None and tuple(x.shape[1:]) != shape:
            raise ShapeError(f"{self.key}: fitted on samples of shape {shape}, received samples of shape "
                             f"{tuple(x.shape[1:])}.")

    def _sample_shape(self) -> tuple[int, ...] | None:
        """The per-sample shape seen in fit, or None when any width is accepted."""
        return None

    def _fit(self, x: np.ndarray) -> dict[str, Any]:
        raise NotImplementedError

    def _transform(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    # -- configuration -----------------------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        """Constructor arguments, plus ``state`` and ``names`` once fitted."""
        config = super().get_config()
        if self.state is not None:
            config["state"] = {k: _plain(self.state[k]) for k in self.STATE}
            config["names"] = list(self.names or [])
        return config

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Preprocessor:
        config = dict(config)
        state = config.pop("state", None)
        names = config.pop("names", None)
        made = cls(**config)
        if state is not None:
            missing = [k for k in cls.STATE if k not in state]
            if missing:
                raise ConfigError(f"{cls.key}: stored state lacks {', '.join(missing)}; expected "
                                  f"{', '.join(cls.STATE)}.", param="state")
            made.state = made._load_state({k: state[k] for k in cls.STATE})
            made.names = [str(n) for n in names] if names is not None else None
        return made

    def _load_state(self, state: dict[str, Any]) -> dict[str, Any]:
        """The stored (JSON) state as used in memory; numbers become float64 arrays by default."""
        return {k: np.asarray(v, dtype=np.float64) for k, v in state.items()}


def _plain(value: Any) -> Any:
    return value.tolist() if isinstance(value, np.ndarray) else value


def cell_error(row: int, column: str, what: str) -> DataError:
    """A DataError about one cell: ``row`` is the 0-based position in the array, reported 1-based.

    ``details["what"]`` keeps the sentence without its location, so a caller that knows the file's line numbers
    can say "line 12" instead (see :func:`engine.data.pipeline.relocate`).
    """
    return DataError(f"row {row + 1}, column {column!r}: {what}", row=row + 1, column=column, what=what)
