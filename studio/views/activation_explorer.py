"""The activation explorer: any activation's f(x) and f′(x) on one plot, its parameters editable, saturation
regions shaded, and earlier choices kept as overlays to compare.

Values come from the engine itself (``Activation.forward`` and ``derivative``); row-wise activations (softmax)
are shown for the pair [x, 0], their derivative being ∂f(x, 0)₀/∂x from the engine's ``backward``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from engine.registry import ACTIVATIONS
from studio.i18n import Retranslating
from studio.plots import CLASS_COLOURS
from studio.plots.style import make_plot, pen
from studio.widgets.param_form import ParamForm

__all__ = ["ActivationExplorerView", "activation_curves"]

X_RANGE = (-6.0, 6.0)
POINTS = 601


def activation_curves(key: str, config: dict[str, Any] | None = None, x: np.ndarray | None = None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(x, f(x), f′(x))`` of activation ``key`` with ``config``, in float64."""
    fn = ACTIVATIONS.create({"type": key, "config": dict(config or {})})
    x = np.linspace(*X_RANGE, POINTS) if x is None else np.asarray(x, dtype=np.float64)
    if fn.elementwise:
        y = fn.forward(x)
        return x, y, fn.derivative(x, y)
    pairs = np.stack([x, np.zeros_like(x)], axis=1)
    y = fn.forward(pairs)
    grad = np.zeros_like(pairs)
    grad[:, 0] = 1.0
    return x, y[:, 0], fn.backward(pairs, y, grad)[:, 0]


class ActivationExplorerView(Retranslating, QWidget):
    """Choose an activation, edit its parameters, pin it to compare with others."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox()
        self.chooser.setObjectName("activation")
        self.chooser.addItems(ACTIVATIONS.names())
        self.pin_button, self.clear_button = QPushButton(), QPushButton()
        self.pin_button.setObjectName("pin")
        self.clear_button.setObjectName("clear")
        self.chooser_label = QLabel()
        self.help = QLabel()
        self.help.setWordWrap(True)
        controls = QHBoxLayout()
        for widget in (self.chooser_label, self.chooser, self.pin_button, self.clear_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.plot = make_plot("activation_explorer")
        item = self.plot.getPlotItem()
        item.addLegend(offset=(10, 10), labelTextColor="#333333", brush=pg.mkBrush(255, 255, 255, 210))
        item.setXRange(*X_RANGE, padding=0)
        self.form_box = QVBoxLayout()
        self.form: ParamForm | None = None
        side = QVBoxLayout()
        side.addWidget(self.help)
        side.addLayout(self.form_box)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.plot, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(body, 1)
        self.config: dict[str, Any] = {}
        self.overlays: list[tuple[str, dict[str, Any]]] = []
        self._items: list[Any] = []
        self.chooser.currentTextChanged.connect(self._on_choice)
        self.pin_button.clicked.connect(self.pin)
        self.clear_button.clicked.connect(self.clear_overlays)
        self.retranslate()
        self.set_activation("tanh")

    # -- API ---------------------------------------------------------------------------------------------------
    def set_activation(self, key: str, config: dict[str, Any] | None = None) -> None:
        """Show activation ``key`` with parameters ``config`` (defaults for the rest)."""
        self.chooser.setCurrentText(ACTIVATIONS.canonical(key))
        if config and self.form is not None:
            self.form.set_values(config)

    def current(self) -> tuple[str, dict[str, Any]]:
        """The shown activation's key and validated parameters."""
        return self.chooser.currentText(), dict(self.config)

    def curve_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(x, f, f′)`` as drawn for the current activation."""
        return activation_curves(*self.current())

    def pin(self) -> None:
        """Keep the current activation on the plot as an overlay."""
        self.overlays.append(self.current())
        self._draw()

    def clear_overlays(self) -> None:
        """Remove the pinned overlays."""
        self.overlays.clear()
        self._draw()

    # -- drawing -----------------------------------------------------------------------------------------------
    def _on_choice(self, key: str) -> None:
        if self.form is not None:
            self.form_box.removeWidget(self.form)
            self.form.deleteLater()
        self.form = ParamForm(ACTIVATIONS.params(key), owner=key)
        self.form.setObjectName("params")
        self.form_box.addWidget(self.form)
        self.form.changed.connect(self._on_params)
        self.config = self.form.values() or {}
        self.help.setText(ACTIVATIONS.meta(key)["help"])
        self._draw()

    def _on_params(self, config: dict[str, Any]) -> None:
        self.config = dict(config)
        self._draw()

    def _draw(self) -> None:
        item = self.plot.getPlotItem()
        for old in self._items:
            item.removeItem(old)
            if item.legend is not None:
                item.legend.removeItem(old)
        self._items = []
        key, config = self.current()
        for low, high in ACTIVATIONS.get(key).saturation:
            region = pg.LinearRegionItem((X_RANGE[0] if low is None else low, X_RANGE[1] if high is None else high),
                                         movable=False, brush=pg.mkBrush(200, 200, 200, 70),
                                         pen=pg.mkPen(None))
            item.addItem(region)
            self._items.append(region)
        shown = [*self.overlays, (key, config)]
        for i, (name, params) in enumerate(shown):
            x, f, df = activation_curves(name, params)
            colour = CLASS_COLOURS[i % len(CLASS_COLOURS)] if i < len(shown) - 1 else "#1f1f1f"
            label = name + ("" if not params else " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")")
            self._items.append(item.plot(x, f, pen=pen(colour, 2.5), name=f"f: {label}"))
            self._items.append(item.plot(x, df, pen=pen(colour, 2.0, dashed=True), name=f"f′: {label}"))

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.chooser_label.setText(self.tr("Activation:"))
        self.pin_button.setText(self.tr("Pin to compare"))
        self.clear_button.setText(self.tr("Clear pinned"))
        item = self.plot.getPlotItem()
        item.setTitle(self.tr("f(x) solid, f′(x) dashed; shaded: saturation"))
        item.setLabel("bottom", "x")

