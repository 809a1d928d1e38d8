"""Upsampling of feature maps (N, C, H, W) by whole factors: nearest-neighbour or bilinear."""

from __future__ import annotations

import numpy as np

from engine.layers.base import Layer, Shape
from engine.layers.checks import check_batch, check_lengths, check_sample_rank, keep_output
from engine.layers.im2col import pair
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["UpSampling2D", "bilinear_matrix"]


def bilinear_matrix(size: int, factor: int) -> np.ndarray:
    """The (size·factor, size) matrix of linear interpolation along one axis, as PyTorch's ``align_corners=False``.

    Output i samples the input at (i + ½) / factor − ½ (clamped to the first cell), between two neighbours.
    """
    source = np.maximum((np.arange(size * factor) + 0.5) / factor - 0.5, 0.0)
    low = np.floor(source).astype(np.intp)
    high = np.minimum(low + 1, size - 1)
    weight = source - low
    matrix = np.zeros((size * factor, size))
    rows = np.arange(size * factor)
    np.add.at(matrix, (rows, low), 1.0 - weight)
    np.add.at(matrix, (rows, high), weight)
    return matrix


@LAYERS.register("upsampling2d")
class UpSampling2D(Layer):
    """Enlarges each feature map by whole factors: (N, C, H, W) → (N, C, H·fh, W·fw).

    ``nearest`` repeats every value into an fh×fw block; ``bilinear`` interpolates between neighbours as
    PyTorch's ``interpolate(mode='bilinear', align_corners=False)``, as two small matrix products.
    """

    PARAMS = (
        Param("size", "ints", [2, 2], "Factors for rows and columns (one number: both).", low=1, typical="2"),
        Param("interpolation", "choice", "nearest", "How new pixels get their values.",
              choices=("nearest", "bilinear")),
    )
    category = "reshape"

    def _validate(self) -> None:
        check_lengths(self, ("size",), 2)
        self._factors = pair(self.size, 2)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        check_sample_rank(self, input_shape, 2)
        c, h, w = input_shape
        return (c, h * self._factors[0], w * self._factors[1])

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if self.interpolation == "bilinear":
            (fh, fw), (_, h, w) = self._factors, input_shape
            self._rows = bilinear_matrix(h, fh).astype(self.dtype)
            self._cols_t = bilinear_matrix(w, fw).T.astype(self.dtype)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = check_batch(self, x)
        (fh, fw), (n, c, h, w) = self._factors, x.shape
        if self.interpolation == "bilinear":
            y = np.matmul(np.matmul(self._rows, x), self._cols_t)
        else:
            y = np.broadcast_to(x[:, :, :, None, :, None], (n, c, h, fh, w, fw)).reshape(n, c, h * fh, w * fw)
        return keep_output(self, y)

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if grad.dtype != self.dtype:
            grad = grad.astype(self.dtype)
        (fh, fw), (c, h, w) = self._factors, self.input_shape
        if self.interpolation == "bilinear":
            return np.matmul(np.matmul(self._rows.T, grad), self._cols_t.T)
        return grad.reshape(grad.shape[0], c, h, fh, w, fw).sum(axis=(3, 5))
