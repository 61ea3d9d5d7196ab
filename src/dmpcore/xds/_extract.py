"""Build the XDS DocumentEntry of a DLU-family CDA from the document itself (DOMAIN.md §5).

Every value is read from the CDA: nothing is typed twice. The table of models, codes and OIDs is in
:mod:`dmpcore.xds.constants`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lxml import etree

from dmpcore import oids
from dmpcore.cda._constants import NS
from dmpcore.codes import Code
from dmpcore.identity import parse_ins
from dmpcore.visibility import Restriction, confidentiality_codes
from dmpcore.xds import constants as c
from dmpcore.xds._errors import MetadataError
from dmpcore.xds._hl7v2 import cda_time_to_xds
from dmpcore.xds._model import (
    Author,
    DocumentEntry,
    Identifier,
    Institution,
    PatientId,
    PatientName,
    Person,
    SourcePatientInfo,
)
from dmpcore.xds._source import DocumentSource, load

__all__ = [
    "custodian_contact",
    "document_entry",
    "entry_from",
    "model_of",
    "model_version",
    "organisation_line",
    "patient_ins",
]

_RECORD = "cda:recordTarget/cda:patientRole"
_PERFORMER_ORG = "cda:documentationOf/cda:serviceEvent/cda:performer/cda:assignedEntity/cda:representedOrganization"
_FACILITY = "cda:componentOf/cda:encompassingEncounter/cda:location/cda:healthCareFacility/cda:code"
_CUSTODIAN = "cda:custodian/cda:assignedCustodian/cda:representedCustodianOrganization"


def _all(node: etree._Element, path: str) -> list[etree._Element]:
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [item for item in found if isinstance(item, etree._Element)]


def _first(node: etree._Element, path: str) -> etree._Element | None:
    found = _all(node, path)
    return found[0] if found else None


def _need(node: etree._Element, path: str) -> etree._Element:
    found = _first(node, path)
    if found is None:
        raise MetadataError(
            f"the CDA has no {path.replace('cda:', '')}, needed for the XDS metadata", code="xds.missing"
        )
    return found


def _attr(node: etree._Element, path: str, name: str) -> str:
    value = _need(node, path).get(name, "").strip()
    if not value:
        where = path.replace("cda:", "")
        raise MetadataError(f"the CDA's {where} has no @{name}, needed for the XDS metadata", code="xds.missing")
    return value


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    text = " ".join("".join(str(part) for part in node.itertext()).split())
    return text or None


def _code(node: etree._Element, path: str) -> Code:
    element = _need(node, path)
    code, system = element.get("code", "").strip(), element.get("codeSystem", "").strip()
    if not code or not system:
        raise MetadataError(f"the CDA's {path.replace('cda:', '')} needs @code and @codeSystem", code="xds.missing")
    return Code(code=code, code_system=system, display=element.get("displayName") or None)


def _codes(node: etree._Element, path: str) -> tuple[Code, ...]:
    return tuple(
        Code(code=e.get("code", ""), code_system=e.get("codeSystem", ""), display=e.get("displayName") or None)
        for e in _all(node, path)
        if e.get("code") and e.get("codeSystem")
    )


def _template_ids(root: etree._Element) -> list[str]:
    return [e.get("root", "") for e in _all(root, "cda:templateId")]


def model_of(root: etree._Element) -> c.CdaModel:
    """The DLU-family model of the CDA *root*, from its templateIds; raises if it is not one."""
    model = c.model_by_template(_template_ids(root))
    if model is None:
        names = ", ".join(f"{m.name} ({m.template_id})" for m in c.DLU_FAMILY.values())
        raise MetadataError(f"not a DLU-family document: expected a templateId of {names}", code="xds.model")
    return model


def model_version(root: etree._Element, model: c.CdaModel) -> str:
    """The extension of the CDA *root*'s templateId of *model* (``""`` when it has none)."""
    for element in _all(root, "cda:templateId"):
        if element.get("root") == model.template_id:
            return element.get("extension", "")
    return ""  # pragma: no cover - model_of found the model by this templateId


def patient_ins(root: etree._Element) -> PatientId:
    """The patient's INS (recordTarget/patientRole/id with an INS root), checked, as a patientId."""
    for element in _all(root, f"{_RECORD}/cda:id"):
        if element.get("root") in oids.INS_ROOTS:
            ins = parse_ins(element.get("extension", ""), element.get("root", ""))
            return PatientId(value=ins.value, root=ins.oid, type_code=c.INS_TYPE_CODE)
    raise MetadataError("the CDA's recordTarget has no INS (id with an INS root)", code="xds.missing")


