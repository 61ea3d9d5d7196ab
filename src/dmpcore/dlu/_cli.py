"""The work behind ``dmpcore example`` and ``dmpcore inspect`` (cli.py stays thin)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from dmpcore.dlu._document import Document
from dmpcore.dlu._example import example_dlu
from dmpcore.dlu._sheet_examples import example_fludr, example_fludt, example_fr_su, example_ft_su
from dmpcore.errors import DmpcoreError

__all__ = ["EXAMPLES", "run_example", "run_inspect"]

#: what ``dmpcore example KIND`` prints: one line per document type (the liaison sheets add theirs)
EXAMPLES: dict[str, Callable[[], Document]] = {
    "dlu": example_dlu,
    "fludt": example_fludt,
    "fludr": example_fludr,
    "ft-su": example_ft_su,
    "fr-su": example_fr_su,
}


def run_example(kind: str, out: BinaryIO) -> int:
    """Write the complete fictitious example of *kind* as indented CDA XML."""
    from dmpcore.cda import to_cda

    out.write(to_cda(EXAMPLES[kind](), pretty=True))
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
