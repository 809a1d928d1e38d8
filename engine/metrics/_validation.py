"""The one input validator for every metric.

Each check raises an engine error naming the metric, the argument and, for bad values, the index of the first
offending element (``error.details["index"]``, 0-based), so the window can point at the sample.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from engine.errors import ConfigError, DataError, ShapeError

__all__ = [
    "check_choice",
    "check_labels",
    "check_sample_weight",
    "check_scores",
    "check_values",
    "check_vectors",
    "encode",
    "float_array",
    "label_array",
    "lookup",
]


def check_choice(metric: str, name: str, value: Any, choices: tuple[Any, ...]) -> None:
    """Refuse an option outside ``choices`` with a :class:`ConfigError`."""
    if not any(value is c or (type(value) is type(c) and value == c) for c in choices):
        known = ", ".join(repr(c) for c in choices)
        raise ConfigError(f"{metric}: {name} must be one of {known}; received {value!r}.", param=name)


def _first_bad(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask.ravel())[0])


def _check_finite(metric: str, name: str, array: np.ndarray) -> None:
    bad = ~np.isfinite(array)
    if bad.any():
        flat = _first_bad(bad)
        index = np.unravel_index(flat, array.shape) if array.ndim > 1 else flat
        where = tuple(int(i) for i in index) if array.ndim > 1 else int(index)
        raise DataError(f"{metric}: {name} contains {array.ravel()[flat]} at index {where}; only finite numbers "
                        "are accepted.", param=name, index=where)


def _label_kind(values: np.ndarray) -> str:
    """"str" or "number" for the elements of an object array, or "mixed"."""
    is_str = np.frompyfunc(lambda x: isinstance(x, str), 1, 1)(values).astype(bool)
    is_num = np.frompyfunc(lambda x: isinstance(x, numbers.Number), 1, 1)(values).astype(bool)
    if is_str.all():
        return "str"
    if is_num.all():
        return "number"
    return "mixed"


def label_array(metric: str, name: str, y: Any) -> np.ndarray:
    """``y`` as a 1-D array of class labels (strings, integers or integral floats).

    Lists are inspected before conversion because NumPy would silently turn ``["a", 1]`` into strings.
    """
    raw = y if isinstance(y, np.ndarray) else np.asarray(y, dtype=object)
    if raw.ndim == 2 and raw.shape[1] == 1:
        raw = raw[:, 0]
    if raw.ndim != 1:
        raise ShapeError(f"{metric}: {name} must be a 1-D array of class labels; received shape {raw.shape}.",
                         param=name)
    if raw.size == 0:
        raise DataError(f"{metric}: {name} is empty; at least one sample is needed.", param=name)
    if raw.dtype == object:
        kind = _label_kind(raw)
        if kind == "mixed":
            raise DataError(f"{metric}: {name} mixes strings and numbers; class labels must be all strings or "
                            "all numbers.", param=name)
        raw = raw.astype(str) if kind == "str" else np.asarray(raw.tolist())
    if raw.dtype.kind == "f":
        _check_finite(metric, name, raw)
        fractional = raw != np.round(raw)
        if fractional.any():
            i = _first_bad(fractional)
            raise DataError(f"{metric}: {name} looks continuous ({raw[i]} at index {i}); class labels are "
                            "expected — threshold the scores first.", param=name, index=i)
    elif raw.dtype.kind not in "biuUS":
        raise DataError(f"{metric}: {name} must hold class labels; received dtype {raw.dtype}.", param=name)
    return raw


def _same_kind(metric: str, arrays: dict[str, np.ndarray]) -> None:
    kinds = {name: ("strings" if a.dtype.kind in "US" else "numbers") for name, a in arrays.items()}
    if len(set(kinds.values())) > 1:
        text = ", ".join(f"{n} holds {k}" for n, k in kinds.items())
        raise DataError(f"{metric}: labels of mixed types ({text}); use one type for all labels.",
                        param=next(iter(arrays)))


def _check_length(metric: str, n: int, name: str, array: np.ndarray) -> None:
    if array.shape[0] != n:
        raise ShapeError(f"{metric}: y_true has {n} samples but {name} has {array.shape[0]}; lengths must match.",
                         param=name)


def check_sample_weight(metric: str, sample_weight: Any, n: int) -> np.ndarray | None:
    """``sample_weight`` as a finite, non-negative float64 vector of length ``n`` (or None)."""
    if sample_weight is None:
        return None
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.ndim != 1:
        raise ShapeError(f"{metric}: sample_weight must be 1-D; received shape {w.shape}.", param="sample_weight")
    _check_length(metric, n, "sample_weight", w)
    _check_finite(metric, "sample_weight", w)
    if (w < 0).any():
        i = _first_bad(w < 0)
        raise DataError(f"{metric}: sample_weight must be ≥ 0; received {w[i]} at index {i}.",
                        param="sample_weight", index=i)
    return w


def check_labels(metric: str, y_true: Any, y_pred: Any, sample_weight: Any = None,
                 labels: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Validate two label vectors (and optional weights and ``labels``) of one classification task."""
    yt = label_array(metric, "y_true", y_true)
    yp = label_array(metric, "y_pred", y_pred)
    _check_length(metric, yt.shape[0], "y_pred", yp)
    arrays = {"y_true": yt, "y_pred": yp}
    lab = None
    if labels is not None:
        lab = label_array(metric, "labels", labels)
        arrays["labels"] = lab
    _same_kind(metric, arrays)
    return yt, yp, check_sample_weight(metric, sample_weight, yt.shape[0]), lab


