"""The parameter form: one editor per Param, the engine's validation messages, validated configs emitted."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox

from engine.errors import ConfigError
from engine.params import Param, resolve_params
from studio import i18n
from studio.widgets.param_form import ParamForm

PARAMS = (
    Param("units", "int", 8, "Number of outputs.", low=1, typical="64"),
    Param("rate", "float", 0.5, "Fraction dropped.", low=0.0, high=1.0, high_open=True, typical="0.2"),
    Param("lr", "float", 1e-3, "Step size.", low=0.0, low_open=True, typical="1e-3"),
    Param("epsilon", "float", 1e-7, "Added for stability.", low=0.0, high=1.0, low_open=True),
    Param("use_bias", "bool", True, "Add a bias."),
    Param("padding", "choice", "valid", "Border handling.", choices=("valid", "same")),
    Param("activation", "component", "relu", "Output function.", registry="activations"),
    Param("regularizer", "component", None, "Weight penalty.", registry="regularizers", optional=True),
    Param("kernel_size", "ints", [3, 3], "Window size.", low=1, length=2, typical="3, 3"),
    Param("milestones", "floats", [0.5, 0.75], "Where to decay.", low=0.0, high=1.0),
    Param("patience", "int", None, "Epochs to wait.", low=0, optional=True),
    Param("label", "str", "", "A name."),
)
OWNER = "toy"
REGISTRIES = {"activations": ["linear", "relu", "tanh"], "regularizers": ["l1", "l2"]}


@pytest.fixture
def form(qtbot) -> ParamForm:
    widget = ParamForm(PARAMS, owner=OWNER, component_names=REGISTRIES.__getitem__)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def error_label(form: ParamForm, name: str) -> QLabel:
    return form.findChild(QLabel, f"error_{name}")


def type_into(qtbot, form: ParamForm, name: str, text: str) -> None:
    editor = form.field(name)
    editor.clear()
    qtbot.keyClicks(editor, text)


def test_one_editor_per_param_chosen_by_kind(form: ParamForm) -> None:
    expected = {"units": QSpinBox, "rate": QDoubleSpinBox, "lr": QLineEdit, "epsilon": QLineEdit,
                "use_bias": QCheckBox, "padding": QComboBox, "activation": QComboBox, "regularizer": QComboBox,
                "kernel_size": QLineEdit, "milestones": QLineEdit, "patience": QLineEdit, "label": QLineEdit}
    assert {p.name for p in PARAMS} == set(expected)
    for name, cls in expected.items():
        assert type(form.field(name)) is cls, name


def test_defaults_are_shown_and_valid(form: ParamForm) -> None:
    assert form.values() == resolve_params(PARAMS, {}, OWNER)
    assert form.errors() == {}
    assert form.field("units").value() == 8
    assert form.field("epsilon").text() == "1e-07"  # scientific notation, not 0.0000
    assert form.field("kernel_size").text() == "3, 3"
    assert form.field("use_bias").isChecked()
    assert form.field("patience").text() == ""


def test_spin_boxes_follow_the_bounds(form: ParamForm) -> None:
    units = form.field("units")
    assert (units.minimum(), units.maximum()) == (1, 2**31 - 1)
    rate = form.field("rate")
    assert (rate.minimum(), rate.maximum()) == (0.0, 1.0)


def test_combo_boxes_list_choices_and_registry_keys(form: ParamForm) -> None:
    def items(name: str) -> list:
        combo = form.field(name)
        return [combo.itemData(i) for i in range(combo.count())]

    assert items("padding") == ["valid", "same"]
    assert items("activation") == REGISTRIES["activations"]
    assert items("regularizer") == [None, *REGISTRIES["regularizers"]]
    assert form.field("regularizer").itemText(0) == "none"


def test_tooltips_hold_help_and_typical_value(form: ParamForm) -> None:
    for param in PARAMS:
        tip = form.field(param.name).toolTip()
        assert param.help in tip
        assert param.expectation() in tip
        if param.typical:
            assert f"Typical value: {param.typical}" in tip


def test_a_bad_value_shows_the_engine_message_in_red_and_emits_nothing(qtbot, form: ParamForm) -> None:
    with qtbot.assertNotEmitted(form.changed):
        type_into(qtbot, form, "lr", "fast")
    with pytest.raises(ConfigError) as engine_error:
        PARAMS[2].validate("fast", OWNER)
    label = error_label(form, "lr")
    assert label.isVisible()
    assert label.text() == engine_error.value.message
    assert "#c62828" in label.styleSheet()
    assert form.errors() == {"lr": engine_error.value.message}
    assert form.values() is None


@pytest.mark.parametrize(("name", "text"), [("lr", "0"), ("lr", "-1e-3"), ("epsilon", "2"),
                                            ("kernel_size", "3"), ("kernel_size", "3, 0"), ("milestones", "2"),
                                            ("patience", "-1"), ("patience", "1.5")])
def test_out_of_range_text_is_refused_with_the_engine_message(qtbot, form: ParamForm, name: str,
                                                             text: str) -> None:
    type_into(qtbot, form, name, text)
    param = next(p for p in PARAMS if p.name == name)
    with pytest.raises(ConfigError) as engine_error:
        param.validate(text, OWNER)
    assert form.errors()[name] == engine_error.value.message


def test_an_open_bound_reached_in_a_spin_box_is_refused(form: ParamForm) -> None:
    form.field("rate").setValue(1.0)
    assert "expected a number in [0, 1), received 1.0" in form.errors()["rate"]
    form.field("rate").setValue(0.25)
    assert form.errors() == {}


def test_good_values_emit_the_validated_config(qtbot, form: ParamForm) -> None:
    type_into(qtbot, form, "lr", "fast")
    emitted: list[dict] = []
    form.changed.connect(emitted.append)
    type_into(qtbot, form, "lr", "2.5e-4")  # every keystroke that leaves a valid value emits
    assert not error_label(form, "lr").isVisible()
    assert emitted[-1] == resolve_params(PARAMS, {"lr": 2.5e-4}, OWNER)
    assert all(config["lr"] > 0 for config in emitted)
    type_into(qtbot, form, "kernel_size", "5, 3")
    assert emitted[-1]["kernel_size"] == [5, 3]
    with qtbot.waitSignal(form.changed, timeout=1000) as blocker:
        form.field("activation").setCurrentIndex(2)
    assert blocker.args[0]["activation"] == "tanh"
    with qtbot.waitSignal(form.changed, timeout=1000) as blocker:
        form.field("use_bias").setChecked(False)
    assert blocker.args[0]["use_bias"] is False


def test_set_values_shows_them_and_emits_once(qtbot, form: ParamForm) -> None:
    values = {"units": 16, "lr": 0.01, "use_bias": False, "padding": "same", "regularizer": "l2",
              "kernel_size": [5, 5], "patience": 3, "not_a_param": 1}
    with qtbot.waitSignal(form.changed, timeout=1000) as blocker:
        form.set_values(values)
    expected = resolve_params(PARAMS, {k: v for k, v in values.items() if k != "not_a_param"}, OWNER)
    assert blocker.args[0] == expected
    assert form.field("units").value() == 16
    assert form.field("lr").text() == "0.01"
    assert form.field("regularizer").currentData() == "l2"
    assert form.field("kernel_size").text() == "5, 5"


def test_set_values_with_a_bad_value_shows_the_error_and_emits_nothing(qtbot, form: ParamForm) -> None:
    with qtbot.assertNotEmitted(form.changed):
        form.set_values({"milestones": [0.5, 3.0]})
    assert "parameter 'milestones'" in form.errors()["milestones"]
    assert error_label(form, "milestones").isVisible()


def test_a_component_spec_keeps_its_config_while_its_type_stays_selected(qtbot, form: ParamForm) -> None:
    spec = {"type": "l2", "config": {"l2": 0.001}}
    form.set_values({"regularizer": spec})
    assert form.values()["regularizer"] == spec
    form.field("regularizer").setCurrentIndex(1)  # l1: a plain key again
    assert form.values()["regularizer"] == "l1"


def test_an_unlisted_key_is_shown_rather_than_lost(form: ParamForm) -> None:
    form.set_values({"activation": "gelu"})
    assert form.field("activation").currentText() == "gelu"
    assert form.values()["activation"] == "gelu"


def test_clearing_an_optional_field_gives_none(qtbot, form: ParamForm) -> None:
    form.set_values({"patience": 4})
    with qtbot.waitSignal(form.changed, timeout=1000) as blocker:
        type_into(qtbot, form, "patience", "")
        qtbot.keyClick(form.field("patience"), "a")
        qtbot.keyClick(form.field("patience"), "\b")
    assert blocker.args[0]["patience"] is None


def test_texts_follow_the_language(form: ParamForm) -> None:
    i18n.set_language("zh_CN")
    assert form.field("regularizer").itemText(0) == "无"
    assert form.field("patience").placeholderText() == "无"
    assert "典型值：64" in form.field("units").toolTip()
    i18n.set_language("en")
    assert form.field("regularizer").itemText(0) == "none"


def test_a_form_without_params_is_empty_and_valid(qtbot) -> None:
    form = ParamForm((), owner="flatten")
    qtbot.addWidget(form)
    assert form.values() == {}
