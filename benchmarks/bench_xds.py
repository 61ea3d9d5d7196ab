"""dmpcore.xds: metadata from a CDA, and an XDM package written and read back.

Uses the fictitious sample (4 KB) and, when the kit is present, the official DLU example (1.1 MB,
two embedded PDFs).
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks._report import best_of, write_section
from dmpcore.xds import document_entry, read_xdm, write_xdm
from dmpcore.xds._sample import sample_cda

KIT = Path(os.environ.get("DMPCORE_KIT", Path(__file__).resolve().parents[2] / "shared" / "ci-sis" / "kit"))


def _row(label: str, data: bytes) -> str:
    entry = document_entry(data)
    package = write_xdm(data, entry)
    build = best_of(20, lambda: document_entry(data))
    write = best_of(10, lambda: write_xdm(data, entry))
    read = best_of(10, lambda: read_xdm(package))
    times = " | ".join(f"{seconds * 1000:.2f} ms" for seconds in (build, write, read))
    return f"| {label} ({len(data) // 1024} KB) | {times} |"


def main() -> None:
    rows = [_row("fictitious FLUDT sample", sample_cda())]
    official = KIT / "ExemplesCDA" / "DLU-EHPAD-DLU_2022.01.xml"
    if official.is_file():
        rows.append(_row("official DLU-EHPAD-DLU example", official.read_bytes()))
    table = "\n".join(
        ["| document | `document_entry` | `write_xdm` | `read_xdm` (checks + hash) |", "|---|---|---|---|", *rows]
    )
    write_section("xds", "Best of 10-20 runs, one core.\n\n" + table)
    print(table)


if __name__ == "__main__":
    main()