def _source_patient_id(root: etree._Element, ins: PatientId) -> PatientId:
    for element in _all(root, f"{_RECORD}/cda:id"):
        if element.get("root") not in oids.INS_ROOTS and element.get("extension") and element.get("root"):
            return PatientId(
                value=element.get("extension", ""), root=element.get("root", ""), type_code=c.LOCAL_PATIENT_ID_TYPE_CODE
            )
    return ins


def _first_of(node: etree._Element, *paths: str) -> etree._Element | None:
    for path in paths:
        found = _first(node, path)
        if found is not None:
            return found
    return None


def _names(patient: etree._Element) -> tuple[PatientName, ...]:
    """PID-5: the birth name (``L``, qualifier BR) then the name used (``D``, qualifier CL), INS rules."""
    names: list[PatientName] = []
    for name in _all(patient, "cda:name"):
        birth = _text(_first_of(name, "cda:family[@qualifier='BR']", "cda:family[not(@qualifier)]"))
        birth_given = _text(_first_of(name, "cda:given[@qualifier='BR']", "cda:given[not(@qualifier)]"))
        if birth:
            names.append(PatientName(family=birth, given=birth_given, type_code="L"))
        used = _text(_first(name, "cda:family[@qualifier='CL']"))
        if used:
            used_given = _text(_first(name, "cda:given[@qualifier='CL']")) or birth_given
            names.append(PatientName(family=used, given=used_given, type_code="D"))
    return tuple(names)


def _source_patient_info(root: etree._Element, ins: PatientId, local: PatientId) -> SourcePatientInfo:
    patient = _need(root, f"{_RECORD}/cda:patient")
    birth = _first(patient, "cda:birthTime")
    gender = _first(patient, "cda:administrativeGenderCode")
    ids = (ins,) if local == ins else (ins, local)
    return SourcePatientInfo(
        ids=ids,
        names=_names(patient),
        birth_time=(birth.get("value") or None) if birth is not None else None,
        gender=(gender.get("code") or None) if gender is not None else None,
    )


def _identifier(element: etree._Element | None) -> Identifier | None:
    if element is None or not element.get("root"):
        return None
    return Identifier(root=element.get("root", ""), extension=element.get("extension") or None)


def _person(entity: etree._Element, person_tag: str) -> Person | None:
    name = _first(entity, f"cda:{person_tag}/cda:name")
    identifier = _identifier(_first(entity, "cda:id"))
    if name is None and identifier is None:
        return None
    return Person(
        id=identifier,
        family=_text(_first(name, "cda:family")) if name is not None else None,
        given=_text(_first(name, "cda:given")) if name is not None else None,
        prefix=_text(_first(name, "cda:prefix")) if name is not None else None,
    )


def _institutions(entity: etree._Element) -> tuple[Institution, ...]:
    organisation = _first(entity, "cda:representedOrganization")
    if organisation is None:
        return ()
    name = _text(_first(organisation, "cda:name"))
    if name is None:
        return ()
    return (Institution(name=name, id=_identifier(_first(organisation, "cda:id"))),)


def _printable(text: str, limit: int = 200) -> str:
    # a CDA is outside input: what goes into README.TXT is one line of printable text, bounded
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable())[:limit]


def organisation_line(name: str, identifier: Identifier | None) -> str:
    """``NAME (id root^extension)``: one printable line naming an organisation, for README.TXT."""
    shown = f" (id {identifier.root}{'^' + identifier.extension if identifier.extension else ''})" if identifier else ""
    return _printable(name + shown)


def custodian_contact(root: etree._Element) -> tuple[str, ...]:
    """The contact lines of the organisation that keeps the CDA (its custodian): name and id, telecoms, address.

    For the README.TXT of an XDM package, which gives the contact details of the institution that
    created the media (IHE ITI TF-2b §3.32.4.1). Organisation data only, never the patient's.
    """
    organisation = _first(root, _CUSTODIAN)
    if organisation is None:
        return ()
    name = _text(_first(organisation, "cda:name")) or ""
    lines = [organisation_line(name, _identifier(_first(organisation, "cda:id")))]
    lines += [_printable(e.get("value", "")) for e in _all(organisation, "cda:telecom")]
    lines.append(_printable(_text(_first(organisation, "cda:addr")) or ""))
    return tuple(line for line in lines if line)


