"""Weights as ``.safetensors`` with PyTorch ``state_dict`` names and layouts.

The file holds the state dict of the ``torch.nn.Sequential`` that mirrors the model: every engine layer becomes
one module, and the activation of a dense or convolution layer becomes a module of its own right after it
(dense(relu) → ``Linear`` at i, ``ReLU`` at i + 1). So ``0.weight`` is the first dense layer's kernel transposed to
out×in, a convolution kernel is stored OIHW as it already is in the engine, batch normalisation adds PyTorch's
``num_batches_tracked``. The engine's model config is kept as JSON in the file's metadata, so the file alone can
rebuild the model. ``safetensors`` is an optional extra, imported only when a file is written or read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.activations.base import Activation
from engine.errors import ConfigError, DataError, ShapeError
from engine.io.atomic import atomic_write
from engine.layers.base import Layer
from engine.layers.im2col import Windows, pair, plan_windows
from engine.model import Sequential
from engine.registry import ACTIVATIONS

__all__ = ["FORMAT", "METADATA_KEY", "SCHEMA_VERSION", "TorchModule", "activation_of", "load_safetensors",
           "read_safetensors_metadata", "save_safetensors", "state_dict_to_weights", "torch_module_names",
           "torch_modules", "torch_state_dict", "window_geometry"]

FORMAT = "nn-studio-safetensors"
SCHEMA_VERSION = 1
#: Metadata entry holding ``Sequential.get_config()`` as JSON.
METADATA_KEY = "nn_studio_model"
MISSING_EXTRA = "install the 'safetensors' extra: pip install nn-training-studio[safetensors]"

#: Engine parameter short name → PyTorch parameter name, for every layer type that has parameters.
RENAMES: dict[str, dict[str, str]] = {
    "dense": {"kernel": "weight", "bias": "bias"},
    "conv1d": {"kernel": "weight", "bias": "bias"},
    "conv2d": {"kernel": "weight", "bias": "bias"},
    "batch_norm": {"gamma": "weight", "beta": "bias", "running_mean": "running_mean", "running_var": "running_var"},
    "layer_norm": {"gamma": "weight", "beta": "bias"},
    "prelu": {"alpha": "weight"},
}
#: PyTorch stores a Linear weight out×in; the engine's dense kernel is in×out.
_TRANSPOSED = {("dense", "kernel")}


@dataclass(frozen=True)
class TorchModule:
    """One module of the mirroring ``torch.nn.Sequential``: its index, the engine layer, and whether it is that
    layer's activation (split off a dense or convolution layer)."""

    index: int
    layer: Layer
    is_activation: bool = False


def activation_of(layer: Layer) -> Activation | None:
    """The activation function a layer applies (``None`` for layers without one)."""
    if not layer.has_activation:
        return None
    return ACTIVATIONS.create(layer.activation)


def window_geometry(layer: Layer) -> Windows:
    """Kernel, stride, dilation and the padding on each side of a convolution or pooling layer (built).

    1-D layers are one-row 2-D windows: their geometry is in the second entry of each pair.
    """
    rank = layer.rank
    size = (1, layer.input_shape[1]) if rank == 1 else tuple(layer.input_shape[1:])
    if hasattr(layer, "kernel_size"):
        return plan_windows(size, pair(layer.kernel_size, rank), pair(layer.strides, rank),
                            pair(layer.dilation, rank), layer.padding, rank)
    pool = pair(layer.pool_size, rank)
    stride = pool if layer.strides is None else pair(layer.strides, rank)
    return plan_windows(size, pool, stride, (1, 1), layer.padding, rank, allow_flat=False)


def _split_activation(layer: Layer) -> bool:
    """Dense/conv layers with a non-linear activation get a separate activation module."""
    if not layer.has_activation or layer.key == "activation":
        return False
    return activation_of(layer).key != "linear"


def _built(model: Sequential) -> Sequential:
    if not model.built:
        if model.input_shape is None:
            raise ConfigError("export: the model has no input shape yet; build or train it first.",
                              param="input_shape")
        model.build()
    return model


def torch_modules(model: Sequential) -> list[TorchModule]:
    """The modules of the mirroring ``torch.nn.Sequential`` in order (the model is built if needed)."""
    out: list[TorchModule] = []
    for layer in _built(model).layers:
        out.append(TorchModule(len(out), layer))
        if _split_activation(layer):
            out.append(TorchModule(len(out), layer, is_activation=True))
    return out


