"""Layers registered in engine.registry.LAYERS; importing this package registers them all."""

from engine.layers.activation import Activation
from engine.layers.base import Layer, Parameter, Shape
from engine.layers.dense import Dense
from engine.layers.dropout import Dropout
from engine.layers.normalization import BatchNorm, LayerNorm
from engine.layers.prelu import PReLU
from engine.layers.reshape import Flatten, Reshape

__all__ = ["Activation", "BatchNorm", "Dense", "Dropout", "Flatten", "Layer", "LayerNorm", "PReLU", "Parameter",
           "Reshape", "Shape"]
from engine.layers import conv, pooling, upsampling  # noqa: F401  (importing registers them)
