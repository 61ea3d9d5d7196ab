"""The small code lists the validation rules carry are the kit's."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.cda import parse_xml
from dmpcore.validation._valuesets import IMMUNIZATION_CODES, IMMUNIZATION_ROUTES, VITAL_SIGN_CODES, is_member


@pytest.mark.kit
def test_immunization_codes_are_those_of_the_kit(kit_dir: Path) -> None:
    codes: set[str] = set()
    for name in ("jdv-hl7-v3-ActSubstanceAdministrationImmunizationCode-cisis.xml",
                 "jdv-absent-or-unknown-immunization-cisis.xml"):  # fmt: skip
        tree = parse_xml(kit_dir / "jeuxDeValeurs" / name)
        codes |= {e.get("code", "") for e in tree.iter() if str(e.tag).endswith("Concept")}
    assert codes == IMMUNIZATION_CODES


def test_membership_is_unknown_for_an_unknown_value_set() -> None:
    assert is_member("1.2.3.4.5.6.7", "A", "1.2.3") is None
    assert is_member("immunization-code", "IMMUNIZ", "2.16.840.1.113883.5.4") is True
    assert is_member("1.2.250.1.213.1.1.5.466", "SA17", "1.2.250.1.71.4.2.4") is True
    assert is_member("1.2.250.1.213.1.1.5.466", "ZZZ", "1.2.250.1.71.4.2.4") is False


@pytest.mark.kit
def test_the_shipped_cisis_terminology_is_the_kits(kit_dir: Path) -> None:
    from dmpcore.validation._rules_terminology import terminology

    rdf = kit_dir / "schematrons" / "profils" / "terminologies" / "terminologie" / "1.2.250.1.213.1.1.4.322.rdf"
    notation = "{http://www.w3.org/2004/02/skos/core#}notation"
    codes = {(e.text or "").strip() for e in parse_xml(rdf).iter(notation)} - {""}
    assert terminology("1.2.250.1.213.1.1.4.322") == codes
    assert terminology("2.16.840.1.113883.6.1") is None


@pytest.mark.kit
@pytest.mark.parametrize(
    ("name", "pairs"),
    [("jdv-signe-vital-cisis.xml", VITAL_SIGN_CODES), ("jdv-immunization-route-code-cisis.xml", IMMUNIZATION_ROUTES)],
)
def test_the_inline_coded_value_sets_are_those_of_the_kit(kit_dir: Path, name: str, pairs: frozenset[object]) -> None:
    tree = parse_xml(kit_dir / "jeuxDeValeurs" / name)
    concepts = {(e.get("code"), e.get("codeSystem")) for e in tree.iter() if str(e.tag).endswith("}Concept")}
    assert concepts == pairs


def test_an_inline_coded_value_set_checks_code_and_code_system() -> None:
    assert is_member("vital-sign-code", "8867-4", "2.16.840.1.113883.6.1") is True
    assert is_member("vital-sign-code", "8867-4", "2.16.840.1.113883.6.96") is False
    assert is_member("vital-sign-code", "8867-4") is True
    assert is_member("immunization-route", "ZZZ", "0.4.0.127.0.16.1.1.2.1") is False


@pytest.mark.kit
def test_the_shipped_cim10_and_ucum_are_the_kits(kit_dir: Path) -> None:
    from dmpcore.validation._rules_terminology import terminology, ucum_units

    folder = kit_dir / "schematrons" / "profils" / "terminologies" / "terminologie"
    notation = "{http://www.w3.org/2004/02/skos/core#}notation"
    codes = {(e.text or "").strip() for e in parse_xml(folder / "2.16.840.1.113883.6.3.rdf").iter(notation)} - {""}
    assert terminology("2.16.840.1.113883.6.3") == codes
    units = {(e.text or "") for e in parse_xml(folder / "2.16.840.1.113883.6.8.xml").iter("code")} - {""}
    assert ucum_units() == units
