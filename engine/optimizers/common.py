"""Shared machinery of the element-wise optimizers: state slots, reusable work arrays, torch-exact small kernels.

Every update follows the single-tensor ("foreach=False") code path of ``torch.optim`` operation by operation (Adam
folds one bias correction into its step size and updates both moments with the same calls, which saves array
operations), so that a float64 run reproduces PyTorch to rounding. Scalar coefficients are Python floats (NumPy
treats them as "weak" and keeps float32 arrays float32) or the same numbers already converted to the arrays' dtype
— constants by :func:`scalar`, per-step values written into reusable 0-d arrays
(:meth:`ElementwiseOptimizer._coefficients`) — bit for bit what NumPy's conversion gives, without paying for it on
every call. Every array operation writes into a preallocated slot or work array, so a step allocates nothing after
the first one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from engine.errors import ShapeError
from engine.layers.base import Parameter
from engine.optimizers.base import Optimizer

__all__ = ["ElementwiseOptimizer", "lerp_", "scalar"]


class ElementwiseOptimizer(Optimizer):
    """An optimizer whose update is element-wise: adds slot, step-count and work-array helpers.

    Work arrays are temporaries shared by all parameters of one shape and dtype; they are not state and are not
    saved by :meth:`state_dict`.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._work: dict[tuple[tuple[int, ...], np.dtype, int], np.ndarray] = {}
        self._coefficients_by_dtype: dict[tuple[np.dtype, int], tuple[np.ndarray, ...]] = {}
        self._workspaces: dict[str, tuple[dict[str, np.ndarray], np.ndarray, tuple[Any, ...]]] = {}

    def _slot(self, state: dict[str, np.ndarray], name: str, param: Parameter, fill: float = 0.0) -> np.ndarray:
        """The state array ``name`` for ``param``: created filled with ``fill``, or checked after a load."""
        value = param.value
        array = state.get(name)
        if array is None:
            array = np.full_like(value, fill)
            state[name] = array
        elif array.shape != value.shape:
            raise ShapeError(f"{self.key}: optimizer state '{name}' of '{param.name}' expected shape "
                             f"{value.shape}, received {array.shape}.", param=param.name)
        elif array.dtype != value.dtype:
            array = array.astype(value.dtype)
            state[name] = array
        return array

    @staticmethod
    def _next_step(state: dict[str, np.ndarray]) -> int:
        """Advance and return this parameter's own step count (1 on its first update), as torch keeps it.

        The count is a 0-d array (as in torch's state); after the first step it is updated in place.
        """
        count = state.get("step")
        if count is None:
            state["step"] = np.array(1, dtype=np.int64)
            return 1
        step = int(count) + 1
        count[()] = step
        return step

    def _workspace(self, param: Parameter, state: dict[str, np.ndarray], slots: tuple[str, ...],
                   coefficients: int) -> tuple[Any, ...]:
        """``(step count, *slots, work array 1, coefficients)`` of ``param`` for an update.

        The step count is the 0-d state array (created at 0, for the caller to advance in place), the slots come
        from :meth:`_slot`, the coefficients from :meth:`_coefficients`. They are looked up once and then reused
        while ``state`` (replaced by :meth:`load_state_dict`) and ``param.value`` stay the same objects, so that a
        step on a small network costs one dictionary lookup here instead of one call per array.
        """
        found = self._workspaces.get(param.name)
        if found is not None and found[0] is state and found[1] is param.value:
            return found[2]
        if "step" not in state:
            state["step"] = np.array(0, dtype=np.int64)
        arrays = (state["step"], *(self._slot(state, name, param) for name in slots), self._scratch(param, 1),
                  self._coefficients(param.value.dtype, coefficients))
        self._workspaces[param.name] = (state, param.value, arrays)
        return arrays

    def _coefficients(self, dtype: np.dtype, count: int) -> tuple[np.ndarray, ...]:
        """``count`` writable 0-d arrays of ``dtype`` for the coefficients of one update (contents undefined).

        ``c[()] = value`` rounds ``value`` to ``dtype`` exactly as NumPy rounds a Python float in
        ``array · value``, so the product is the same bit for bit; the array operation then skips that
        conversion, which costs as much as the operation itself on a small array.
        """
        key = (dtype, count)
        found = self._coefficients_by_dtype.get(key)
        if found is None:
            found = tuple(np.zeros((), dtype=dtype) for _ in range(count))
            self._coefficients_by_dtype[key] = found
        return found

    def _scratch(self, param: Parameter, index: int) -> np.ndarray:
        """Work array number ``index`` with the shape and dtype of ``param`` (contents undefined)."""
        value = param.value
        key = (value.shape, value.dtype, index)
        array = self._work.get(key)
        if array is None:
            array = np.empty_like(value)
            self._work[key] = array
        return array

    def _grad(self, param: Parameter, weight_decay: float, index: int = 0) -> np.ndarray:
        """The gradient, plus ``weight_decay · param`` (L2 coupled into the gradient) in a work array when > 0.

        ``param.grad`` itself is left untouched, as torch's ``grad.add(param, alpha=weight_decay)`` does.
        """
        assert param.grad is not None
        if weight_decay == 0:
            return param.grad
        out = self._scratch(param, index)
        np.multiply(param.value, weight_decay, out=out)
        np.add(param.grad, out, out=out)
        return out

    @staticmethod
    def _apply(param: Parameter, direction: np.ndarray, scale: float, out: np.ndarray) -> None:
        """``param -= scale · direction``, using ``out`` (a work array, possibly ``direction``) for the product."""
        np.multiply(direction, scale, out)
        np.subtract(param.value, out, param.value)

    @staticmethod
    def _apply_ratio(param: Parameter, num: np.ndarray, den: np.ndarray, scale: float, out: np.ndarray) -> None:
        """``param -= (scale · num) / den`` in torch's ``addcdiv_`` order; ``out`` may be ``num``, not ``den``."""
        np.multiply(num, scale, out)
        np.divide(out, den, out)
        np.subtract(param.value, out, param.value)

    @staticmethod
    def _accumulate_square(avg: np.ndarray, grad: np.ndarray, decay: float, tmp: np.ndarray) -> None:
        """``avg ← decay·avg + (1 − decay)·grad²`` in torch's ``mul_(decay).addcmul_(g, g, 1 − decay)`` order."""
        np.multiply(grad, scalar(1.0 - decay, avg.dtype), tmp)
        np.multiply(tmp, grad, tmp)
        np.multiply(avg, scalar(decay, avg.dtype), avg)
        np.add(avg, tmp, avg)


def lerp_(start: np.ndarray, end: np.ndarray, weight: float, tmp: np.ndarray) -> None:
    """``start += weight · (end − start)`` in place, with torch's two-sided formula for precision."""
    np.subtract(end, start, tmp)
    if weight < 0.5:
        np.multiply(tmp, scalar(weight, start.dtype), tmp)
        np.add(start, tmp, start)
    else:
        np.multiply(tmp, scalar(1.0 - weight, start.dtype), tmp)
        np.subtract(end, tmp, start)


@lru_cache(maxsize=256)
def scalar(value: float, dtype: np.dtype) -> np.ndarray:
    """``value`` as a read-only 0-d array of ``dtype``, for a constant coefficient (β, 1 − β, eps).

    ``array · value`` rounds ``value`` to the array's dtype first (NumPy's rule for Python floats), so the result
    is the same bit for bit; NumPy just skips that conversion on every call. Values that change every step (a
    bias-corrected step size) stay Python floats rather than filling this cache.
    """
    array = np.array(value, dtype=dtype)
    array.flags.writeable = False
    return array
