"""``nn-studio`` and the window basics: menus, translations, the component browser built from the registries."""

from __future__ import annotations

import re
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSize, QThread, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QMessageBox

from engine.data.builtin import load_dataset
from engine.layers.base import Layer
from engine.params import Param
from engine.registry import LAYERS, REGISTRIES, Registry
from studio import app, i18n, i18n_tools
from studio.catalog import Catalog
from studio.live_feed import VIEW_NAMES
from studio.main_window import MainWindow
from studio.widgets.param_form import ParamForm
from tests.studio.conftest import leftover_threads

TS_FILE = i18n.TRANSLATIONS_DIR / "studio_zh_CN.ts"


@pytest.fixture(scope="module")
def xor():
    return load_dataset("xor")


@pytest.fixture
def window(qtbot, xor, settings) -> MainWindow:
    win = MainWindow(Catalog(), xor, settings=settings)
    win.confirm = lambda _parent: "discard"
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def menu_titles(win: MainWindow) -> list[str]:
    return [action.text() for action in win.menuBar().actions()]


def test_window_opens_with_title_menus_docks_and_status(window: MainWindow, xor) -> None:
    assert window.windowTitle() == "Untitled[*] — NN Training Studio"
    assert menu_titles(window) == ["&File", "&Edit", "&Training", "&View", "&Help"]
    actions = window.actions
    assert actions.quit in actions.file_menu.actions()
    assert actions.about in actions.help_menu.actions()
    for dock in window.docks.values():
        assert dock.toggleViewAction() in actions.view_menu.actions()
    assert actions.language_menu.menuAction() in actions.view_menu.actions()
    assert f"{xor.n_samples} rows" in window.data_panel.summary.text()
    assert window.data.x_train.shape[1] == xor.n_features


def test_switching_to_chinese_translates_titles_and_back(window: MainWindow) -> None:
    i18n.set_language("zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert window.windowTitle().endswith("神经网络训练工作室")
    assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "训练(&T)", "视图(&V)", "帮助(&H)"]
    assert window.actions.quit.text() == "退出(&Q)"
    assert window.docks["components"].windowTitle() == "组件"
    assert window.browser.tree.topLevelItem(0).text(0) == "层"
    assert window.actions.languages["zh_CN"].isChecked()
    i18n.set_language("en")
    assert window.windowTitle() == "Untitled[*] — NN Training Studio"
    assert window.browser.tree.topLevelItem(0).text(0) == "Layers"


def test_the_language_menu_switches_the_language(window: MainWindow) -> None:
    window.actions.languages["zh_CN"].trigger()
    assert window.actions.help_menu.title() == "帮助(&H)"
    assert window.settings.value("language") == "zh_CN"
    window.actions.languages["en"].trigger()
    assert window.actions.help_menu.title() == "&Help"


def test_every_string_of_the_ts_file_is_translated_at_run_time(qapp) -> None:
    i18n.set_language("zh_CN")
    root = ET.parse(TS_FILE).getroot()
    messages = [(context.findtext("name"), m.findtext("source"), m.findtext("translation"))
                for context in root.iter("context") for m in context.iter("message")]
    assert len(messages) > 20
    for context, source, translation in messages:
        assert translation and translation != source
        assert sorted(re.findall(r"\{\w+\}", translation)) == sorted(re.findall(r"\{\w+\}", source)), source
        assert ("&" in translation) == ("&" in source), source  # keyboard accelerators kept
        assert QCoreApplication.translate(context, source) == translation


def test_translations_are_complete_and_compiled() -> None:
    assert i18n_tools.check() == []


def test_an_unknown_language_is_refused(qapp) -> None:
    with pytest.raises(ValueError, match="supported: en, zh_CN"):
        i18n.set_language("fr")


def test_the_system_language_maps_to_a_supported_one(qapp) -> None:
    assert i18n.system_language() in i18n.LANGUAGES


@pytest.mark.parametrize("kind", ["layers", "activations", "losses", "optimizers", "schedules"])
def test_the_dock_lists_every_registry_key(window: MainWindow, kind: str) -> None:
    assert set(window.browser.component_items(kind)) == set(REGISTRIES[kind].names())
    assert len(REGISTRIES[kind]) > 0


def test_every_layer_opens_a_form_with_a_field_per_param(window: MainWindow) -> None:
    browser = window.browser
    for key in LAYERS.names():
        browser.select_component("layers", key)
        form = browser.param_form
        assert isinstance(form, ParamForm)
        for param in LAYERS.params(key):
            assert form.field(param.name) is not None
        assert form.values() is not None, f"{key}: the defaults must be valid"
        assert browser.details_help.text() == LAYERS.meta(key)["help"]


