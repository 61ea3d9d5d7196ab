"""Identity rules: the patient's INS and its traits, national ids of professionals and organisations.

The INS key is checked here although the official kit does not check it: a document that carries
a wrong INS would be filed under another patient (stricter rule). Sources: ANS *Référentiel INS*
and *Guide d'implémentation de l'INS*, CI-SIS structuration minimale (traits), DOMAIN.md §2.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from lxml import etree

from dmpcore import oids
from dmpcore.errors import InvalidIdentifier, mask
from dmpcore.identity import parse_ins, parse_national_id
from dmpcore.validation._context import NS, V3, Document, text_of
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._report import Severity

__all__: list[str] = []

_INS_REF: Final = "ANS Référentiel INS; Guide d'implémentation de l'INS (key 97 - NIR mod 97)"
_STRUCMIN: Final = "CI-SIS Structuration minimale (ASIP-STRUCT-MIN-StrucMin.sch)"
_NATIONAL: Final = (oids.NATIONAL_PROFESSIONAL_ID, oids.NATIONAL_ORGANISATION_ID)


def _patient_ids(document: Document) -> list[tuple[str, str, etree._Element]]:
    return [
        (element.get("root", ""), element.get("extension", ""), element)
        for element in document.root.iterfind("cda:recordTarget/cda:patientRole/cda:id", NS)
    ]


@rule(
    "ID-INS-001",
    category="identity",
    summary="An INS patient id (NIR or NIA root) has 15 characters and a valid key (stricter than the kit).",
    reference=_INS_REF,
    stricter=True,
)
def _ins_key(document: Document) -> Iterator[Finding]:
    for element in document.root.iterfind("cda:recordTarget/cda:patientRole/cda:id", NS):
        root = element.get("root", "")
        if root not in oids.INS_ROOTS:
            continue
        value = element.get("extension", "")
        try:
            parse_ins(value, root)
        except InvalidIdentifier as error:
            yield Finding(
                fr=f"INS invalide ({error.code}) : {mask(value)}",
                en=f"invalid INS ({error.code}): {mask(value)}",
                element=element,
            )


_PATIENT: Final = "cda:recordTarget/cda:patientRole/cda:patient"
#: (test from the document's root, French, English): the INS traits, as the structuration minimale tests
#: their presence (assert "Dans le cadre de l'INS, les traits de l'INS ... sont obligatoires")
_INS_TRAITS: Final = (
    (f"{_PATIENT}/cda:name/cda:family[@qualifier='BR']", "le nom de naissance (family qualifier BR)",
     "the birth family name (family qualifier BR)"),
    (f"{_PATIENT}/cda:name/cda:given[@qualifier='BR']", "le premier prénom de naissance (given qualifier BR)",
     "the first birth given name (given qualifier BR)"),
    (f"{_PATIENT}/cda:name/cda:given[not(@qualifier)]", "les prénoms de l'acte de naissance (given sans qualifier)",
     "the given names of the birth certificate (given without qualifier)"),
    (f"{_PATIENT}/cda:birthTime", "la date de naissance", "the birth date"),
    (f"{_PATIENT}/cda:birthplace/cda:place/cda:addr/cda:county", "le lieu de naissance (code COG, birthplace/place/"
     "addr/county)", "the birthplace (COG code, birthplace/place/addr/county)"),
    (f"{_PATIENT}/cda:administrativeGenderCode[@code]", "le sexe administratif", "the administrative gender"),
)  # fmt: skip
#: (test, French, English): traits that are present but say nothing
_EMPTY_TRAITS: Final = (
    (f"{_PATIENT}/cda:name/cda:family[@qualifier='BR']", "le nom de naissance", "the birth family name"),
    (f"{_PATIENT}/cda:name/cda:given[@qualifier='BR']", "le premier prénom de naissance", "the first birth given name"),
    (f"{_PATIENT}/cda:birthplace/cda:place/cda:addr/cda:county", "le lieu de naissance", "the birthplace"),
)


def _traits_required(document: Document) -> bool:
    """As the kit: an INS root among the patient ids, or no patient id with an extension at all."""
    ids = _patient_ids(document)
    return any(root in oids.INS_ROOTS for root, _, _ in ids) or all(e.get("extension") is None for _, _, e in ids)


@rule(
    "ID-INS-002",
    category="identity",
    summary="When a patient id is an INS (or when no patient id has an extension), the INS traits are present: "
    "birth family name and first birth given name (qualifier BR), the given names without qualifier, birthTime, "
    "the birthplace's county (COG code) and administrativeGenderCode/@code, as the kit tests their presence.",
    reference=_STRUCMIN + " (Dans le cadre de l'INS, les traits de l'INS ... sont obligatoires); DOMAIN.md §2",
)
def _ins_traits(document: Document) -> Iterator[Finding]:
    if not _traits_required(document):
        return
    patient = document.first(_PATIENT)
    for path, fr, en in _INS_TRAITS:
        if not document.xpath(path):
            yield Finding(fr=f"trait INS absent : {fr}", en=f"INS trait missing: {en}", element=patient)


@rule(
    "ID-INS-003",
    category="identity",
    summary="The INS traits say something: the birth family name, the first birth given name and the birthplace "
    "are not empty or blank (the kit tests their presence only).",
    reference=_INS_REF + "; " + _STRUCMIN,
    stricter=True,
)
def _ins_traits_not_empty(document: Document) -> Iterator[Finding]:
    if not _traits_required(document):
        return
    for path, fr, en in _EMPTY_TRAITS:
        found = document.xpath(path)
        if found and not any(text_of(element) for element in found):
            yield Finding(fr=f"trait INS vide : {fr}", en=f"INS trait empty: {en}", element=found[0])


@rule(
    "ID-NAT-001",
    category="identity",
    severity=Severity.WARNING,
    summary="National ids of professionals (1.2.250.1.71.4.2.1: 8+RPPS with its Luhn key, 0+ADELI) and "
    "organisations (1.2.250.1.71.4.2.2: 1+FINESS, 2+SIREN, 3+SIRET, 4+RPPS-rang) are well formed.",
    reference="ANS Annuaire santé; CI-SIS structuration minimale (identifiants nationaux); DOMAIN.md §2",
    stricter=True,
)
def _national_ids(document: Document) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for element in document.root.iter(f"{{{V3}}}id"):
        root, extension = element.get("root", ""), element.get("extension", "")
        if root not in _NATIONAL or (root, extension) in seen:
            continue
        seen.add((root, extension))
        try:
            parse_national_id(root, extension)
        except InvalidIdentifier as error:
            yield Finding(
                fr=f"identifiant national mal formé ({error.code}) : {mask(extension)}",
                en=f"malformed national id ({error.code}): {mask(extension)}",
                element=element,
            )


@rule(
    "ID-CUS-001",
    category="identity",
    summary="The custodian's id root is 1.2.250.1.71.4.2.2 (national organisation id) or 1.2.250.1.213.4.1.",
    reference=_STRUCMIN,
)
def _custodian_root(document: Document) -> Iterator[Finding]:
    path = "cda:custodian/cda:assignedCustodian/cda:representedCustodianOrganization/cda:id"
    for element in document.root.iterfind(path, NS):
        if element.get("root") not in oids.CUSTODIAN_ROOTS:
            roots = " or ".join(sorted(oids.CUSTODIAN_ROOTS))
            yield Finding(
                fr=f"la racine de l'identifiant du dépositaire doit être {roots.replace(' or ', ' ou ')}",
                en=f"the custodian id root must be {roots}",
                element=element,
            )
