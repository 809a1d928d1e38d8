"""Regression metrics with scikit-learn's names, signatures and multi-output handling.

Targets are (n_samples,) or (n_samples, n_outputs); ``multioutput`` returns the per-output values
("raw_values"), their mean ("uniform_average") or a weighted mean (an array of one weight per output).
Element-wise work stays in the inputs' float dtype.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError
from engine.metrics._registration import register
from engine.metrics._validation import check_values
from engine.params import Param

__all__ = ["mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_error", "r2_score",
           "root_mean_squared_error"]

_META: dict[str, Any] = {"task": "regression", "input": "values", "greater_is_better": False}
_MULTIOUTPUT = Param("multioutput", "choice", "uniform_average", "Several outputs: their mean (uniform_average) "
                     "or one value each (raw_values).", choices=("raw_values", "uniform_average"))


def _reduce(metric: str, errors: np.ndarray, multioutput: Any, *, extra: tuple[str, ...] = ()) -> Any:
    """Combine per-output values as ``multioutput`` asks."""
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return errors
        if multioutput == "uniform_average":
            return float(errors.mean())
        known = ", ".join(repr(c) for c in ("raw_values", "uniform_average", *extra))
        raise ConfigError(f"{metric}: multioutput must be {known} or an array of output weights; received "
                          f"{multioutput!r}.", param="multioutput")
    weights = np.asarray(multioutput, dtype=np.float64)
    if errors.shape[0] == 1:
        raise ConfigError(f"{metric}: output weights are useful only with several outputs; there is one.",
                          param="multioutput")
    if weights.shape != errors.shape:
        raise ShapeError(f"{metric}: {errors.shape[0]} output weights expected, received {weights.shape}.",
                         param="multioutput")
    return float(np.average(errors, weights=weights))


def _mean(values: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Per-output (weighted) mean over samples; ``ndarray.mean`` when unweighted, as ``np.average`` does."""
    return values.mean(axis=0) if w is None else np.average(values, axis=0, weights=w)


@register("mse", aliases=("mean_squared_error",), display="MSE", **_META, params=(_MULTIOUTPUT,))
def mean_squared_error(y_true: Any, y_pred: Any, *, sample_weight: Any = None,
                       multioutput: Any = "uniform_average") -> Any:
    """Mean of the squared differences between predictions and targets."""
    return mse_of(*check_values("mse", y_true, y_pred, sample_weight), multioutput)


def mse_of(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, multioutput: Any = "uniform_average") -> Any:
    """MSE of targets already checked by ``check_values``."""
    return _reduce("mse", _mean((yt - yp) ** 2, w), multioutput)


@register("rmse", aliases=("root_mean_squared_error",), display="RMSE", **_META, params=(_MULTIOUTPUT,))
def root_mean_squared_error(y_true: Any, y_pred: Any, *, sample_weight: Any = None,
                            multioutput: Any = "uniform_average") -> Any:
    """Square root of the mean squared error of each output (in the targets' units)."""
    return rmse_of(*check_values("rmse", y_true, y_pred, sample_weight), multioutput)


def rmse_of(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, multioutput: Any = "uniform_average") -> Any:
    """RMSE of targets already checked by ``check_values``."""
    return _reduce("rmse", np.sqrt(_mean((yt - yp) ** 2, w)), multioutput)


@register("mae", aliases=("mean_absolute_error",), display="MAE", **_META, params=(_MULTIOUTPUT,))
def mean_absolute_error(y_true: Any, y_pred: Any, *, sample_weight: Any = None,
                        multioutput: Any = "uniform_average") -> Any:
    """Mean of the absolute differences between predictions and targets."""
    return mae_of(*check_values("mae", y_true, y_pred, sample_weight), multioutput)


def mae_of(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, multioutput: Any = "uniform_average") -> Any:
    """MAE of targets already checked by ``check_values``."""
    return _reduce("mae", _mean(np.abs(yp - yt), w), multioutput)


@register("mape", aliases=("mean_absolute_percentage_error",), display="MAPE", **_META, params=(_MULTIOUTPUT,))
def mean_absolute_percentage_error(y_true: Any, y_pred: Any, *, sample_weight: Any = None,
                                   multioutput: Any = "uniform_average") -> Any:
    """Mean of |y_pred − y_true| / max(|y_true|, eps) — a fraction, not percent; zero targets give huge terms."""
    return mape_of(*check_values("mape", y_true, y_pred, sample_weight), multioutput)


def mape_of(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, multioutput: Any = "uniform_average") -> Any:
    """MAPE of targets already checked by ``check_values``."""
    eps = np.asarray(np.finfo(np.float64).eps, dtype=yt.dtype)
    ratio = np.abs(yp - yt) / np.maximum(np.abs(yt), eps)
    return _reduce("mape", _mean(ratio, w), multioutput)


@register("r2", aliases=("r2_score", "r_squared"), display="R²", task="regression", input="values",
          greater_is_better=True, params=(
              Param("multioutput", "choice", "uniform_average", "Several outputs: their mean, one value each, or "
                    "a mean weighted by each output's variance.",
                    choices=("raw_values", "uniform_average", "variance_weighted")),
              Param("force_finite", "bool", True, "Replace the NaN or −inf of constant targets by 1 (perfect fit) "
                    "or 0.")))
def r2_score(y_true: Any, y_pred: Any, *, sample_weight: Any = None, multioutput: Any = "uniform_average",
             force_finite: bool = True) -> Any:
    """Coefficient of determination: 1 − SS_res / SS_tot (1 is perfect, 0 predicts the mean)."""
    return r2_of(*check_values("r2", y_true, y_pred, sample_weight), multioutput, force_finite)


def r2_of(yt: np.ndarray, yp: np.ndarray, w: np.ndarray | None, multioutput: Any = "uniform_average",
          force_finite: bool = True) -> Any:
    """R² of targets already checked by ``check_values``."""
    if yt.shape[0] < 2:
        raise DataError(f"r2 needs at least two samples; received {yt.shape[0]}.", param="y_true")
    residual, spread = (yt - yp) ** 2, (yt - _mean(yt, w)) ** 2
    if w is not None:
        residual, spread = w[:, None] * residual, w[:, None] * spread
    numerator, denominator = residual.sum(axis=0), spread.sum(axis=0)
    nonzero_den = denominator != 0
    if not force_finite:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = 1 - numerator / denominator
    else:
        nonzero_num = numerator != 0
        scores = np.ones(yt.shape[1], dtype=numerator.dtype)
        valid = nonzero_den & nonzero_num
        scores[valid] = 1 - numerator[valid] / denominator[valid]
        scores[nonzero_num & ~nonzero_den] = 0.0
    if isinstance(multioutput, str) and multioutput == "variance_weighted":
        if not nonzero_den.any():
            return float(scores.mean())
        return float(np.average(scores, weights=denominator))
    return _reduce("r2", scores, multioutput, extra=("variance_weighted",))