def torch_module_names(model: Sequential) -> dict[str, int]:
    """Engine layer name → index of its module in the ``torch.nn.Sequential`` (its activation, if split, is +1)."""
    return {m.layer.name: m.index for m in torch_modules(model) if not m.is_activation}


def _affine_fill(layer: Layer) -> dict[str, np.ndarray]:
    """PyTorch-only affine entries: BatchNorm's affine needs both weight and bias, LayerNorm's bias needs a weight."""
    fill: dict[str, np.ndarray] = {}
    if layer.key not in ("batch_norm", "layer_norm") or not (layer.scale or layer.center):
        return fill
    size = layer.input_shape[0] if layer.key == "batch_norm" else layer.input_shape[-1]
    if not layer.scale:
        fill["weight"] = np.ones(size, dtype=layer.dtype)
    if not layer.center and layer.key == "batch_norm":
        fill["bias"] = np.zeros(size, dtype=layer.dtype)
    return fill


def _layer_entries(layer: Layer) -> dict[str, str]:
    """Engine short name → PyTorch name for this layer's parameters; refuses layers the mapping does not know."""
    shorts = [p.name.rsplit("/", 1)[1] for p in layer.parameters()]
    renames = RENAMES.get(layer.key, {})
    unknown = [s for s in shorts if s not in renames]
    if unknown:
        raise ConfigError(f"{layer.name}: the PyTorch export does not know where parameter '{unknown[0]}' of a "
                          f"'{layer.key}' layer goes.", layer=layer.name, param=unknown[0])
    return {s: renames[s] for s in shorts}


def torch_state_dict(model: Sequential) -> dict[str, np.ndarray]:
    """The mirroring ``torch.nn.Sequential``'s ``state_dict`` as C-contiguous NumPy arrays."""
    tensors: dict[str, np.ndarray] = {}
    for module in torch_modules(model):
        layer = module.layer
        if module.is_activation:
            continue
        for short, torch_name in _layer_entries(layer).items():
            value = layer.parameter(short).value
            if (layer.key, short) in _TRANSPOSED:
                value = value.T
            tensors[f"{module.index}.{torch_name}"] = np.ascontiguousarray(value)
        for torch_name, value in _affine_fill(layer).items():
            tensors[f"{module.index}.{torch_name}"] = value
        if layer.key == "batch_norm":
            tensors[f"{module.index}.num_batches_tracked"] = np.zeros((), dtype=np.int64)
    return tensors


def state_dict_to_weights(model: Sequential, tensors: Mapping[str, np.ndarray], file: str | None = None
                          ) -> dict[str, np.ndarray]:
    """Engine weights (``"dense_1/kernel"`` …) from a PyTorch-layout state dict, checking names, shapes, dtypes."""
    where = f"{file}: " if file else ""
    weights: dict[str, np.ndarray] = {}
    expected: set[str] = set()
    for module in torch_modules(model):
        layer = module.layer
        if module.is_activation:
            continue
        prefix = f"{module.index}."
        for short, torch_name in _layer_entries(layer).items():
            key = prefix + torch_name
            param = layer.parameter(short)
            value = _entry(tensors, key, layer, where, floating=True)
            if (layer.key, short) in _TRANSPOSED:
                value = value.T
            if value.shape != param.value.shape:
                shape = param.value.shape[::-1] if (layer.key, short) in _TRANSPOSED else param.value.shape
                raise ShapeError(f"{where}'{key}' ({param.name}) expected shape {tuple(shape)}, received "
                                 f"{tuple(np.shape(tensors[key]))}.", file=file, layer=layer.name, param=key)
            weights[param.name] = value
            expected.add(key)
        for torch_name, filler in _affine_fill(layer).items():
            key = prefix + torch_name
            value = _entry(tensors, key, layer, where, floating=True)
            if value.shape != filler.shape or not np.array_equal(value, filler):
                raise ConfigError(f"{where}'{key}' must hold {'ones' if torch_name == 'weight' else 'zeros'} of "
                                  f"shape {filler.shape}: layer '{layer.name}' has no learned "
                                  f"{'scale' if torch_name == 'weight' else 'offset'}.", file=file, layer=layer.name,
                                  param=key)
            expected.add(key)
        if layer.key == "batch_norm":
            key = prefix + "num_batches_tracked"
            _entry(tensors, key, layer, where, floating=False)
            expected.add(key)
    unexpected = sorted(set(tensors) - expected)
    if unexpected:
        raise ConfigError(f"{where}unexpected entry '{unexpected[0]}': the model expects "
                          f"{', '.join(sorted(expected)) or 'no weights'}.", file=file, param=unexpected[0])
    return weights


