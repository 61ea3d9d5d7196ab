"""The ``dmpcore`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from dmpcore import __version__

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _demo(args: argparse.Namespace) -> int:
    from dmpcore._demo import run_demo

    return run_demo(sys.stdout)


def _validate(args: argparse.Namespace) -> int:
    from dmpcore.validation._batch import run

    return run(args.files, output_format=args.format, kit=args.kit, jobs=args.jobs, strict=args.strict, lang=args.lang)


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="validate CDA documents (exit 0 valid, 1 invalid, 2 usage or I/O error)",
        description="Validate CDA documents of the DLU family: native rules, and the official ANS kit with --kit.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="documents or folders; - for stdin")
    validate.add_argument("--format", choices=("text", "json", "junit"), default="text", help="report format")
    validate.add_argument("--kit", metavar="DIR", help="also run the official ANS CI-SIS kit in DIR (extra official)")
    validate.add_argument("--jobs", type=int, default=1, metavar="N", help="validate in N processes")
    validate.add_argument("--strict", action="store_true", help="warnings make a document invalid too")
    validate.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the text messages")
    validate.set_defaults(handler=_validate)


def _example(args: argparse.Namespace) -> int:
    from dmpcore.dlu._cli import run_example

    return run_example(args.kind, sys.stdout.buffer)


def _inspect(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dmpcore.dlu._cli import run_inspect

    return run_inspect(Path(args.file), sys.stdout, sys.stderr)


def _parser() -> argparse.ArgumentParser:
    from dmpcore.dlu._cli import EXAMPLES

    parser = argparse.ArgumentParser(prog="dmpcore", description="French DMP and DLU rules.")
    parser.add_argument("--version", action="version", version=f"dmpcore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="run the library on an embedded, fictitious example")
    demo.set_defaults(handler=_demo)
    _add_validate(commands)
    from dmpcore.xds._cli import add_commands as add_xds_commands

    add_xds_commands(commands)
    example = commands.add_parser("example", help="print a complete fictitious document as CDA XML")
    example.add_argument("kind", choices=list(EXAMPLES), help="the document type")
    example.set_defaults(handler=_example)
    inspect = commands.add_parser("inspect", help="print a readable summary of a DLU-family CDA file")
    inspect.add_argument("file", help="the CDA XML file")
    inspect.set_defaults(handler=_inspect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid, 2 usage or I/O error)."""
    args = _parser().parse_args(argv)
    handler: Command = args.handler
    return handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
