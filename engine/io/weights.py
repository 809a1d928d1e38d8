"""Weights as ``.npz`` files: one array per parameter, keyed by its full name (``"dense_1/kernel"``)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Mapping

import numpy as np

from engine.errors import DataError
from engine.io.atomic import atomic_write

__all__ = ["WEIGHT_DTYPES", "load_weights", "read_npz", "save_weights", "write_npz"]

#: The array types a weights file may hold.
WEIGHT_DTYPES = ("float16", "float32", "float64")


def save_weights(path: str | os.PathLike[str], weights: Mapping[str, np.ndarray]) -> None:
    """Write ``{name: array}`` to ``path`` atomically (uncompressed npz, names kept exactly)."""
    checked = {}
    for name, value in weights.items():
        array = np.asarray(value)
        _check_entry(name, array, str(path))
        checked[name] = array
    write_npz(path, checked)


def load_weights(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Read a weights file written by :meth:`save_weights`; DataError for anything else (never unpickles)."""
    arrays = read_npz(path)
    for name, array in arrays.items():
        _check_entry(name, array, str(path))
    return arrays


def write_npz(path: str | os.PathLike[str], arrays: Mapping[str, np.ndarray]) -> None:
    """``np.savez`` through :func:`atomic_write`."""
    with atomic_write(path, "wb") as handle:
        np.savez(handle, **arrays)


def read_npz(path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Every array of an ``.npz`` file, refusing pickled objects; DataError naming the file when unreadable."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except FileNotFoundError as error:
        raise DataError(f"The file {os.fspath(path)!r} does not exist.", file=str(path)) from error
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise DataError(f"The file {os.fspath(path)!r} is not a readable .npz weights file: {error}",
                        file=str(path)) from error


def _check_entry(name: object, array: np.ndarray, file: str) -> None:
    if not isinstance(name, str) or not name or "/" not in name:
        raise DataError(f"{file}: weight names look like 'layer/parameter', received {name!r}.", file=file,
                        param=str(name))
    if array.dtype.name not in WEIGHT_DTYPES:
        raise DataError(f"{file}: weight '{name}' expected a {'/'.join(WEIGHT_DTYPES)} array, received "
                        f"{array.dtype.name}.", file=file, param=name)
