"""TensorBoard-style stacked histograms per layer over epochs: weights, biases, activations or gradients.

Each layer (each parameter, for gradients) gets a small plot where every recorded epoch is a filled histogram
drawn on its own baseline, the newest in front at the bottom. All layers of one epoch share bin edges
(:func:`engine.insight.stats.histograms`). A layer's title flags its fraction of dead ReLU units or saturated
sigmoid/tanh units (from :func:`engine.insight.stats.layer_health`). Feed it once per epoch::

    view.add_epoch(epoch, model.get_weights(), activations=logs["activations"], gradients=logs["gradients"],
                   health=layer_health(model, x_batch))

or, with the counting done elsewhere (the training thread), ``view.add_histograms(epoch, epoch_histograms(…))``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.insight.stats import histograms
from studio.plots.redraw import LiveView
from studio.plots.style import AXIS_COLOUR

__all__ = ["KINDS", "HistogramsView", "epoch_histograms"]

#: What can be shown, in the chooser's order.
KINDS = ("weights", "biases", "activations", "gradients")
#: Epochs drawn per plot (evenly spaced over the run, always including the newest).
SHOWN_EPOCHS = 12
BINS = 30
#: Small arrays (a 2×4 kernel) get fewer bins, down to this many, so their histograms are not all gaps.
MIN_BINS = 8
PLOTS_PER_ROW = 3
_WARNING = "#c62828"


def _by_layer(weights: Mapping[str, np.ndarray], short: str) -> dict[str, np.ndarray]:
    return {name.rsplit("/", 1)[0]: np.asarray(value) for name, value in weights.items()
            if name.rsplit("/", 1)[-1] == short}


def epoch_histograms(weights: Mapping[str, np.ndarray] | None = None, *,
                     activations: Mapping[str, np.ndarray] | None = None,
                     gradients: Mapping[str, np.ndarray] | None = None) -> dict[str, tuple[np.ndarray, dict]]:
    """One epoch's ``{kind: (shared edges, counts by name)}`` for the kinds given (Qt-free; any thread)."""
    arrays = {"weights": _by_layer(weights or {}, "kernel"), "biases": _by_layer(weights or {}, "bias"),
              "activations": dict(activations or {}), "gradients": dict(gradients or {})}
    found = {}
    for kind, values in arrays.items():
        if values:
            smallest = min(np.asarray(v).size for v in values.values())
            found[kind] = histograms(values, int(np.clip(2 * np.sqrt(smallest), MIN_BINS, BINS)))
    return found


