"""The Keras-style text summary of a model: one line a layer with its output shape and parameter count."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["summary_table"]


def summary_table(rows: Sequence[Mapping[str, Any]], itemsize: int, *, built: bool) -> str:
    """The Keras-style table of :meth:`Sequential.summary_rows` ``rows``: Layer (type), Output Shape, Param #, then the
    totals (their memory at ``itemsize`` bytes a number); ``built`` False adds that the shapes are not known yet."""
    width = (32, 26, 12)
    rule = "_" * sum(width)

    def line(cells: tuple[str, str, str]) -> str:
        return (" " + cells[0]).ljust(width[0]) + cells[1].ljust(width[1]) + cells[2].rjust(width[2] - 1)

    out = ['Model: "sequential"', rule, line(("Layer (type)", "Output Shape", "Param #")), "=" * sum(width)]
    for i, row in enumerate(rows):
        shape = "?" if row["output_shape"] is None else str((None, *row["output_shape"])).replace(",)", ")")
        out.append(line((f"{row['name']} ({row['class']})", shape, f"{row['params']:,}")))
        out.append(rule if i < len(rows) - 1 else "=" * sum(width))
    if not rows:
        out.append("=" * sum(width))
    total = sum(r["params"] for r in rows)
    trainable = sum(r["trainable_params"] for r in rows)
    out += [f"Total params: {total:,} ({_bytes(total * itemsize)})",
            f"Trainable params: {trainable:,}", f"Non-trainable params: {total - trainable:,}"]
    if not built:
        out.append("(not built: shapes and parameters appear once the input shape is known)")
    out.append(rule)
    return "\n".join(out)


def _bytes(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.2f} {unit}"
        n /= 1024
    return f"{n:.2f} GB"
