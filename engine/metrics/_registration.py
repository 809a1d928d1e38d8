"""Registration of metric functions in ``METRICS`` with the metadata the window and the reports read.

Every entry carries ``task`` ("classification", "regression", "distance"), ``input`` ("labels", "scores",
"values", "vectors": what the two positional arguments are), ``greater_is_better`` (None for matrices and
curves), ``display`` (a short label) and ``output`` ("scalar", "matrix" or "curve").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.params import Param
from engine.registry import METRICS

__all__ = ["AVERAGE", "LABELS_META", "POS_LABEL", "SCORES_META", "ZERO_DIVISION", "register"]

LABELS_META: dict[str, Any] = {"task": "classification", "input": "labels", "greater_is_better": True}
SCORES_META: dict[str, Any] = {"task": "classification", "input": "scores"}

AVERAGE = Param("average", "choice", "binary", "How per-class scores combine: the positive class only (binary), "
                "pooled counts (micro), plain mean (macro), support-weighted mean (weighted) or none.",
                choices=("binary", "micro", "macro", "weighted"), optional=True, typical="macro")
POS_LABEL = Param("pos_label", "int", 1, "The positive class for average='binary' (a label of y_true).")
ZERO_DIVISION = Param("zero_division", "choice", "warn", "Value of a 0/0 ratio: 0 with a warning ('warn'), 0, 1 "
                      "or 'nan' (left out of averages).", choices=("warn", 0.0, 1.0, "nan"))


def register(key: str, *, display: str, task: str, input: str, greater_is_better: bool | None,
             params: tuple[Param, ...], output: str = "scalar",
             aliases: tuple[str, ...] = ()) -> Callable[[Any], Any]:
    """Decorator: add a metric function to ``METRICS``; its docstring's first line is the help."""
    return METRICS.register(key, aliases=aliases, params=params, task=task, input=input,
                            greater_is_better=greater_is_better, display=display, output=output)
