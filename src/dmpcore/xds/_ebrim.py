"""METADATA.XML of an XDM package: an ebRIM 3.0 SubmitObjectsRequest (IHE ITI TF-3 §4.2, ITI TF-2b §3.32).

One SubmissionSet (RegistryPackage), one DocumentEntry (ExtrinsicObject) and their HasMember
Association. Written with lxml; read back only through :func:`dmpcore.cda.parse_xml`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import attrs
from lxml import etree

from dmpcore.cda import parse_xml
from dmpcore.codes import Code
from dmpcore.xds import constants as c
from dmpcore.xds._errors import MetadataError
from dmpcore.xds._hl7v2 import (
    from_coded,
    from_cx,
    from_xcn,
    from_xon,
    patient_info_from_values,
    patient_info_values,
    to_coded,
    to_cx,
    to_xcn,
    to_xon,
)
from dmpcore.xds._model import Author, DocumentEntry

__all__ = ["Submission", "read_metadata", "write_metadata"]

_LCM = f"{{{c.NS_LCM}}}"
_RIM = f"{{{c.NS_RIM}}}"
_NSMAP = {"lcm": c.NS_LCM, "rim": c.NS_RIM}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DE = c.DOCUMENT_ENTRY
_SS = c.SUBMISSION_SET


@attrs.frozen(kw_only=True)
class Submission:
    """The SubmissionSet of one package: when, which set (an OID) and which source system (an OID).

    :meth:`new` fills them for now; give them explicitly for a reproducible, byte-identical package.
    The default ``source_id`` is a ``2.25`` OID (ISO/IEC 9834-8, UUID-based, no registration needed)
    derived from the first author's institution, so it stays the same for every deposit of one
    organisation.
    """

    time: datetime
    unique_id: str
    source_id: str

    @classmethod
    def new(cls, entry: DocumentEntry, *, time: datetime | None = None) -> Submission:
        """A fresh submission of *entry* at *time* (default now, UTC)."""
        institution = next((i for a in entry.authors for i in a.institutions if i.id is not None), None)
        origin = f"{institution.id.root}^{institution.id.extension}" if institution and institution.id else ""
        return cls(
            time=time or datetime.now(UTC),
            unique_id=f"2.25.{uuid.uuid4().int}",
            source_id=f"2.25.{uuid.uuid5(uuid.NAMESPACE_OID, origin or entry.unique_id).int}",
        )

    @property
    def xds_time(self) -> str:
        """The submission time as an XDS DTM in UTC."""
        moment = self.time if self.time.tzinfo else self.time.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def _urn(submission: Submission, what: str) -> str:
    # ebRIM ids derived from the submission: the same submission writes the same METADATA.XML
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_OID, f'{submission.unique_id}/{what}')}"


def _slot(parent: etree._Element, name: str, values: Iterable[str]) -> None:
    values = [v for v in values if v]
    if not values:
        return
    slot = etree.SubElement(parent, f"{_RIM}Slot", name=name)
    value_list = etree.SubElement(slot, f"{_RIM}ValueList")
    for value in values:
        etree.SubElement(value_list, f"{_RIM}Value").text = value


def _name(parent: etree._Element, text: str | None) -> None:
    if text:
        name = etree.SubElement(parent, f"{_RIM}Name")
        etree.SubElement(name, f"{_RIM}LocalizedString", {_XML_LANG: "fr-FR", "charset": "UTF-8", "value": text})


def _classification(parent: etree._Element, scheme: str, object_id: str, ident: str, code: Code) -> None:
    element = etree.SubElement(
        parent,
        f"{_RIM}Classification",
        id=ident,
        classificationScheme=scheme,
        classifiedObject=object_id,
        nodeRepresentation=code.code,
    )
    _slot(element, "codingScheme", [code.code_system])
    _name(element, code.display or code.code)


def _external_id(parent: etree._Element, scheme: str, object_id: str, ident: str, value: str, label: str) -> None:
    element = etree.SubElement(
        parent,
        f"{_RIM}ExternalIdentifier",
        id=ident,
        identificationScheme=scheme,
        registryObject=object_id,
        value=value,
    )
    _name(element, label)


def _author(parent: etree._Element, scheme: str, object_id: str, ident: str, author: Author) -> None:
    element = etree.SubElement(
        parent, f"{_RIM}Classification", id=ident, classificationScheme=scheme, classifiedObject=object_id
    )
    element.set("nodeRepresentation", "")
    _slot(element, "authorPerson", [to_xcn(author.person)] if author.person else [])
    _slot(element, "authorInstitution", [to_xon(i) for i in author.institutions])
    _slot(element, "authorRole", [to_coded(r) for r in author.roles])
    _slot(element, "authorSpecialty", [to_coded(s) for s in author.specialties])


def _document_entry(parent: etree._Element, entry: DocumentEntry, doc_id: str, uri: str, sub: Submission) -> None:
    eo = etree.SubElement(
        parent,
        f"{_RIM}ExtrinsicObject",
        id=doc_id,
        mimeType=entry.mime_type,
        objectType=_DE.object_type,
        status=c.STATUS_APPROVED,
    )
    _slot(eo, "creationTime", [entry.creation_time])
    _slot(eo, "hash", [entry.hash])
    _slot(eo, "languageCode", [entry.language_code])
    if entry.legal_authenticator is not None:
        _slot(eo, "legalAuthenticator", [to_xcn(entry.legal_authenticator)])
    _slot(eo, "serviceStartTime", [entry.service_start_time or ""])
    _slot(eo, "serviceStopTime", [entry.service_stop_time or ""])
    _slot(eo, "size", [str(entry.size)])
    _slot(eo, "sourcePatientId", [to_cx(entry.source_patient_id)])
    _slot(eo, "sourcePatientInfo", patient_info_values(entry.source_patient_info))
    _slot(eo, "URI", [uri])
    _name(eo, entry.title)
    for n, author in enumerate(entry.authors):
        _author(eo, _DE.author, doc_id, _urn(sub, f"doc/author/{n}"), author)
    coded = [
        (_DE.class_code, "class", [entry.class_code]),
        (_DE.confidentiality_code, "confidentiality", list(entry.confidentiality_codes)),
        (_DE.event_code, "event", list(entry.event_codes)),
        (_DE.format_code, "format", [entry.format_code]),
        (_DE.healthcare_facility_type_code, "facility", [entry.healthcare_facility_type_code]),
        (_DE.practice_setting_code, "practice", [entry.practice_setting_code]),
        (_DE.type_code, "type", [entry.type_code]),
    ]
    for scheme, what, codes in coded:
        for n, code in enumerate(codes):
            _classification(eo, scheme, doc_id, _urn(sub, f"doc/{what}/{n}"), code)
    patient = to_cx(entry.patient_id)
    _external_id(eo, _DE.patient_id, doc_id, _urn(sub, "doc/patientId"), patient, "XDSDocumentEntry.patientId")
    _external_id(eo, _DE.unique_id, doc_id, _urn(sub, "doc/uniqueId"), entry.unique_id, "XDSDocumentEntry.uniqueId")


def _submission_set(parent: etree._Element, entry: DocumentEntry, set_id: str, sub: Submission) -> None:
    rp = etree.SubElement(parent, f"{_RIM}RegistryPackage", id=set_id, status=c.STATUS_APPROVED)
    _slot(rp, "submissionTime", [sub.xds_time])
    _name(rp, entry.title)
    if entry.authors:
        _author(rp, _SS.author, set_id, _urn(sub, "set/author"), entry.authors[0])
    # French extension: the submission set's contentTypeCode is the healthcare facility type (JDV_J02)
    facility = entry.healthcare_facility_type_code
    _classification(rp, _SS.content_type_code, set_id, _urn(sub, "set/contentType"), facility)
    patient = to_cx(entry.patient_id)
    _external_id(rp, _SS.patient_id, set_id, _urn(sub, "set/patientId"), patient, "XDSSubmissionSet.patientId")
    _external_id(rp, _SS.source_id, set_id, _urn(sub, "set/sourceId"), sub.source_id, "XDSSubmissionSet.sourceId")
    _external_id(rp, _SS.unique_id, set_id, _urn(sub, "set/uniqueId"), sub.unique_id, "XDSSubmissionSet.uniqueId")


def write_metadata(entry: DocumentEntry, *, uri: str, submission: Submission) -> bytes:
    """The METADATA.XML bytes (UTF-8) submitting *entry*, whose document is the file *uri*."""
    request = etree.Element(f"{_LCM}SubmitObjectsRequest", nsmap=_NSMAP)
    objects = etree.SubElement(request, f"{_RIM}RegistryObjectList")
    set_id, doc_id = _urn(submission, "set"), _urn(submission, "doc")
    _submission_set(objects, entry, set_id, submission)
    etree.SubElement(
        objects,
        f"{_RIM}Classification",
        id=_urn(submission, "set/node"),
        classifiedObject=set_id,
        classificationNode=_SS.classification_node,
    )
    _document_entry(objects, entry, doc_id, uri, submission)
    association = etree.SubElement(
        objects,
        f"{_RIM}Association",
        id=_urn(submission, "association"),
        associationType=c.ASSOCIATION_HAS_MEMBER,
        sourceObject=set_id,
        targetObject=doc_id,
    )
    _slot(association, "SubmissionSetStatus", ["Original"])
    return etree.tostring(request, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading ---------------------------------------------------------------------------------------


def _slots(element: etree._Element) -> dict[str, list[str]]:
    return {
        slot.get("name", ""): [v.text or "" for v in slot.iterfind(f"{_RIM}ValueList/{_RIM}Value")]
        for slot in element.iterfind(f"{_RIM}Slot")
    }


def _one(slots: dict[str, list[str]], name: str, *, required: bool = True) -> str | None:
    values = slots.get(name, [])
    if len(values) > 1 or (required and not values):
        raise MetadataError(f"METADATA.XML: expected exactly one {name}, got {len(values)}", code="xds.ebrim")
    return values[0] if values else None


def _localized(element: etree._Element) -> str | None:
    found = element.find(f"{_RIM}Name/{_RIM}LocalizedString")
    return found.get("value") if found is not None else None


def _codes_of(eo: etree._Element, scheme: str) -> list[Code]:
    codes = []
    for element in eo.iterfind(f"{_RIM}Classification[@classificationScheme='{scheme}']"):
        system = _one(_slots(element), "codingScheme")
        code = element.get("nodeRepresentation", "")
        # a code without display is written with its code as Name (XDS requires a Name): read it back as None
        display = _localized(element)
        codes.append(Code(code=code, code_system=system or "", display=None if display == code else display))
    return codes


def _single(eo: etree._Element, scheme: str, what: str) -> Code:
    codes = _codes_of(eo, scheme)
    if len(codes) != 1:
        raise MetadataError(f"METADATA.XML: expected exactly one {what}, got {len(codes)}", code="xds.ebrim")
    return codes[0]


def _external(eo: etree._Element, scheme: str, what: str) -> str:
    found = eo.findall(f"{_RIM}ExternalIdentifier[@identificationScheme='{scheme}']")
    if len(found) != 1 or not found[0].get("value"):
        raise MetadataError(f"METADATA.XML: expected exactly one {what}", code="xds.ebrim")
    return found[0].get("value", "")


def _authors_of(eo: etree._Element) -> tuple[Author, ...]:
    authors = []
    for element in eo.iterfind(f"{_RIM}Classification[@classificationScheme='{_DE.author}']"):
        slots = _slots(element)
        person = _one(slots, "authorPerson", required=False)
        authors.append(
            Author(
                person=from_xcn(person) if person else None,
                institutions=tuple(from_xon(v) for v in slots.get("authorInstitution", [])),
                roles=tuple(from_coded(v) for v in slots.get("authorRole", [])),
                specialties=tuple(from_coded(v) for v in slots.get("authorSpecialty", [])),
            )
        )
    return tuple(authors)


def _find_submission_set(objects: etree._Element) -> etree._Element:
    """The one RegistryPackage classified as a SubmissionSet (IHE ITI TF-3 §4.2.1), by a Classification
    of the RegistryObjectList or one inside the package; failing that, the one RegistryPackage that
    carries an XDSSubmissionSet.uniqueId (the layout of the ANS 2021 examples)."""
    node = f"[@classificationNode='{_SS.classification_node}']"
    classified = {element.get("classifiedObject") for element in objects.iterfind(f"{_RIM}Classification{node}")}
    packages = list(objects.iterfind(f"{_RIM}RegistryPackage"))
    sets = [
        package
        for package in packages
        if package.get("id") in classified or package.find(f"{_RIM}Classification{node}") is not None
    ]
    if not sets:
        # The ANS 2021 XDM examples leave their one RegistryPackage unclassified but give it the
        # XDSSubmissionSet.uniqueId: read that layout too, as the packages of software built on them do.
        unique_id = f"{_RIM}ExternalIdentifier[@identificationScheme='{_SS.unique_id}']"
        sets = [package for package in packages if package.find(unique_id) is not None]
    if len(sets) != 1 or not sets[0].get("id"):
        raise MetadataError(
            f"METADATA.XML: expected one RegistryPackage classified as a SubmissionSet "
            f"({_SS.classification_node}) or, with none classified, one carrying an XDSSubmissionSet.uniqueId; "
            f"got {len(sets)}",
            code="xds.submission_set",
        )
    return sets[0]


def _check_membership(objects: etree._Element, set_id: str, entry_id: str) -> None:
    """The SubmissionSet must hold the DocumentEntry by a HasMember association (IHE ITI TF-3 §4.2.2)."""
    for association in objects.iterfind(f"{_RIM}Association[@associationType='{c.ASSOCIATION_HAS_MEMBER}']"):
        if (association.get("sourceObject"), association.get("targetObject")) == (set_id, entry_id):
            return
    raise MetadataError(
        "METADATA.XML: no HasMember association from the SubmissionSet to the DocumentEntry", code="xds.association"
    )


def _document_entry_element(objects: etree._Element) -> etree._Element:
    entries = objects.findall(f"{_RIM}ExtrinsicObject[@objectType='{_DE.object_type}']")
    if len(entries) != 1 or not entries[0].get("id"):
        raise MetadataError(f"METADATA.XML: expected one DocumentEntry, got {len(entries)}", code="xds.ebrim")
    return entries[0]


def read_metadata(data: bytes) -> tuple[DocumentEntry, str]:
    """The DocumentEntry and document URI of a METADATA.XML submitting exactly one stable DocumentEntry.

    ITI-32 carries one SubmissionSet: a RegistryPackage classified as such (or, when no package is
    classified, the one that carries an XDSSubmissionSet.uniqueId, as in the ANS 2021 examples), holding
    the DocumentEntry by a HasMember association, for the same patient (its patientId is the
    DocumentEntry's). Anything else raises :class:`MetadataError` (``xds.ebrim``,
    ``xds.submission_set``, ``xds.association``, ``xds.patient_mismatch``).
    """
    root = parse_xml(data).getroot()
    objects = root.find(f"{_RIM}RegistryObjectList")
    if root.tag != f"{_LCM}SubmitObjectsRequest" or objects is None:
        raise MetadataError("METADATA.XML is not an ebRIM 3.0 SubmitObjectsRequest", code="xds.ebrim")
    eo = _document_entry_element(objects)
    submission_set = _find_submission_set(objects)
    _check_membership(objects, submission_set.get("id", ""), eo.get("id", ""))
    entry, uri = _entry_of(eo)
    set_patient = from_cx(_external(submission_set, _SS.patient_id, "XDSSubmissionSet.patientId"))
    if set_patient != entry.patient_id:  # the values are patient data: not in the message
        raise MetadataError(
            "METADATA.XML: the SubmissionSet's patientId is not the DocumentEntry's", code="xds.patient_mismatch"
        )
    return entry, uri


def _entry_of(eo: etree._Element) -> tuple[DocumentEntry, str]:
    slots = _slots(eo)
    legal = _one(slots, "legalAuthenticator", required=False)
    size = _one(slots, "size") or ""
    if not size.isdigit():
        raise MetadataError("METADATA.XML: size must be a number of bytes", code="xds.ebrim")
    entry = DocumentEntry(
        unique_id=_external(eo, _DE.unique_id, "XDSDocumentEntry.uniqueId"),
        title=_localized(eo) or "",
        type_code=_single(eo, _DE.type_code, "typeCode"),
        class_code=_single(eo, _DE.class_code, "classCode"),
        format_code=_single(eo, _DE.format_code, "formatCode"),
        confidentiality_codes=tuple(_codes_of(eo, _DE.confidentiality_code)),
        event_codes=tuple(_codes_of(eo, _DE.event_code)),
        healthcare_facility_type_code=_single(eo, _DE.healthcare_facility_type_code, "healthcareFacilityTypeCode"),
        practice_setting_code=_single(eo, _DE.practice_setting_code, "practiceSettingCode"),
        patient_id=from_cx(_external(eo, _DE.patient_id, "XDSDocumentEntry.patientId")),
        source_patient_id=from_cx(_one(slots, "sourcePatientId") or ""),
        source_patient_info=patient_info_from_values(slots.get("sourcePatientInfo", [])),
        authors=_authors_of(eo),
        legal_authenticator=from_xcn(legal) if legal else None,
        creation_time=_one(slots, "creationTime") or "",
        service_start_time=_one(slots, "serviceStartTime", required=False),
        service_stop_time=_one(slots, "serviceStopTime", required=False),
        language_code=_one(slots, "languageCode") or "",
        mime_type=eo.get("mimeType", ""),
        hash=(_one(slots, "hash") or "").lower(),
        size=int(size),
    )
    return entry, _one(slots, "URI") or ""
