"""Preprocessing fitted on the training part only and stored with the model: scalers, imputers, encoders.

Every entry is registered in ``PREPROCESSORS`` with a ``category`` ("scaler", "imputer", "encoder", "target").
``get_config()`` carries the fitted state as JSON, so ``PREPROCESSORS.create(spec)`` rebuilds the exact
transformation used in training (``engine.data.pipeline`` combines them per column of a table).
"""

from engine.data.preprocessing.base import Preprocessor, cell_error
from engine.data.preprocessing.encoders import LabelEncoder, OneHotEncoder, class_order
from engine.data.preprocessing.impute import IMPUTE_STRATEGIES, Imputer, is_missing
from engine.data.preprocessing.nonlinear import Log1pScaler, YeoJohnsonScaler, yeo_johnson, yeo_johnson_inverse
from engine.data.preprocessing.scalers import MeanNormScaler, MinMaxScaler, RobustScaler, Scaler, StandardScaler
from engine.data.preprocessing.target import TargetTransform

__all__ = [
    "IMPUTE_STRATEGIES",
    "Imputer",
    "LabelEncoder",
    "Log1pScaler",
    "MeanNormScaler",
    "MinMaxScaler",
    "OneHotEncoder",
    "Preprocessor",
    "RobustScaler",
    "Scaler",
    "StandardScaler",
    "TargetTransform",
    "YeoJohnsonScaler",
    "cell_error",
    "class_order",
    "is_missing",
    "yeo_johnson",
    "yeo_johnson_inverse",
]
