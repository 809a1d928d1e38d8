"""Losses registered in engine.registry.LOSSES; importing this package registers them all."""

from engine.losses.base import *  # noqa: F403
from engine.losses.binary import *  # noqa: F403
from engine.losses.categorical import *  # noqa: F403
from engine.losses.margin import *  # noqa: F403
from engine.losses.regression import *  # noqa: F403
