"""Activations registered in engine.registry.ACTIVATIONS; importing this package registers them all."""

from engine.activations.base import *  # noqa: F403
