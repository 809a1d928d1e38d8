"""A read-only view of the engine's registries for the window's menus and forms (Qt-free).

The window never lists components itself: it asks the catalog, which asks the registries. A layer registered in
the engine therefore shows up in the component list and gets a parameter form with no change to the studio.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.params import Param
from engine.registry import REGISTRIES, Registry

__all__ = ["BROWSABLE_KINDS", "CATEGORY_ORDER", "Catalog", "Entry", "display_name"]

#: The registries the component browser shows, in menu order.
BROWSABLE_KINDS = ("layers", "activations", "losses", "optimizers", "schedules")

#: Known categories in menu order (from the simplest building block on); others follow in order of appearance.
CATEGORY_ORDER = ("core", "activation", "convolution", "pooling", "recurrent", "normalization", "regularization",
                  "reshape")

# Words a plain title-case would spell wrongly ("Relu", "Sgd").
_SPELLINGS = {
    "relu": "ReLU", "prelu": "PReLU", "elu": "ELU", "selu": "SELU", "gelu": "GELU", "silu": "SiLU",
    "sgd": "SGD", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad", "lstm": "LSTM", "gru": "GRU",
    "rnn": "RNN", "mse": "MSE", "mae": "MAE", "rmse": "RMSE", "kl": "KL", "l1": "L1", "l2": "L2", "lr": "LR",
    "conv1d": "Conv1D", "conv2d": "Conv2D", "conv3d": "Conv3D", "1d": "1D", "2d": "2D", "3d": "3D", "xor": "XOR",
    "he": "He", "roc": "ROC", "auc": "AUC",
}


def display_name(key: str) -> str:
    """A human name for a registry key: ``"leaky_relu"`` → ``"Leaky ReLU"``, ``"max_pool2d"`` → ``"Max Pool2D"``."""
    words = []
    for word in key.split("_"):
        if word in _SPELLINGS:
            words.append(_SPELLINGS[word])
        elif word[-2:] in ("1d", "2d", "3d") and len(word) > 2:
            words.append(word[:-2].capitalize() + word[-2:].upper())
        else:
            words.append(word.capitalize())
    return " ".join(words)


@dataclass(frozen=True)
class Entry:
    """One registered component as the window shows it."""

    kind: str
    key: str
    display_name: str
    help: str
    category: str
    params: tuple[Param, ...]


class Catalog:
    """The components of a set of registries (the engine's by default), with their parameter specs.

    ``registries`` maps a registry's plural name to the registry; component parameters (``kind="component"``)
    list the keys of the registry they name, looked up in the same mapping.
    """

    def __init__(self, registries: Mapping[str, Registry] | None = None,
                 kinds: tuple[str, ...] = BROWSABLE_KINDS) -> None:
        self._registries = dict(REGISTRIES if registries is None else registries)
        unknown = [k for k in kinds if k not in self._registries]
        if unknown:
            raise KeyError(f"no registry named {unknown[0]!r}; known: {', '.join(self._registries)}")
        self._kinds = tuple(kinds)

    def kinds(self) -> tuple[str, ...]:
        """The registries shown, by plural name."""
        return self._kinds

    def names(self, kind: str) -> list[str]:
        """The keys registered in ``kind``, in registration order."""
        return self._registry(kind).names()

    def entries(self, kind: str) -> list[Entry]:
        """Every component of ``kind``, in registration order."""
        return [self.entry(kind, key) for key in self.names(kind)]

    def entry(self, kind: str, key: str) -> Entry:
        """The component registered as ``key`` (aliases accepted) in ``kind``."""
        registry = self._registry(kind)
        component = registry.get(key)
        meta = registry.meta(key)
        canonical = registry.canonical(key)
        return Entry(
            kind=kind,
            key=canonical,
            display_name=str(_attribute(component, meta, "display_name") or display_name(canonical)),
            help=str(meta.get("help") or ""),
            category=str(_attribute(component, meta, "category") or ""),
            params=tuple(meta["params"]),
        )

    def categories(self, kind: str) -> list[str]:
        """The distinct categories of ``kind`` ("" when entries have none): known ones in :data:`CATEGORY_ORDER`,
        then the others in order of first appearance."""
        seen = list(dict.fromkeys(e.category for e in self.entries(kind)))
        known = [c for c in CATEGORY_ORDER if c in seen]
        return known + [c for c in seen if c not in CATEGORY_ORDER]

    def component_names(self, registry: str) -> list[str]:
        """Keys that a ``component`` parameter naming ``registry`` may take."""
        return self._registry(registry).names()

    def _registry(self, kind: str) -> Registry:
        try:
            return self._registries[kind]
        except KeyError:
            raise KeyError(f"no registry named {kind!r}; known: {', '.join(self._registries)}") from None


def _attribute(component: Any, meta: Mapping[str, Any], name: str) -> Any:
    """Registration metadata wins over a class attribute of the same name (functions have only metadata)."""
    if name in meta:
        return meta[name]
    return getattr(component, name, None) if inspect.isclass(component) else None
