"""``nn-train``: train a network, inspect a CSV file, list components, predict, export a model or write a report.

Every problem the user can fix (a bad argument, an unreadable file, an invalid setting) ends in one line on stderr,
``nn-train: error: <sentence>``, and exit status 2 — never a traceback. A diverged run exits with 1, an interrupt
with 130.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from engine.errors import EngineError
from engine.registry import PREPROCESSORS, REGISTRIES
from studio.cli_data import add_csv_arguments, run_inspect
from studio.cli_export import add_export_parser, run_export
from studio.cli_image_predict import run_predict_any
from studio.cli_images import add_image_arguments
from studio.cli_list import run_list
from studio.cli_predict import add_predict_parser
from studio.cli_report import add_report_parser, run_report
from studio.cli_train import run_train

__all__ = ["main"]

PROG = "nn-train"
EXIT_USAGE, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 130, 141


class UsageError(Exception):
    """A command-line argument the parser refused; its text is one sentence."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises :class:`UsageError` instead of printing the usage block and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _checked(convert: Callable[[str], Any], accept: Callable[[Any], bool], expected: str,
             unparsed: str | None = None) -> Callable[[str], Any]:
    """An argparse ``type``: ``convert(text)``, refused with "expected …" unless ``accept(value)``.

    ``unparsed`` says what was expected when the text does not convert at all (default: ``expected``).
    """
    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {unparsed or expected}, received {text!r}") from None
        if not accept(value):
            raise argparse.ArgumentTypeError(f"expected {expected}, received {text!r}")
        return value

    return parse


_fraction = _checked(float, lambda v: 0.0 <= v < 1.0, "a number in [0, 1)")
_positive_int = _checked(int, lambda v: v >= 1, "a whole number ≥ 1")
_positive_float = _checked(float, lambda v: v > 0.0 and v != float("inf"), "a finite number > 0",
                           unparsed="a number > 0")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Train neural networks with the NN Training Studio engine.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, required=True)

    train = commands.add_parser("train", help="train a network and write its history, model file and metrics",
                                description="Train a network on DATA and write history.csv, model.npz and "
                                            "metrics.json into --out.")
    train.add_argument("data", metavar="DATA",
                       help="a CSV file, a folder of images with one subfolder per class, or builtin:NAME (e.g. "
                       "builtin:iris, builtin:moons(n_samples=500))")
    model = train.add_mutually_exclusive_group()
    model.add_argument("--hidden", metavar="UNITS", help="hidden layer sizes of an MLP, e.g. 32,16 (default 32; "
                       "'none' for no hidden layer); the output layer follows the task")
    model.add_argument("--layers", metavar="SPEC", help="the whole layer stack, e.g. "
                       "'dense(units=8, activation=tanh), dense(units=1, activation=sigmoid)'")
    train.add_argument("--activation", default="relu", metavar="NAME", help="activation of the --hidden layers "
                       "(default relu)")
    train.add_argument("--loss", metavar="NAME", help="loss (default: from the task)")
    train.add_argument("--optimizer", default="adam(lr=0.01)", metavar="NAME", help="optimizer, e.g. rmsprop or "
                       "'sgd(lr=0.1, momentum=0.9)' (default adam(lr=0.01))")
    train.add_argument("--lr", type=_positive_float, metavar="F", help="learning rate (default: the optimizer's)")
    train.add_argument("--schedule", metavar="NAME", help="learning-rate schedule, e.g. cosine or "
                       "'step_decay(step_size=20)'")
    train.add_argument("--epochs", type=_positive_int, default=100, metavar="N", help="epochs (default 100)")
    train.add_argument("--batch-size", type=_positive_int, default=32, metavar="N", help="batch size (default 32)")
    train.add_argument("--seed", type=int, default=0, metavar="N", help="seed of splits, weights and shuffling")
    train.add_argument("--val-split", type=_fraction, default=0.2, metavar="F",
                       help="fraction held out for validation (default 0.2)")
    train.add_argument("--test-split", type=_fraction, default=0.0, metavar="F",
                       help="fraction held out for the final test (default 0)")
    train.add_argument("--dtype", choices=("float32", "float64"), default="float32", help="compute precision")
    train.add_argument("--method", choices=("backprop", "perceptron"), default="backprop",
                       help="training method: backpropagation, or Rosenblatt's perceptron rule for a single dense "
                       "layer with a step activation (built for you unless --layers is given; binary tasks only)")
    train.add_argument("--scaler", metavar="NAME", help="scaler of the numeric inputs: "
                       f"{', '.join(PREPROCESSORS.names(category='scaler'))} or none, e.g. "
                       "'minmax(feature_range=[-1, 1])' (default standard; none for images, whose pixels are "
                       "scaled to [0, 1])")
    train.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")
    csv_flags = train.add_argument_group("CSV files", "how DATA is read (each detected when not given) and prepared")
    add_csv_arguments(csv_flags, preparing=True)
    add_image_arguments(train, model)

    inspect = commands.add_parser("inspect", help="show how a CSV file is read: options, column types and roles, "
                                  "task", description="Detect how DATA is written and what each column holds.")
    inspect.add_argument("data", metavar="DATA", help="a CSV file")
    inspect.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    add_csv_arguments(inspect, preparing=False)

    listing = commands.add_parser("list", help="list the registered components with their parameters",
                                  description="List registered components, with their help and parameters.")
    listing.add_argument("kind", nargs="?", choices=sorted(REGISTRIES), metavar="KIND",
                         help=f"one of: {', '.join(sorted(REGISTRIES))} (default: an overview of all)")
    add_predict_parser(commands)
    add_export_parser(commands)
    add_report_parser(commands)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _silence_stdout() -> None:
    """Point the stdout file descriptor at the null device so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (captured): nothing is left to flush
        pass


#: Commands that report on stderr only (their results go to files).
_RUNNERS = {"predict": run_predict_any, "export": run_export, "report": run_report}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``nn-train`` with ``argv`` (default: the process arguments); return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command == "list":
            return run_list(args.kind, sys.stdout)
        if args.command == "inspect":
            return run_inspect(args, sys.stdout)
        if args.command in _RUNNERS:
            return _RUNNERS[args.command](args, sys.stderr)
        return run_train(args, sys.stderr)
    except SystemExit as done:  # --help / --version
        return int(done.code or 0)
    except BrokenPipeError:  # the reader went away (`nn-train list | head`): stop quietly, as other tools do
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (UsageError, EngineError, OSError, ValueError) as error:
        print(f"{PROG}: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
