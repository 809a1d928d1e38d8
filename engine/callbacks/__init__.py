"""Callbacks registered in engine.registry.CALLBACKS; importing this package registers them all."""

from engine.callbacks.base import Callback

__all__ = ["Callback"]