def test_a_new_engine_component_appears_without_gui_code(qtbot, xor, settings) -> None:
    layers = Registry("layers")

    @layers.register("toy_gate")
    class ToyGate(Layer):
        """Lets a fraction of the signal through."""

        PARAMS = (Param("openness", "float", 0.5, "Fraction let through.", low=0.0, high=1.0),)
        category = "experimental"

    registries = {**REGISTRIES, "layers": layers}
    win = MainWindow(Catalog(registries, kinds=("layers",)), xor, settings=settings)
    win.confirm = lambda _parent: "discard"
    qtbot.addWidget(win)
    browser = win.browser
    assert list(browser.component_items("layers")) == ["toy_gate"]
    assert browser.tree.topLevelItem(0).child(0).text(0) == "Experimental"  # the category, as a group
    assert browser.param_form is not None  # the first component is selected at start
    assert browser.param_form.values() == {"openness": 0.5}
    browser.param_form.field("openness").setValue(0.75)
    assert win.statusBar().currentMessage() == "Valid configuration: {'openness': 0.75}"


def test_about_shows_the_translated_title(window: MainWindow, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((parent, title, text)))
    i18n.set_language("zh_CN")
    window.actions.about.trigger()
    (parent, title, text), = shown
    assert parent is window
    assert title == "关于神经网络训练工作室"
    assert "可用组件" in text


def test_quit_closes_the_window(window: MainWindow) -> None:
    window.actions.quit.trigger()
    assert not window.isVisible()


def test_the_details_pane_describes_the_selected_component(window: MainWindow) -> None:
    window.browser.select_component("optimizers", "adam")
    title = window.findChild(QLabel, "details_title").text()
    assert "adam" in title
    assert window.browser.param_form.field("lr") is not None


def test_parse_size() -> None:
    assert app.parse_size("1600x1000") == QSize(1600, 1000)
    assert app.parse_size("800×600") == QSize(800, 600)
    for bad in ("1600", "axb", "10x10", "1x2x3"):
        with pytest.raises(Exception, match="received"):
            app.parse_size(bad)


def test_parse_args_defaults_and_choices(capsys) -> None:
    args = app.parse_args([])
    assert (args.demo, args.lang, args.screenshot, args.size) == ("xor", None, None, QSize(1400, 900))
    assert (args.project, args.train_epochs, args.view, args.list_views) == (None, 0, None, False)
    args = app.parse_args(["--demo", "moons", "--lang", "zh_CN", "--screenshot", "a.png", "--size", "900x700"])
    assert (args.demo, args.lang, args.screenshot, args.size) == ("moons", "zh_CN", Path("a.png"), QSize(900, 700))
    with pytest.raises(SystemExit):
        app.parse_args(["--lang", "fr"])
    assert "invalid choice" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        app.parse_args(["--demo", "moons", "--project", "a.nnproj"])
    assert "not allowed with" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        app.parse_args(["--train-epochs", "-1"])
    assert "received -1" in capsys.readouterr().err


def test_list_views_prints_every_view(capsys) -> None:
    assert app.main(["--list-views"]) == 0
    assert capsys.readouterr().out.split() == list(VIEW_NAMES)


def test_an_unknown_demo_is_reported(qapp, capsys) -> None:
    assert app.main(["--demo", "no_such_dataset"]) == 2
    assert "unknown dataset 'no_such_dataset'" in capsys.readouterr().err


def test_screenshot_renders_the_window_and_exits(qapp, tmp_path: Path) -> None:
    target = tmp_path / "shots" / "main.png"
    assert app.main(["--demo", "moons", "--lang", "zh_CN", "--size", "900x600", "--screenshot", str(target)]) == 0
    assert i18n.current_language() == "zh_CN"
    image = QImage(str(target))
    assert (image.width(), image.height()) == (900, 600)
    assert len({image.pixel(x, y) for x in range(0, 900, 25) for y in range(0, 600, 25)}) > 3


def test_the_thread_guard_sees_python_threads_and_qthreads_still_running(qapp) -> None:
    before = set(threading.enumerate())
    release = threading.Event()
    worker = threading.Thread(target=release.wait, name="lingering-worker")
    worker.start()
    qthread = QThread()
    qthread.start()  # runs an event loop until quit()
    try:
        assert set(leftover_threads(before)) == {"lingering-worker", "QThread"}
    finally:
        release.set()
        worker.join()
        qthread.quit()
        qthread.wait()
    assert leftover_threads(before) == []


def test_emitting_a_signal_keeps_reference_counts() -> None:
    """PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit`` without taking a reference: every emit costs
    one reference to ``True`` and, on Python 3.11, the process aborts ("bool_dealloc") after a few thousand
    emits — minutes of training updates. The dependency pin must keep that release out."""

    class Emitter(QObject):
        ping = Signal()

    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(100):
        emitter.ping.emit()
    assert sys.getrefcount(True) - before > -50, f"PySide6 {PySide6.__version__} leaks references on emit"
