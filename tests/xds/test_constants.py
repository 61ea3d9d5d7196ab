"""The XDS codes of dmpcore.xds.constants are those of the official kit's value sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.cda import parse_xml
from dmpcore.codes import Code
from dmpcore.valuesets import value_set
from dmpcore.visibility import HL7_CONFIDENTIALITY, Restriction
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


def test_the_family_agrees_with_the_dlu_registry_and_the_validation_volets() -> None:
    """The DLU family is kept by dlu (DOCUMENTS), validation (VOLETS) and xds: the three must say the same."""
    from dmpcore.dlu import DOCUMENTS
    from dmpcore.validation._volets import VOLETS

    assert set(c.DLU_FAMILY) == {kind.value for kind in DOCUMENTS} == set(VOLETS)
    for template_id, model in c.DLU_FAMILY.items():
        volet = VOLETS[template_id]
        assert f"{model.name}_{model.version}" == volet.name
        assert (model.type_code.code, model.type_code.code_system) == (volet.code, volet.code_system)
        assert model.service_event_code == volet.service_event_code


@pytest.mark.parametrize(
    ("value_set_name", "code", "system"),
    [
        # DOMAIN.md §5: healthcareFacilityTypeCode SA16, SA17, SA41 (JDV_J02, TRE_R02)
        ("J02", "SA16", c.FACILITY_TYPE_SYSTEM),
        ("J02", "SA17", c.FACILITY_TYPE_SYSTEM),
        ("J02", "SA41", c.FACILITY_TYPE_SYSTEM),
        # practiceSettingCode ESSMS, ETABLISSEMENT (JDV_J04, TRE_A00)
        ("J04", "ESSMS", c.PRACTICE_SETTING_SYSTEM),
        ("J04", "ETABLISSEMENT", c.PRACTICE_SETTING_SYSTEM),
        # classCode 11 has no shipped value set; typeCodes of the family (JDV_J07, LOINC)
        ("J07", "74207-2", c.LOINC),
        ("J07", "78341-5", c.LOINC),
        ("J07", "60280-5", c.LOINC),
    ],
)
def test_the_codes_of_domain_5_are_in_their_value_sets(value_set_name: str, code: str, system: str) -> None:
    assert Code(code=code, code_system=system) in value_set(value_set_name)


def test_the_type_codes_are_in_j07() -> None:
    j07 = value_set("J07")
    assert all(model.type_code in j07 for model in c.DLU_FAMILY.values())


@pytest.mark.parametrize("restriction", list(Restriction), ids=lambda r: r.code)
def test_j08_holds_the_three_dmp_restrictions_only(restriction: Restriction) -> None:
    """JDV_J08: N, R, V, MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX; no MASQUE_PSOCIAL, MASQUE_PT."""
    in_j08 = restriction.to_code() in value_set("J08")
    assert in_j08 == (restriction not in {Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT})


def test_j08_holds_the_hl7_codes() -> None:
    assert all(code in value_set("J08") for code in HL7_CONFIDENTIALITY.values())
