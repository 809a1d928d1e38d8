"""The studio's main window — the one place that wires the widgets, the session and the live views together.

Left: the Data, Model, Training and Components docks. Centre: a message area over the live views as tabs
(:data:`studio.live_feed.VIEW_NAMES`). Top: menus and the transport toolbar (Train, Pause/Resume, Stop, Step,
Reset). Bottom: the run's epoch, step, elapsed and remaining time, samples per second and latest scores.
Widgets talk to the session through their signals; training runs in the session's worker thread and reaches the
views through :class:`studio.live_feed.LiveViews`. The layout (docks, toolbar, hidden views) and the language are
remembered in ``QSettings``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QScrollArea, QTabWidget, QWidget

from engine.data.builtin import load_dataset
from engine.data.dataset import Dataset
from engine.errors import EngineError
from engine.registry import DATASETS
from studio import i18n
from studio.actions import WindowActions
from studio.catalog import Catalog
from studio.component_browser import ComponentBrowser
from studio.i18n import Retranslating
from studio.live_feed import VIEW_NAMES, LiveViews
from studio.main_window_dialogs import ModelDialogsMixin
from studio.main_window_files import ProjectFilesMixin, ask_to_save
from studio.main_window_parts import MessageArea, RunStatus, view_titles
from studio.project import CSV_DATASET
from studio.project_data import ProjectDataLoader
from studio.run_data import RunData, dataset_spec, output_head, prepare_run_data
from studio.session import Session
from studio.widgets.data_panel import DataPanel
from studio.widgets.layer_builder import LayerBuilder
from studio.widgets.presets import presets
from studio.widgets.training_panel import TrainingPanel
from studio.worker import IDLE, PAUSED, RUNNING

__all__ = ["LAYOUT_VERSION", "MainWindow"]

#: Bumped when the docks change, so that an older saved layout is not restored onto a different window.
LAYOUT_VERSION = 2
DEFAULT_PRESET = "MLP 1 hidden"
#: The first model for image data, when the convolution layers exist.
IMAGE_PRESET = "Small CNN"


class MainWindow(ProjectFilesMixin, ModelDialogsMixin, Retranslating, QMainWindow):
    """The studio window; ``dataset`` (a Dataset, a spec dict or text such as ``"moons(noise=0.2)"``) is shown
    first. ``settings`` holds the layout, language and recent files (default: the user's studio settings)."""

    def __init__(self, catalog: Catalog | None = None, dataset: Dataset | dict | str | None = None, *,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog or Catalog()
        self.settings = settings if settings is not None else QSettings("nn-training-studio", "studio")
        self.confirm = ask_to_save
        self.session = Session(self)
        self.controller = self.session.controller
        self.feed = LiveViews(self.controller, self)
        self.data: RunData | None = None
        self._dataset: Dataset | None = None
        self._prescaled = False
        self._syncing = False
        self._build()
        self._connect()
        self._restore_layout()
        self.retranslate()
        self._fill_recent_menu()
        self._on_state(IDLE)
        self.setAcceptDrops(True)
        self.session.set_training(self.training_panel.training_config())  # the panel's defaults are the project's
        if dataset is not None:
            self.load_dataset(dataset)
        self.session._set_modified(False)  # what the window starts with is not an edit

    # -- building ----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.actions = WindowActions(self)
        self.data_panel, self.builder, self.training_panel = DataPanel(), LayerBuilder(self.catalog), TrainingPanel()
        self.browser = ComponentBrowser(self.catalog)
        self.docks: dict[str, QDockWidget] = {}
        for name, widget in (("data", self.data_panel), ("model", self.builder), ("training", self.training_panel),
                             ("components", self.browser)):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}_dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            self.docks[name] = dock
        for name in ("model", "training", "components"):
            self.tabifyDockWidget(self.docks["data"], self.docks[name])
        self.docks["model"].raise_()
        self.resizeDocks([self.docks["data"]], [460], Qt.Orientation.Horizontal)
        self.messages = MessageArea()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("views")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(lambda _index: self.feed.update_images())
        self.tab_pages: dict[str, QScrollArea] = {}
        for name, page in self.feed.pages.items():  # a scroll area each, so that no view sets a minimum window size
            scroll = QScrollArea()
            scroll.setObjectName(f"tab_{name}")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.tab_pages[name] = scroll
        self.central = MessageArea.wrap(self.messages, self.tabs)
        self.setCentralWidget(self.central)
        for name in VIEW_NAMES:
            action = self.actions.views_menu.addAction("")
            action.setCheckable(True)
            action.setChecked(True)
            action.setObjectName(f"show_{name}")
            action.toggled.connect(self._update_tabs)
            self.actions.views[name] = action
        self.actions.finish_view_menu([dock.toggleViewAction() for dock in self.docks.values()])
        self.status = RunStatus(self.statusBar())
        self.status.guard = self.controller.hold_worker
        self.undo_stack = self.builder.undo_stack
        self.project_data = ProjectDataLoader(self)

    def _connect(self) -> None:
        a, session, signals = self.actions, self.session, self.controller.signals
        a.new.triggered.connect(self.new_project)
        a.open.triggered.connect(lambda: self.open_project())
        a.save.triggered.connect(lambda: self.save_project())
        a.save_as.triggered.connect(self.save_project_as)
        a.import_csv.triggered.connect(lambda: self.import_csv())
        a.export.triggered.connect(self.export_model)
        a.predict.triggered.connect(self.predict_csv)
        a.report.triggered.connect(self.write_report)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo_stack.undo)
        a.redo.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(lambda _: self._update_edit_actions())
        self.undo_stack.canRedoChanged.connect(lambda _: self._update_edit_actions())
        a.freeze.triggered.connect(self.toggle_freeze)
        self.builder.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_edit_actions())
        a.train.triggered.connect(lambda: self.train())
        a.pause.triggered.connect(self.toggle_pause)
        a.stop.triggered.connect(self.controller.stop)
        a.step.triggered.connect(self.step)
        a.reset.triggered.connect(self.reset)
        a.reset_layout.triggered.connect(self.reset_layout)
        a.about.triggered.connect(self.show_about)
        a.language_group.triggered.connect(lambda action: self.set_language(action.data()))
        self.data_panel.dataset_changed.connect(self._on_dataset_chosen)
        self.data_panel.validation_split_changed.connect(
            lambda ratio: self.training_panel.set_training_config({"val_split": ratio}))
        self.data_panel.import_requested.connect(lambda: self.import_csv())
        self.builder.model_changed.connect(self._on_layers)
        self.training_panel.config_changed.connect(self._on_training_config)
        self.training_panel.lr_changed.connect(self._on_lr)
        self.browser.config_changed.connect(
            lambda config: self.statusBar().showMessage(self.tr("Valid configuration: {config}").format(
                config=config), 5000))
        session.model_changed.connect(self._on_model_changed)
        session.modified_changed.connect(lambda _: self._update_title())
        session.path_changed.connect(lambda _: self._update_title())
        session.training_state_changed.connect(self._on_state)
        signals.batch_update.connect(self.status.on_batch)
        signals.progress.connect(self.status.on_progress)
        signals.epochs.connect(lambda epochs: self.status.on_epoch(epochs[-1]))
        signals.finished.connect(self._on_finished)
        signals.failed.connect(self._on_failed)
        self.feed.network.weight_edit_requested.connect(self._on_weight_edit)
        self.project_data.reading.connect(self._on_data_reading)
        self.project_data.loaded.connect(self._on_project_data)
        self.project_data.failed.connect(self._on_project_data_failed)
        self.project_data.cancelled.connect(lambda: self.show_message(self.tr(
            "Reading the project's data was cancelled; open the project again or choose a dataset.")))

    # -- data, model and settings ------------------------------------------------------------------------------
    def load_dataset(self, dataset: Dataset | dict | str) -> None:
        """Show a built-in dataset (spec, text or a loaded Dataset) as if picked in the Data dock."""
        if isinstance(dataset, Dataset):
            key = dataset.source.removeprefix("builtin:") if dataset.source.startswith("builtin:") else ""
            spec = {"type": key, "config": {}} if key in DATASETS else {}
            self.data_panel.show_dataset(dataset, external=not spec)
            self._on_dataset_chosen(spec, dataset)
            return
        spec = dataset_spec(dataset) if isinstance(dataset, str) else dataset
        if self.data_panel.select_dataset(spec) is None:
            self.show_message(self.data_panel.summary.text())

    def _on_dataset_chosen(self, spec: dict[str, Any], dataset: Dataset, prescaled: bool = False,
                           data: RunData | None = None) -> None:
        if self._syncing:
            return
        self.project_data.stop()  # a table still being read for the project is not wanted any more
        try:
            self.session.set_dataset(spec)
        except EngineError as error:
            self.show_message(str(error))
            return
        self._set_data(dataset, prescaled, data)
        units = output_head(dataset)[0]
        specs = self.builder.model_config()
        last = specs[-1]["config"].get("units") if specs else None
        if not specs or last != units:
            choices = presets(self.data.input_shape, *output_head(dataset))
            self.builder.set_model_config(choices[IMAGE_PRESET if IMAGE_PRESET in choices else DEFAULT_PRESET])
        else:
            self._on_layers(specs)

    def _set_data(self, dataset: Dataset, prescaled: bool, data: RunData | None = None) -> None:
        """Split and scale ``dataset`` with the project's settings (unless ``data`` was prepared so elsewhere);
        the widgets follow its shape and task."""
        self._dataset, self._prescaled = dataset, prescaled
        project = self.session.project
        self.data = data or prepare_run_data(dataset, project.training, project.preprocessing, prescaled=prescaled)
        self.builder.set_input_shape(self.data.input_shape)
        self.builder.set_output(*output_head(dataset))
        syncing, self._syncing = self._syncing, True
        try:
            self.training_panel.set_task(dataset.task)
        finally:
            self._syncing = syncing
        if not syncing:  # the task may have changed the loss
            try:
                self.session.set_training(self.training_panel.training_config())
            except EngineError as error:
                self.show_message(str(error))
        self.training_panel.set_train_size(dataset.n_samples)
        self.feed.set_data(self.data)
        self._update_tabs()

    def _model_config(self, specs: list[dict[str, Any]]) -> dict[str, Any]:
        model = self.session.project.model
        shape = list(self.data.input_shape) if self.data is not None else None
        return {"input_shape": shape, "dtype": model.get("dtype", "float32"), "seed": model.get("seed", 0),
                "layers": specs}

    def _on_layers(self, specs: list[dict[str, Any]]) -> None:
        if self._syncing:
            return
        try:
            self.session.set_model_config(self._model_config(specs))
        except EngineError as error:
            self.show_message(str(error))

    def _on_model_changed(self) -> None:
        model = self.session.model
        project = self.session.project
        self.training_panel.set_model_config(project.model.get("layers", []))
        self.feed.set_model(model, project.training["loss"])
        self.status.clear()
        self._update_edit_actions()

    def _on_training_config(self, config: dict[str, Any]) -> None:
        if self._syncing or self.session.is_training:
            return
        before = self.session.project.training
        try:
            self.session.set_training(config)
        except EngineError as error:
            self.show_message(str(error))
            return
        self.data_panel.set_validation_split(config["val_split"])
        if self._dataset is not None and _split_key(before) != _split_key(config):
            self._set_data(self._dataset, self._prescaled)
            self.feed.set_model(self.session.model, config["loss"])
        elif before["loss"] != config["loss"]:
            self.feed.set_model(self.session.model, config["loss"])

    def _on_lr(self, lr: float) -> None:
        if self.session.is_training and lr > 0:  # 0 while a new value is being typed
            self.controller.set_lr(lr)

    def apply_project(self) -> None:
        """Show the session's project (after Open or New) in every dock without editing it back."""
        project = self.session.project
        self.project_data.stop()
        self._syncing = True
        try:
            self.training_panel.set_training_config(project.training)
            self.data_panel.set_validation_split(project.training["val_split"])
            self.undo_stack.clear()
            dataset, prescaled = self._project_dataset(project.dataset)
            if dataset is not None:
                self._set_data(dataset, prescaled)
            else:
                self.data = self._dataset = None
                self.feed.set_data(None)
            self.builder.set_model_config(project.model.get("layers", []))
        finally:
            self._syncing = False
        self._on_model_changed()
        self._update_tabs()
        self._update_title()

    def _project_dataset(self, spec: dict[str, Any]) -> tuple[Dataset | None, bool]:
        if not spec:
            return None, False
        if spec["type"] == CSV_DATASET:  # read and split off the GUI thread: _on_project_data follows
            self.project_data.start(spec["config"], self._split_elsewhere())
            return None, False
        try:
            return self.data_panel.select_dataset(spec) or load_dataset(spec), False
        except (EngineError, OSError) as error:
            self._on_project_data_failed(str(error))
            return None, False

    def _split_elsewhere(self) -> Callable[[Dataset], tuple[tuple[Any, ...], RunData]]:
        """The split of a read table as the project's settings say now, for the thread that reads it (a large
        table's split would hold up the GUI thread); what it returns goes to :meth:`_split_if_current`."""
        project = self.session.project
        training, preprocessing = project.training, project.preprocessing  # (copies)
        return lambda dataset: (_split_key(training), prepare_run_data(dataset, training, preprocessing,
                                                                       prescaled=True))

    def _split_if_current(self, prepared: tuple[tuple[Any, ...], RunData] | None) -> RunData | None:
        """The data split elsewhere, or None when the settings of the split have changed since."""
        split, data = prepared if prepared is not None else (None, None)
        return data if split == _split_key(self.session.project.training) else None

    def _on_project_data(self, dataset: Dataset, prepared: tuple[tuple[Any, ...], RunData] | None) -> None:
        """The reopened project's table has been read (and split): the docks follow it as they did when it was
        imported."""
        self._syncing = True
        try:
            self.data_panel.show_dataset(dataset, external=True)
            self._set_data(dataset, True, self._split_if_current(prepared))
        finally:
            self._syncing = False
        self._on_model_changed()

    def _on_data_reading(self, reading: bool) -> None:
        """While a project's table is read, its model and data stay as opened (edits would meet no data)."""
        if reading:
            self.builder.set_editable(False, self.tr("The model can be edited once the project's data is read."))
            self.data_panel.setEnabled(False)
        else:
            self._on_state(self.controller.state)

    def _on_project_data_failed(self, reason: str) -> None:
        self.show_message(self.tr("The project's data could not be loaded: {reason}").format(reason=reason))

    def import_csv(self, path: str | None = None) -> None:
        """Open the CSV import dialog (asking for a file when ``path`` is None); the accepted table is trained on."""
        from PySide6.QtWidgets import QFileDialog

        from studio.dialogs.csv_import import CsvImportDialog
        from studio.recent_files import RecentFiles

        if self.session.is_training:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import CSV"), "",
                                                  self.tr("Tables (*.csv *.tsv *.txt)"))
            if not path:
                return
        self.import_dialog = CsvImportDialog.open_file(path, self, RecentFiles(self.settings))
        self.import_dialog.prepare = self._split_elsewhere()
        self.import_dialog.accepted.connect(lambda: self._on_imported(self.import_dialog))

    def _on_imported(self, dialog: Any) -> None:
        dataset = dialog.result_dataset()
        if dataset is None:
            return
        self.data_panel.show_dataset(dataset, external=True)
        self._on_dataset_chosen(dialog.result_dataset_spec(), dataset, prescaled=True,
                                data=self._split_if_current(dialog.result_prepared()))

    # -- transport ---------------------------------------------------------------------------------------------
    def train(self, epochs: int | None = None) -> bool:
        """Start a run of ``epochs`` (default: the Training panel's) through the worker thread."""
        data = self.data
        if self.project_data.busy:
            self.show_message(self.tr("The project's data is still being read; train when it is loaded."))
            return False
        if data is None or self.session.model is None:
            self.show_message(self.tr("Choose a dataset and build a model first."))
            return False
        if self.builder.error():
            self.show_message(self.builder.error())
            return False
        if self.session.trainer is None:
            self.feed.clear()
        epochs = self.training_panel.epochs.value() if epochs is None else int(epochs)
        probe = data.validation if data.task != "regression" else None
        try:
            trainer = self.session.make_trainer()
            self.status.start(trainer.epoch, epochs)
            self.session.train(data.x_train, data.y_train, data.validation, epochs, probe=probe)
        except EngineError as error:
            self.show_message(str(error))
            return False
        self.show_message("")
        return True

    def step(self) -> None:
        """Exactly one epoch from idle; while running or paused, go on to the end of the current epoch."""
        if self.session.is_training:
            self.controller.step()
        else:
            self.train(1)

    def toggle_pause(self) -> None:
        if self.controller.state == PAUSED:
            self.controller.resume()
        elif self.controller.state == RUNNING:
            self.controller.pause()
        self._on_state(self.controller.state)

    def reset(self) -> None:
        """Re-initialise the weights with the model's seed; the curves start over."""
        try:
            self.session.reset()
        except EngineError as error:
            self.show_message(str(error))

    def _on_state(self, state: str) -> None:
        idle, paused = state == IDLE, state == PAUSED
        a = self.actions
        a.train.setEnabled(idle)
        a.pause.setEnabled(not idle)
        a.pause.setChecked(paused)
        a.pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        a.stop.setEnabled(not idle)
        a.step.setEnabled(idle or paused)
        a.reset.setEnabled(idle)
        for action in (a.new, a.open, a.import_csv):
            action.setEnabled(idle)
        reason = self.tr("The model cannot be edited while training runs; stop the run first.")
        self.builder.set_editable(idle, "" if idle else reason)
        self.data_panel.setEnabled(idle)
        self.training_panel.set_lr_editable_during_training(not idle)
        self.feed.network.set_editable(idle or paused)
        self.status.set_state(state)
        self._update_edit_actions()

    def _on_finished(self, summary: dict[str, Any]) -> None:
        model = self.session.model
        if summary.get("diverged"):
            self.show_message(summary.get("stop_reason") or "")
        if model is not None:
            self.feed.show_weights(int(summary["epoch"]), model.get_weights())
            self.feed.set_landscape(model)
        self.status.finish(summary)
        self._on_training_config(self.training_panel.training_config())  # a learning rate changed during the run

    def _on_failed(self, message: str, details: str) -> None:
        self.show_message(message, details)
        self.status.finish({})

    def _on_weight_edit(self, name: str, index: Any, value: float) -> None:
        model = self.session.model
        if model is None:
            return
        weights = model.get_weights()
        weights[name][tuple(index)] = value
        try:
            self.session.replace_weights({name: weights[name]})
        except EngineError as error:
            self.show_message(str(error))
            return
        self.feed.show_weights(self.session.trainer.epoch if self.session.trainer else 0, model.get_weights())

    # -- editing -----------------------------------------------------------------------------------------------
    def toggle_freeze(self) -> None:
        """Switch the selected layer's ``trainable`` flag (an undoable edit)."""
        from studio.widgets.layer_commands import EditLayer

        row = self.builder.selected_row()
        specs = self.builder.model_config()
        if not 0 <= row < len(specs) or self.session.is_training:
            return
        config = dict(specs[row]["config"])
        config["trainable"] = not config.get("trainable", True)
        self.undo_stack.push(EditLayer(self.builder.table_model, row, config))

    def _update_edit_actions(self) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the window's children are being destroyed
            return
        a, idle = self.actions, not self.session.is_training
        a.undo.setEnabled(idle and self.undo_stack.canUndo())
        a.redo.setEnabled(idle and self.undo_stack.canRedo())
        row, specs = self.builder.selected_row(), self.builder.model_config()
        selected = 0 <= row < len(specs)
        a.freeze.setEnabled(idle and selected)
        a.freeze.setChecked(selected and specs[row]["config"].get("trainable", True) is False)

    # -- views and layout --------------------------------------------------------------------------------------
    def _update_tabs(self) -> None:
        """Show the views the user wants that fit the data, in their fixed order; keep the current one."""
        current = self.tabs.currentWidget()
        titles = view_titles(self)
        wanted = {name for name, action in self.actions.views.items() if action.isChecked()}
        self.feed.set_wanted(wanted)
        shown = [name for name in VIEW_NAMES if name in wanted and self.feed.available(name)]
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for name in shown:
            self.tabs.addTab(self.tab_pages[name], titles[name])
        if current is not None and self.tabs.indexOf(current) >= 0:
            self.tabs.setCurrentWidget(current)
        self.tabs.blockSignals(False)
        for name, action in self.actions.views.items():
            action.setEnabled(self.feed.available(name))

    def show_view(self, name: str) -> None:
        """Bring view ``name`` to the front (showing it if it was hidden)."""
        self.actions.views[name].setChecked(True)
        self._update_tabs()
        self.tabs.setCurrentWidget(self.tab_pages[name])

    def show_message(self, text: str, details: str = "") -> None:
        """Show (or with "" hide) a sentence in the message area above the views."""
        self.messages.show_text(text, details)

    def _restore_layout(self) -> None:
        self._default_state = self.saveState(LAYOUT_VERSION)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state), LAYOUT_VERSION)
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        try:
            hidden = json.loads(self.settings.value("window/hidden_views", "[]") or "[]")
        except (TypeError, json.JSONDecodeError):
            hidden = []
        for name, action in self.actions.views.items():
            action.setChecked(name not in hidden)

    def save_layout(self) -> None:
        """Remember docks, toolbar, window geometry and hidden views."""
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.setValue("window/geometry", self.saveGeometry())
        hidden = [name for name, action in self.actions.views.items() if not action.isChecked()]
        self.settings.setValue("window/hidden_views", json.dumps(hidden))

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for action in self.actions.views.values():
            action.setChecked(True)
        for dock in self.docks.values():
            dock.show()

    def set_language(self, language: str) -> None:
        """Switch the interface language and remember it."""
        i18n.set_language(language)
        self.settings.setValue("language", language)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (a Qt override)
        if not self.maybe_save():
            event.ignore()
            return
        self.save_layout()
        self.project_data.stop()
        self.feed.landscape.shutdown()
        self.session.shutdown()
        super().closeEvent(event)

    # -- translation -------------------------------------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About NN Training Studio"), self.tr(
            "<p><b>NN Training Studio</b> {version}</p>"
            "<p>Build, train and inspect neural networks with a NumPy engine you can read.</p>"
            "<p>Components available: {count}.</p>").format(
                version=_version(), count=sum(len(self.catalog.names(k)) for k in self.catalog.kinds())))


    def _update_title(self) -> None:
        path = self.session.path
        name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else self.tr("Untitled")
        self.setWindowTitle(self.tr("{project}[*] — NN Training Studio").format(project=name))
        self.setWindowModified(self.session.modified)

    def retranslate(self) -> None:
        """Set every visible text in the current language (called again on a language change)."""
        self.actions.retranslate()
        self._on_state(self.controller.state)
        for name, title in (("data", self.tr("Data")), ("model", self.tr("Model")),
                            ("training", self.tr("Training")), ("components", self.tr("Components"))):
            self.docks[name].setWindowTitle(title)
        titles = view_titles(self)
        for name, action in self.actions.views.items():
            action.setText(titles[name])
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            self.tabs.setTabText(index, titles[page.objectName().removeprefix("tab_")])
        self.status.retranslate()
        self._update_title()


def _version() -> str:
    try:
        return version("nn-training-studio")
    except PackageNotFoundError:
        return ""


def _split_key(training: dict[str, Any]) -> tuple[Any, ...]:
    """The training settings a split depends on."""
    return training["val_split"], training["seed"]
