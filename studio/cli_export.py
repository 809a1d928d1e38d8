"""``nn-train export MODEL --format npz,safetensors,json,txt,onnx,torch --out DIR``: a trained model in other formats.

Each format is one file in DIR: ``weights.npz`` (keys ``dense_1/kernel`` …), ``model.safetensors`` (PyTorch
``state_dict`` names), ``weights.json`` (readable, with shapes and layer configs), ``weights.txt`` (every unit's
weights, as Weka prints a perceptron), ``model.onnx`` (opset 17) and ``model.py`` (a PyTorch script; it loads
``model.safetensors``, which is therefore written with it). Optional extras are checked before anything is written,
so a missing one gives one sentence with its pip command and no file. The export dialog runs :func:`export_model`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from engine.errors import ConfigError, DataError
from engine.io.json_weights import save_json_weights
from engine.io.onnx_export import export_onnx
from engine.io.safetensors_io import save_safetensors
from engine.io.text_dump import save_text_dump
from engine.io.torch_script import export_torch_script
from engine.io.weights import save_weights
from studio.report_source import TrainedModel, load_trained

__all__ = ["EXPORT_FORMATS", "FILE_NAMES", "add_export_parser", "check_extras", "export_model", "parse_formats",
           "run_export"]

#: Format key → the file it writes.
FILE_NAMES = {"npz": "weights.npz", "safetensors": "model.safetensors", "json": "weights.json",
              "txt": "weights.txt", "onnx": "model.onnx", "torch": "model.py"}
EXPORT_FORMATS = tuple(FILE_NAMES)
#: Format → (Python module it needs, the extra that installs it).
_EXTRAS = {"safetensors": ("safetensors", "safetensors"), "torch": ("safetensors", "safetensors"),
           "onnx": ("onnx", "onnx")}

Progress = Callable[[int, str], None]


def add_export_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help="write a trained model's weights or network in other formats",
                                 description="Write MODEL in each --format to --out (one file per format).")
    export.add_argument("model", metavar="MODEL", help="a model file written by nn-train train, or a .nnproj")
    export.add_argument("--format", default="npz", metavar="LIST", help=f"comma-separated: {', '.join(FILE_NAMES)} "
                        "(default npz)")
    export.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")


def parse_formats(text: str, known: Sequence[str]) -> list[str]:
    """The formats of a comma-separated list, checked against ``known``, in the order given, without repeats."""
    formats = []
    for part in text.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name not in known:
            raise ConfigError(f"--format expected some of {', '.join(known)}, received {name!r}.", param="format")
        if name not in formats:
            formats.append(name)
    if not formats:
        raise ConfigError(f"--format expected some of {', '.join(known)}, received nothing.", param="format")
    return formats


def check_extras(formats: Sequence[str]) -> None:
    """ConfigError with the pip command when a format needs an optional package that is not installed."""
    for name in formats:
        module, extra = _EXTRAS.get(name, (None, None))
        if module is not None and importlib.util.find_spec(module) is None:
            raise ConfigError(f"the {name} format needs the optional package '{module}': pip install "
                              f"'nn-training-studio[{extra}]'", param="format")


def _script_preprocessing(trained: TrainedModel) -> object:
    """The fitted scaler the PyTorch script reproduces; refused when the inputs are one-hot encoded."""
    pipeline = trained.pipeline
    if pipeline is None:
        return trained.scaler
    if pipeline.categorical:
        raise ConfigError(f"the PyTorch script reproduces numeric scaling only, and this model one-hot encodes "
                          f"{', '.join(map(repr, pipeline.categorical))}; export safetensors or ONNX instead.",
                          param="format")
    return pipeline.steps.get("numeric_scaler")


def export_model(trained: TrainedModel | str | os.PathLike[str], formats: Sequence[str],
                 out: str | os.PathLike[str], *, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """Write ``formats`` of the model into the folder ``out``; returns the files written, in order."""
    check_extras(formats)
    model_info = trained if isinstance(trained, TrainedModel) else load_trained(trained)
    model = model_info.model
    script_preprocessing = _script_preprocessing(model_info) if "torch" in formats else None
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError(f"The folder {folder} could not be created: {error.strerror or error}.",
                        file=str(folder)) from error
    names = model_info.feature_names if len(model_info.feature_names) == _size(model.input_shape) else None
    writers: dict[str, Callable[[Path], None]] = {
        "npz": lambda p: save_weights(p, model.get_weights()),
        "safetensors": lambda p: save_safetensors(p, model),
        "json": lambda p: save_json_weights(p, model),
        "txt": lambda p: save_text_dump(p, model, names),
        "onnx": lambda p: export_onnx(p, model),
        "torch": lambda p: export_torch_script(p, model, weights_file=FILE_NAMES["safetensors"],
                                               preprocessing=script_preprocessing,
                                               classes=model_info.classes or None, loss=model_info.loss,
                                               optimizer=model_info.training.get("optimizer")),
    }
    steps = list(formats)
    if "torch" in steps and "safetensors" not in steps:
        steps.insert(steps.index("torch"), "safetensors")  # the script loads these weights
    written: list[Path] = []
    for i, name in enumerate(steps):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(int(100 * i / len(steps)), FILE_NAMES[name])
        path = folder / FILE_NAMES[name]
        try:
            writers[name](path)
        except OSError as error:
            raise DataError(f"{path} could not be written: {error.strerror or error}; no partial file was left.",
                            file=str(path)) from error
        written.append(path)
    if progress is not None:
        progress(100, "")
    return written


def _size(shape: Sequence[int]) -> int:
    total = 1
    for n in shape:
        total *= int(n)
    return total


def run_export(args: argparse.Namespace, err: TextIO) -> int:
    """Carry out ``nn-train export``."""
    formats = parse_formats(args.format, EXPORT_FORMATS)
    written = export_model(args.model, formats, args.out)
    err.write(f"nn-train: wrote {', '.join(p.name for p in written)} to {args.out}\n")
    return 0
