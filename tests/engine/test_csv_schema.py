"""Column types, default roles with reasons, the suggested target, task detection and user overrides."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from engine.data.schema import MAX_CLASSES, Schema, infer_schema
from engine.errors import ConfigError, DataError

N = 40


def table(**columns):
    return pd.DataFrame(columns)


def test_every_type_is_recognised():
    rng = np.random.default_rng(0)
    frame = table(
        Unnamed_index=np.arange(N),
        amount=rng.normal(size=N),
        code=[f"A{i:04d}" for i in range(N)],
        colour=[("red", "green", "blue")[i % 3] for i in range(N)],
        flag=[("Yes", "No")[i % 2] for i in range(N)],
        day=[f"2024-01-{i % 28 + 1:02d}" for i in range(N)],
        comment=[f"customer number {i} said something long about the product" for i in range(N)],
        same=["x"] * N,
        label=[i % 2 for i in range(N)],
    )
    schema = infer_schema(frame)
    types = {c.name: c.type for c in schema.columns}
    assert types == {"Unnamed_index": "identifier", "amount": "numeric", "code": "identifier",
                     "colour": "categorical", "flag": "boolean", "day": "datetime", "comment": "text",
                     "same": "constant", "label": "numeric"}
    ignored = {c.name for c in schema.columns if c.role == "ignore"}
    assert ignored == {"Unnamed_index", "code", "day", "comment", "same"}
    assert all("ignored" in schema.column(n).reason and repr(n) in schema.column(n).reason for n in ignored)
    assert schema.target == "label" and schema.task == "binary" and schema.class_counts == {"0": 20, "1": 20}


def test_zero_one_stays_numeric_and_unique_integers_are_not_identifiers():
    frame = table(bit=[0, 1] * (N // 2), income=np.arange(N) * 37 + 1000 + np.arange(N) ** 2, y=np.arange(N) * 0.5)
    schema = infer_schema(frame)
    assert schema.column("bit").type == "numeric" and schema.column("income").type == "numeric"


def test_identifier_by_name_even_in_a_small_table():
    schema = infer_schema(table(PassengerId=[5, 9, 2], x=[1.0, 2.0, 3.0]))
    assert schema.column("PassengerId").type == "identifier"
    assert "looks like an identifier: ignored" in schema.column("PassengerId").reason


@pytest.mark.parametrize("name", ["Label", "TARGET", "class", "y", "Species", "标签", "类别"])
def test_target_by_name_else_last_usable_column(name):
    frame = table(**{name: ["a", "b"] * 5, "x": np.arange(10) * 1.5, "id": np.arange(10)})
    assert infer_schema(frame).target == name
    assert infer_schema(table(a=np.arange(10) * 1.5, b=np.arange(10) % 3, id=np.arange(10))).target == "b"


def test_task_detection():
    assert infer_schema(table(x=np.arange(30), y=np.arange(30) % 5)).task == "multiclass"
    assert infer_schema(table(x=np.arange(30), y=np.linspace(0, 1, 30))).task == "regression"
    many = np.arange(60) % (MAX_CLASSES + 1)
    assert infer_schema(table(x=np.arange(60), y=many)).task == "regression"
    schema = infer_schema(table(x=np.arange(30), y=["s", "v", "v"] * 10))
    assert schema.task == "binary" and schema.class_counts == {"s": 10, "v": 20}


def test_integer_codes_can_be_overridden():
    schema = infer_schema(table(x=np.arange(30) * 0.1, y=np.arange(30) % 4))
    assert schema.task == "multiclass"
    regression = schema.with_task("regression")
    assert regression.task == "regression" and regression.class_counts == {}
    assert regression.with_task("multiclass").class_counts == {"0": 8, "1": 8, "2": 7, "3": 7}
    with pytest.raises(ConfigError, match="binary task needs 2 classes"):
        schema.with_task("binary")


def test_overrides_change_type_role_and_target():
    frame = table(code=[f"A{i:04d}" for i in range(N)], x=np.arange(N) * 0.5, colour=["r", "g"] * (N // 2))
    schema = infer_schema(frame)
    assert schema.target == "colour"
    moved = schema.with_override("x", role="target")
    assert moved.target == "x" and moved.task == "regression"
    assert moved.column("colour").role == "feature"
    typed = schema.with_override("code", type="categorical")
    assert typed.column("code").role == "feature" and "by you" in typed.column("code").reason
    dropped = schema.with_override("colour", role="ignore")
    assert dropped.target is None
    with pytest.raises(DataError, match="no target column"):
        dropped.validate("f.csv")
    with pytest.raises(ConfigError, match="no column 'nope'"):
        schema.with_override("nope", role="feature")
    with pytest.raises(ConfigError, match="column type must be one of"):
        schema.with_override("x", type="float")


@pytest.mark.parametrize(("values", "words"), [
    (["a"] * 10, "one class only"),
    ([None] * 10, "has no values"),
    ([f"this is a long free text answer number {i}" for i in range(30)], "free text"),
])
def test_unusable_targets_are_explained(values, words):
    schema = infer_schema(table(x=np.arange(len(values)) * 0.5, target=values))
    assert schema.task is None
    with pytest.raises(DataError) as info:
        schema.validate("data.csv")
    assert words in str(info.value) and "data.csv" in str(info.value) and info.value.column == "target"


def test_cells_that_do_not_parse_are_listed():
    values = [str(v) for v in np.arange(N) * 0.5]
    values[3], values[17] = "abc", "1,5x"
    schema = infer_schema(table(x=values, y=["a", "b"] * (N // 2)))
    assert schema.column("x").type == "numeric" and schema.column("x").bad == 2
    assert schema.bad_cells == [(3, "x"), (17, "x")]
    assert "2 cell(s) are not numbers" in schema.column("x").reason
    capped = infer_schema(table(x=values, y=["a", "b"] * (N // 2)), bad_cells_cap=1)
    assert capped.bad_cells == [(3, "x")]


def test_schema_round_trips_through_json():
    frame = table(id=np.arange(N), x=np.arange(N) * 0.5, c=["u", "v"] * (N // 2), y=np.arange(N) % 3)
    schema = infer_schema(frame).with_override("c", type="categorical", role="feature")
    again = Schema.from_dict(json.loads(json.dumps(schema.to_dict())))
    assert again == schema
