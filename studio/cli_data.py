"""``nn-train inspect`` and the CSV options shared with ``nn-train train``: how a file is read and what it holds.

``inspect`` prints what detection found (encoding, delimiter, decimal mark, header) and the schema — each column's
type, role, missing and distinct counts, examples and the reason for its role — the task with its class counts and,
when the number columns could be one square image, the suggested ``--image-shape``; ``--json`` prints the same as
one JSON object for scripts. A file whose target cannot be trained on is still described, then the problem is
reported as the one-line error (exit status 2).
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from engine.data.preprocessing import IMPUTE_STRATEGIES
from engine.data.schema import TASKS, Schema
from engine.data.sniff import NA_VALUES, CsvOptions
from engine.data.tabular import pixel_columns, read_table, suggest_table_image_shape
from engine.errors import ConfigError

__all__ = ["CSV_ONLY", "add_csv_arguments", "check_not_csv_flags", "csv_options", "inspect_report", "run_inspect"]

#: Argument names that apply to CSV files only (refused with a built-in dataset).
CSV_ONLY = ("target", "encoding", "delimiter", "decimal", "header", "na", "ignore", "task", "impute",
            "skip_bad_lines", "image_shape")
_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "space": " "}
_EXAMPLES = 3


def add_csv_arguments(parser: argparse.ArgumentParser, *, preparing: bool) -> None:
    """The reading overrides (every one detected when not given) and, for training, the preparation choices."""
    parser.add_argument("--target", metavar="COL", help="target column, by name or 1-based position (a headerless "
                        "file's columns are column_1, column_2, …); default: a column named label/target/class/y, "
                        "else the last usable column")
    parser.add_argument("--encoding", metavar="NAME", help="text encoding, e.g. utf-8, gbk, big5, cp1252, utf-16")
    parser.add_argument("--delimiter", metavar="SEP", help="field separator: , ; | tab space (or comma, semicolon, "
                        "pipe)")
    parser.add_argument("--decimal", choices=(".", ","), help="decimal mark of numbers")
    parser.add_argument("--header", action=argparse.BooleanOptionalAction, default=None,
                        help="whether the first row names the columns")
    parser.add_argument("--na", nargs="+", action="extend", metavar="MARKER", help="more cell values read as "
                        f"missing, besides {', '.join(repr(v) for v in NA_VALUES[:9])} …")
    parser.add_argument("--skip-bad-lines", action="store_true", default=None,
                        help="skip rows with more fields than the header instead of refusing the file")
    parser.add_argument("--ignore", nargs="+", action="extend", metavar="COL", help="columns to leave out (names "
                        "or positions)")
    parser.add_argument("--task", choices=TASKS, help="override the detected task, e.g. integer codes as classes")
    if preparing:
        parser.add_argument("--impute", choices=IMPUTE_STRATEGIES, help="missing numbers: fill with the training "
                            "mean (default), median, most frequent value, a constant 0, or drop those rows")


def csv_options(args: argparse.Namespace) -> CsvOptions:
    """The CsvOptions the flags ask for (unset fields are detected)."""
    delimiter = args.delimiter
    if delimiter is not None:
        delimiter = _DELIMITERS.get(delimiter.strip().lower(), delimiter)
        if len(delimiter) != 1:
            raise ConfigError(f"--delimiter expected one character or comma, semicolon, tab, pipe or space, received "
                              f"{args.delimiter!r}.", param="delimiter")
    na = (*NA_VALUES, *args.na) if args.na else None
    return CsvOptions(encoding=args.encoding, delimiter=delimiter, decimal=args.decimal, header=args.header,
                      na_values=na, skip_bad_lines=bool(args.skip_bad_lines))


def inspect_report(info: dict[str, Any], schema: Schema) -> dict[str, Any]:
    """The ``--json`` object (``image_shape``: the suggested ``--image-shape``, or null)."""
    return {**info, "task": schema.task, "target": schema.target, "class_counts": dict(schema.class_counts),
            "image_shape": suggest_table_image_shape(schema),
            "columns": [{"name": c.name, "type": c.type, "role": c.role, "missing": c.missing, "unique": c.unique}
                        for c in schema.columns]}


def run_inspect(args: argparse.Namespace, out: TextIO) -> int:
    """Carry out ``nn-train inspect``; raises DataError (after printing the report) when the target is unusable."""
    result, schema = read_table(args.data, options=csv_options(args), target=args.target, ignore=args.ignore or (),
                                task=args.task)
    used = result.options_used
    info = {"rows": schema.rows, "encoding": used.encoding, "delimiter": used.delimiter, "decimal": used.decimal,
            "header": used.header}
    if args.json:
        out.write(json.dumps(inspect_report(info, schema), ensure_ascii=False) + "\n")
    else:
        _write_text(out, args.data, result.detection.summary, schema, result.warnings)
    if schema.problem or schema.target is None:
        schema.validate(file=str(args.data))
    return 0


def _write_text(out: TextIO, path: str, summary: str, schema: Schema, warnings: list[str]) -> None:
    out.write(f"{path}: {schema.rows} rows; {summary}\n\n")
    rows = [["#", "column", "type", "role", "missing", "unique", "examples"]]
    rows += [[str(i), c.name, c.type, c.role, str(c.missing), str(c.unique), ", ".join(c.examples[:_EXAMPLES])]
             for i, c in enumerate(schema.columns, 1)]
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    right = {0, 4, 5}
    for row in rows:
        cells = [cell.rjust(w) if j in right else cell.ljust(w) for j, (cell, w) in enumerate(zip(row, widths,
                                                                                                 strict=True))]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write("\n")
    for column in schema.columns:
        out.write(f"  {column.reason}\n")
    if schema.target is not None and schema.task is not None:
        counts = ", ".join(f"{k}: {v}" for k, v in schema.class_counts.items())
        out.write(f"\ntask: {schema.task}, target {schema.target!r}" + (f"; classes {counts}" if counts else "")
                  + "\n")
    shape = suggest_table_image_shape(schema)
    if shape is not None:
        out.write(f"suggested image shape: {shape} ({len(pixel_columns(schema) or [])} number columns); train on "
                  f"them as images with --image-shape {shape}\n")
    for warning in warnings:
        out.write(f"warning: {warning}\n")


def check_not_csv_flags(args: argparse.Namespace, source: str, what: str = "a built-in dataset") -> None:
    """Refuse CSV-only flags for ``source``, which is ``what`` (a built-in dataset, a folder of images)."""
    given = [name for name in CSV_ONLY if getattr(args, name, None) not in (None, [])]
    if given:
        flag = "--" + given[0].replace("_", "-")
        raise ConfigError(f"{flag} applies to CSV files; {source} is {what}.", param=given[0])

