"""Nonlinear scalers for skewed features: signed log1p and the Yeo-Johnson power transform.

Both reshape a feature's distribution and then (by default) standardise the result with the training mean and
standard deviation, the way scikit-learn's ``PowerTransformer(standardize=True)`` does. Yeo-Johnson's λ is fitted
per feature by maximum likelihood on the training rows, over the same bounds scipy's ``yeojohnson_normmax`` uses
(they keep the transformed values of data up to 20× the largest seen inside the float range).
"""

from __future__ import annotations

import numpy as np

from engine.data.preprocessing.scalers import Scaler, _float_dtype, safe_scale
from engine.params import Param
from engine.registry import PREPROCESSORS

__all__ = ["Log1pScaler", "YeoJohnsonScaler", "yeo_johnson", "yeo_johnson_inverse"]

_STANDARDIZE = Param("standardize", "bool", True, "Standardise the transformed values (zero mean, unit variance).")
_EPS = float(np.finfo(np.float64).eps)
#: Golden-section search stops when the bracket is narrower than this (scipy's fminbound uses xtol 1.48e-8).
_XTOL = 1e-10
_INV_PHI = (np.sqrt(5.0) - 1.0) / 2.0
_MAX_STEPS = 200


class _ShapeThenStandardize(Scaler):
    """A per-feature nonlinear map ``g`` followed, when ``standardize`` is on, by a z-score of ``g(x)``."""

    def _statistics(self, x: np.ndarray) -> dict[str, np.ndarray]:
        params = self._shape_params(x)
        g = self._forward(x, params)
        return {**params, "mean": g.mean(axis=0), "std": g.std(axis=0)}

    def _transform(self, x: np.ndarray) -> np.ndarray:
        dtype = _float_dtype(x)
        g = self._forward(x.astype(dtype, copy=False), self._cast(dtype))
        if not self.standardize:
            return g
        return (g - self.state["mean"].astype(dtype)) / safe_scale(self.state["std"]).astype(dtype)

    def _inverse(self, x: np.ndarray) -> np.ndarray:
        dtype = _float_dtype(x)
        if self.standardize:
            x = x * safe_scale(self.state["std"]).astype(dtype) + self.state["mean"].astype(dtype)
        return self._backward(x.astype(dtype, copy=False), self._cast(dtype))

    def _cast(self, dtype: np.dtype) -> dict[str, np.ndarray]:
        return {k: v.astype(dtype) for k, v in (self.state or {}).items() if k not in ("mean", "std")}

    def _shape_params(self, x: np.ndarray) -> dict[str, np.ndarray]:
        return {}

    def _forward(self, x: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, y: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        raise NotImplementedError


@PREPROCESSORS.register("log1p", category="scaler")
class Log1pScaler(_ShapeThenStandardize):
    """Signed log1p, sign(x)·log(1 + |x|): compresses long right tails; defined for negative values too."""

    PARAMS = (_STANDARDIZE,)
    STATE = ("mean", "std")

    def _forward(self, x: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.sign(x) * np.log1p(np.abs(x))

    def _backward(self, y: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return np.sign(y) * np.expm1(np.abs(y))


@PREPROCESSORS.register("yeo_johnson", aliases=("power",), category="scaler")
class YeoJohnsonScaler(_ShapeThenStandardize):
    """Yeo-Johnson power transform with λ fitted per feature by maximum likelihood: skewed features look normal."""

    PARAMS = (_STANDARDIZE,)
    STATE = ("lambdas", "mean", "std")

    def _shape_params(self, x: np.ndarray) -> dict[str, np.ndarray]:
        flat = x.reshape(len(x), -1)
        return {"lambdas": fit_lambdas(flat).reshape(x.shape[1:])}

    def _forward(self, x: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return yeo_johnson(x, params["lambdas"])

    def _backward(self, y: np.ndarray, params: dict[str, np.ndarray]) -> np.ndarray:
        return yeo_johnson_inverse(y, params["lambdas"])


def yeo_johnson(x: np.ndarray, lambdas: np.ndarray | float) -> np.ndarray:
    """The Yeo-Johnson transform of ``x`` with λ per feature (broadcast over the sample axis)."""
    lam = np.asarray(lambdas, dtype=x.dtype)
    pos = x >= 0
    up = np.log1p(np.where(pos, x, 0))
    down = np.log1p(np.where(pos, 0, -x))
    zero, two = np.abs(lam) < _EPS, np.abs(lam - 2) <= _EPS
    with np.errstate(over="ignore", invalid="ignore"):
        plus = np.where(zero, up, np.expm1(lam * up) / np.where(zero, 1, lam))
        minus = np.where(two, -down, -np.expm1((2 - lam) * down) / np.where(two, 1, 2 - lam))
    return np.where(pos, plus, minus)


def yeo_johnson_inverse(y: np.ndarray, lambdas: np.ndarray | float) -> np.ndarray:
    """Undo :func:`yeo_johnson` (values outside the transform's range come back as NaN)."""
    lam = np.asarray(lambdas, dtype=y.dtype)
    pos = y >= 0
    yp, yn = np.where(pos, y, 0), np.where(pos, 0, y)
    zero, two = np.abs(lam) < _EPS, np.abs(lam - 2) <= _EPS
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        plus = np.where(zero, np.expm1(yp), np.expm1(np.log1p(yp * lam) / np.where(zero, 1, lam)))
        minus = np.where(two, -np.expm1(-yn), -np.expm1(np.log1p(-(2 - lam) * yn) / np.where(two, 1, 2 - lam)))
    return np.where(pos, plus, minus)


def fit_lambdas(x: np.ndarray) -> np.ndarray:
    """Maximum-likelihood λ of every column of ``x`` (N×F float64), found by one vectorised golden-section search.

    Constant columns (by scikit-learn's test) and all-zero columns keep λ = 1, the identity.
    """
    x = x.astype(np.float64, copy=False)
    n = len(x)
    low, high = _bounds(x)
    signed_log = (np.sign(x) * np.log1p(np.abs(x))).sum(axis=0)

    def neg_llf(lam: np.ndarray) -> np.ndarray:
        var = yeo_johnson(x, lam).var(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            llf = -n / 2 * np.log(np.where(var >= np.finfo(np.float64).smallest_normal, var, 0.0)) \
                + (lam - 1) * signed_log
        return np.where(np.isfinite(llf), -llf, np.inf)

    a, b = low, high
    c, d = b - _INV_PHI * (b - a), a + _INV_PHI * (b - a)
    fc, fd = neg_llf(c), neg_llf(d)
    for _ in range(_MAX_STEPS):
        if np.all(b - a <= _XTOL * (1 + np.abs(a) + np.abs(b))):
            break
        left = fc < fd  # the minimum lies in [a, d], else in [c, b]; one new point per column either way
        a, b = np.where(left, a, c), np.where(left, d, b)
        kept, f_kept = np.where(left, c, d), np.where(left, fc, fd)
        fresh = np.where(left, b - _INV_PHI * (b - a), a + _INV_PHI * (b - a))
        f_fresh = neg_llf(fresh)
        c, fc = np.where(left, fresh, kept), np.where(left, f_fresh, f_kept)
        d, fd = np.where(left, kept, fresh), np.where(left, f_kept, f_fresh)
    lambdas = (a + b) / 2
    var, mean = x.var(axis=0), x.mean(axis=0)
    constant = var <= n * _EPS * var + (n * mean * _EPS) ** 2
    return np.where(constant | np.all(x == 0, axis=0), 1.0, lambdas)


def _bounds(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scipy's search bounds for λ: transformed values of data up to 20× the largest |x| stay finite."""
    log1p_max = np.log1p(20 * np.max(np.abs(x), axis=0))
    log1p_max = np.where(log1p_max > 0, log1p_max, 1.0)
    info = np.finfo(np.float64)
    log_eps = np.log(info.eps)
    low = (np.log(info.tiny) - log_eps) / 2 / log1p_max
    high = (np.log(info.max) + log_eps) / 2 / log1p_max
    negative, some_negative = np.all(x < 0, axis=0), np.any(x < 0, axis=0)
    low, high = (np.where(negative, 2 - high, np.where(some_negative, np.maximum(2 - high, low), low)),
                 np.where(negative, 2 - low, np.where(some_negative, np.minimum(2 - low, high), high)))
    return low, high

