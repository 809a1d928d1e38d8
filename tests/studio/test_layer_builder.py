"""The layer builder: edits with undo/redo, shapes and counts from the engine, errors, the add menu, presets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from engine.errors import ConfigError, ShapeError
from engine.model import Sequential
from engine.registry import LAYERS
from studio.widgets.layer_builder import LayerBuilder
from studio.widgets.presets import presets


@pytest.fixture
def builder(qtbot) -> LayerBuilder:
    widget = LayerBuilder()
    qtbot.addWidget(widget)
    widget.set_input_shape((2,))
    widget.set_output(1, "sigmoid")
    return widget


def names(builder: LayerBuilder) -> list[str]:
    return [spec["config"]["name"] for spec in builder.model_config()]


def test_add_remove_duplicate_and_undo_redo_each(builder: LayerBuilder) -> None:
    builder.add_layer("dense", {"units": 8, "activation": "tanh"})
    builder.add_layer("dense", {"units": 1, "activation": "sigmoid"})
    assert names(builder) == ["dense_1", "dense_2"]
    builder.select_row(0)
    builder.duplicate_selected()
    assert names(builder) == ["dense_1", "dense_3", "dense_2"]
    assert builder.model_config()[1]["config"]["units"] == 8
    builder.select_row(2)
    builder.remove_selected()
    assert names(builder) == ["dense_1", "dense_3"]
    stack = builder.undo_stack
    stack.undo()
    assert names(builder) == ["dense_1", "dense_3", "dense_2"]
    stack.undo()
    assert names(builder) == ["dense_1", "dense_2"]
    stack.undo()
    assert names(builder) == ["dense_1"]
    stack.redo()
    stack.redo()
    stack.redo()
    assert names(builder) == ["dense_1", "dense_3"]


def test_reorder_by_buttons_and_by_drop_with_undo(builder: LayerBuilder) -> None:
    for key in ("dense", "dropout", "layer_norm"):
        builder.add_layer(key)
    builder.select_row(0)
    builder.down_button.click()
    assert names(builder) == ["dropout_1", "dense_1", "layer_norm_1"]
    assert builder.selected_row() == 1
    builder.up_button.click()
    assert names(builder) == ["dense_1", "dropout_1", "layer_norm_1"]
    model = builder.table_model
    data = model.mimeData([model.index(0, 0)])
    # Dropping row 0 before row 3 (the end) moves it last; the model changes through the undo stack only.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex()) is False
    assert names(builder) == ["dropout_1", "layer_norm_1", "dense_1"]
    builder.undo_stack.undo()
    assert names(builder) == ["dense_1", "dropout_1", "layer_norm_1"]
    builder.undo_stack.redo()
    assert names(builder) == ["dropout_1", "layer_norm_1", "dense_1"]


def test_param_edit_is_undoable_and_consecutive_edits_of_one_field_merge(builder: LayerBuilder, qtbot) -> None:
    builder.add_layer("dense", {"units": 8, "activation": "tanh"})
    builder.select_row(0)
    units = builder._form.field("units")
    units.setValue(1)
    units.setValue(16)
    assert builder.model_config()[0]["config"]["units"] == 16
    builder._form.field("activation").setCurrentText("relu")
    assert builder.model_config()[0]["config"]["activation"] == "relu"
    builder.undo_stack.undo()
    assert builder.model_config()[0]["config"]["activation"] == "tanh"
    builder.undo_stack.undo()
    assert builder.model_config()[0]["config"]["units"] == 8
    assert builder._form.field("units").value() == 8  # the form follows the undo
    builder.undo_stack.redo()
    assert builder.model_config()[0]["config"]["units"] == 16


def test_shapes_and_counts_equal_sequential(qtbot) -> None:
    builder = LayerBuilder()
    qtbot.addWidget(builder)
    builder.set_input_shape((1, 8, 8))
    builder.set_output(10, "softmax")
    builder.apply_preset("Small CNN")
    builder.add_layer("dropout")
    expected = Sequential(builder.model_config(), input_shape=(1, 8, 8)).summary_rows()
    assert len(expected) == builder.table_model.rowCount()
    for row, info in enumerate(expected):
        assert builder.table_model.layer_info(row) == (tuple(info["output_shape"]), info["params"])
        shown = builder.table_model.index(row, 4).data()
        assert shown == f"{info['params']:,}"
    total = sum(info["params"] for info in expected)
    assert builder.summary.totals() == (total, total, 0)


def test_a_shape_error_marks_the_row_with_the_engine_message(builder: LayerBuilder) -> None:
    builder.add_layer("dense", {"units": 4})
    builder.add_layer("conv2d")
    with pytest.raises(ShapeError) as expected:
        Sequential(builder.model_config(), input_shape=(2,)).build()
    message = expected.value.message
    index = builder.table_model.index(1, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == message
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert builder.table_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert builder.message.text() == message and builder.error() == message
    assert builder.table_model.layer_info(0) == ((4,), 12)  # the rows before the faulty one keep their shapes


def test_a_bad_param_shows_the_engine_message_and_marks_the_row(builder: LayerBuilder, qtbot) -> None:
    builder.add_layer("prelu")
    builder.add_layer("dense", {"units": 1})
    builder.select_row(0)
    field = builder._form.field("alpha_init")
    field.clear()
    qtbot.keyClicks(field, "abc")
    with pytest.raises(ConfigError) as expected:
        LAYERS.params("prelu")[0].validate("abc", "prelu_1")
    message = expected.value.message
    assert builder._form.errors() == {"alpha_init": message}
    assert builder.table_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == message
    assert builder.table_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert builder.message.text() == message
    field.clear()
    qtbot.keyClicks(field, "0.5")
    assert builder.error() == "" and builder.table_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert builder.model_config()[0]["config"]["alpha_init"] == 0.5


def test_model_changed_follows_valid_edits(builder: LayerBuilder) -> None:
    emitted: list[list] = []
    builder.model_changed.connect(emitted.append)
    builder.add_layer("dense", {"units": 4})
    builder.select_row(0)
    regularizer = builder._form.field("kernel_regularizer")
    regularizer.setCurrentIndex(regularizer.findData("l2"))
    assert emitted[-1] == builder.model_config()
    assert emitted[-1][0]["config"]["kernel_regularizer"] == "l2"
    count = len(emitted)
    builder.add_layer("conv2d")  # refused by the engine: no signal
    assert len(emitted) == count and builder.error()


def test_every_registered_layer_is_offered_in_the_add_menu(builder: LayerBuilder) -> None:
    actions = builder.add_actions()
    assert set(actions) == set(LAYERS.names())
    builder.search.setText("pool")
    visible = {key for key, action in actions.items() if action.isVisible()}
    assert visible and all("pool" in key or "pool" in actions[key].toolTip().lower() for key in visible)
    builder.search.setText("")
    actions["dropout"].trigger()
    assert builder.model_config()[-1]["type"] == "dropout"


@pytest.mark.parametrize(("shape", "units", "activation"), [((2,), 1, "sigmoid"), ((4,), 3, "softmax")])
def test_presets_build_valid_models(qtbot, shape, units, activation) -> None:
    builder = LayerBuilder()
    qtbot.addWidget(builder)
    builder.set_input_shape(shape)
    builder.set_output(units, activation)
    offered = [action.text() for action in builder.presets_menu.actions()]
    assert len(offered) == 5  # no Small CNN for flat inputs
    for name in presets(shape, units, activation):
        builder.apply_preset(name)
        assert builder.error() == ""
        model = Sequential(builder.model_config(), input_shape=shape)
        assert model.build() == (units,)
    builder.undo_stack.undo()
    assert builder.model_config()[0]["config"]["units"] > units  # back to the previous preset (Deep MLP)


def test_set_editable_false_blocks_edits_and_shows_the_reason(builder: LayerBuilder) -> None:
    builder.add_layer("dense")
    builder.select_row(0)
    builder.set_editable(False, "Training is running.")
    assert builder.banner.text() == "Training is running." and not builder.banner.isHidden()
    assert not any(b.isEnabled() for b in (builder.add_button, builder.remove_button, builder.duplicate_button))
    assert not builder.form_area.isEnabled()
    builder.set_editable(True)
    assert builder.banner.isHidden() and builder.remove_button.isEnabled()


def test_set_model_config_round_trips_and_resets_history(builder: LayerBuilder) -> None:
    specs = [{"type": "dense", "config": {"units": 8, "activation": "tanh"}},
             {"type": "dense", "config": {"units": 1, "activation": "sigmoid", "name": "out"}}]
    builder.add_layer("dropout")
    builder.set_model_config(specs)
    config = builder.model_config()
    assert [s["config"]["name"] for s in config] == ["dense_1", "out"]
    assert Sequential(config, input_shape=(2,)).get_config()["layers"] == config
    assert builder.undo_stack.count() == 0
