"""The layer builder's Add menu: a search field, then every registered layer under its category.

Built from the catalog alone (no layer by name), so a layer added to the engine is offered here with no change.
Typing filters the entries by name, key and help; Return adds the first match. Its texts keep the translation
context "LayerBuilder", where they have always been.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget, QWidgetAction

from studio.catalog import Catalog, display_name

__all__ = ["LayerAddMenu"]


class LayerAddMenu(QMenu):
    """Offers every registered layer; choosing one calls ``add(key)``."""

    def __init__(self, catalog: Catalog, add: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTipsVisible(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("layer_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self.add_first_match)
        search_action = QWidgetAction(self)
        search_action.setDefaultWidget(self.search)
        self.addAction(search_action)
        self.aboutToShow.connect(self.search.setFocus)
        self._sections: dict[str, tuple[QAction, list[QAction]]] = {}
        self.layer_actions: dict[str, QAction] = {}
        entries = catalog.entries("layers")
        for category in catalog.categories("layers"):
            section = self.addSection(category)
            actions = []
            for entry in (e for e in entries if e.category == category):
                action = self.addAction(entry.display_name)
                action.setData(entry.key)
                action.setToolTip(f"{entry.key} — {entry.help}")
                action.triggered.connect(lambda _=False, key=entry.key: add(key))
                actions.append(action)
                self.layer_actions[entry.key] = action
            self._sections[category] = (section, actions)

    def filter(self, text: str) -> None:
        """Show only the layers whose name, key or help has every word of ``text``."""
        words = text.strip().lower().split()
        for section, actions in self._sections.values():
            for action in actions:
                haystack = f"{action.text()} {action.data()} {action.toolTip()}".lower()
                action.setVisible(all(word in haystack for word in words))
            section.setVisible(any(action.isVisible() for action in actions))

    def add_first_match(self) -> None:
        match = next((a for a in self.layer_actions.values() if a.isVisible()), None)
        if match is not None:
            self.close()
            match.trigger()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(QCoreApplication.translate("LayerBuilder", "Search layers…"))
        categories = {
            "core": QCoreApplication.translate("LayerBuilder", "Core"),
            "activation": QCoreApplication.translate("LayerBuilder", "Activation"),
            "convolution": QCoreApplication.translate("LayerBuilder", "Convolution"),
            "pooling": QCoreApplication.translate("LayerBuilder", "Pooling"),
            "recurrent": QCoreApplication.translate("LayerBuilder", "Recurrent"),
            "normalization": QCoreApplication.translate("LayerBuilder", "Normalization"),
            "regularization": QCoreApplication.translate("LayerBuilder", "Regularization"),
            "reshape": QCoreApplication.translate("LayerBuilder", "Reshape"),
        }
        other = QCoreApplication.translate("LayerBuilder", "Other")
        for category, (section, _) in self._sections.items():
            section.setText(categories.get(category, display_name(category) if category else other))
