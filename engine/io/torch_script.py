"""Export as PyTorch script: a readable ``.py`` that rebuilds the model with ``torch.nn`` and can go on training.

The script is plain text filled from templates (nothing here runs it). Its ``nn.Sequential`` has the module
order of :func:`engine.io.safetensors_io.torch_modules`, so ``load_state_dict`` takes the exported
``.safetensors`` file as it is. It reproduces the fitted scaler in ``preprocess(x)``, offers ``predict(x)`` and a
short ``train(x, y, epochs)`` loop with the PyTorch equivalents of the engine's loss and optimizer.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from engine.errors import ConfigError
from engine.io.atomic import atomic_write
from engine.io.safetensors_io import TorchModule, activation_of, torch_modules
from engine.io.torch_equivalents import (
    ACTIVATION_MODULES,
    HELPERS,
    LAYER_MODULES,
    LOSS_TERMS,
    OPTIMIZER_CALLS,
    lit,
    module_call,
)
from engine.model import Sequential
from engine.registry import LOSSES, OPTIMIZERS, PREPROCESSORS, REGULARIZERS

__all__ = ["ACTIVATION_MODULES", "LAYER_MODULES", "LOSS_TERMS", "OPTIMIZER_CALLS", "export_torch_script",
           "render_torch_script"]


_HEADER = '''"""PyTorch version of a network trained in NN Training Studio.

Builds the same network with torch.nn, loads the trained weights from {weights_file!r} (next to this file), and
reproduces the preprocessing, so you can predict and continue training with PyTorch on a bigger machine.
Needs: pip install torch safetensors

    import {module}
    y = {module}.predict(x)                  # x: raw feature rows, as in the training file
    {module}.train(x, y_true, epochs=10)     # continues training from the exported weights
"""

import math
from pathlib import Path

import torch
from safetensors.torch import load_file
from torch import nn
from torch.nn import functional as F

WEIGHTS = Path(__file__).with_name({weights_file!r})
DTYPE = torch.{dtype}
CLASSES = {classes}
'''

_BODY = '''

def build_model():
    """The network, module by module; each comment names the layer in NN Training Studio."""
    model = nn.Sequential(
{modules}
    ).to(DTYPE)
{frozen}    return model


def load_model(path=WEIGHTS):
    """The network with the exported weights, in inference mode."""
    model = build_model()
    model.load_state_dict(load_file(str(path)))
    return model.eval()


_model = None


def get_model():
    """The network loaded once and shared by predict() and train()."""
    global _model
    if _model is None:
        _model = load_model()
    return _model


def preprocess(x):
    """{preprocess_doc}"""
    x = torch.as_tensor(x, dtype=DTYPE)
{preprocess}

def predict(x, model=None):
    """Outputs for raw feature rows ({output_doc})."""
    model = get_model() if model is None else model
    model.eval()
    with torch.no_grad():
        return model(preprocess(x))


def loss_terms(output, target):
    """{loss_doc}"""
{loss}

def loss_fn(output, target):
    """Mean over each sample's outputs, then the {reduction} over the batch, as in NN Training Studio."""
    terms = loss_terms(output, target)
    return terms.reshape(terms.shape[0], -1).mean(dim=1).{reduction}()


def penalty(model):
    """Weight penalties (regularizers) added to the loss."""
    return {penalty}


