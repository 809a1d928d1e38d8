"""Export as PyTorch script: a readable ``.py`` that rebuilds the model with ``torch.nn`` and can go on training.

The script is plain text filled from templates (nothing here runs it). Its ``nn.Sequential`` has the module
order of :func:`engine.io.safetensors_io.torch_modules`, so ``load_state_dict`` takes the exported
``.safetensors`` file as it is. It reproduces the fitted scaler in ``preprocess(x)``, offers ``predict(x)`` and a
short ``train(x, y, epochs)`` loop with the PyTorch equivalents of the engine's loss and optimizer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.io.atomic import atomic_write
from engine.io.safetensors_io import TorchModule, activation_of, torch_modules, window_geometry
from engine.layers.base import Layer
from engine.layers.im2col import pair
from engine.model import Sequential
from engine.registry import LOSSES, OPTIMIZERS, PREPROCESSORS, REGULARIZERS

__all__ = ["ACTIVATION_MODULES", "LAYER_MODULES", "LOSS_TERMS", "OPTIMIZER_CALLS", "export_torch_script",
           "render_torch_script"]


def _r(value: Any) -> str:
    """A Python literal: floats at full precision, NumPy values as plain numbers and lists."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_r(v) for v in value) + "]"
    return repr(value)


#: Activation key → ``torch.nn`` constructor call (``Step`` is defined in the script: torch has none).
ACTIVATION_MODULES: dict[str, Callable[[Any], str]] = {
    "linear": lambda f: "nn.Identity()",
    "step": lambda f: "Step()",
    "sigmoid": lambda f: "nn.Sigmoid()",
    "hard_sigmoid": lambda f: "nn.Hardsigmoid()",
    "tanh": lambda f: "nn.Tanh()",
    "softsign": lambda f: "nn.Softsign()",
    "relu": lambda f: "nn.ReLU()",
    "relu6": lambda f: "nn.ReLU6()",
    "leaky_relu": lambda f: f"nn.LeakyReLU(negative_slope={_r(f.alpha)})",
    "elu": lambda f: f"nn.ELU(alpha={_r(f.alpha)})",
    "selu": lambda f: "nn.SELU()",
    "gelu": lambda f: f"nn.GELU(approximate={f.approximate!r})",
    "silu": lambda f: "nn.SiLU()",
    "mish": lambda f: "nn.Mish()",
    "softplus": lambda f: f"nn.Softplus(beta={_r(f.beta)}, threshold={_r(f.threshold)})",
    "softmax": lambda f: "nn.Softmax(dim=-1)",
    "log_softmax": lambda f: "nn.LogSoftmax(dim=-1)",
}


def _batch_norm(layer: Layer) -> str:
    dims = len(layer.input_shape)
    if dims > 4:
        raise ConfigError(f"{layer.name}: PyTorch has batch normalisation for up to 3 spatial axes, the input has "
                          f"shape {layer.input_shape}.", layer=layer.name)
    kind = f"BatchNorm{max(dims - 1, 1)}d"
    return (f"nn.{kind}({layer.input_shape[0]}, eps={_r(layer.eps)}, momentum={_r(layer.momentum)}, "
            f"affine={layer.scale or layer.center})")


def _layer_norm(layer: Layer) -> str:
    return (f"nn.LayerNorm({layer.input_shape[-1]}, eps={_r(layer.eps)}, "
            f"elementwise_affine={layer.scale or layer.center}, bias={layer.center})")


def _conv(layer: Layer) -> str:
    w, d = window_geometry(layer), layer.rank
    top, bottom, left, right = w.pads
    one = (lambda v: v[1]) if d == 1 else tuple
    args = (f"{layer.input_shape[0]}, {layer.filters}, kernel_size={one(w.kernel)}, stride={one(w.stride)}, "
            f"dilation={one(w.dilation)}, bias={layer.use_bias}")
    if top == bottom and left == right:
        return f"nn.Conv{d}d({args}, padding={left if d == 1 else (top, left)})"
    pads = (left, right) if d == 1 else (left, right, top, bottom)
    return f"PaddedConv{d}d({args}, pads={pads})"


