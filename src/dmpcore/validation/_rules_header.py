"""Header rules: the CI-SIS *structuration minimale* subset that the DLU family uses (DOMAIN.md §5).

Source of every rule: ANS, CI-SIS *Volet Structuration minimale des documents de santé*, as the
schematron ``profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch`` of the kit checks it, and
the CDA R2 schema (``CDA_extended.xsd``) for the required elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from lxml import etree

from dmpcore import oids
from dmpcore.validation._context import NS, V3, XML_SPACE, Document, text_of
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._report import Severity
from dmpcore.validation._valuesets import coded_findings, is_member

__all__: list[str] = []

_STRUCMIN: Final = "CI-SIS Structuration minimale (ASIP-STRUCT-MIN-StrucMin.sch)"
_CDA: Final = "HL7 CDA R2 (CDA_extended.xsd)"
_CONF_SYSTEM: Final = oids.CONFIDENTIALITY_HL7
_CONF_CODES: Final = frozenset({"N", "R", "V"})
_LANGUAGE: Final = re.compile(r"[a-z]{2}-[A-Z]{2}")  # as the kit tests it: matches(@code, '[a-z]{2}-[A-Z]{2}')
_GENDER_CODES: Final = frozenset({"M", "F", "UN"})  # HL7 AdministrativeGender as in the kit (UN, not U)
_J02: Final = "1.2.250.1.213.1.1.5.466"  # JDV_J02_XdsHealthcareFacilityTypeCode_CISIS
_J47: Final = "1.2.250.1.213.1.1.5.124"  # JDV_J47_FunctionCode_CISIS
_HEADER_TEMPLATES: Final = (("2.16.840.1.113883.2.8.2.1", "HL7 France"), ("1.2.250.1.213.1.1.1.1", "CI-SIS"))
# HL7 v3 TS: YYYY[MM[DD[HH[MM[SS[.S+]]]]]] with an optional UTC offset (datatypes-base.xsd, type ts).
_TS: Final = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d+)?([+-]\d{4})?$")


def _missing(what: str, quoi: str, element: etree._Element | None = None) -> Finding:
    return Finding(fr=f"{quoi} est absent(e)", en=f"{what} is missing", element=element)


def _child(document: Document, path: str) -> etree._Element | None:
    return document.root.find(path, NS)


@rule("HDR-001", category="header", summary="The root element is cda:ClinicalDocument.", reference=_CDA)
def _root_element(document: Document) -> Iterator[Finding]:
    if document.root.tag != f"{{{V3}}}ClinicalDocument":
        yield Finding(
            fr=f"l'élément racine doit être ClinicalDocument de l'espace urn:hl7-org:v3, pas {document.root.tag[:80]}",
            en=f"the root element must be ClinicalDocument in urn:hl7-org:v3, not {document.root.tag[:80]}",
            element=document.root,
        )


def _fixed(document: Document, path: str, expected: dict[str, str], fr: str, en: str) -> Iterator[Finding]:
    element = _child(document, path)
    if element is None:
        yield _missing(en, fr, document.root)
        return
    wrong = {name: element.get(name) for name, value in expected.items() if element.get(name) != value}
    if wrong:
        want = ", ".join(f"@{k}='{v}'" for k, v in expected.items())
        got = ", ".join(f"@{k}={v!r:.40}" for k, v in wrong.items())
        yield Finding(
            fr=f"{fr} doit avoir {want} (trouvé {got})", en=f"{en} must have {want} (got {got})", element=element
        )


@rule("HDR-002", category="header", summary="realmCode is FR.", reference=_STRUCMIN)
def _realm(document: Document) -> Iterator[Finding]:
    yield from _fixed(document, "cda:realmCode", {"code": "FR"}, "realmCode", "realmCode")


@rule("HDR-003", category="header", summary="typeId is 2.16.840.1.113883.1.3 / POCD_HD000040.", reference=_CDA)
def _type_id(document: Document) -> Iterator[Finding]:
    expected = {"root": "2.16.840.1.113883.1.3", "extension": "POCD_HD000040"}
    yield from _fixed(document, "cda:typeId", expected, "typeId", "typeId")


@rule(
    "HDR-004",
    category="header",
    summary="The header templateIds of HL7 France (2.16.840.1.113883.2.8.2.1) and CI-SIS (1.2.250.1.213.1.1.1.1).",
    reference=_STRUCMIN,
)
def _header_templates(document: Document) -> Iterator[Finding]:
    for root, name in _HEADER_TEMPLATES:
        if root not in document.template_ids:
            yield Finding(
                fr=f"le templateId {root} ({name}) de l'en-tête est absent",
                en=f"the header templateId {root} ({name}) is missing",
                element=document.root,
            )


def _required(document: Document, path: str, attributes: tuple[str, ...], fr: str, en: str) -> Iterator[Finding]:
    element = _child(document, path)
    if element is None:
        yield _missing(en, fr, document.root)
        return
    absent = [name for name in attributes if not (element.get(name) or "").strip(XML_SPACE)]
    if absent:
        names = ", ".join(f"@{name}" for name in absent)
        yield Finding(fr=f"{fr} : {names} absent(s)", en=f"{en}: {names} missing", element=element)


@rule("HDR-005", category="header", summary="The document id has a root.", reference=_STRUCMIN)
def _document_id(document: Document) -> Iterator[Finding]:
    yield from _required(document, "cda:id", ("root",), "l'identifiant du document (id)", "the document id")


@rule("HDR-006", category="header", summary="The document code has code, codeSystem, displayName.", reference=_STRUCMIN)
def _document_code(document: Document) -> Iterator[Finding]:
    attributes = ("code", "codeSystem", "displayName")
    yield from _required(document, "cda:code", attributes, "le code du document", "the document code")


@rule("HDR-007", category="header", summary="The title is present and not empty.", reference=_STRUCMIN)
def _title(document: Document) -> Iterator[Finding]:
    title = _child(document, "cda:title")
    if title is None or not text_of(title):
        yield _missing("the document title", "le titre du document", title if title is not None else document.root)


@rule("HDR-008", category="header", summary="effectiveTime (the document date) is present.", reference=_STRUCMIN)
def _effective_time(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:effectiveTime")
    if element is None or not element.get("value"):
        yield _missing("the document date (effectiveTime/@value)", "la date du document (effectiveTime/@value)")


@rule(
    "HDR-021",
    category="header",
    severity=Severity.WARNING,
    summary="The document date is precise to the second, with its UTC offset (recommended; the kit accepts less).",
    reference=_STRUCMIN + " (guide: date and time of the document with its time zone)",
    stricter=True,
)
def _effective_time_precision(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:effectiveTime")
    if element is None or not element.get("value"):
        return
    match = _TS.match(element.get("value", ""))
    if match is not None and (match.group(6) is None or match.group(8) is None):
        yield Finding(
            fr="la date du document devrait être précise à la seconde avec le décalage horaire (AAAAMMJJhhmmss+zzzz)",
            en="the document date should be precise to the second with its UTC offset (YYYYMMDDhhmmss+zzzz)",
            element=element,
        )


@rule(
    "HDR-009",
    category="header",
    summary="confidentialityCode is N, R or V (HL7 x_BasicConfidentialityKind) with a displayName.",
    reference=_STRUCMIN + " (value set 2.16.840.1.113883.1.11.16926)",
)
def _confidentiality(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:confidentialityCode")
    if element is None:
        yield _missing("confidentialityCode", "confidentialityCode", document.root)
    elif element.get("code") not in _CONF_CODES or not element.get("displayName"):
        yield Finding(
            fr="confidentialityCode doit avoir @code N, R ou V et un @displayName",
            en="confidentialityCode must have @code N, R or V and a @displayName",
            element=element,
        )


@rule(
    "HDR-022",
    category="header",
    summary="confidentialityCode is in code system 2.16.840.1.113883.5.25 (the kit checks the code only).",
    reference="HL7 v3 Confidentiality code system; CI-SIS structuration minimale",
    stricter=True,
)
def _confidentiality_system(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:confidentialityCode")
    if element is not None and element.get("code") in _CONF_CODES and element.get("codeSystem") != _CONF_SYSTEM:
        yield Finding(
            fr=f"confidentialityCode doit être du système {_CONF_SYSTEM}",
            en=f"confidentialityCode must be in code system {_CONF_SYSTEM}",
            element=element,
        )


@rule("HDR-010", category="header", summary="languageCode is a language-COUNTRY code (ll-CC).", reference=_STRUCMIN)
def _language(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:languageCode")
    if element is None:
        yield _missing("languageCode", "languageCode", document.root)
    elif not _LANGUAGE.search(element.get("code", "")):
        yield Finding(
            fr="languageCode doit avoir la forme langue-PAYS (fr-FR)",
            en="languageCode must have the form language-COUNTRY (fr-FR)",
            element=element,
        )


@rule(
    "HDR-023",
    category="header",
    severity=Severity.WARNING,
    summary="languageCode is fr-FR for a document of the French DMP.",
    reference=_STRUCMIN + "; DOMAIN.md §5",
    stricter=True,
)
def _language_french(document: Document) -> Iterator[Finding]:
    element = _child(document, "cda:languageCode")
    if element is not None and _LANGUAGE.search(element.get("code", "")) and element.get("code") != "fr-FR":
        yield Finding(fr="languageCode devrait être fr-FR", en="languageCode should be fr-FR", element=element)


@rule("HDR-011", category="header", summary="setId and versionNumber are present.", reference=_STRUCMIN)
def _version(document: Document) -> Iterator[Finding]:
    yield from _required(document, "cda:setId", ("root",), "setId", "setId")
    yield from _required(document, "cda:versionNumber", ("value",), "versionNumber", "versionNumber")


@rule(
    "HDR-012",
    category="header",
    summary="Exactly one recordTarget whose patient has a birthTime and no race, religion or ethnic group.",
    reference=_STRUCMIN,
)
def _record_target(document: Document) -> Iterator[Finding]:
    targets = document.root.findall("cda:recordTarget", NS)
    if len(targets) != 1:
        yield Finding(
            fr=f"le document doit avoir exactement un recordTarget (trouvé {len(targets)})",
            en=f"the document must have exactly one recordTarget (got {len(targets)})",
            element=document.root,
        )
        return
    patient = targets[0].find("cda:patientRole/cda:patient", NS)
    if patient is None:
        yield _missing("recordTarget/patientRole/patient", "recordTarget/patientRole/patient", targets[0])
        return
    if patient.find("cda:birthTime", NS) is None:
        yield _missing("the patient's birthTime", "la date de naissance du patient (birthTime)", patient)
    for forbidden in ("raceCode", "ethnicGroupCode", "religiousAffiliationCode"):
        element = patient.find(f"cda:{forbidden}", NS)
        if element is not None:
            yield Finding(
                fr=f"l'élément {forbidden} est interdit en France",
                en=f"{forbidden} is forbidden in France",
                element=element,
            )


@rule(
    "HDR-013",
    category="header",
    summary="The patient's administrativeGenderCode is M, F or UN (2.16.840.1.113883.5.1).",
    reference=_STRUCMIN,
)
def _gender(document: Document) -> Iterator[Finding]:
    for element in document.root.iterfind(
        "cda:recordTarget/cda:patientRole/cda:patient/cda:administrativeGenderCode", NS
    ):
        if element.get("code") not in _GENDER_CODES or element.get("codeSystem") != oids.ADMINISTRATIVE_GENDER:
            yield Finding(
                fr=f"le sexe administratif doit être M, F ou UN du système {oids.ADMINISTRATIVE_GENDER}",
                en=f"the administrative gender must be M, F or UN in code system {oids.ADMINISTRATIVE_GENDER}",
                element=element,
            )


@rule(
    "HDR-014",
    category="header",
    summary="At least one author, each with a time that has a @value (not only a nullFlavor) and an assignedAuthor id.",
    reference=_STRUCMIN + " (CI-SIS author: attribute @value SHALL be present)",
)
def _authors(document: Document) -> Iterator[Finding]:
    authors = document.root.findall("cda:author", NS)
    if not authors:
        yield _missing("the author", "l'auteur (author)", document.root)
    for author in authors:
        yield from _time_value(author, "author/time")
        if author.find("cda:assignedAuthor/cda:id", NS) is None:
            yield _missing("author/assignedAuthor/id", "author/assignedAuthor/id", author)


def _time_value(parent: etree._Element, what: str) -> Iterator[Finding]:
    """*parent*/time is present with a @value: the kit refuses a time that is only a nullFlavor."""
    time = parent.find("cda:time", NS)
    if time is None:
        yield _missing(what, what, parent)
    elif not (time.get("value") or "").strip(XML_SPACE):
        yield Finding(
            fr=f"{what} doit avoir un @value (un nullFlavor seul ne suffit pas)",
            en=f"{what} must have a @value (a nullFlavor alone is not enough)",
            element=time,
        )


@rule(
    "HDR-015",
    category="header",
    summary="One custodian with an organisation id.",
    reference=_STRUCMIN,
)
def _custodian(document: Document) -> Iterator[Finding]:
    organisation = _child(document, "cda:custodian/cda:assignedCustodian/cda:representedCustodianOrganization")
    if organisation is None:
        yield _missing("custodian/assignedCustodian/representedCustodianOrganization", "le dépositaire (custodian)")
        return
    if organisation.find("cda:id", NS) is None:
        yield _missing("the custodian's id", "l'identifiant du dépositaire", organisation)


@rule(
    "HDR-024",
    category="header",
    severity=Severity.WARNING,
    summary="The custodian organisation has a name.",
    reference=_STRUCMIN,
    stricter=True,
)
def _custodian_name(document: Document) -> Iterator[Finding]:
    organisation = _child(document, "cda:custodian/cda:assignedCustodian/cda:representedCustodianOrganization")
    if organisation is not None and organisation.find("cda:name", NS) is None:
        yield _missing("the custodian's name", "le nom du dépositaire", organisation)


@rule(
    "HDR-016",
    category="header",
    summary="A legalAuthenticator with a time that has a @value (not only a nullFlavor), signatureCode S and "
    "an assignedEntity id.",
    reference=_STRUCMIN + " (CI-SIS legalAuthenticator: attribute @value SHALL be present)",
)
def _legal_authenticator(document: Document) -> Iterator[Finding]:
    authenticator = _child(document, "cda:legalAuthenticator")
    if authenticator is None:
        yield _missing("legalAuthenticator", "le responsable (legalAuthenticator)", document.root)
        return
    yield from _time_value(authenticator, "legalAuthenticator/time")
    signature = authenticator.find("cda:signatureCode", NS)
    if signature is None or signature.get("code") != "S":
        yield Finding(
            fr="legalAuthenticator/signatureCode doit avoir @code='S'",
            en="legalAuthenticator/signatureCode must have @code='S'",
            element=signature if signature is not None else authenticator,
        )
    if authenticator.find("cda:assignedEntity/cda:id", NS) is None:
        yield _missing("legalAuthenticator/assignedEntity/id", "legalAuthenticator/assignedEntity/id", authenticator)


@rule(
    "HDR-017",
    category="header",
    summary="documentationOf/serviceEvent has an effectiveTime and exactly one performer with "
    "representedOrganization/standardIndustryClassCode.",
    reference=_STRUCMIN,
)
def _service_event(document: Document) -> Iterator[Finding]:
    event = _child(document, "cda:documentationOf/cda:serviceEvent")
    if event is None:
        yield _missing("documentationOf/serviceEvent", "documentationOf/serviceEvent", document.root)
        return
    if event.find("cda:effectiveTime", NS) is None:
        yield _missing("serviceEvent/effectiveTime", "serviceEvent/effectiveTime", event)
    performers = event.findall("cda:performer", NS)
    if len(performers) != 1:
        yield Finding(
            fr=f"serviceEvent doit avoir exactement un performer (trouvé {len(performers)})",
            en=f"serviceEvent must have exactly one performer (got {len(performers)})",
            element=event,
        )
    for performer in performers:
        path = "cda:assignedEntity/cda:representedOrganization/cda:standardIndustryClassCode"
        if performer.find(path, NS) is None:
            yield _missing(
                "performer/assignedEntity/representedOrganization/standardIndustryClassCode",
                "le secteur d'activité (standardIndustryClassCode) du performer",
                performer,
            )


@rule(
    "HDR-018",
    category="header",
    summary="componentOf/encompassingEncounter/location/healthCareFacility/code is present, not a nullFlavor, "
    "with code, codeSystem and displayName, its code from JDV_J02.",
    reference=_STRUCMIN + " (CI-SIS componentOf); JDV_J02_XdsHealthcareFacilityTypeCode_CISIS",
)
def _facility(document: Document) -> Iterator[Finding]:
    encounter = _child(document, "cda:componentOf/cda:encompassingEncounter")
    if encounter is None:
        yield _missing("componentOf/encompassingEncounter", "componentOf/encompassingEncounter", document.root)
        return
    code = encounter.find("cda:location/cda:healthCareFacility/cda:code", NS)
    if code is None:
        yield _missing(
            "location/healthCareFacility/code", "le type d'établissement (healthCareFacility/code)", encounter
        )
        return
    # the kit tests the code alone against the value set (ART-DECOR conceptList/concept/@code)
    yield from coded_findings(code, what="healthCareFacility/code", value_set=_J02, label="JDV_J02", by_code=True)
    if code.get("nullFlavor") is None and not (code.get("displayName") or "").strip(XML_SPACE):
        yield _missing("healthCareFacility/code/@displayName", "healthCareFacility/code/@displayName", code)


@rule(
    "HDR-020",
    category="header",
    severity=Severity.WARNING,
    summary="A structured body with at least one section.",
    reference=_CDA,
)
def _body(document: Document) -> Iterator[Finding]:
    if document.root.find("cda:component/cda:structuredBody", NS) is not None and not document.sections:
        yield Finding(
            fr="le corps structuré n'a aucune section", en="the structured body has no section", element=document.root
        )


@rule(
    "HDR-025",
    category="header",
    summary="participant/functionCode is from JDV_J47 (functional roles: PCP for the médecin traitant...).",
    reference=_STRUCMIN + " (CI-SIS participant); JDV_J47_FunctionCode_CISIS",
)
def _participant_function(document: Document) -> Iterator[Finding]:
    for code in document.root.iterfind("cda:participant/cda:functionCode", NS):
        # as the kit: "not(@code) or @code in JDV_J47", by code alone (CI-SIS participant)
        if is_member(_J47, code.get("code")) is False:
            yield Finding(
                fr=f"participant/functionCode {code.get('code', '')!r:.20} n'appartient pas au jeu de valeurs JDV_J47",
                en=f"participant/functionCode {code.get('code', '')!r:.20} is not in value set JDV_J47",
                element=code,
            )
