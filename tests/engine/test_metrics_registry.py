"""Every registered metric: metadata, keyword-only options matching its Param specs, and a reference case."""

from __future__ import annotations

import inspect

import pytest

from engine import metrics as em
from engine.params import Param, resolve_params
from engine.registry import METRICS
from tests.reference.fixtures import load_json

KEYS = METRICS.names()
TASKS = {"classification": {"labels", "scores"}, "regression": {"values"}, "distance": {"vectors"}}


def test_every_registered_metric_has_a_reference_case() -> None:
    cases = load_json("metrics.json")["cases"]
    covered = {c["key"] for c in cases} | {c["function"] for c in cases}
    assert set(KEYS) <= covered, sorted(set(KEYS) - covered)
    extras = {"auc", "per_class_metrics", "threshold_metrics", "fbeta_score"}
    assert extras <= covered


def test_the_brief_keys_are_registered() -> None:
    wanted = {"accuracy", "balanced_accuracy", "precision", "recall", "f1", "specificity", "confusion_matrix",
              "roc_curve", "roc_auc", "precision_recall_curve", "average_precision", "mean_average_precision",
              "log_loss", "top_k_accuracy", "matthews_corrcoef", "mse", "rmse", "mae", "mape", "r2", "minkowski",
              "manhattan", "euclidean", "chebyshev", "hamming", "kl_divergence", "cosine", "cosine_similarity",
              "pearson", "jaccard", "jaccard_score"}
    assert wanted <= set(KEYS)
    assert METRICS.get("mean_squared_error") is em.mean_squared_error
    assert METRICS.get("accuracy_score") is em.accuracy_score


@pytest.mark.parametrize("key", KEYS)
def test_metadata(key: str) -> None:
    meta = METRICS.describe(key)
    assert meta["input"] in TASKS[meta["task"]]
    assert isinstance(meta["display"], str) and 0 < len(meta["display"]) <= 24
    assert meta["help"] and meta["output"] in ("scalar", "matrix", "curve")
    if meta["output"] == "scalar":
        assert isinstance(meta["greater_is_better"], bool)
    else:
        assert meta["greater_is_better"] is None
    lower_is_better = key in {"log_loss", "mse", "rmse", "mae", "mape"} or (
        meta["task"] == "distance" and key not in {"cosine_similarity", "pearson"})
    assert meta["greater_is_better"] is (None if meta["output"] != "scalar" else not lower_is_better)


@pytest.mark.parametrize("key", KEYS)
def test_params_are_keyword_only_with_matching_defaults(key: str) -> None:
    signature = inspect.signature(METRICS.get(key))
    positional = [p for p in signature.parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert len(positional) == 2  # (y_true, y_pred | y_score) or (u, v); every option is keyword-only
    for spec in METRICS.params(key):
        assert isinstance(spec, Param)
        parameter = signature.parameters[spec.name]
        assert parameter.kind is parameter.KEYWORD_ONLY
        assert parameter.default == spec.default, spec.name
    defaults = resolve_params(METRICS.params(key), {}, key)
    assert defaults == {p.name: p.default for p in METRICS.params(key)}
