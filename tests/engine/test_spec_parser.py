"""The ``--layers`` spec language: values, nesting, validation against the registries, error positions."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.registry import DATASETS, LAYERS
from engine.spec_parser import _Parser, format_spec, format_value, parse_call, parse_layers, parse_specs


def test_keyword_form():
    assert parse_layers("dense(units=8, activation=tanh), dropout(rate=0.2), dense(units=1, activation=sigmoid)") == [
        {"type": "dense", "config": {"units": 8, "activation": "tanh"}},
        {"type": "dropout", "config": {"rate": 0.2}},
        {"type": "dense", "config": {"units": 1, "activation": "sigmoid"}},
    ]


def test_positional_values_follow_the_parameter_order():
    first, second = (p.name for p in LAYERS.params("dense")[:2])
    assert parse_layers("dense(8, tanh)") == [{"type": "dense", "config": {first: 8, second: "tanh"}}]
    assert parse_layers("dense(8, use_bias=false)")[0]["config"] == {first: 8, "use_bias": False}


def test_bare_names_without_parentheses_and_trailing_commas():
    assert parse_layers("flatten, dense(units=2,),") == [
        {"type": "flatten", "config": {}}, {"type": "dense", "config": {"units": 2}}]


def test_whitespace_case_and_hyphens_are_forgiven():
    assert parse_layers("  Dense ( units = 4 , activation = Leaky-ReLU )  ") == [
        {"type": "dense", "config": {"units": 4, "activation": "leaky_relu"}}]


@pytest.mark.parametrize(("text", "value"), [
    ("1e-3", 1e-3), ("-2.5", -2.5), (".5", 0.5), ("3.", 3.0), ("+7", 7), ("2E+2", 200.0),
    ("true", True), ("FALSE", False), ("none", None), ("'a b'", "a b"), ('"x\\"y"', 'x"y'), ("relu", "relu"),
    ("(3, 3)", [3, 3]), ("[1,2]", [1, 2]), ("[]", []), ("[(1, 2), [3]]", [[1, 2], [3]]),
])
def test_value_forms(text, value):
    """How each literal reads, before any registry checks it (the parser's syntax layer)."""
    parsed = _Parser(f"x(v={text})", "spec").parse()[0]
    assert parsed.args[0][1] == value and type(parsed.args[0][1]) is type(value)


def test_nested_component_becomes_a_spec():
    spec = parse_layers("dense(units=8, activation=leaky_relu(alpha=0.1))")
    assert spec[0]["config"]["activation"] == {"type": "leaky_relu", "config": {"alpha": 0.1}}
    positional = parse_layers("dense(8, leaky_relu(0.2))")
    assert positional[0]["config"]["activation"] == {"type": "leaky_relu", "config": {"alpha": 0.2}}


def test_layer_name_and_trainable_are_accepted():
    assert parse_layers("dense(units=3, name=out, trainable=false)")[0]["config"] == {
        "units": 3, "name": "out", "trainable": False}


def test_parsed_specs_build_layers():
    for spec in parse_layers("dense(4, relu), dropout(0.1), dense(units=2, activation=softmax)"):
        assert LAYERS.create(spec).get_config()["name"] == ""  # builds without complaint


@pytest.mark.parametrize(("text", "column", "message"), [
    ("dense(units=8", 14, "expected ',' or '\\)' after an argument of 'dense', found the end of the text"),
    ("dense(units=8 activation=tanh)", 15, "expected ',' or '\\)'"),
    ("dense(units=8, activation=tanh) dropout", 33, "expected ',' between two components"),
    ("dense(units=)", 13, "expected a value"),
    ("dense(units=8, units=4)", 16, "'units' of 'dense' is given twice"),
    ("dense(units=8, tanh)", 16, "a value without a name follows named values"),
    ("dense(units=8) % 2", 16, "unexpected character '%'"),
    ("dense(name='abc)", 12, "quoted text starting here has no closing '"),
    ("", 1, "the text is empty"),
    ("   ", 1, "the text is empty"),
    ("(8)", 1, "expected a name"),
    ("dense, , dropout", 8, "expected a name"),
    ("dense(units=[1, 2)", 18, "in the list opened at character 13"),
])
def test_syntax_errors_give_the_character(text, column, message):
    with pytest.raises(ConfigError, match=message) as info:
        parse_layers(text)
    assert info.value.column == column
    assert str(info.value).startswith(f"could not read the layer spec at character {column}: ")


def test_unknown_layer_lists_the_known_layers():
    with pytest.raises(ConfigError, match=r"at character 10: unknown layer 'dens'; known layers: .*dense") as info:
        parse_layers("flatten, dens(units=3)")
    assert info.value.column == 10


@pytest.mark.parametrize(("text", "column", "param", "message"), [
    ("dense(units=0)", 7, "units", "parameter 'units' expected an integer"),
    ("dense(units=8, act=tanh)", 16, "act", "unknown parameter 'act'; known parameters: units"),
    ("dense(8, activation=tanhh)", 10, "activations", "unknown activation 'tanhh'; known activations"),
    ("dense(8, leaky_relu(alpha=x))", 21, "alpha", "parameter 'alpha' expected a number"),
    ("dense(8, leaky_relu(beta=1))", 21, "beta", "unknown parameter 'beta'"),
    ("dense(8, softmx(1))", 10, "activations", "unknown activation 'softmx'"),
    ("dropout(rate=relu(1))", 14, "rate", "parameter 'rate' expected a number .* received the component 'relu'"),
    ("dropout(0.1, 2, 3)", 14, None, "dropout takes at most 1 value without names \\(rate\\)"),
])
def test_invalid_values_point_at_the_value(text, column, param, message):
    with pytest.raises(ConfigError, match=message) as info:
        parse_layers(text)
    assert info.value.column == column and info.value.param == param
    assert str(info.value).count("character") == 1


def test_parse_call_reads_exactly_one_component():
    assert parse_call("moons(n_samples=10)", DATASETS, "dataset spec") == {
        "type": "moons", "config": {"n_samples": 10}}
    with pytest.raises(ConfigError, match="expected one component in the dataset spec, received 2"):
        parse_call("moons, circles", DATASETS, "dataset spec")
    with pytest.raises(ConfigError, match="as text"):
        parse_specs(["dense"], LAYERS)


@pytest.mark.parametrize("text", [
    "dense(units=8, activation=tanh), dropout(rate=0.2), dense(units=1, activation=sigmoid)",
    "flatten, dense(units=3, activation=leaky_relu(alpha=0.1), use_bias=false)",
    "dense(units=2, name=\"my layer\"), reshape(target_shape=[2, 1])",
    "dense(units=2, name='true'), dense(units=2, name=\"a\\\\b\")",
])
def test_format_spec_round_trips(text):
    specs = parse_layers(text)
    assert parse_layers(format_spec(specs)) == specs


def test_format_value_forms():
    assert format_value(np.float32(0.5)) == "0.5" and format_value(np.int64(3)) == "3"
    assert format_value(1e-5) == "1e-05" and format_value(None) == "none" and format_value(True) == "true"
    assert format_value("none") == '"none"' and format_value("two words") == '"two words"'
    assert format_value((3, 3)) == "[3, 3]"
    assert format_spec([{"type": "flatten", "config": {}}, {"type": "dense"}]) == "flatten, dense"
    with pytest.raises(ConfigError, match="needs a 'type'"):
        format_value({"units": 3})
    with pytest.raises(ConfigError, match="type set"):
        format_value({1, 2})
