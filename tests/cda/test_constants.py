"""The hand-written constants of the CDA layer are facts of the official kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.cda import _constants as C
from dmpcore.cda import parse_xml

HL7 = "{urn:hl7-org:v3}"
TEMPLATES = [name for name in dir(C) if name.startswith("T_")]
CODES = [name for name in dir(C) if name.startswith("CODE_")]


@pytest.fixture(scope="module")
def example(examples_dir: Path) -> object:
    return parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()


@pytest.mark.kit
@pytest.mark.parametrize("name", TEMPLATES)
def test_entry_templates_are_declared_together_in_the_official_example(example: object, name: str) -> None:
    """Each tuple of templateIds is the list an element of the official DLU example declares (in order)."""
    expected = getattr(C, name)
    expected = expected if isinstance(expected, tuple) else (expected,)
    found = set()
    for element in example.iter():  # type: ignore[attr-defined]
        roots = tuple(t.get("root") for t in element.findall(HL7 + "templateId"))
        if roots:
            found.add(roots)
    assert any(roots[: len(expected)] == expected or roots == expected for roots in found), name


@pytest.mark.kit
@pytest.mark.parametrize("name", CODES)
def test_fixed_codes_are_used_by_the_official_example(example: object, name: str) -> None:
    code, system, _ = getattr(C, name)
    pairs = {(e.get("code"), e.get("codeSystem")) for e in example.iter() if isinstance(e.tag, str)}  # type: ignore[attr-defined]
    assert (code, system) in pairs, name


@pytest.mark.kit
def test_code_systems_and_header_roots_match_the_example(example: object) -> None:
    root = example
    templates = [t.get("root") for t in root.findall(HL7 + "templateId")]  # type: ignore[attr-defined]
    assert templates[:2] == [C.HL7_FRANCE_TEMPLATE, C.CI_SIS_TEMPLATE]
    type_id = root.find(HL7 + "typeId")  # type: ignore[attr-defined]
    assert (type_id.get("root"), type_id.get("extension")) == (C.TYPE_ID_ROOT, C.TYPE_ID_EXTENSION)
    systems = {e.get("codeSystem") for e in root.iter() if isinstance(e.tag, str)}  # type: ignore[attr-defined]
    for system in (C.LOINC, C.SNOMED, C.CIM10, C.CIM11, C.CIS, C.ATC, C.TRE_CHECKLIST, C.TRE_FACILITY_TYPE):
        assert system in systems
