"""Losses registered in engine.registry.LOSSES; importing this package registers them all."""

from engine.losses.base import *  # noqa: F403
