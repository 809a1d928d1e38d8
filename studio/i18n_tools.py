"""``make translations``: refresh the ``.ts`` files from the studio's sources and compile them to ``.qm``.

    python -m studio.i18n_tools            # update resources/translations/*.ts, compile *.qm, list what is missing
    python -m studio.i18n_tools --check    # change nothing; exit 1 if a .ts or .qm is stale or incomplete

Strings are found by PySide6's ``lupdate`` in ``self.tr(...)`` and ``QCoreApplication.translate(...)`` calls.
A translator then fills the new ``<translation type="unfinished">`` entries (Qt Linguist or a text editor) and
runs this again. Locations are not stored, so moving code does not change the ``.ts`` files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from studio.i18n import LANGUAGES, TRANSLATIONS_DIR

__all__ = ["check", "compile_qm", "main", "source_files", "tool", "unfinished", "update"]

STUDIO_DIR = Path(__file__).resolve().parent


def tool(name: str) -> str:
    """The path of PySide6's ``lupdate`` or ``lrelease`` (next to this Python first, then on PATH)."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise FileNotFoundError(f"pyside6-{name} not found next to {sys.executable} or on PATH; install PySide6")
    return found


def source_files() -> list[Path]:
    """Every Python file of the studio, in a stable order."""
    return sorted(STUDIO_DIR.rglob("*.py"))


def ts_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"studio_{language}.ts"


def update(ts: Path) -> None:
    """Merge the sources' current strings into ``ts`` (created if missing), dropping strings no longer used."""
    _run([tool("lupdate"), *map(str, source_files()), "-ts", str(ts), "-no-obsolete", "-locations", "none",
          "-silent"])


def compile_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into the binary ``qm`` the application loads."""
    _run([tool("lrelease"), str(ts), "-qm", str(qm), "-silent"])


def unfinished(ts: Path) -> list[str]:
    """Source texts in ``ts`` that have no finished translation."""
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def check(directory: Path = TRANSLATIONS_DIR) -> list[str]:
    """Problems with the committed translations: stale ``.ts`` (sources changed), missing or stale ``.qm``,
    unfinished entries. An empty list means everything is in order."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            if language == "en":
                continue
            committed = ts_path(language, directory)
            if not committed.exists():
                problems.append(f"{committed} is missing; run `make translations`")
                continue
            fresh = Path(tmp) / committed.name
            shutil.copyfile(committed, fresh)
            update(fresh)
            if fresh.read_bytes() != committed.read_bytes():
                problems.append(f"{committed} does not match the sources; run `make translations`")
            problems.extend(f"{committed}: no translation for {text!r}" for text in unfinished(fresh))
            qm = committed.with_suffix(".qm")
            fresh_qm = fresh.with_suffix(".qm")
            compile_qm(committed, fresh_qm)
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                problems.append(f"{qm} is missing or older than {committed.name}; run `make translations`")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio.i18n_tools", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report stale or missing translations")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if language == "en":
            continue
        ts = ts_path(language)
        update(ts)
        compile_qm(ts, ts.with_suffix(".qm"))
        missing = unfinished(ts)
        print(f"{ts}: {len(missing)} untranslated" + "".join(f"\n  {text!r}" for text in missing))
    return 0


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()}")


if __name__ == "__main__":
    raise SystemExit(main())
