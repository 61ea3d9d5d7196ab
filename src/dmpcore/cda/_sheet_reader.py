"""Readers of the liaison sheets' entries (FLUDT, FLUDR, FT-SU, FR-SU).

Each reader takes the entry's main element and returns a typed entry, or raises when the shape is
not the one it models (the next candidate, or :class:`~dmpcore.dlu.RawEntry`, takes the entry).
Several entry classes share the FR-Simple-Observation template (``1.2.250.1.213.1.1.3.48``): the
value's type (CD, IVL_TS, BL with a target site) tells them apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from dmpcore import oids
from dmpcore.cda._reader import (
    _HL7,
    El,
    _attr,
    _Bad,
    _bool,
    _child,
    _children,
    _code,
    _datetime,
    _ii,
    _need,
    _need_code,
    _organization,
    _plain,
    _text,
)
from dmpcore.cda._xml import XSI_TYPE, local, tag
from dmpcore.dlu._base import Identifier
from dmpcore.dlu._registry import DocumentKind, SectionKind
from dmpcore.dlu._sheet_entries import (
    CodedObservation,
    FunctionalStatus,
    LastIntake,
    PatientTransfer,
    PersonalItem,
    SiteObservation,
    TimeObservation,
    VitalSign,
    VitalSigns,
)

__all__ = ["SHEET_READERS"]


def _value(observation: El, xsi_type: str) -> El:
    value = _child(observation, "value")
    if value is None or _xsi(value) != xsi_type:
        raise _Bad(f"expected a value of type {xsi_type}", observation)
    return value


def _parts(element: El) -> list[El]:
    """The child elements of *element* (not its comments)."""
    return [child for child in element if isinstance(child.tag, str)]


def _xsi(element: El) -> str:
    """The local name of *element*'s xsi:type (``IVL_TS`` for ``xsi:type="hl7:IVL_TS"``)."""
    return element.get(XSI_TYPE, "").rsplit(":", 1)[-1]


def _effective(observation: El) -> dt.datetime | None:
    """The observation's effectiveTime/@value (None: none, or nullFlavor NA as the writers write it).

    An interval (low, high...) or another null flavor is refused: the model holds one point in time.
    """
    time = _child(observation, "effectiveTime")
    if time is not None and (_parts(time) or (time.get("value") is None and time.get("nullFlavor") != "NA")):
        raise _Bad("expected one point in time (effectiveTime/@value) or nullFlavor NA", time)
    return _datetime(time)


def _referenced_text(element: El | None) -> str | None:
    """The narrative text that ``element/originalText/reference`` (or ``text/reference``) points to."""
    if element is None:
        return None
    reference = element.find(f"{_HL7}originalText/{_HL7}reference")
    if reference is None:
        reference = element.find(f"{_HL7}reference")
    target = (reference.get("value") or "").lstrip("#") if reference is not None else ""
    if not target:
        return None
    section = next(element.iterancestors(tag("section")), None)
    text = _child(section, "text") if section is not None else None
    if text is None:
        return None
    for candidate in text.iter():
        if candidate.get("ID") == target:
            return _text(candidate)
    return None


def _read_coded(observation: El) -> CodedObservation:
    _plain(observation)
    value = _value(observation, "CD")
    code = _code(value)
    text = _referenced_text(value)
    if code is not None and text in (code.display, code.code):
        text = None  # the writer prints the value's label when there is no free text
    return CodedObservation(
        code=_need_code(_child(observation, "code"), observation),
        value=code,
        text=text,
        time=_effective(observation),
        id=_ii(_need(observation, "id")),
    )


def _read_time(observation: El) -> TimeObservation:
    _plain(observation)
    time = _effective(observation)
    value = _need(observation, "value")
    # the official FLUDT's last meal: its time in the effectiveTime alone, the value a REAL nullFlavor="NA"
    time_only = _xsi(value) == "REAL"
    if time_only and (time is None or value.get("nullFlavor") != "NA" or value.get("value") or _parts(value)):
        raise _Bad("a time observation without a value has its time in effectiveTime (REAL nullFlavor NA)", value)
    return TimeObservation(
        code=_need_code(_child(observation, "code"), observation),
        value=time if time_only else _asked_time(_value(observation, "IVL_TS")),
        time=time,
        time_only=time_only,
        id=_ii(_need(observation, "id")),
    )


