"""Turning model outputs into what the loss and the metrics need, and computing the metrics of an epoch.

:class:`Readout` knows, for one model and loss, whether training runs on logits (the final sigmoid/softmax fused
into the loss), how to get probabilities/scores from the outputs and how to get predicted class labels.
:class:`MetricSet` computes the chosen metrics once per epoch on whole arrays, checking and counting the labels
once for all of them (``engine.metrics.prepared``); a metric that cannot be computed for the data at hand (ROC AUC
with one class present, …) gives NaN instead of stopping the run.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

import numpy as np

from engine.errors import ConfigError, EngineError
from engine.metrics.prepared import PREPARED, LabelInputs, prepare_values
from engine.params import resolve_params
from engine.registry import ACTIVATIONS, LOSSES, METRICS

__all__ = ["DEFAULT_METRICS", "MetricSet", "Readout", "task_of"]

#: Metrics chosen when the trainer is given none, by problem kind.
DEFAULT_METRICS = {"classification": ("accuracy", "f1", "roc_auc"), "regression": ("mae", "rmse", "r2")}

#: Output activations whose values are probabilities (class decisions at 0.5 / by arg-max).
_PROBABILITY_OUTPUTS = frozenset({"sigmoid", "hard_sigmoid", "softmax", "step"})


def task_of(loss: Any) -> str:
    """The loss's task (binary, multiclass, regression, any) from its registry metadata."""
    return str(LOSSES.meta(loss.key).get("task", "any"))


class Readout:
    """How one model's outputs are read for a given loss.

    ``fused`` is true when the last layer's activation is the loss's ``logits_of`` and the loss is not already
    on logits: the trainer then has the last layer emit logits while training and uses ``train_loss``, the
    ``from_logits=True`` twin of the loss (same value, stable numerics). ``scores`` turns outputs (logits when
    fused) into probabilities or decision scores; ``labels`` turns scores into predicted class indices.
    """

    def __init__(self, model: Any, loss: Any) -> None:
        self.task = task_of(loss)
        self.classification = self.task in ("binary", "multiclass")
        activation = model.output_activation()
        self.fused = (loss.logits_of is not None and activation == loss.logits_of
                      and not getattr(loss, "from_logits", True))
        self.train_loss = LOSSES.create(loss, from_logits=True) if self.fused else loss
        on_logits = self.fused or bool(getattr(loss, "from_logits", False)) or loss.key == "bce_with_logits"
        logits_of = loss.logits_of or "sigmoid"
        #: applied to the outputs the loss sees (logits while fused) to obtain probabilities; None = use as is.
        self._to_scores = ACTIVATIONS.create(logits_of) if on_logits and self.classification else None
        #: applied to what ``Sequential.predict`` returns (already activated unless the loss works on logits).
        self._predict_to_scores = None if self.fused else self._to_scores
        probabilities = on_logits or activation in _PROBABILITY_OUTPUTS
        self.threshold = 0.5 if probabilities else 0.0

    def scores(self, outputs: np.ndarray, *, from_predict: bool = False) -> np.ndarray:
        """Probabilities (or decision scores) from training outputs, or from ``predict`` output."""
        to_scores = self._predict_to_scores if from_predict else self._to_scores
        return outputs if to_scores is None else to_scores.forward(outputs)

    def labels(self, scores: np.ndarray) -> np.ndarray:
        """Predicted class indices: arg-max over several classes, score > threshold for one output."""
        if scores.ndim == 2 and scores.shape[1] > 1 and self.task != "binary":
            return scores.argmax(axis=1)
        flat = scores.reshape(scores.shape[0]) if scores.ndim == 2 and scores.shape[1] == 1 else scores
        return (flat > self.threshold).astype(np.int64)


