"""The Data dock: the 2-D toy datasets as clickable thumbnails, the other built-ins in a list, CSV import and a
summary of the chosen data.

Everything listed comes from the ``DATASETS`` registry (a toy is an entry with ``kind="toy2d"``). The noise, size
and validation controls act on the selected toy; they redraw its thumbnail and reload it after a short pause
(debounced), then :attr:`DataPanel.dataset_changed` carries the spec and the loaded engine ``Dataset``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.data.builtin import load_dataset
from engine.data.dataset import Dataset
from engine.data.splits import train_val_test_split
from engine.errors import EngineError
from engine.registry import DATASETS
from studio.catalog import display_name
from studio.i18n import Retranslating
from studio.widgets.dataset_thumbnail import ThumbnailCache, render_balance, render_scatter

__all__ = ["DEBOUNCE_MS", "THUMBNAIL_SIZE", "DataPanel"]

THUMBNAIL_SIZE = 72
#: Pause after the last control edit before the toy is regenerated.
DEBOUNCE_MS = 200
_COLUMNS = 3


class DataPanel(Retranslating, QWidget):
    """Pick a dataset. ``dataset_changed(spec, dataset)`` after each pick or (debounced) setting change;
    ``validation_split_changed(float)`` when the validation ratio changes; ``import_requested()`` for CSV."""

    dataset_changed = Signal(dict, object)
    validation_split_changed = Signal(float)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = ThumbnailCache()
        self._toys = DATASETS.names(kind="toy2d")
        self._configs: dict[str, dict[str, Any]] = {key: {} for key in self._toys}
        self._spec: dict[str, Any] | None = None
        self.dataset: Dataset | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._build()
        self.retranslate()

    # -- building ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.noise, self.size, self.ratio = QDoubleSpinBox(self), QSpinBox(self), QDoubleSpinBox(self)
        self.noise.setDecimals(2)
        self.noise.setSingleStep(0.05)
        self.ratio.setRange(0.0, 0.9)
        self.ratio.setSingleStep(0.05)
        self.ratio.setValue(0.2)
        self.toy_group = QGroupBox(self)
        grid = QGridLayout(self.toy_group)
        self.buttons = QButtonGroup(self)
        self.toy_buttons: dict[str, QToolButton] = {}
        for i, key in enumerate(self._toys):
            button = QToolButton(self.toy_group)
            button.setObjectName(f"toy_{key}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            name = display_name(key)
            button.setText(self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, THUMBNAIL_SIZE + 16))
            button.setToolTip(f"{name}: {DATASETS.meta(key)['help']}")
            button.setIcon(QIcon(self.thumbnail(key)))
            button.clicked.connect(lambda _=False, k=key: self.select_dataset({"type": k, "config": self._configs[k]}))
            self.buttons.addButton(button)
            self.toy_buttons[key] = button
            grid.addWidget(button, i // _COLUMNS, i % _COLUMNS)
        self.noise.valueChanged.connect(self._on_control)
        self.size.valueChanged.connect(self._on_control)
        self.ratio.valueChanged.connect(self._on_ratio)
        self.controls = QGroupBox(self)
        self._control_form = QFormLayout(self.controls)
        self._captions = (QLabel(), QLabel(), QLabel())
        for caption, field in zip(self._captions, (self.noise, self.size, self.ratio), strict=True):
            self._control_form.addRow(caption, field)
        self.others = QListWidget(self)
        self.others.setObjectName("builtin_list")
        for key in DATASETS.names():
            if key not in self._toys:
                item = QListWidgetItem(display_name(key), self.others)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(DATASETS.meta(key)["help"])
        self.others.setMaximumHeight(self.others.sizeHintForRow(0) * (self.others.count() + 1) + 6)
        self.others.itemClicked.connect(
            lambda item: self.select_dataset({"type": item.data(Qt.ItemDataRole.UserRole), "config": {}}))
        self.others_label = QLabel(self)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_csv")
        self.import_button.clicked.connect(self.import_requested)
        self.summary_group = QGroupBox(self)
        summary = QVBoxLayout(self.summary_group)
        self.summary, self.balance = QLabel(self), QLabel(self)
        self.summary.setObjectName("dataset_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.addWidget(self.summary)
        summary.addWidget(self.balance)
        content = QWidget(self)
        column = QVBoxLayout(content)
        for widget in (self.toy_group, self.controls, self.others_label, self.others, self.import_button,
                       self.summary_group):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._show_controls(None)

    # -- public API --------------------------------------------------------------------------------------------
    def thumbnail(self, key: str) -> Any:
        """The (cached) thumbnail pixmap of toy ``key`` with its current settings and validation ratio."""
        spec = {"type": key, "config": self._configs[key]}
        cache_key = ThumbnailCache.key(spec, self.ratio.value(), THUMBNAIL_SIZE)
        pixmap = self.cache.get(cache_key)
        if pixmap is None:
            data = load_dataset(spec)
            pixmap = render_scatter(data, THUMBNAIL_SIZE, self._validation_rows(data, spec))
            self.cache.put(cache_key, pixmap)
        return pixmap

    def select_dataset(self, spec: dict[str, Any]) -> Dataset | None:
        """Load the built-in ``spec``, show it as selected and emit ``dataset_changed``; None (and the message in
        the summary) when the engine refuses the spec."""
        key = DATASETS.canonical(spec["type"])
        config = dict(spec.get("config") or {})
        try:
            data = load_dataset({"type": key, "config": config})
        except EngineError as error:
            self.summary.setText(error.message)
            self.balance.clear()
            return None
        self._spec = {"type": key, "config": config}
        if key in self._configs:
            self._configs[key] = config
        button = self.toy_buttons.get(key)
        if button is not None:
            button.setChecked(True)
            button.setIcon(QIcon(self.thumbnail(key)))
            self.others.clearSelection()
        else:
            self._uncheck_toys()
            for row in range(self.others.count()):
                item = self.others.item(row)
                item.setSelected(item.data(Qt.ItemDataRole.UserRole) == key)
        self._show_controls(key if button is not None else None)
        self.show_dataset(data)
        self.dataset_changed.emit(dict(self._spec), data)
        return data

    def spec(self) -> dict[str, Any] | None:
        """The spec of the selected built-in dataset (None after :meth:`show_dataset` of a CSV file)."""
        return None if self._spec is None else {"type": self._spec["type"], "config": dict(self._spec["config"])}

    def show_dataset(self, data: Dataset, external: bool = False) -> None:
        """Summarise ``data``; ``external`` (an imported CSV) clears the built-in selection."""
        self.dataset = data
        if external:
            self._spec = None
            self._uncheck_toys()
            self.others.clearSelection()
            self._show_controls(None)
        task = {"binary": self.tr("binary classification"), "multiclass": self.tr("multiclass classification"),
                "regression": self.tr("regression")}.get(data.task, data.task)
        self.summary.setText(self.tr("{name}: {rows} rows, {features} features, {task}").format(
            name=data.name or self.tr("data"), rows=data.n_samples, features=data.n_features, task=task))
        if data.is_classification:
            counts = data.class_counts()
            bars = render_balance(list(counts), list(counts.values()), 220, self.font())
            self.balance.setPixmap(bars)
            self.balance.setMinimumHeight(bars.height())
            self.balance.setToolTip(self.tr("Samples per class"))
        else:
            self.balance.clear()
            self.balance.setMinimumHeight(0)

    def validation_split(self) -> float:
        return round(self.ratio.value(), 4)

    def set_validation_split(self, ratio: float) -> None:
        """Show ``ratio`` (no signal when unchanged)."""
        self.ratio.setValue(float(ratio))

    def flush(self) -> None:
        """Apply pending control edits now (the debounce timer calls this)."""
        self._debounce.stop()
        if self._spec is not None and self._spec["type"] in self._configs:
            self.select_dataset(self._spec)

    # -- reactions ---------------------------------------------------------------------------------------------
    def _on_control(self, *_: Any) -> None:
        if self._spec is None or self._spec["type"] not in self._configs:
            return
        key = self._spec["type"]
        names = {p.name for p in DATASETS.params(key)}
        config = dict(self._spec["config"])
        if "noise" in names and self.noise.isEnabled():
            config["noise"] = round(self.noise.value(), 4)
        if "n_samples" in names:
            config["n_samples"] = self.size.value()
        self._spec = {"type": key, "config": config}
        self._configs[key] = config
        self._debounce.start()

    def _on_ratio(self, value: float) -> None:
        key = self._spec["type"] if self._spec is not None else None
        if key in self.toy_buttons:
            self.toy_buttons[key].setIcon(QIcon(self.thumbnail(key)))
        self.validation_split_changed.emit(round(value, 4))

    def _show_controls(self, key: str | None) -> None:
        """Enable the controls the toy ``key`` has, showing its values (all disabled for other data)."""
        params = {p.name: p for p in DATASETS.params(key)} if key is not None else {}
        config = self._configs.get(key, {}) if key is not None else {}
        for name, spin in (("noise", self.noise), ("n_samples", self.size)):
            spin.blockSignals(True)
            param = params.get(name)
            spin.setEnabled(param is not None)
            if param is not None:
                spin.setRange(param.low if param.low is not None else 0, param.high if param.high is not None else 1e6)
                spin.setValue(config.get(name, param.default))
            spin.blockSignals(False)

    def _uncheck_toys(self) -> None:
        self.buttons.setExclusive(False)
        for button in self.toy_buttons.values():
            button.setChecked(False)
        self.buttons.setExclusive(True)

    def _validation_rows(self, data: Dataset, spec: dict[str, Any]) -> np.ndarray | None:
        ratio = self.ratio.value()
        if ratio <= 0 or data.n_samples < 2:
            return None
        try:
            _, validation, _ = train_val_test_split(data.y if data.is_classification else data.n_samples, val=ratio,
                                                    seed=spec["config"].get("seed", 0))
        except EngineError:
            return None
        return validation

    # -- translation -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.toy_group.setTitle(self.tr("2-D toy datasets"))
        self.controls.setTitle(self.tr("Settings of the selected toy"))
        texts = (self.tr("Noise"), self.tr("Size (samples)"), self.tr("Validation ratio"))
        tips = (self.tr("Standard deviation of the random jitter added to every point.\nTypical: 0.1."),
                self.tr("How many points to generate.\nTypical: 200."),
                self.tr("Fraction of the points held out for validation, drawn as rings in the thumbnail.\n"
                        "Typical: 0.2."))
        for caption, field, text, tip in zip(self._captions, (self.noise, self.size, self.ratio), texts, tips,
                                             strict=True):
            caption.setText(text)
            caption.setToolTip(tip)
            field.setToolTip(tip)
        self.others_label.setText(self.tr("Other built-in datasets"))
        self.import_button.setText(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr("Train on your own table: choose a CSV file and its target column."))
        self.summary_group.setTitle(self.tr("Summary"))
        if self.dataset is not None:
            self.show_dataset(self.dataset)
        else:
            self.summary.setText(self.tr("No dataset chosen: click a thumbnail or a name."))
