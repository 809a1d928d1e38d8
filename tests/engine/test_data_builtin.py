"""Bundled real datasets and the ways of naming a built-in dataset."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from engine.data import Dataset, bundled_dir, load_dataset
from engine.data.builtin import dataset_spec
from engine.errors import ConfigError, DataError, ShapeError
from engine.registry import DATASETS

BUNDLED = {
    # key: (rows, features, classes, target column)
    "iris": (150, 4, ["setosa", "versicolor", "virginica"], "species"),
    "breast_cancer": (569, 30, ["malignant", "benign"], "target"),
    "wine": (178, 13, ["class_0", "class_1", "class_2"], "cultivar"),
    "digits": (1797, 64, [str(d) for d in range(10)], "digit"),
}


@pytest.mark.parametrize("key", BUNDLED)
def test_bundled_sets_load_with_their_shapes_and_classes(key):
    rows, features, classes, target = BUNDLED[key]
    data = load_dataset(f"builtin:{key}")
    assert data.x.shape == (rows, features)
    assert data.classes == classes and data.target_name == target
    assert data.task == ("binary" if len(classes) == 2 else "multiclass") == DATASETS.meta(key)["task"]
    assert sum(data.class_counts().values()) == rows and min(data.class_counts().values()) > 0
    assert data.source == f"builtin:{key}" and len(data.feature_names) == features
    assert DATASETS.meta(key)["rows"] == rows


@pytest.mark.parametrize("key", BUNDLED)
def test_bundled_values_match_the_file(key):
    """The loaded arrays are the CSV's numbers, read independently with the csv module."""
    data = load_dataset(key)
    with (bundled_dir() / f"{key}.csv").open(newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    column = header.index(data.target_name)
    values = np.array([[float(v) for i, v in enumerate(r) if i != column] for r in rows])
    np.testing.assert_array_equal(data.x, values)
    if key != "breast_cancer":  # its file holds sklearn's 0/1 coding; names are given by the loader
        assert [data.classes[i] for i in data.y] == [r[column] for r in rows]


def test_breast_cancer_keeps_sklearn_coding():
    data = load_dataset("breast_cancer")
    with (bundled_dir() / "breast_cancer.csv").open(encoding="utf-8") as fh:
        codes = [int(line.rsplit(",", 1)[1]) for line in fh.readlines()[1:]]
    np.testing.assert_array_equal(data.y, codes)  # 0 = malignant, 1 = benign


def test_digits_as_images():
    flat = load_dataset("digits")
    images = load_dataset("digits(as_images=true)")
    assert images.x.shape == (1797, 1, 8, 8) and images.input_shape == (1, 8, 8)
    np.testing.assert_array_equal(images.x.reshape(1797, 64), flat.x)
    assert flat.x.min() == 0 and flat.x.max() == 16
    assert DATASETS.meta("digits")["kind"] == "image"


def test_bundled_files_and_licences_are_present():
    folder = bundled_dir()
    assert folder.name == "datasets" and folder.parent.name == "resources"
    licences = (folder / "LICENSES.md").read_text(encoding="utf-8")
    for key in BUNDLED:
        assert f"{key}.csv" in licences


@pytest.mark.parametrize("spec", ["moons", "builtin:moons", " Moons ", "moons()", {"type": "moons"},
                                  {"type": "moons", "config": {}}])
def test_equivalent_ways_to_name_a_dataset(spec):
    assert dataset_spec(spec)["type"].strip().lower() == "moons"
    np.testing.assert_array_equal(load_dataset(spec).x, load_dataset("moons").x)


def test_call_text_sets_parameters_positionally_or_by_name():
    by_name = load_dataset("builtin:moons(n_samples=30, noise=0.2, seed=5)")
    by_position = load_dataset("moons(30, 0.2, 5)")
    np.testing.assert_array_equal(by_name.x, by_position.x)
    assert by_name.n_samples == 30


def test_unknown_dataset_lists_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown dataset 'mnist'; known datasets: .*iris"):
        load_dataset("builtin:mnist")
    with pytest.raises(ConfigError, match="needs a 'type'"):
        load_dataset({"config": {}})


def test_dataset_checks_its_arrays():
    with pytest.raises(ShapeError, match="same number of samples"):
        Dataset(np.zeros((3, 2)), np.zeros(2), ["a", "b"], "y", "regression")
    with pytest.raises(DataError, match="task"):
        Dataset(np.zeros((3, 2)), np.zeros(3), ["a", "b"], "y", "ranking")
    with pytest.raises(DataError, match="class names"):
        Dataset(np.zeros((3, 2)), np.zeros(3), ["a", "b"], "y", "binary")
    with pytest.raises(DataError, match=r"\[0, 1\]"):
        Dataset(np.zeros((3, 2)), np.array([0, 1, 2]), ["a", "b"], "y", "binary", ["n", "p"])
    with pytest.raises(DataError, match="regression"):
        Dataset(np.zeros((3, 2)), np.zeros(3), ["a", "b"], "y", "regression").class_counts()


def test_subset_keeps_names_and_classes():
    data = load_dataset("iris")
    part = data.subset(np.array([0, 50, 100]))
    assert part.n_samples == 3 and part.classes == data.classes
    assert list(part.class_counts().values()) == [1, 1, 1]
