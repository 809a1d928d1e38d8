"""PyTorch parity of the exports: fixtures/export.json.

For models covering every layer (and a scaler), this writes the ``.safetensors`` weights and the generated
PyTorch script into a temporary folder, imports the script in PyTorch and checks that its ``predict`` equals the
engine's ``predict`` within 1e-5. It also proves that a hand-written ``torch.nn.Sequential`` accepts the
safetensors file with ``load_state_dict(strict=True)`` and gives the same outputs, and that the script's ``train``
runs. The fixture records inputs, weights and both outputs; tests/engine/test_export_torch_script.py re-checks
them against the current engine without torch.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file
from torch import nn

from engine.data.preprocessing import StandardScaler
from engine.io.safetensors_io import save_safetensors
from engine.io.torch_script import export_torch_script
from engine.registry import PREPROCESSORS
from tests.engine.test_export_cases import all_cases, build_case, case_input
from tests.reference.fixtures import write_json

TOLERANCE = 1e-5


def _import(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def _hand_written_mlp() -> nn.Sequential:
    """The Sequential a PyTorch user would write for the 'mlp' case, independent of our script."""
    return nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.BatchNorm1d(8), nn.PReLU(8), nn.Dropout(0.3),
                         nn.LayerNorm(8), nn.Linear(8, 3), nn.Softmax(dim=-1))


def _case(name: str, folder: Path, scaler: StandardScaler | None) -> dict[str, Any]:
    model = build_case(name)
    x = case_input(model, 6).astype(np.float64)
    inputs = x if scaler is None else x * 3.0 + 1.0  # raw rows, in the units the scaler was fitted on
    stem = f"net_{name}"
    save_safetensors(folder / f"{stem}.safetensors", model)
    export_torch_script(folder / f"{stem}.py", model, weights_file=f"{stem}.safetensors", preprocessing=scaler)
    script = _import(folder / f"{stem}.py")
    engine_out = model.predict(inputs if scaler is None else scaler.transform(inputs))
    torch_out = script.predict(inputs).numpy()
    error = float(np.max(np.abs(torch_out - engine_out)))
    assert error <= TOLERANCE, f"{name}: PyTorch script and engine differ by {error}"
    if name == "mlp":
        hand = _hand_written_mlp()
        hand.load_state_dict(load_file(str(folder / f"{stem}.safetensors")), strict=True)
        hand.eval()
        with torch.no_grad():
            hand_out = hand(torch.as_tensor(scaler.transform(inputs), dtype=torch.float32)).numpy()
        assert np.max(np.abs(hand_out - engine_out)) <= TOLERANCE, "hand-written Sequential differs"
        targets = np.arange(len(inputs)) % 3
        trained = script.train(inputs, targets, epochs=2, batch_size=4)
        assert isinstance(trained, nn.Sequential)
    return {"name": name, "model": model.get_config(),
            "weights": {k: v.tolist() for k, v in model.get_weights().items()},
            "preprocessing": PREPROCESSORS.to_spec(scaler) if scaler is not None else None,
            "x": inputs, "engine": engine_out, "torch": torch_out, "max_abs_error": error}


def generate(out: Path) -> list[Path]:
    torch.manual_seed(0)
    scaler = StandardScaler().fit(np.random.default_rng(4).normal(1.0, 3.0, (50, 6)))
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(all_cases()):
            cases.append(_case(name, Path(tmp), scaler if name == "mlp" else None))
    worst = max(c["max_abs_error"] for c in cases)
    print(f"gen_export: {len(cases)} models, largest |torch - engine| = {worst:.3g}")
    return [write_json(out / "export.json", {"torch": torch.__version__, "cases": cases})]
