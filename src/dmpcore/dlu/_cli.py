"""The work behind ``dmpcore example`` and ``dmpcore inspect`` (cli.py stays thin)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, TextIO

from dmpcore.errors import DmpcoreError

__all__ = ["EXAMPLES", "run_example", "run_inspect"]

#: the document kinds ``dmpcore example`` can print -> the function (in dmpcore.dlu) that builds it
EXAMPLES = {
    "dlu": "example_dlu",
    "fludt": "example_fludt",
    "fludr": "example_fludr",
    "ft-su": "example_ft_su",
    "fr-su": "example_fr_su",
}


def run_example(kind: str, out: BinaryIO) -> int:
    """Write the complete fictitious example of *kind* (a key of :data:`EXAMPLES`) as CDA XML."""
    import dmpcore.dlu
    from dmpcore.cda import to_cda

    if kind not in EXAMPLES:
        raise ValueError(f"unknown example {kind!r} (expected one of {', '.join(EXAMPLES)})")
    build = getattr(dmpcore.dlu, EXAMPLES[kind])
    out.write(to_cda(build(), pretty=True))
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
