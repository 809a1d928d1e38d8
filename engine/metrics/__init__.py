"""Metrics registered in engine.registry.METRICS; importing this package registers them all.

Classification metrics on labels and on scores, threshold curves, regression metrics and vector distances, with
scikit-learn's (and scipy's) names, keyword-only options and edge cases. Every entry's metadata says its
``task``, ``input``, ``greater_is_better``, ``display`` label and ``output`` kind (see ``_registration``).
"""

from engine.metrics._counts import UndefinedMetricWarning
from engine.metrics.classification import *  # noqa: F403
from engine.metrics.classification import __all__ as _classification
from engine.metrics.classification import precision_recall_fscore_support
from engine.metrics.curves import auc, precision_recall_curve, roc_curve
from engine.metrics.distances import *  # noqa: F403
from engine.metrics.distances import __all__ as _distances
from engine.metrics.regression import *  # noqa: F403
from engine.metrics.regression import __all__ as _regression
from engine.metrics.reports import per_class_metrics, threshold_metrics
from engine.metrics.scores import *  # noqa: F403
from engine.metrics.scores import __all__ as _scores

__all__ = [
    *_classification,
    *_distances,
    *_regression,
    *_scores,
    "UndefinedMetricWarning",
    "auc",
    "per_class_metrics",
    "precision_recall_curve",
    "precision_recall_fscore_support",
    "roc_curve",
    "threshold_metrics",
]
