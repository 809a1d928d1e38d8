"""Reference values and gradients of the losses from PyTorch (float64): writes fixtures/losses.json.

Run: ``.venv-ref/bin/python -m tests.reference.generate gen_losses``.

Comparing like with like. Our losses follow Keras: a per-sample loss is the mean of its terms (elementwise losses
averaged over outputs; cross-entropy and KL terms already sum over the class axis), weighted by ``sample_weight``,
and ``mean`` divides the weighted sum by the batch size. So every reference here takes PyTorch's elementwise
(``reduction="none"``) result and applies that reduction explicitly in torch (``keras_reduce``); the gradient is
autograd's. Where PyTorch's own reduction means the same thing (unweighted ``mean`` of elementwise losses,
``batchmean`` of kl_div, ``mean`` of cross_entropy over samples) the script asserts the equality.

Per loss, the PyTorch counterpart:
- mse, mae, huber, smooth_l1: F.mse_loss, F.l1_loss, F.huber_loss(delta), F.smooth_l1_loss(beta).
- balanced_l1: mmdetection's balanced_l1_loss formula written in torch (no torch built-in).
- log_cosh: the formula log(cosh(x)) in torch (no built-in; inputs kept moderate so cosh cannot overflow).
- binary_crossentropy: F.binary_cross_entropy on probabilities inside [0.02, 0.98] (no clipping difference: torch
  clamps log at -100, Keras clips p to [1e-7, 1 - 1e-7]); from_logits: F.binary_cross_entropy_with_logits.
  Keras label smoothing y·(1 - s) + s/2 is applied to the targets here, as torch has no such option.
- bce_with_logits: F.binary_cross_entropy_with_logits with pos_weight.
- categorical/sparse cross-entropy: F.cross_entropy (probability or index targets, label_smoothing — the same
  definition y·(1 - s) + s/C as Keras). For probability inputs p the logits given to torch are log p: then
  log_softmax(log p) = log(p / Σp), exactly Keras' renormalised probabilities (inputs away from the clip bounds).
- kl_divergence: F.kl_div(log p, y, reduction="none") summed over classes (targets strictly positive, where
  Keras' clipping of y to [1e-7, 1] changes nothing).
- hinge, squared_hinge: the formula clamp(1 - y·ŷ, min=0) (squared) with y in {-1, 1}; cases with 0/1 targets
  store 0/1 and compute the reference with 2y - 1, Keras' conversion. Margins are kept away from the kink.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 (the usual torch spelling)

from tests.reference.fixtures import write_json

N, D, C = 6, 3, 4


def keras_reduce(terms: torch.Tensor, weight: torch.Tensor | None, reduction: str) -> torch.Tensor:
    """Mean of each sample's terms, weighted, summed, divided by the batch size for "mean"."""
    per_sample = terms.reshape(terms.shape[0], -1).mean(dim=1)
    if weight is not None:
        per_sample = per_sample * weight
    total = per_sample.sum()
    return total / terms.shape[0] if reduction == "mean" else total


def balanced_l1(pred: torch.Tensor, target: torch.Tensor, alpha: float, gamma: float, beta: float) -> torch.Tensor:
    """mmdetection's balanced_l1_loss with reduction="none"."""
    diff = torch.abs(pred - target)
    b = np.e ** (gamma / alpha) - 1
    return torch.where(diff < beta, alpha / b * (b * diff + 1) * torch.log(b * diff / beta + 1) - alpha * diff,
                       gamma * diff + gamma / b - alpha * beta)


