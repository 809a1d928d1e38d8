"""Data for training: the Dataset type, built-in datasets, CSV reading, splits and preprocessing."""

from engine.data.builtin import bundled_dir, load_dataset
from engine.data.dataset import TASKS, Dataset
from engine.data.preprocessing import MinMaxScaler, Scaler, StandardScaler
from engine.data.splits import k_fold, time_ordered_split, train_val_test_split
from engine.data.tabular import read_numeric_csv

__all__ = [
    "TASKS",
    "Dataset",
    "MinMaxScaler",
    "Scaler",
    "StandardScaler",
    "bundled_dir",
    "k_fold",
    "load_dataset",
    "read_numeric_csv",
    "time_ordered_split",
    "train_val_test_split",
]
