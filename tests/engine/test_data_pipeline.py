"""TablePipeline: fitted on training rows only, the same arrays after a JSON round trip, strict at prediction."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from engine.data.pipeline import ExtraColumnsWarning, TablePipeline, raw_target, unusable_rows
from engine.data.schema import infer_schema
from engine.errors import ConfigError, DataError

RNG = np.random.default_rng(3)
N = 40


def _frame() -> pd.DataFrame:
    height = RNG.normal(170, 10, N).round(1)
    height[[3, 17]] = np.nan
    return pd.DataFrame({
        "id": np.arange(1, N + 1),
        "height": height,
        "city": RNG.choice(["Paris", "Rome", "Berlin"], N).astype(object),
        "weight": RNG.integers(50, 90, N).astype(float),
        "smoker": RNG.choice(["yes", "no"], N).astype(object),
        "label": np.where(np.arange(N) % 3 == 0, "cat", "dog").astype(object),
    })


FRAME = _frame()
SCHEMA = infer_schema(FRAME)
TRAIN = np.arange(0, N, 2)


def _fitted(**config) -> TablePipeline:
    return TablePipeline(**config).fit(FRAME, SCHEMA, train_index=TRAIN)


def test_layout_follows_the_schema_and_categories_are_one_hot():
    pipeline = _fitted()
    assert SCHEMA.features == ["height", "city", "weight", "smoker"]
    names = pipeline.feature_names_out
    assert names == ["height", "city=Berlin", "city=Paris", "city=Rome", "weight", "smoker=no", "smoker=yes"]
    x, y = pipeline.transform(FRAME)
    assert x.dtype == np.float32 and x.shape == (N, 7)
    np.testing.assert_array_equal(x[:, 1:4].sum(axis=1), 1.0)
    expected_city = (FRAME["city"].to_numpy()[:, None] == np.array(["Berlin", "Paris", "Rome"])).astype(np.float32)
    np.testing.assert_array_equal(x[:, 1:4], expected_city)
    assert pipeline.classes == ["cat", "dog"] and y.dtype == np.int64
    np.testing.assert_array_equal(y, (FRAME["label"] == "dog").to_numpy().astype(int))


def test_statistics_come_from_the_training_rows_only():
    x, _ = _fitted().transform(FRAME)
    train_heights = FRAME["height"].to_numpy()[TRAIN]
    mean = np.nanmean(train_heights)
    filled = np.where(np.isnan(train_heights), mean, train_heights)
    expected = (FRAME["height"].fillna(mean).to_numpy() - filled.mean()) / filled.std()
    np.testing.assert_allclose(x[:, 0], expected, rtol=1e-5)
    np.testing.assert_allclose(x[TRAIN, 4].mean(), 0.0, atol=1e-6)
    assert abs(x[:, 4].mean()) > 1e-4  # all rows are not standardised with their own statistics


@pytest.mark.parametrize("config", [
    {},
    {"impute": "median", "scaler": "robust", "handle_unknown": "error"},
    {"impute": "most_frequent", "scaler": {"type": "minmax", "config": {"feature_range": [-1, 1]}}},
    {"impute": "constant", "scaler": "yeo_johnson"},
    {"scaler": None},
])
def test_config_round_trip_gives_identical_arrays(config):
    pipeline = _fitted(**config)
    stored = json.loads(json.dumps(pipeline.get_config(), allow_nan=False))
    restored = TablePipeline.from_config(stored)
    assert restored.get_config() == pipeline.get_config()
    for got, want in zip(restored.transform(FRAME), pipeline.transform(FRAME), strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(restored.transform_for_prediction(FRAME), pipeline.features(FRAME))


def test_prediction_reorders_columns_and_tolerates_a_missing_target():
    pipeline = _fitted()
    shuffled = FRAME[["weight", "label", "smoker", "id", "city", "height"]]
    np.testing.assert_array_equal(pipeline.transform_for_prediction(shuffled), pipeline.features(FRAME))
    no_target = FRAME.drop(columns=["label", "id"])[["smoker", "height", "weight", "city"]]
    np.testing.assert_array_equal(pipeline.transform_for_prediction(no_target), pipeline.features(FRAME))


def test_prediction_errors_name_the_columns_and_cells():
    pipeline = _fitted(handle_unknown="error")
    with pytest.raises(DataError, match=r"lacks the columns 'height', 'weight', which the model") as info:
        pipeline.transform_for_prediction(FRAME.drop(columns=["height", "weight"]))
    assert info.value.column == "height"
    mistyped = FRAME.astype({"weight": object})
    mistyped.loc[5, "weight"] = "heavy"
    with pytest.raises(DataError, match=r"row 6, column 'weight': holds 'heavy', expected a number") as info:
        pipeline.transform_for_prediction(mistyped)
    assert (info.value.row, info.value.column) == (6, "weight")
    lines = np.arange(N) + 2
    with pytest.raises(DataError, match=r"^line 7, column 'weight'") as info:
        pipeline.transform_for_prediction(mistyped, lines=lines)
    assert info.value.row == 7
    unknown = FRAME.copy()
    unknown.loc[2, "city"] = "Oslo"
    with pytest.raises(DataError, match=r"column 'city': holds 'Oslo', a category not seen in training") as info:
        pipeline.transform_for_prediction(unknown, lines=lines)
    assert (info.value.row, info.value.column) == (4, "city")


def test_unknown_categories_are_zeros_and_extra_columns_warn():
    pipeline = _fitted()
    table = FRAME.assign(city=["Oslo"] * N, notes=["x"] * N)
    with pytest.warns(ExtraColumnsWarning, match="'notes'"):
        x = pipeline.transform_for_prediction(table)
    np.testing.assert_array_equal(x[:, 1:4], 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pipeline.transform_for_prediction(FRAME)  # the target and the ignored id are known columns: no warning


def test_regression_target_is_standardised_and_inverted():
    frame = FRAME.assign(label=RNG.normal(1000.0, 200.0, N))
    schema = infer_schema(frame)
    assert schema.task == "regression"
    pipeline = TablePipeline().fit(frame, schema, train_index=TRAIN)
    _, y = pipeline.transform(frame)
    assert y.dtype == np.float32 and pipeline.classes == []
    np.testing.assert_allclose([y[TRAIN].mean(), y[TRAIN].std()], [0.0, 1.0], atol=1e-5)
    original = pipeline.encode_target(frame)
    np.testing.assert_array_equal(original, frame["label"].to_numpy())
    np.testing.assert_allclose(pipeline.target.inverse(y), original, rtol=1e-6)
    raw = TablePipeline(target_scaler=None).fit(frame, schema, train_index=TRAIN).transform(frame)[1]
    np.testing.assert_allclose(raw, original.astype(np.float32))


def test_numeric_class_labels_are_written_like_the_schema():
    frame = FRAME.assign(label=np.where(np.arange(N) % 2 == 0, 10, 2))
    schema = infer_schema(frame)
    assert list(schema.class_counts) == ["2", "10"]
    pipeline = TablePipeline().fit(frame, schema, train_index=TRAIN)
    assert pipeline.classes == ["2", "10"]
    assert raw_target(frame, schema)[:2].tolist() == ["10", "2"]


def test_drop_strategy_leaves_incomplete_rows_out():
    drop = unusable_rows(FRAME, SCHEMA, drop_incomplete=True)
    assert np.flatnonzero(drop).tolist() == [3, 17]
    assert not unusable_rows(FRAME, SCHEMA).any()
    keep = FRAME.loc[~drop].reset_index(drop=True)
    pipeline = TablePipeline(impute="drop").fit(keep, SCHEMA, train_index=np.arange(len(keep)))
    assert np.isfinite(pipeline.features(keep)).all()
    with pytest.raises(DataError, match=r"row 4, column 'height': has no value"):
        pipeline.transform_for_prediction(FRAME)


def test_unusable_schemas_are_refused():
    with pytest.raises(ConfigError, match="column 'id' is identifier, which cannot be an input"):
        TablePipeline().fit(FRAME, SCHEMA.with_override("id", role="feature"), train_index=TRAIN)
    with pytest.raises(ConfigError, match="numeric features need a scaler"):
        TablePipeline(scaler="one_hot").fit(FRAME, SCHEMA, train_index=TRAIN)
    with pytest.raises(ConfigError, match="must be fitted"):
        TablePipeline().features(FRAME)
    with pytest.raises(DataError, match="no training rows"):
        TablePipeline().fit(FRAME, SCHEMA, train_index=np.array([], dtype=int))
