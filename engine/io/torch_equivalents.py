"""PyTorch equivalents of the engine's components, as source text for the script export.

Tables by registry key: activations and layers → ``torch.nn`` constructor calls, losses → the body of a
per-element loss function, optimizers → ``torch.optim`` calls. :mod:`engine.io.torch_script` puts them into its
templates; a key missing here makes the export fail with a ConfigError naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.io.safetensors_io import TorchModule, activation_of, window_geometry
from engine.layers.base import Layer
from engine.layers.im2col import pair

__all__ = ["ACTIVATION_MODULES", "HELPERS", "LAYER_MODULES", "LOSS_TERMS", "OPTIMIZER_CALLS", "lit",
           "module_call"]


def lit(value: Any) -> str:
    """A Python literal: floats at full precision, NumPy values as plain numbers and lists."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(lit(v) for v in value) + "]"
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
    "leaky_relu": lambda f: f"nn.LeakyReLU(negative_slope={lit(f.alpha)})",
    "elu": lambda f: f"nn.ELU(alpha={lit(f.alpha)})",
    "selu": lambda f: "nn.SELU()",
    "gelu": lambda f: f"nn.GELU(approximate={f.approximate!r})",
    "silu": lambda f: "nn.SiLU()",
    "mish": lambda f: "nn.Mish()",
    "softplus": lambda f: f"nn.Softplus(beta={lit(f.beta)}, threshold={lit(f.threshold)})",
    "softmax": lambda f: "nn.Softmax(dim=-1)",
    "log_softmax": lambda f: "nn.LogSoftmax(dim=-1)",
}


def _batch_norm(layer: Layer) -> str:
    dims = len(layer.input_shape)
    if dims > 4:
        raise ConfigError(f"{layer.name}: PyTorch has batch normalisation for up to 3 spatial axes, the input has "
                          f"shape {layer.input_shape}.", layer=layer.name)
    kind = f"BatchNorm{max(dims - 1, 1)}d"
    return (f"nn.{kind}({layer.input_shape[0]}, eps={lit(layer.eps)}, momentum={lit(layer.momentum)}, "
            f"affine={layer.scale or layer.center})")


def _layer_norm(layer: Layer) -> str:
    return (f"nn.LayerNorm({layer.input_shape[-1]}, eps={lit(layer.eps)}, "
            f"elementwise_affine={layer.scale or layer.center}, bias={layer.center})")


def _window(layer: Layer) -> tuple[Any, int, Callable[[Any], Any], tuple[int, ...]]:
    """(window geometry, rank, per-axis value as torch takes it, paddings in ``F.pad`` order) of a conv or pool."""
    w, d = window_geometry(layer), layer.rank
    top, bottom, left, right = w.pads
    one = (lambda v: v[1]) if d == 1 else tuple
    return w, d, one, (left, right) if d == 1 else (left, right, top, bottom)


def _conv(layer: Layer) -> str:
    w, d, one, pads = _window(layer)
    top, bottom, left, right = w.pads
    args = (f"{layer.input_shape[0]}, {layer.filters}, kernel_size={one(w.kernel)}, stride={one(w.stride)}, "
            f"dilation={one(w.dilation)}, bias={layer.use_bias}")
    if top == bottom and left == right:
        return f"nn.Conv{d}d({args}, padding={left if d == 1 else (top, left)})"
    return f"PaddedConv{d}d({args}, pads={pads})"


def _pool(layer: Layer) -> str:
    w, d, one, pads = _window(layer)
    kind = "MaxPool" if layer.key.startswith("max") else "AvgPool"
    call = f"nn.{kind}{d}d(kernel_size={one(w.kernel)}, stride={one(w.stride)})"
    if not any(w.pads):
        return call
    fill = "float('-inf')" if kind == "MaxPool" else "0.0"  # average pooling counts the padding zeros
    return f"nn.Sequential(nn.ConstantPad{d}d({pads}, {fill}), {call})"


