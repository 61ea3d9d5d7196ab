"""The embedded example run by ``dmpcore demo`` (and ``make demo``)."""

from __future__ import annotations

from typing import TextIO

from dmpcore.errors import InvalidIdentifier
from dmpcore.identity import (
    INS_NIR_TEST_OID,
    IdentityStatus,
    may_share_ins,
    organisation_id,
    parse_ins,
    professional_id,
)

__all__ = ["run_demo"]


def run_demo(out: TextIO) -> int:
    """Print a short tour of the library on fictitious data (test INS root)."""
    ins = parse_ins("2 79 03 51 215 189 89", INS_NIR_TEST_OID)
    out.write("== Identity ==\n")
    out.write(f"INS {ins.format()} ({ins.kind.name}, test root: {ins.is_test})\n")
    try:
        parse_ins("279035121518988", INS_NIR_TEST_OID)
    except InvalidIdentifier as exc:
        out.write(f"a mistyped INS is refused: [{exc.code}] {exc}\n")
    for status in IdentityStatus:
        out.write(f"identity {status.value:<10} may carry the INS in a shared document: {may_share_ins(status)}\n")
    doctor = professional_id(rpps="01234567897")
    home = organisation_id(finess="750712184")
    out.write(f"médecin traitant id {doctor.root} / {doctor.extension} ({doctor.kind.name})\n")
    out.write(f"EHPAD id {home.root} / {home.extension} ({home.kind.name})\n")
    _dlu_demo(out)
    return 0


def _dlu_demo(out: TextIO) -> None:
    from dmpcore.cda import from_cda, parse_xml, profile_violations, to_cda
    from dmpcore.dlu import example_dlu, summary

    out.write("\n== DLU ==\n")
    dlu = example_dlu()
    xml = to_cda(dlu)
    again = from_cda(xml)
    out.write(f"example DLU written as CDA R2: {len(xml)} bytes; read back identical: {again == dlu}\n")
    violations = profile_violations(parse_xml(xml))
    out.write(f"valid against dmpcore's profile XSD: {not violations}\n")
    out.write(summary(again) + "\n")
