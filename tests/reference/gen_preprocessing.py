"""Reference values for engine.data.preprocessing from scikit-learn 1.9: ``preprocessing.json``.

Fixed inputs (skewed, negative, mixed-sign and constant columns; numbers and text with missing values; a category
unseen in training) go through scikit-learn's StandardScaler, MinMaxScaler, RobustScaler, PowerTransformer
(Yeo-Johnson, standardize=True), SimpleImputer, OneHotEncoder and LabelEncoder. Each case stores the estimator's
fitted statistics and its output on held-out rows, so the tests check both the fit and the transform.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn import preprocessing as skp
from sklearn.impute import SimpleImputer

from tests.reference.fixtures import write_json


def _inputs() -> dict[str, Any]:
    rng = np.random.default_rng(20240612)
    n = 60
    numbers = np.column_stack([
        rng.lognormal(0.0, 1.0, n),             # right-skewed, positive
        -rng.lognormal(1.0, 0.6, n),            # all negative
        rng.normal(2.0, 3.0, n),                # mixed signs
        np.full(n, 4.5),                        # constant
        rng.exponential(50.0, n).round(1),      # large, ties
    ])
    holes = numbers.copy()
    holes[rng.uniform(size=holes.shape) < 0.15] = np.nan
    holes[:, 3] = numbers[:, 3]
    colours = rng.choice(["red", "green", "blue"], size=n, p=[0.5, 0.3, 0.2]).astype(object)
    sizes = rng.choice(["S", "M", "L", "XL"], size=n).astype(object)
    text = np.column_stack([colours, sizes])
    text_holes = text.copy()
    text_holes[rng.uniform(size=text.shape) < 0.15] = None
    raw = {
        "train": numbers[:45], "test": numbers[45:] * 1.1,
        "holes_train": holes[:45], "holes_test": holes[45:],
        "text_train": text[:45], "text_test": np.vstack([text[45:], [["purple", "M"], ["red", "XXL"]]]),
        "text_holes": text_holes[:45],
        "labels_text": ["dog", "cat", "bird", "cat", "dog", "dog"],
        "labels_int": [10, 2, 2, 10, 7, 2],
    }
    return json.loads(json.dumps({k: np.asarray(v).tolist() for k, v in raw.items()}))


def _num(inputs: dict[str, Any], key: str) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in inputs[key]], dtype=np.float64)


def _cases(inputs: dict[str, Any]) -> list[dict[str, Any]]:
    train, test = _num(inputs, "train"), _num(inputs, "test")
    cases: list[dict[str, Any]] = []

    def scaler(key: str, config: dict[str, Any], estimator: Any, stats: dict[str, Any]) -> None:
        estimator.fit(train)
        cases.append({"key": key, "config": config, "fit": "train", "apply": "test",
                      "state": {k: np.asarray(v) for k, v in stats(estimator).items()},
                      "expected": estimator.transform(test), "expected_train": estimator.transform(train)})

    scaler("standard", {}, skp.StandardScaler(), lambda e: {"mean": e.mean_, "std": np.sqrt(e.var_)})
    scaler("minmax", {"feature_range": [-1.0, 1.0]}, skp.MinMaxScaler((-1, 1)),
           lambda e: {"min": e.data_min_, "max": e.data_max_})
    scaler("robust", {}, skp.RobustScaler(), lambda e: {"median": e.center_})
    scaler("robust", {"quantile_range": [10.0, 90.0]}, skp.RobustScaler(quantile_range=(10, 90)),
           lambda e: {"median": e.center_})
    scaler("yeo_johnson", {}, skp.PowerTransformer(method="yeo-johnson", standardize=True),
           lambda e: {"lambdas": e.lambdas_})

    holes_train, holes_test = _num(inputs, "holes_train"), _num(inputs, "holes_test")
    for strategy in ("mean", "median", "most_frequent", "constant"):
        imputer = SimpleImputer(strategy=strategy, fill_value=-1.0, keep_empty_features=True).fit(holes_train)
        config = {"strategy": strategy, "fill_value": -1.0}
        cases.append({"key": "impute", "config": config, "fit": "holes_train", "apply": "holes_test",
                      "state": {"values": imputer.statistics_}, "expected": imputer.transform(holes_test)})
    text_holes = np.array(inputs["text_holes"], dtype=object)
    imputer = SimpleImputer(strategy="most_frequent", missing_values=None).fit(text_holes)
    cases.append({"key": "impute", "config": {"strategy": "most_frequent"}, "fit": "text_holes",
                  "apply": "text_holes", "state": {"values": imputer.statistics_.tolist()},
                  "expected": imputer.transform(text_holes).tolist()})

    text_train, text_test = np.array(inputs["text_train"], dtype=object), np.array(inputs["text_test"], dtype=object)
    encoder = skp.OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(text_train)
    cases.append({"key": "one_hot", "config": {"handle_unknown": "ignore"}, "fit": "text_train",
                  "apply": "text_test", "state": {"categories": [c.tolist() for c in encoder.categories_]},
                  "expected": encoder.transform(text_test)})
    for name in ("labels_text", "labels_int"):
        labels = skp.LabelEncoder().fit(inputs[name])
        cases.append({"key": "label_encoder", "config": {}, "fit": name, "apply": name,
                      "state": {"classes": [str(c) for c in labels.classes_]},
                      "expected": labels.transform(inputs[name])})
    return cases


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def generate(out: Path) -> list[Path]:
    inputs = _inputs()
    data = {"sklearn": sklearn.__version__, "inputs": inputs, "cases": [_plain(c) for c in _cases(inputs)]}
    return [write_json(out / "preprocessing.json", data)]
