"""Reading the header of a DLU-family CDA document into a :class:`~dmpcore.dlu.Header`.

Sources: CI-SIS *structuration minimale* (recordTarget, author, custodian, legalAuthenticator,
documentationOf/serviceEvent with its performer, componentOf/encompassingEncounter) and the volet
DLU-EHPAD (médecin traitant, personne de confiance, personne à prévenir).

The header remembers its origin: every child of ``ClinicalDocument`` but the body, with the comments
and processing instructions between them, the root element's own attributes (``xsi:schemaLocation``,
``classCode``...) and the prolog before it (``<?xml-stylesheet?>``). The writer re-emits each part
of it that the model still says the same (see ``_header_writer.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from dmpcore.cda._header_parts import EXTRA, classify
from dmpcore.cda._reader import (
    El,
    _address,
    _attach,
    _Bad,
    _child,
    _children,
    _code,
    _date,
    _datetime,
    _ii,
    _make,
    _name,
    _need,
    _organization,
    _professional,
    _telecoms,
    _text,
    _ts,
    _with_origin,
)
from dmpcore.cda._xml import local, raw_text
from dmpcore.dlu._base import RawXml, Sex
from dmpcore.dlu._header import (
    NORMAL_CONFIDENTIALITY,
    Header,
    Patient,
    Professional,
    RelatedPerson,
    UnknownTime,
)
from dmpcore.dlu._registry import DOCUMENTS, DocumentKind
from dmpcore.errors import InputError
from dmpcore.identity import IdentityStatus, parse_ins
from dmpcore.oids import INS_ROOTS

__all__ = ["read_header"]


def _patient(record_target: El) -> Patient:
    role = _need(record_target, "patientRole")
    person = _need(role, "patient")
    ins = None
    local_id = None
    for ident in _children(role, "id"):
        root, extension = ident.get("root"), ident.get("extension")
        if root in INS_ROOTS and extension and ins is None:
            try:
                ins = parse_ins(extension, root)
            except InputError as exc:
                raise _Bad(f"invalid INS: {exc.message}", ident) from None
        elif local_id is None and root:
            local_id = _ii(ident)
    name = _need(person, "name")
    by_qualifier: dict[tuple[str, str | None], str] = {}
    for part in name:
        if not isinstance(part.tag, str):
            continue
        text = _text(part)
        key = (local(part), part.get("qualifier"))
        if text is not None and key not in by_qualifier:
            by_qualifier[key] = text
    birth_family = by_qualifier.get(("family", "BR")) or by_qualifier.get(("family", None))
    first_given = by_qualifier.get(("given", "BR")) or by_qualifier.get(("given", None))
    if birth_family is None or first_given is None:
        raise _Bad("the patient's name needs a birth family name and a first birth given name", name)
    sex = _child(person, "administrativeGenderCode")
    birth = _date(_child(person, "birthTime"))
    if birth is None:
        raise _Bad("missing patient birthTime", person)
    place = _child(person, "birthplace")
    try:
        sex_value = Sex(None if sex is None else sex.get("code"))
    except ValueError:
        raise _Bad(f"unknown administrative sex {None if sex is None else sex.get('code')!r}", person) from None
    patient = _make(
        Patient,
        person,
        ins=ins,
        identity_status=IdentityStatus.QUALIFIED if ins is not None else None,
        local_id=local_id,
        birth_family_name=birth_family,
        first_birth_given_name=first_given,
        birth_given_names=by_qualifier.get(("given", None)) if ("given", "BR") in by_qualifier else None,
        used_family_name=by_qualifier.get(("family", "CL")),
        used_given_name=by_qualifier.get(("given", "CL")),
        sex=sex_value,
        birth_date=birth,
        birth_place=_address(_child(_need(place, "place"), "addr")) if place is not None else None,
        address=_address(_child(role, "addr")),
        telecoms=_telecoms(role),
    )
    return _with_origin(patient, record_target)


def _related(informant: El) -> RelatedPerson:
    entity = _need(informant, "relatedEntity")
    return _make(
        RelatedPerson,
        entity,
        name=_name(_child(_need(entity, "relatedPerson"), "name"), entity),
        relationship=_code(_child(entity, "code")),
        address=_address(_child(entity, "addr")),
        telecoms=_telecoms(entity),
    )


def _assigned(parent: El | None, name: str = "assignedEntity") -> Professional | None:
    return None if parent is None else _professional(_need(parent, name))


class _Parts:
    """The header's elements by part; a required part that is missing is reported at the root."""

    def __init__(self, root: El) -> None:
        self.root = root
        self.parts = classify(root)

    def get(self, part: str) -> El | None:
        found = self.parts.get(part)
        return found[0] if found else None

    def need(self, part: str) -> El:
        element = self.get(part)
        if element is None:
            raise _Bad(f"missing element {part}", self.root)
        return element


def _unknown(element: El | None) -> UnknownTime:
    """A time the document does not give: the element's nullFlavor, or no element (None)."""
    if element is None:
        return UnknownTime(null_flavor=None)
    return _make(UnknownTime, element, null_flavor=element.get("nullFlavor"))


def _stated(element: El | None) -> dt.datetime | UnknownTime:
    """A time the header always writes (author/time, a low or a high with a default): as read, never None.

    None would be a part left to its default (effective_time), and rewriting the part would make the time up.
    """
    return _datetime(element) or _unknown(element)


