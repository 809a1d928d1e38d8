"""The model summary: Keras-style totals (total, trainable, non-trainable parameters) and the text table."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from engine.model import Sequential
from studio.i18n import Retranslating

__all__ = ["ModelSummary"]


class ModelSummary(Retranslating, QWidget):
    """Shows a built :class:`Sequential`'s parameter totals and its ``summary()`` table (or why there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._totals = (0, 0)
        self._model: Sequential | None = None
        self._reason = ""
        self.total_label, self.trainable_label, self.frozen_label = QLabel(), QLabel(), QLabel()
        self.total_label.setObjectName("total_params")
        self.trainable_label.setObjectName("trainable_params")
        self.frozen_label.setObjectName("non_trainable_params")
        self.table = QPlainTextEdit(self)
        self.table.setObjectName("summary_table")
        self.table.setReadOnly(True)
        self.table.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.table.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._captions = (QLabel(), QLabel(), QLabel())
        form = QFormLayout()
        for caption, label in zip(self._captions, (self.total_label, self.trainable_label, self.frozen_label),
                                  strict=True):
            form.addRow(caption, label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def show_model(self, model: Sequential | None, reason: str = "") -> None:
        """Show ``model`` (built) or, when it is None, ``reason`` instead of the table."""
        self._model, self._reason = model, reason
        wrap = QPlainTextEdit.LineWrapMode
        self.table.setLineWrapMode(wrap.WidgetWidth if model is None else wrap.NoWrap)  # a sentence, or a table
        if model is None:
            self._totals = (0, 0)
            self.table.setPlainText(reason)
        else:
            rows = model.summary_rows()
            self._totals = (sum(r["params"] for r in rows), sum(r["trainable_params"] for r in rows))
            self.table.setPlainText(model.summary())
        total, trainable = self._totals
        self.total_label.setText(f"{total:,}")
        self.trainable_label.setText(f"{trainable:,}")
        self.frozen_label.setText(f"{total - trainable:,}")

    def totals(self) -> tuple[int, int, int]:
        """(total, trainable, non-trainable) parameter counts shown."""
        total, trainable = self._totals
        return total, trainable, total - trainable

    def retranslate(self) -> None:
        texts = (self.tr("Total params:"), self.tr("Trainable params:"), self.tr("Non-trainable params:"))
        for caption, text in zip(self._captions, texts, strict=True):
            caption.setText(text)
        tips = (self.tr("Every weight, bias and buffer of the model."),
                self.tr("Values the optimizer updates during training."),
                self.tr("Values training does not change: frozen layers and running statistics (batch norm)."))
        for label, tip in zip((self.total_label, self.trainable_label, self.frozen_label), tips, strict=True):
            label.setToolTip(tip)
