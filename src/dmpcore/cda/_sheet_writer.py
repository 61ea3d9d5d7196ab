"""Writers of the liaison sheets' entries (FLUDT, FLUDR, FT-SU, FR-SU), shaped as in the official examples.

Registered in :data:`dmpcore.cda._writer._ENTRY_WRITERS` (one table of entry writers for the family).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dmpcore.cda._constants import T_PRODUCT, T_TREATMENT
from dmpcore.cda._narrative import Narrative
from dmpcore.cda._writer import XSI_TYPE, El, _addr, _cd, _e, _ii, _ivl, _telecoms, _templates, _text_ref, _ts
from dmpcore.cda._xml import format_ts
from dmpcore.codes import Code
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

__all__ = ["SHEET_WRITERS"]

_IHE_SIMPLE = "1.3.6.1.4.1.19376.1.5.3.1.4.13"
T_SIMPLE: tuple[str, ...] = (_IHE_SIMPLE, "1.2.250.1.213.1.1.3.48")
T_PERSONAL_ITEM: tuple[str, ...] = (*T_SIMPLE, "1.2.250.1.213.1.1.3.12")
T_FUNCTIONAL_STATUS: tuple[str, ...] = (
    "1.3.6.1.4.1.19376.1.5.3.1.1.12.3.6",
    _IHE_SIMPLE,
    "2.16.840.1.113883.10.20.1.31",
    "1.2.250.1.213.1.1.3.25",
)
T_VITAL_SIGNS: tuple[str, ...] = (
    "2.16.840.1.113883.10.20.1.32",
    "2.16.840.1.113883.10.20.1.35",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.1",
    "1.2.250.1.213.1.1.3.49",
)
T_VITAL_SIGN: tuple[str, ...] = (
    "2.16.840.1.113883.10.20.1.31",
    _IHE_SIMPLE,
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.2",
    "1.2.250.1.213.1.1.3.50",
)
T_TRANSFER: tuple[str, ...] = ("1.3.6.1.4.1.19376.1.5.3.1.1.25.1.4.1", "1.2.250.1.213.1.1.3.28")
CODE_VITAL_SIGNS = Code(code="85353-1", code_system="2.16.840.1.113883.6.1", display="Signes vitaux")
CODE_TRANSFER = Code(code="80413-8", code_system="2.16.840.1.113883.6.1", display="Transfert du patient")


def _label(code: Code) -> str:
    return code.display or code.code


def _observation(entry: El, templates: tuple[str, ...], ident: Any, code: Code, ref: str, time: Any) -> El:
    observation = _e(entry, "observation", {"classCode": "OBS", "moodCode": "EVN"})
    _templates(observation, templates)
    _ii(observation, "id", ident)
    _cd(observation, "code", code)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    _ts(observation, "effectiveTime", time)  # nullFlavor NA when not given
    return observation


def _bl(parent: El, value: bool) -> None:
    _e(parent, "value", {XSI_TYPE: "BL", "value": "true" if value else "false"})


def _coded(entry: El, item: CodedObservation, n: Narrative) -> None:
    shown = item.text or (_label(item.value) if item.value is not None else "")
    # the anchor is the free text: the value's originalText points to it
    ref = n.row([_label(item.code)], label=shown)
    observation = _observation(entry, T_SIMPLE, item.id, item.code, ref, item.time)
    value = (
        _cd(observation, "value", item.value, {XSI_TYPE: "CD"})
        if item.value
        else _e(observation, "value", {XSI_TYPE: "CD"})
    )
    _e(_e(value, "originalText"), "reference", {"value": "#" + ref})


def _shown(time: dt.datetime | None) -> str:
    return time.strftime("%d/%m/%Y %H:%M") if time is not None else "non connue"


def _time(entry: El, item: TimeObservation, n: Narrative) -> None:
    ref = n.row([_shown(item.value)], label=_label(item.code), first=True)
    observation = _observation(entry, T_SIMPLE, item.id, item.code, ref, item.time)
    if item.time_only:  # the official FLUDT's last meal: its time in the effectiveTime alone
        _e(observation, "value", {XSI_TYPE: "REAL", "nullFlavor": "NA"})
    elif item.value is None:
        _e(observation, "value", {XSI_TYPE: "IVL_TS", "nullFlavor": "UNK"})
    else:
        _e(observation, "value", {XSI_TYPE: "IVL_TS", "value": format_ts(item.value)})


def _site(entry: El, item: SiteObservation, n: Narrative) -> None:
    ref = n.row([n.yes_no(item.value), _label(item.site)], label=_label(item.code), first=True)
    observation = _observation(entry, T_SIMPLE, item.id, item.code, ref, item.time)
    _bl(observation, item.value)
    _cd(observation, "targetSiteCode", item.site)


def _functional(entry: El, item: FunctionalStatus, n: Narrative) -> None:
    ref = n.row([n.yes_no(item.value)], label=_label(item.code), first=True)
    observation = _observation(entry, T_FUNCTIONAL_STATUS, item.id, item.code, ref, item.time)
    _bl(observation, item.value)


def _personal_item(entry: El, item: PersonalItem, n: Narrative) -> None:
    site = _label(item.site) if item.site is not None else ""
    shown = item.text or n.yes_no(item.present)
    ref = n.row([_label(item.code)], label=shown, tail=[site])  # the anchor is the description
    observation = _observation(entry, T_PERSONAL_ITEM, item.id, item.code, ref, item.time)
    if item.text is not None:  # another object, described in the narrative (as in the official examples)
        value = _e(observation, "value", {XSI_TYPE: "CD"})
        _e(_e(value, "originalText"), "reference", {"value": "#" + ref})
    else:
        _bl(observation, item.present)
    if item.site is not None:
        _cd(observation, "targetSiteCode", item.site)
    elif item.site_null_flavor is not None:  # the official sheets: NASK (not asked)
        _e(observation, "targetSiteCode", {"nullFlavor": item.site_null_flavor})


def _vital_signs(entry: El, item: VitalSigns, n: Narrative) -> None:
    organizer = _e(entry, "organizer", {"classCode": "CLUSTER", "moodCode": "EVN"})
    _templates(organizer, T_VITAL_SIGNS)
    _ii(organizer, "id", item.id)
    _cd(organizer, "code", CODE_VITAL_SIGNS)
    _e(organizer, "statusCode", {"code": "completed"})
    _ts(organizer, "effectiveTime", item.time)
    for sign in item.signs:
        quantity = format(sign.value, "f")
        ref = n.row(
            [f"{quantity} {sign.unit}", item.time.strftime("%d/%m/%Y %H:%M")], label=_label(sign.code), first=True
        )
        component = _e(organizer, "component", {"typeCode": "COMP"})
        observation = _observation(component, T_VITAL_SIGN, sign.id, sign.code, ref, item.time)
        _e(observation, "value", {XSI_TYPE: "PQ", "value": quantity, "unit": sign.unit})


def _last_intake(entry: El, item: LastIntake, n: Narrative) -> None:
    """The FLUDT's last intake of the usual treatment, shaped as in the official example (uncoded product)."""
    until = _shown(item.until) if item.until is not None else ""
    ref = n.row([_shown(item.time), until], label=_label(LAST_USUAL_TREATMENT), tail=[""])
    sbadm = _e(entry, "substanceAdministration", {"classCode": "SBADM", "moodCode": "EVN"})
    _templates(sbadm, T_TREATMENT)
    _ii(sbadm, "id", item.id)
    _e(sbadm, "code", {"nullFlavor": "NA"})
    _text_ref(sbadm, ref)
    _e(sbadm, "statusCode", {"code": "completed"})
    # E_medications_int.sch: the first effectiveTime is an IVL_TS with low and high
    _ivl(sbadm, item.time, item.until, xsi_type="IVL_TS")
    _e(sbadm, "routeCode", {"nullFlavor": "NA"})
    product = _e(_e(sbadm, "consumable"), "manufacturedProduct")
    _templates(product, T_PRODUCT)
    material = _e(product, "manufacturedMaterial")
    _e(material, "code", {"nullFlavor": "UNK"})
    _e(material, "name", {"nullFlavor": "UNK"})


