"""Reading and writing files: atomic writes, weights (.npz) and model files."""

from engine.io.atomic import atomic_write
from engine.io.model_file import LoadedModel, load_model, load_model_file, save_model
from engine.io.weights import load_weights, save_weights

__all__ = ["LoadedModel", "atomic_write", "load_model", "load_model_file", "load_weights", "save_model",
           "save_weights"]
