"""The import dialog's image line: "Use as images", the image shape (suggested from the pixel-column count) and
the reason a shape cannot be used, shown next to the field.

An empty or unused shape means a table. The shape is checked as it is typed, with
:func:`engine.data.images.image_shape_from_string` and against the number of pixel columns the preview's schema
has (:func:`engine.data.tabular.pixel_columns`: the number features plus the constant number columns).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from engine.data.images import image_shape_from_string
from engine.data.schema import Schema
from engine.data.tabular import pixel_columns, suggest_table_image_shape
from engine.errors import ConfigError
from studio.i18n import Retranslating

__all__ = ["ImageShapeRow"]

_ERROR_STYLE = "QLabel { color: #b71c1c; }"


class ImageShapeRow(Retranslating, QWidget):
    """"Use as images" and the shape field; ``changed`` on every user edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixels: list[str] | None = None
        self._suggested = ""
        self.use_images = QCheckBox(objectName="use_images")
        self.label = QLabel()
        self.shape = QLineEdit(objectName="image_shape")
        self.shape.setMaximumWidth(self.shape.fontMetrics().horizontalAdvance("M" * 12))
        self.message = QLabel(objectName="image_shape_error", wordWrap=True)
        self.message.setStyleSheet(_ERROR_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.use_images, self.label, self.shape):
            layout.addWidget(widget)
        layout.addWidget(self.message, 1)
        self.use_images.toggled.connect(self._toggled)
        self.shape.textEdited.connect(self._edited)
        self.retranslate()
        self._check()

    def retranslate(self) -> None:
        self.use_images.setText(self.tr("Use as images"))
        self.label.setText(self.tr("Image shape:"))
        self.shape.setPlaceholderText(self.tr("e.g. 8x8, 1x8x8, 28x28x3"))
        self.shape.setToolTip(self.tr("Height×width for grey images (8x8); channels first (3x32x32) or last "
                                      "(32x32x3) for colour. Pixel columns are read in this order. Empty: a table."))
        self._check()

    # ----------------------------------------------------------------------------------------------- state
    def set_schema(self, schema: Schema | None) -> None:
        """Take the pixel columns of the preview's ``schema``; an untouched field follows the suggestion."""
        self._pixels = None if schema is None else pixel_columns(schema)
        previous, self._suggested = self._suggested, (schema and suggest_table_image_shape(schema)) or ""
        if self.shape.text() == previous:
            self.shape.setText(self._suggested)
        self._check()

    def set_image_shape(self, shape: str | None) -> None:
        """Start from an earlier choice (a recent file's): ``shape`` read as images, or None for a table."""
        self.use_images.setChecked(shape is not None)
        if shape is not None:
            self.shape.setText(shape)
        self._check()

    def reset(self) -> None:
        """Back to a table with the suggestion in the field."""
        self.use_images.setChecked(False)
        self.shape.setText(self._suggested)
        self._check()

    def image_shape(self) -> str | None:
        """The shape to read the table with, or None for a table (unused or empty)."""
        text = self.shape.text().strip()
        return text if self.use_images.isChecked() and text else None

    def error(self) -> str | None:
        """Why the shape cannot be used (shown next to the field), or None."""
        text = self.image_shape()
        if text is None:
            return None
        try:
            c, h, w = image_shape_from_string(text)
        except ConfigError as error:
            return error.message
        if self._pixels is None:
            return self.tr("Images need one number column per pixel; ignore the columns that are not numbers.")
        if c * h * w != len(self._pixels):
            return self.tr("{shape} needs {needed} pixel columns; the table has {count} number columns besides the "
                           "target.").format(shape=text, needed=c * h * w, count=len(self._pixels))
        return None

    # ----------------------------------------------------------------------------------------------- editing
    def _toggled(self, checked: bool) -> None:
        if checked and not self.shape.text().strip():
            self.shape.setText(self._suggested)
        self._check()
        self.changed.emit()

    def _edited(self, text: str) -> None:
        self.use_images.blockSignals(True)  # one ``changed`` per edit
        self.use_images.setChecked(bool(text.strip()))  # typing a shape means images; clearing it, a table
        self.use_images.blockSignals(False)
        self._check()
        self.changed.emit()

    def _check(self) -> None:
        message = self.error()
        self.message.setText(message or "")
        self.message.setVisible(message is not None)
