"""The window's actions, menus and transport toolbar (texts, shortcuts, icons); the main window connects them.

Keeping the QActions here keeps ``main_window`` about wiring: this module only creates and names things and sets
their texts in the current language (:meth:`WindowActions.retranslate`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from studio import i18n

__all__ = ["WindowActions"]


class WindowActions(QObject):
    """Every action of the main window, its menus and the transport toolbar."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        style = window.style()

        def make(name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                 icon: QStyle.StandardPixmap | None = None, checkable: bool = False) -> QAction:
            action = QAction(window)
            action.setObjectName(name)
            action.setCheckable(checkable)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                action.setIcon(style.standardIcon(icon))
            return action

        sp = QStyle.StandardPixmap
        self.new = make("new_project", QKeySequence.StandardKey.New)
        self.open = make("open_project", QKeySequence.StandardKey.Open)
        self.save = make("save_project", QKeySequence.StandardKey.Save)
        self.save_as = make("save_project_as", QKeySequence.StandardKey.SaveAs)
        self.import_csv = make("import_csv", "Ctrl+I")
        self.export = make("export_model", "Ctrl+E")
        self.predict = make("predict_csv")
        self.report = make("write_report")
        self.quit = make("quit", QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo = make("undo", "Ctrl+Z")
        self.redo = make("redo", "Ctrl+Y")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.freeze = make("freeze_layer", checkable=True)
        self.train = make("train", "F5", sp.SP_MediaPlay)
        self.pause = make("pause", "F6", sp.SP_MediaPause, checkable=True)
        self.stop = make("stop", "Shift+F5", sp.SP_MediaStop)
        self.step = make("step", "F10", sp.SP_MediaSkipForward)
        self.reset = make("reset", "Ctrl+R", sp.SP_BrowserReload)
        self.reset_layout = make("reset_layout")
        self.about = make("about")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.language_group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        for code, own_name in i18n.LANGUAGES.items():
            action = QAction(own_name, window, checkable=True)  # each language is named in itself
            action.setData(code)
            self.language_group.addAction(action)
            self.languages[code] = action
        self.views: dict[str, QAction] = {}

        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("file_menu")
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recent_menu")
        self.file_menu.addActions([self.new, self.open])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addActions([self.save, self.save_as])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_csv, self.predict, self.export, self.report])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("edit_menu")
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.freeze)
        self.train_menu = bar.addMenu("")
        self.train_menu.setObjectName("train_menu")
        self.train_menu.addActions([self.train, self.pause, self.stop, self.step, self.reset])
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("view_menu")
        self.views_menu = QMenu(window)
        self.views_menu.setObjectName("views_menu")
        self.language_menu = QMenu(window)
        self.language_menu.addActions(list(self.languages.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("help_menu")
        self.help_menu.addAction(self.about)
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("transport")
        self.toolbar.addActions([self.train, self.pause, self.stop, self.step, self.reset])
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        window.addToolBar(self.toolbar)

    def finish_view_menu(self, dock_actions: list[QAction]) -> None:
        """Dock toggles, the views submenu, layout reset and the language submenu, in that order."""
        self.view_menu.addActions(dock_actions)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.views_menu)
        self.view_menu.addAction(self.reset_layout)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        texts = {
            self.new: (self.tr("&New Project"), self.tr("Start an empty project")),
            self.open: (self.tr("&Open Project…"), self.tr("Open a .nnproj project file")),
            self.save: (self.tr("&Save Project"), self.tr("Save the project with the model's weights")),
            self.save_as: (self.tr("Save Project &As…"), self.tr("Save the project under a new name")),
            self.import_csv: (self.tr("&Import CSV…"), self.tr("Train on your own table")),
            self.export: (self.tr("&Export Model…"), self.tr("Write the trained model in other formats")),
            self.predict: (self.tr("&Predict on CSV…"), self.tr("Predict the rows of a CSV file with the model")),
            self.report: (self.tr("Write &Report…"), self.tr("Write a metrics report of the trained model")),
            self.quit: (self.tr("&Quit"), self.tr("Close the studio")),
            self.undo: (self.tr("&Undo"), self.tr("Undo the last model edit")),
            self.redo: (self.tr("&Redo"), self.tr("Redo the model edit undone last")),
            self.freeze: (self.tr("&Freeze Selected Layer"),
                          self.tr("Keep the selected layer's weights fixed while training (trainable off)")),
            self.train: (self.tr("Train"), self.tr("Train for the number of epochs set in the Training panel")),
            self.pause: (self.tr("Pause"), self.tr("Pause after the current batch; press again to resume")),
            self.stop: (self.tr("Stop"), self.tr("End the run after the current batch; the weights are kept")),
            self.step: (self.tr("Step"), self.tr("Train exactly one epoch (or finish the current one)")),
            self.reset: (self.tr("Reset"), self.tr("Re-initialise the weights with the same seed")),
            self.reset_layout: (self.tr("Reset &Layout"), self.tr("Put the panels and views back in place")),
            self.about: (self.tr("&About NN Training Studio"), ""),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '')} — {tip}" if tip else text.replace("&", ""))
        if self.pause.isChecked():
            self.pause.setText(self.tr("Resume"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.train_menu.setTitle(self.tr("&Training"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.recent_menu.setTitle(self.tr("Recent &Projects"))
        self.views_menu.setTitle(self.tr("&Views"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.toolbar.setWindowTitle(self.tr("Transport"))
        for code, action in self.languages.items():
            action.setChecked(code == i18n.current_language())