def _pool(layer: Layer) -> str:
    w, d = window_geometry(layer), layer.rank
    one = (lambda v: v[1]) if d == 1 else tuple
    kind = "MaxPool" if layer.key.startswith("max") else "AvgPool"
    call = f"nn.{kind}{d}d(kernel_size={one(w.kernel)}, stride={one(w.stride)})"
    if not any(w.pads):
        return call
    top, bottom, left, right = w.pads
    pads = (left, right) if d == 1 else (left, right, top, bottom)
    fill = "float('-inf')" if kind == "MaxPool" else "0.0"  # average pooling counts the padding zeros
    return f"nn.Sequential(nn.ConstantPad{d}d({pads}, {fill}), {call})"


#: Layer key → ``torch.nn`` constructor call of its main module (``Reshape`` is defined in the script).
LAYER_MODULES: dict[str, Callable[[Layer], str]] = {
    "dense": lambda layer: f"nn.Linear({layer.input_shape[0]}, {layer.units}, bias={layer.use_bias})",
    "activation": lambda layer: ACTIVATION_MODULES[activation_of(layer).key](activation_of(layer)),
    "dropout": lambda layer: f"nn.Dropout(p={_r(layer.rate)})",
    "batch_norm": _batch_norm,
    "layer_norm": _layer_norm,
    "prelu": lambda layer: (f"nn.PReLU(num_parameters={layer.input_shape[0] if layer.per_channel else 1}, "
                            f"init={_r(layer.alpha_init)})"),
    "flatten": lambda layer: "nn.Flatten()",
    "reshape": lambda layer: f"Reshape({_r(list(layer.output_shape))})",
    "conv1d": _conv,
    "conv2d": _conv,
    "max_pool1d": _pool,
    "max_pool2d": _pool,
    "avg_pool1d": _pool,
    "avg_pool2d": _pool,
    "global_avg_pool": lambda layer: "GlobalAvgPool()",
    "global_max_pool": lambda layer: "GlobalMaxPool()",
    "k_max_pool": lambda layer: f"KMaxPool({layer.k})",
    "upsampling2d": lambda layer: f"nn.Upsample(scale_factor={pair(layer.size, 2)}, mode={layer.interpolation!r}"
                                  + (", align_corners=False)" if layer.interpolation == "bilinear" else ")"),
}

_HELPERS = {
    "Step": '''class Step(nn.Module):
    """Heaviside step, 1 where x >= 0 else 0 (its gradient is zero: it does not train)."""

    def forward(self, x):
        return (x >= 0).to(x.dtype)
''',
    "Reshape": '''class Reshape(nn.Module):
    """Gives each sample a new shape; the batch axis is kept."""

    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)
''',
    "GlobalAvgPool": '''class GlobalAvgPool(nn.Module):
    """Mean of each channel over all its positions: (N, C, ...) to (N, C)."""

    def forward(self, x):
        return x.flatten(2).mean(dim=2)
''',
    "GlobalMaxPool": '''class GlobalMaxPool(nn.Module):
    """Largest value of each channel: (N, C, ...) to (N, C)."""

    def forward(self, x):
        return x.flatten(2).amax(dim=2)
''',
    "KMaxPool": '''class KMaxPool(nn.Module):
    """The k largest values of each channel, kept in their original order: (N, C, ...) to (N, C, k)."""

    def __init__(self, k):
        super().__init__()
        self.k = k

    def forward(self, x):
        flat = x.flatten(2)
        where = torch.sort(torch.topk(flat, self.k, dim=2).indices, dim=2).values
        return torch.gather(flat, 2, where)
''',
    "PaddedConv1d": '''class PaddedConv1d(nn.Conv1d):
    """Conv1d after uneven zero padding (left, right), as 'same' padding gives for some strides."""

    def __init__(self, *args, pads, **kwargs):
        super().__init__(*args, **kwargs)
        self.pads = tuple(pads)

    def forward(self, x):
        return super().forward(F.pad(x, self.pads))
''',
    "PaddedConv2d": '''class PaddedConv2d(nn.Conv2d):
    """Conv2d after uneven zero padding (left, right, top, bottom), as 'same' padding gives for some strides."""

    def __init__(self, *args, pads, **kwargs):
        super().__init__(*args, **kwargs)
        self.pads = tuple(pads)

    def forward(self, x):
        return super().forward(F.pad(x, self.pads))
''',
}


