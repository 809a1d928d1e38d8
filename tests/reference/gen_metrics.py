"""Reference values for engine.metrics from scikit-learn 1.9 and scipy: ``metrics.json``.

Fixed inputs (binary with tied scores, string labels, multiclass with a class absent from y_true, constant
predictions and scores, regression with zero targets, vectors) are stored with every case so the tests replay
the same calls. Each case records ``function`` (a name in engine.metrics), ``key`` (its METRICS key or null),
positional ``args`` and keyword ``refs`` naming stored inputs, plain ``kwargs``, the ``expected`` value,
whether the reference emitted a UserWarning (``warns``) and whether arrays must match ``exact``ly.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.spatial.distance as ssd
import scipy.stats
import sklearn
from sklearn import metrics as skm

from tests.reference.fixtures import write_json

KEYS = {
    "accuracy_score": "accuracy", "balanced_accuracy_score": "balanced_accuracy", "precision_score": "precision",
    "recall_score": "recall", "f1_score": "f1", "specificity_score": "specificity",
    "jaccard_score": "jaccard_score", "matthews_corrcoef": "matthews_corrcoef",
    "confusion_matrix": "confusion_matrix", "roc_curve": "roc_curve", "roc_auc_score": "roc_auc",
    "precision_recall_curve": "precision_recall_curve", "average_precision_score": "average_precision",
    "mean_average_precision": "mean_average_precision", "log_loss": "log_loss",
    "top_k_accuracy_score": "top_k_accuracy", "mean_squared_error": "mse", "root_mean_squared_error": "rmse",
    "mean_absolute_error": "mae", "mean_absolute_percentage_error": "mape", "r2_score": "r2",
    "minkowski_distance": "minkowski", "euclidean_distance": "euclidean", "manhattan_distance": "manhattan",
    "chebyshev_distance": "chebyshev", "hamming_distance": "hamming", "jaccard_distance": "jaccard",
    "cosine_distance": "cosine", "cosine_similarity": "cosine_similarity", "pearson_correlation": "pearson",
    "kl_divergence": "kl_divergence",
}


def _inputs() -> dict[str, Any]:
    rng = np.random.default_rng(20240611)
    n = 40
    yb = rng.integers(0, 2, n)
    score = np.round(np.clip(0.35 * yb + rng.uniform(0, 0.65, n), 0, 1), 1)  # one decimal: many ties
    classes4 = np.array([0, 1, 3])[rng.integers(0, 3, n)]  # class 2 never true
    logits = rng.normal(size=(n, 4)) + 1.5 * np.eye(4)[classes4]
    proba4 = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pred4 = np.where(rng.uniform(size=n) < 0.2, 2, proba4.argmax(axis=1))
    y3 = rng.integers(0, 3, n)
    raw3 = np.round(rng.dirichlet([1, 1, 1], n) + 0.8 * np.eye(3)[y3], 1) + 0.1
    proba3 = raw3 / raw3.sum(axis=1, keepdims=True)
    reg_true = np.round(rng.normal(size=n), 3)
    reg_true[::7] = 0.0
    reg2_true = rng.normal(size=(n, 2)) * [1.0, 5.0]
    p = rng.uniform(size=8)
    p[2] = 0.0
    raw = {
        "yb_true": yb, "yb_pred": (score >= 0.5).astype(int), "yb_score": score,
        "yb_const_pred": np.zeros(n, dtype=int), "yb_const_score": np.full(n, 0.3), "wb": rng.uniform(0.1, 2, n),
        "ys_true": np.where(yb == 1, "spam", "ham"), "ys_pred": np.where(score >= 0.5, "spam", "ham"),
        "ym_true": classes4, "ym_pred": pred4, "ym_proba": proba4, "labels4": [0, 1, 2, 3],
        "yc_true": y3, "yc_pred": raw3.argmax(axis=1), "yc_proba": proba3,
        "roc_x": [0.0, 0.1, 0.4, 0.4, 1.0], "roc_y": [0.0, 0.5, 0.6, 0.9, 1.0],
        "yr_true": reg_true, "yr_pred": np.round(reg_true + rng.normal(scale=0.3, size=n), 3),
        "yr2_true": reg2_true, "yr2_pred": reg2_true + rng.normal(scale=[0.5, 1.0], size=(n, 2)),
        "yr_const": np.full(n, 2.0),
        "u": rng.normal(size=8), "v": rng.normal(size=8), "w": rng.uniform(0, 2, 8),
        "bu": rng.integers(0, 2, 12), "bv": rng.integers(0, 2, 12), "bw": rng.uniform(0, 2, 12),
        "zeros12": np.zeros(12, dtype=int), "pk": p, "qk": rng.uniform(size=8),
    }
    return json.loads(json.dumps({k: np.asarray(v).tolist() for k, v in raw.items()}))


def _specificity(y_true: Any, y_pred: Any, *, labels: Any = None, pos_label: Any = 1, average: Any = "binary",
                 sample_weight: Any = None, zero_division: Any = "warn") -> Any:
    """Specificity from scikit-learn's one-vs-rest confusion matrices: tn / (tn + fp)."""
    if average == "binary":
        labels = [pos_label]
    mcm = skm.multilabel_confusion_matrix(y_true, y_pred, labels=labels, sample_weight=sample_weight)
    tn, fp, fn, tp = (mcm[:, i, j].astype(float) for i, j in ((0, 0), (0, 1), (1, 0), (1, 1)))
    if average == "micro":
        tn, fp = tn.sum(keepdims=True), fp.sum(keepdims=True)
    zd = 0.0 if zero_division == "warn" else float(zero_division)
    spec = np.array([a / (a + b) if a + b else zd for a, b in zip(tn, fp, strict=True)])
    if average is None:
        return spec
    keep = ~np.isnan(spec)
    weights = (tp + fn)[keep] if average == "weighted" else None
    if weights is not None and weights.sum() == 0:
        weights = None
    return float(np.average(spec[keep], weights=weights)) if keep.any() else math.nan


