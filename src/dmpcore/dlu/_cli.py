"""The work behind ``dmpcore example`` and ``dmpcore inspect`` (cli.py stays thin)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, TextIO

from dmpcore.errors import DmpcoreError

__all__ = ["EXAMPLES", "run_example", "run_inspect"]

#: the document kinds ``dmpcore example`` can print
EXAMPLES = ("dlu",)


def run_example(kind: str, out: BinaryIO) -> int:
    """Write the complete fictitious example of *kind* as CDA XML."""
    from dmpcore.cda import to_cda
    from dmpcore.dlu._example import example_dlu

    if kind != "dlu":
        raise ValueError(f"unknown example {kind!r}")
    out.write(to_cda(example_dlu(), pretty=True))
    out.write(b"\n")
    return 0


def run_inspect(path: Path, out: TextIO, err: TextIO) -> int:
    """Print a readable summary of the DLU-family document at *path*; 2 when it cannot be read."""
    from dmpcore.cda import from_cda
    from dmpcore.dlu._summary import summary

    try:
        document = from_cda(path)
    except DmpcoreError as exc:
        err.write(f"dmpcore inspect: {path.name}: [{exc.code}] {exc}\n")
        return 2
    out.write(summary(document) + "\n")
    return 0