#: Layer key → ``torch.nn`` constructor call of its main module (``Reshape`` is defined in the script).
LAYER_MODULES: dict[str, Callable[[Layer], str]] = {
    "dense": lambda layer: f"nn.Linear({layer.input_shape[0]}, {layer.units}, bias={layer.use_bias})",
    "activation": lambda layer: ACTIVATION_MODULES[activation_of(layer).key](activation_of(layer)),
    "dropout": lambda layer: f"nn.Dropout(p={lit(layer.rate)})",
    "batch_norm": _batch_norm,
    "layer_norm": _layer_norm,
    "prelu": lambda layer: (f"nn.PReLU(num_parameters={layer.input_shape[0] if layer.per_channel else 1}, "
                            f"init={lit(layer.alpha_init)})"),
    "flatten": lambda layer: "nn.Flatten()",
    "reshape": lambda layer: f"Reshape({lit(list(layer.output_shape))})",
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

_PADDED_CONV = '''class PaddedConv{d}d(nn.Conv{d}d):
    """Conv{d}d after uneven zero padding ({pads}), as 'same' padding gives for some strides."""

    def __init__(self, *args, pads, **kwargs):
        super().__init__(*args, **kwargs)
        self.pads = tuple(pads)

    def forward(self, x):
        return super().forward(F.pad(x, self.pads))
'''
#: Class name → definition of a module the script defines itself (torch has no such module).
HELPERS = {
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
    **{f"PaddedConv{d}d": _PADDED_CONV.format(d=d, pads=pads) for d, pads in ((1, "left, right"),
                                                                               (2, "left, right, top, bottom"))},
}


def module_call(module: TorchModule) -> str:
    """The ``torch.nn`` constructor call of one module of :func:`torch_modules`; ConfigError when torch has none."""
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
                                   f"delta={lit(loss.delta)})\n"),
    "smooth_l1": lambda loss, logits: (f"    return F.smooth_l1_loss(output, target, reduction='none', "
                                       f"beta={lit(loss.beta)})\n"),
    "log_cosh": lambda loss, logits: ("    diff = output - target\n"
                                      "    return diff + F.softplus(-2.0 * diff) - math.log(2.0)\n"),
    "balanced_l1": lambda loss, logits: (
        f"    alpha, gamma, beta = {lit(loss.alpha)}, {lit(loss.gamma)}, {lit(loss.beta)}\n"
        "    b = math.exp(gamma / alpha) - 1.0\n    d = (output - target).abs()\n"
        "    inner = alpha / b * (b * d + 1) * torch.log1p(b / beta * d) - alpha * d\n"
        "    return torch.where(d < beta, inner, gamma * d + gamma / b - alpha * beta)\n"),
    "binary_crossentropy": lambda loss, logits: (
        (_SMOOTH.format(s=lit(loss.label_smoothing), half=lit(0.5 * loss.label_smoothing))
         if loss.label_smoothing else "")
        + ("    return F.binary_cross_entropy_with_logits(output, target, reduction='none')\n" if logits else
           "    return F.binary_cross_entropy(output.clamp(1e-7, 1 - 1e-7), target, reduction='none')\n")),
    "bce_with_logits": lambda loss, logits: (
        "    return F.binary_cross_entropy_with_logits(output, target, reduction='none'"
        + (f", pos_weight=torch.tensor({lit(loss.pos_weight)}, dtype=output.dtype))\n" if loss.pos_weight else ")\n")),
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
        return f"    return F.cross_entropy(output, {target}, reduction='none', label_smoothing={lit(smoothing)})\n"
    lines = "    target = F.one_hot(target.long(), output.shape[-1]).to(output.dtype)\n" if sparse else ""
    if smoothing:
        lines += f"    target = target * (1 - {lit(smoothing)}) + {lit(smoothing)} / output.shape[-1]\n"
    return lines + ("    p = output / output.sum(dim=-1, keepdim=True)\n"
                    "    return -(target * torch.log(p.clamp(1e-7, 1 - 1e-7))).sum(dim=-1)\n")


def _betas(o: Any) -> str:
    return f"betas=({lit(o.beta_1)}, {lit(o.beta_2)}), eps={lit(o.eps)}, weight_decay={lit(o.weight_decay)}"


#: Optimizer key → ``torch.optim`` constructor call (``params`` is the parameter list).
OPTIMIZER_CALLS: dict[str, Callable[[Any], str]] = {
    "sgd": lambda o: (f"torch.optim.SGD(params, lr={lit(o.lr)}, momentum={lit(o.momentum)}, "
                      f"dampening={lit(o.dampening)}, nesterov={o.nesterov}, weight_decay={lit(o.weight_decay)})"),
    "adam": lambda o: f"torch.optim.Adam(params, lr={lit(o.lr)}, {_betas(o)}, amsgrad={o.amsgrad})",
    "adamw": lambda o: f"torch.optim.AdamW(params, lr={lit(o.lr)}, {_betas(o)}, amsgrad={o.amsgrad})",
    "adamax": lambda o: f"torch.optim.Adamax(params, lr={lit(o.lr)}, {_betas(o)})",
    "nadam": lambda o: (f"torch.optim.NAdam(params, lr={lit(o.lr)}, {_betas(o)}, "
                        f"momentum_decay={lit(o.momentum_decay)}, decoupled_weight_decay={o.decoupled_weight_decay})"),
    "adagrad": lambda o: (f"torch.optim.Adagrad(params, lr={lit(o.lr)}, lr_decay={lit(o.lr_decay)}, "
                          f"weight_decay={lit(o.weight_decay)}, "
                          f"initial_accumulator_value={lit(o.initial_accumulator_value)}, eps={lit(o.eps)})"),
    "rmsprop": lambda o: (f"torch.optim.RMSprop(params, lr={lit(o.lr)}, alpha={lit(o.alpha)}, eps={lit(o.eps)}, "
                          f"weight_decay={lit(o.weight_decay)}, momentum={lit(o.momentum)}, centered={o.centered})"),
    "adadelta": lambda o: (f"torch.optim.Adadelta(params, lr={lit(o.lr)}, rho={lit(o.rho)}, eps={lit(o.eps)}, "
                           f"weight_decay={lit(o.weight_decay)})"),
}