def _optional(element: El | None) -> dt.datetime | UnknownTime | None:
    """A time the header writes only when given (the service end, the encounter start): None without element."""
    return None if element is None else _stated(element)


def _bounds(parent: El) -> tuple[El | None, El | None]:
    """The ``low`` and the ``high`` of *parent*'s effectiveTime.

    An effectiveTime with a nullFlavor and no bound (``<effectiveTime nullFlavor="UNK"/>``) gives its
    nullFlavor as the high: an unknown end, written back ``<high nullFlavor="UNK"/>``, which the kit
    accepts as it does the original, where an empty effectiveTime would not be.
    """
    times = _child(parent, "effectiveTime")
    if times is None:
        return (None, None)
    low, high = _child(times, "low"), _child(times, "high")
    if low is None and high is None and times.get("nullFlavor") is not None:
        return (None, times)
    return (low, high)


def _service_event(parts: _Parts) -> dict[str, Any]:
    event = _need(parts.need("documentationOf"), "serviceEvent")
    low, high = _bounds(event)
    return {
        "service_start": _stated(low),
        "service_end": _optional(high),
        "performer": _assigned(_child(event, "performer")),
    }


def _encounter(parts: _Parts) -> dict[str, Any]:
    component = parts.need("componentOf")
    encounter = _need(component, "encompassingEncounter")
    facility_type = _code(_child(_need(_need(encounter, "location"), "healthCareFacility"), "code"))
    if facility_type is None:
        raise _Bad("missing location/healthCareFacility/code", component)
    low, high = _bounds(encounter)
    return {
        "encounter_start": _optional(low),
        "encounter_end": _stated(high),
        "responsible_party": _assigned(_child(encounter, "responsibleParty")),
        "facility_type": facility_type,
    }


def _since(participant: El | None) -> dt.date | UnknownTime | None:
    """The start of a participation: ``time/@value`` or ``time/low/@value`` (a day or a time), else unknown.

    ``<time nullFlavor="UNK"/>``, a ``low`` with a nullFlavor and no time at all (participant/time is
    0..1) are an :class:`UnknownTime`, written back so.
    """
    if participant is None:
        return None
    time = _child(participant, "time")
    if time is not None and time.get("value") is None and not time.get("nullFlavor"):
        time = _child(time, "low")
    return _ts(time) or _unknown(time)


def _people(parts: _Parts) -> dict[str, Any]:
    author = parts.need("author")
    legal = parts.need("legalAuthenticator")
    physician = parts.get("attending_physician")
    emergency, trusted = parts.get("emergency_contact"), parts.get("trusted_person")
    return {
        "patient": _patient(parts.need("recordTarget")),
        "author": _professional(_need(author, "assignedAuthor")),
        "author_time": _stated(_child(author, "time")),
        "custodian": _organization(
            _need(_need(parts.need("custodian"), "assignedCustodian"), "representedCustodianOrganization")
        ),
        "legal_authenticator": _professional(_need(legal, "assignedEntity")),
        "signature_time": _stated(_child(legal, "time")),
        "attending_physician": None
        if physician is None
        else _professional(_need(physician, "associatedEntity"), "associatedPerson", "scopingOrganization"),
        "attending_since": _since(physician),
        "emergency_contact": None if emergency is None else _related(emergency),
        "trusted_person": None if trusted is None else _related(trusted),
    }


def _identification(parts: _Parts, kind: DocumentKind) -> dict[str, Any]:
    effective = _datetime(parts.need("effectiveTime"))
    if effective is None:
        raise _Bad("missing document effectiveTime/@value", parts.root)
    version = parts.get("versionNumber")
    value = None if version is None else version.get("value")
    if version is not None and not (value and value.isdigit() and int(value) >= 1):
        raise _Bad(f"versionNumber/@value must be an integer >= 1 (got {(value or '')[:20]!r})", version)
    title = _text(parts.get("title"))
    return {
        "id": _ii(parts.need("id")),
        "set_id": _ii(parts.need("setId")),
        "version": 1 if value is None else int(value),
        "title": None if title == DOCUMENTS[kind].title else title,  # the model's title is None (Document)
        "effective_time": effective,
        "confidentiality": _code(parts.get("confidentialityCode")) or NORMAL_CONFIDENTIALITY,
    }


def read_header(root: El, kind: DocumentKind) -> Header:
    """The header of the document of *kind* whose root is *root*, remembering its origin."""
    parts = _Parts(root)
    header = _make(
        Header,
        root,
        **_identification(parts, kind),
        **_people(parts),
        **_service_event(parts),
        **_encounter(parts),
        extra=tuple(RawXml(xml=raw_text(child)) for child in parts.parts.get(EXTRA, ())),
    )
    return _attach(header, _origin_xml(root))


def _origin_xml(root: El) -> str:
    """The prolog, the root's start tag and every child of the root but the body, as one XML text."""
    namespaces: Any = root.nsmap  # lxml-stubs want str keys; the default namespace's is None
    attributes: Any = dict(root.attrib)
    shell = raw_text(etree.Element(root.tag, attrib=attributes, nsmap=namespaces))
    prolog = "".join(reversed([raw_text(node) for node in root.itersiblings(preceding=True)]))
    kept = "".join(raw_text(child) for child in root if local(child) != "component")
    close = f"</{root.prefix}:ClinicalDocument>" if root.prefix else "</ClinicalDocument>"
    return prolog + shell[:-2] + ">" + kept + close