def _module_call(module: TorchModule) -> str:
    layer = module.layer
    if module.is_activation:
        fn = activation_of(layer)
        return ACTIVATION_MODULES[fn.key](fn)
    builder = LAYER_MODULES.get(layer.key)
    if builder is None:
        raise ConfigError(f"{layer.name}: a '{layer.key}' layer has no PyTorch equivalent in the script export.",
                          layer=layer.name)
    if layer.has_activation and activation_of(layer).key not in ACTIVATION_MODULES:
        raise ConfigError(f"{layer.name}: activation '{activation_of(layer).key}' has no PyTorch equivalent in the "
                          "script export.", layer=layer.name, param="activation")
    return builder(layer)


_SMOOTH = "    target = target * (1 - {s}) + {half}\n"
#: Loss key → body of ``loss_terms(output, target)`` given (loss, output is logits); terms per sample or element.
LOSS_TERMS: dict[str, Callable[[Any, bool], str]] = {
    "mse": lambda loss, logits: "    return F.mse_loss(output, target, reduction='none')\n",
    "mae": lambda loss, logits: "    return F.l1_loss(output, target, reduction='none')\n",
    "huber": lambda loss, logits: (f"    return F.huber_loss(output, target, reduction='none', "
                                   f"delta={_r(loss.delta)})\n"),
    "smooth_l1": lambda loss, logits: (f"    return F.smooth_l1_loss(output, target, reduction='none', "
                                       f"beta={_r(loss.beta)})\n"),
    "log_cosh": lambda loss, logits: ("    diff = output - target\n"
                                      "    return diff + F.softplus(-2.0 * diff) - math.log(2.0)\n"),
    "balanced_l1": lambda loss, logits: (
        f"    alpha, gamma, beta = {_r(loss.alpha)}, {_r(loss.gamma)}, {_r(loss.beta)}\n"
        "    b = math.exp(gamma / alpha) - 1.0\n    d = (output - target).abs()\n"
        "    inner = alpha / b * (b * d + 1) * torch.log1p(b / beta * d) - alpha * d\n"
        "    return torch.where(d < beta, inner, gamma * d + gamma / b - alpha * beta)\n"),
    "binary_crossentropy": lambda loss, logits: (
        (_SMOOTH.format(s=_r(loss.label_smoothing), half=_r(0.5 * loss.label_smoothing))
         if loss.label_smoothing else "")
        + ("    return F.binary_cross_entropy_with_logits(output, target, reduction='none')\n" if logits else
           "    return F.binary_cross_entropy(output.clamp(1e-7, 1 - 1e-7), target, reduction='none')\n")),
    "bce_with_logits": lambda loss, logits: (
        "    return F.binary_cross_entropy_with_logits(output, target, reduction='none'"
        + (f", pos_weight=torch.tensor({_r(loss.pos_weight)}, dtype=output.dtype))\n" if loss.pos_weight else ")\n")),
    "categorical_crossentropy": lambda loss, logits: _cross_entropy(loss, logits, sparse=False),
    "sparse_categorical_crossentropy": lambda loss, logits: _cross_entropy(loss, logits, sparse=True),
    "kl_divergence": lambda loss, logits: (
        "    p, y = output.clamp(1e-7, 1.0), target.clamp(1e-7, 1.0)\n"
        "    return (y * (torch.log(y) - torch.log(p))).sum(dim=-1)\n"),
    "hinge": lambda loss, logits: "    return (1 - _signs(target) * output).clamp(min=0)\n",
    "squared_hinge": lambda loss, logits: "    return (1 - _signs(target) * output).clamp(min=0).square()\n",
}


def _cross_entropy(loss: Any, logits: bool, *, sparse: bool) -> str:
    smoothing = getattr(loss, "label_smoothing", 0.0)
    if logits:
        target = "target.long()" if sparse else "target"
        return f"    return F.cross_entropy(output, {target}, reduction='none', label_smoothing={_r(smoothing)})\n"
    lines = "    target = F.one_hot(target.long(), output.shape[-1]).to(output.dtype)\n" if sparse else ""
    if smoothing:
        lines += f"    target = target * (1 - {_r(smoothing)}) + {_r(smoothing)} / output.shape[-1]\n"
    return lines + ("    p = output / output.sum(dim=-1, keepdim=True)\n"
                    "    return -(target * torch.log(p.clamp(1e-7, 1 - 1e-7))).sum(dim=-1)\n")


