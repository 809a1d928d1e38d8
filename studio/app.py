"""``nn-studio``: start the window (language, demo dataset, size), or render it to a PNG and exit.

    nn-studio --demo xor --lang zh_CN --size 1600x1000
    nn-studio --demo xor --screenshot docs/screenshots/main_en.png --train-epochs 200 --view decision_boundary
    nn-studio --list-views
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QSize, QTimer
from PySide6.QtWidgets import QApplication

from engine.data.builtin import load_dataset
from engine.errors import EngineError
from studio import i18n
from studio.blas_threads import idle_blas_helpers
from studio.catalog import Catalog
from studio.live_feed import VIEW_NAMES
from studio.main_window import MainWindow
from studio.plots.redraw import LiveView
from studio.run_data import dataset_spec

__all__ = ["freeze_startup_objects", "main", "parse_args", "parse_size", "save_screenshot"]

#: Time the event loop gets to lay out and paint the window before ``--screenshot`` grabs it.
SCREENSHOT_DELAY_MS = 300


def parse_size(text: str) -> QSize:
    """``"1600x1000"`` → ``QSize(1600, 1000)``; raises ``argparse.ArgumentTypeError`` for anything else."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1600x1000, received {text!r}") from None
    if width < 200 or height < 150:
        raise argparse.ArgumentTypeError(f"expected a size of at least 200x150, received {text!r}")
    return QSize(width, height)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command-line options of ``nn-studio``."""
    parser = argparse.ArgumentParser(prog="nn-studio", description="NN Training Studio: the desktop window.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--demo", default="xor", metavar="NAME",
                        help='built-in dataset to show, e.g. xor, iris, "moons(noise=0.2)" (default: xor)')
    source.add_argument("--project", type=Path, metavar="FILE.nnproj", help="open this project file")
    parser.add_argument("--lang", choices=list(i18n.LANGUAGES), default=None,
                        help="interface language (default: the last one chosen, else the system locale's)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="save the window to this PNG file once it is laid out, and exit")
    parser.add_argument("--train-epochs", type=int, default=0, metavar="N",
                        help="with --screenshot: train N epochs through the worker thread first")
    parser.add_argument("--view", choices=VIEW_NAMES, metavar="NAME",
                        help="bring this view to the front (see --list-views)")
    parser.add_argument("--list-views", action="store_true", help="print the names of the views and exit")
    parser.add_argument("--size", type=parse_size, default=QSize(1400, 900), metavar="WxH",
                        help="window size in pixels (default: 1400x900)")
    args = parser.parse_args(argv)
    if args.train_epochs < 0:
        parser.error(f"--train-epochs expected an integer ≥ 0, received {args.train_epochs}")
    return args


def freeze_startup_objects() -> None:
    """Move every object made so far (modules, Qt wrappers, the catalogue, the window) out of the cyclic garbage
    collector's generations: they live as long as the process, and a full collection that walks them all pauses
    the GUI thread (and the worker, which needs the interpreter) for no gain."""
    gc.collect()
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the studio; returns the process exit status."""
    args = parse_args(argv)
    if args.list_views:
        print("\n".join(VIEW_NAMES))
        return 0
    idle_blas_helpers()  # before Qt starts threads of its own (see studio.blas_threads)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("NN Training Studio")
    app.setStyle("Fusion")
    settings = QSettings("nn-training-studio", "studio")
    remembered = settings.value("language")
    i18n.set_language(args.lang or (remembered if remembered in i18n.LANGUAGES else i18n.system_language()))
    try:
        demo = None if args.project is not None else load_dataset(dataset_spec(args.demo))
    except EngineError as error:
        print(f"nn-studio: {error}", file=sys.stderr)
        return 2
    # a screenshot leaves the user's layout alone: it uses a throw-away settings store
    store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "nn-training-studio", "screenshot") \
        if args.screenshot is not None else settings
    if args.screenshot is not None:
        store.clear()
    window = MainWindow(Catalog(), demo, settings=store)
    if args.project is not None and not window.open_project(args.project):
        print(f"nn-studio: {window.messages.text()}", file=sys.stderr)
        return 2
    window.resize(args.size)
    window.show()
    if args.view:
        window.show_view(args.view)
    if args.screenshot is None:
        freeze_startup_objects()
        return app.exec()
    return _screenshot(app, window, args)


def _screenshot(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    """Train (optionally), bring the view to the front, let the window paint, save it and exit."""
    window.confirm = lambda _parent: "discard"
    while window.project_data.busy:  # a project's CSV table is read in a worker thread first
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def grab() -> None:
        if args.view:
            window.show_view(args.view)
        window.feed.update_images()
        for page in window.feed.pages.values():
            for view in [page, *page.findChildren(LiveView)]:
                if isinstance(view, LiveView) and view.isVisible():
                    view.refresh()
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: app.exit(save_screenshot(window, args.screenshot)))

    def trained(*_: object) -> None:
        message = window.messages.text()
        if message:
            print(f"nn-studio: {message}", file=sys.stderr)
        grab()

    if args.train_epochs:
        window.controller.signals.finished.connect(trained)
        window.controller.signals.failed.connect(trained)
        QTimer.singleShot(0, lambda: window.train(args.train_epochs) or trained())
    else:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, grab)
    status = app.exec()
    window.close()
    return status


def save_screenshot(window: MainWindow, path: Path) -> int:
    """Grab the laid-out window into ``path`` (PNG); returns 0, or 1 with a message when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if window.grab().save(str(path), "PNG"):
        return 0
    print(f"nn-studio: could not write the screenshot {path}", file=sys.stderr)
    return 1
