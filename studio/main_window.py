"""The studio's main window: menus, the dataset plot and the component browser built from the registries.

This is the one place that wires widgets together. The component browser lists whatever the engine's registries
hold (through :class:`studio.catalog.Catalog`), so a component added to the engine appears here with its form
without any change to the studio.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.data.dataset import Dataset
from studio import i18n
from studio.catalog import Catalog, Entry, display_name
from studio.widgets.param_form import ParamForm

__all__ = ["MainWindow"]

# Item data roles of the component tree: the registry kind and key of a component item.
KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

# Distinct, colour-blind-friendly class colours (Tableau 10).
_CLASS_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                  "#9c755f", "#bab0ac")


class MainWindow(QMainWindow):
    """The studio window for one dataset, with every registered component browsable in the left dock."""

    def __init__(self, catalog: Catalog, dataset: Dataset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.dataset = dataset
        self.param_form: ParamForm | None = None
        self.current_entry: Entry | None = None
        self._group_items: dict[str, dict[str, QTreeWidgetItem]] = {}
        self._build_actions()
        self._build_menus()
        self._build_plot()
        self._build_dock()
        self.summary = QLabel()
        self.summary.setObjectName("dataset_summary")
        self.statusBar().addWidget(self.summary)
        self.retranslate()
        self._select_first_component()

    # -- building ----------------------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, own_name in i18n.LANGUAGES.items():
            action = QAction(own_name, self, checkable=True)  # each language is named in itself
            action.setData(code)
            action.setChecked(code == i18n.current_language())
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_group.triggered.connect(lambda action: i18n.set_language(action.data()))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("file_menu")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("view_menu")
        self.language_menu = QMenu(self)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("help_menu")
        self.help_menu.addAction(self.about_action)

    def _build_plot(self) -> None:
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("dataset_plot")
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setAspectLocked(True)
        item.addLegend(offset=(10, 10))
        x = self.dataset.x.reshape(len(self.dataset.x), -1)
        names = self.dataset.feature_names
        item.setLabel("bottom", names[0] if names else "x1")
        item.setLabel("left", names[1] if len(names) > 1 else "x2")
        y_values = x[:, 1] if x.shape[1] > 1 else np.zeros(len(x))
        self.scatter_items: list[pg.ScatterPlotItem] = []
        for index, (label, mask) in enumerate(_groups(self.dataset)):
            colour = _CLASS_COLOURS[index % len(_CLASS_COLOURS)]
            scatter = pg.ScatterPlotItem(x[mask, 0], y_values[mask], size=7, pen=pg.mkPen("w", width=0.5),
                                         brush=pg.mkBrush(colour), name=label or None)
            item.addItem(scatter)
            self.scatter_items.append(scatter)
        self.setCentralWidget(self.plot)

    def _build_dock(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setObjectName("component_tree")
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.details_title = QLabel()
        self.details_title.setObjectName("details_title")
        self.details_title.setWordWrap(True)
        self.details_help = QLabel()
        self.details_help.setObjectName("details_help")
        self.details_help.setWordWrap(True)
        self.details_help.setTextFormat(Qt.TextFormat.PlainText)  # engine help text, never markup
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        details = QWidget()
        layout = QVBoxLayout(details)
        layout.addWidget(self.details_title)
        layout.addWidget(self.details_help)
        layout.addWidget(self.form_area, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        self.dock = QDockWidget(self)
        self.dock.setObjectName("components_dock")
        self.dock.setWidget(splitter)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [420], Qt.Orientation.Horizontal)
        self.view_menu.addAction(self.dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.language_menu)
        self._fill_tree()

    def _fill_tree(self) -> None:
        """One top item per registry, grouped by category when its components declare one."""
        for kind in self.catalog.kinds():
            top = QTreeWidgetItem(self.tree)
            top.setData(0, KIND_ROLE, kind)
            groups = {c: QTreeWidgetItem(top) for c in self.catalog.categories(kind) if c}
            for entry in self.catalog.entries(kind):
                leaf = QTreeWidgetItem(groups.get(entry.category, top), [entry.display_name])
                leaf.setData(0, KIND_ROLE, kind)
                leaf.setData(0, KEY_ROLE, entry.key)
                leaf.setToolTip(0, f"{entry.key} — {entry.help}")
            self._group_items[kind] = groups
            top.setExpanded(kind == "layers")
            for group in groups.values():
                group.setExpanded(kind == "layers")

    # -- behaviour ---------------------------------------------------------------------------------------------
    def component_items(self, kind: str) -> dict[str, QTreeWidgetItem]:
        """The tree items of ``kind``'s components, by registry key."""
        return {item.data(0, KEY_ROLE): item for item in self._leaves() if item.data(0, KIND_ROLE) == kind}

    def _leaves(self) -> Iterator[QTreeWidgetItem]:
        """Component items, top to bottom."""
        stack = [self.tree.topLevelItem(i) for i in reversed(range(self.tree.topLevelItemCount()))]
        while stack:
            item = stack.pop()
            if item.data(0, KEY_ROLE):
                yield item
            stack.extend(item.child(i) for i in reversed(range(item.childCount())))

    def select_component(self, kind: str, key: str) -> None:
        """Select a component in the browser, which shows its parameter form."""
        self.tree.setCurrentItem(self.component_items(kind)[key])

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if not key:
            return
        self._show_entry(self.catalog.entry(item.data(0, KIND_ROLE), key))

    def _show_entry(self, entry: Entry) -> None:
        self.current_entry = entry
        self.details_title.setText(f"<b>{entry.display_name}</b> <code>{entry.key}</code>")
        self.details_help.setText(entry.help)
        self.param_form = ParamForm(entry.params, owner=entry.key, component_names=self.catalog.component_names)
        self.param_form.changed.connect(self._on_config_changed)
        self.form_area.setWidget(self.param_form)  # the scroll area deletes the previous form

    def _select_first_component(self) -> None:
        first = next(self._leaves(), None)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _on_config_changed(self, config: dict) -> None:
        self.statusBar().showMessage(self.tr("Valid configuration: {config}").format(config=config), 5000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About NN Training Studio"), self.tr(
            "<p><b>NN Training Studio</b> {version}</p>"
            "<p>Build, train and inspect neural networks with a NumPy engine you can read.</p>"
            "<p>Components available: {count}.</p>").format(
                version=_version(), count=sum(len(self.catalog.names(k)) for k in self.catalog.kinds())))

    # -- translation -------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (a Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text in the current language (called again on a language change)."""
        self.setWindowTitle(self.tr("NN Training Studio"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.quit_action.setText(self.tr("&Quit"))
        self.quit_action.setStatusTip(self.tr("Close the studio"))
        self.about_action.setText(self.tr("&About NN Training Studio"))
        self.dock.setWindowTitle(self.tr("Components"))
        self.dock.toggleViewAction().setText(self.tr("&Components panel"))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())
        kinds = {"layers": self.tr("Layers"), "activations": self.tr("Activations"), "losses": self.tr("Losses"),
                 "optimizers": self.tr("Optimizers"), "schedules": self.tr("Learning-rate schedules")}
        categories = {"core": self.tr("Core"), "activation": self.tr("Activation"),
                      "regularization": self.tr("Regularization"), "normalization": self.tr("Normalization"),
                      "convolution": self.tr("Convolution"), "pooling": self.tr("Pooling"),
                      "reshape": self.tr("Reshape"), "recurrent": self.tr("Recurrent")}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            kind = top.data(0, KIND_ROLE)
            top.setText(0, kinds.get(kind, display_name(kind)))
            for category, group in self._group_items[kind].items():
                group.setText(0, categories.get(category, display_name(category)))
        if self.param_form is None:
            self.details_title.setText(self.tr("Select a component to see its parameters."))
        self.plot.getPlotItem().setTitle(self.tr("Dataset: {name}").format(name=self.dataset.name))
        self.summary.setText(self.tr(
            "{name}: {samples} samples, {features} features, {classes} classes. Components: {components}.").format(
                name=self.dataset.name, samples=self.dataset.n_samples, features=self.dataset.n_features,
                classes=self.dataset.n_classes, components=sum(len(self.catalog.names(k))
                                                               for k in self.catalog.kinds())))


def _groups(dataset: Dataset) -> list[tuple[str, np.ndarray]]:
    """(class name, row mask) per class; one unnamed group holding every row for a regression dataset."""
    if not dataset.is_classification:
        return [("", np.ones(dataset.n_samples, dtype=bool))]
    return [(name, dataset.y == index) for index, name in enumerate(dataset.classes)]


def _version() -> str:
    try:
        return version("nn-training-studio")
    except PackageNotFoundError:
        return ""
