"""Regenerate the bundled dataset CSVs from the copies scikit-learn ships.

Run with the reference venv (it has scikit-learn; the app and the tests never import it)::

    cd /work/main && .venv-ref/bin/python resources/datasets/make_bundled.py

Writes iris.csv, breast_cancer.csv, wine.csv and digits.csv next to this script: UTF-8, comma-separated, one
header row, snake_case column names, the target in the last column. iris.csv and breast_cancer.csv come out
identical to the project's shared sample copies; see LICENSES.md for sources and licences.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn import datasets

HERE = Path(__file__).resolve().parent


def _snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower().replace("(", "").replace(")", "")).strip("_")


def _write(frame: pd.DataFrame, file: str) -> Path:
    path = HERE / file
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def _feature_table(bunch: Any, target: str, file: str, *, class_names: bool) -> Path:
    """The bunch's features under snake_case names, then ``target`` (class names, or sklearn's class numbers)."""
    frame = pd.DataFrame(bunch.data, columns=[_snake(n) for n in bunch.feature_names])
    frame[target] = bunch.target_names[bunch.target] if class_names else bunch.target
    return _write(frame, file)


def iris() -> Path:
    return _feature_table(datasets.load_iris(), "species", "iris.csv", class_names=True)


def breast_cancer() -> Path:  # sklearn's coding: 0 = malignant, 1 = benign
    return _feature_table(datasets.load_breast_cancer(), "target", "breast_cancer.csv", class_names=False)


def wine() -> Path:
    return _feature_table(datasets.load_wine(), "cultivar", "wine.csv", class_names=True)


def digits() -> Path:
    bunch = datasets.load_digits()
    columns = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    frame = pd.DataFrame(bunch.data.astype(int), columns=columns)
    frame["digit"] = bunch.target
    return _write(frame, "digits.csv")


def main() -> None:
    for make in (iris, breast_cancer, wine, digits):
        path = make()
        print(f"wrote {path.name}: {sum(1 for _ in path.open()) - 1} rows")


if __name__ == "__main__":
    main()
