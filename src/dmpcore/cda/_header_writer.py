"""Writing the header of a DLU-family document: one writer per part, origins kept for the parts not edited.

Element shapes follow the CI-SIS *structuration minimale* and the volet DLU-EHPAD 2022.01 (see
``_writer.py``). A header read by :func:`~dmpcore.cda.from_cda` remembers its XML; when it is
written back, each part (``_header_parts.py``) whose values did not change since it was read keeps
its original element, comments around it included, and only the edited parts are regenerated: a
version bump rewrites ``versionNumber``, not the performer, the encounter or the templateIds. The root
element's attributes (``xsi:schemaLocation``...) and the prolog (``<?xml-stylesheet?>``) are kept too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

import attrs
from lxml import etree

from dmpcore.cda import _constants as C
from dmpcore.cda._builder import Node, raw
from dmpcore.cda._header_parts import EXTRA, classify
from dmpcore.cda._parser import parse_xml
from dmpcore.cda._writer import XSI_TYPE, El, _addr, _cd, _e, _fixed, _ii, _name, _telecoms, _ts
from dmpcore.cda._xml import attributes, format_ts, raw_text
from dmpcore.dlu._base import is_unchanged
from dmpcore.dlu._conformance import check_confidentiality
from dmpcore.dlu._document import Document, check_attending_physician
from dmpcore.dlu._header import Header, Organization, Patient, Professional, RelatedPerson, UnknownTime
from dmpcore.dlu._registry import DOCUMENTS, DocumentSpec
from dmpcore.errors import InputError

__all__ = ["write_header"]

_ORDER: Final = {name: rank for rank, name in enumerate(C.CLINICAL_DOCUMENT_ORDER)}


def _organization(parent: El, name: str, org: Organization, *, sector: bool = True) -> El:
    element = _e(parent, name)
    if org.id is not None:
        _ii(element, "id", org.id)
    if org.name is not None:
        _e(element, "name", text=org.name)
    _telecoms(element, org.telecoms)
    _addr(element, org.address)
    if sector and org.sector is not None:
        _cd(element, "standardIndustryClassCode", org.sector)
    return element


def _professional(parent: El, name: str, person: Professional, *, nulls: bool = False) -> El:
    element = _e(parent, name)
    _ii(element, "id", person.id)
    if person.profession is not None:
        _cd(element, "code", person.profession)
    _addr(element, person.address, null="NASK" if nulls else None)
    _telecoms(element, person.telecoms, null="NASK" if nulls else None)
    _name(_e(element, "assignedPerson"), person.name)
    if person.organization is not None:
        _organization(element, "representedOrganization", person.organization)
    return element


def _patient(root: El, patient: Patient) -> None:
    if is_unchanged(patient):
        assert patient.origin is not None
        raw(root, patient.origin.xml)
        return
    role = _e(_e(root, "recordTarget"), "patientRole")
    if patient.shares_ins and patient.ins is not None:  # RNIV: only a qualified identity carries the INS
        _e(role, "id", {"root": patient.ins.oid, "extension": patient.ins.value})
    elif patient.local_id is None:
        raise InputError(
            "the identity is not qualified: the document must identify the patient by the local id (got none)",
            code="dlu.patient.id",
        )
    if patient.local_id is not None:
        _ii(role, "id", patient.local_id)
    _addr(role, patient.address)
    _telecoms(role, patient.telecoms)
    person = _e(role, "patient", {"classCode": "PSN"})
    name = _e(person, "name")
    _e(name, "family", {"qualifier": "BR"}, patient.birth_family_name)
    if patient.birth_given_names is not None:
        _e(name, "given", text=patient.birth_given_names)
    _e(name, "given", {"qualifier": "BR"}, patient.first_birth_given_name)
    if patient.used_family_name is not None:
        _e(name, "family", {"qualifier": "CL"}, patient.used_family_name)
    if patient.used_given_name is not None:
        _e(name, "given", {"qualifier": "CL"}, patient.used_given_name)
    _e(person, "administrativeGenderCode", {"code": patient.sex.value, "codeSystem": C.HL7_GENDER})
    _e(person, "birthTime", {"value": format_ts(patient.birth_date)})
    if patient.birth_place is not None:
        _addr(_e(_e(person, "birthplace"), "place"), patient.birth_place)


def _related(root: El, person: RelatedPerson | None, class_code: str) -> None:
    if person is None:
        return
    entity = _e(_e(root, "informant"), "relatedEntity", {"classCode": class_code})
    if person.relationship is not None:
        _cd(entity, "code", person.relationship)
    _addr(entity, person.address, null="NAV")
    _telecoms(entity, person.telecoms)
    _name(_e(entity, "relatedPerson"), person.name)


def _attending(root: El, document: Document, spec: DocumentSpec) -> None:
    check_attending_physician(document.kind, document.header)
    physician = document.header.attending_physician
    if physician is None:
        return
    participant = _e(root, "participant", {"typeCode": "INF"})
    _fixed(participant, "functionCode", C.CODE_ATTENDING_PHYSICIAN)
    since = document.header.attending_since or document.header.effective_time
    if isinstance(since, UnknownTime):
        _time(participant, "time", since)
    else:
        _e(_e(participant, "time", {XSI_TYPE: "IVL_TS"}), "low", {"value": format_ts(since)})
    associated = _e(participant, "associatedEntity", {"classCode": "PROV"})
    _ii(associated, "id", physician.id)
    if physician.profession is not None:
        _cd(associated, "code", physician.profession)
    _addr(associated, physician.address)
    _telecoms(associated, physician.telecoms)
    _name(_e(associated, "associatedPerson"), physician.name)
    if physician.organization is not None:
        _organization(associated, "scopingOrganization", physician.organization)


def _templates(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "templateId", {"root": C.HL7_FRANCE_TEMPLATE})
    _e(root, "templateId", {"root": C.CI_SIS_TEMPLATE})
    volet = {"root": document.kind.value}
    if document.model_version is not None:
        volet["extension"] = document.model_version
    _e(root, "templateId", volet)


def _code(root: El, document: Document, spec: DocumentSpec) -> None:
    code, display = spec.document_code(document.model_version)
    _e(root, "code", {"code": code, "displayName": display, "codeSystem": C.LOINC})


def _time(parent: El, name: str, value: dt.datetime | UnknownTime, required: str | None = None) -> None:
    """A header time: its value, or the nullFlavor it was read with (no element: none was read).

    *required* names the Header field of a time whose ``@value`` the structuration minimale requires
    (author/time, legalAuthenticator/time, serviceEvent/effectiveTime/low): unknown, it is refused, not made up.
    """
    if not isinstance(value, UnknownTime):
        _ts(parent, name, value)
    elif required is not None:
        raise InputError(
            f"'{required}' is unknown (nullFlavor {value.null_flavor or 'none, no element'}), and the structuration "
            f"minimale requires a value there: dmpcore does not make one up, give the time",
            code="dlu.time.unknown",
        )
    elif value.null_flavor is not None:
        _e(parent, name, {"nullFlavor": value.null_flavor})


def _author(root: El, document: Document, spec: DocumentSpec) -> None:
    header = document.header
    author = _e(root, "author")
    _time(author, "time", header.author_time or header.effective_time, "author_time")
    _professional(author, "assignedAuthor", header.author)


def _custodian(root: El, document: Document, spec: DocumentSpec) -> None:
    custodian = _e(_e(root, "custodian"), "assignedCustodian")
    _organization(custodian, "representedCustodianOrganization", document.header.custodian, sector=False)


def _legal(root: El, document: Document, spec: DocumentSpec) -> None:
    legal = _e(root, "legalAuthenticator")
    _time(legal, "time", document.header.signature_time or document.header.effective_time, "signature_time")
    _e(legal, "signatureCode", {"code": "S"})
    _professional(legal, "assignedEntity", document.header.legal_authenticator)


def _service_event(root: El, document: Document, spec: DocumentSpec) -> None:
    header = document.header
    event = _e(_e(root, "documentationOf"), "serviceEvent")
    code = {"code": spec.service_event_code, "displayName": spec.service_event_display}
    _e(event, "code", {**code, "codeSystem": spec.service_event_system})
    times = _e(event, "effectiveTime")
    _time(times, "low", header.service_start or header.effective_time, "service_start")
    if header.service_end is not None:
        _time(times, "high", header.service_end)
    performer = _e(event, "performer", {"typeCode": "PRF"})
    _professional(performer, "assignedEntity", header.service_performer, nulls=True)


def _encounter(root: El, document: Document, spec: DocumentSpec) -> None:
    header = document.header
    encounter = _e(_e(root, "componentOf"), "encompassingEncounter")
    _fixed(encounter, "code", spec.encounter_code)
    times = _e(encounter, "effectiveTime")
    if header.encounter_start is not None:
        _time(times, "low", header.encounter_start)
    # an effectiveTime with neither low nor high says nothing, and the kit refuses it (dtr1-1-TS)
    empty = header.encounter_start is None and _absent(header.encounter_end)
    _time(times, "high", header.encounter_end or header.effective_time, "encounter_end" if empty else None)
    _professional(_e(encounter, "responsibleParty"), "assignedEntity", header.encounter_responsible)
    _cd(_e(_e(encounter, "location"), "healthCareFacility"), "code", header.facility_type)


def _absent(value: object) -> bool:
    """Whether *value* is a time the document gave no element for."""
    return isinstance(value, UnknownTime) and value.null_flavor is None


def _realm(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "realmCode", {"code": "FR"})


def _type_id(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "typeId", {"root": C.TYPE_ID_ROOT, "extension": C.TYPE_ID_EXTENSION})


def _id(root: El, document: Document, spec: DocumentSpec) -> None:
    _ii(root, "id", document.header.id)


def _title(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "title", text=document.header.title or spec.title)


def _effective_time(root: El, document: Document, spec: DocumentSpec) -> None:
    _ts(root, "effectiveTime", document.header.effective_time)


def _confidentiality(root: El, document: Document, spec: DocumentSpec) -> None:
    check_confidentiality(document.header.confidentiality)
    _cd(root, "confidentialityCode", document.header.confidentiality)


def _language(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "languageCode", {"code": "fr-FR"})


def _set_id(root: El, document: Document, spec: DocumentSpec) -> None:
    _ii(root, "setId", document.header.set_id)


def _version(root: El, document: Document, spec: DocumentSpec) -> None:
    _e(root, "versionNumber", {"value": str(document.header.version)})


def _record_target(root: El, document: Document, spec: DocumentSpec) -> None:
    _patient(root, document.header.patient)


def _emergency_contact(root: El, document: Document, spec: DocumentSpec) -> None:
    _related(root, document.header.emergency_contact, "ECON")


def _trusted_person(root: El, document: Document, spec: DocumentSpec) -> None:
    _related(root, document.header.trusted_person, "NOK")


def _extra(root: El, document: Document, spec: DocumentSpec) -> None:
    for extra in document.header.extra:
        raw(root, extra.xml)


def _at(value: object) -> object:
    """A time as it is written: its instant and its UTC offset (a day: itself)."""
    return (value, value.utcoffset()) if isinstance(value, dt.datetime) else value


@attrs.frozen
class _Part:
    """A part of the header: its name (``_header_parts``), its writer, and the values it writes.

    Two headers whose values are equal write the same part: an edited header keeps the part as read.
    ``versioned`` parts (the templateIds and the code) depend on the document's model version instead.
    """

    name: str
    write: Callable[[El, Document, DocumentSpec], None]
    values: Callable[[Header, DocumentSpec], tuple[object, ...]] = lambda header, spec: ()
    versioned: bool = False


# in the order of the CDA schema (C.CLINICAL_DOCUMENT_ORDER)
_PARTS: Final = (
    _Part("realmCode", _realm),
    _Part("typeId", _type_id),
    _Part("templateId", _templates, versioned=True),
    _Part("id", _id, lambda h, s: (h.id,)),
    _Part("code", _code, versioned=True),
    _Part("title", _title, lambda h, s: (h.title or s.title,)),
    _Part("effectiveTime", _effective_time, lambda h, s: (_at(h.effective_time),)),
    _Part("confidentialityCode", _confidentiality, lambda h, s: (h.confidentiality,)),
    _Part("languageCode", _language),
    _Part("setId", _set_id, lambda h, s: (h.set_id,)),
    _Part("versionNumber", _version, lambda h, s: (h.version,)),
    _Part("recordTarget", _record_target, lambda h, s: (h.patient,)),
    _Part("author", _author, lambda h, s: (h.author, _at(h.author_time or h.effective_time))),
    _Part("emergency_contact", _emergency_contact, lambda h, s: (h.emergency_contact,)),
    _Part("trusted_person", _trusted_person, lambda h, s: (h.trusted_person,)),
    _Part("custodian", _custodian, lambda h, s: (h.custodian,)),
    _Part(
        "legalAuthenticator",
        _legal,
        lambda h, s: (h.legal_authenticator, _at(h.signature_time or h.effective_time)),
    ),
    _Part(
        "attending_physician",
        _attending,
        lambda h, s: (h.attending_physician, _at(h.attending_since or h.effective_time)),
    ),
    _Part(
        "documentationOf",
        _service_event,
        lambda h, s: (_at(h.service_start or h.effective_time), _at(h.service_end), h.service_performer),
    ),
    _Part(
        "componentOf",
        _encounter,
        lambda h, s: (
            _at(h.encounter_start),
            _at(h.encounter_end or h.effective_time),
            h.encounter_responsible,
            h.facility_type,
        ),
    ),
    _Part(EXTRA, _extra, lambda h, s: (h.extra,)),
)


def write_header(root: El, document: Document) -> str:
    """Write the header of *document* as children of *root*; return the prolog to write before the root."""
    spec = DOCUMENTS[document.kind]
    origin = document.header.origin
    if origin is None:
        for part in _PARTS:
            part.write(root, document, spec)
        _in_schema_order(root)
        return ""
    kept = parse_xml(origin.xml.encode("utf-8")).getroot()
    _keep_root_attributes(root, kept)
    _merge(root, document, spec, kept)
    return "".join(raw_text(node) + "\n" for node in reversed(list(kept.itersiblings(preceding=True))))


def _changed(document: Document, spec: DocumentSpec, kept: etree._Element) -> set[str]:
    """The parts of the header that the model no longer says as they were read."""
    header = document.header
    snapshot = header.origin.snapshot if header.origin is not None else None
    if not isinstance(snapshot, Header):  # an origin made by hand, without what was read: regenerate it all
        return {part.name for part in _PARTS}
    volet = next((t for t in kept.iterchildren(f"{{{C.HL7}}}templateId") if t.get("root") == document.kind.value), None)
    read_version = None if volet is None else volet.get("extension")
    if is_unchanged(header) and document.model_version == read_version:
        return set()
    same_version = document.model_version == read_version
    return {
        part.name
        for part in _PARTS
        if not (same_version if part.versioned else part.values(header, spec) == part.values(snapshot, spec))
    }


def _merge(root: El, document: Document, spec: DocumentSpec, kept: etree._Element) -> None:
    """The kept header with its changed parts regenerated in place (new parts go where the schema puts them)."""
    changed = _changed(document, spec, kept)
    parts = classify(kept)
    part_of = {element: name for name, elements in parts.items() for element in elements}
    written: set[str] = set()
    by_name = {part.name: part for part in _PARTS}
    for node in kept:
        name = part_of.get(node)
        if name is None:  # a comment or a processing instruction
            root.children.append(Node("", raw=raw_text(node)))
        elif name not in changed:
            raw(root, raw_text(node))
        elif name not in written:
            by_name[name].write(root, document, spec)
            written.add(name)
    for part in _PARTS:
        if part.name in changed and part.name not in parts:
            part.write(root, document, spec)
    _in_schema_order(root)


def _in_schema_order(root: El) -> None:
    """Sort the root's children in the order of the CDA schema (stable; a comment goes with the element after it)."""
    ranks: list[int] = []
    following = len(_ORDER) + 1
    for node in reversed(root.children):
        if node.name:
            following = _ORDER.get(node.name, len(_ORDER))
        ranks.append(following)
    ranks.reverse()
    order = sorted(range(len(root.children)), key=ranks.__getitem__)
    root.children[:] = [root.children[index] for index in order]


def _keep_root_attributes(root: El, kept: etree._Element) -> None:
    """The root element's own attributes as read (xsi:schemaLocation, classCode...), with their namespaces."""
    root.attrib = {**(root.attrib or {}), **attributes(kept)}
