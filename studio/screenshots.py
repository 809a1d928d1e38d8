"""``make screenshots``: render the window offscreen into ``docs/screenshots`` after a real training run.

    python -m studio.screenshots docs/screenshots            # every picture
    python -m studio.screenshots docs/screenshots main_en     # only some

Each picture runs ``python -m studio --screenshot`` in its own process (one QApplication and one platform per
process), training through the window's worker thread first; the offscreen platform is used unless
``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = ["DEMO", "IMAGES", "SHOTS", "SIZE", "Shot", "main", "take"]

#: XOR with enough noisy points around the four corners to look like data.
DEMO = "xor(n_samples=200, noise=0.15)"
IMAGES = "digits(as_images=True)"
SIZE = "1600x1000"


class Shot(NamedTuple):
    """One picture: file stem, dataset, language, view in front and epochs trained first."""

    name: str
    demo: str
    language: str
    view: str
    epochs: int


SHOTS = (
    Shot("main_en", DEMO, "en", "loss", 200),
    Shot("main_zh_CN", DEMO, "zh_CN", "loss", 200),
    Shot("metrics", DEMO, "en", "metrics", 200),
    Shot("roc", DEMO, "en", "roc", 200),
    Shot("confusion", "moons(noise=0.3)", "en", "confusion", 100),
    Shot("decision_boundary", DEMO, "en", "decision_boundary", 200),
    Shot("network_graph", DEMO, "en", "network", 200),
    Shot("histograms", DEMO, "en", "histograms", 200),
    Shot("gradient_flow", DEMO, "en", "gradient_flow", 200),
    Shot("activation_explorer", DEMO, "en", "activations", 0),
    Shot("hardest_samples", "moons(noise=0.3)", "en", "hardest_samples", 100),
    Shot("multiclass_roc", "iris", "en", "roc", 100),
    Shot("feature_maps", IMAGES, "en", "feature_maps", 3),
    Shot("filters", IMAGES, "en", "filters", 3),
    Shot("gradcam", IMAGES, "en", "gradcam", 3),
    Shot("pooling_explorer", DEMO, "en", "pooling", 0),
)


def take(shot: Shot, target: Path, size: str = SIZE) -> None:
    """Save ``shot`` to ``target``; raises ``RuntimeError`` with the studio's output on failure."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, "-m", "studio", "--demo", shot.demo, "--lang", shot.language, "--size", size,
               "--view", shot.view, "--train-epochs", str(shot.epochs), "--screenshot", str(target)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not target.exists():
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    names = ", ".join(shot.name for shot in SHOTS)
    parser.add_argument("names", nargs="*", help=f"pictures to make (default: all of {names})")
    parser.add_argument("--size", default=SIZE, help=f"window size (default: {SIZE})")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - {s.name for s in SHOTS})
    if unknown:
        parser.error(f"unknown picture {unknown[0]!r}")
    args.folder.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        if not args.names or shot.name in args.names:
            target = args.folder / f"{shot.name}.png"
            take(shot, target, size=args.size)
            print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
