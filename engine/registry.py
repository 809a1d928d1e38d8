"""Registries by name for every component family.

A component registers itself with a stable snake_case key::

    @LAYERS.register("dense")
    class Dense(Layer): ...

Each registry knows the modules that fill it and imports them on first use, so ``LAYERS.names()`` is complete
whatever was imported before. The window and ``nn-train list`` build their menus and help from ``describe``.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from engine.errors import ConfigError
from engine.params import Param

__all__ = [
    "ACTIVATIONS",
    "CALLBACKS",
    "DATASETS",
    "INITIALIZERS",
    "LAYERS",
    "LOSSES",
    "METRICS",
    "OPTIMIZERS",
    "PREPROCESSORS",
    "REGISTRIES",
    "REGULARIZERS",
    "SCHEDULES",
    "Registry",
]

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class Registry:
    """A name → component table for one family (``kind`` is its plural name, e.g. "layers").

    Entries are classes (with ``PARAMS`` and a docstring whose first line is the help) or functions registered
    with explicit ``params`` and ``help``. Extra keyword metadata (``task="classification"``, ``category=…``) is
    kept and returned by :meth:`describe`.
    """

    def __init__(self, kind: str, modules: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self._modules = modules
        self._loaded = False
        self._entries: dict[str, Any] = {}
        self._meta: dict[str, dict[str, Any]] = {}
        self._aliases: dict[str, str] = {}

    # -- registration ------------------------------------------------------------------------------------------
    def register(
        self,
        key: str,
        *,
        aliases: tuple[str, ...] = (),
        params: tuple[Param, ...] | None = None,
        help: str | None = None,
        **meta: Any,
    ) -> Callable[[Any], Any]:
        """Decorator that adds a class or function under ``key`` (and ``aliases``) and returns it unchanged."""
        if not _KEY.match(key):
            raise ValueError(f"registry key {key!r} is not snake_case")

        def decorate(entry: Any) -> Any:
            if key in self._entries or key in self._aliases:
                raise ValueError(f"{self.kind}: {key!r} is registered twice")
            if inspect.isclass(entry):
                entry.key = key
            self._entries[key] = entry
            entry_params = params if params is not None else getattr(entry, "PARAMS", ())
            self._meta[key] = {"params": tuple(entry_params), "help": help or _first_line(entry), **meta}
            for alias in aliases:
                self._aliases[alias] = key
            return entry

        return decorate

    # -- lookup ------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in self._modules:
                importlib.import_module(module)

    def canonical(self, key: str) -> str:
        """The registered key for ``key`` or one of its aliases; raises :class:`ConfigError` if unknown."""
        self._load()
        norm = key.strip().lower().replace("-", "_") if isinstance(key, str) else key
        if norm in self._entries:
            return norm
        if norm in self._aliases:
            return self._aliases[norm]
        known = ", ".join(self.names())
        raise ConfigError(f"unknown {self._singular()} {key!r}; known {self.kind}: {known}.", param=self.kind)

    def get(self, key: str) -> Any:
        """The class or function registered under ``key`` (aliases accepted)."""
        return self._entries[self.canonical(key)]

    def params(self, key: str) -> tuple[Param, ...]:
        return self._meta[self.canonical(key)]["params"]

    def meta(self, key: str) -> dict[str, Any]:
        return dict(self._meta[self.canonical(key)])

    def names(self, **where: Any) -> list[str]:
        """Registered keys in registration order, optionally filtered by metadata (``task="regression"``)."""
        self._load()
        return [k for k, m in self._meta.items() if all(m.get(f) == v for f, v in where.items())]

    def __contains__(self, key: object) -> bool:
        self._load()
        return isinstance(key, str) and (key in self._entries or key in self._aliases)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def describe(self, key: str) -> dict[str, Any]:
        """JSON-safe description: key, help, parameters and metadata."""
        canonical = self.canonical(key)
        meta = self._meta[canonical]
        out = {"key": canonical, "help": meta["help"], "params": [p.describe() for p in meta["params"]]}
        out.update({k: v for k, v in meta.items() if k not in ("params", "help")})
        return out

    # -- construction ------------------------------------------------------------------------------------------
    def create(self, spec: Any, **overrides: Any) -> Any:
        """Build an instance from a key, a ``{"type": key, "config": {...}}`` spec or an existing instance."""
        if spec is None:
            raise ConfigError(f"no {self._singular()} given; known {self.kind}: {', '.join(self.names())}.")
        if isinstance(spec, str):
            key, config = spec, {}
        elif isinstance(spec, Mapping):
            if "type" not in spec:
                raise ConfigError(f"a {self._singular()} spec needs a 'type'; received {dict(spec)!r}.")
            key, config = spec["type"], dict(spec.get("config") or {})
        elif hasattr(spec, "get_config"):
            if not overrides:
                return spec
            key, config = spec.key, spec.get_config()
        else:
            raise ConfigError(f"expected a {self._singular()} name or spec, received {spec!r}.")
        entry = self.get(key)
        config.update(overrides)
        if hasattr(entry, "from_config"):
            return entry.from_config(config)
        return entry(**config)

    @staticmethod
    def to_spec(component: Any) -> dict[str, Any]:
        """``{"type": key, "config": {...}}`` for a registered instance (the file form)."""
        return {"type": component.key, "config": component.get_config()}

    def _singular(self) -> str:
        return {"activations": "activation", "layers": "layer", "losses": "loss", "metrics": "metric",
                "optimizers": "optimizer", "schedules": "schedule", "initializers": "initializer",
                "regularizers": "regularizer", "datasets": "dataset", "callbacks": "callback",
                "preprocessors": "preprocessor"}.get(self.kind, self.kind)


def _first_line(entry: Any) -> str:
    doc = inspect.getdoc(entry) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


ACTIVATIONS = Registry("activations", ("engine.activations",))
INITIALIZERS = Registry("initializers", ("engine.initializers",))
REGULARIZERS = Registry("regularizers", ("engine.regularizers",))
LOSSES = Registry("losses", ("engine.losses",))
LAYERS = Registry("layers", ("engine.layers",))
OPTIMIZERS = Registry("optimizers", ("engine.optimizers",))
SCHEDULES = Registry("schedules", ("engine.schedules",))
METRICS = Registry("metrics", ("engine.metrics",))
CALLBACKS = Registry("callbacks", ("engine.callbacks",))
DATASETS = Registry("datasets", ("engine.data.builtin",))
PREPROCESSORS = Registry("preprocessors", ("engine.data.preprocessing",))

#: Every registry by its plural name, for ``nn-train list`` and the window's catalog.
REGISTRIES: dict[str, Registry] = {
    r.kind: r
    for r in (LAYERS, ACTIVATIONS, LOSSES, OPTIMIZERS, SCHEDULES, INITIALIZERS, REGULARIZERS, METRICS,
              CALLBACKS, DATASETS, PREPROCESSORS)
}