def _asked_time(value: El) -> dt.datetime | None:
    """The time an IVL_TS value gives (``@value``), None for ``nullFlavor="UNK"``; an interval is refused."""
    if _parts(value) or (value.get("value") is None and value.get("nullFlavor") != "UNK"):
        raise _Bad("expected a time value (IVL_TS @value) or nullFlavor UNK, not an interval", value)
    return _datetime(value)


def _read_site(observation: El) -> SiteObservation:
    _plain(observation)
    site = _code(_child(observation, "targetSiteCode"))
    if site is None:
        raise _Bad("expected a coded targetSiteCode", observation)
    return SiteObservation(
        code=_need_code(_child(observation, "code"), observation),
        value=_bool(_value(observation, "BL")),
        site=site,
        time=_effective(observation),
        id=_ii(_need(observation, "id")),
    )


def _read_functional(observation: El) -> FunctionalStatus:
    _plain(observation)
    return FunctionalStatus(
        code=_need_code(_child(observation, "code"), observation),
        value=_bool(_value(observation, "BL")),
        time=_effective(observation),
        id=_ii(_need(observation, "id")),
    )


def _read_personal_item(observation: El) -> PersonalItem:
    _plain(observation)
    value = _child(observation, "value")
    text = None
    present = True
    if value is not None and _xsi(value) == "CD":
        text = _referenced_text(value)
        if text is None or _code(value) is not None:
            raise _Bad("an uncoded personal object is described in the narrative (a CD without code)", observation)
    else:
        present = _bool(value)
    site = _child(observation, "targetSiteCode")
    null = _attr(site, "nullFlavor") if _code(site) is None else None
    if site is not None and _code(site) is None and not null:
        raise _Bad("a personal item's site is coded or a null flavor (the official sheets: NASK)", site)
    return PersonalItem(
        code=_need_code(_child(observation, "code"), observation),
        present=present,
        site=_code(site),
        site_null_flavor=null,
        text=text,
        time=_effective(observation),
        id=_ii(_need(observation, "id")),
    )


def _read_vital_signs(organizer: El) -> VitalSigns:
    _plain(organizer)
    time = _effective(organizer)
    if time is None:
        raise _Bad("vital signs need an effectiveTime", organizer)
    signs = []
    for observation in organizer.findall(f"{_HL7}component/{_HL7}observation"):
        _plain(observation)
        if _effective(observation) not in (None, time):  # the model holds one time, the organizer's
            raise _Bad("a vital sign is measured at its organizer's time", observation)
        value = _value(observation, "PQ")
        try:
            quantity = Decimal(value.get("value", ""))
        except InvalidOperation:
            raise _Bad("a vital sign value is a number", value) from None
        unit = value.get("unit")
        if not unit:
            raise _Bad("a vital sign has a unit", value)
        signs.append(
            VitalSign(
                code=_need_code(_child(observation, "code"), observation),
                value=quantity,
                unit=unit,
                id=_ii(_need(observation, "id")),
            )
        )
    return VitalSigns(time=time, signs=tuple(signs), id=_ii(_need(organizer, "id")))


def _read_transfer(act: El) -> PatientTransfer:
    times = _child(act, "effectiveTime")
    start = _datetime(_child(times, "low")) if times is not None else None
    if start is None:
        raise _Bad("a patient transfer has a start time", act)
    end = _datetime(_child(times, "high")) if times is not None else None
    # E_patientTransfer_int.sch: completed once arrived (low and high), normal before; the model derives it
    _plain(act, "completed" if end is not None else "normal")
    participants = _children(act, "participant")
    if len(participants) != 1 or participants[0].get("typeCode") != "DST":
        raise _Bad("a patient transfer has one participant, its destination (DST)", act)
    participant = participants[0]
    role = _need(participant, "participantRole")
    destination = _organization(role)
    assert destination is not None
    entity_name = _text(role.find(f"{_HL7}playingEntity/{_HL7}name"))
    return PatientTransfer(
        start=start,
        end=end,
        destination=attrs.evolve(destination, name=entity_name),
        destination_type=_need_code(_child(role, "code"), role),
        destination_national_id=_national_id(participant),
        id=_ii(_need(act, "id")),
    )


