"""Activations registered in engine.registry.ACTIVATIONS; importing this package registers them all."""

from engine.activations.base import Activation
from engine.activations.classic import HardSigmoid, Linear, Sigmoid, Softsign, Step, Tanh
from engine.activations.rectified import ELU, SELU, LeakyReLU, ReLU, ReLU6
from engine.activations.smooth import GELU, Mish, SiLU, Softplus
from engine.activations.softmax import LogSoftmax, Softmax

__all__ = ["ELU", "GELU", "SELU", "Activation", "HardSigmoid", "LeakyReLU", "Linear", "LogSoftmax", "Mish", "ReLU",
           "ReLU6", "SiLU", "Sigmoid", "Softmax", "Softplus", "Softsign", "Step", "Tanh"]
