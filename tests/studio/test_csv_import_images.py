"""The import dialog's image line: a pixel CSV is suggested as 8×8 images, a typed shape is checked next to the
field, and the accepted shape reaches the result as images."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from engine.data.images import reshape_to_images
from engine.data.reader import read_csv
from studio.dialogs.csv_import import CsvImportDialog

DATA = Path(__file__).resolve().parents[1] / "data"
DIGITS = DATA / "digits_8x8_sample.csv"
MESSY = DATA / "messy" / "semicolon_decimal_comma.csv"


def make_dialog(qtbot, path: Path) -> CsvImportDialog:
    dialog = CsvImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_shape(qtbot, dialog: CsvImportDialog, text: str) -> None:
    """Replace the field's text as a user does (select all, type; an empty text is a Backspace)."""
    field = dialog.image_row.shape
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)


def accept(qtbot, dialog: CsvImportDialog) -> None:
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.ok_button.click()


def digit_pixels() -> np.ndarray:
    frame = read_csv(DIGITS).frame
    return frame.drop(columns=["digit"]).to_numpy(dtype=np.float64)


def test_a_pixel_csv_suggests_8x8_and_the_checked_shape_gives_images(qtbot) -> None:
    dialog = make_dialog(qtbot, DIGITS)
    row = dialog.image_row
    assert row.shape.text() == "8x8"  # 57 varying + 7 constant pixel columns = 64
    assert not row.use_images.isChecked() and row.image_shape() is None  # suggested, never used silently
    assert row.message.isHidden() and dialog.ok_button.isEnabled()
    row.use_images.click()
    assert row.image_shape() == "8x8" and row.message.isHidden()
    accept(qtbot, dialog)
    assert dialog.result_image_shape() == "8x8"
    data = dialog.result_dataset()
    pixels = digit_pixels()
    assert data.x.shape == (360, 1, 8, 8) and data.input_shape == (1, 8, 8)
    np.testing.assert_allclose(data.x, reshape_to_images(pixels / pixels.max(), "8x8"), rtol=1e-6)
    assert dialog.result_table_info().pipeline.get_config()["image_shape"] == "8x8"


def test_a_typed_channels_first_shape_is_read_back(qtbot) -> None:
    dialog = make_dialog(qtbot, DIGITS)
    type_shape(qtbot, dialog, "1x8x8")
    assert dialog.image_row.use_images.isChecked()  # typing a shape means images
    accept(qtbot, dialog)
    assert dialog.result_image_shape() == "1x8x8" and dialog.result_dataset().x.shape == (360, 1, 8, 8)


def test_bad_shapes_show_one_sentence_next_to_the_field_and_keep_ok_disabled(qtbot) -> None:
    dialog = make_dialog(qtbot, DIGITS)
    row = dialog.image_row
    for text, words in (("7x7", "needs 49 pixel columns; the table has 64"), ("abc", "two or three positive sizes"),
                        ("3x8x3", "ambiguous"), ("8x8x5", "channel count of 1, 3 or 4")):
        type_shape(qtbot, dialog, text)
        assert row.message.isVisible() and words in row.message.text(), (text, row.message.text())
        assert not dialog.ok_button.isEnabled()
    type_shape(qtbot, dialog, "")  # empty: a table again
    assert not row.use_images.isChecked() and row.message.isHidden() and dialog.ok_button.isEnabled()
    accept(qtbot, dialog)
    assert dialog.result_image_shape() is None and dialog.result_dataset().x.ndim == 2


def test_a_table_with_text_columns_suggests_nothing_and_refuses_a_shape(qtbot) -> None:
    dialog = make_dialog(qtbot, MESSY)
    row = dialog.image_row
    assert row.shape.text() == ""
    row.use_images.click()
    assert row.image_shape() is None and dialog.ok_button.isEnabled()  # checked but empty: still a table
    type_shape(qtbot, dialog, "2x2")
    assert "one number column per pixel" in row.message.text() and not dialog.ok_button.isEnabled()


def test_reset_goes_back_to_a_table_with_the_suggestion(qtbot) -> None:
    dialog = make_dialog(qtbot, DIGITS)
    type_shape(qtbot, dialog, "7x7")
    assert not dialog.ok_button.isEnabled()
    dialog.reset_button.click()
    assert dialog.image_row.shape.text() == "8x8" and not dialog.image_row.use_images.isChecked()
    assert dialog.ok_button.isEnabled()
