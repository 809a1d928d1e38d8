"""Regenerate the reference fixtures from PyTorch and scikit-learn: ``make fixtures``.

Each ``tests/reference/gen_*.py`` module exposes ``generate(out: Path) -> list[Path]`` and writes small JSON or
NPZ files into ``tests/reference/fixtures/``. torch and scikit-learn are installed only in ``.venv-ref`` for this
script (tests/reference/requirements.txt); the tests read the committed fixtures and never import them.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")


def main(argv: list[str]) -> int:
    FIXTURES.mkdir(exist_ok=True)
    wanted = set(argv)
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda m: m.name):
        if not info.name.startswith("gen_") or (wanted and info.name not in wanted):
            continue
        module = importlib.import_module(f"tests.reference.{info.name}")
        written = module.generate(FIXTURES)
        print(f"{info.name}: wrote {', '.join(p.name for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