def _map(y_true: Any, y_score: Any, *, labels: Any = None, sample_weight: Any = None) -> float:
    y_true, y_score = np.asarray(y_true), np.asarray(y_score)
    classes = np.unique(y_true) if labels is None else np.asarray(labels)
    aps = [skm.average_precision_score(y_true == c, y_score[:, j], sample_weight=sample_weight)
           for j, c in enumerate(classes) if (y_true == c).any()]
    return float(np.mean(aps))


def _threshold(y_true: Any, y_score: Any, threshold: float, *, pos_label: Any = 1, sample_weight: Any = None) -> dict:
    truth = np.asarray(y_true) == pos_label
    pred = np.asarray(y_score) >= threshold
    kw = {"sample_weight": sample_weight, "zero_division": 0.0}
    cm = skm.confusion_matrix(truth, pred, labels=[False, True], sample_weight=sample_weight)
    (tn, fp), (fn, tp) = cm.tolist()
    return {"threshold": threshold, "precision": skm.precision_score(truth, pred, **kw),
            "recall": skm.recall_score(truth, pred, **kw), "f1": skm.f1_score(truth, pred, **kw),
            "specificity": skm.recall_score(~truth, ~pred, **kw),
            "accuracy": skm.accuracy_score(truth, pred, sample_weight=sample_weight),
            "tn": tn, "fp": fp, "fn": fn, "tp": tp, "confusion_matrix": cm.tolist()}


def _per_class(y_true: Any, y_pred: Any, labels: Any = None, *, sample_weight: Any = None) -> dict:
    if labels is None:
        labels = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)])).tolist()
    p, r, f, s = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, sample_weight=sample_weight,
                                                     zero_division=0.0)
    return {str(lab): {"precision": p[i], "recall": r[i], "f1": f[i], "support": s[i]}
            for i, lab in enumerate(labels)}


def _kl(pk: Any, qk: Any, *, base: float | None = None) -> float:
    return float(scipy.stats.entropy(pk, qk, base=base))


REFERENCE: dict[str, Callable[..., Any]] = {
    "accuracy_score": skm.accuracy_score, "balanced_accuracy_score": skm.balanced_accuracy_score,
    "precision_score": skm.precision_score, "recall_score": skm.recall_score, "f1_score": skm.f1_score,
    "fbeta_score": skm.fbeta_score, "specificity_score": _specificity, "jaccard_score": skm.jaccard_score,
    "matthews_corrcoef": skm.matthews_corrcoef, "confusion_matrix": skm.confusion_matrix,
    "roc_curve": skm.roc_curve, "roc_auc_score": skm.roc_auc_score, "auc": skm.auc,
    "precision_recall_curve": skm.precision_recall_curve, "average_precision_score": skm.average_precision_score,
    "mean_average_precision": _map, "log_loss": skm.log_loss, "top_k_accuracy_score": skm.top_k_accuracy_score,
    "per_class_metrics": _per_class, "threshold_metrics": _threshold,
    "mean_squared_error": skm.mean_squared_error, "root_mean_squared_error": skm.root_mean_squared_error,
    "mean_absolute_error": skm.mean_absolute_error, "mean_absolute_percentage_error":
        skm.mean_absolute_percentage_error, "r2_score": skm.r2_score,
    "minkowski_distance": ssd.minkowski, "euclidean_distance": ssd.euclidean, "manhattan_distance": ssd.cityblock,
    "chebyshev_distance": ssd.chebyshev, "hamming_distance": ssd.hamming, "jaccard_distance": ssd.jaccard,
    "cosine_distance": ssd.cosine, "cosine_similarity": lambda u, v, w=None: 1 - ssd.cosine(u, v, w),
    "pearson_correlation": lambda u, v: scipy.stats.pearsonr(u, v).statistic, "kl_divergence": _kl,
}

