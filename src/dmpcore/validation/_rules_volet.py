"""Volet rules of the DLU family: document type, codes, sections, cardinalities and value sets.

Every rule reads the :mod:`~dmpcore.validation._volets` tables, so a new volet is data. Sources:
the volet schematrons of the ANS kit, ``CI-SIS_DLU-EHPAD-DLU_2022.01.sch`` (and FLUDT, FLUDR,
FT-SU, FR-SU), their ``Entete_*.sch`` includes and their ``JDV_*.sch`` value-set patterns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from lxml import etree

from dmpcore.validation._context import NS, Document
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._valuesets import coded_findings
from dmpcore.validation._volets import (
    ANY_CODE_WITH_TWO_TEMPLATES,
    ENTRY_FIXED_CODES,
    FAMILY_BINDINGS,
    KIT_SECTION_CODES,
    KNOWN_SECTION_CODES,
    SECTIONS_REQUIRING_ENTRIES,
    VOLETS,
    SectionSpec,
)

__all__: list[str] = []

_VOLET_SCH: Final = "CI-SIS volet schematron (CI-SIS_<volet>.sch)"
_ENTETE: Final = "CI-SIS volet header schematron (Entete_<volet>.sch)"
_XSI_TYPE: Final = "{http://www.w3.org/2001/XMLSchema-instance}type"


@rule(
    "DLU-DOC-001",
    category="volet",
    summary="The header declares the templateId of a DLU-family volet (DLU, FLUDT, FLUDR, FT-SU, FR-SU).",
    reference=_ENTETE,
)
def _known_volet(document: Document) -> Iterator[Finding]:
    if document.volet is None:
        known = ", ".join(f"{v.template_id} ({v.name})" for v in VOLETS.values())
        yield Finding(
            fr=f"aucun templateId de volet de la famille DLU dans l'en-tête ; attendu l'un de {known}",
            en=f"no DLU-family volet templateId in the header; expected one of {known}",
            element=document.root,
        )


@rule("DLU-DOC-002", category="volet", summary="The document code is the volet's LOINC code.", reference=_ENTETE)
def _document_code(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    code = document.root.find("cda:code", NS)
    if code is None or code.get("code") != volet.code or code.get("codeSystem") != volet.code_system:
        yield Finding(
            fr=f"le code du document {volet.name} doit être {volet.code} du système {volet.code_system}",
            en=f"the code of a {volet.name} document must be {volet.code} in code system {volet.code_system}",
            element=code if code is not None else document.root,
        )


@rule(
    "DLU-DOC-003",
    category="volet",
    summary="documentationOf/serviceEvent/code is the volet's act code, and its effectiveTime has no nullFlavor.",
    reference=_ENTETE,
)
def _service_event_code(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    code = document.root.find("cda:documentationOf/cda:serviceEvent/cda:code", NS)
    if code is None or code.get("code") != volet.service_event_code:
        yield Finding(
            fr=f"serviceEvent/code doit être {volet.service_event_code} pour le volet {volet.name}",
            en=f"serviceEvent/code must be {volet.service_event_code} in volet {volet.name}",
            element=code if code is not None else document.root,
        )
    for time in document.xpath("cda:documentationOf/cda:serviceEvent/cda:effectiveTime"):
        low = time.find("cda:low", NS)
        if time.get("nullFlavor") or (low is not None and low.get("nullFlavor")):
            yield Finding(
                fr="la date de début de l'acte (serviceEvent/effectiveTime) ne peut pas être un nullFlavor",
                en="the start of the act (serviceEvent/effectiveTime) cannot be a nullFlavor",
                element=time,
            )


@rule(
    "DLU-DOC-004",
    category="volet",
    summary="DLU: the médecin traitant is a participant with typeCode INF and functionCode PCP.",
    reference="Entete_DLU-DLU.sch",
)
def _pcp(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None or not volet.requires_pcp_participant:
        return
    if not document.xpath("cda:participant[@typeCode='INF']"):
        yield Finding(
            fr="le médecin traitant doit être un participant de typeCode 'INF'",
            en="the médecin traitant must be a participant with typeCode 'INF'",
            element=document.root,
        )
    if not document.xpath("cda:participant/cda:functionCode[@code='PCP']"):
        yield Finding(
            fr="le participant médecin traitant doit avoir functionCode 'PCP'",
            en="the médecin traitant participant must have functionCode 'PCP'",
            element=document.root,
        )


def _count(document: Document, spec: SectionSpec) -> list[etree._Element]:
    index = document.sections_by_template
    return [section for template_id in spec.template_ids for section in index.get(template_id, ())]


@rule(
    "DLU-SEC-001",
    category="volet",
    summary="Every required section of the volet is present (cardinality 1..n).",
    reference=_VOLET_SCH,
)
def _required_sections(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    for spec in volet.sections:
        if spec.min and len(_count(document, spec)) < spec.min:
            yield Finding(
                fr=f"la section « {spec.name_fr} » ({spec.template_ids[0]}) est requise [{spec.min}..{spec.max}]",
                en=f"section '{spec.name_en}' ({spec.template_ids[0]}) is required [{spec.min}..{spec.max}]",
                element=document.root,
            )


@rule(
    "DLU-SEC-002",
    category="volet",
    summary="No section appears more often than its cardinality allows.",
    reference=_VOLET_SCH,
)
def _repeated_sections(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    for spec in volet.sections:
        found = _count(document, spec)
        if len(found) > spec.max:
            yield Finding(
                fr=f"la section « {spec.name_fr} » apparaît {len(found)} fois ; au plus {spec.max}",
                en=f"section '{spec.name_en}' appears {len(found)} times; at most {spec.max}",
                element=found[spec.max],
            )


def _kit_code_problem(section: etree._Element) -> tuple[str, str | None] | None:
    """The (code, code system) the kit requires of *section* and that it lacks, or None.

    As the kit's section schematrons test it (:data:`KIT_SECTION_CODES`): the code and the code system
    separately, for each templateId of the section, the code of an active-problems section with two
    templateIds or more excepted.
    """
    code = section.find("cda:code", NS)
    templates = [template.get("root", "") for template in section.iterfind("cda:templateId", NS)]
    for root in templates:
        expected = KIT_SECTION_CODES.get(root)
        if expected is None:
            continue
        any_code = root in ANY_CODE_WITH_TWO_TEMPLATES and len(templates) >= 2
        wrong_code = code is None or (code.get("code") != expected[0] and not any_code)
        if wrong_code or (expected[1] is not None and code is not None and code.get("codeSystem") != expected[1]):
            return expected
    return None


def _known_code_problem(section: etree._Element) -> tuple[str, str] | None:
    """The (code, code system) the volet tables give *section* (its first known templateId) and that it lacks."""
    code = section.find("cda:code", NS)
    for template in section.iterfind("cda:templateId", NS):
        expected = KNOWN_SECTION_CODES.get(template.get("root", ""))
        if expected is not None:
            return None if code is not None and (code.get("code"), code.get("codeSystem")) == expected else expected
    return None


def _section_code_finding(section: etree._Element, expected: tuple[str, str | None]) -> Finding:
    code = section.find("cda:code", NS)
    template = section.find("cda:templateId", NS)
    title = str(
        section.findtext("cda:title", namespaces=NS) or (template.get("root", "") if template is not None else "")
    )
    title = title[:60]
    fr, en = (f" du système {expected[1]}", f" in code system {expected[1]}") if expected[1] else ("", "")
    return Finding(
        fr=f"la section « {title} » doit avoir le code {expected[0]}{fr}",
        en=f"section '{title}' must have code {expected[0]}{en}",
        element=code if code is not None else section,
    )


@rule(
    "DLU-SEC-003",
    category="volet",
    summary="Each section carries the code and code system its IHE PCC or CI-SIS section template requires, as "
    "the kit's section schematrons check them.",
    reference="IHE PCC and CI-SIS section schematrons (include/sections/S_*.sch, active in profils/IHE.sch, "
    "CI-SIS_ModelesDeContenusCDA.sch, CI-SIS_Modeles_ANS.sch)",
)
def _section_codes(document: Document) -> Iterator[Finding]:
    if document.volet is None:
        return
    for section in document.xpath(".//cda:section"):
        expected = _kit_code_problem(section)
        if expected is not None:
            yield _section_code_finding(section, expected)


@rule(
    "DLU-SEC-005",
    category="volet",
    summary="Each section of a volet carries the code and code system of the volet's table, also where the kit "
    "does not check them (an active-problems section with two templateIds, the persons-informed and "
    "documents-given sections of the 2025 sheets, CI-SIS section templates without their IHE template).",
    reference="CI-SIS volets (DLU-EHPAD 2022.01, DLU-FT-SU and DLU-FR-SU 2025.01: section codes); IHE PCC",
    stricter=True,
)
def _volet_section_codes(document: Document) -> Iterator[Finding]:
    if document.volet is None:
        return
    for section in document.xpath(".//cda:section"):
        expected = _known_code_problem(section)
        if expected is not None and _kit_code_problem(section) is None:  # else DLU-SEC-003 reports it
            yield _section_code_finding(section, expected)


@rule(
    "DLU-ENT-001",
    category="volet",
    summary="The entries a volet constrains carry the codes it requires (transfer reason, persons informed, "
    "physical functions...).",
    reference="CI-SIS volet section schematrons (include/specificationsVolets/<volet>/Sections/S_*.sch)",
)
def _entry_codes(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    for constraint in volet.entry_codes:
        wanted = " | ".join(constraint.codes)
        for section in document.xpath(f".//cda:section[cda:templateId/@root='{constraint.section}']"):
            entries = document.xpath(constraint.entry, section)
            codes = [entry.find("cda:code", NS) for entry in entries]
            if constraint.mode == "each":
                for entry, code in zip(entries, codes, strict=True):
                    if code is None or code.get("code") not in constraint.codes:
                        yield Finding(
                            fr=f"l'entrée « {constraint.what} » doit avoir le code {wanted}",
                            en=f"the entry '{constraint.what}' must have code {wanted}",
                            element=code if code is not None else entry,
                        )
            elif not any(code is not None and code.get("code") in constraint.codes for code in codes):
                yield Finding(
                    fr=f"la section doit contenir une entrée « {constraint.what} » de code {wanted}",
                    en=f"the section must hold an entry '{constraint.what}' with code {wanted}",
                    element=section,
                )


@rule(
    "DLU-DOC-005",
    category="volet",
    summary="FT-SU: componentOf/encompassingEncounter/code, when present, is EMER.",
    reference="Entete_DLU-FT-SU.sch",
)
def _encounter_code(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None or volet.encounter_code is None:
        return
    code = document.root.find("cda:componentOf/cda:encompassingEncounter/cda:code", NS)
    if code is not None and code.get("code") != volet.encounter_code:
        yield Finding(
            fr=f"componentOf/encompassingEncounter/code doit valoir {volet.encounter_code}",
            en=f"componentOf/encompassingEncounter/code must be {volet.encounter_code}",
            element=code,
        )


@rule(
    "DLU-VS-001",
    category="volet",
    summary="Coded values bound to a volet or content-model value set (check-list, patient state, prostheses, "
    "advance directive type, immunization code and route, vital sign) belong to it.",
    reference="CI-SIS volet value-set patterns (include/jeuxDeValeurs/<volet>/JDV_*.sch, abstract/dansJeuDeValeurs)",
)
def _bindings(document: Document) -> Iterator[Finding]:
    volet = document.volet
    if volet is None:
        return
    for binding in (*volet.bindings, *FAMILY_BINDINGS):
        for element in document.xpath(binding.xpath):
            xsi_type = element.get(_XSI_TYPE, "")
            if xsi_type and xsi_type.rpartition(":")[2] not in ("CD", "CE"):
                continue  # the kit checks only CD and CE values
            yield from coded_findings(
                element, what=binding.what, value_set=binding.value_set, null_flavor=binding.null_flavor
            )


@rule(
    "DLU-SEC-004",
    category="volet",
    summary="Sections whose IHE PCC or CI-SIS template requires entries (treatments, problems, allergies, "
    "vaccinations, event outcomes, attached documents...) hold at least one entry.",
    reference="IHE PCC and CI-SIS section schematrons (include/sections/S_*.sch)",
)
def _sections_with_entries(document: Document) -> Iterator[Finding]:
    if document.volet is None:
        return
    for section in document.xpath(".//cda:section[not(cda:entry)]"):
        for template in section.iterfind("cda:templateId", NS):
            required = SECTIONS_REQUIRING_ENTRIES.get(template.get("root", ""))
            if required is not None:
                yield Finding(
                    fr=f"la section « {required[0]} » doit contenir au moins une entrée ({required[1]})",
                    en=f"section '{required[0]}' must hold at least one entry ({required[1]})",
                    element=section,
                )
                break


@rule(
    "DLU-ENT-002",
    category="volet",
    summary="Entries whose template fixes their code (vital signs organizer 85353-1, disposition 11302-7) carry it.",
    reference="CI-SIS content-model schematrons (include/entrees/E_vitalSignsOrganizer_fr.sch, E_disposition_fr.sch)",
)
def _fixed_entry_codes(document: Document) -> Iterator[Finding]:
    if document.volet is None:
        return
    for template_id, (code_value, system, name) in ENTRY_FIXED_CODES.items():
        for entry in document.elements_by_template.get(template_id, ()):
            code = entry.find("cda:code", NS)
            if code is None or code.get("code") != code_value or (system and code.get("codeSystem") != system):
                where = f" ({system})" if system else ""
                yield Finding(
                    fr=f"l'entrée {name} doit avoir le code {code_value}{where}",
                    en=f"entry {name} must have code {code_value}{where}",
                    element=code if code is not None else entry,
                )
