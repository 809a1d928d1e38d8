"""The training step of a plain stack of dense layers, with each bias folded into its layer's matrix product.

When every layer of the model is a trainable :class:`Dense` layer with a bias and the trainable parameters live
in one flat buffer (:mod:`engine.training.flat`: kernel then bias, layer by layer), a layer's kernel (in, out) and
bias (out,) are together one contiguous (in + 1, out) matrix ``B = [W; b]``. Keeping each layer's input with an
extra 1 per sample, the forward product ``[x, 1] @ B = x @ W + b`` and one product ``[x, 1]ᵀ @ g = [xᵀ g; Σ g]``
gives the kernel and bias gradients together (as torch's ``addmm`` folds the bias): no bias addition and no
column sums. The checks and lookups that :class:`Sequential` and :class:`Dense` do per batch are done once here.

Activations are kept transposed, features × batch: a layer's input is then a C-contiguous (in + 1, rows) buffer
whose last row is ones, each activation writes its output straight into the contiguous first rows of the next
layer's input (a strided (rows, in) block would make the element-wise work ~3x slower), and the products are
``Bᵀ @ [x, 1]ᵀ`` forward, ``[x, 1]ᵀ @ gᵀᵀ`` for the parameters and ``W @ gᵀ`` for the layer below. The output
layer alone computes ``[x, 1] @ B`` the usual way round, so that its activation (softmax included) and the loss
get C-contiguous (rows, out) arrays (row-wise reductions are ~2x slower on a transposed view). The output array
is reused from step to step: the caller reads it before the next step.

The numbers are those of the layer-by-layer path up to rounding (the bias now joins the product's sum). Batches
that need the layers' own bookkeeping (a capture for the insight views) go through the model as usual, and so
does everything else: other layers, frozen layers, layers without a bias, row-wise activations (softmax) in hidden
layers, the perceptron rule, and networks larger than :data:`MAX_VALUES` parameters.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.layers.dense import Dense
from engine.model import Sequential
from engine.training.flat import FlatParameters

__all__ = ["MAX_VALUES", "DenseStack"]

#: Networks with more parameters than this train layer by layer: their matrix products dominate a step, and the
#: plan measured no gain there (784-256-128-10, batch 128: 3-5 % slower in interleaved runs).
MAX_VALUES = 1 << 16


class DenseStack:
    """A per-fit plan for the step of a dense-only model: forward and backward over folded [W; b] matrices."""

    def __init__(self, layers: list[Dense], blocks: list[tuple[np.ndarray, np.ndarray]], activations: list[Any],
                 dtype: np.dtype) -> None:
        self.layers = layers
        self.dtype = dtype
        self.features = layers[0].input_shape[0]
        #: per layer: the activation (None: linear or fused into the loss), B (in + 1, out), the gradient of B
        #: (written in place) and W (in, out) — all views into the flat buffers
        self.steps = []
        for layer, (value, grad), fn in zip(layers, blocks, activations, strict=True):
            block = value.reshape(-1, layer.units)
            self.steps.append((fn, block, grad.reshape(-1, layer.units), block[:-1]))
        self._buffers: dict[int, tuple[list[np.ndarray], list[np.ndarray], np.ndarray]] = {}
        #: the last forward pass: the batch with its ones, the other layers' inputs, pre-activations and outputs
        self._inputs: list[np.ndarray] = []
        self._x1: np.ndarray | None = None
        self._z: list[Any] = [None] * len(layers)
        self._y: list[Any] = [None] * len(layers)

    @classmethod
    def plan(cls, model: Sequential, flat: FlatParameters | None, fused: bool) -> DenseStack | None:
        """The plan for ``model`` (``fused``: the last activation is fused into the loss), or None when its step
        must go layer by layer."""
        layers = model.layers
        if (flat is None or not layers or flat.param.value.size > MAX_VALUES
                or any(type(layer) is not Dense or not layer.use_bias or not layer.trainable for layer in layers)):
            return None
        activations = [None if layer._linear else layer._fn for layer in layers]
        if fused:
            activations[-1] = None
        if any(fn is not None and not fn.elementwise for fn in activations[:-1]):  # hidden layers are transposed
            return None
        blocks = [flat.span([layer.parameter("kernel"), layer.parameter("bias")]) for layer in layers]
        if any(block is None for block in blocks):
            return None
        return cls(layers, blocks, activations, model.dtype)

    def with_ones(self, x: np.ndarray) -> np.ndarray:
        """A new (rows, features + 1) array: ``x`` in the model's dtype and a last column of ones."""
        out = np.empty((x.shape[0], self.features + 1), dtype=self.dtype)
        out[:, :-1] = x
        out[:, -1] = 1
        return out

    def take(self, x: np.ndarray, index: np.ndarray) -> np.ndarray:
        """The rows ``index`` of ``x`` (in range: a slice of a permutation) gathered into this batch size's input
        buffer, which ends in a column of ones."""
        first = self._batch_buffers(index.shape[0])[0][0]
        np.take(x, index, axis=0, out=first[:, :-1], mode="clip")  # "clip": written directly, not buffered
        return first

    def copy_in(self, x: np.ndarray) -> np.ndarray:
        """``x`` (rows, features) copied into this batch size's input buffer, which ends in a column of ones."""
        first = self._batch_buffers(x.shape[0])[0][0]
        first[:, :-1] = x
        return first

    def forward(self, x1: np.ndarray) -> np.ndarray:
        """The model's training output (rows, out) for a batch ``x1`` given with a last column of ones."""
        inputs, z_buffers, out = self._batch_buffers(x1.shape[0])
        self._inputs = inputs
        self._x1 = x1
        a = x1.T  # an F-contiguous view: BLAS reads it as the transpose of x1, no copy
        z_list, y_list, last = self._z, self._y, len(self.steps) - 1
        for i, (fn, block, _, _) in enumerate(self.steps):
            if i < last:  # transposed: Bᵀ @ [x, 1]ᵀ, written into the next layer's input
                z = z_list[i] = block.T.dot(a, out=z_buffers[i])
                a = inputs[i + 1]
                if fn is None:
                    a[:-1] = z
                    y = z
                else:
                    y = fn.forward_into(z, a[:-1])
            else:  # the output (rows, out), C-contiguous as the loss and the outputs buffer read it best
                z = z_list[i] = a.T.dot(block, out=z_buffers[i])
                y = z if fn is None else fn.forward_into(z, out)
            y_list[i] = y
        return y

    def backward(self, grad: np.ndarray) -> None:
        """From dL/d(output) (rows, out) of the last :meth:`forward`, write every parameter gradient into the flat
        gradient buffer."""
        inputs, z_list, y_list, last = self._inputs, self._z, self._y, len(self.steps) - 1
        fn = self.steps[last][0]
        if fn is not None:  # the output layer's (rows, out) arrays; below it all is transposed
            grad = fn.backward(z_list[last], y_list[last], grad)
        grad = grad.T
        for i in range(last, -1, -1):
            fn, _, block_grad, kernel = self.steps[i]
            if fn is not None and i < last:
                grad = fn.backward(z_list[i], y_list[i], grad)
            (inputs[i] if i else self._x1.T).dot(grad.T, out=block_grad)
            if i:
                grad = kernel.dot(grad)

    def _batch_buffers(self, rows: int) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """For ``rows`` samples: the inputs of the first layer (rows, features + 1) and, transposed, of the others
        (units + 1, rows) — all with their ones — then the pre-activations (transposed but the last) and the
        output (rows, out)."""
        found = self._buffers.get(rows)
        if found is None:
            first = np.empty((rows, self.features + 1), dtype=self.dtype)
            first[:, -1] = 1
            inputs = [first]
            for layer in self.layers[:-1]:
                buffer = np.empty((layer.units + 1, rows), dtype=self.dtype)
                buffer[-1] = 1
                inputs.append(buffer)
            z = [np.empty((layer.units, rows), dtype=self.dtype) for layer in self.layers[:-1]]
            z.append(np.empty((rows, self.layers[-1].units), dtype=self.dtype))
            found = self._buffers[rows] = (inputs, z, np.empty((rows, self.layers[-1].units), dtype=self.dtype))
        return found
