"""The prepared (checked-once) metric twins equal the public functions; the rank AUC equals the curve's area."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.metrics.curves import auc, rank_auc, roc_points
from engine.metrics.prepared import PREPARED, LabelInputs, prepare_values
from engine.registry import METRICS

SET_WISE = ("precision", "recall", "f1", "specificity", "jaccard_score")
FAST = settings(max_examples=80, deadline=None)


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """("value", result) or ("error", exception class), with the metrics' warnings silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return "value", call()
        except Exception as exc:
            return "error", type(exc)


def assert_same(prepared: tuple[str, Any], public: tuple[str, Any]) -> None:
    """Same exception class, or bit-identical values of the same type (NaN equal to NaN)."""
    assert prepared[0] == public[0], (prepared, public)
    if prepared[0] == "error":
        assert prepared[1] is public[1]
        return
    assert type(prepared[1]) is type(public[1]), (prepared, public)
    np.testing.assert_array_equal(prepared[1], public[1], strict=True)


@st.composite
def label_pairs(draw: Any) -> tuple[int, np.ndarray, np.ndarray]:
    """Class indices of y_true and y_pred; small sizes make absent classes and single-class vectors common."""
    k = draw(st.integers(2, 5))
    n = draw(st.integers(1, 24))
    labels = st.lists(st.integers(0, k - 1), min_size=n, max_size=n)
    return k, np.array(draw(labels), dtype=np.int64), np.array(draw(labels), dtype=np.int64)


@FAST
@given(pair=label_pairs(), key=st.sampled_from(SET_WISE),
       average=st.sampled_from(["binary", "micro", "macro", "weighted", None]),
       pos_label=st.sampled_from([0, 1, 2, -1, 1.0]), zero_division=st.sampled_from(["warn", 0.0, 1.0, "nan"]))
def test_set_wise_twins_equal_the_public_functions(pair, key, average, pos_label, zero_division):
    k, yt, yp = pair
    config = {"average": average, "pos_label": pos_label, "zero_division": zero_division}
    inputs = LabelInputs.create(yt, yp, np.zeros(yt.shape[0]), k)
    assert_same(_outcome(lambda: PREPARED[key](inputs, **config)), _outcome(lambda: METRICS.get(key)(yt, yp, **config)))


@FAST
@given(pair=label_pairs(), option=st.booleans())
def test_count_based_twins_equal_the_public_functions(pair, option):
    k, yt, yp = pair
    inputs = LabelInputs.create(yt, yp, np.zeros(yt.shape[0]), k)
    for key, config in (("accuracy", {"normalize": option}), ("balanced_accuracy", {"adjusted": option}),
                        ("matthews_corrcoef", {})):
        assert_same(_outcome(lambda: PREPARED[key](inputs, **config)),  # noqa: B023 - called at once
                    _outcome(lambda: METRICS.get(key)(yt, yp, **config)))  # noqa: B023


def _scores(draw: Any, shape: tuple[int, ...], dtype: type) -> np.ndarray:
    """Scores with many ties (a few levels), sometimes a NaN."""
    levels = draw(st.integers(2, 12))
    values = np.array(draw(st.lists(st.integers(0, levels), min_size=math.prod(shape), max_size=math.prod(shape))))
    scores = (values.reshape(shape) / levels).astype(dtype)
    if draw(st.integers(0, 9)) == 0:
        scores.flat[draw(st.integers(0, scores.size - 1))] = np.nan
    return scores


@FAST
@given(data=st.data(), dtype=st.sampled_from([np.float32, np.float64]), max_fpr=st.sampled_from([None, 1, 0.5]))
def test_binary_roc_auc_twin_equals_the_public_function(data, dtype, max_fpr):
    n = data.draw(st.integers(1, 30))
    yt = np.array(data.draw(st.lists(st.integers(0, 1), min_size=n, max_size=n)), dtype=np.int64)
    score = _scores(data.draw, (n,), dtype)
    inputs = LabelInputs.create(yt, (score > 0.5).astype(np.int64), score, 2)
    assert_same(_outcome(lambda: PREPARED["roc_auc"](inputs, max_fpr=max_fpr)),
                _outcome(lambda: METRICS.get("roc_auc")(yt, score, max_fpr=max_fpr)))


@FAST
@given(data=st.data(), dtype=st.sampled_from([np.float32, np.float64]), normalised=st.booleans(),
       average=st.sampled_from(["macro", "weighted", "micro", None]), multi_class=st.sampled_from(["ovr", "raise"]))
