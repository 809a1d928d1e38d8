"""Decimal and thousands marks: which ones a column of numbers is written with, and whether a cell reads as one.

Unambiguous forms ("1.234,5", "1,234.5", "1.234.567") outvote the ambiguous "1,234", which counts as thousands
only when the comma is not the delimiter... and as a decimal comma otherwise.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["is_number", "number_style"]

_EU_FULL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")
_US_FULL = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
_EU_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}$")
_US_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$")
_COMMA3 = re.compile(r"^[+-]?\d{1,3},\d{3}$")
_POINT3 = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")
_COMMA_DEC = re.compile(r"^[+-]?\d*,\d+([eE][+-]?\d+)?$")
_POINT_DEC = re.compile(r"^[+-]?\d*\.\d+([eE][+-]?\d+)?$")


def number_style(cells: list[str], delimiter: str) -> tuple[str, str]:
    """(decimal, thousands) voted by the numbers in ``cells``; unambiguous forms outvote "1,234"-like ones."""
    votes = Counter()
    for raw in cells:
        cell = raw.strip()
        if not cell or not cell[-1].isdigit():
            continue
        if _EU_FULL.match(cell):
            votes["comma_decimal"] += 1
            votes["point_thousands"] += 1
        elif _US_FULL.match(cell):
            votes["point_decimal"] += 1
            votes["comma_thousands"] += 1
        elif _EU_GROUPS.match(cell):
            votes["point_thousands"] += 1
        elif _US_GROUPS.match(cell):
            votes["comma_thousands"] += 1
        elif _COMMA3.match(cell):
            votes["comma_thousands" if delimiter == "," else "comma_decimal"] += 1
        elif _POINT3.match(cell) or _POINT_DEC.match(cell):
            votes["point_decimal"] += 1
        elif _COMMA_DEC.match(cell):
            votes["comma_decimal"] += 1
    decimal = "," if delimiter != "," and votes["comma_decimal"] > votes["point_decimal"] else "."
    mark, key = (".", "point_thousands") if decimal == "," else (",", "comma_thousands")
    thousands = mark if votes[key] else ""
    return decimal, thousands


def is_number(cell: str, decimal: str = ".", thousands: str = "") -> bool:
    """Whether ``cell`` reads as a number written with these decimal and thousands marks."""
    text = cell.strip()
    if thousands:
        text = text.replace(thousands, "")
    if decimal != ".":
        text = text.replace(decimal, ".")
    try:
        float(text)
    except ValueError:
        return False
    return (bool(text) and text[-1].isdigit()) or text.lower() in ("inf", "-inf", "+inf")
