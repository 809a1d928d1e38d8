"""The import dialog's messages: warnings in plain words, and one error in red with "Skip these lines" when the
error is about ragged rows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from engine.errors import EngineError
from studio.i18n import Retranslating

__all__ = ["MAX_WARNINGS", "MessageArea"]

MAX_WARNINGS = 8
_ERROR_STYLE = "QLabel { color: #b71c1c; background: #ffebee; border: 1px solid #ef9a9a; padding: 4px; }"
_WARNING_STYLE = "QLabel { color: #5d4037; }"


class MessageArea(Retranslating, QWidget):
    """Warnings (at most :data:`MAX_WARNINGS` lines shown) above an error; ``skip_requested`` from its button."""

    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warnings = QLabel(objectName="warnings", wordWrap=True)
        self.warnings.setStyleSheet(_WARNING_STYLE)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skip_button = QPushButton(objectName="skip_lines")
        self.skip_button.clicked.connect(self.skip_requested)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warnings, 0, 0, 1, 2)
        layout.addWidget(self.error, 1, 0)
        layout.addWidget(self.skip_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(0, 1)
        self.retranslate()
        self.show_warnings([])
        self.show_error(None)

    def retranslate(self) -> None:
        self.skip_button.setText(self.tr("Skip these lines"))

    def show_warnings(self, lines: list[str]) -> None:
        shown = lines[:MAX_WARNINGS]
        if len(lines) > len(shown):
            shown.append(self.tr("… and {count} more").format(count=len(lines) - len(shown)))
        self.warnings.setText("\n".join(f"• {line}" for line in shown))
        self.warnings.setVisible(bool(shown))

    def show_error(self, error: EngineError | None, *, offer_skip: bool = False) -> None:
        """Show ``error``'s sentence (None hides it); ``offer_skip`` shows the button for ragged rows."""
        self.error.setVisible(error is not None)
        self.error.setText("" if error is None else str(error))
        self.skip_button.setVisible(error is not None and offer_skip)
