"""Convolution layers conv2d (NCHW) and conv1d (NCL): im2col and one matrix product per pass.

Kernels are stored out×in×kh×kw (conv1d: out×in×k), PyTorch's layout, so weight files export without
transposing; fan_in = C·kh·kw and fan_out = O·kh·kw. The default kernel initializer is he_uniform (PyTorch's
``kaiming_uniform_`` with its default arguments: fan_in mode, relu gain, bound √(6 / fan_in)), the usual start for
relu CNNs; the bias starts at zero. (``nn.Conv2d`` itself starts from kaiming_uniform with a = √5, i.e. a bound of
1/√fan_in, and a uniform bias: pick ``{"type": "he_uniform", "config": {"nonlinearity": "leaky_relu", "a":
2.236}}`` to reproduce its kernel.)

Forward: the padded batch becomes columns (N, C·kh·kw + 1, positions), the last row all ones, and z = [W b] ·
columns, one small product per sample. Backward: [dW db] = Σₙ g · columnsᵀ, d(columns) = Wᵀ · g, and col2im adds
the column gradients back to the pixels — skipped when the model says nobody needs the input gradient (a first
layer). The padded-input and column buffers are reused from step to step.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from engine.errors import ConfigError
from engine.layers.activation import ACTIVATION_PARAM, resolve_activation
from engine.layers.base import Layer, Shape
from engine.layers.checks import check_batch, check_lengths, check_sample_rank, keep_output
from engine.layers.im2col import PaddingParam, Windows, col2im, im2col, pair, plan_windows
from engine.params import Param
from engine.registry import LAYERS

__all__ = ["Conv1D", "Conv2D"]


def _params(rank: int) -> tuple[Param, ...]:
    size = "3" if rank == 1 else "3 (or 3, 3)"
    return (
        Param("filters", "int", 8, "Number of output channels (feature maps).", low=1, typical="8–64"),
        Param("kernel_size", "ints", [3] * rank, f"Window size{'' if rank == 1 else ' (rows, cols)'}.", low=1,
              typical=size),
        Param("strides", "ints", [1] * rank, "Step between windows.", low=1, typical="1"),
        PaddingParam("padding", "str", "valid", "'valid' (no padding), 'same' (output size = input size / stride) "
                     "or zeros added on each side.", typical="same"),
        Param("dilation", "ints", [1] * rank, "Spacing between kernel taps (1 = a dense window).", low=1,
              typical="1"),
        ACTIVATION_PARAM,
        Param("use_bias", "bool", True, "Add a learned bias to every output channel."),
        Param("kernel_initializer", "component", "he_uniform", "How the kernels start.", registry="initializers",
              typical="he_uniform"),
        Param("bias_initializer", "component", "zeros", "How the biases start.", registry="initializers"),
        Param("kernel_regularizer", "component", None, "Penalty on the kernels (e.g. l2).", registry="regularizers",
              optional=True),
        Param("bias_regularizer", "component", None, "Penalty on the biases.", registry="regularizers",
              optional=True),
    )


class _Conv(Layer):
    """The convolution of both ranks; conv1d runs as a one-row conv2d."""

    rank: ClassVar[int] = 2
    has_activation = True
    category = "convolution"
    _w: Windows | None = None
    _cache: dict[tuple[tuple[int, ...], np.dtype], tuple[np.ndarray, np.ndarray]]

    def _validate(self) -> None:
        owner = self._owner_name()
        check_lengths(self, ("kernel_size", "strides", "dilation"), self.rank)
        if self.padding not in ("valid", "same") and len(self.padding.split(",")) not in (1, self.rank):
            raise ConfigError(f"{owner}: parameter 'padding' expected 'valid', 'same' or "
                              f"{'one number' if self.rank == 1 else 'one or two numbers'}, received "
                              f"{self.padding!r}.", layer=owner, param="padding")
        self._fn = resolve_activation(self.activation, owner)
        if not self._fn.elementwise:
            raise ConfigError(f"{owner}: parameter 'activation' expected an element-wise function, received "
                              f"{self.activation!r} — add an activation layer after a flatten instead.",
                              layer=owner, param="activation")
        self._linear = self._fn.key == "linear"

    def _geometry(self) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        return (pair(self.kernel_size, self.rank), pair(self.strides, self.rank), pair(self.dilation, self.rank))

    def _plan(self, size: tuple[int, int], channels: int) -> Windows | str:
        """The window geometry; the wide stride-1 grid only when C·kh·kw is more than twice the filter count.

        The wide grid copies each kernel offset's windows as one long run per channel, but its outputs then need
        the extra columns cut off (the activation reads a strided view, the gradient is copied back into the wide
        grid): a win when C·kh·kw is large next to the filter count, a loss for a first layer such as 1 → 8.
        """
        kernel = pair(self.kernel_size, self.rank)
        wide = channels * kernel[0] * kernel[1] > 2 * self.filters
        return plan_windows(size, *self._geometry(), self.padding, self.rank, allow_flat=wide)

    def compute_output_shape(self, input_shape: Shape) -> Shape:
        check_sample_rank(self, input_shape, self.rank, reshape_hint=True)
        size = (1, input_shape[1]) if self.rank == 1 else tuple(input_shape[1:])
        windows = self._plan(size, input_shape[0])
        if isinstance(windows, str):
            raise self._shape_error(windows)
        out = windows.out[1:] if self.rank == 1 else windows.out
        return (self.filters, *out)

    def _create_parameters(self, input_shape: Shape, rng: np.random.Generator) -> None:
        self._w = None  # a (re)build plans the windows and the buffers afresh
        kernel = tuple(self.kernel_size) * (self.rank if len(self.kernel_size) == 1 else 1)
        taps = int(np.prod(kernel))
        fan_in, fan_out = input_shape[0] * taps, self.filters * taps
        self._kernel = self.add_parameter("kernel", (self.filters, input_shape[0], *kernel), self.kernel_initializer,
                                          rng, fan_in=fan_in, fan_out=fan_out, regularizer=self.kernel_regularizer)
        self._bias = None
        if self.use_bias:
            self._bias = self.add_parameter("bias", (self.filters,), self.bias_initializer, rng, fan_in=fan_in,
                                            fan_out=fan_out, regularizer=self.bias_regularizer)

    def _buffers(self, shape: tuple[int, ...], dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        """The padded-input and column buffers of a batch shape, made once and reused by every step.

        Only the interior of the padded buffer is ever written, so its borders stay zero; the columns carry a last
        row of ones when the layer has a bias, so that one matrix product also adds the bias (and, backwards, sums
        its gradient). A few batch shapes are kept (the full batches and the epoch's last, shorter one).
        """
        key = (shape, dtype)
        buffers = self._cache.get(key)
        if buffers is None:
            w, (n, c) = self._w, shape[:2]
            taps = c * w.kernel[0] * w.kernel[1]
            xp = np.zeros((n, c, *w.padded), dtype=dtype)
            cols = np.empty((n, taps + (self._bias is not None), w.out[0] * w.grid_w), dtype=dtype)
            cols[:, taps:] = 1
            if len(self._cache) >= 4:
                self._cache.clear()
            buffers = self._cache[key] = (xp, cols)
        return buffers

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        x = check_batch(self, x)
        x4 = x[:, :, None, :] if self.rank == 1 else x
        size = x4.shape[2:]
        if self._w is None or self._size != size:
            self._w, self._size, self._cache = self._plan(size, x4.shape[1]), size, {}
        w = self._w
        xp, cols = self._buffers(x4.shape, x4.dtype)
        if xp.shape == x4.shape:
            xp[...] = x4
        else:
            w.crop(xp, size)[...] = x4
        im2col(xp, w, out=cols)
        kernel = self._kernel.value.reshape(self.filters, -1)
        if self._bias is not None:
            kernel = np.concatenate((kernel, self._bias.value[:, None]), axis=1)
        z = np.matmul(kernel, cols)  # (N, O, OH·grid_w): one small product per sample, bias included
        z = z.reshape(*z.shape[:2], w.out[0], w.grid_w)
        if w.grid_w != w.out[1]:
            z = z[..., :w.out[1]]
        if self.rank == 1:
            z = z[:, :, 0]
        y = z if self._linear or self.emit_logits else self._fn.forward(z)
        self._cols, self._z, self._y = cols, z, y
        return keep_output(self, y)

    def backward(self, grad: np.ndarray) -> np.ndarray | None:
        w, kernel = self._w, self._kernel.value
        if grad.dtype != kernel.dtype:
            grad = grad.astype(kernel.dtype)
        if not (self._linear or self.emit_logits):
            grad = self._fn.backward(self._z, self._y, grad)
        n, filters = grad.shape[:2]
        grad = grad.reshape(n, filters, *w.out)
        if w.grid_w != w.out[1]:  # the wide grid's extra columns are not outputs: zero gradient there
            wide = np.zeros((n, filters, w.out[0], w.grid_w), dtype=grad.dtype)
            wide[..., :w.out[1]] = grad
            grad = wide
        g = np.ascontiguousarray(grad).reshape(n, filters, -1)
        taps = kernel[0].size
        if self.trainable:
            # (N, O, C·kh·kw [+ 1]): the last column, against the row of ones, is the bias gradient
            total = np.matmul(g, self._cols.transpose(0, 2, 1)).sum(axis=0)
            self._kernel.grad.reshape(filters, -1)[...] = total[:, :taps]
            if self._bias is not None:
                self._bias.grad[...] = total[:, taps]
        if not self.needs_input_grad:
            return None
        dcols = np.matmul(kernel.reshape(filters, -1).T, g)
        dx = w.crop(col2im(dcols, w, kernel.shape[1]), self._size)
        return dx[:, :, 0] if self.rank == 1 else dx


@LAYERS.register("conv2d")
class Conv2D(_Conv):
    """2-D convolution over images (N, C, H, W): each filter slides over the image and makes one feature map.

    ``padding='same'`` keeps H×W (divided by the stride, rounded up); for an even kernel the extra row/column of
    zeros goes at the end (bottom/right), as in Keras and PyTorch. Element-wise activations only (emit_logits
    honoured for a final sigmoid).
    """

    PARAMS = _params(2)
    rank = 2


@LAYERS.register("conv1d")
class Conv1D(_Conv):
    """1-D convolution over sequences (N, C, L): each filter slides along the sequence (text CNNs, signals)."""

    PARAMS = _params(1)
    rank = 1