class MetricSet:
    """The metrics of a run, resolved once: names, functions, keyword options, and the input each wants."""

    def __init__(self, specs: Iterable[Any] | None, task: str) -> None:
        kind = "classification" if task in ("binary", "multiclass") else "regression"
        specs = DEFAULT_METRICS[kind] if specs is None else specs
        self.entries: list[tuple[str, Any, Any, dict[str, Any], str]] = []
        for spec in specs:
            key, config = _key_config(spec)
            canonical = METRICS.canonical(key)
            meta = METRICS.meta(canonical)
            if meta.get("output", "scalar") != "scalar":
                raise ConfigError(f"metric {canonical!r} gives a {meta.get('output')}, not one number per epoch; "
                                  "choose a scalar metric for training.", param="metrics")
            wanted = meta.get("input")
            if wanted not in ("labels", "scores", "values"):
                raise ConfigError(f"metric {canonical!r} compares {wanted}, not predictions with targets; it cannot "
                                  "be followed during training.", param="metrics")
            if kind == "regression" and wanted in ("labels", "scores"):
                raise ConfigError(f"metric {canonical!r} needs class labels, but the loss is a regression loss.",
                                  param="metrics")
            names = {p.name for p in meta["params"]}
            resolve_params(meta["params"], config, canonical)  # validation only; the function keeps its defaults
            if task == "multiclass" and "average" in names and "average" not in config:
                config["average"] = "macro"
            if task == "multiclass" and "multi_class" in names and "multi_class" not in config:
                config["multi_class"] = "ovr"
            name = key if isinstance(spec, str) else canonical
            self.entries.append((name, METRICS.get(canonical), PREPARED.get(canonical), config, wanted))
        self.names = [entry[0] for entry in self.entries]
        if len(set(self.names)) != len(self.names):
            raise ConfigError(f"each metric can be listed once; received {self.names}.", param="metrics")

    def compute(self, readout: Readout, outputs: np.ndarray, targets: np.ndarray,
                labels: np.ndarray | None) -> dict[str, float]:
        """Every metric on whole arrays; NaN for a metric the data cannot give (one class only, NaN outputs…).

        Metrics are unweighted (class weights steer the training, not the score) and their warnings are silenced.
        """
        if not self.entries:
            return {}
        arrays = _EpochArrays(readout, outputs, targets, labels)
        results: dict[str, float] = {}
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for name, fn, prepared, config, wanted in self.entries:
                try:
                    results[name] = float(arrays.metric(fn, prepared, config, wanted))
                except _METRIC_ERRORS:
                    results[name] = math.nan
        return results


#: What a metric raises when the data cannot give it; the epoch's value is then NaN.
_METRIC_ERRORS = (EngineError, ValueError, TypeError, ZeroDivisionError, FloatingPointError, IndexError)


class _EpochArrays:
    """One ``compute`` call's arrays, and the inputs checked once for the metrics with a prepared twin.

    A metric with a twin in ``engine.metrics.prepared.PREPARED`` gets the shared :class:`LabelInputs` (or the
    checked regression targets); the others, and every metric when the labels are not plain class indices
    (multi-label outputs), get the arrays through the public function.
    """

    def __init__(self, readout: Readout, outputs: np.ndarray, targets: np.ndarray,
                 labels: np.ndarray | None) -> None:
        self.outputs, self.targets, self.labels = outputs, targets, labels
        scores = readout.scores(outputs)
        self.predicted = readout.labels(scores) if labels is not None else None
        self.n_classes = scores.shape[1] if scores.ndim == 2 and scores.shape[1] > 2 else 2
        if labels is not None and scores.ndim == 2 and scores.shape[1] <= 2 and labels.ndim == 1:
            scores = scores[:, -1]  # one column, or two-class softmax: the positive class's score
        self.scores = scores

    @cached_property
    def label_inputs(self) -> LabelInputs | None:
        return LabelInputs.create(self.labels, self.predicted, self.scores, self.n_classes)

    @cached_property
    def values(self) -> tuple[np.ndarray, np.ndarray, None]:
        return prepare_values(self.targets, self.outputs)

    def metric(self, fn: Any, prepared: Any, config: Mapping[str, Any], wanted: str) -> Any:
        """One metric's value, through its prepared twin when there is one and the inputs allow it."""
        if wanted == "values":
            return fn(self.targets, self.outputs, **config) if prepared is None else prepared(self.values, **config)
        if self.labels is None:
            return math.nan
        if prepared is not None and self.label_inputs is not None:
            return prepared(self.label_inputs, **config)
        other = self.predicted if wanted == "labels" else self.scores
        if self.labels.ndim == 2:  # multi-label: one yes/no decision per output, pooled
            return fn(self.labels.reshape(-1), other.reshape(-1), **config)
        return fn(self.labels, other, **config)


def _key_config(spec: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(spec, str):
        return spec, {}
    if isinstance(spec, Mapping) and isinstance(spec.get("type"), str):
        return spec["type"], dict(spec.get("config") or {})
    raise ConfigError(f"a metric is a name or {{'type': name, 'config': {{...}}}}, received {spec!r}.",
                      param="metrics")
