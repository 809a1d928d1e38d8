"""Per-feature scalers from the learners' material: z-score, min-max, mean normalisation and robust scaling.

Each is affine, ``transform(x) = (x - offset) / scale`` with statistics of the training rows over axis 0, so it
works for tables (N×F) and images (N×C×H×W, per pixel) alike. A feature that is constant in the training rows
gets scale 1: it is shifted but never divided by zero. Transforms keep the input's float dtype.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.data.preprocessing.base import Preprocessor
from engine.errors import ConfigError, DataError
from engine.params import Param
from engine.registry import PREPROCESSORS

__all__ = ["MeanNormScaler", "MinMaxScaler", "RobustScaler", "Scaler", "StandardScaler"]


class Scaler(Preprocessor):
    """Base of scalers: fitted on finite numbers, invertible (:meth:`inverse_transform`), affine by default.

    Affine subclasses compute their statistics in :meth:`_statistics` and turn them into ``(offset, scale)`` in
    :meth:`_offset_scale`; nonlinear ones override :meth:`_transform` and :meth:`_inverse`.
    """

    def _fit(self, x: np.ndarray) -> dict[str, Any]:
        if not np.isfinite(x).all():
            raise DataError(f"{self.key}: cannot fit on data holding NaN or infinite values.")
        stats = self._statistics(x.astype(np.float64, copy=False))
        return {k: np.asarray(v, dtype=np.float64) for k, v in stats.items()}

    def _sample_shape(self) -> tuple[int, ...]:
        return tuple(self.state[self.STATE[0]].shape) if self.state else ()

    def inverse_transform(self, x: np.ndarray) -> np.ndarray:
        """Undo :meth:`transform` (e.g. to report a standardised regression target in its original units)."""
        x = np.asarray(x)
        self._check(x)
        return self._inverse(x)

    def _transform(self, x: np.ndarray) -> np.ndarray:
        offset, scale = self._affine(x)
        return (x - offset) / scale

    def _inverse(self, x: np.ndarray) -> np.ndarray:
        offset, scale = self._affine(x)
        return x * scale + offset

    def _affine(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        offset, scale = self._offset_scale(self.state or {})
        dtype = _float_dtype(x)
        return offset.astype(dtype, copy=False), scale.astype(dtype, copy=False)

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


def _float_dtype(x: np.ndarray) -> np.dtype:
    return x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)


def safe_scale(spread: np.ndarray) -> np.ndarray:
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
        scale = safe_scale(std) if self.with_std else np.ones_like(std)
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
        scale = safe_scale(state["max"] - state["min"]) / (high - low)
        return state["min"] - low * scale, scale


@PREPROCESSORS.register("mean_norm", aliases=("mean_normalization",), category="scaler")
class MeanNormScaler(Scaler):
    """Mean normalisation: (x − mean) / (max − min), centred values within a range of width 1."""

    STATE = ("mean", "min", "max")

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        return {"mean": x.mean(axis=0), "min": x.min(axis=0), "max": x.max(axis=0)}

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        return state["mean"], safe_scale(state["max"] - state["min"])


@PREPROCESSORS.register("robust", category="scaler")
class RobustScaler(Scaler):
    """Robust scaling: subtract the median, divide by the interquartile range; outliers barely move the fit."""

    PARAMS = (
        Param("quantile_range", "floats", [25.0, 75.0], "Percentiles (low, high) whose distance is the scale.",
              low=0.0, high=100.0, length=2, typical="25, 75"),
    )
    STATE = ("median", "spread")

    def _validate(self) -> None:
        low, high = self.quantile_range
        if not low < high:
            raise ConfigError(f"robust: quantile_range expected low < high, received {self.quantile_range}.",
                              param="quantile_range")

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        low, median, high = np.percentile(x, [self.quantile_range[0], 50.0, self.quantile_range[1]], axis=0)
        return {"median": median, "spread": high - low}

    def _offset_scale(self, state: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        return state["median"], safe_scale(state["spread"])
