"""Distances and similarities between two vectors, matching ``scipy.spatial.distance`` and ``scipy.stats``.

Registered keys: the distances ``minkowski``, ``manhattan``, ``euclidean``, ``chebyshev``, ``hamming``,
``jaccard`` (dissimilarity of boolean vectors), ``cosine`` (the cosine *distance* 1 − cos, as scipy's
``cosine``) and ``kl_divergence``; the similarities ``cosine_similarity`` and ``pearson`` (correlation
coefficient). Optional non-negative weights ``w`` weight each coordinate as scipy does.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError
from engine.metrics._registration import register
from engine.metrics._validation import check_vectors, float_array
from engine.params import Param

__all__ = ["chebyshev_distance", "cosine_distance", "cosine_similarity", "euclidean_distance", "hamming_distance",
           "jaccard_distance", "kl_divergence", "manhattan_distance", "minkowski_distance", "pearson_correlation"]

_DIST: dict[str, Any] = {"task": "distance", "input": "vectors", "greater_is_better": False}
_SIM: dict[str, Any] = {"task": "distance", "input": "vectors", "greater_is_better": True}


@register("minkowski", display="Minkowski distance", **_DIST,
          params=(Param("p", "float", 2.0, "Order of the norm: 1 is Manhattan, 2 Euclidean, inf Chebyshev.",
                        low=0, low_open=True, typical="3"),))
def minkowski_distance(u: Any, v: Any, *, p: float = 2.0, w: Any = None) -> float:
    """(Σ w_i |u_i − v_i|^p)^(1/p), scipy's ``minkowski``."""
    a, b, weights = check_vectors("minkowski", u, v, w)
    if not p > 0:
        raise ConfigError(f"minkowski: p must be > 0; received {p!r}.", param="p")
    diff = a - b
    if weights is not None:
        if p == 1:
            root_w = weights
        elif p == 2:
            root_w = np.sqrt(weights)
        elif p == np.inf:
            root_w = weights != 0
        else:
            root_w = np.power(weights, 1 / p)
        diff = root_w * diff
    return float(np.linalg.norm(diff, ord=p))


@register("euclidean", display="Euclidean distance", **_DIST, params=())
def euclidean_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """Straight-line distance √(Σ w_i (u_i − v_i)²)."""
    return minkowski_distance(u, v, p=2, w=w)


@register("manhattan", aliases=("cityblock",), display="Manhattan distance", **_DIST, params=())
def manhattan_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """Sum of absolute differences Σ w_i |u_i − v_i| (scipy's ``cityblock``)."""
    a, b, weights = check_vectors("manhattan", u, v, w)
    diff = np.abs(a - b)
    return float((diff if weights is None else weights * diff).sum())


@register("chebyshev", display="Chebyshev distance", **_DIST, params=())
def chebyshev_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """Largest absolute difference over the coordinates with non-zero weight."""
    a, b, weights = check_vectors("chebyshev", u, v, w)
    diff = np.abs(a - b)
    return float((diff if weights is None else (weights > 0) * diff).max())


@register("hamming", display="Hamming distance", **_DIST, params=())
def hamming_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """(Weighted) fraction of coordinates where u and v differ."""
    a, b, weights = check_vectors("hamming", u, v, w)
    differ = a != b
    if weights is None:
        return float(np.mean(differ))
    return float(np.dot(differ, _normalised(weights, "hamming", "w")))


@register("jaccard", display="Jaccard distance", **_DIST, params=())
def jaccard_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """1 − |u ∩ v| / |u ∪ v| for boolean vectors (non-zero = member); 0 when both are empty."""
    a, b, weights = check_vectors("jaccard", u, v, w)
    unequal = (a != 0) ^ (b != 0)
    union = (a != 0) | (b != 0)
    if weights is not None:
        unequal, union = weights * unequal, weights * union
    total = float(union.sum())
    return float(unequal.sum()) / total if total != 0 else 0.0


