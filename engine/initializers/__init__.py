"""Initializers registered in engine.registry.INITIALIZERS; importing this package registers them all."""

from engine.initializers.base import *  # noqa: F403