class HistogramsView(LiveView):
    """Stacked histograms per layer; a chooser picks weights, biases, activations or gradients."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItems([""] * len(KINDS))
        self.kind_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.kind_label)
        controls.addWidget(self.kind)
        controls.addStretch(1)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.canvas.setObjectName("histograms")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.canvas, 1)
        #: per kind: list of (epoch, edges, counts by layer)
        self.snapshots: dict[str, list[tuple[int, np.ndarray, dict[str, np.ndarray]]]] = {k: [] for k in KINDS}
        self.health: dict[str, dict[str, float]] = {}
        self._plots: dict[str, pg.PlotItem] = {}
        self.kind.currentIndexChanged.connect(self._changed)
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def add_epoch(self, epoch: int, weights: Mapping[str, np.ndarray] | None = None, *,
                  activations: Mapping[str, np.ndarray] | None = None,
                  gradients: Mapping[str, np.ndarray] | None = None,
                  health: Mapping[str, Mapping[str, float]] | None = None) -> None:
        """Record one epoch: weights by full parameter name (``model.get_weights()``), layer outputs by layer
        name, gradients by parameter name, and the layers' dead/saturated fractions (any may be None)."""
        self.add_histograms(epoch, epoch_histograms(weights, activations=activations, gradients=gradients), health)

    def add_histograms(self, epoch: int, computed: Mapping[str, tuple[np.ndarray, dict[str, np.ndarray]]],
                       health: Mapping[str, Mapping[str, float]] | None = None) -> None:
        """Record one epoch already counted: ``{kind: (edges, counts by name)}`` (:func:`epoch_histograms`)."""
        for kind, (edges, counts) in computed.items():
            self.snapshots[kind].append((int(epoch), edges, counts))
        if health is not None:
            self.health = {name: dict(value) for name, value in health.items()}
        self._changed()

    def set_kind(self, kind: str) -> None:
        """Show ``"weights"``, ``"biases"``, ``"activations"`` or ``"gradients"``."""
        self.kind.setCurrentIndex(KINDS.index(kind))

    def latest(self, kind: str) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
        """The newest (edges, counts by layer) of ``kind``, or None."""
        return self.snapshots[kind][-1][1:] if self.snapshots[kind] else None

    def clear(self) -> None:
        """Forget every epoch (a new run)."""
        for snapshots in self.snapshots.values():
            snapshots.clear()
        self.health = {}
        self._changed()

    def title(self, name: str) -> str:
        """The plot title of layer/parameter ``name``, with its dead or saturated fraction when known."""
        health = self.health.get(name.rsplit("/", 1)[0], {})
        if "dead" in health:
            return self.tr("{name} — {share} dead").format(name=name, share=f"{health['dead']:.0%}")
        if "saturated" in health:
            return self.tr("{name} — {share} saturated").format(name=name, share=f"{health['saturated']:.0%}")
        return name

    # -- drawing -----------------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        kind = KINDS[max(self.kind.currentIndex(), 0)]
        snapshots = self.snapshots[kind]
        names = list(snapshots[-1][2]) if snapshots else []
        if list(self._plots) != names:
            self.canvas.clear()
            self._plots = {}
            for i, name in enumerate(names):
                plot = self.canvas.addPlot(row=i // PLOTS_PER_ROW, col=i % PLOTS_PER_ROW)
                plot.getAxis("left").setTextPen(pg.mkPen(AXIS_COLOUR))
                plot.getAxis("bottom").setTextPen(pg.mkPen(AXIS_COLOUR))
                plot.setMouseEnabled(x=False, y=False)
                self._plots[name] = plot
        if not snapshots:
            return
        chosen = np.unique(np.linspace(0, len(snapshots) - 1, min(SHOWN_EPOCHS, len(snapshots))).round().astype(int))
        for name, plot in self._plots.items():
            plot.clear()
            shown = [snapshots[i] for i in chosen if name in snapshots[i][2]]
            ticks = []
            for k, (epoch, edges, counts) in enumerate(shown):
                base = float(len(shown) - 1 - k)
                heights = counts[name] / max(int(counts[name].max()), 1) * 1.6
                age = (k + 1) / len(shown)
                colour = pg.mkColor(int(255 - 200 * age), int(170 - 90 * age), int(120 - 100 * age))
                fill = pg.mkColor(colour)
                fill.setAlpha(170)
                curve = pg.PlotDataItem(edges, base + heights, stepMode="center", fillLevel=base,
                                        pen=pg.mkPen(colour, width=1), brush=pg.mkBrush(fill))
                plot.addItem(curve)
                curve.setZValue(k)
                ticks.append((base, str(epoch)))
            shown_ticks = ticks[::max(1, len(ticks) // 6)]
            plot.getAxis("left").setTicks([shown_ticks if shown_ticks[-1] == ticks[-1] else [*shown_ticks, ticks[-1]]])
            title = self.title(name)
            flagged = title != name and self._flag(name)
            plot.setTitle(title, color=_WARNING if flagged else AXIS_COLOUR, size="9pt")

    def _flag(self, name: str) -> bool:
        health = self.health.get(name.rsplit("/", 1)[0], {})
        return max(health.get("dead", 0.0), health.get("saturated", 0.0)) > 0

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        texts = (self.tr("Weights"), self.tr("Biases"), self.tr("Activations"), self.tr("Gradients"))
        for i, text in enumerate(texts):
            self.kind.setItemText(i, text)
        self.kind_label.setText(self.tr("Show:"))
        self._changed()
