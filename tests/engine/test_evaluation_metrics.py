"""MetricSet.compute (shared checked-once inputs) gives what calling each public metric function gives."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.model import Sequential
from engine.registry import LOSSES
from engine.training.evaluation import MetricSet, Readout

LABEL_METRICS = ["accuracy_score", "balanced_accuracy", "mcc", "precision_score", "recall_score", "f1_score",
                 "specificity", "jaccard_score", "roc_auc_score", "average_precision", "log_loss", "top_k_accuracy"]
OPTIONS = [{"type": "f1", "config": {"average": "weighted", "zero_division": 1.0}},
           {"type": "precision", "config": {"average": "micro", "pos_label": 0}},
           {"type": "recall", "config": {"average": "binary", "pos_label": 0}},
           {"type": "roc_auc", "config": {"average": "weighted"}},
           {"type": "accuracy", "config": {"normalize": False}}]
REGRESSION = ["mae", "rmse", "mse", "mape"]


def one_by_one(metrics: MetricSet, readout: Readout, outputs: np.ndarray, targets: np.ndarray,
               labels: np.ndarray | None) -> dict[str, float]:
    """The oracle: each public metric function on the arrays it compares, NaN where it raises."""
    scores = readout.scores(outputs)
    predicted = readout.labels(scores) if labels is not None else None
    if labels is not None and scores.ndim == 2 and scores.shape[1] <= 2 and labels.ndim == 1:
        scores = scores[:, -1]
    results = {}
    for name, fn, _, config, wanted in metrics.entries:
        if wanted == "values":
            args = (targets, outputs)
        elif labels is None:
            results[name] = math.nan
            continue
        else:
            other = predicted if wanted == "labels" else scores
            args = (labels.reshape(-1), other.reshape(-1)) if labels.ndim == 2 else (labels, other)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                results[name] = float(fn(*args, **config))
            except Exception:
                results[name] = math.nan
    return results


def assert_same_results(actual: dict[str, float], expected: dict[str, float]) -> None:
    assert list(actual) == list(expected)
    for name, value in actual.items():
        assert type(value) is float
        assert value == expected[name] or (math.isnan(value) and math.isnan(expected[name])), name


def readout(activation: str, outputs: int, loss: str) -> Readout:
    model = Sequential([{"type": "dense", "config": {"units": outputs, "activation": activation}}],
                       input_shape=(2,))
    model.build()
    return Readout(model, LOSSES.create(loss))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), dtype=st.sampled_from([np.float32, np.float64]),
       setup=st.sampled_from([("sigmoid", 1, "binary_crossentropy", "binary"),
                              ("softmax", 2, "sparse_categorical_crossentropy", "multiclass"),
                              ("softmax", 3, "sparse_categorical_crossentropy", "multiclass"),
                              ("softmax", 5, "sparse_categorical_crossentropy", "multiclass"),
                              ("linear", 1, "hinge", "binary")]))
def test_classification_metrics_equal_the_public_functions(data, dtype, setup):
    activation, width, loss, task = setup
    read = readout(activation, width, loss)
    n = data.draw(st.integers(1, 30))
    classes = max(width, 2)
    labels = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=n, max_size=n)), dtype=np.int64)
    logits = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=n * width, max_size=n * width)))
    outputs = (logits.reshape(n, width) / 2).astype(dtype)  # few levels: tied scores
    if data.draw(st.integers(0, 7)) == 0:
        outputs[data.draw(st.integers(0, n - 1)), 0] = np.nan
    metrics = MetricSet([*LABEL_METRICS, *OPTIONS[:4]] if task == "multiclass" else [*LABEL_METRICS, *OPTIONS[1:]],
                        task)
    targets = labels[:, None].astype(dtype)
    assert_same_results(metrics.compute(read, outputs, targets, labels),
                        one_by_one(metrics, read, outputs, targets, labels))


@settings(max_examples=30, deadline=None)
@given(data=st.data(), width=st.integers(1, 3),
       multioutput=st.sampled_from(["uniform_average", "raw_values", "variance_weighted"]))
def test_regression_metrics_equal_the_public_functions(data, width, multioutput):
    n = data.draw(st.integers(1, 12))
    values = st.lists(st.floats(-4, 4, width=32), min_size=n * width, max_size=n * width)
    targets = np.array(data.draw(values), dtype=np.float32).reshape(n, width)
    outputs = np.array(data.draw(values), dtype=np.float32).reshape(n, width)
    if data.draw(st.integers(0, 5)) == 0:
        outputs[0, 0] = np.inf
    read = readout("linear", width, "mse")
    metrics = MetricSet([*REGRESSION, {"type": "r2", "config": {"multioutput": multioutput}}], "regression")
    assert_same_results(metrics.compute(read, outputs, targets, None),
                        one_by_one(metrics, read, outputs, targets, None))


def test_multi_label_outputs_take_the_public_functions_on_pooled_decisions():
    rng = np.random.default_rng(3)
    read = readout("sigmoid", 3, "binary_crossentropy")
    labels = rng.integers(0, 2, (40, 3))
    outputs = rng.normal(size=(40, 3)).astype(np.float32)
    metrics = MetricSet(["accuracy", "f1", "roc_auc"], "binary")
    results = metrics.compute(read, outputs, labels.astype(np.float32), labels)
    assert_same_results(results, one_by_one(metrics, read, outputs, labels.astype(np.float32), labels))
    assert all(0.0 <= value <= 1.0 for value in results.values())


def test_label_metrics_are_nan_without_labels_and_metrics_still_ok_when_warnings_are_errors():
    read = readout("softmax", 3, "sparse_categorical_crossentropy")
    metrics = MetricSet(["accuracy", "f1", "roc_auc", "balanced_accuracy"], "multiclass")
    outputs = np.array([[0.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 2.0]], dtype=np.float32)
    assert all(math.isnan(v) for v in metrics.compute(read, outputs, np.zeros(3), None).values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # balanced accuracy's warning (0 predicted, never true) stays inside
        results = metrics.compute(read, outputs, np.zeros(3), np.array([1, 1, 2]))
    assert results["accuracy"] == pytest.approx(2 / 3) and results["balanced_accuracy"] == pytest.approx(0.75)
    assert math.isnan(results["roc_auc"])  # class 0 is absent from y_true


def test_default_metrics_take_their_prepared_twins():
    for task in ("binary", "multiclass", "regression"):
        assert all(prepared is not None for _, _, prepared, _, _ in MetricSet(None, task).entries)


def _inputs(n: int, classes: int, seed: int) -> tuple[Readout, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, n)
    if classes == 2:
        return (readout("sigmoid", 1, "binary_crossentropy"),
                (rng.normal(size=(n, 1)) + labels[:, None] - 0.5).astype(np.float32), labels[:, None], labels)
    outputs = rng.normal(size=(n, classes)).astype(np.float32)
    outputs[np.arange(n), labels] += 1.5
    return readout("softmax", classes, "sparse_categorical_crossentropy"), outputs, labels, labels


@pytest.mark.parametrize(("n", "classes"), [(200, 2), (455, 2), (1438, 10)])
def test_epoch_sized_inputs_equal_the_public_functions(n: int, classes: int) -> None:
    read, outputs, targets, labels = _inputs(n, classes, seed=n)
    metrics = MetricSet(None, "binary" if classes == 2 else "multiclass")
    results = metrics.compute(read, outputs, targets, labels)
    assert_same_results(results, one_by_one(metrics, read, outputs, targets, labels))
    assert all(0.5 < value < 1.0 for value in results.values())
