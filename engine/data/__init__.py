"""Data for training: the Dataset type, built-in datasets, CSV tables, splits and preprocessing."""

from engine.data.builtin import bundled_dir, load_dataset
from engine.data.dataset import TASKS, Dataset
from engine.data.pipeline import TablePipeline
from engine.data.preprocessing import MinMaxScaler, Scaler, StandardScaler, TargetTransform
from engine.data.splits import k_fold, time_ordered_split, train_val_test_split
from engine.data.tabular import TableInfo, load_table, prepare_table, read_table

__all__ = [
    "TASKS",
    "Dataset",
    "MinMaxScaler",
    "Scaler",
    "StandardScaler",
    "TableInfo",
    "TablePipeline",
    "TargetTransform",
    "bundled_dir",
    "k_fold",
    "load_dataset",
    "load_table",
    "prepare_table",
    "read_table",
    "time_ordered_split",
    "train_val_test_split",
]
