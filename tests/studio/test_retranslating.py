"""Retranslating: a LanguageChange event makes a widget set its texts again, and still reaches the Qt class."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractButton, QFormLayout, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from studio import i18n
from studio.dialogs.csv_columns_panel import ColumnsPanel
from studio.dialogs.csv_image_row import ImageShapeRow
from studio.dialogs.csv_load_bar import LoadBar
from studio.dialogs.csv_messages import MessageArea
from studio.dialogs.csv_options_form import CsvOptionsForm
from studio.dialogs.csv_task_row import TaskRow
from studio.i18n import Retranslating
from studio.widgets.data_panel import DataPanel
from studio.widgets.model_summary import ModelSummary
from studio.widgets.training_panel import TrainingPanel


class _Recorder(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[QEvent.Type] = []

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (a Qt override)
        self.events.append(event.type())
        super().changeEvent(event)


class _Translated(Retranslating, _Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def retranslate(self) -> None:
        self.calls += 1


def test_a_language_change_calls_retranslate_once_and_passes_the_event_on(qtbot: QtBot) -> None:
    widget = _Translated()
    qtbot.addWidget(widget)
    i18n.set_language("zh_CN")
    assert widget.calls == 1
    assert widget.events.count(QEvent.Type.LanguageChange) == 1
    widget.setEnabled(False)  # another change event: passed on, no retranslation
    assert widget.calls == 1
    assert QEvent.Type.EnabledChange in widget.events


def _texts(widget: QWidget) -> list[str]:
    """Every caption, title, button text and tooltip of ``widget`` and its children."""
    texts = [widget.toolTip()]
    for child in widget.findChildren(QWidget):
        texts.append(child.toolTip())
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
    return texts


@pytest.mark.parametrize("make", [ColumnsPanel, ImageShapeRow, LoadBar, MessageArea, CsvOptionsForm, TaskRow,
                                  DataPanel, ModelSummary, TrainingPanel])
def test_widgets_follow_the_language_both_ways(qtbot: QtBot, make: type[QWidget]) -> None:
    widget = make()
    qtbot.addWidget(widget)
    english = _texts(widget)
    i18n.set_language("zh_CN")
    assert _texts(widget) != english
    i18n.set_language("en")
    assert _texts(widget) == english


def test_the_run_settings_keep_the_training_panel_translations(qtbot: QtBot) -> None:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    i18n.set_language("zh_CN")
    full_batch = QCoreApplication.translate("TrainingPanel", "Full batch")
    assert full_batch != "Full batch"  # the .ts file has it under the panel's context
    assert panel.full_batch.text() == full_batch
    form = panel.epochs.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    caption = form.labelForField(panel.epochs)
    assert caption.text() == QCoreApplication.translate("TrainingPanel", "Epochs") != "Epochs"
    assert caption.toolTip() == panel.epochs.toolTip() != ""