def _authors(root: etree._Element) -> tuple[Author, ...]:
    authors = []
    for author in _all(root, "cda:author"):
        entity = _need(author, "cda:assignedAuthor")
        authors.append(
            Author(
                person=_person(entity, "assignedPerson"),
                institutions=_institutions(entity),
                roles=_codes(author, "cda:functionCode"),
                specialties=_codes(entity, "cda:code"),
            )
        )
    if not authors:
        raise MetadataError("the CDA has no author, needed for the XDS metadata", code="xds.missing")
    return tuple(authors)


def _legal_authenticator(root: etree._Element) -> Person | None:
    entity = _first(root, "cda:legalAuthenticator/cda:assignedEntity")
    return _person(entity, "assignedPerson") if entity is not None else None


def _service_time(root: etree._Element, bound: str) -> str | None:
    element = _first(root, f"cda:documentationOf/cda:serviceEvent/cda:effectiveTime/cda:{bound}")
    if element is None or not element.get("value"):
        return None
    return cda_time_to_xds(element.get("value", ""))


def _unique_id(root: etree._Element) -> str:
    doc_id = _need(root, "cda:id")
    id_root, extension = doc_id.get("root", "").strip(), doc_id.get("extension", "").strip()
    if not id_root:
        raise MetadataError("the CDA's id has no @root", code="xds.missing")
    return f"{id_root}^{extension}" if extension else id_root


def _format_code(model: c.CdaModel, format_code: Code | None) -> Code:
    if format_code is not None:
        return format_code
    if model.format_code is None:
        raise MetadataError(
            f"the ANS has not published the XDS formatCode of {model.name} {model.version}: "
            "pass format_code=Code(...) with the code your DMP integration guide gives",
            code="xds.format_code",
        )
    return model.format_code


def document_entry(
    document: DocumentSource,
    *,
    restrictions: Iterable[Restriction] = frozenset(),
    format_code: Code | None = None,
) -> DocumentEntry:
    """The XDS DocumentEntry of the DLU-family CDA *document*, every value read from the CDA.

    *document* is bytes, XML text, a path, an lxml tree (then serialised as UTF-8), or a
    :class:`dmpcore.dlu.Document` (then serialised with :func:`dmpcore.cda.to_cda`; see
    :func:`dmpcore.xds._source.load`). *restrictions* are the DMP visibility restrictions
    (:class:`dmpcore.visibility.Restriction`), appended to the CDA's own HL7 confidentialityCode.
    *format_code* is needed only for models whose formatCode the ANS has not published yet
    (DLU-FT-SU, DLU-FR-SU); for the others it overrides the table, and :func:`check_entry` reports
    a mismatch.

    Raises :class:`~dmpcore.xds.MetadataError` when the document is not of the DLU family or lacks a
    value the metadata needs, and :class:`~dmpcore.errors.CdaParseError` when it is not safe XML.
    """
    data, tree = load(document)
    return entry_from(data, tree, restrictions=restrictions, format_code=format_code)


def entry_from(
    data: bytes,
    tree: etree._ElementTree,
    *,
    restrictions: Iterable[Restriction] = frozenset(),
    format_code: Code | None = None,
) -> DocumentEntry:
    """:func:`document_entry` of a document already loaded: *data* its bytes, *tree* the same bytes parsed."""
    root = tree.getroot()
    model = model_of(root)
    ins = patient_ins(root)
    local = _source_patient_id(root, ins)
    performer = _need(root, _PERFORMER_ORG)
    return DocumentEntry(
        unique_id=_unique_id(root),
        title=_text(_first(root, "cda:title")) or "",
        type_code=_code(root, "cda:code"),
        class_code=c.CLASS_CODE_SYNTHESE,
        format_code=_format_code(model, format_code),
        confidentiality_codes=confidentiality_codes(restrictions, _attr(root, "cda:confidentialityCode", "code")),
        event_codes=_codes(root, "cda:documentationOf/cda:serviceEvent/cda:code"),
        healthcare_facility_type_code=_code(root, _FACILITY),
        practice_setting_code=_code(performer, "cda:standardIndustryClassCode"),
        patient_id=ins,
        source_patient_id=local,
        source_patient_info=_source_patient_info(root, ins, local),
        authors=_authors(root),
        legal_authenticator=_legal_authenticator(root),
        creation_time=cda_time_to_xds(_attr(root, "cda:effectiveTime", "value")),
        service_start_time=_service_time(root, "low"),
        service_stop_time=_service_time(root, "high"),
        language_code=_attr(root, "cda:languageCode", "code"),
        mime_type=c.MIME_TYPE,
        hash=hashlib.sha1(data).hexdigest(),
        size=len(data),
    )
