"""The registry's facts (templateIds, LOINC codes, cardinalities) agree with the official kit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dmpcore.cda import parse_xml
from dmpcore.dlu import DOCUMENTS, SECTIONS, DocumentKind

HL7 = "{urn:hl7-org:v3}"


EXAMPLES = {
    DocumentKind.DLU: ("DLU-EHPAD-DLU_2022.01.xml", "CI-SIS_DLU-EHPAD-DLU_2022.01.sch"),
    DocumentKind.FLUDT: ("DLU-EHPAD-FLUDT_2022.01.xml", "CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch"),
    DocumentKind.FLUDR: ("DLU-EHPAD-FLUDR_2022.01.xml", "CI-SIS_DLU-EHPAD-FLUDR_2022.01.sch"),
    DocumentKind.FT_SU: ("DLU-FT-SU_2025.01.xml", "CI-SIS_DLU-FT-SU_2025.01.sch"),
    DocumentKind.FR_SU: ("DLU-FR-SU_2025.01.xml", "CI-SIS_DLU-FR-SU_2025.01.sch"),
}
#: sections the volet schematron does not count with a plain "=1" / "< 2" test
_NOT_COUNTED = {(DocumentKind.DLU, "CARE_PLAN"), (DocumentKind.FR_SU, "DISCHARGE_DIAGNOSIS")}


@pytest.mark.kit
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_section_templates_and_codes_match_the_official_example(examples_dir: Path, kind: DocumentKind) -> None:
    root = parse_xml(examples_dir / EXAMPLES[kind][0]).getroot()
    found = {}
    for section in root.iter(HL7 + "section"):
        templates = tuple(t.get("root") for t in section.findall(HL7 + "templateId"))
        code = section.find(HL7 + "code")
        assert code is not None
        found[templates[-1]] = (templates, code.get("code"), code.get("codeSystem"))
    for use in DOCUMENTS[kind].sections:
        spec = SECTIONS[use.kind]
        assert found[spec.kind.value] == (spec.template_ids, spec.code, spec.code_system), spec.kind


@pytest.mark.kit
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_cardinalities_match_the_volet_schematron(kit_dir: Path, kind: DocumentKind) -> None:
    """CI-SIS_<volet>.sch: '=1' for required sections, '< 2' for optional ones."""
    text = (kit_dir / "schematrons" / EXAMPLES[kind][1]).read_text(encoding="utf-8")
    rules = dict(re.findall(r"templateId\[@root='([\d.]+)'\]\)(=1|&lt; 2)", text))
    for use in DOCUMENTS[kind].sections:
        spec = SECTIONS[use.kind]
        template = next((t for t in spec.template_ids if t in rules), None)
        if template is None:
            assert (kind, use.kind.name) in _NOT_COUNTED
            continue
        assert (rules[template] == "=1") == use.required, use.kind
    assert len(rules) == sum(1 for use in DOCUMENTS[kind].sections if (kind, use.kind.name) not in _NOT_COUNTED)


@pytest.mark.kit
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_document_codes_match_the_official_example(examples_dir: Path, kind: DocumentKind) -> None:
    root = parse_xml(examples_dir / EXAMPLES[kind][0]).getroot()
    spec = DOCUMENTS[kind]
    volet = next(t for t in root.findall(HL7 + "templateId") if t.get("root") == kind.value)
    assert volet.get("extension") == spec.template_extension
    assert root.find(HL7 + "code").get("code") == spec.code  # type: ignore[union-attr]
    event = root.find(f"{HL7}documentationOf/{HL7}serviceEvent/{HL7}code")
    assert event is not None
    assert (event.get("code"), event.get("codeSystem")) == (spec.service_event_code, spec.service_event_system)
    encounter = root.find(f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}code")
    assert encounter is not None
    assert (encounter.get("code"), encounter.get("codeSystem")) == spec.encounter_code[:2]