def _transfer(entry: El, item: PatientTransfer, n: Narrative) -> None:
    destination = item.destination
    address = destination.address.one_line() if destination.address else ""
    ref = n.row([destination.name or "", address], label=_label(CODE_TRANSFER), first=True)
    act = _e(entry, "act", {"classCode": "ACT", "moodCode": "EVN"})
    _templates(act, T_TRANSFER)
    _ii(act, "id", item.id)
    _cd(act, "code", CODE_TRANSFER)
    _text_ref(act, ref)
    # E_patientTransfer_int.sch: a completed transfer has its departure (low) and arrival (high) times
    _e(act, "statusCode", {"code": "completed" if item.end is not None else "normal"})
    times = _e(act, "effectiveTime")
    _ts(times, "low", item.start)
    if item.end is not None:
        _ts(times, "high", item.end)
    participant = _e(act, "participant", {"typeCode": "DST"})
    if item.destination_national_id is not None:  # as the official FLUDT, FLUDR and FR-SU write the FINESS
        _ii(participant, "templateId", item.destination_national_id)
    role = _e(participant, "participantRole", {"classCode": "SDLOC"})
    assert destination.id is not None  # PatientTransfer checks it
    _ii(role, "id", destination.id)
    _cd(role, "code", item.destination_type)
    _addr(role, destination.address)
    _telecoms(role, destination.telecoms)
    _e(_e(role, "playingEntity", {"classCode": "ENT"}), "name", text=destination.name)


SHEET_WRITERS: dict[type, Callable[[El, Any, Narrative], None]] = {
    CodedObservation: _coded,
    TimeObservation: _time,
    SiteObservation: _site,
    FunctionalStatus: _functional,
    LastIntake: _last_intake,
    PersonalItem: _personal_item,
    VitalSigns: _vital_signs,
    PatientTransfer: _transfer,
}
