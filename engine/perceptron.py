"""Rosenblatt's perceptron learning rule, the method behind ``Trainer(method="perceptron")``.

A perceptron is one dense layer with a step output. Its derivative is zero, so gradient descent cannot train it;
the rule instead corrects the weights from each sample's error: ``w += lr·(y − ŷ)·x`` and ``b += lr·(y − ŷ)``,
one sample at a time in the order given. It converges on linearly separable data (AND, OR) and can never fit
XOR, the classic argument for hidden layers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.registry import ACTIVATIONS

__all__ = ["PerceptronRule", "check_perceptron_model"]


def check_perceptron_model(model: Any) -> Any:
    """The model's single dense layer with step activation; ConfigError saying what is needed otherwise."""
    layers = list(model.layers)
    if len(layers) != 1 or layers[0].key != "dense" or model.output_activation() != "step":
        found = ", ".join(f"{layer.name} ({layer.key})" for layer in layers) or "no layers"
        raise ConfigError("The perceptron rule trains a model made of exactly one dense layer with the 'step' "
                          f"activation (and a bias); received {found}"
                          + (f" with activation {model.output_activation()!r}" if len(layers) == 1 else "")
                          + ". Use method='backprop' for other models.", param="method")
    if not layers[0].use_bias:
        raise ConfigError(f"The perceptron rule needs a bias: set use_bias=True on '{layers[0].name}'.",
                          layer=layers[0].name, param="use_bias")
    return layers[0]


class PerceptronRule:
    """Applies the rule to the model's dense layer, sample by sample."""

    def __init__(self, model: Any) -> None:
        self.layer = check_perceptron_model(model)
        self.step = ACTIVATIONS.create("step")

    def train_batch(self, x: np.ndarray, y: np.ndarray, lr: float) -> np.ndarray:
        """Update on every row of ``x`` (targets ``y`` of 0/1, one column per unit); returns the predictions ŷ
        made just before each sample's update (the perceptron's online errors)."""
        kernel = self.layer.parameter("kernel").value
        bias = self.layer.parameter("bias").value
        targets = y.reshape(x.shape[0], -1).astype(kernel.dtype, copy=False)
        if targets.shape[1] != kernel.shape[1]:
            raise ConfigError(f"The perceptron has {kernel.shape[1]} output unit(s) but the targets have "
                              f"{targets.shape[1]} column(s).", param="y")
        rate = kernel.dtype.type(lr)
        predictions = np.empty_like(targets)
        for i in range(x.shape[0]):
            row = x[i]
            y_hat = self.step.forward(row @ kernel + bias)
            predictions[i] = y_hat
            error = targets[i] - y_hat
            if error.any():
                error *= rate
                kernel += np.outer(row, error)
                bias += error
        return predictions
