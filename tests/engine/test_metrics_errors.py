"""The validator's messages and the edge cases where a metric refuses, warns or stays silent."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from engine import metrics as em
from engine.errors import ConfigError, DataError, ShapeError

Y = np.array([0, 1, 1, 0, 1])
S = np.array([0.1, 0.8, 0.6, 0.3, 0.9])


def test_lengths_must_match() -> None:
    with pytest.raises(ShapeError, match="y_true has 5 samples but y_pred has 3; lengths must match") as err:
        em.accuracy_score(Y, [0, 1, 1])
    assert err.value.param == "y_pred"
    with pytest.raises(ShapeError, match="sample_weight has 2"):
        em.accuracy_score(Y, Y, sample_weight=[1.0, 2.0])


@pytest.mark.parametrize(("call", "name", "index"), [
    (lambda: em.roc_auc_score(Y, [0.1, 0.2, np.nan, 0.3, 0.4]), "y_score", 2),
    (lambda: em.mean_squared_error([1.0, 2.0, 3.0], [1.0, np.inf, 2.0]), "y_pred", 1),
    (lambda: em.accuracy_score([0.0, 1.0, np.nan], [0, 1, 1]), "y_true", 2),
    (lambda: em.log_loss(Y, np.c_[1 - S, S] + ([[0, 0]] * 4 + [[0, np.nan]])), "y_proba", (4, 1)),
    (lambda: em.f1_score(Y, Y, sample_weight=[1, 1, np.inf, 1, 1]), "sample_weight", 2),
    (lambda: em.euclidean_distance([1.0, np.nan], [0.0, 0.0]), "u", 1),
])
def test_non_finite_values_are_rejected_with_argument_and_index(call, name: str, index) -> None:
    with pytest.raises(DataError, match=re.escape(f"{name} contains")) as err:
        call()
    assert err.value.param == name
    assert err.value.details["index"] == index
    assert f"at index {index}" in str(err.value)


def test_labels_of_mixed_types_are_rejected() -> None:
    with pytest.raises(DataError, match="y_true mixes strings and numbers"):
        em.accuracy_score(["a", 1, "b"], ["a", "b", "b"])
    with pytest.raises(DataError, match="labels of mixed types \\(y_true holds strings, y_pred holds numbers\\)"):
        em.precision_score(["a", "b"], [0, 1])


def test_continuous_labels_and_bad_shapes_are_rejected() -> None:
    with pytest.raises(DataError, match=r"y_pred looks continuous \(0.7 at index 1\)"):
        em.accuracy_score([0, 1], [0.0, 0.7])
    with pytest.raises(ShapeError, match="1-D array of class labels"):
        em.accuracy_score(np.zeros((3, 2)), np.zeros((3, 2)))
    with pytest.raises(DataError, match="y_true is empty"):
        em.accuracy_score([], [])


def test_roc_auc_needs_both_classes() -> None:
    with pytest.raises(DataError) as err:
        em.roc_auc_score([1, 1, 1], [0.2, 0.5, 0.9])
    assert str(err.value) == "roc_auc needs both classes in y_true; received only class 1."
    with pytest.raises(DataError, match="roc_curve needs both classes in y_true; received only class 0"):
        em.roc_curve([0, 0], [0.2, 0.5])
    with pytest.raises(DataError, match="at least one positive sample"):
        em.average_precision_score([0, 0, 0], [0.1, 0.2, 0.3])


def test_multiclass_scores_need_2d_arrays_and_a_multi_class_choice() -> None:
    y = np.array([0, 1, 2, 2])
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.3, 0.3, 0.4]])
    with pytest.raises(ShapeError, match=r"\(n_samples, n_classes\) since y_true holds 3 classes"):
        em.roc_auc_score(y, proba[:, 0])
    with pytest.raises(ConfigError, match="multi_class='ovr'"):
        em.roc_auc_score(y, proba)
    with pytest.raises(ShapeError, match="pass labels= with every class"):
        em.log_loss([0, 1, 1, 0], proba)
    with pytest.raises(DataError, match=r"macro average\) needs every class in y_true; \[3\] absent"):
        em.roc_auc_score(y, np.c_[proba, np.zeros(4)], multi_class="ovr", labels=[0, 1, 2, 3])
    with pytest.raises(DataError, match="summing to 1"):
        em.roc_auc_score(y, proba * 2, multi_class="ovr")


def test_option_errors_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="average='binary' needs at most two classes"):
        em.precision_score([0, 1, 2], [0, 1, 2])
    with pytest.raises(ConfigError, match="average must be one of"):
        em.recall_score(Y, Y, average="samples")
    with pytest.raises(ConfigError, match="zero_division must be"):
        em.f1_score(Y, Y, zero_division=0.5)
    with pytest.raises(ConfigError, match="normalize must be one of"):
        em.confusion_matrix(Y, Y, normalize="rows")
    with pytest.raises(DataError, match="pos_label=2 is not a valid label"):
        em.precision_score(Y, Y, pos_label=2)
    with pytest.raises(ConfigError, match="k must be an integer ≥ 1"):
        em.top_k_accuracy_score(Y, S, k=0)
    with pytest.raises(ConfigError, match="p must be > 0"):
        em.minkowski_distance([1.0], [2.0], p=0)


def test_zero_division_warns_only_when_asked_to() -> None:
    constant = np.zeros(5, dtype=int)
    with pytest.warns(em.UndefinedMetricWarning, match="Precision is ill-defined"):
        assert em.precision_score(Y, constant) == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert em.precision_score(Y, constant, zero_division=1.0) == 1.0
        assert np.isnan(em.precision_score(Y, constant, zero_division="nan"))
        assert em.threshold_metrics(Y, S, 2.0)["precision"] == 0.0
        assert em.per_class_metrics(Y, constant)[1]["precision"] == 0.0


def test_probability_checks_of_log_loss() -> None:
    with pytest.raises(DataError, match=r"probabilities in \[0, 1\]; received 1.5"):
        em.log_loss(Y, [0.1, 1.5, 0.5, 0.5, 0.5])
    with pytest.raises(DataError, match=r"only one label \(1\)"):
        em.log_loss([1, 1], [0.5, 0.9])
    with pytest.warns(UserWarning, match="do not sum to one"):
        em.log_loss([0, 1], [[0.5, 0.6], [0.2, 0.8]])


def test_regression_and_distance_errors() -> None:
    with pytest.raises(DataError, match="r2 needs at least two samples; received 1"):
        em.r2_score([1.0], [2.0])
    with pytest.raises(ShapeError, match="y_true has 2 outputs but y_pred has 1"):
        em.mean_absolute_error(np.ones((3, 2)), np.ones(3))
    with pytest.raises(ShapeError, match="u has 2 elements but v has 3"):
        em.manhattan_distance([1, 2], [1, 2, 3])
    with pytest.raises(DataError, match=re.escape("w must be ≥ 0; received -1.0 at index 1")):
        em.hamming_distance([1, 0], [0, 0], w=[1, -1])
    with pytest.raises(DataError, match="zero vector; v is all zeros"):
        em.cosine_distance([1.0, 2.0], [0.0, 0.0])
    with pytest.raises(DataError, match="constant vector; u is constant"):
        em.pearson_correlation([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(DataError, match="pk must be ≥ 0"):
        em.kl_divergence([-0.1, 1.1], [0.5, 0.5])
    assert em.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    with pytest.raises(DataError, match="sample_weight must be ≥ 0"):
        em.mean_squared_error([1.0, 2.0], [1.0, 2.0], sample_weight=[1.0, -2.0])
