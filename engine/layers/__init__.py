"""Layers registered in engine.registry.LAYERS; importing this package registers them all."""

from engine.layers.base import Layer, Parameter, Shape

__all__ = ["Layer", "Parameter", "Shape"]
