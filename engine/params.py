"""Declarative parameter specs.

Every registered component declares its constructor arguments as :class:`Param` objects. The same specs validate
values in the engine (messages say what was expected and what was received), build forms in the window and print
help in ``nn-train list``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.errors import ConfigError

__all__ = ["KINDS", "Configurable", "Param", "resolve_params"]

#: The kinds of values a parameter may take.
#: ``ints``/``floats`` are lists (e.g. a kernel size or milestones); ``component`` is a key of another registry
#: (named by ``registry``) or a ``{"type": key, "config": {...}}`` spec of it; ``str`` is free text.
KINDS = ("int", "float", "bool", "choice", "str", "ints", "floats", "component")


@dataclass(frozen=True)
class Param:
    """One constructor argument of a registered component.

    ``low``/``high`` bound numbers (and each element of ``ints``/``floats``); ``low_open``/``high_open`` make a
    bound exclusive. ``optional`` allows ``None``. ``length`` fixes the length of a list value. ``registry`` names
    the registry of a ``component`` parameter ("activations", "regularizers", …).
    """

    name: str
    kind: str
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[Any, ...] | None = None
    optional: bool = False
    length: int | None = None
    registry: str | None = None
    typical: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown Param kind {self.kind!r}; known kinds: {', '.join(KINDS)}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"Param {self.name!r} of kind 'choice' needs choices")
        if self.kind == "component" and not self.registry:
            raise ValueError(f"Param {self.name!r} of kind 'component' needs a registry name")

    # -- description -------------------------------------------------------------------------------------------
    def expectation(self) -> str:
        """Plain words for what a valid value is, e.g. ``"a number in [0, 1)"``."""
        base = {
            "int": "an integer",
            "float": "a number",
            "bool": "true or false",
            "str": "a text",
            "ints": "a list of integers",
            "floats": "a list of numbers",
            "component": f"a name from {self.registry}",
        }.get(self.kind, "")
        if self.kind == "choice":
            text = "one of " + ", ".join(repr(c) for c in self.choices or ())
        else:
            text = base + self._range_text()
            if self.length is not None:
                text += f" of length {self.length}"
        if self.optional:
            text += " (or none)"
        return text

    def _range_text(self) -> str:
        if self.low is None and self.high is None:
            return ""
        if self.low is not None and self.high is not None:
            left = "(" if self.low_open else "["
            right = ")" if self.high_open else "]"
            return f" in {left}{_num(self.low)}, {_num(self.high)}{right}"
        if self.low is not None:
            return f" {'>' if self.low_open else '≥'} {_num(self.low)}"
        return f" {'<' if self.high_open else '≤'} {_num(self.high)}"

    def describe(self) -> dict[str, Any]:
        """A JSON-safe description for forms and ``nn-train list``."""
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "default": self.default, "help": self.help,
                               "expected": self.expectation()}
        for key in ("low", "high", "choices", "registry", "typical", "length"):
            value = getattr(self, key)
            if value is not None:
                out[key] = list(value) if isinstance(value, tuple) else value
        if self.optional:
            out["optional"] = True
        return out

    # -- validation --------------------------------------------------------------------------------------------
    def validate(self, value: Any, owner: str = "") -> Any:
        """Return ``value`` converted to this parameter's kind, or raise :class:`ConfigError` saying why not."""
        if value is None:
            if self.optional:
                return None
            self._fail(value, owner)
        converter = getattr(self, f"_to_{self.kind}")
        try:
            converted = converter(value)
        except (TypeError, ValueError, OverflowError):
            self._fail(value, owner)
        if self.kind in ("int", "float"):
            self._check_range(converted, value, owner)
        elif self.kind in ("ints", "floats"):
            if self.length is not None and len(converted) != self.length:
                self._fail(value, owner)
            for item in converted:
                self._check_range(item, value, owner)
        elif self.kind == "choice" and converted not in (self.choices or ()):
            self._fail(value, owner)
        return converted

    def _check_range(self, number: float, original: Any, owner: str) -> None:
        if isinstance(number, float) and not math.isfinite(number):
            self._fail(original, owner)
        too_low = self.low is not None and (number <= self.low if self.low_open else number < self.low)
        too_high = self.high is not None and (number >= self.high if self.high_open else number > self.high)
        if too_low or too_high:
            self._fail(original, owner)

    def _fail(self, value: Any, owner: str) -> None:
        where = f"{owner}: " if owner else ""
        raise ConfigError(
            f"{where}parameter '{self.name}' expected {self.expectation()}, received {value!r}.",
            layer=owner or None,
            param=self.name,
        )

    @staticmethod
    def _to_int(value: Any) -> int:
        if isinstance(value, bool):
            raise TypeError("bool is not an int")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError("not integral")
            return int(value)
        if isinstance(value, str):
            return int(value.strip())
        return int(value)

    @staticmethod
    def _to_float(value: Any) -> float:
        if isinstance(value, bool):
            raise TypeError("bool is not a float")
        if isinstance(value, str):
            return float(value.strip())
        return float(value)

    @staticmethod
    def _to_bool(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1", "on"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "no", "0", "off"):
            return False
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise ValueError("not a bool")

    @staticmethod
    def _to_str(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("not a str")
        return value

    def _to_choice(self, value: Any) -> Any:
        if isinstance(value, str) and all(isinstance(c, str) for c in self.choices or ()):
            return value.strip()
        return value

    def _to_ints(self, value: Any) -> list[int]:
        return [self._to_int(v) for v in _as_list(value)]

    def _to_floats(self, value: Any) -> list[float]:
        return [self._to_float(v) for v in _as_list(value)]

    def _to_component(self, value: Any) -> Any:
        # Resolved lazily against its registry by the owner; here only the form is checked.
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, Mapping) and isinstance(value.get("type"), str):
            return {"type": value["type"], "config": dict(value.get("config") or {})}
        if hasattr(value, "get_config") and hasattr(value, "key"):
            return {"type": value.key, "config": value.get_config()}
        raise TypeError("not a component spec")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        parts = value.replace("x", ",").replace("×", ",").split(",")
        return [p for p in (s.strip() for s in parts) if p]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def resolve_params(params: Iterable[Param], given: Mapping[str, Any], owner: str) -> dict[str, Any]:
    """Fill defaults, validate every value and refuse unknown names. Returns the complete, converted config."""
    specs = {p.name: p for p in params}
    unknown = [k for k in given if k not in specs]
    if unknown:
        known = ", ".join(specs) or "none"
        raise ConfigError(
            f"{owner}: unknown parameter {unknown[0]!r}; known parameters: {known}.",
            layer=owner, param=unknown[0],
        )
    return {name: spec.validate(given.get(name, spec.default), owner) for name, spec in specs.items()}


class Configurable:
    """Base of every registered component: declared ``PARAMS``, validated construction, config round trip.

    Subclasses list their constructor arguments in ``PARAMS``; ``Cls(**kwargs)`` validates them, stores each as
    an attribute and calls :meth:`_validate` for checks that involve several parameters. ``key`` is set by the
    registry on registration.
    """

    PARAMS: tuple[Param, ...] = ()
    key: str = ""

    def __init__(self, **kwargs: Any) -> None:
        self.config = resolve_params(self.PARAMS, kwargs, self._owner_name())
        for name, value in self.config.items():
            setattr(self, name, value)
        self._validate()

    def _owner_name(self) -> str:
        return self.key or type(self).__name__

    def _validate(self) -> None:
        """Checks that involve several parameters; raise :class:`ConfigError`."""

    def get_config(self) -> dict[str, Any]:
        """JSON-safe constructor arguments: ``type(self).from_config(self.get_config())`` rebuilds it."""
        return {p.name: _json_safe(getattr(self, p.name)) for p in self.PARAMS}

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Configurable:
        """Rebuild from :meth:`get_config` output."""
        return cls(**dict(config))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def _json_safe(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if hasattr(value, "item") and callable(value.item):  # NumPy scalar
        return value.item()
    return value
