"""Optimizers registered in engine.registry.OPTIMIZERS; importing this package registers them all."""

from engine.optimizers.adadelta import Adadelta
from engine.optimizers.adagrad import Adagrad
from engine.optimizers.adam import Adam, AdamW
from engine.optimizers.adamax import Adamax
from engine.optimizers.base import Optimizer, clip_gradients
from engine.optimizers.nadam import NAdam
from engine.optimizers.rmsprop import RMSprop
from engine.optimizers.sgd import SGD

__all__ = ["SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "NAdam", "Optimizer", "RMSprop",
           "clip_gradients"]
