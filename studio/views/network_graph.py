"""The network as TensorFlow Playground draws it: neurons with their output maps, weights as coloured lines.

Nodes are the input features and the units of each dense layer (a dense layer and the shape-keeping layers after
it, see :func:`engine.insight.neurons.dense_groups`), each with a small heatmap of its output over the
decision-boundary plane. Edges are the kernel's weights: width ∝ |w| on one scale shared by the whole network,
blue for positive and orange for negative. Hovering shows the value and the unit's formula with its numbers
(``h¹₁ = tanh(0.82·x₁ − 1.10·x₂ + 0.05)``) and enlarges a neuron's map. While paused (:meth:`set_editable`),
clicking an edge opens an editor whose Apply emits ``weight_edit_requested(param_name, index, value)``; the window
applies it to the engine's model and sends the new weights back with :meth:`set_weights`. Layers with more than
``top_k`` units show their top-k units by Σ|w|.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.insight.boundary import make_plane, plane_grid
from engine.insight.neurons import dense_groups, neuron_maps
from engine.model import Sequential
from studio.plots.redraw import LiveView
from studio.views import NEGATIVE_RGB, POSITIVE_RGB, ModelMirror, diverging_rgba

__all__ = ["MAX_EDGE_WIDTH", "NetworkGraphView", "formula"]

MAX_EDGE_WIDTH = 8.0
THUMB = 40
MAP_RESOLUTION = 24
COLUMN_GAP = 170
ROW_GAP = 58
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Formulas list every term up to this many inputs, else the largest ones and how many are left out.
FORMULA_TERMS = 8
#: Activations whose outputs are probabilities: their maps are coloured around ½ instead of 0.
PROBABILITY_OUTPUTS = frozenset({"sigmoid", "hard_sigmoid", "softmax"})


def node_name(column: int, unit: int, columns: int) -> str:
    """x₁ for inputs, h¹₁ for the first hidden layer's first unit, ŷ₁ for the outputs."""
    if column == 0:
        return f"x{unit + 1}".translate(_SUB)
    if column == columns - 1:
        return "ŷ" + str(unit + 1).translate(_SUB)
    return "h" + str(column).translate(_SUP) + str(unit + 1).translate(_SUB)


def formula(name: str, activation: str, weights: np.ndarray, inputs: Sequence[str], bias: float | None) -> str:
    """``name = activation(w₁·in₁ ± w₂·in₂ … ± b)`` with two decimals; long sums keep their largest terms."""
    order = np.arange(len(weights))
    if len(weights) > FORMULA_TERMS:
        order = np.sort(np.argsort(-np.abs(weights), kind="stable")[:FORMULA_TERMS - 2])
    text = ""
    for i in order:
        w = float(weights[i])
        sign = ("−" if w < 0 else "") if not text else (" − " if w < 0 else " + ")
        text += f"{sign}{abs(w):.2f}·{inputs[i]}"
    if len(order) < len(weights):
        text += f" + … ({len(weights) - len(order)} more)"
    if bias is not None:
        text += f" {'−' if bias < 0 else '+'} {abs(bias):.2f}"
    return f"{name} = {text}" if activation == "linear" else f"{name} = {activation}({text})"


def _pixmap(values: np.ndarray, size: int) -> QPixmap:
    rgba = np.ascontiguousarray(diverging_rgba(values[::-1]))  # row 0 is the lowest v: draw it at the bottom
    image = QImage(rgba.data, rgba.shape[1], rgba.shape[0], 4 * rgba.shape[1], QImage.Format.Format_RGBA8888)
    return QPixmap.fromImage(image.copy()).scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation)


class _Edge(QGraphicsLineItem):
    """One weight: ``param`` (full name) and ``index`` (input, unit) into its kernel."""

    def __init__(self, view: NetworkGraphView, param: str, index: tuple[int, int], weight: float, text: str) -> None:
        super().__init__()
        self.view, self.param, self.index, self.weight, self.text = view, param, index, weight, text
        self.setAcceptHoverEvents(True)
        self.setToolTip(text)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 (a Qt override)
        self.view.show_hover(self.text)
        super().hoverEnterEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (a Qt override)
        self.view.begin_edit(self.param, self.index)
        event.accept()


