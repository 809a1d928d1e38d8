"""Callbacks registered in engine.registry.CALLBACKS; importing this package registers them all."""

from engine.callbacks.base import Callback
from engine.callbacks.csv_logger import CSVLogger
from engine.callbacks.early_stopping import EarlyStopping
from engine.callbacks.history import History
from engine.callbacks.lr_scheduler import LRScheduler
from engine.callbacks.model_checkpoint import ModelCheckpoint
from engine.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from engine.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = ["CSVLogger", "Callback", "EarlyStopping", "History", "LRScheduler", "ModelCheckpoint",
           "ReduceLROnPlateau", "TerminateOnNaN"]
