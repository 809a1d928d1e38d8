"""The main window's file handling: New, Open, Save, Save As, recent projects, asking to save, drag and drop.

A mixin of :class:`studio.main_window.MainWindow` (it uses the window's ``session``, ``settings``, ``actions``,
``show_message`` and ``apply_project``). A file that cannot be opened is refused with the engine's sentence in
the message area and the open project stays as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine.errors import EngineError
from studio.dialogs.csv_import import supported_file

__all__ = ["PROJECT_SUFFIX", "RECENT_KEY", "ProjectFilesMixin", "ask_to_save"]

PROJECT_SUFFIX = ".nnproj"
RECENT_KEY = "projects/recent"
MAX_RECENT = 8


def ask_to_save(parent: QWidget) -> str:
    """Ask whether to save the modified project: "save", "discard" or "cancel"."""
    buttons = QMessageBox.StandardButton
    title = QCoreApplication.translate("MainWindow", "Unsaved changes")
    text = QCoreApplication.translate("MainWindow", "The project has unsaved changes. Save them first?")
    answer = QMessageBox.question(parent, title, text, buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


class ProjectFilesMixin:
    """Project files for the main window (see the module docstring)."""

    session: Any
    settings: Any
    actions: Any

    # -- recent projects ---------------------------------------------------------------------------------------
    def recent_projects(self) -> list[str]:
        """Project files opened or saved lately, newest first (missing files left out)."""
        raw = self.settings.value(RECENT_KEY, "")
        try:
            paths = json.loads(raw) if isinstance(raw, str) and raw else []
        except json.JSONDecodeError:
            return []
        return [p for p in paths if isinstance(p, str) and os.path.isfile(p)] if isinstance(paths, list) else []

    def _remember(self, path: str) -> None:
        path = str(Path(path).resolve())
        paths = [path, *(p for p in self.recent_projects() if p != path)][:MAX_RECENT]
        self.settings.setValue(RECENT_KEY, json.dumps(paths, ensure_ascii=False))
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        for path in self.recent_projects():
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        menu.setEnabled(not menu.isEmpty())

    # -- document ----------------------------------------------------------------------------------------------
    def new_project(self) -> bool:
        """Start over with an empty project (after asking to save a modified one)."""
        if self.session.is_training or not self.maybe_save():
            return False
        self.session.new()
        self.apply_project()
        return True

    def open_project(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Open ``path`` (asks for a file when None); a damaged or newer file is refused with a message."""
        if self.session.is_training:
            self.show_message(QCoreApplication.translate("MainWindow",
                                                         "Stop the training before opening another project."))
            return False
        if not self.maybe_save():
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("MainWindow", "Open Project"), "",
                                                  QCoreApplication.translate("MainWindow", "Projects (*.nnproj)"))
            if not path:
                return False
        try:
            self.session.open(path)
        except (EngineError, OSError) as error:
            message = QCoreApplication.translate("MainWindow", "Could not open the project: {reason}")
            self.show_message(message.format(reason=str(error)))
            return False
        self.apply_project()
        self._remember(os.fspath(path))
        self.show_message("")
        return True

    def save_project(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Save to ``path``, or where the project was last saved, or ask for a file name."""
        target = os.fspath(path) if path is not None else self.session.path
        if target is None:
            return self.save_project_as()
        try:
            self.session.save(target)
        except (EngineError, OSError) as error:
            message = QCoreApplication.translate("MainWindow", "Could not save the project: {reason}")
            self.show_message(message.format(reason=str(error)))
            return False
        self._remember(target)
        saved = QCoreApplication.translate("MainWindow", "Saved {file}")
        self.statusBar().showMessage(saved.format(file=target), 5000)
        return True

    def save_project_as(self) -> bool:
        title = QCoreApplication.translate("MainWindow", "Save Project As")
        kinds = QCoreApplication.translate("MainWindow", "Projects (*.nnproj)")
        path, _ = QFileDialog.getSaveFileName(self, title, self.session.path or "", kinds)
        if not path:
            return False
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self.save_project(path)

    def maybe_save(self) -> bool:
        """True when the current project may be replaced (saved, discarded or unmodified); False to cancel."""
        if not self.session.modified:
            return True
        answer = self.confirm(self)
        if answer == "save":
            return self.save_project()
        return answer == "discard"

    # -- drag and drop -----------------------------------------------------------------------------------------
    @staticmethod
    def _dropped_file(urls: list[QUrl]) -> str | None:
        """The first local file among ``urls`` that is a project or a file the CSV importer reads."""
        for url in urls:
            path = url.toLocalFile()
            if path and ((path.lower().endswith(PROJECT_SUFFIX) and os.path.isfile(path)) or supported_file(path)):
                return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (a Qt override)
        if event.mimeData().hasUrls() and self._dropped_file(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (a Qt override)
        path = self._dropped_file(event.mimeData().urls()) if event.mimeData().hasUrls() else None
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_dropped(path)

    def open_dropped(self, path: str) -> None:
        """A dropped file: a project is opened, a table goes to the import dialog."""
        if path.lower().endswith(PROJECT_SUFFIX):
            self.open_project(path)
        else:
            self.import_csv(path)