class _Node(QGraphicsPixmapItem):
    """One neuron's output map; hovering shows its formula and an enlarged map."""

    def __init__(self, view: NetworkGraphView, key: tuple[int, int], values: np.ndarray, text: str) -> None:
        super().__init__(_pixmap(values, THUMB))
        self.view, self.key, self.values, self.text = view, key, values, text
        self.setAcceptHoverEvents(True)
        self.setToolTip(text)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 (a Qt override)
        self.view.show_hover(self.text, self)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 (a Qt override)
        self.view.show_hover("", None)
        super().hoverLeaveEvent(event)


class NetworkGraphView(LiveView):
    """Neurons with output maps and weighted edges; see the module docstring for the API."""

    weight_edit_requested = Signal(str, object, float)

    def __init__(self, parent: QWidget | None = None, top_k: int = 8) -> None:
        super().__init__(parent)
        self.top_k = top_k
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setObjectName("graph")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setBackgroundBrush(QBrush(QColor("white")))
        self.hover = QLabel()
        self.hover.setObjectName("hover")
        self.hover.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_label = QLabel()
        self.edit_value = QDoubleSpinBox()
        self.edit_value.setObjectName("edit_value")
        self.edit_value.setRange(-1e6, 1e6)
        self.edit_value.setDecimals(4)
        self.edit_value.setSingleStep(0.1)
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("apply_weight")
        self.editor = QWidget()
        editor_layout = QHBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.edit_label, self.edit_value, self.apply_button):
            editor_layout.addWidget(widget)
        editor_layout.addStretch(1)
        self.editor.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.editor)
        self.apply_button.clicked.connect(self._apply)
        self._mirror: ModelMirror | None = None
        self._x: np.ndarray | None = None
        self._feature_names: list[str] = []
        self._plane: tuple[tuple[int, int], str] = ((0, 1), "median")
        self._editable = False
        self._editing: tuple[str, tuple[int, int]] | None = None
        self._zoom: QGraphicsPixmapItem | None = None
        self.edges: dict[tuple[str, tuple[int, int]], _Edge] = {}
        self.nodes: dict[tuple[int, int], _Node] = {}
        self.retranslate()

    # -- API ---------------------------------------------------------------------------------------------------
    def set_data(self, x: np.ndarray, feature_names: Sequence[str] = ()) -> None:
        """The training inputs that span the plane of the neuron maps, and the features' names."""
        self._x = np.asarray(x, dtype=np.float64)
        self._feature_names = list(feature_names)
        self._changed()

    def set_plane(self, columns: tuple[int, int], projection: str = "median") -> None:
        """The plane of the neuron maps (as the decision-boundary view's)."""
        self._plane = (tuple(columns), projection)
        self._changed()

    def set_model(self, model: Sequential) -> None:
        """Draw this model (a private copy; follow training with :meth:`set_weights`)."""
        self._mirror = ModelMirror(model)
        self._changed()

    def set_weights(self, weights: Mapping[str, np.ndarray]) -> None:
        """New weights by full parameter name; redrawn at the next tick."""
        if self._mirror is not None:
            self._mirror.set_weights(weights)
            self._changed()

    def set_editable(self, editable: bool) -> None:
        """Allow editing weights by clicking edges (the window allows it while training is paused or idle)."""
        self._editable = bool(editable)
        if not editable:
            self.editor.hide()
            self._editing = None

    def edge_widths(self) -> dict[tuple[str, tuple[int, int]], float]:
        """Pen width of each drawn edge by (parameter name, (input, unit))."""
        return {key: edge.pen().widthF() for key, edge in self.edges.items()}

    def begin_edit(self, param: str, index: tuple[int, int]) -> None:
        """Open the editor on one weight (what clicking an edge does); ignored unless editable."""
        if not self._editable or (param, index) not in self.edges:
            return
        self._editing = (param, index)
        self.edit_label.setText(self.tr("{name}[{i}, {j}] =").format(name=param, i=index[0], j=index[1]))
        self.edit_value.setValue(self.edges[(param, index)].weight)
        self.editor.show()

    def show_hover(self, text: str, node: _Node | None = None) -> None:
        """Show ``text`` under the graph and, for a neuron, its map enlarged beside it."""
        self.hover.setText(text)
        if self._zoom is not None:
            self.scene.removeItem(self._zoom)
            self._zoom = None
        if node is not None:
            self._zoom = self.scene.addPixmap(_pixmap(node.values, THUMB * 3))
            self._zoom.setPos(node.pos() + QPointF(THUMB + 8, -THUMB))
            self._zoom.setZValue(10)
            self._zoom.setAcceptHoverEvents(False)

    # -- drawing -----------------------------------------------------------------------------------------------
    def _apply(self) -> None:
        if self._editing is not None:
            param, index = self._editing
            self.weight_edit_requested.emit(param, index, float(self.edit_value.value()))

    def _redraw(self) -> None:
        if self._mirror is None or self._x is None:
            return
        model = self._mirror.model
        groups = dense_groups(model)
        plane = make_plane(self._x, *self._plane)
        _, _, inputs = plane_grid(plane, self._x, MAP_RESOLUTION)
        columns = neuron_maps(model, inputs, (MAP_RESOLUTION, MAP_RESOLUTION), self.top_k)
        self._zoom = None
        self.scene.clear()
        self.edges, self.nodes = {}, {}
        positions: list[dict[int, QPointF]] = []
        total = len(columns)
        for c, (_, units, _) in enumerate(columns):
            top = -(len(units) - 1) * ROW_GAP / 2
            positions.append({int(u): QPointF(c * COLUMN_GAP, top + r * ROW_GAP) for r, u in enumerate(units)})
        names = [[node_name(c, u, total) for u in range(self._width(c, columns, groups))] for c in range(total)]
        scale = max((float(np.max(np.abs(g.kernel))) for g in groups), default=1.0) or 1.0
        for c, group in enumerate(groups, start=1):
            bias = group.bias
            kernel = group.kernel
            for j, end in positions[c].items():
                text = formula(names[c][j], group.activation, kernel[:, j], names[c - 1],
                               None if bias is None else float(bias[j]))
                for i, start in positions[c - 1].items():
                    self._add_edge(group.dense.parameter("kernel").name, (i, j), float(kernel[i, j]), start, end,
                                   scale, names[c - 1][i], names[c][j])
                centre = 0.5 if group.activation in PROBABILITY_OUTPUTS else 0.0  # a probability map is white at ½
                self._add_node((c, j), columns[c][2][list(columns[c][1]).index(j)] - centre, end, text)
        for i, start in positions[0].items():
            self._add_node((0, i), columns[0][2][list(columns[0][1]).index(i)], start, names[0][i])
            label = self.scene.addSimpleText(self._feature_names[i] if i < len(self._feature_names) else names[0][i])
            label.setPos(start.x() - label.boundingRect().width() - 8, start.y() + THUMB / 2 - 8)
        for j, end in positions[-1].items():
            self.scene.addSimpleText(names[-1][j]).setPos(end.x() + THUMB + 6, end.y() + THUMB / 2 - 8)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-20, -20, 20 + THUMB * 3, 20))
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    @staticmethod
    def _width(column: int, columns: list[Any], groups: list[Any]) -> int:
        if column == 0:
            return groups[0].kernel.shape[0] if groups else len(columns[0][1])
        return groups[column - 1].kernel.shape[1]

    def _add_edge(self, param: str, index: tuple[int, int], weight: float, start: QPointF, end: QPointF,
                  scale: float, source: str, target: str) -> None:
        text = self.tr("{param}: {source} → {target}: w = {value}").format(param=param, source=source,
                                                                             target=target, value=f"{weight:.4f}")
        edge = _Edge(self, param, index, weight, text)
        colour = QColor(*(POSITIVE_RGB if weight >= 0 else NEGATIVE_RGB))
        colour.setAlpha(200)
        pen = QPen(colour, MAX_EDGE_WIDTH * abs(weight) / scale)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        edge.setPen(pen)
        edge.setLine(start.x() + THUMB, start.y() + THUMB / 2, end.x(), end.y() + THUMB / 2)
        edge.setZValue(0)
        self.scene.addItem(edge)
        self.edges[(param, index)] = edge

    def _add_node(self, key: tuple[int, int], values: np.ndarray, position: QPointF, text: str) -> None:
        node = _Node(self, key, values, text)
        node.setPos(position)
        node.setZValue(1)
        frame = QGraphicsRectItem(QRectF(0, 0, THUMB, THUMB), node)
        frame.setPen(QPen(QColor("#555555"), 1))
        self.scene.addItem(node)
        self.nodes[key] = node

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (a Qt override)
        super().resizeEvent(event)
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        self.apply_button.setText(self.tr("Apply"))
        self.view.setToolTip(self.tr("Hover a neuron or a weight for its formula; click a weight to edit it while "
                                     "training is paused."))
        self._changed()
