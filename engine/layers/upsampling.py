"""Upsampling of feature maps (N, C, H, W) by whole factors: nearest-neighbour or bilinear."""

from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.layers.base import Layer, Shape
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
        if len(self.size) not in (1, 2):
            owner = self._owner_name()
            raise ConfigError(f"{owner}: parameter 'size' expected 1 or 2 numbers, received {self.size!r}.",
                              layer=owner, param="size")
        self._factors = pair(self.size, 2)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        if len(input_shape) != 3:
            raise self._shape_error(f"expects samples of shape (channels, height, width), received "
                                    f"{tuple(input_shape)}.")
        c, h, w = input_shape
        return (c, h * self._factors[0], w * self._factors[1])

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if self.interpolation == "bilinear":
            (fh, fw), (_, h, w) = self._factors, input_shape
            self._rows = bilinear_matrix(h, fh).astype(self.dtype)
            self._cols_t = bilinear_matrix(w, fw).T.astype(self.dtype)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.shape[1:] != self.input_shape:
            raise self._shape_error(f"expects a batch of shape (batch, {', '.join(map(str, self.input_shape))}), "
                                    f"received {tuple(x.shape)}.")
        if x.dtype != self.dtype:
            x = x.astype(self.dtype)
        (fh, fw), (n, c, h, w) = self._factors, x.shape
        if self.interpolation == "bilinear":
            y = np.matmul(np.matmul(self._rows, x), self._cols_t)
        else:
            y = np.broadcast_to(x[:, :, :, None, :, None], (n, c, h, fh, w, fw)).reshape(n, c, h * fh, w * fw)
        if self.capture:
            self.captured_output = y.copy()
        return y

    def backward(self, grad: np.ndarray) -> np.ndarray:
        if grad.dtype != self.dtype:
            grad = grad.astype(self.dtype)
        (fh, fw), (c, h, w) = self._factors, self.input_shape
        if self.interpolation == "bilinear":
            return np.matmul(np.matmul(self._rows.T, grad), self._cols_t.T)
        return grad.reshape(grad.shape[0], c, h, fh, w, fw).sum(axis=(3, 5))
