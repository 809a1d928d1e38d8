"""The import dialog's reading controls: encoding, delimiter, decimal and thousands marks, header, missing markers,
skipping bad lines.

The form shows the options a read actually used (:meth:`CsvOptionsForm.show_options`) and remembers which controls
the user touched: :meth:`CsvOptionsForm.request` sets only those fields (over the ``base`` options, e.g. the ones
remembered for a recent file), so everything else is detected again under the user's choice — a new encoding
re-detects the delimiter in that encoding.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from engine.data.sniff import NA_VALUES, CsvOptions
from studio.i18n import Retranslating

__all__ = ["ENCODINGS", "CsvOptionsForm", "encoding_label"]

#: The encodings offered (label shown → Python codec); any other codec name can be typed.
ENCODINGS = (("UTF-8", "utf-8"), ("UTF-8-BOM", "utf-8-sig"), ("GBK", "gbk"), ("GB18030", "gb18030"),
             ("Big5", "big5"), ("UTF-16", "utf-16"), ("cp1252", "cp1252"), ("latin-1", "latin-1"))
_BY_LABEL = {label.lower(): codec for label, codec in ENCODINGS}
_BY_CODEC = {codec: label for label, codec in ENCODINGS}
_DELIMITERS = (",", ";", "\t", "|", " ")
_THOUSANDS = ("", ",", ".", " ", "'")


def encoding_label(codec: str) -> str:
    """How ``codec`` is shown in the encoding box (e.g. "utf-8-sig" → "UTF-8-BOM")."""
    return _BY_CODEC.get(codec.lower().replace("_", "-"), codec)


class CsvOptionsForm(Retranslating, QWidget):
    """Controls for :class:`CsvOptions`; ``changed`` is emitted on every user edit (not on :meth:`show_options`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._touched: set[str] = set()
        self._base = CsvOptions()
        self._updating = False
        self.encoding = QComboBox(objectName="encoding", editable=True)
        self.encoding.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.encoding.setMinimumContentsLength(10)
        self.delimiter = QComboBox(objectName="delimiter")
        self.other_delimiter = QLineEdit(objectName="other_delimiter", maxLength=1)
        self.other_delimiter.setFixedWidth(self.other_delimiter.fontMetrics().horizontalAdvance("MMM") + 12)
        self.decimal = QComboBox(objectName="decimal")
        self.thousands = QComboBox(objectName="thousands")
        self.header = QCheckBox(objectName="header")
        self.na_values = QLineEdit(objectName="na_values")
        self.skip_bad_lines = QCheckBox(objectName="skip_bad_lines")
        self._labels = [QLabel() for _ in range(5)]
        for combo, count in ((self.delimiter, len(_DELIMITERS) + 1), (self.decimal, 2),
                             (self.thousands, len(_THOUSANDS))):
            for _ in range(count):
                combo.addItem("")
        grid = QGridLayout()
        for column, widget in enumerate((self._labels[0], self.encoding, self._labels[1], self.delimiter,
                                         self.other_delimiter, self._labels[2], self.decimal, self._labels[3],
                                         self.thousands)):
            grid.addWidget(widget, 0, column)
        grid.setColumnStretch(9, 1)
        second = QHBoxLayout()
        second.addWidget(self.header)
        second.addSpacing(12)
        second.addWidget(self._labels[4])
        second.addWidget(self.na_values, 1)
        second.addSpacing(12)
        second.addWidget(self.skip_bad_lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(second)
        self.retranslate()
        self.other_delimiter.hide()
        self.encoding.currentTextChanged.connect(lambda _: self._touch("encoding"))
        self.delimiter.currentIndexChanged.connect(self._delimiter_changed)
        self.other_delimiter.textEdited.connect(lambda _: self._touch("delimiter"))
        self.decimal.currentIndexChanged.connect(lambda _: self._touch("decimal"))
        self.thousands.currentIndexChanged.connect(lambda _: self._touch("thousands"))
        self.header.toggled.connect(lambda _: self._touch("header"))
        self.na_values.textEdited.connect(lambda _: self._touch("na_values"))
        self.skip_bad_lines.toggled.connect(lambda _: self._touch("skip_bad_lines"))

    def retranslate(self) -> None:
        for label, text in zip(self._labels, (self.tr("Encoding:"), self.tr("Delimiter:"), self.tr("Decimal:"),
                                              self.tr("Thousands:"), self.tr("Missing markers:")), strict=True):
            label.setText(text)
        names = (self.tr("Comma ( , )"), self.tr("Semicolon ( ; )"), self.tr("Tab"), self.tr("Pipe ( | )"),
                 self.tr("Spaces"), self.tr("Other…"))
        for i, name in enumerate(names):
            self.delimiter.setItemText(i, name)
        self.decimal.setItemText(0, self.tr("Point ( . )"))
        self.decimal.setItemText(1, self.tr("Comma ( , )"))
        marks = (self.tr("None"), self.tr("Comma ( , )"), self.tr("Point ( . )"), self.tr("Space"),
                 self.tr("Apostrophe ( ' )"))
        for i, name in enumerate(marks):
            self.thousands.setItemText(i, name)
        self.header.setText(self.tr("First row holds the column names"))
        self.skip_bad_lines.setText(self.tr("Skip bad lines"))
        self.skip_bad_lines.setToolTip(self.tr("Skip rows that have more fields than the header instead of "
                                               "refusing the file."))
        self.na_values.setToolTip(self.tr("Cell texts read as missing values, separated by commas. Empty cells "
                                          "are always missing."))
        self.encoding.setToolTip(self.tr("The file's text encoding; type any other encoding name."))
        self.other_delimiter.setToolTip(self.tr("One character that separates the fields"))

    def set_base(self, options: CsvOptions) -> None:
        """Options taken as given (a recent file's); the touched controls go over them."""
        self._base = options
        self._touched.clear()

    def reset(self) -> None:
        """Forget every choice: the next request detects everything."""
        self.set_base(CsvOptions())

    def touched(self) -> set[str]:
        return set(self._touched)

    def request(self) -> CsvOptions:
        """The options to read with: the base, with the touched controls' values over it."""
        readers = {"encoding": self._read_encoding, "delimiter": self._read_delimiter, "decimal": self._read_decimal,
                   "thousands": self._read_thousands, "header": self.header.isChecked,
                   "na_values": self._read_na_values, "skip_bad_lines": self.skip_bad_lines.isChecked}
        values: dict[str, Any] = {name: readers[name]() for name in self._touched}
        return replace(self._base, **values)

    def show_options(self, options: CsvOptions, detected_encoding: str | None = None) -> None:
        """Show ``options`` (a read's options_used) without counting it as an edit; ``detected_encoding`` is
        listed first in the encoding box."""
        self._updating = True
        try:
            self._fill_encodings(detected_encoding or options.encoding or "utf-8")
            self.encoding.setCurrentText(encoding_label(options.encoding or "utf-8"))
            delimiter = options.delimiter or ","
            if delimiter in _DELIMITERS:
                self.delimiter.setCurrentIndex(_DELIMITERS.index(delimiter))
            else:
                self.delimiter.setCurrentIndex(len(_DELIMITERS))
                self.other_delimiter.setText(delimiter)
            self.other_delimiter.setVisible(delimiter not in _DELIMITERS)
            self.decimal.setCurrentIndex(1 if options.decimal == "," else 0)
            thousands = options.thousands or ""
            self.thousands.setCurrentIndex(_THOUSANDS.index(thousands) if thousands in _THOUSANDS else 0)
            self.header.setChecked(bool(options.header))
            markers = options.na_values if options.na_values is not None else NA_VALUES
            self.na_values.setText(", ".join(m for m in markers if m))
            self.na_values.setCursorPosition(0)
            self.skip_bad_lines.setChecked(options.skip_bad_lines)
        finally:
            self._updating = False

    def _fill_encodings(self, detected: str) -> None:
        first = encoding_label(detected)
        labels = [first] + [label for label, _ in ENCODINGS if label != first]
        if [self.encoding.itemText(i) for i in range(self.encoding.count())] != labels:
            self.encoding.clear()
            self.encoding.addItems(labels)
        self.encoding.setItemData(0, self.tr("detected"), Qt.ItemDataRole.ToolTipRole)

    def _touch(self, name: str) -> None:
        if self._updating:
            return
        self._touched.add(name)
        self.changed.emit()

    def _delimiter_changed(self, index: int) -> None:
        other = index == len(_DELIMITERS)
        self.other_delimiter.setVisible(other)
        if other and not self._updating:
            self.other_delimiter.setFocus()
            if not self.other_delimiter.text():
                return  # wait for the character
        self._touch("delimiter")

    def _read_encoding(self) -> str:
        text = self.encoding.currentText().strip()
        return _BY_LABEL.get(text.lower(), text)

    def _read_delimiter(self) -> str | None:
        index = self.delimiter.currentIndex()
        if index < len(_DELIMITERS):
            return _DELIMITERS[index]
        return self.other_delimiter.text() or None

    def _read_decimal(self) -> str:
        return "," if self.decimal.currentIndex() == 1 else "."

    def _read_thousands(self) -> str:
        return _THOUSANDS[self.thousands.currentIndex()]

    def _read_na_values(self) -> tuple[str, ...]:
        markers = [m.strip() for m in self.na_values.text().split(",")]
        return ("", *dict.fromkeys(m for m in markers if m))
