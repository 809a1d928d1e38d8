"""Schedules registered in engine.registry.SCHEDULES; importing this package registers them all."""

from engine.schedules.base import *  # noqa: F403
