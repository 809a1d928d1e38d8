"""The data panel: a thumbnail per toy, picking emits the spec and the loaded dataset, controls redraw."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.data.builtin import load_dataset
from engine.registry import DATASETS
from studio.widgets.data_panel import DataPanel


@pytest.fixture
def panel(qtbot) -> DataPanel:
    widget = DataPanel()
    qtbot.addWidget(widget)
    return widget


def image_of(panel: DataPanel, key: str):
    return panel.toy_buttons[key].icon().pixmap(64, 64).toImage()


def test_a_thumbnail_for_every_toy_and_the_others_in_the_list(panel: DataPanel) -> None:
    toys = DATASETS.names(kind="toy2d")
    assert toys and set(panel.toy_buttons) == set(toys)
    for key in toys:
        icon = panel.toy_buttons[key].icon()
        assert not icon.isNull()
        image = icon.pixmap(64, 64).toImage()
        colours = {image.pixel(x, y) for x in range(0, 64, 2) for y in range(0, 64, 2)}
        assert len(colours) > 2, key  # points drawn, not a blank square
    listed = {panel.others.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.others.count())}
    assert listed == set(DATASETS.names()) - set(toys)


def test_clicking_a_thumbnail_emits_the_spec_and_the_dataset(panel: DataPanel, qtbot) -> None:
    with qtbot.waitSignal(panel.dataset_changed) as changed:
        qtbot.mouseClick(panel.toy_buttons["moons"], Qt.MouseButton.LeftButton)
    spec, data = changed.args
    assert spec == {"type": "moons", "config": {}}
    expected = load_dataset(spec)
    np.testing.assert_array_equal(data.x, expected.x)
    assert panel.toy_buttons["moons"].isChecked()
    assert "200" in panel.summary.text() and panel.balance.pixmap() is not None


def test_a_builtin_from_the_list(panel: DataPanel, qtbot) -> None:
    item = next(panel.others.item(i) for i in range(panel.others.count())
                if panel.others.item(i).data(Qt.ItemDataRole.UserRole) == "iris")
    with qtbot.waitSignal(panel.dataset_changed) as changed:
        panel.others.itemClicked.emit(item)
    assert changed.args[0] == {"type": "iris", "config": {}} and changed.args[1].n_features == 4
    assert not panel.noise.isEnabled() and not panel.size.isEnabled()


def test_noise_change_redraws_the_thumbnail_and_reloads_debounced(panel: DataPanel, qtbot) -> None:
    panel.select_dataset({"type": "circles", "config": {}})
    before = image_of(panel, "circles")
    with qtbot.waitSignal(panel.dataset_changed, timeout=2000) as changed:
        panel.noise.setValue(0.3)
        panel.size.setValue(150)
    spec, data = changed.args
    assert spec == {"type": "circles", "config": {"noise": 0.3, "n_samples": 150}}
    assert data.n_samples == 150
    assert image_of(panel, "circles") != before


def test_validation_ratio_redraws_and_is_announced(panel: DataPanel, qtbot) -> None:
    panel.select_dataset({"type": "xor", "config": {}})
    before = image_of(panel, "xor")
    with qtbot.waitSignal(panel.validation_split_changed) as changed:
        panel.ratio.setValue(0.5)
    assert changed.args == [0.5] and panel.validation_split() == 0.5
    assert image_of(panel, "xor") != before


def test_import_button_asks_for_a_csv(panel: DataPanel, qtbot) -> None:
    with qtbot.waitSignal(panel.import_requested):
        panel.import_button.click()


def test_an_external_dataset_clears_the_builtin_choice(panel: DataPanel) -> None:
    panel.select_dataset({"type": "moons", "config": {}})
    panel.show_dataset(load_dataset("wine"), external=True)
    assert panel.spec() is None and not panel.toy_buttons["moons"].isChecked()
    assert "178" in panel.summary.text()


def test_fields_have_tooltips(panel: DataPanel) -> None:
    for widget in (panel.noise, panel.size, panel.ratio, panel.import_button, *panel.toy_buttons.values()):
        assert widget.toolTip().strip()
