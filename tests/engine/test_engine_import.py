"""``import engine`` loads no Qt, pyqtgraph or studio module, and its public API is complete."""

from __future__ import annotations

import json
import subprocess
import sys

import engine

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "studio")

SCRIPT = """
import json, sys
import engine
from engine.registry import REGISTRIES
for name, registry in REGISTRIES.items():
    if name not in ("datasets", "preprocessors"):
        registry.names()  # load every component family
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_engine_and_its_registries_loads_no_gui_module():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120)
    modules = json.loads(result.stdout)
    loaded = [m for m in modules if m.split(".")[0] in FORBIDDEN]
    assert loaded == [], f"import engine loaded GUI modules: {loaded}"
    assert "engine.trainer" in modules and "engine.layers.dense" in modules


def test_public_api_names_exist():
    missing = [name for name in engine.__all__ if not hasattr(engine, name)]
    assert missing == []
    assert {"Sequential", "Trainer", "LAYERS", "ConfigError", "save_model", "load_model", "metrics"} <= set(
        engine.__all__)
    assert callable(engine.metrics.accuracy_score)
