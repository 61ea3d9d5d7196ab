"""The embedded example run by ``dmpcore demo`` (and ``make demo``)."""

from __future__ import annotations

from datetime import date
from typing import TextIO

from dmpcore.consent import Act, LegalSituation, Measure, decide, explain
from dmpcore.errors import InvalidIdentifier, InvalidSituation
from dmpcore.identity import (
    INS_NIR_TEST_OID,
    IdentityStatus,
    may_share_ins,
    organisation_id,
    parse_ins,
    professional_id,
)

__all__ = ["run_consent_demo", "run_demo"]


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
    run_consent_demo(out)
    from dmpcore.visibility._demo import run_visibility_demo

    run_visibility_demo(out)
    _dlu_demo(out)
    return 0


def run_consent_demo(out: TextIO) -> None:
    """Who decides for a resident under tutelle and for a minor, in both regimes (fictitious people)."""
    out.write("== Consent (who decides?) ==\n")
    resident = LegalSituation(date(1941, 5, 12), measure=Measure.TUTELLE)
    for act, on in (
        (Act.CREATE, date(2021, 3, 1)),
        (Act.CREATE, date(2025, 1, 15)),
        (Act.PORTAL_ACCESS, date(2025, 1, 15)),
    ):
        decision = decide(resident, act, on=on)
        out.write(f"resident under tutelle, {act.name} on {on}: {explain(decision)}\n")
    out.write(f"  basis: {', '.join(decide(resident, Act.CREATE, on=date(2025, 1, 15)).basis)}\n")
    child = LegalSituation(date(2008, 2, 29))
    for act, on in ((Act.INFORM, date(2025, 1, 15)), (Act.MASK, date(2026, 2, 28)), (Act.MASK, date(2026, 3, 1))):
        decision = decide(child, act, on=on)
        out.write(f"child born 2008-02-29, {act.name} on {on} ({decision.capacity.name}): {explain(decision, 'en')}\n")
    try:
        decide(LegalSituation(date(2012, 9, 1), emancipated=True), Act.CREATE, on=date(2025, 1, 15))
    except InvalidSituation as exc:
        out.write(f"an emancipation at 12 is refused: [{exc.code}]\n")


def _dlu_demo(out: TextIO) -> None:
    from dmpcore.cda import from_cda, to_cda
    from dmpcore.dlu import example_dlu, summary
    from dmpcore.validation import validate

    out.write("\n== DLU ==\n")
    dlu = example_dlu()
    xml = to_cda(dlu)
    again = from_cda(xml)
    out.write(f"example DLU written as CDA R2: {len(xml)} bytes; read back identical: {again == dlu}\n")
    report = validate(xml)
    verdict = "valid" if report.ok else "INVALID"
    out.write(f"native validation: {verdict} ({len(report.errors)} error(s), {len(report.warnings)} warning(s))\n")
    out.write(summary(again) + "\n")
