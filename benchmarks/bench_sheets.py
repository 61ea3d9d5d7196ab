"""The liaison sheets (FLUDT, FLUDR, FT-SU, FR-SU): build, write and read times (no target in issue 7).

Each figure is the best of 30 runs on one core: ``transfer_sheet`` + ``fill`` (the FT-SU prepared from
the example DLU), ``to_cda`` of each example sheet, ``from_cda`` of each official example of the kit
and of each generated example sheet.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks._report import best_of, write_section
from dmpcore.cda import from_cda, to_cda
from dmpcore.dlu import (
    Consciousness,
    DocumentKind,
    PersonalItem,
    VitalSign,
    VitalSignKind,
    VitalSigns,
    example_dlu,
    example_fludr,
    example_fludt,
    example_fr_su,
    example_ft_su,
    transfer_sheet,
)

KIT = Path(os.environ.get("DMPCORE_KIT", Path(__file__).resolve().parents[2] / "shared" / "ci-sis" / "kit"))
OFFICIAL = {
    "FLUDT": "DLU-EHPAD-FLUDT_2022.01.xml",
    "FLUDR": "DLU-EHPAD-FLUDR_2022.01.xml",
    "FT-SU": "DLU-FT-SU_2025.01.xml",
    "FR-SU": "DLU-FR-SU_2025.01.xml",
}
EXAMPLES = {"FLUDT": example_fludt, "FLUDR": example_fludr, "FT-SU": example_ft_su, "FR-SU": example_fr_su}


def _prepare() -> object:
    when = dt.datetime(2026, 3, 9, 7, 40, tzinfo=dt.UTC)
    dlu = example_dlu()
    return transfer_sheet(dlu, kind=DocumentKind.FT_SU, when=when).fill(
        reason="Chute",
        vital_signs=VitalSigns(time=when, signs=(VitalSign.of(VitalSignKind.PULSE, 90),)),
        consciousness=Consciousness.AWAKE,
        personal_items=[PersonalItem.glasses()],
    )


def _row(operation: str, size: int | None, function: Callable[[], object]) -> str:
    shown = f"{size // 1024} KB" if size is not None else ""
    return f"| {operation} | {shown} | {best_of(30, function) * 1000:.2f} ms |"


def main() -> None:
    rows = [_row("`transfer_sheet` + `fill` (FT-SU from the example DLU)", None, _prepare)]
    for name, factory in EXAMPLES.items():
        document = factory()
        xml = to_cda(document)
        rows.append(_row(f"`to_cda`, example {name}", len(xml), partial(to_cda, document)))
        rows.append(_row(f"`from_cda`, example {name}", len(xml), partial(from_cda, xml)))
    for name, filename in OFFICIAL.items():
        path = KIT / "ExemplesCDA" / filename
        if path.is_file():
            data = path.read_bytes()
            rows.append(_row(f"`from_cda`, official {name}", len(data), partial(from_cda, data)))
    table = "\n".join(["| operation | size | best time |", "|---|---|---|", *rows])
    write_section("sheets", "### Liaison sheets (`bench_sheets`)\n\n" + table + "\n")
    print(table)


if __name__ == "__main__":
    main()