def _betas(o: Any) -> str:
    return f"betas=({_r(o.beta_1)}, {_r(o.beta_2)}), eps={_r(o.eps)}, weight_decay={_r(o.weight_decay)}"


#: Optimizer key → ``torch.optim`` constructor call (``params`` is the parameter list).
OPTIMIZER_CALLS: dict[str, Callable[[Any], str]] = {
    "sgd": lambda o: (f"torch.optim.SGD(params, lr={_r(o.lr)}, momentum={_r(o.momentum)}, "
                      f"dampening={_r(o.dampening)}, nesterov={o.nesterov}, weight_decay={_r(o.weight_decay)})"),
    "adam": lambda o: f"torch.optim.Adam(params, lr={_r(o.lr)}, {_betas(o)}, amsgrad={o.amsgrad})",
    "adamw": lambda o: f"torch.optim.AdamW(params, lr={_r(o.lr)}, {_betas(o)}, amsgrad={o.amsgrad})",
    "adamax": lambda o: f"torch.optim.Adamax(params, lr={_r(o.lr)}, {_betas(o)})",
    "nadam": lambda o: (f"torch.optim.NAdam(params, lr={_r(o.lr)}, {_betas(o)}, "
                        f"momentum_decay={_r(o.momentum_decay)}, decoupled_weight_decay={o.decoupled_weight_decay})"),
    "adagrad": lambda o: (f"torch.optim.Adagrad(params, lr={_r(o.lr)}, lr_decay={_r(o.lr_decay)}, "
                          f"weight_decay={_r(o.weight_decay)}, "
                          f"initial_accumulator_value={_r(o.initial_accumulator_value)}, eps={_r(o.eps)})"),
    "rmsprop": lambda o: (f"torch.optim.RMSprop(params, lr={_r(o.lr)}, alpha={_r(o.alpha)}, eps={_r(o.eps)}, "
                          f"weight_decay={_r(o.weight_decay)}, momentum={_r(o.momentum)}, centered={o.centered})"),
    "adadelta": lambda o: (f"torch.optim.Adadelta(params, lr={_r(o.lr)}, rho={_r(o.rho)}, eps={_r(o.eps)}, "
                           f"weight_decay={_r(o.weight_decay)})"),
}

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
                 f"OFFSET = torch.tensor({_r(offset)}, dtype=DTYPE)\nSCALE = torch.tensor({_r(scale)}, dtype=DTYPE)\n")
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
                terms.append(f"{_r(reg.l1)} * {tensor}.abs().sum()")
            if getattr(reg, "l2", 0.0):
                terms.append(f"{_r(reg.l2)} * {tensor}.square().sum()")
    return " + ".join(terms) or "0.0"


def _default_loss(model: Sequential) -> str:
    return {"softmax": "sparse_categorical_crossentropy", "sigmoid": "binary_crossentropy"}.get(
        model.output_activation() or "", "mse")


def render_torch_script(model: Sequential, *, weights_file: str, preprocessing: Any = None,
                        classes: Sequence[str] | None = None, loss: Any = None, optimizer: Any = None,
                        module: str = "model") -> str:
    """The text of the script (see :func:`export_torch_script`)."""
    modules = torch_modules(model)
    calls = [_module_call(m) for m in modules]
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
        clip += f"            torch.nn.utils.clip_grad_norm_(params, {_r(opt.clipnorm)})\n"
    if opt.clipvalue is not None:
        clip += f"            torch.nn.utils.clip_grad_value_(params, {_r(opt.clipvalue)})\n"
    constants, pre_body, pre_doc = _preprocessing(preprocessing)
    helpers = sorted({name for name in _HELPERS for call in calls if call.startswith(f"{name}(")})
    text = _HEADER.format(weights_file=weights_file, module=module, dtype=model.dtype.name,
                          classes=_r(list(classes)) if classes is not None else "None")
    text += constants + "".join("\n\n" + _HELPERS[name] for name in helpers)
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
