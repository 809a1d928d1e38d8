"""NN Training Studio's engine: NumPy neural networks with registries, a trainer and file I/O.

The public API is re-exported here; ``import engine`` loads only the standard library and NumPy (never Qt).
Component families fill their registries on first use (``LAYERS.names()`` lists every layer).
"""

from engine import metrics
from engine.callbacks.base import Callback
from engine.errors import ConfigError, DataError, EngineError, ShapeError, TrainingError
from engine.io import (
    LoadedModel,
    atomic_write,
    load_model,
    load_model_file,
    load_weights,
    save_model,
    save_weights,
)
from engine.layers.base import Layer, Parameter
from engine.model import Sequential
from engine.params import Configurable, Param
from engine.perceptron import PerceptronRule
from engine.registry import (
    ACTIVATIONS,
    CALLBACKS,
    DATASETS,
    INITIALIZERS,
    LAYERS,
    LOSSES,
    METRICS,
    OPTIMIZERS,
    PREPROCESSORS,
    REGISTRIES,
    REGULARIZERS,
    SCHEDULES,
    Registry,
)
from engine.rng import SeedStreams
from engine.trainer import METHODS, Trainer

__all__ = [
    "ACTIVATIONS",
    "CALLBACKS",
    "DATASETS",
    "INITIALIZERS",
    "LAYERS",
    "LOSSES",
    "METHODS",
    "METRICS",
    "OPTIMIZERS",
    "PREPROCESSORS",
    "REGISTRIES",
    "REGULARIZERS",
    "SCHEDULES",
    "Callback",
    "ConfigError",
    "Configurable",
    "DataError",
    "EngineError",
    "Layer",
    "LoadedModel",
    "Param",
    "Parameter",
    "PerceptronRule",
    "Registry",
    "SeedStreams",
    "Sequential",
    "ShapeError",
    "Trainer",
    "TrainingError",
    "atomic_write",
    "load_model",
    "load_model_file",
    "load_weights",
    "metrics",
    "save_model",
    "save_weights",
]
