"""A readable summary of a liaison sheet (FLUDT, FLUDR, FT-SU, FR-SU), section by section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dmpcore.codes import Code
from dmpcore.dlu._document import Document, RawSection
from dmpcore.dlu._entries import AttachedDocument, Observation, Problem, Procedure, RawEntry, Treatment
from dmpcore.dlu._sheet_entries import (
    LAST_USUAL_TREATMENT,
    CodedObservation,
    FunctionalStatus,
    LastIntake,
    PatientTransfer,
    PersonalItem,
    SiteObservation,
    TimeObservation,
    VitalSigns,
)

__all__ = ["sheet_lines"]


def _label(code: Code) -> str:
    return code.display or code.code


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _transfer(item: PatientTransfer) -> str:
    arrival = f", arrived {item.end:%d/%m/%Y %H:%M}" if item.end is not None else ""
    return f"transfer to {item.destination.name}, left {item.start:%d/%m/%Y %H:%M}{arrival}"


def _vitals(item: VitalSigns) -> str:
    signs = ", ".join(f"{_label(s.code)} {format(s.value, 'f')} {s.unit}" for s in item.signs)
    return f"{item.time:%d/%m/%Y %H:%M}: {signs}"


def _at(label: str, time: dt.datetime | None) -> str:
    return f"{label}: {time:%d/%m/%Y %H:%M}" if time is not None else f"{label}: ?"


def _treatment(item: Treatment) -> str:
    parts = [_label(item.medication)]
    if item.dose is not None:
        amount = format(item.dose, "f") + (f" to {format(item.dose_high, 'f')}" if item.dose_high is not None else "")
        parts.append(f"{amount} {item.dose_unit or ''}".rstrip())
    if item.period_hours:
        parts.append(f"every {item.period_hours} h")
    if item.max_dose is not None:
        unit = f" {item.max_dose_unit}" if item.max_dose_unit is not None else ""
        parts.append(f"at most {format(item.max_dose, 'f')}{unit} in {item.max_dose_period_hours} h")
    return ", ".join(parts)


def _item(item: PersonalItem) -> str:
    site = f" ({_label(item.site)})" if item.site is not None else ""
    return f"{item.text or _label(item.code)}{site}" + ("" if item.present else ": no")


_DESCRIBE: dict[type, Callable[[Any], str]] = {
    CodedObservation: lambda o: ": ".join(p for p in (_label(o.code), o.text or (o.value and _label(o.value))) if p),
    PatientTransfer: _transfer,
    VitalSigns: _vitals,
    TimeObservation: lambda o: _at(_label(o.code), o.value),
    LastIntake: lambda o: _at(_label(LAST_USUAL_TREATMENT), o.time),
    SiteObservation: lambda o: f"{_label(o.code)} ({_label(o.site)}): {_yes_no(o.value)}",
    FunctionalStatus: lambda o: f"{_label(o.code)}: {_yes_no(o.value)}",
    PersonalItem: _item,
    Observation: lambda o: f"{o.label}: {_yes_no(o.value)}",
    Problem: lambda p: f"{_label(p.code)} [{p.code.code}]",
    Treatment: _treatment,
    AttachedDocument: lambda a: f"{_label(a.document_type)} ({len(a.attachment.data)} bytes)",
    Procedure: lambda p: "" if p.code is None else f"{_label(p.code)}: {_yes_no(p.performed)}",
}


def sheet_lines(document: Document) -> list[str]:
    """One heading per section (its title), one line per entry, then its free text."""
    lines = []
    unknown = 0
    for section in document.sections:
        if isinstance(section, RawSection):
            unknown += 1
            continue
        lines.append(f"{section.display_title}:")
        for entry in section.entries:
            if isinstance(entry, RawEntry):
                unknown += 1
                continue
            text = _DESCRIBE[type(entry)](entry)
            if text:
                lines.append(f"  - {text}")
        if section.note:
            lines.append(f"  {section.note}")
    if unknown:
        lines.append(f"({unknown} section(s) or entries not modelled by dmpcore, kept as they are)")
    return lines
