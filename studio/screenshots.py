"""``make screenshots``: render the main window in every language into a folder (offscreen, no display needed).

    python -m studio.screenshots docs/screenshots      # → main_en.png, main_zh_CN.png

Each screenshot runs ``python -m studio --screenshot`` in its own process, because a process has one
QApplication and one platform; the offscreen platform is used unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from studio.i18n import LANGUAGES

__all__ = ["DEMO", "SIZE", "main", "take"]

#: The dataset shown: XOR with enough noisy points around the four corners to look like data.
DEMO = "xor(n_samples=200, noise=0.15)"
SIZE = "1600x1000"


def take(language: str, target: Path, demo: str = DEMO, size: str = SIZE) -> None:
    """Save the window in ``language`` to ``target``; raises ``RuntimeError`` with the studio's output on failure."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, "-m", "studio", "--demo", demo, "--lang", language, "--size", size,
               "--screenshot", str(target)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0 or not target.exists():
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write main_<language>.png")
    parser.add_argument("--size", default=SIZE, help=f"window size (default: {SIZE})")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        target = args.folder / f"main_{language}.png"
        take(language, target, size=args.size)
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
