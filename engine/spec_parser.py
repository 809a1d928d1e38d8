"""Read and write component specs as text: ``dense(units=8, activation=tanh), dropout(0.2)``.

The grammar is small and read by a hand-written tokenizer and recursive-descent parser (user text is never
evaluated)::

    specs  := call ("," call)* [","]
    call   := NAME ["(" [arg ("," arg)* [","]] ")"]
    arg    := NAME "=" value | value                  positional values follow the registry's parameter order
    value  := NUMBER | STRING | true | false | none | NAME | call | "(" values ")" | "[" values "]"

Bare names are strings; a name followed by ``(`` is a nested component (``leaky_relu(alpha=0.1)``) and becomes
``{"type": key, "config": {...}}``. Every spec is checked against its registry: unknown names and bad values raise
:class:`ConfigError` whose ``column`` is the 1-based character where the problem starts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.params import Param, resolve_params
from engine.registry import LAYERS, REGISTRIES, Registry

__all__ = ["format_spec", "format_value", "parse_call", "parse_layers", "parse_specs"]

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<punct>[()\[\],=])
""", re.VERBOSE)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WORDS = {"true": True, "false": False, "none": None, "null": None}
#: Keyword arguments every layer takes besides its PARAMS (see engine.layers.base.Layer).
_LAYER_EXTRAS = (
    Param("name", "str", None, "Layer name.", optional=True),
    Param("trainable", "bool", True, "Whether the optimizer updates the layer."),
)


@dataclass
class _Token:
    kind: str  # number, name, string, punct, end
    text: str
    pos: int  # 1-based character


@dataclass
class _Call:
    name: str
    pos: int
    args: list[tuple[str | None, Any, int]] = field(default_factory=list)  # (keyword or None, value, position)


class _Parser:
    def __init__(self, text: str, what: str) -> None:
        self.text = text
        self.what = what
        self.tokens = self._tokenize(text)
        self.i = 0

    # -- tokens ------------------------------------------------------------------------------------------------
    def _tokenize(self, text: str) -> list[_Token]:
        tokens, at = [], 0
        while at < len(text):
            match = _TOKEN.match(text, at)
            if match is None:
                if text[at] in "\"'":
                    self._fail(at + 1, f"the quoted text starting here has no closing {text[at]}")
                self._fail(at + 1, f"unexpected character {text[at]!r}")
            if match.lastgroup != "space":
                tokens.append(_Token(match.lastgroup or "", match.group(), at + 1))
            at = match.end()
        tokens.append(_Token("end", "", len(text) + 1))
        return tokens

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def _peek(self, ahead: int = 1) -> _Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def _advance(self) -> _Token:
        token = self.tok
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return token

    def _is(self, text: str) -> bool:
        return self.tok.kind == "punct" and self.tok.text == text

    def _fail(self, pos: int, message: str) -> None:
        raise ConfigError(f"could not read the {self.what} at character {pos}: {message}.", column=pos)

    def _expected(self, what: str) -> None:
        found = "the end of the text" if self.tok.kind == "end" else repr(self.tok.text)
        self._fail(self.tok.pos, f"expected {what}, found {found}")

    # -- grammar -----------------------------------------------------------------------------------------------
    def parse(self) -> list[_Call]:
        if self.tok.kind == "end":
            self._fail(1, f"the text is empty; expected a name such as {_example(self.what)}")
        calls = [self._call()]
        while self._is(","):
            self._advance()
            if self.tok.kind == "end":
                break
            calls.append(self._call())
        if self.tok.kind != "end":
            self._expected("',' between two components or the end of the text")
        return calls

    def _call(self) -> _Call:
        if self.tok.kind != "name":
            self._expected(f"a name such as {_example(self.what)}")
        token = self._advance()
        call = _Call(token.text, token.pos)
        if self._is("("):
            self._advance()
            self._arguments(call)
        return call

    def _arguments(self, call: _Call) -> None:
        seen_keyword = False
        while not self._is(")"):
            pos = self.tok.pos
            if self.tok.kind == "name" and self._peek().kind == "punct" and self._peek().text == "=":
                keyword = self._advance().text
                self._advance()
                if any(k == keyword for k, _, _ in call.args):
                    self._fail(pos, f"parameter {keyword!r} of {call.name!r} is given twice")
                seen_keyword = True
                call.args.append((keyword, self._value(), pos))
            else:
                if seen_keyword:
                    self._fail(pos, f"a value without a name follows named values in {call.name!r}; write name=value")
                call.args.append((None, self._value(), pos))
            if self._is(","):
                self._advance()
            elif not self._is(")"):
                self._expected(f"',' or ')' after an argument of {call.name!r}")
        self._advance()

    def _value(self) -> Any:
        token = self.tok
        if token.kind == "number":
            self._advance()
            is_float = any(c in token.text for c in ".eE")
            return float(token.text) if is_float else int(token.text)
        if token.kind == "string":
            self._advance()
            return re.sub(r"\\(.)", r"\1", token.text[1:-1])
        if token.kind == "name":
            if self._peek().kind == "punct" and self._peek().text == "(":
                return self._call()
            self._advance()
            return _WORDS.get(token.text.lower(), token.text)
        if self._is("(") or self._is("["):
            closer = ")" if token.text == "(" else "]"
            self._advance()
            items = []
            while not self._is(closer):
                items.append(self._value())
                if self._is(","):
                    self._advance()
                elif not self._is(closer):
                    self._expected(f"',' or {closer!r} in the list opened at character {token.pos}")
            self._advance()
            return items
        self._expected("a value (a number, a name, quoted text, true/false or a list)")
        return None