def _cosine(metric: str, u: Any, v: Any, w: Any) -> float:
    a, b, weights = check_vectors(metric, u, v, w)
    if weights is not None:
        weights = _normalised(weights, metric, "w")
    bw, aw = (b, a) if weights is None else (b * weights, a * weights)
    uv, uu, vv = np.dot(a, bw), np.dot(a, aw), np.dot(b, bw)
    for name, norm in (("u", uu), ("v", vv)):
        if norm == 0:
            raise DataError(f"{metric} is undefined for a zero vector; {name} is all zeros.", param=name)
    return float(uv / math.sqrt(uu * vv))


@register("cosine", aliases=("cosine_distance",), display="Cosine distance", **_DIST, params=())
def cosine_distance(u: Any, v: Any, *, w: Any = None) -> float:
    """1 − cos(u, v), in [0, 2] (scipy's ``cosine``); see ``cosine_similarity`` for cos itself."""
    return float(np.clip(1.0 - _cosine("cosine", u, v, w), 0.0, 2.0))


@register("cosine_similarity", display="Cosine similarity", **_SIM, params=())
def cosine_similarity(u: Any, v: Any, *, w: Any = None) -> float:
    """cos of the angle between u and v: u·v / (|u| |v|), in [−1, 1]."""
    return float(np.clip(_cosine("cosine_similarity", u, v, w), -1.0, 1.0))


@register("pearson", aliases=("pearson_correlation", "correlation"), display="Pearson r", **_SIM, params=())
def pearson_correlation(u: Any, v: Any) -> float:
    """Pearson correlation coefficient of the paired values, in [−1, 1] (scipy.stats ``pearsonr``)."""
    a, b, _ = check_vectors("pearson", u, v)
    if a.shape[0] < 2:
        raise DataError(f"pearson needs at least two pairs; received {a.shape[0]}.", param="u")
    for name, x in (("u", a), ("v", b)):
        if (x == x[0]).all():
            raise DataError(f"pearson is undefined for a constant vector; {name} is constant.", param=name)
    return float(np.clip(_cosine("pearson", a - a.mean(), b - b.mean(), None), -1.0, 1.0))


@register("kl_divergence", aliases=("relative_entropy",), display="KL divergence", **_DIST,
          params=(Param("base", "float", None, "Logarithm base (e by default, 2 for bits).", low=1, low_open=True,
                        optional=True),))
def kl_divergence(pk: Any, qk: Any, *, base: float | None = None) -> float:
    """D(P‖Q) = Σ p log(p / q) of two distributions (each normalised to sum 1); inf where q = 0 < p."""
    p = float_array("kl_divergence", "pk", pk)
    q = float_array("kl_divergence", "qk", qk)
    if p.ndim != 1 or p.shape != q.shape:
        raise ShapeError(f"kl_divergence: pk and qk must be 1-D of equal length; received {p.shape} and {q.shape}.",
                         param="qk")
    if base is not None and not base > 1:
        raise ConfigError(f"kl_divergence: base must be > 1; received {base!r}.", param="base")
    p, q = _normalised(p, "kl_divergence", "pk"), _normalised(q, "kl_divergence", "qk")
    both = (p > 0) & (q > 0)
    ratio = np.divide(p, q, out=np.ones_like(p), where=both)
    terms = np.where(both, p * np.log(ratio), 0.0)
    terms[(p > 0) & (q == 0)] = np.inf
    total = float(terms.sum())
    return total / math.log(base) if base is not None else total


def _normalised(x: np.ndarray, metric: str, name: str) -> np.ndarray:
    """``x / x.sum()`` for non-negative ``x`` with a positive sum."""
    if (x < 0).any():
        i = int(np.flatnonzero(x < 0)[0])
        raise DataError(f"{metric}: {name} must be ≥ 0; received {x[i]} at index {i}.", param=name, index=i)
    total = x.sum()
    if total == 0:
        raise DataError(f"{metric}: {name} sums to 0; at least one positive entry is needed.", param=name)
    return x / total