def train(x, y, epochs=10, batch_size=32, model=None):
    """Continue training on raw feature rows x and targets y; returns the model."""
    model = get_model() if model is None else model
    inputs = preprocess(x)
    targets = torch.as_tensor(y, dtype={target_dtype})
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = {optimizer}
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(inputs))
        total = 0.0
        for start in range(0, len(inputs), batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            output = {train_forward}(inputs[batch]){fused_note}
            loss = loss_fn(output, targets[batch]) + penalty(model)
            loss.backward()
{clip}            optimizer.step()
            total += loss.item() * len(batch)
        print(f"epoch {{epoch + 1}}/{{epochs}}: loss {{total / len(inputs):.6f}}")
    return model.eval()


if __name__ == "__main__":
    print(load_model())
'''

_SIGNS = '''

def _signs(target):
    """Margin losses take targets in {-1, 1}; 0/1 targets are converted."""
    return 2 * target - 1 if bool((target == 0).any()) else target
'''


def _preprocessing(spec: Any) -> tuple[str, str, str]:
    """(constants, function body, docstring) reproducing a fitted scaler."""
    if spec is None:
        return "", "    return x\n", "Raw rows as a tensor: the model was trained without scaling."
    scaler = PREPROCESSORS.create(spec)
    if not hasattr(scaler, "state") or scaler.state is None:
        raise ConfigError(f"script export: the preprocessing must be a fitted scaler, received {spec!r}.",
                          param="preprocessing")
    offset, scale = scaler._offset_scale(scaler.state)
    constants = (f"\n# Preprocessing: the '{scaler.key}' scaler fitted on the training rows, "
                 "transform(x) = (x - OFFSET) / SCALE\n"
                 f"OFFSET = torch.tensor({lit(offset)}, dtype=DTYPE)\n"
                 f"SCALE = torch.tensor({lit(scale)}, dtype=DTYPE)\n")
    return constants, "    return (x - OFFSET) / SCALE\n", f"Scale raw rows as in training ('{scaler.key}' scaler)."


def _penalty(modules: Sequence[TorchModule]) -> str:
    terms = []
    for module in modules:
        layer = module.layer
        if module.is_activation or layer.key not in ("dense", "conv1d", "conv2d"):
            continue
        for attr, torch_name in (("kernel_regularizer", "weight"), ("bias_regularizer", "bias")):
            spec = getattr(layer, attr, None)
            if spec in (None, "", "none"):
                continue
            reg = REGULARIZERS.create(spec)
            tensor = f"model[{module.index}].{torch_name}"
            if getattr(reg, "l1", 0.0):
                terms.append(f"{lit(reg.l1)} * {tensor}.abs().sum()")
            if getattr(reg, "l2", 0.0):
                terms.append(f"{lit(reg.l2)} * {tensor}.square().sum()")
    return " + ".join(terms) or "0.0"


def _default_loss(model: Sequential) -> str:
    return {"softmax": "sparse_categorical_crossentropy", "sigmoid": "binary_crossentropy"}.get(
        model.output_activation() or "", "mse")


def render_torch_script(model: Sequential, *, weights_file: str, preprocessing: Any = None,
                        classes: Sequence[str] | None = None, loss: Any = None, optimizer: Any = None,
                        module: str = "model") -> str:
    """The text of the script (see :func:`export_torch_script`)."""
    modules = torch_modules(model)
    calls = [module_call(m) for m in modules]
    lines = []
    for m, call in zip(modules, calls, strict=True):
        role = f"{m.layer.name} ({activation_of(m.layer).key})" if m.is_activation else m.layer.name
        lines.append(f"        {call},  # {m.index}: {role}")
    frozen = [m.index for m in modules if not m.is_activation and not m.layer.trainable]
    frozen_lines = "".join(f"    model[{i}].requires_grad_(False)  # frozen in NN Training Studio\n" for i in frozen)
    for m in modules:
        if m.layer.key in ("batch_norm", "layer_norm") and not m.layer.scale and m.layer.center:
            frozen_lines += f"    model[{m.index}].weight.requires_grad_(False)  # {m.layer.name} learns no scale\n"
        if m.layer.key == "batch_norm" and m.layer.scale and not m.layer.center:
            frozen_lines += f"    model[{m.index}].bias.requires_grad_(False)  # {m.layer.name} learns no offset\n"
    loss_obj = LOSSES.create(loss if loss is not None else _default_loss(model))
    if loss_obj.key not in LOSS_TERMS:
        raise ConfigError(f"script export: loss '{loss_obj.key}' has no PyTorch equivalent yet.", param="loss")
    fused = (loss_obj.logits_of is not None and model.output_activation() == loss_obj.logits_of
             and not getattr(loss_obj, "from_logits", True))
    on_logits = fused or bool(getattr(loss_obj, "from_logits", False)) or loss_obj.key == "bce_with_logits"
    opt = OPTIMIZERS.create(optimizer if optimizer is not None else "adam")
    if opt.key not in OPTIMIZER_CALLS:
        raise ConfigError(f"script export: optimizer '{opt.key}' has no PyTorch equivalent yet.", param="optimizer")
    clip = ""
    if opt.clipnorm is not None:
        clip += f"            torch.nn.utils.clip_grad_norm_(params, {lit(opt.clipnorm)})\n"
    if opt.clipvalue is not None:
        clip += f"            torch.nn.utils.clip_grad_value_(params, {lit(opt.clipvalue)})\n"
    constants, pre_body, pre_doc = _preprocessing(preprocessing)
    helpers = sorted({name for name in HELPERS for call in calls if call.startswith(f"{name}(")})
    text = _HEADER.format(weights_file=weights_file, module=module, dtype=model.dtype.name,
                          classes=lit(list(classes)) if classes is not None else "None")
    text += constants + "".join("\n\n" + HELPERS[name] for name in helpers)
    if loss_obj.key in ("hinge", "squared_hinge"):
        text += _SIGNS
    text += _BODY.format(
        modules="\n".join(lines), frozen=frozen_lines, preprocess=pre_body, preprocess_doc=pre_doc,
        output_doc=f"after {model.output_activation() or 'no activation'}",
        loss_doc=f"Terms of the '{loss_obj.key}' loss{' on logits' if on_logits else ''}, per element or sample.",
        loss=LOSS_TERMS[loss_obj.key](loss_obj, on_logits), reduction=loss_obj.reduction,
        penalty=_penalty(modules), optimizer=OPTIMIZER_CALLS[opt.key](opt),
        target_dtype="torch.long" if loss_obj.target == "index" else "DTYPE",
        train_forward="model[:-1]" if fused else "model", clip=clip,
        fused_note="  # logits: the loss applies the output activation itself" if fused else "")
    return text


def export_torch_script(path: str | os.PathLike[str], model: Sequential, *, weights_file: str,
                        preprocessing: Any = None, classes: Sequence[str] | None = None, loss: Any = None,
                        optimizer: Any = None) -> None:
    """Write the PyTorch script for ``model`` to ``path`` atomically.

    ``weights_file`` is the name of the ``.safetensors`` file written by
    :func:`~engine.io.safetensors_io.save_safetensors`, looked up next to the script. ``preprocessing`` is a
    fitted scaler (or its ``{"type", "config"}`` spec), ``classes`` the class names; ``loss`` and ``optimizer``
    (keys, specs or instances) default to the usual pair for the output activation and Adam.
    """
    module = os.path.splitext(os.path.basename(os.fspath(path)))[0]
    text = render_torch_script(model, weights_file=weights_file, preprocessing=preprocessing, classes=classes,
                               loss=loss, optimizer=optimizer, module=module if module.isidentifier() else "model")
    with atomic_write(path, "w") as handle:
        handle.write(text)