def terms(key: str, config: dict[str, Any], z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """PyTorch's unreduced loss for one of our loss keys."""
    if key == "mse":
        return F.mse_loss(z, y, reduction="none")
    if key == "mae":
        return F.l1_loss(z, y, reduction="none")
    if key == "huber":
        return F.huber_loss(z, y, reduction="none", delta=config["delta"])
    if key == "smooth_l1":
        return F.smooth_l1_loss(z, y, reduction="none", beta=config["beta"])
    if key == "balanced_l1":
        return balanced_l1(z, y, config["alpha"], config["gamma"], config["beta"])
    if key == "log_cosh":
        return torch.log(torch.cosh(z - y))
    if key == "binary_crossentropy":
        s = config["label_smoothing"]
        y = y * (1 - s) + 0.5 * s
        if config["from_logits"]:
            return F.binary_cross_entropy_with_logits(z, y, reduction="none")
        return F.binary_cross_entropy(z, y, reduction="none")
    if key == "bce_with_logits":
        pw = config["pos_weight"]
        pos_weight = None if pw is None else torch.tensor(pw, dtype=torch.float64)
        return F.binary_cross_entropy_with_logits(z, y, reduction="none", pos_weight=pos_weight)
    if key in ("categorical_crossentropy", "sparse_categorical_crossentropy"):
        logits = z if config["from_logits"] else torch.log(z)
        target = y if key == "sparse_categorical_crossentropy" else y.movedim(-1, 1)
        return F.cross_entropy(logits.movedim(-1, 1), target, reduction="none",
                               label_smoothing=config.get("label_smoothing", 0.0))
    if key == "kl_divergence":
        return F.kl_div(torch.log(z), y, reduction="none").sum(dim=-1)
    if key in ("hinge", "squared_hinge"):
        y = 2 * y - 1 if bool(((y == 0) | (y == 1)).all()) else y
        margin = torch.clamp(1 - y * z, min=0)
        return margin if key == "hinge" else margin**2
    raise KeyError(key)


def _away_from(x: np.ndarray, points: tuple[float, ...], gap: float = 0.05) -> np.ndarray:
    """Move values that lie within ``gap`` of a kink of the loss (e.g. |x| = delta) out of it."""
    for p in points:
        for centre in (p, -p):
            near = np.abs(x - centre) < gap
            x = np.where(near, centre + np.where(x >= centre, gap, -gap), x)
    return x


def _cases(rng: np.random.Generator) -> list[dict[str, Any]]:
    def softmax(z: np.ndarray) -> np.ndarray:
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    weights = rng.uniform(0.2, 2.0, N)
    y_reg = rng.normal(size=(N, D))
    cases: list[dict[str, Any]] = []

    def add(key: str, config: dict[str, Any], y_pred: np.ndarray, y_true: np.ndarray, *, weighted: bool,
            reduction: str) -> None:
        cases.append({"loss": key, "config": {**config, "reduction": reduction}, "y_pred": y_pred,
                      "y_true": y_true, "sample_weight": weights if weighted else None})

    def regression(key: str, config: dict[str, Any], kinks: tuple[float, ...], scale: float = 1.5) -> None:
        for weighted, reduction in ((False, "mean"), (True, "sum"), (True, "mean")):
            err = _away_from(rng.normal(scale=scale, size=(N, D)), (0.0, *kinks))
            add(key, config, y_reg + err, y_reg, weighted=weighted, reduction=reduction)

    regression("mse", {}, ())
    regression("mae", {}, ())
    regression("huber", {"delta": 1.0}, (1.0,))
    regression("huber", {"delta": 0.4}, (0.4,))
    regression("smooth_l1", {"beta": 1.0}, (1.0,))
    regression("smooth_l1", {"beta": 0.3}, (0.3,))
    regression("smooth_l1", {"beta": 0.0}, ())
    regression("balanced_l1", {"alpha": 0.5, "gamma": 1.5, "beta": 1.0}, (1.0,))
    regression("balanced_l1", {"alpha": 0.3, "gamma": 1.2, "beta": 0.7}, (0.7,))
    regression("log_cosh", {}, (), scale=3.0)

    binary = (rng.uniform(size=(N, D)) < 0.5).astype(float)
    soft = rng.uniform(size=(N, D))
    for smoothing, weighted, reduction in ((0.0, False, "mean"), (0.2, True, "mean"), (0.1, True, "sum")):
        for from_logits in (False, True):
            z = rng.normal(scale=2.0, size=(N, D))
            y_pred = z if from_logits else rng.uniform(0.02, 0.98, size=(N, D))
            add("binary_crossentropy", {"from_logits": from_logits, "label_smoothing": smoothing}, y_pred,
                binary if reduction == "mean" else soft, weighted=weighted, reduction=reduction)
    for pos_weight, weighted, reduction in ((None, False, "mean"), ([2.5], True, "mean"), ([0.5, 2.0, 3.0], True,
                                                                                          "sum")):
        add("bce_with_logits", {"pos_weight": pos_weight}, rng.normal(scale=2.0, size=(N, D)),
            binary if weighted else soft, weighted=weighted, reduction=reduction)

    index = rng.integers(0, C, N)
    onehot = np.eye(C)[index]
    soft_rows = softmax(rng.normal(size=(N, C)))
    for smoothing, weighted, reduction in ((0.0, False, "mean"), (0.1, True, "mean"), (0.3, True, "sum")):
        for from_logits in (False, True):
            z = rng.normal(scale=2.0, size=(N, C))
            # Probabilities: a softmax output, or (with weights) rows that do not sum to 1 (Keras renormalises).
            y_pred = z if from_logits else (softmax(z) if not weighted else rng.uniform(0.05, 1.0, size=(N, C)))
            add("categorical_crossentropy", {"from_logits": from_logits, "label_smoothing": smoothing}, y_pred,
                onehot if smoothing < 0.3 else soft_rows, weighted=weighted, reduction=reduction)
            add("sparse_categorical_crossentropy", {"from_logits": from_logits}, y_pred, index, weighted=weighted,
                reduction=reduction)
    steps = softmax(rng.normal(size=(N, 2, C)))
    add("categorical_crossentropy", {"from_logits": True, "label_smoothing": 0.0}, rng.normal(size=(N, 2, C)),
        steps, weighted=True, reduction="mean")
    for weighted, reduction in ((False, "mean"), (True, "sum"), (True, "mean")):
        add("kl_divergence", {}, softmax(rng.normal(size=(N, C))), softmax(rng.normal(size=(N, C))),
            weighted=weighted, reduction=reduction)

    signs = np.where(binary > 0, 1.0, -1.0)
    for key in ("hinge", "squared_hinge"):
        for labels, weighted, reduction in ((signs, False, "mean"), (binary, True, "sum"), (signs, True, "mean")):
            margin = _away_from(rng.normal(scale=1.5, size=(N, D)), (1.0,))  # y·ŷ, away from the kink at 1
            add(key, {}, margin * signs, labels, weighted=weighted, reduction=reduction)
    return cases


def _reference(case: dict[str, Any]) -> dict[str, Any]:
    key, config = case["loss"], case["config"]
    z = torch.tensor(case["y_pred"], dtype=torch.float64, requires_grad=True)
    target_dtype = torch.int64 if key == "sparse_categorical_crossentropy" else torch.float64
    y = torch.tensor(case["y_true"], dtype=target_dtype)
    w = None if case["sample_weight"] is None else torch.tensor(case["sample_weight"], dtype=torch.float64)
    t = terms(key, config, z, y)
    loss = keras_reduce(t, w, config["reduction"])
    loss.backward()
    value = loss.item()
    if w is None and config["reduction"] == "mean":
        with torch.no_grad():
            native = {"mse": lambda: F.mse_loss(z, y), "mae": lambda: F.l1_loss(z, y),
                      "kl_divergence": lambda: F.kl_div(torch.log(z), y, reduction="batchmean"),
                      "sparse_categorical_crossentropy": lambda: F.cross_entropy(
                          z if config["from_logits"] else torch.log(z), y)}.get(key)
            if native is not None:
                assert math.isclose(native().item(), value, rel_tol=1e-14), key
    return {**case, "value": value, "grad": z.grad.numpy()}


def generate(out: Path) -> list[Path]:
    rng = np.random.default_rng(20240607)
    cases = [_reference(case) for case in _cases(rng)]
    for i, case in enumerate(cases):
        case["id"] = f"{i:02d}-{case['loss']}"
    return [write_json(out / "losses.json", {"torch": torch.__version__, "cases": cases})]
