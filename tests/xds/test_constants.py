"""The XDS codes of dmpcore.xds.constants are those of the official kit's value sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.cda import parse_xml
from dmpcore.xds import constants as c

SVS = {"svs": "urn:ihe:iti:svs:2008"}


def _concepts(kit_dir: Path, name: str) -> set[tuple[str, str]]:
    tree = parse_xml(kit_dir / "jeuxDeValeurs" / name)
    return {(e.get("code", ""), e.get("codeSystem", "")) for e in tree.iterfind(".//svs:Concept", SVS)}


@pytest.mark.kit
def test_type_codes_are_in_jdv_j07(kit_dir: Path) -> None:
    j07 = _concepts(kit_dir, "JDV_J07_XdsTypeCode_CISIS.xml")
    for model in c.DLU_FAMILY.values():
        assert (model.type_code.code, model.type_code.code_system) in j07, model.name


@pytest.mark.kit
def test_practice_settings_and_facility_codes_use_the_kit_systems(kit_dir: Path) -> None:
    j04 = _concepts(kit_dir, "JDV_J04_XdsPracticeSettingCode_CISIS.xml")
    j02 = _concepts(kit_dir, "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml")
    assert ("ESSMS", c.PRACTICE_SETTING_SYSTEM) in j04
    assert {("SA16", c.FACILITY_TYPE_SYSTEM), ("SA17", c.FACILITY_TYPE_SYSTEM), ("SA41", c.FACILITY_TYPE_SYSTEM)} <= j02


@pytest.mark.kit
def test_every_model_has_its_template_in_the_kit_examples(examples_dir: Path) -> None:
    found = set()
    for path in examples_dir.glob("DLU-*.xml"):
        roots = {e.get("root") for e in parse_xml(path).getroot().iterfind("{urn:hl7-org:v3}templateId")}
        found |= roots & set(c.DLU_FAMILY)
    assert found == set(c.DLU_FAMILY)


def test_unpublished_format_codes_are_the_2025_models_only() -> None:
    """DOMAIN.md §5: FT-SU and FR-SU formatCodes are not published yet; the three 2022 ones are."""
    unpublished = {m.name for m in c.DLU_FAMILY.values() if m.format_code is None}
    assert unpublished == {"DLU-FT-SU", "DLU-FR-SU"}
    assert all(m.format_code.code_system == c.FORMAT_CODE_SYSTEM for m in c.DLU_FAMILY.values() if m.format_code)


def test_no_model_carries_the_wrong_2021_type_code() -> None:
    """The 2021 XDM examples carry typeCode 34133-9: DOMAIN.md §5 says it is wrong."""
    assert all(m.type_code.code != "34133-9" for m in c.DLU_FAMILY.values())
