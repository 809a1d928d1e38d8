"""Optimizers registered in engine.registry.OPTIMIZERS; importing this package registers them all."""

from engine.optimizers.base import Optimizer, clip_gradients

__all__ = ["Optimizer", "clip_gradients"]
