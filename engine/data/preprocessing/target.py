"""The regression target's scaling: trained on in scaled units, reported in the original ones.

A network learns a target of mean 0 and variance 1 more easily than one in the thousands, so the target of a
regression is standardised for training by default; every prediction and metric goes back through
:meth:`TargetTransform.inverse` into the units of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.data.preprocessing.scalers import Scaler
from engine.errors import ConfigError
from engine.params import Configurable, Param
from engine.registry import PREPROCESSORS

__all__ = ["TargetTransform"]


@PREPROCESSORS.register("target_transform", category="target")
class TargetTransform(Configurable):
    """Scale a regression target for training and map predictions back to the original units."""

    PARAMS = (
        Param("scaler", "component", "standard", "The scaler of the target (none: train on the raw values).",
              registry="preprocessors", optional=True, typical="standard"),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._scaler: Scaler | None = None if self.scaler is None else PREPROCESSORS.create(self.scaler)
        if self._scaler is not None and not isinstance(self._scaler, Scaler):
            raise ConfigError(f"target_transform: the target needs a scaler ({', '.join(_scalers())}), received "
                              f"{self._scaler.key!r}.", param="scaler")

    @property
    def fitted(self) -> bool:
        return self._scaler is None or self._scaler.fitted

    def fit(self, y: np.ndarray) -> TargetTransform:
        """Learn the scaling from the training targets ``y`` (1-D)."""
        if self._scaler is not None:
            self._scaler.fit(np.asarray(y).reshape(-1, 1))
        return self

    def transform(self, y: np.ndarray) -> np.ndarray:
        """The training form of the targets ``y`` (1-D, same float dtype)."""
        y = np.asarray(y)
        return y if self._scaler is None else self._scaler.transform(y.reshape(-1, 1))[:, 0]

    def inverse(self, y: np.ndarray) -> np.ndarray:
        """Predictions (1-D or N×1) back in the original units, as 1-D float64."""
        y = np.asarray(y, dtype=np.float64).reshape(-1, 1)
        return (y if self._scaler is None else self._scaler.inverse_transform(y))[:, 0]

    def get_config(self) -> dict[str, Any]:
        """The scaler's spec with its fitted state, so :meth:`from_config` rebuilds the fitted transform."""
        return {"scaler": None if self._scaler is None else PREPROCESSORS.to_spec(self._scaler)}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TargetTransform:
        return cls(**dict(config))


def _scalers() -> list[str]:
    return PREPROCESSORS.names(category="scaler")
