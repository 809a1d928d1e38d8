"""One contiguous buffer for all trainable parameters, so that the optimizer updates a single array per step.

Element-wise optimizers (SGD, Adam, RMSprop, …) do the same arithmetic on each element whatever array it sits
in, so updating one flat array gives bit-identical results while calling NumPy ~10 times per step instead of
~10 times per parameter — for small networks that is most of a step's cost. Each parameter's ``value`` and
``grad`` become views into the flat arrays; layers keep writing into them in place as before. The optimizer's
state is then kept under the single name :data:`FLAT_NAME`. Parameters keep their order, so a dense layer's kernel
(in, out) and bias (out,) are together one contiguous (in + 1, out) matrix (:meth:`FlatParameters.span`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from engine.layers.base import Parameter

__all__ = ["FLAT_NAME", "FlatParameters"]

FLAT_NAME = "all_trainable"


class FlatParameters:
    """Re-homes ``params`` (same dtype) into one value buffer and one gradient buffer."""

    def __init__(self, params: Sequence[Parameter]) -> None:
        self.members = list(params)
        dtype = self.members[0].value.dtype if self.members else np.dtype(np.float32)
        size = sum(p.value.size for p in self.members)
        values = np.empty(size, dtype=dtype)
        grads = np.zeros(size, dtype=dtype)
        self.grad_views: list[np.ndarray] = []
        #: where each member lives in the buffers, by identity
        self._offsets: dict[int, tuple[int, int]] = {}
        offset = 0
        for p in self.members:
            end = offset + p.value.size
            self._offsets[id(p)] = (offset, end)
            values[offset:end] = p.value.reshape(-1)
            p.value = values[offset:end].reshape(p.value.shape)
            p.grad = grads[offset:end].reshape(p.value.shape)
            self.grad_views.append(p.grad)
            offset = end
        self._pairs = list(zip(self.members, self.grad_views, strict=True))
        self.param = Parameter(FLAT_NAME, values)
        self.param.grad = grads
        self.params = [self.param]

    def still_valid(self, params: Sequence[Parameter]) -> bool:
        """True when ``params`` are the same parameters and still live in this buffer."""
        return (len(params) == len(self.members) and all(a is b for a, b in zip(params, self.members, strict=True))
                and all(np.shares_memory(p.value, self.param.value) for p in params))

    def span(self, params: Sequence[Parameter]) -> tuple[np.ndarray, np.ndarray] | None:
        """The flat value and gradient views covering ``params``, when they are members laid out one after the
        other in this order (a dense layer's kernel then bias: together one (in + 1, out) matrix); else None."""
        found = [self._offsets.get(id(p)) for p in params]
        if not found or None in found or any(a[1] != b[0] for a, b in itertools.pairwise(found)):
            return None
        start, end = found[0][0], found[-1][1]
        return self.param.value[start:end], self.param.grad[start:end]

    def sync_grads(self) -> None:
        """Copy in any gradient a layer stored as a new array instead of writing it in place."""
        for p, view in self._pairs:
            if p.grad is not view:
                view[...] = p.grad
                p.grad = view