SET_WISE = ("precision_score", "recall_score", "f1_score", "specificity_score", "jaccard_score")


def _cases() -> list[tuple[str, list[str], dict[str, Any], dict[str, str]]]:
    """(function, positional input names, kwargs, keyword input names)."""
    c: list[tuple[str, list[str], dict[str, Any], dict[str, str]]] = []
    bl, ml, cl = ["yb_true", "yb_pred"], ["ym_true", "ym_pred"], ["yc_true", "yc_pred"]
    const, strs, wb = ["yb_true", "yb_const_pred"], ["ys_true", "ys_pred"], {"sample_weight": "wb"}
    for args in (bl, ml, const, strs):
        c += [("accuracy_score", args, {}, {}), ("accuracy_score", args, {"normalize": False}, wb),
              ("balanced_accuracy_score", args, {}, {}), ("balanced_accuracy_score", args, {"adjusted": True}, wb),
              ("matthews_corrcoef", args, {}, {}), ("matthews_corrcoef", args, {}, wb),
              ("confusion_matrix", args, {}, {}), ("confusion_matrix", args, {"normalize": "true"}, wb)]
    c += [("balanced_accuracy_score", cl, {}, {}), ("matthews_corrcoef", cl, {}, {})]
    c += [("confusion_matrix", bl, {"labels": [1, 0], "normalize": norm}, {}) for norm in ("pred", "all")]
    c += [("confusion_matrix", ml, {}, {"labels": "labels4"}), ("confusion_matrix", ml, {"labels": [3, 1]}, {}),
          ("confusion_matrix", strs, {"labels": ["spam", "ham"]}, {})]
    for fn in SET_WISE:
        for avg in ("binary", "micro", "macro", "weighted", None):
            c.append((fn, bl, {"average": avg}, {}))
            c.append((fn, const, {"average": avg, "zero_division": 0.0}, {}))
        c += [(fn, bl, {"pos_label": 0}, wb), (fn, const, {}, {}), (fn, const, {"zero_division": 1.0}, {}),
              (fn, strs, {"pos_label": "spam"}, {})]
        for avg in ("micro", "macro", "weighted", None):
            c += [(fn, ml, {"average": avg}, {}), (fn, ml, {"average": avg}, {"labels": "labels4"}),
                  (fn, ml, {"average": avg, "labels": [1, 3]}, wb), (fn, cl, {"average": avg}, wb)]
        c += [(fn, ml, {"average": avg, "zero_division": zd}, {"labels": "labels4"})
              for zd in (0.0, 1.0, math.nan) for avg in ("macro", None) if fn != "jaccard_score" or zd == zd]
    c += [("fbeta_score", bl, {"beta": 2.0}, {}), ("fbeta_score", ml, {"beta": 0.5, "average": "macro"}, wb)]
    bs, ss, cs = ["yb_true", "yb_score"], ["ys_true", "yb_score"], ["yb_true", "yb_const_score"]
    for args, kw in ((bs, {}), (ss, {"pos_label": "spam"}), (cs, {})):
        c += [("roc_curve", args, kw, {}), ("roc_curve", args, {**kw, "drop_intermediate": False}, wb),
              ("precision_recall_curve", args, kw, {}),
              ("precision_recall_curve", args, {**kw, "drop_intermediate": True}, wb)]
    c += [("roc_auc_score", a, {}, w) for a in (bs, ss, cs) for w in ({}, wb)]
    c += [("roc_auc_score", bs, {"max_fpr": 0.3}, {}), ("auc", ["roc_x", "roc_y"], {}, {})]
    c += [("average_precision_score", bs, {}, {}), ("average_precision_score", bs, {}, wb),
          ("average_precision_score", ss, {"pos_label": "spam"}, {}), ("average_precision_score", cs, {}, {})]
    mp, cp = ["ym_true", "ym_proba"], ["yc_true", "yc_proba"]
    for avg in ("macro", "weighted", "micro", None):
        c += [("roc_auc_score", cp, {"multi_class": "ovr", "average": avg}, {}),
              ("roc_auc_score", cp, {"multi_class": "ovr", "average": avg}, wb),
              ("average_precision_score", cp, {"average": avg}, {}),
              ("average_precision_score", cp, {"average": avg}, wb)]
    c += [("roc_auc_score", mp, {"multi_class": "ovr", "average": "weighted"}, {"labels": "labels4"}),
          ("mean_average_precision", cp, {}, {}), ("mean_average_precision", cp, {}, wb),
          ("mean_average_precision", mp, {}, {"labels": "labels4"})]
    c += [("log_loss", a, kw, w) for a, kw in ((bs, {}), (ss, {}), (cp, {}), (cp, {"normalize": False}))
          for w in ({}, wb)]
    c += [("log_loss", mp, {}, {"labels": "labels4"}), ("log_loss", mp, {}, {"labels": "labels4", **wb})]
    c += [("top_k_accuracy_score", bs, {"k": 1}, {}), ("top_k_accuracy_score", cp, {"k": 1}, {}),
          ("top_k_accuracy_score", cp, {"k": 2, "normalize": False}, wb),
          ("top_k_accuracy_score", mp, {"k": 2}, {"labels": "labels4"}),
          ("top_k_accuracy_score", mp, {"k": 3}, {"labels": "labels4", **wb})]
    c += [("per_class_metrics", a, {}, {}) for a in (bl, const, strs, cl)]
    c += [("per_class_metrics", ml, {}, {"labels": "labels4"}), ("per_class_metrics", ml, {}, wb)]
    c += [("threshold_metrics", bs, {"threshold": t}, {}) for t in (0.0, 0.3, 0.5, 0.95)]
    c += [("threshold_metrics", bs, {"threshold": 0.5}, wb), ("threshold_metrics", ss, {"threshold": 0.4,
                                                                                        "pos_label": "spam"}, {})]
    rg, r2, rc = ["yr_true", "yr_pred"], ["yr2_true", "yr2_pred"], ["yr_const", "yr_pred"]
    for fn in ("mean_squared_error", "root_mean_squared_error", "mean_absolute_error",
               "mean_absolute_percentage_error", "r2_score"):
        c += [(fn, rg, {}, {}), (fn, rg, {}, wb), (fn, r2, {}, {}), (fn, r2, {"multioutput": "raw_values"}, wb),
              (fn, r2, {"multioutput": [0.3, 0.7]}, {}), (fn, rc, {}, {})]
    c += [("r2_score", r2, {"multioutput": "variance_weighted"}, wb), ("r2_score", rc, {"force_finite": False}, {}),
          ("r2_score", ["yr_const", "yr_const"], {}, {}), ("r2_score", r2, {"force_finite": False}, {}),
          ("r2_score", ["yr_const", "yr_const"], {"force_finite": False}, {})]
    uv, wv = ["u", "v"], {"w": "w"}
    for p in (1, 2, 3, 0.5, math.inf):
        c += [("minkowski_distance", uv, {"p": p}, {}), ("minkowski_distance", uv, {"p": p}, wv)]
    for fn in ("euclidean_distance", "manhattan_distance", "chebyshev_distance", "cosine_distance",
               "cosine_similarity", "hamming_distance"):
        c += [(fn, uv, {}, {}), (fn, uv, {}, wv)]
    bv, bw = ["bu", "bv"], {"w": "bw"}
    c += [("hamming_distance", bv, {}, {}), ("hamming_distance", bv, {}, bw), ("jaccard_distance", bv, {}, {}),
          ("jaccard_distance", bv, {}, bw), ("jaccard_distance", ["zeros12", "zeros12"], {}, {}),
          ("pearson_correlation", uv, {}, {}), ("pearson_correlation", bv, {}, {}),
          ("kl_divergence", ["pk", "qk"], {}, {}), ("kl_divergence", ["pk", "qk"], {"base": 2.0}, {}),
          ("kl_divergence", ["qk", "pk"], {}, {})]
    return c


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def generate(out: Path) -> list[Path]:
    inputs = _inputs()
    cases = []
    for i, (fn, args, kwargs, refs) in enumerate(_cases()):
        call_args = [np.asarray(inputs[a]) for a in args]
        call_kwargs = {**kwargs, **{k: np.asarray(inputs[v]) for k, v in refs.items()}}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            expected = REFERENCE[fn](*call_args, **call_kwargs)
        warns = any(issubclass(w.category, UserWarning) for w in caught)
        exact = fn in ("roc_curve", "precision_recall_curve", "confusion_matrix") and not kwargs.get("normalize")
        cases.append({"id": f"{i:03d}-{fn}", "function": fn, "key": KEYS.get(fn), "args": args, "kwargs": kwargs,
                      "refs": refs, "expected": _plain(expected), "warns": warns, "exact": exact})
    data = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "inputs": inputs, "cases": cases}
    return [write_json(out / "metrics.json", data)]
