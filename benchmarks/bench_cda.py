"""to_cda / from_cda speed and memory (issue 5 targets).

Targets: to_cda and from_cda of a 50 KB DLU <= 3 ms each on one core; parsing the 1.1 MB official
example <= 30 ms; peak memory <= 10 x the document size.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs

from benchmarks._report import best_of, write_section
from dmpcore.cda import from_cda, to_cda
from dmpcore.codes import Code
from dmpcore.dlu import Document, Problem, Section, SectionKind, Treatment, example_dlu

KIT = Path(os.environ.get("DMPCORE_KIT", Path(__file__).resolve().parents[2] / "shared" / "ci-sis" / "kit"))
OFFICIAL = KIT / "ExemplesCDA" / "DLU-EHPAD-DLU_2022.01.xml"


def fifty_kb_dlu() -> Document:
    """The example DLU grown to about 50 KB: 8 more treatments and 6 more past problems."""
    document = example_dlu()
    grown = []
    for section in document.sections:
        assert isinstance(section, Section)
        if section.kind is SectionKind.TREATMENTS:
            extra = tuple(
                Treatment(
                    medication=Code(code=f"6{n:07d}", code_system="1.2.250.1.213.2.3.1", display=f"MÉDICAMENT {n} mg"),
                    start=dt.date(2020, 1, 1) + dt.timedelta(days=n),
                    dose=Decimal("1"),
                    dose_unit="{count}",
                    period_hours=8,
                )
                for n in range(8)
            )
            section = attrs.evolve(section, entries=section.entries + extra)
        if section.kind is SectionKind.MEDICAL_HISTORY:
            extra_problems = tuple(
                Problem(code=Code(code=f"I{n:02d}", code_system="2.16.840.1.113883.6.3", display=f"Pathologie {n}"))
                for n in range(6)
            )
            section = attrs.evolve(section, entries=section.entries + extra_problems)
        grown.append(section)
    return attrs.evolve(document, sections=tuple(grown))


_MEMORY = """
import gc, os, sys, tracemalloc
from pathlib import Path
from dmpcore.cda import from_cda, to_cda
from dmpcore.dlu import example_dlu

def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

to_cda(from_cda(to_cda(example_dlu())))  # warm every code path
data = Path(sys.argv[1]).read_bytes()
gc.collect()
before = rss()
tracemalloc.start()
document = from_cda(data)
xml = to_cda(document)
python_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(len(data), rss() - before, python_peak)
"""


def _peak(path: Path) -> tuple[int, int, int]:
    """Resident memory held after from_cda + to_cda, and the peak of Python allocations meanwhile."""
    out = subprocess.run([sys.executable, "-c", _MEMORY, str(path)], check=True, capture_output=True, text=True)
    size, resident, python_peak = (int(x) for x in out.stdout.split())
    return size, resident, python_peak


def main() -> None:
    document = fifty_kb_dlu()
    xml = to_cda(document)
    size = f"DLU, {len(xml) / 1024:.0f} KB"
    writing = best_of(200, lambda: to_cda(document)) * 1e3
    reading = best_of(200, lambda: from_cda(xml)) * 1e3
    rows = [
        "| operation | document | best time | target |",
        "|---|---|---|---|",
        f"| `to_cda` (generated) | {size} | {writing:.2f} ms | <= 3 ms |",
        f"| `from_cda` | {size} | {reading:.2f} ms | <= 3 ms |",
    ]
    memory = []
    if OFFICIAL.is_file():
        official = OFFICIAL.read_bytes()
        parsed = from_cda(official)
        size = len(official) / 1024 / 1024
        rows.append(
            f"| `from_cda` | official DLU example, {size:.1f} MB | "
            f"{best_of(40, lambda: from_cda(official)) * 1e3:.1f} ms | <= 30 ms |"
        )
        rows.append(
            f"| `to_cda` (read, unchanged) | official DLU example, {size:.1f} MB | "
            f"{best_of(20, lambda: to_cda(parsed)) * 1e3:.1f} ms | |"
        )
        total, resident, python_peak = _peak(OFFICIAL)
        memory.append(
            f"Memory for the official example ({total / 1024:.0f} KB), `from_cda` then `to_cda` in a fresh process: "
            f"resident growth {resident / 1024 / 1024:.1f} MB ({resident / total:.1f} x the size) with the document "
            f"and its XML held; peak of Python allocations {python_peak / 1024 / 1024:.1f} MB "
            f"({python_peak / total:.1f} x); target <= 10 x."
        )
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "dmpcore-bench-dlu.xml"
    tmp.write_bytes(xml)
    total, resident, python_peak = _peak(tmp)
    memory.append(
        f"For the {total / 1024:.0f} KB generated DLU: resident growth {resident / 1024:.0f} KB "
        f"({resident / total:.1f} x), peak of Python allocations {python_peak / 1024:.0f} KB "
        f"({python_peak / total:.1f} x)."
    )
    text = "\n".join(rows) + "\n\n" + "\n\n".join(memory) + "\n"
    write_section("cda", "## CDA writing and reading (`bench_cda`)\n\n" + text)
    print(text)


if __name__ == "__main__":
    main()