def _entry(tensors: Mapping[str, np.ndarray], key: str, layer: Layer, where: str, *, floating: bool) -> np.ndarray:
    file = where.removesuffix(": ") or None
    if key not in tensors:
        raise ConfigError(f"{where}missing entry '{key}' for layer '{layer.name}'.", file=file, layer=layer.name,
                          param=key)
    value = np.asarray(tensors[key])
    if floating and value.dtype.name not in ("float16", "float32", "float64"):
        raise DataError(f"{where}'{key}' expected a float16/float32/float64 tensor, received {value.dtype.name}.",
                        file=file, layer=layer.name, param=key)
    if not floating and (value.dtype.kind not in "iu" or value.shape != ()):
        raise DataError(f"{where}'{key}' expected an integer scalar, received {value.dtype.name} of shape "
                        f"{value.shape}.", file=file, layer=layer.name, param=key)
    return value


def _library() -> Any:
    try:
        import safetensors
        import safetensors.numpy
    except ImportError as error:
        raise ConfigError(MISSING_EXTRA) from error
    return safetensors


def save_safetensors(path: str | os.PathLike[str], model: Sequential) -> None:
    """Write the model's weights in PyTorch layout to ``path`` atomically, with its config in the metadata."""
    library = _library()
    tensors = torch_state_dict(model)
    metadata = {"format": "pt", "nn_studio_format": FORMAT, "schema_version": str(SCHEMA_VERSION),
                METADATA_KEY: json.dumps(model.get_config(), ensure_ascii=False)}
    data = library.numpy.save(tensors, metadata=metadata)
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def read_safetensors_metadata(path: str | os.PathLike[str]) -> dict[str, str]:
    """The metadata strings of a ``.safetensors`` file (empty when it has none)."""
    return _read(path)[1]


def _read(path: str | os.PathLike[str]) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    library = _library()
    file = os.fspath(path)
    if not os.path.isfile(file):
        raise DataError(f"The file {file!r} does not exist.", file=file)
    try:
        with library.safe_open(file, framework="np") as handle:
            metadata = dict(handle.metadata() or {})
            tensors = {key: handle.get_tensor(key) for key in handle.keys()}  # noqa: SIM118 (not a dict)
    except (library.SafetensorError, OSError, ValueError, TypeError) as error:
        raise DataError(f"The file {file!r} is not a readable .safetensors file: {error}", file=file) from error
    return tensors, metadata


def load_safetensors(path: str | os.PathLike[str], model: Sequential | None = None) -> Sequential:
    """Load weights written by :func:`save_safetensors` (or by PyTorch) into ``model`` and return it.

    Without ``model``, the model is rebuilt from the config in the file's metadata. Every entry's name, shape and
    dtype is checked; a file from a newer version of the program is refused.
    """
    file = os.fspath(path)
    tensors, metadata = _read(path)
    version = metadata.get("schema_version", "1")
    if not version.isdigit() or int(version) > SCHEMA_VERSION:
        raise ConfigError(f"{file} was saved by a newer version of the program (safetensors schema {version}); "
                          f"this version reads schema {SCHEMA_VERSION}. Please update the program.", file=file,
                          param="schema_version")
    config = _stored_config(metadata, file)
    if model is None:
        if config is None or not config.get("input_shape"):
            raise DataError(f"{file} holds no model configuration; pass the model to load the weights into.",
                            file=file)
        model = Sequential.from_config(config)
    elif config is not None:
        stored = [spec.get("type") for spec in config.get("layers", [])]
        ours = [layer.key for layer in model.layers]
        if stored != ours:
            raise ConfigError(f"{file} holds weights for layers {stored}, the model has layers {ours}.", file=file)
    model.set_weights(state_dict_to_weights(model, tensors, file))
    return model


def _stored_config(metadata: Mapping[str, str], file: str) -> dict[str, Any] | None:
    text = metadata.get(METADATA_KEY)
    if text is None:
        return None
    try:
        config = json.loads(text)
    except ValueError as error:
        raise DataError(f"{file}: the stored model configuration is not valid JSON: {error}.", file=file) from error
    if not isinstance(config, dict) or not isinstance(config.get("layers", []), list):
        raise DataError(f"{file}: the stored model configuration must be an object with a 'layers' list.", file=file)
    return config
