"""The pooling explorer shows exactly the engine's pooling of its grid, and where each output came from."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine.layers.pooling import k_max_pool, pool2d_with_indices
from studio import i18n
from studio.views.pooling_explorer import PoolingExplorer

pytestmark = pytest.mark.gui


@pytest.fixture
def explorer(qtbot):
    widget = PoolingExplorer()
    qtbot.addWidget(widget)
    return widget


def _grid(rows: int, cols: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(-9, 10, size=(rows, cols)).astype(np.float64)


def _cells(flat_indices: np.ndarray, cols: int) -> set[tuple[int, int]]:
    return {divmod(int(i), cols) for i in np.ravel(flat_indices) if i >= 0}


def test_default_is_the_learners_example(explorer):
    assert np.array_equal(explorer.grid, np.arange(1, 17).reshape(4, 4))
    assert explorer.input_table.rowCount() == explorer.input_table.columnCount() == 4
    # the textbook answer: the largest of each 2×2 block of 1…16
    assert np.array_equal(explorer.output, [[6, 8], [14, 16]])
    assert explorer.output_texts() == [["6", "8"], ["14", "16"]]
    assert "A 4×4 input through a 2×2 window with stride 2 becomes 2×2." in explorer.caption.text()


@pytest.mark.parametrize(("mode", "window", "stride", "padding"), [
    ("max", 2, 2, "valid"), ("max", 3, 1, "valid"), ("max", 2, 1, "same"), ("max", 3, 2, "same"),
    ("avg", 2, 2, "valid"), ("avg", 3, 1, "valid"), ("avg", 2, 3, "same"), ("avg", 3, 2, "same"),
])
def test_output_equals_the_engine_pooling(explorer, mode, window, stride, padding):
    grid = _grid(5, 6)
    explorer.set_grid(grid)
    explorer.set_pooling(window, stride, padding, mode)
    expected, sources = pool2d_with_indices(grid, window, stride, mode=mode, padding=padding)
    assert explorer.output.shape == expected.shape
    np.testing.assert_array_equal(explorer.output, expected)
    assert np.array_equal(explorer.sources, sources)
    assert (explorer.output_table.rowCount(), explorer.output_table.columnCount()) == expected.shape
    assert explorer.output_texts() == [[f"{v:.4g}" for v in row] for row in expected]


def test_k_max_over_the_whole_grid_is_the_k_max_pool_layer(explorer):
    grid = _grid(4, 4, seed=3)
    explorer.set_grid(grid)
    explorer.set_pooling(4, 4, "valid", "kmax", k=3)
    values, positions = k_max_pool(grid.reshape(1, -1), 3)
    assert explorer.output.shape == (1, 1, 3)
    np.testing.assert_array_equal(explorer.output[0, 0], values[0])
    assert np.array_equal(explorer.sources[0, 0], positions[0])
    assert explorer.output_texts() == [[", ".join(f"{v:.4g}" for v in values[0])]]


@pytest.mark.parametrize(("window", "stride", "k"), [(2, 2, 2), (3, 1, 2), (2, 1, 3)])
def test_windowed_k_max_keeps_the_k_largest_of_each_window(explorer, window, stride, k):
    grid = _grid(5, 5, seed=7)
    explorer.set_grid(grid)
    explorer.set_pooling(window, stride, "valid", "kmax", k=k)
    windows = np.lib.stride_tricks.sliding_window_view(grid, (window, window))[::stride, ::stride]
    expected, _ = k_max_pool(windows.reshape(*windows.shape[:2], -1), k)
    np.testing.assert_array_equal(explorer.output, expected)
    assert explorer.k_spin.isEnabled()


def test_editing_an_input_cell_updates_the_output(explorer):
    explorer.input_table.item(1, 1).setText("100")
    assert explorer.grid[1, 1] == 100
    assert explorer.output[0, 0] == 100
    assert explorer.output_texts()[0][0] == "100"
    explorer.set_pooling(2, 2, "valid", "avg")
    np.testing.assert_allclose(explorer.output[0, 0], (1 + 2 + 5 + 100) / 4)


def test_a_cell_that_is_not_a_number_keeps_its_value(explorer):
    before = explorer.output.copy()
    explorer.input_table.item(0, 0).setText("abc")
    assert explorer.input_table.item(0, 0).text() == "1"
    assert explorer.grid[0, 0] == 1
    assert "abc" in explorer.message.text()
    np.testing.assert_array_equal(explorer.output, before)


@pytest.mark.parametrize("mode", ["max", "avg", "kmax"])
def test_hovering_an_output_cell_highlights_the_engine_sources(explorer, qtbot, mode):
    grid = _grid(4, 6, seed=1)
    explorer.set_grid(grid)
    explorer.set_pooling(2, 2, "valid", mode, k=2)
    explorer.show()
    qtbot.waitExposed(explorer)
    table = explorer.output_table
    QTest.mouseMove(table.viewport(), table.visualRect(table.model().index(0, 0)).center())
    qtbot.waitUntil(lambda: explorer.selected == (0, 0), timeout=2000)
    QTest.mouseMove(table.viewport(), table.visualRect(table.model().index(1, 2)).center())
    qtbot.waitUntil(lambda: explorer.selected == (1, 2), timeout=2000)
    _, windows = pool2d_with_indices(grid, 2, 2, mode="avg")
    if mode == "kmax":
        _, positions = k_max_pool(grid.ravel()[windows[1, 2]], 2)
        sources = windows[1, 2][positions]
    else:
        sources = pool2d_with_indices(grid, 2, 2, mode=mode)[1][1, 2]
    assert explorer.highlighted_cells() == _cells(sources, 6)
    assert explorer.window_cells() == _cells(windows[1, 2], 6) - _cells(sources, 6)


def test_selecting_an_output_cell_highlights_too(explorer):
    explorer.output_table.setCurrentCell(0, 1)
    assert explorer.highlighted_cells() == {(1, 3)}  # the 8 of 3, 4, 7, 8
    assert explorer.window_cells() == {(0, 2), (0, 3), (1, 2)}
    explorer.highlight(-1, -1)
    assert explorer.highlighted_cells() == set()


def test_resizing_the_example_keeps_counting(explorer):
    explorer.rows_spin.setValue(5)
    explorer.cols_spin.setValue(5)
    np.testing.assert_array_equal(explorer.grid, np.arange(1, 26).reshape(5, 5))
    assert explorer.input_table.rowCount() == explorer.input_table.columnCount() == 5
    assert explorer.input_table.item(4, 4).text() == "25"
    np.testing.assert_array_equal(explorer.output, pool2d_with_indices(explorer.grid, 2, 2)[0])


def test_resizing_keeps_edited_values(explorer):
    explorer.input_table.item(0, 0).setText("-5")
    explorer.rows_spin.setValue(5)
    explorer.cols_spin.setValue(3)
    expected = np.zeros((5, 3))
    expected[:4] = np.arange(1, 17).reshape(4, 4)[:, :3]
    expected[0, 0] = -5
    np.testing.assert_array_equal(explorer.grid, expected)
    np.testing.assert_array_equal(explorer.output, pool2d_with_indices(expected, 2, 2)[0])


def test_a_window_larger_than_the_grid_is_explained(explorer):
    explorer.set_grid(_grid(3, 3))
    explorer.set_pooling(4, 1, "valid", "max")
    assert explorer.output is None
    assert explorer.output_table.rowCount() == 0
    assert "cannot go through a 4×4 window" in explorer.caption.text()
    assert explorer.message.text()
    explorer.padding_choice.setCurrentIndex(1)  # same padding makes it fit
    assert explorer.output is not None
    assert "padded" in explorer.caption.text()
    assert explorer.message.text() == ""


def test_k_is_only_offered_for_k_max_and_at_most_the_window(explorer):
    assert not explorer.k_spin.isEnabled()
    explorer.mode_choice.setCurrentIndex(2)
    assert explorer.k_spin.isEnabled()
    assert explorer.k_spin.maximum() == 4
    explorer.window_spin.setValue(3)
    assert explorer.k_spin.maximum() == 9
    assert "2 largest values" in explorer.caption.text()


def test_output_cells_are_read_only_and_input_cells_editable(explorer):
    assert explorer.output_table.editTriggers() == explorer.output_table.EditTrigger.NoEditTriggers
    flags = explorer.input_table.item(0, 0).flags()
    assert flags & Qt.ItemFlag.ItemIsEditable


def test_switching_language_keeps_the_settings(explorer):
    explorer.set_pooling(3, 1, "same", "avg")
    before = explorer.output.copy()
    i18n.set_language("zh_CN")
    assert (explorer.padding, explorer.mode) == ("same", "avg")
    np.testing.assert_array_equal(explorer.output, before)
