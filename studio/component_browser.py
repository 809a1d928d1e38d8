"""The Components dock: every registered component (layers, activations, losses, optimizers, schedules) in a tree,
with the parameter form built from the selected one's ``Param`` specs.

It lists whatever the engine's registries hold (through :class:`studio.catalog.Catalog`), so a component added
to the engine appears here with its form without any change to the studio. ``config_changed(dict)`` follows every
valid edit of the form.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studio.catalog import Catalog, Entry, display_name
from studio.i18n import Retranslating
from studio.widgets.param_form import ParamForm

__all__ = ["KEY_ROLE", "KIND_ROLE", "ComponentBrowser"]

# Item data roles of the component tree: the registry kind and key of a component item.
KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ComponentBrowser(Retranslating, QWidget):
    """A tree of the registries' components above the selected component's help and parameter form."""

    config_changed = Signal(dict)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.param_form: ParamForm | None = None
        self.current_entry: Entry | None = None
        self._group_items: dict[str, dict[str, QTreeWidgetItem]] = {}
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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        self._fill_tree()
        self.retranslate()
        first = next(self._leaves(), None)
        if first is not None:
            self.tree.setCurrentItem(first)

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
        """Select a component, which shows its parameter form."""
        self.tree.setCurrentItem(self.component_items(kind)[key])

    def _on_current_item(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if key:
            self._show_entry(self.catalog.entry(item.data(0, KIND_ROLE), key))

    def _show_entry(self, entry: Entry) -> None:
        self.current_entry = entry
        self.details_title.setText(f"<b>{entry.display_name}</b> <code>{entry.key}</code>")
        self.details_help.setText(entry.help)
        self.param_form = ParamForm(entry.params, owner=entry.key, component_names=self.catalog.component_names)
        self.param_form.changed.connect(self.config_changed)
        self.form_area.setWidget(self.param_form)  # the scroll area deletes the previous form

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
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
