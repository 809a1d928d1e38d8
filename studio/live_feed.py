"""The live views of the window and how the training signals feed them.

:class:`LiveViews` creates one page per view (:data:`VIEW_NAMES`) and connects the controller's public signals,
which arrive in the GUI thread: batch and epoch updates go to the curves, the validation scores of every epoch to
ROC, PR, the threshold panel and the confusion matrix, and the weight snapshots and layer captures (a few a
second, copied in the worker thread) to the insight views. The views never touch the trained model: each keeps
its own copy (``ModelMirror``) that the snapshots update, so nothing here reads arrays the worker is writing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QWidget

from engine.errors import EngineError
from engine.insight.feature_maps import feature_maps, filters
from engine.insight.gradcam import grad_cam
from engine.insight.stats import layer_health
from engine.model import Sequential
from studio.plots.confusion import ConfusionView
from studio.plots.curves import LossCurvesView
from studio.plots.frame_budget import FrameBudget
from studio.plots.metric_curves import MetricCurvesView
from studio.plots.pr import PrView
from studio.plots.redraw import MAX_REDRAWS_PER_SECOND, LiveView
from studio.plots.roc import RocView
from studio.plots.score_curves import positive_scores
from studio.plots.style import GuardedPlotWidget
from studio.plots.threshold import ThresholdPanel
from studio.run_data import RunData
from studio.views import ModelMirror
from studio.views.activation_explorer import ActivationExplorerView
from studio.views.decision_boundary import DecisionBoundaryView
from studio.views.feature_maps import FeatureMapsView
from studio.views.filters import FiltersView
from studio.views.gradcam import GradCamView
from studio.views.gradient_flow import GradientFlowView
from studio.views.hardest_samples import HardestSamplesView
from studio.views.histograms import HistogramsView, epoch_histograms
from studio.views.loss_landscape import LossLandscapeView
from studio.views.network_graph import NetworkGraphView
from studio.views.pooling_explorer import PoolingExplorer
from studio.worker import IDLE, PAUSED, TrainingController

__all__ = ["CAPTURE_VIEWS", "IMAGE_VIEWS", "SCORE_VIEWS", "TABLE_VIEWS", "VIEW_NAMES", "LiveViews"]

#: Every view, in tab order (the names ``nn-studio --view`` and ``--list-views`` use).
VIEW_NAMES = ("loss", "metrics", "roc", "pr", "confusion", "decision_boundary", "network", "histograms",
              "gradient_flow", "activations", "loss_landscape", "hardest_samples", "feature_maps", "filters",
              "gradcam", "pooling")
#: Views that need classification scores, views for tables of features, views for images.
SCORE_VIEWS = frozenset({"roc", "pr", "confusion"})
TABLE_VIEWS = frozenset({"decision_boundary", "network"})
IMAGE_VIEWS = frozenset({"feature_maps", "filters", "gradcam"})
#: Views fed by layer captures (activations and gradients of one batch, a few a second); the gradient flow view
#: gets every epoch's mean |gradient| per layer with the epoch's results instead.
CAPTURE_VIEWS = frozenset({"histograms"})
#: Redraws a second of each view while a run goes, at most (the plots' own limit, 30, when idle): painting a plot
#: costs the training thread time, since both need the interpreter, so the views' shared :class:`FrameBudget`
#: lowers the rate further for views that are expensive to draw.
TRAINING_REDRAWS_PER_SECOND = 15.0
#: Rows used for the layer-health flags and the loss landscape.
_SAMPLE_ROWS = 256


class LiveViews(QObject):
    """The view pages and their feeding; ``pages[name]`` is the widget to put in a tab."""

    def __init__(self, controller: TrainingController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.loss, self.metrics = LossCurvesView(), MetricCurvesView()
        self.roc, self.pr, self.confusion, self.threshold = RocView(), PrView(), ConfusionView(), ThresholdPanel()
        self.boundary, self.network = DecisionBoundaryView(), NetworkGraphView()
        self.histograms, self.gradient_flow = HistogramsView(), GradientFlowView()
        self.activations, self.landscape, self.hardest = ActivationExplorerView(), LossLandscapeView(), \
            HardestSamplesView()
        self.feature_maps, self.filters, self.gradcam = FeatureMapsView(), FiltersView(), GradCamView()
        self.pooling = PoolingExplorer()
        confusion_page = QWidget()
        row = QHBoxLayout(confusion_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.confusion, 3)
        row.addWidget(self.threshold, 1)
        self.pages: dict[str, QWidget] = {
            "loss": self.loss, "metrics": self.metrics, "roc": self.roc, "pr": self.pr, "confusion": confusion_page,
            "decision_boundary": self.boundary, "network": self.network, "histograms": self.histograms,
            "gradient_flow": self.gradient_flow, "activations": self.activations, "loss_landscape": self.landscape,
            "hardest_samples": self.hardest, "feature_maps": self.feature_maps, "filters": self.filters,
            "gradcam": self.gradcam, "pooling": self.pooling}
        #: drawing time during a run: redraws and plot paints keep the worker waiting (see worker.py) and spend it
        self.budget = FrameBudget()
        guard = self.budget.guard(controller.hold_worker)
        for name, page in self.pages.items():
            page.setObjectName(f"view_{name}")
            for plot in page.findChildren(GuardedPlotWidget):
                plot.paint_guard = guard
            for view in [page, *page.findChildren(LiveView)]:
                if isinstance(view, LiveView):
                    view.scheduler.guard = guard
                    view.scheduler.budget = self.budget
        self.data: RunData | None = None
        self.loss_spec: Any = None
        self._mirror: ModelMirror | None = None
        self._drawn: list[Any] = []  # the views holding a copy of the current model
        self._scores: tuple[np.ndarray, np.ndarray] | None = None
        self._captured: dict[str, Any] = {}
        self._histogram_epoch = -1
        self.wanted: set[str] = set(VIEW_NAMES)
        signals = controller.signals
        signals.batch_update.connect(self._on_batch)
        signals.epochs.connect(self._on_epochs)
        signals.scores.connect(self._on_scores)
        signals.snapshot.connect(self._on_snapshot)
        signals.captured.connect(self._on_captured)
        signals.started.connect(self._ask_capture)
        controller.state_changed.connect(self._on_state)
        self.threshold.threshold_changed.connect(self._on_threshold)
        self.hardest.sample_selected.connect(self.boundary.highlight)
        for combo in (self.boundary.x_column, self.boundary.y_column, self.boundary.projection):
            combo.currentIndexChanged.connect(self._follow_plane)
        self.feature_maps.layer_chosen.connect(lambda _name: self.update_images())
        self.feature_maps.sample_chosen.connect(lambda _index: self.update_images())
        self.filters.layer_chosen.connect(lambda _name: self.update_images())
        self.gradcam.sample_chosen.connect(lambda _index: self.update_images())
        self.gradcam.method_chosen.connect(lambda _method: self.update_images())

    # -- what is shown -----------------------------------------------------------------------------------------
    def available(self, name: str) -> bool:
        """Whether view ``name`` applies to the current data (scores need classes; images or tables)."""
        data = self.data
        if data is None:
            return name not in SCORE_VIEWS | IMAGE_VIEWS
        if name in SCORE_VIEWS:
            return data.task != "regression"
        if name in IMAGE_VIEWS:
            return data.is_image
        if name in TABLE_VIEWS:
            return not data.is_image
        return True

    def set_wanted(self, names: set[str]) -> None:
        """The views the user keeps open; captures, snapshots and gradient means are asked for only when one
        needs them."""
        self.wanted = set(names)
        self._ask_snapshots()
        self.controller.set_gradient_means("gradient_flow" in self.wanted)

    def _ask_snapshots(self) -> None:
        """Snapshots while a view needs them (an open view the data has, such as the feature maps of images);
        with histograms open, counted in the worker (see :func:`_digest`)."""
        open_views = {name for name in self.wanted if self.available(name)}
        wanted = bool(open_views - {"loss", "metrics", "roc", "pr", "confusion", "activations", "pooling"})
        rows = None
        if "histograms" in self.wanted and self.data is not None and len(self.data.x_train):
            rows = np.array(self.data.x_train[:_SAMPLE_ROWS])  # the worker's own copy
        self.controller.set_snapshots(wanted, _digest(rows) if "histograms" in self.wanted else None)

    # -- data and model ----------------------------------------------------------------------------------------
    def set_data(self, data: RunData | None) -> None:
        """New data: forget every curve and show the points."""
        self.data = data
        self.clear()
        self._ask_snapshots()
        if data is None:
            return
        classes = data.classes if data.task != "regression" else []
        self.metrics.set_task(data.task)
        if not data.is_image:
            self.boundary.set_data(data.x_train, data.y_train, data.x_val, data.y_val,
                                   feature_names=data.feature_names, classes=classes)
            self.network.set_data(data.x_train, data.feature_names)
        self.hardest.set_data(data.x_val, data.y_val, classes)
        self.threshold.setVisible(data.task == "binary")
        for view in (self.feature_maps, self.gradcam):
            view.set_sample_count(len(data.x_val))

    def set_model(self, model: Sequential | None, loss: Any) -> None:
        """A new (re-initialised) model: the views take private copies; curves start over."""
        self.loss_spec = loss
        self.clear()
        if model is None or not model.built:
            self._mirror = None
            return
        self._mirror = ModelMirror(model)
        self._drawn = [self.hardest]
        if self.data is not None and not self.data.is_image:
            self.boundary.set_model(model)
            self.network.set_model(model)
            self._drawn += [self.boundary, self.network]
        self.hardest.set_model(model, loss)
        layers = self._mirror.model.layers
        self.feature_maps.set_layers([la.name for la in layers if la.category in ("convolution", "pooling")
                                      and la.output_shape is not None and len(la.output_shape) in (2, 3)])
        self.filters.set_layers([la.name for la in layers if la.category == "convolution"])
        self.show_weights(0, model.get_weights())
        self.set_landscape(model)

    def set_landscape(self, model: Sequential) -> None:
        """The loss landscape around ``model``'s current weights (call only while no run is going)."""
        if self.data is not None and self.loss_spec is not None and len(self.data.x_train):
            rows = slice(0, _SAMPLE_ROWS)
            self.landscape.set_problem(model, self.loss_spec, self.data.x_train[rows], self.data.y_train[rows])

    def clear(self) -> None:
        """Forget the run's curves and scores (a new model or new data)."""
        for view in (self.loss, self.metrics, self.roc, self.pr, self.confusion, self.histograms,
                     self.gradient_flow):
            view.clear()
        self._scores = None
        self._captured = {}
        self._histogram_epoch = -1

    def show_weights(self, epoch: int, weights: dict[str, np.ndarray],
                     digest: dict[str, Any] | None = None) -> None:
        """Weights (copies) at ``epoch``: the model-drawing views follow them. ``digest`` holds what the worker
        already computed from them (a snapshot's ``histograms``/``health``); without one (no run going), the
        histograms are counted here."""
        if self._mirror is None:
            return
        with np.errstate(all="ignore"):  # the weights of a diverging run may be huge
            self._show_weights(epoch, weights, digest)

    def _show_weights(self, epoch: int, weights: dict[str, np.ndarray], digest: dict[str, Any] | None) -> None:
        self._mirror.set_weights(weights)
        for view in self._drawn:
            view.set_weights(weights)
        if epoch > self._histogram_epoch and "histograms" in self.wanted:
            if digest is None:
                rows = self.data.x_train[:_SAMPLE_ROWS] if self.data is not None else None
                digest = _digest(rows)(self._mirror.model, epoch, weights, self._captured)
            if "histograms" in digest:
                self._histogram_epoch = epoch
                self.histograms.add_histograms(epoch, digest["histograms"], digest.get("health"))
        self.update_images()

    # -- signals -----------------------------------------------------------------------------------------------
    def _on_batch(self, update: dict[str, Any]) -> None:
        if math.isfinite(update["loss"]):  # a diverged step is reported in the message area, not drawn
            self.loss.add_batch(update["step"], update["loss"])

    def _on_epochs(self, epochs: list[dict[str, Any]]) -> None:
        """Epochs as the worker delivers them (read-only dicts; a value that is not finite is not drawn).

        This slot and the scores' and snapshots' run while the worker waits between batches (``hold_worker``):
        they need the interpreter anyway, and NumPy calls in them (sorts, searches) let it go, after which the GUI
        thread would wait for the training thread's next switch to get it back, once per call."""
        with self.controller.hold_worker():
            shown = [(logs["epoch"] + 1, logs) for logs in epochs]
            self.loss.add_epochs(shown)
            self.metrics.add_epochs(shown)
            if epochs and "gradient_means" in epochs[-1]:
                self.gradient_flow.add_many_means((epoch, logs["gradient_means"]) for epoch, logs in shown
                                                  if logs.get("gradient_means"))

    def _on_scores(self, payload: dict[str, Any]) -> None:
        data = self.data
        if data is None or data.task == "regression":
            return
        with self.controller.hold_worker():
            y_true, y_score = payload["y_true"], payload["y_score"]
            self._scores = (y_true, y_score)
            self.roc.set_scores(y_true, y_score, data.classes)
            self.pr.set_scores(y_true, y_score, data.classes)
            if data.task == "binary":
                self.threshold.set_scores(y_true, y_score)
            self._recount()

    def _on_snapshot(self, payload: dict[str, Any]) -> None:
        with self.controller.hold_worker():
            self.show_weights(int(payload["epoch"]), payload["weights"], payload)
        self._ask_capture()

    def _on_captured(self, payload: dict[str, Any]) -> None:
        self._captured = payload

    def _on_state(self, state: str) -> None:
        self.budget.set_active(state not in (IDLE, PAUSED))  # paused: drawing costs the training nothing
        rate = MAX_REDRAWS_PER_SECOND if state == IDLE else TRAINING_REDRAWS_PER_SECOND
        for page in self.pages.values():
            for view in [page, *page.findChildren(LiveView)]:
                if isinstance(view, LiveView):
                    view.scheduler.set_rate(rate)

    def _ask_capture(self) -> None:
        if self.wanted & CAPTURE_VIEWS:
            self.controller.request_capture(True, True)

    def _on_threshold(self, threshold: float) -> None:
        for view in (self.roc, self.pr):
            view.set_operating_point(threshold)
        self._recount()

    def _recount(self) -> None:
        """The confusion matrix of the latest scores: at the threshold (binary) or the largest score."""
        if self._scores is None or self.data is None:
            return
        y_true, y_score = self._scores
        if self.data.task == "binary":
            predicted = (positive_scores(np.asarray(y_score)).reshape(len(y_true)) >= self.threshold.threshold)
        else:
            predicted = np.asarray(y_score).reshape(len(y_true), -1).argmax(axis=1)
        self.confusion.set_predictions(y_true, predicted.astype(np.int64), self.data.classes)

    def _follow_plane(self) -> None:
        projection = "pca" if self.boundary.projection.currentIndex() == 1 else "median"
        columns = (max(self.boundary.x_column.currentIndex(), 0), max(self.boundary.y_column.currentIndex(), 0))
        self.network.set_plane(columns, projection)

    def update_images(self) -> None:
        """Feature maps, filters and Grad-CAM of the chosen sample, from the private copy (image data only)."""
        data, mirror = self.data, self._mirror
        if data is None or mirror is None or not data.is_image or not len(data.x_val):
            return
        model = mirror.model
        try:
            if self.feature_maps.current_layer and self.feature_maps.isVisible():
                index = self.feature_maps.current_sample
                layer = self.feature_maps.current_layer
                self.feature_maps.set_maps(layer, feature_maps(model, data.x_val[index], [layer])[layer], index)
            if self.filters.layer_choice.currentText() and self.filters.isVisible():
                layer = self.filters.layer_choice.currentText()
                kernel = model.get_weights()[f"{layer}/kernel"]
                self.filters.set_filters(layer, filters(model, layer), float(np.abs(kernel).max()))
            if self.filters.layer_choice.count() and self.gradcam.isVisible():
                index = self.gradcam.sample_spin.value()
                sample = data.x_val[index]
                scores = model.predict(sample[None])[0]
                predicted = int(scores.argmax()) if scores.size > 1 else int(scores[0] >= 0.5)
                heat = grad_cam(model, sample, predicted, method=self.gradcam.method)
                self.gradcam.set_result(sample, heat, predicted, data.classes, true_class=int(data.y_val[index]))
        except EngineError:
            return  # a model the insight functions cannot read (no conv layer yet): the views stay empty


def _digest(rows: np.ndarray | None) -> Callable[[Sequential, int, dict[str, np.ndarray], dict[str, Any]],
                                                  dict[str, Any]]:
    """What the histograms view needs from a snapshot, computed where the snapshot is taken (the worker thread):
    the epoch's histograms of weights, biases and the newest captured activations and gradients, and the layers'
    dead/saturated fractions on ``rows``. Once per epoch; later snapshots of the same epoch get nothing."""
    done = [-1]

    def digest(model: Sequential, epoch: int, weights: dict[str, np.ndarray],
               captured: dict[str, Any]) -> dict[str, Any]:
        if epoch <= done[0]:
            return {}
        done[0] = epoch
        health = None
        with np.errstate(all="ignore"):  # the weights of a diverging run may be huge
            if rows is not None and len(rows):
                try:
                    health = layer_health(model, rows)
                except EngineError:
                    health = None
            counted = epoch_histograms(weights, activations=captured.get("activations"),
                                       gradients=captured.get("gradients"))
        return {"histograms": counted, "health": health}

    return digest
