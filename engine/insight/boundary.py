"""The model's output over a plane through the data: the decision boundary (or predicted surface) to draw.

A :class:`Plane` is an origin and two directions in feature space. With two chosen columns the other features
are held at their median and the directions are the two columns' unit vectors; with ``projection="pca"`` the
plane passes through the mean along the first two principal directions. Points project onto the plane with
:meth:`Plane.project`, grid coordinates lift back to model inputs with :meth:`Plane.lift`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.errors import ConfigError, ShapeError
from engine.model import Sequential

__all__ = ["PROJECTIONS", "Boundary", "Plane", "decision_boundary", "make_plane", "plane_grid"]

#: How the features outside the plane are chosen: held at their median, or a 2-D PCA projection of all features.
PROJECTIONS = ("median", "pca")


@dataclass(frozen=True)
class Plane:
    """``origin`` (features,) and ``basis`` (2, features): input = origin + u·basis[0] + v·basis[1]."""

    origin: np.ndarray
    basis: np.ndarray

    def lift(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Model inputs (len(u), features) for plane coordinates ``u``, ``v`` (1-D, same length)."""
        return self.origin + np.multiply.outer(u, self.basis[0]) + np.multiply.outer(v, self.basis[1])

    def project(self, x: np.ndarray) -> np.ndarray:
        """Plane coordinates (N, 2) of the rows of ``x`` (their orthogonal projection)."""
        return (np.asarray(x, dtype=self.basis.dtype) - self.origin) @ self.basis.T


def make_plane(x: Any, columns: tuple[int, int] = (0, 1), projection: str = "median") -> Plane:
    """The plane spanned by feature ``columns`` (others at their median) or by the two principal directions."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ShapeError(f"decision boundary: expected a table of shape (samples, features), received shape "
                         f"{tuple(x.shape)}.", param="x")
    features = x.shape[1]
    if projection not in PROJECTIONS:
        raise ConfigError(f"decision boundary: projection expected one of {', '.join(PROJECTIONS)}, received "
                          f"{projection!r}.", param="projection")
    if projection == "pca":
        mean = x.mean(axis=0)
        if features == 1:
            raise ShapeError("decision boundary: a PCA plane needs at least two features, received one.",
                             param="x")
        _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
        return Plane(mean, vt[:2].copy())
    a, b = (int(c) for c in columns)
    if not (0 <= a < features and 0 <= b < features) or (a == b and features > 1):
        raise ConfigError(f"decision boundary: columns expected two different indices in 0 … {features - 1}, "
                          f"received {tuple(columns)}.", param="columns")
    origin = np.median(x, axis=0)
    origin[[a, b]] = 0.0
    basis = np.zeros((2, features))
    basis[0, a] = 1.0
    if a != b:
        basis[1, b] = 1.0
    return Plane(origin, basis)


def plane_grid(plane: Plane, x: Any, resolution: int = 80, margin: float = 0.1
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Grid axes ``u`` and ``v`` (resolution,) covering the projected points plus ``margin`` of their span, and
    the model inputs (resolution², features) in row-major order: row ``i`` of the grid is ``v[i]``."""
    if resolution < 2:
        raise ConfigError(f"decision boundary: resolution expected an integer ≥ 2, received {resolution!r}.",
                          param="resolution")
    points = plane.project(x)
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum(high - low, 1e-3) * margin + (high == low)
    u = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    v = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    uu, vv = np.meshgrid(u, v)
    return u, v, plane.lift(uu.reshape(-1), vv.reshape(-1))


@dataclass(frozen=True)
class Boundary:
    """The model over a grid: axes ``u``/``v``, ``inputs`` (res², features), ``outputs`` (res, res, outputs) and
    ``classes`` (res, res) — arg-max, or output > threshold for one output; None for regression."""

    plane: Plane
    u: np.ndarray
    v: np.ndarray
    inputs: np.ndarray
    outputs: np.ndarray
    classes: np.ndarray | None


def decision_boundary(model: Sequential, x: Any, columns: tuple[int, int] = (0, 1), *, projection: str = "median",
                      resolution: int = 80, margin: float = 0.1, regression: bool = False,
                      threshold: float = 0.5) -> Boundary:
    """``model.predict`` over a grid of the plane through ``x``; see :func:`make_plane` and :func:`plane_grid`.

    ``threshold`` decides one output's class (0.5 for a sigmoid, 0 for a tanh or linear score).
    """
    if model.input_shape is not None and len(model.input_shape) != 1:
        raise ShapeError(f"decision boundary: needs a model on flat features, received input shape "
                         f"{model.input_shape}.", param="x")
    plane = make_plane(x, columns, projection)
    u, v, inputs = plane_grid(plane, x, resolution, margin)
    inputs = inputs.astype(model.dtype)
    outputs = model.predict(inputs).reshape(resolution, resolution, -1)
    classes = None
    if not regression:
        classes = outputs.argmax(axis=2) if outputs.shape[2] > 1 else (outputs[..., 0] > threshold).astype(np.int64)
    return Boundary(plane, u, v, inputs, outputs, classes)