def _example(what: str) -> str:
    return {"layer spec": "'dense(units=8)'", "dataset spec": "'moons(n_samples=200)'"}.get(what, "'name(key=value)'")


# -- checking against a registry -------------------------------------------------------------------------------
def _resolve(call: _Call, registry: Registry, what: str) -> dict[str, Any]:
    """``{"type", "config"}`` of a parsed call: canonical key, positional values named, every value validated."""
    try:
        key = registry.canonical(call.name)
    except ConfigError as err:
        raise _located(err, call.pos, what) from None
    params = registry.params(key)
    extras = _LAYER_EXTRAS if registry is LAYERS else ()
    specs = {p.name: p for p in (*params, *extras)}
    given: dict[str, Any] = {}
    positions: dict[str, int] = {}
    for index, (keyword, value, pos) in enumerate(call.args):
        if keyword is None:
            if index >= len(params):
                names = ", ".join(p.name for p in params) or "none"
                plural = "" if len(params) == 1 else "s"
                raise ConfigError(f"could not read the {what} at character {pos}: {key} takes at most "
                                  f"{len(params)} value{plural} without names ({names}).", column=pos)
            keyword = params[index].name
        if isinstance(value, _Call):
            value = _nested(value, specs.get(keyword), key, what)
        given[keyword] = value
        positions[keyword] = pos
    try:
        resolved = resolve_params(specs.values(), given, key)
    except ConfigError as err:
        raise _located(err, positions.get(err.param or "", call.pos), what) from None
    config = {name: resolved[name] for name in given}
    for name, value in config.items():
        spec = specs[name]
        if spec.kind == "component" and isinstance(value, str) and spec.registry in REGISTRIES:
            try:
                config[name] = REGISTRIES[spec.registry].canonical(value)
            except ConfigError as err:
                raise _located(err, positions[name], what) from None
    return {"type": key, "config": config}


def _nested(call: _Call, spec: Param | None, owner: str, what: str) -> dict[str, Any]:
    if spec is None:
        return {"type": call.name, "config": {}}  # resolve_params reports the unknown parameter
    if spec.kind != "component" or spec.registry not in REGISTRIES:
        raise ConfigError(f"could not read the {what} at character {call.pos}: {owner}: parameter '{spec.name}' "
                          f"expected {spec.expectation()}, received the component {call.name!r}.", column=call.pos,
                          layer=owner, param=spec.name)
    return _resolve(call, REGISTRIES[spec.registry], what)


def _located(err: ConfigError, pos: int, what: str) -> ConfigError:
    return ConfigError(f"in the {what} at character {pos}: {err.message}", column=pos, layer=err.layer,
                       param=err.param, file=err.file, row=err.row, **err.details)


# -- public API ------------------------------------------------------------------------------------------------
def parse_specs(text: str, registry: Registry, what: str = "spec") -> list[dict[str, Any]]:
    """Parse comma-separated components of ``registry`` into validated ``{"type", "config"}`` specs.

    The configs hold only the values written (converted to their kinds); defaults are left to the components.
    """
    if not isinstance(text, str):
        raise ConfigError(f"expected the {what} as text, received {text!r}.")
    return [_resolve(call, registry, what) for call in _Parser(text, what).parse()]


def parse_layers(text: str) -> list[dict[str, Any]]:
    """Parse a ``--layers`` text such as ``dense(units=8, activation=tanh), dense(1, sigmoid)``."""
    return parse_specs(text, LAYERS, "layer spec")


def parse_call(text: str, registry: Registry, what: str = "spec") -> dict[str, Any]:
    """Parse exactly one component, e.g. a dataset ``moons(n_samples=500)``."""
    specs = parse_specs(text, registry, what)
    if len(specs) != 1:
        raise ConfigError(f"expected one component in the {what}, received {len(specs)}.")
    return specs[0]


def format_value(value: Any) -> str:
    """One value in spec syntax (the inverse of the parser's ``value``)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool):
        return {None: "none", True: "true", False: "false"}[value]
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if _IDENTIFIER.match(value) and value.lower() not in _WORDS:
            return value
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Mapping):
        if "type" not in value:
            raise ConfigError(f"cannot write {dict(value)!r} as a spec: a component needs a 'type'.")
        return _format_one(value)
    if isinstance(value, Sequence):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    raise ConfigError(f"cannot write a value of type {type(value).__name__} in a spec: {value!r}.")


def _format_one(spec: Mapping[str, Any]) -> str:
    config = spec.get("config") or {}
    if not config:
        return str(spec["type"])
    return f"{spec['type']}(" + ", ".join(f"{k}={format_value(v)}" for k, v in config.items()) + ")"


def format_spec(specs: Sequence[Mapping[str, Any]]) -> str:
    """Write specs as text that :func:`parse_specs` reads back to the same specs."""
    return ", ".join(format_value(spec) for spec in specs)
