"""Feature scalers, fitted on the training part only and stored with the model.

A scaler's :meth:`~Scaler.get_config` carries its fitted statistics as plain lists under ``"state"``, so the model
file can rebuild the exact transformation used in training: ``PREPROCESSORS.create({"type": key, "config":
config})`` returns a fitted scaler.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError
from engine.params import Configurable, Param
from engine.registry import PREPROCESSORS

__all__ = ["MinMaxScaler", "Scaler", "StandardScaler"]


class Scaler(Configurable):
    """Base of per-feature affine scalers: ``transform(x) = (x - offset) / scale``, statistics over axis 0.

    Subclasses compute ``offset`` and ``scale`` in :meth:`_statistics`. A feature that is constant in the training
    data gets scale 1, so it is shifted but never divided by zero. Transforms keep the input's float dtype.
    """

    #: Names of the fitted arrays, in the order stored under ``config["state"]``.
    STATE: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state: dict[str, np.ndarray] | None = None

    @property
    def fitted(self) -> bool:
        return self.state is not None

    def fit(self, x: np.ndarray) -> Scaler:
        """Learn the statistics of ``x`` (the training inputs) and return ``self``."""
        x = np.asarray(x)
        if x.ndim < 2 or x.shape[0] == 0:
            raise ShapeError(f"{self.key}: fit needs an array of samples (N×…, N ≥ 1), received shape {x.shape}.")
        if not np.isfinite(x).all():
            raise DataError(f"{self.key}: cannot fit on data holding NaN or infinite values.")
        self.state = {k: v.astype(np.float64) for k, v in self._statistics(x.astype(np.float64, copy=False)).items()}
        return self

    def transform(self, x: np.ndarray) -> np.ndarray:
        """Scale ``x`` with the fitted statistics."""
        offset, scale = self._affine(x)
        return (x - offset) / scale

    def inverse_transform(self, x: np.ndarray) -> np.ndarray:
        """Undo :meth:`transform` (e.g. to report a standardised regression target in its original units)."""
        offset, scale = self._affine(x)
        return x * scale + offset

    def fit_transform(self, x: np.ndarray) -> np.ndarray:
        return self.fit(x).transform(x)

    def _affine(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.state is None:
            raise ConfigError(f"{self.key}: the scaler must be fitted before it transforms data.")
        offset, scale = self._offset_scale(self.state)
        if tuple(x.shape[1:]) != offset.shape:
            raise ShapeError(f"{self.key}: fitted on samples of shape {offset.shape}, received samples of shape "
                             f"{tuple(x.shape[1:])}.")
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
        return offset.astype(dtype, copy=False), scale.astype(dtype, copy=False)

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    # -- configuration -----------------------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        if self.state is not None:
            config["state"] = {k: self.state[k].tolist() for k in self.STATE}
        return config

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Scaler:
        config = dict(config)
        state = config.pop("state", None)
        scaler = cls(**config)
        if state is not None:
            missing = [k for k in cls.STATE if k not in state]
            if missing:
                raise ConfigError(f"{cls.key}: stored state lacks {', '.join(missing)}; expected "
                                  f"{', '.join(cls.STATE)}.", param="state")
            scaler.state = {k: np.asarray(state[k], dtype=np.float64) for k in cls.STATE}
        return scaler


def _safe(spread: np.ndarray) -> np.ndarray:
    """``spread`` with zeros (constant features) replaced by 1."""
    return np.where(spread > 0, spread, 1.0)


@PREPROCESSORS.register("standard", aliases=("zscore",), category="scaler")
class StandardScaler(Scaler):
    """Z-score: subtract each feature's training mean and divide by its training standard deviation."""

    PARAMS = (
        Param("with_mean", "bool", True, "Subtract the mean (turn off to keep zeros at zero)."),
        Param("with_std", "bool", True, "Divide by the standard deviation."),
    )
    STATE = ("mean", "std")

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        return {"mean": x.mean(axis=0), "std": x.std(axis=0)}

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        mean, std = state["mean"], state["std"]
        offset = mean if self.with_mean else np.zeros_like(mean)
        scale = _safe(std) if self.with_std else np.ones_like(std)
        return offset, scale


@PREPROCESSORS.register("minmax", aliases=("min_max",), category="scaler")
class MinMaxScaler(Scaler):
    """Map each feature's training range linearly onto an interval such as [0, 1] or [-1, 1]."""

    PARAMS = (
        Param("feature_range", "floats", [0.0, 1.0], "Target interval (low, high) of every feature.", length=2,
              typical="0, 1 or -1, 1"),
    )
    STATE = ("min", "max")

    def _validate(self) -> None:
        low, high = self.feature_range
        if not low < high:
            raise ConfigError(f"minmax: feature_range expected low < high, received {self.feature_range}.",
                              param="feature_range")

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        return {"min": x.min(axis=0), "max": x.max(axis=0)}

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        low, high = self.feature_range
        scale = _safe(state["max"] - state["min"]) / (high - low)
        return state["min"] - low * scale, scale
