"""engine.metrics against scikit-learn 1.9 / scipy values (tests/reference/gen_metrics.py → metrics.json)."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest

from engine import metrics as em
from engine.registry import METRICS
from tests.reference.fixtures import load_json

DATA = load_json("metrics.json")
CASES = DATA["cases"]


def _call(case: dict[str, Any]) -> tuple[Any, list[warnings.WarningMessage]]:
    inputs = DATA["inputs"]
    args = [np.asarray(inputs[a]) for a in case["args"]]
    kwargs = {**case["kwargs"], **{k: np.asarray(inputs[v]) for k, v in case["refs"].items()}}
    fn = METRICS.get(case["key"]) if case["key"] else getattr(em, case["function"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)
    return result, [w for w in caught if issubclass(w.category, UserWarning)]


def _compare(actual: Any, expected: Any, exact: bool, where: str) -> None:
    if isinstance(expected, dict):
        assert list(map(str, actual)) == list(expected), where
        for (key, value), exp in zip(actual.items(), expected.values(), strict=True):
            _compare(value, exp, exact, f"{where}[{key}]")
    elif isinstance(actual, tuple):
        assert len(actual) == len(expected), where
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _compare(a, e, exact, f"{where}[{i}]")
    elif exact:
        np.testing.assert_array_equal(np.asarray(actual), np.asarray(expected, dtype=np.asarray(actual).dtype),
                                      err_msg=where, strict=True)
    else:
        np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                                   rtol=1e-12, atol=1e-12, err_msg=where)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_reference(case: dict[str, Any]) -> None:
    result, caught = _call(case)
    _compare(result, case["expected"], case["exact"], case["id"])
    if isinstance(case["expected"], float | int) and not isinstance(result, np.ndarray):
        assert type(result) is float or case["function"] == "confusion_matrix"
    assert bool(caught) == case["warns"], [str(w.message) for w in caught]


def test_fixture_provenance() -> None:
    assert DATA["sklearn"].startswith("1.9")
    assert len(CASES) > 300
    assert any(isinstance(c["expected"], float) and math.isnan(c["expected"]) for c in CASES)