def _national_id(participant: El) -> Identifier | None:
    """The destination's national id, which the official sheets write as the participant's templateId."""
    templates = _children(participant, "templateId")
    if len(templates) > 1 or any(t.get("root") != oids.NATIONAL_ORGANISATION_ID for t in templates):
        raise _Bad(f"a transfer's destination has at most one templateId, {oids.NATIONAL_ORGANISATION_ID}", participant)
    return _ii(templates[0]) if templates else None


#: what the official FLUDT's last intake holds (a dose, a rate, a product's lot... are facts it cannot carry)
_INTAKE_PARTS = frozenset(
    {"templateId", "id", "code", "text", "statusCode", "effectiveTime", "routeCode", "consumable"}
)


def _in_fludt_treatments(element: El) -> bool:
    """Whether *element* is in the treatments section of a FLUDT (the only place of a last intake)."""
    section = next(element.iterancestors(tag("section")), None)
    root = element.getroottree().getroot()
    return (
        section is not None
        and SectionKind.TREATMENTS.value in {t.get("root") for t in _children(section, "templateId")}
        and DocumentKind.FLUDT.value in {t.get("root") for t in _children(root, "templateId")}
    )


def _intake_shape(sbadm: El) -> El | None:
    """The last intake's IVL_TS, when *sbadm* has exactly the official FLUDT's shape; else raise.

    The official FLUDT (DLU-EHPAD-FLUDT_2022.01.xml): moodCode EVN, completed, act code, route,
    product code and name all null flavors, no dose, no period. Any other treatment stays what it is
    (a Treatment, or a RawEntry): reading it as a last intake would drop its product and dosage.
    """
    parts = {local(child) for child in sbadm if isinstance(child.tag, str)}
    material = sbadm.find(f"{_HL7}consumable/{_HL7}manufacturedProduct/{_HL7}manufacturedMaterial")
    if (
        sbadm.get("moodCode") != "EVN"
        or sbadm.get("negationInd") == "true"
        or not parts <= _INTAKE_PARTS
        or _attr(_child(sbadm, "statusCode"), "code") != "completed"
        or not all(_null(_child(sbadm, name)) for name in ("code", "routeCode"))
        or material is None
        or {local(child) for child in material if isinstance(child.tag, str)} != {"code", "name"}
        or not all(_null(_child(material, name), required=True) for name in ("code", "name"))
    ):
        raise _Bad("a last intake is an uncoded medication given, shaped as in the official FLUDT", sbadm)
    times = _children(sbadm, "effectiveTime")
    interval = [t for t in times if _xsi(t) == "IVL_TS"]
    bounds = {local(c) for t in interval for c in t if isinstance(c.tag, str)}
    if len(interval) > 1 or not bounds <= {"low", "high"} or any(_parts(t) for t in times if _xsi(t) != "IVL_TS"):
        raise _Bad("a last intake has one interval (IVL_TS) and no period", sbadm)
    return interval[0] if interval else None


def _null(element: El | None, *, required: bool = False) -> bool:
    """Whether *element* is a bare null flavor (or absent, unless *required*)."""
    if element is None:
        return not required
    return bool(element.get("nullFlavor")) and len(element) == 0 and not (element.text or "").strip()


def _read_last_intake(sbadm: El) -> LastIntake:
    if not _in_fludt_treatments(sbadm):
        raise _Bad("a last intake is an entry of the FLUDT's treatments section", sbadm)
    times = _intake_shape(sbadm)
    return LastIntake(
        time=_datetime(_child(times, "low")) if times is not None else None,
        until=_datetime(_child(times, "high")) if times is not None else None,
        id=_ii(_need(sbadm, "id")),
    )


_SIMPLE = "1.2.250.1.213.1.1.3.48"

#: entry templateId -> candidate (entry class, reader), most specific first
SHEET_READERS: dict[str, list[tuple[type, Callable[[El], Any]]]] = {
    _SIMPLE: [(CodedObservation, _read_coded), (TimeObservation, _read_time), (SiteObservation, _read_site)],
    "1.2.250.1.213.1.1.3.25": [(FunctionalStatus, _read_functional)],
    "1.2.250.1.213.1.1.3.12": [(PersonalItem, _read_personal_item)],
    "1.2.250.1.213.1.1.3.49": [(VitalSigns, _read_vital_signs)],
    "1.2.250.1.213.1.1.3.28": [(PatientTransfer, _read_transfer)],
    "1.2.250.1.213.1.1.3.42": [(LastIntake, _read_last_intake)],  # before the coded Treatment
}
