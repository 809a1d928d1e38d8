"""``nn-train list [KIND]``: the registries as text, built from their ``describe`` output alone."""

from __future__ import annotations

from typing import Any, TextIO

from engine.registry import REGISTRIES
from engine.spec_parser import format_value

__all__ = ["describe_entry", "run_list"]


def describe_entry(entry: dict[str, Any]) -> list[str]:
    """Lines for one registry entry: ``key — help`` then one indented line per parameter."""
    lines = [f"{entry['key']} — {entry['help']}" if entry["help"] else entry["key"]]
    for param in entry["params"]:
        default = format_value(param["default"])
        lines.append(f"    {param['name']} = {default}: {param['expected']}. {param['help']}".rstrip())
    return lines


def run_list(kind: str | None, out: TextIO) -> int:
    """Print every entry of one registry, or with no ``kind`` each registry's keys on one line."""
    if kind is None:
        for name in sorted(REGISTRIES):
            out.write(f"{name}: {', '.join(REGISTRIES[name].names())}\n")
        out.write("Run 'nn-train list KIND' for the help and parameters of one kind.\n")
        return 0
    registry = REGISTRIES[kind]
    for key in registry.names():
        out.write("\n".join(describe_entry(registry.describe(key))) + "\n")
    return 0