def float_array(metric: str, name: str, x: Any) -> np.ndarray:
    """``x`` as a finite float array, keeping float32/float64 and turning integers and booleans into float64."""
    try:
        arr = np.asarray(x)
    except ValueError as exc:
        raise ShapeError(f"{metric}: {name} must be a rectangular array of numbers.", param=name) from exc
    if arr.dtype.kind in "biu":
        arr = arr.astype(np.float64)
    elif arr.dtype.kind != "f":
        raise DataError(f"{metric}: {name} must hold numbers; received dtype {arr.dtype}.", param=name)
    if arr.size == 0:
        raise DataError(f"{metric}: {name} is empty; at least one sample is needed.", param=name)
    _check_finite(metric, name, arr)
    return arr


def check_scores(metric: str, y_true: Any, y_score: Any, sample_weight: Any = None, labels: Any = None,
                 name: str = "y_score") -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Validate labels with scores: ``y_score`` (called ``name``) is (n,) for binary or (n, n_classes)."""
    yt = label_array(metric, "y_true", y_true)
    score = float_array(metric, name, y_score)
    if score.ndim == 2 and score.shape[1] == 1:
        score = score[:, 0]
    if score.ndim not in (1, 2):
        raise ShapeError(f"{metric}: {name} must be (n_samples,) or (n_samples, n_classes); received shape "
                         f"{score.shape}.", param=name)
    _check_length(metric, yt.shape[0], name, score)
    lab = None
    if labels is not None:
        lab = label_array(metric, "labels", labels)
        _same_kind(metric, {"y_true": yt, "labels": lab})
    return yt, score, check_sample_weight(metric, sample_weight, yt.shape[0]), lab


def check_values(metric: str, y_true: Any, y_pred: Any,
                 sample_weight: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validate regression targets: same shape, (n,) or (n, n_outputs), returned as 2-D in one float dtype."""
    yt = float_array(metric, "y_true", y_true)
    yp = float_array(metric, "y_pred", y_pred)
    yt = yt[:, None] if yt.ndim == 1 else yt
    yp = yp[:, None] if yp.ndim == 1 else yp
    if yt.ndim != 2 or yp.ndim != 2:
        raise ShapeError(f"{metric}: targets must be (n_samples,) or (n_samples, n_outputs); received "
                         f"{np.shape(y_true)} and {np.shape(y_pred)}.", param="y_pred")
    _check_length(metric, yt.shape[0], "y_pred", yp)
    if yt.shape[1] != yp.shape[1]:
        raise ShapeError(f"{metric}: y_true has {yt.shape[1]} outputs but y_pred has {yp.shape[1]}.",
                         param="y_pred")
    dtype = np.result_type(yt, yp)
    return yt.astype(dtype, copy=False), yp.astype(dtype, copy=False), check_sample_weight(
        metric, sample_weight, yt.shape[0])


def check_vectors(metric: str, u: Any, v: Any, w: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Validate two 1-D vectors of equal length and optional non-negative weights ``w``."""
    a = float_array(metric, "u", u)
    b = float_array(metric, "v", v)
    if a.ndim != 1 or b.ndim != 1:
        raise ShapeError(f"{metric}: u and v must be 1-D vectors; received shapes {a.shape} and {b.shape}.",
                         param="u" if a.ndim != 1 else "v")
    if a.shape != b.shape:
        raise ShapeError(f"{metric}: u has {a.shape[0]} elements but v has {b.shape[0]}; lengths must match.",
                         param="v")
    dtype = np.result_type(a, b)
    weights = None
    if w is not None:
        weights = np.asarray(w, dtype=np.float64)
        if weights.shape != a.shape:
            raise ShapeError(f"{metric}: w must have the shape of u, {a.shape}; received {weights.shape}.",
                             param="w")
        _check_finite(metric, "w", weights)
        if (weights < 0).any():
            i = _first_bad(weights < 0)
            raise DataError(f"{metric}: w must be ≥ 0; received {weights[i]} at index {i}.", param="w", index=i)
    return a.astype(dtype, copy=False), b.astype(dtype, copy=False), weights


def lookup(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Indices of ``y`` in ``classes`` (any order), -1 where a label is not among ``classes``."""
    order = np.argsort(classes, kind="stable")
    ranked = classes[order]
    pos = np.minimum(np.searchsorted(ranked, y), ranked.shape[0] - 1)
    return np.where(ranked[pos] == y, order[pos], -1)


def encode(metric: str, name: str, y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Indices of ``y`` in ``classes``; a label missing from ``classes`` raises :class:`DataError`."""
    index = lookup(y, classes)
    if (index < 0).any():
        i = _first_bad(index < 0)
        raise DataError(f"{metric}: {name} holds {y[i]!r} at index {i}, which is not among the labels "
                        f"{classes.tolist()}.", param=name, index=i)
    return index
