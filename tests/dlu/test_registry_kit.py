"""The registry's facts (templateIds, LOINC codes, cardinalities) agree with the official kit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dmpcore.cda import parse_xml
from dmpcore.dlu import DOCUMENTS, SECTIONS, DocumentKind

HL7 = "{urn:hl7-org:v3}"


@pytest.mark.kit
def test_section_templates_and_codes_match_the_official_example(examples_dir: Path) -> None:
    root = parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()
    found = {}
    for section in root.iter(HL7 + "section"):
        templates = tuple(t.get("root") for t in section.findall(HL7 + "templateId"))
        code = section.find(HL7 + "code")
        assert code is not None
        found[templates[-1]] = (templates, code.get("code"))
    for spec in SECTIONS.values():
        assert found[spec.kind.value] == (spec.template_ids, spec.code), spec.kind


@pytest.mark.kit
def test_dlu_cardinalities_match_the_volet_schematron(kit_dir: Path) -> None:
    """CI-SIS_DLU-EHPAD-DLU_2022.01.sch: '=1' for required sections, '< 2' for optional ones."""
    text = (kit_dir / "schematrons" / "CI-SIS_DLU-EHPAD-DLU_2022.01.sch").read_text(encoding="utf-8")
    rules = dict(re.findall(r"templateId\[@root='([\d.]+)'\]\)(=1|&lt; 2)", text))
    for use in DOCUMENTS[DocumentKind.DLU].sections:
        spec = SECTIONS[use.kind]
        template = next((t for t in spec.template_ids if t in rules), None)
        if template is None:  # the palliative-care section is not counted by the volet
            assert not use.required
            continue
        assert (rules[template] == "=1") == use.required, use.kind
