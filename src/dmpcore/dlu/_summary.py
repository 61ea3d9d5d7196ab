"""A readable summary of a DLU-family document, for ``dmpcore inspect`` and the demo.

Patient data is shown as an emergency team needs it, except the INS, which is masked.
"""

from __future__ import annotations

from dmpcore.dlu._document import Document, RawSection, Section
from dmpcore.dlu._entries import AdvanceDirective, Observation, Procedure, RawEntry, Treatment
from dmpcore.dlu._registry import DocumentKind, SectionKind

__all__ = ["summary"]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _treatment(item: Treatment) -> str:
    parts = [item.medication.display or item.medication.code]
    if item.dose is not None:
        unit = " unit(s)" if item.dose_unit in (None, "1", "{count}") else f" {item.dose_unit}"
        parts.append(f"{format(item.dose, 'f')}{unit}")
    if item.period_hours is not None:
        parts.append(f"every {item.period_hours} h")
    if item.start is not None:
        parts.append(f"since {item.start:%d/%m/%Y}")
    return ", ".join(parts)


def summary(document: Document) -> str:
    """A plain-text summary: patient (INS masked), allergies, treatments, directives, risks.

    >>> from dmpcore.dlu import example_dlu
    >>> print(summary(example_dlu()))  # doctest: +ELLIPSIS
    DLU of MARTIN Jeanne, born 28/03/1939 (F), INS ***********8989 (test root)
    ...
    Allergies: Pénicillines (allergie médicamenteuse)
    ...
    """
    header = document.header
    patient = header.patient
    identity = (
        f"INS {patient.ins.masked()}{' (test root)' if patient.ins.is_test else ''}"
        if patient.shares_ins and patient.ins is not None
        else "local id only (identity not qualified)"
    )
    lines = [
        f"{document.kind.name} of {patient.display_name()}, born {patient.birth_date:%d/%m/%Y} "
        f"({patient.sex.value}), {identity}",
        f"Written {header.effective_time:%d/%m/%Y %H:%M} by {header.author.name.full()}"
        + (f", {header.custodian.name}" if header.custodian.name else ""),
    ]
    if header.attending_physician is not None:
        lines.append(f"Médecin traitant: {header.attending_physician.name.full()}")
    for label, person in (("Personne de confiance", header.trusted_person), ("À prévenir", header.emergency_contact)):
        if person is not None:
            phone = next((t.value.removeprefix("tel:") for t in person.telecoms if t.value.startswith("tel:")), "")
            lines.append(f"{label}: {person.name.full()}{f' ({phone})' if phone else ''}")
    if document.kind is not DocumentKind.DLU:  # a liaison sheet: its own sections
        from dmpcore.dlu._sheet_summary import sheet_lines

        return "\n".join([*lines, *sheet_lines(document)])
    allergies = [f"{a.agent.display or a.agent.code} ({a.kind.display or a.kind.code})" for a in document.allergies]
    lines.append(f"Allergies: {'; '.join(allergies) or 'none recorded'}")
    treatments = document.treatments
    lines.append(f"Treatments ({len(treatments)}):")
    lines.extend(f"  - {_treatment(t)}" for t in treatments)
    directives = list(document.entries(AdvanceDirective))
    if directives:
        lines.append(f"Advance directives: {_yes_no(directives[0].exists)}")
    palliative = [p for p in document.entries(Procedure, SectionKind.CARE_PLAN) if p.code is not None]
    if palliative:
        lines.append(f"Palliative care: {_yes_no(palliative[0].performed)}")
    risks = [o.label for o in document.observations if o.value]
    lines.append(f"Observed states and risks: {', '.join(risks) or 'none'}")
    bmr = list(document.entries(Observation, SectionKind.CODED_RESULTS))
    if bmr:
        lines.append(f"Multi-resistant bacteria: {_yes_no(bmr[0].value)}")
    attached = [a.document_type.display or a.document_type.code for a in document.attachments]
    lines.append(f"Attached documents ({len(attached)}): {'; '.join(attached) or 'none'}")
    comment = document.section(SectionKind.COMMENT)
    if comment is not None and comment.note:
        lines.append(f"Comment: {comment.note}")
    unknown = sum(isinstance(s, RawSection) for s in document.sections) + sum(
        isinstance(e, RawEntry) for s in document.sections if isinstance(s, Section) for e in s.entries
    )
    if unknown:
        lines.append(f"({unknown} section(s) or entries not modelled by dmpcore, kept as they are)")
    return "\n".join(lines)
