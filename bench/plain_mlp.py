"""A careful plain-NumPy training step for :mod:`bench.mlp`'s workloads: the yardstick any machine can run.

No framework: the parameters live in one flat float32 buffer (kernels, then biases) with views for each array, the
hidden activations run in place, the output layer's sigmoid/softmax is fused into its cross-entropy (on logits, as
PyTorch's ``BCEWithLogitsLoss``/``CrossEntropyLoss``), the batch's loss value is computed as a training loop that
reports it would, and Adam updates the whole flat buffer with in-place NumPy calls. It is what a NumPy programmer
would write by hand for exactly one network, so ``engine / plain NumPy`` says how much the engine's generality
costs, whatever the machine's speed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

__all__ = ["plain_epoch_runner"]

F32 = np.float32


def _activation(name: str) -> tuple[Callable[[np.ndarray], None], Callable[[np.ndarray, np.ndarray], None]]:
    """(forward in place on z, backward: multiply g in place by f′ expressed through the output h)."""
    zero, half, one = F32(0), F32(0.5), F32(1)
    if name == "relu":
        return (lambda z: np.maximum(z, zero, out=z)), (lambda h, g: np.multiply(g, h > zero, out=g))
    if name == "tanh":
        return (lambda z: np.tanh(z, out=z)), (lambda h, g: np.multiply(g, one - h * h, out=g))
    if name == "sigmoid":
        def sigmoid(z: np.ndarray) -> None:  # ½·tanh(z/2) + ½: one transcendental, no overflow
            z *= half
            np.tanh(z, out=z)
            z *= half
            z += half
        return sigmoid, (lambda h, g: np.multiply(g, h * (one - h), out=g))
    raise ValueError(f"unknown activation {name!r}")


def plain_epoch_runner(sizes: tuple[int, ...], activation: str, batch: int, x: np.ndarray,
                       y: np.ndarray) -> tuple[Callable[[], int], list[float]]:
    """A function that trains one epoch (shuffled, batches of ``batch``) and returns its number of steps, and the
    list to which each epoch appends its mean batch loss.

    ``sizes``: input, hidden…, output (1 output: sigmoid + binary cross-entropy, else softmax + cross-entropy with
    the integer labels ``y``); hidden layers use ``activation``; Adam with lr 1e-3.
    """
    rng = np.random.default_rng(0)
    n = x.shape[0]
    binary = sizes[-1] == 1
    targets = y.reshape(-1, 1).astype(F32) if binary else np.eye(sizes[-1], dtype=F32)[y]
    pairs = list(itertools.pairwise(sizes))
    total = sum(a * b + b for a, b in pairs)
    flat, grads = np.zeros(total, F32), np.zeros(total, F32)
    m, v, tmp = np.zeros(total, F32), np.zeros(total, F32), np.empty(total, F32)
    kernels, biases, kernel_grads, bias_grads = [], [], [], []
    offset = 0
    for a, b in pairs:
        kernels.append(flat[offset:offset + a * b].reshape(a, b))
        kernel_grads.append(grads[offset:offset + a * b].reshape(a, b))
        limit = np.sqrt(6.0 / (a + b))  # Glorot uniform
        kernels[-1][...] = rng.uniform(-limit, limit, (a, b))
        offset += a * b
        biases.append(flat[offset:offset + b])
        bias_grads.append(grads[offset:offset + b])
        offset += b
    forward, backward = _activation(activation)
    last = len(pairs) - 1
    lr, beta_1, beta_2, eps = 1e-3, 0.9, 0.999, 1e-8
    b1, b2, c1, c2, e = F32(beta_1), F32(beta_2), F32(1 - beta_1), F32(1 - beta_2), F32(eps)
    zero, half = F32(0), F32(0.5)
    t = 0

    def step(xb: np.ndarray, yb: np.ndarray) -> float:
        nonlocal t
        hs = [xb]
        for i, (kernel, bias) in enumerate(zip(kernels, biases, strict=True)):
            z = hs[-1].dot(kernel)
            z += bias
            if i < last:
                forward(z)
            hs.append(z)
        z, scale = hs.pop(), F32(1.0 / xb.shape[0])
        if binary:  # softplus(z) − y·z, stably; gradient σ(z) − y
            loss = float(np.mean(np.maximum(z, zero) - z * yb + np.log1p(np.exp(-np.abs(z)))))
            g = np.tanh(z * half)
            g *= half
            g += half
        else:  # log Σ exp(z) − z·y per row; gradient softmax(z) − y
            shifted = z - z.max(axis=1, keepdims=True)
            g = np.exp(shifted)
            sums = g.sum(axis=1, keepdims=True)
            loss = float(np.mean(np.log(sums)[:, 0] - (shifted * yb).sum(axis=1)))
            g /= sums
        g -= yb
        g *= scale
        for i in range(last, -1, -1):
            np.dot(hs[i].T, g, out=kernel_grads[i])
            np.sum(g, axis=0, out=bias_grads[i])
            if i:
                g = g.dot(kernels[i].T)
                backward(hs[i], g)
        t += 1  # Adam, in place (np.<ufunc>(…, out=…): these arrays belong to the enclosing function)
        np.multiply(m, b1, out=m)
        np.multiply(grads, c1, out=tmp)
        np.add(m, tmp, out=m)
        np.multiply(v, b2, out=v)
        np.multiply(grads, grads, out=tmp)
        np.multiply(tmp, c2, out=tmp)
        np.add(v, tmp, out=v)
        np.sqrt(v, out=tmp)
        np.multiply(tmp, F32(1 / np.sqrt(1 - beta_2**t)), out=tmp)
        np.add(tmp, e, out=tmp)
        np.divide(m, tmp, out=tmp)
        np.multiply(tmp, F32(lr / (1 - beta_1**t)), out=tmp)
        np.subtract(flat, tmp, out=flat)
        return loss

    whole = x.nbytes <= 32 << 20  # small data: shuffled once per epoch; large: each batch gathered
    losses: list[float] = []

    def epoch() -> int:
        perm = rng.permutation(n)
        xs, ys = (x[perm], targets[perm]) if whole else (x, targets)
        total = 0.0
        for start in range(0, n, batch):
            if whole:
                total += step(xs[start:start + batch], ys[start:start + batch])
            else:
                index = perm[start:start + batch]
                total += step(x[index], targets[index])
        steps = -(-n // batch)
        losses.append(total / steps)
        return steps

    return epoch, losses