def test_multiclass_roc_auc_twin_equals_the_public_function(data, dtype, normalised, average, multi_class):
    k = data.draw(st.integers(3, 5))
    n = data.draw(st.integers(k, 40))
    yt = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)), dtype=np.int64)
    score = _scores(data.draw, (n, k), dtype)
    if normalised:  # probabilities, as a softmax gives; otherwise rows that do not sum to 1 must give the error
        score = np.exp(score) / np.exp(score).sum(axis=1, keepdims=True)
    inputs = LabelInputs.create(yt, np.nan_to_num(score).argmax(axis=1), score, k)
    config = {"average": average, "multi_class": multi_class}
    assert_same(_outcome(lambda: PREPARED["roc_auc"](inputs, **config)),
                _outcome(lambda: METRICS.get("roc_auc")(yt, score, **config)))


@FAST
@given(data=st.data(), dtype=st.sampled_from([np.float32, np.float64]))
def test_rank_auc_equals_the_trapezoidal_area_under_the_roc_curve(data, dtype):
    n = data.draw(st.integers(2, 60))
    positive = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    positive[:2] = [True, False]
    score = _scores(data.draw, (n,), dtype)
    score = np.nan_to_num(score, nan=0.25).astype(dtype)
    fpr, tpr, _ = roc_points(positive, score, None, drop_intermediate=True)
    assert rank_auc(positive, score) == pytest.approx(auc(fpr, tpr), abs=1e-12)
    assert rank_auc(positive, score, np.sort(score)) == rank_auc(positive, score)


def test_rank_auc_counts_ties_as_one_half():
    positive = np.array([True, False, True, False])
    assert rank_auc(positive, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
    assert rank_auc(positive, np.array([0.9, 0.1, 0.4, 0.4])) == 0.875  # 3 wins and 1 tie out of 4 pairs
    assert rank_auc(positive, np.array([0.1, 0.9, 0.2, 0.8], dtype=np.float32)) == 0.0


@FAST
@given(data=st.data(), outputs=st.integers(1, 3), multioutput=st.sampled_from(["uniform_average", "raw_values"]))
def test_regression_twins_equal_the_public_functions(data, outputs, multioutput):
    n = data.draw(st.integers(1, 20))
    values = st.lists(st.floats(-5, 5, width=32), min_size=n * outputs, max_size=n * outputs)
    yt = np.array(data.draw(values), dtype=np.float32).reshape(n, outputs)
    yp = np.array(data.draw(values), dtype=np.float32).reshape(n, outputs)
    if data.draw(st.booleans()):
        yt[:, 0] = yt[0, 0]  # a constant target: R² falls back to 1 or 0
    for key in ("mse", "rmse", "mae", "mape", "r2"):
        assert_same(_outcome(lambda: PREPARED[key](prepare_values(yt, yp), multioutput=multioutput)),  # noqa: B023
                    _outcome(lambda: METRICS.get(key)(yt, yp, multioutput=multioutput)))  # noqa: B023


@pytest.mark.parametrize(("y_true", "y_pred", "n_classes"), [
    (np.array([0, 1, 2]), np.array([0, 1, 1]), 2),  # a true label beyond the classes
    (np.array([0, 1, 1]), np.array([0, 3, 1]), 3),  # a predicted one
    (np.array([0, -1, 1]), np.array([0, 1, 1]), 2),  # a negative label
    (np.array([0.0, 1.0]), np.array([0, 1]), 2),  # not integers
    (np.array([[0, 1]]), np.array([[0, 1]]), 2),  # multi-label
    (np.array([0, 1]), np.array([0, 1, 1]), 2),  # lengths differ
    (np.array([], dtype=np.int64), np.array([], dtype=np.int64), 2),  # empty
    (np.array([0, 2**40]), np.array([0, 1]), 2),  # huge: refused before bincount would allocate for it
])
def test_label_inputs_refuse_what_is_not_class_indices(y_true, y_pred, n_classes):
    assert LabelInputs.create(y_true, y_pred, np.zeros(y_true.shape[0]), n_classes) is None


def test_label_inputs_count_like_np_unique():
    inputs = LabelInputs.create(np.array([0, 3, 3, 1]), np.array([0, 3, 1, 1]), np.zeros(4), 5)
    assert inputs.true.tolist() == [1, 1, 0, 2, 0] and inputs.pred.tolist() == [1, 2, 0, 1, 0]
    assert inputs.tp.tolist() == [1, 1, 0, 1, 0] and inputs.present.tolist() == [0, 1, 3]


def test_every_prepared_twin_is_a_registered_scalar_metric_of_its_input():
    for key, fn in PREPARED.items():
        meta = METRICS.meta(key)
        assert METRICS.canonical(key) == key and meta["output"] == "scalar"
        assert meta["input"] in ("labels", "scores", "values") and callable(fn)
    assert {"accuracy", "f1", "roc_auc", "mae", "rmse", "r2"} <= set(PREPARED)  # the trainer's defaults
