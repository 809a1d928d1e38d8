"""``nn-train report RUN_DIR_OR_PROJECT --format html,pdf,json,csv --out DIR [--lang en|zh_CN]``.

RUN_DIR is an output folder of ``nn-train train``; a ``.nnproj`` needs its dataset to compute the metrics. JSON and
CSV are written without Qt; HTML and PDF render their plots offscreen with Qt, which is imported only then (the
command line stays usable without a display).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from studio.cli_export import parse_formats
from studio.report import REPORT_FORMATS, build_report

__all__ = ["add_report_parser", "run_report"]

#: The report languages (as studio.i18n.LANGUAGES, which needs Qt to import).
LANGUAGES = ("en", "zh_CN")


def add_report_parser(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="write a metric report of a training run or a project",
                                 description="Write a report (HTML, PDF, JSON, CSV) of an nn-train output folder "
                                             "or a .nnproj into --out.")
    report.add_argument("source", metavar="RUN_DIR_OR_PROJECT", help="an nn-train train output folder or a .nnproj")
    report.add_argument("--format", default="html,pdf,json,csv", metavar="LIST",
                        help=f"comma-separated: {', '.join(REPORT_FORMATS)} (default all)")
    report.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")
    report.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report (default en)")
    report.add_argument("--threshold", type=float, metavar="F", help="decision threshold of a binary classifier "
                        "(default: the model's, 0.5 for probabilities)")


def run_report(args: argparse.Namespace, err: TextIO) -> int:
    """Carry out ``nn-train report``."""
    formats = parse_formats(args.format, REPORT_FORMATS)
    written, data = build_report(args.source, args.out, formats, language=args.lang, threshold=args.threshold)
    for note in data.get("notes", []):
        err.write(f"nn-train: note: {note}\n")
    err.write(f"nn-train: wrote {', '.join(p.name for p in written)} to {args.out}\n")
    return 0
