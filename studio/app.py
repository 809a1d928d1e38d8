"""``nn-studio``: start the window (language, demo dataset, size), or render it to a PNG and exit.

    nn-studio --demo xor --lang zh_CN --size 1600x1000
    nn-studio --demo xor --screenshot docs/screenshots/main_en.png
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from engine.data.builtin import load_dataset
from engine.errors import EngineError
from studio import i18n
from studio.catalog import Catalog
from studio.main_window import MainWindow

__all__ = ["main", "parse_args", "parse_size", "save_screenshot"]

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
    parser.add_argument("--demo", default="xor", metavar="NAME",
                        help='built-in dataset to show, e.g. xor, iris, "moons(noise=0.2)" (default: xor)')
    parser.add_argument("--lang", choices=list(i18n.LANGUAGES), default=None,
                        help="interface language (default: the system locale's)")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="save the window to this PNG file once it is laid out, and exit")
    parser.add_argument("--size", type=parse_size, default=QSize(1400, 900), metavar="WxH",
                        help="window size in pixels (default: 1400x900)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the studio; returns the process exit status."""
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("NN Training Studio")
    app.setStyle("Fusion")
    i18n.set_language(args.lang or i18n.system_language())
    try:
        dataset = load_dataset(args.demo)
    except EngineError as error:
        print(f"nn-studio: {error}", file=sys.stderr)
        return 2
    window = MainWindow(Catalog(), dataset)
    window.resize(args.size)
    window.show()
    if args.screenshot is not None:
        QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: app.exit(save_screenshot(window, args.screenshot)))
    return app.exec()


def save_screenshot(window: MainWindow, path: Path) -> int:
    """Grab the laid-out window into ``path`` (PNG); returns 0, or 1 with a message when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if window.grab().save(str(path), "PNG"):
        return 0
    print(f"nn-studio: could not write the screenshot {path}", file=sys.stderr)
    return 1
