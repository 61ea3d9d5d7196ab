"""TRE_A07 restrictions and the XDS confidentialityCode list (DOMAIN.md §4.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.cda import parse_xml
from dmpcore.codes import Code
from dmpcore.errors import InputError
from dmpcore.visibility import (
    HL7_CONFIDENTIALITY,
    InvalidConfidentialityCode,
    Restriction,
    confidentiality_codes,
    parse_confidentiality_codes,
)

TRE_A07 = "1.2.250.1.213.1.1.4.13"
HL7 = "2.16.840.1.113883.5.25"
SVS = "{urn:ihe:iti:svs:2008}"


@pytest.mark.parametrize(
    ("restriction", "code", "display"),
    [
        (Restriction.MASQUE_PS, "MASQUE_PS", "Masqué aux professionnels de santé"),
        (Restriction.INVISIBLE_PATIENT, "INVISIBLE_PATIENT", "Non visible par le patient"),
        (
            Restriction.INVISIBLE_REPRESENTANTS_LEGAUX,
            "INVISIBLE_REPRESENTANTS_LEGAUX",
            "Non visible par les représentants légaux du patient",
        ),
        (Restriction.MASQUE_PSOCIAL, "MASQUE_PSOCIAL", "Masqué aux professionnels du domaine social"),
        (Restriction.MASQUE_PT, "MASQUE_PT", "Masqué aux personnes tierces"),
    ],
)
def test_restriction_codes(restriction: Restriction, code: str, display: str) -> None:
    assert (restriction.code, restriction.display, restriction.code_system) == (code, display, TRE_A07)
    assert restriction.to_code() == Code(code=code, code_system=TRE_A07, display=display)


@pytest.mark.kit
def test_codes_match_the_official_value_set(kit_dir: Path) -> None:
    """Every TRE_A07 concept of JDV_J08 is a Restriction with the same display; the HL7 ones are N, R, V."""
    tree = parse_xml(kit_dir / "jeuxDeValeurs" / "JDV_J08_XdsConfidentialityCode_CISIS.xml")
    concepts = {(c.get("codeSystem"), c.get("code")): c.get("displayName") for c in tree.iter(f"{SVS}Concept")}
    dmp = {code: display for (system, code), display in concepts.items() if system == TRE_A07}
    assert dmp == {r.code: r.display for r in Restriction if r.code in dmp}
    assert set(dmp) == {"MASQUE_PS", "INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX"}
    assert {code for (system, code) in concepts if system == HL7} == {"N", "R", "V"}


def test_list_starts_with_the_cda_code() -> None:
    codes = confidentiality_codes([Restriction.INVISIBLE_REPRESENTANTS_LEGAUX, Restriction.MASQUE_PS], cda_code="R")
    assert [(c.code, c.code_system) for c in codes] == [
        ("R", HL7),
        ("MASQUE_PS", TRE_A07),
        ("INVISIBLE_REPRESENTANTS_LEGAUX", TRE_A07),
    ]


def test_no_restriction_gives_the_cda_code_alone() -> None:
    assert confidentiality_codes(frozenset()) == (Code(code="N", code_system=HL7, display="Normal"),)


@pytest.mark.parametrize("bad", ["MASQUE_PS", "n", "", "X", None, 1])
def test_cda_code_must_be_hl7(bad: object) -> None:
    with pytest.raises(InvalidConfidentialityCode) as caught:
        confidentiality_codes((), cda_code=bad)  # type: ignore[arg-type]
    assert caught.value.code == "visibility.cda_confidentiality"
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize("code", ["N", "R", "V"])
def test_cda_code_may_be_a_code_of_the_hl7_set(code: str) -> None:
    """parse_confidentiality_codes reads Codes: confidentiality_codes takes the CDA code as a Code too, its
    code system checked, and emits the canonical HL7 code."""
    given_code = Code(code=code, code_system=HL7, display="as the CDA said it")
    assert confidentiality_codes({Restriction.MASQUE_PS}, cda_code=given_code) == (
        HL7_CONFIDENTIALITY[code],
        Restriction.MASQUE_PS.to_code(),
    )
    assert confidentiality_codes((), cda_code=HL7_CONFIDENTIALITY[code]) == confidentiality_codes((), cda_code=code)


@pytest.mark.parametrize(
    "bad",
    [
        Restriction.MASQUE_PS.to_code(),
        Code(code="R", code_system=TRE_A07, display="R"),
        Code(code="r", code_system=HL7, display="r"),
        Code(code="X", code_system=HL7, display="X"),
    ],
    ids=["restriction-code", "hl7-code-in-tre-a07", "lower-case", "unknown-hl7"],
)
def test_cda_code_as_a_code_must_be_hl7(bad: Code) -> None:
    with pytest.raises(InvalidConfidentialityCode, match="must be one of N, R, V") as caught:
        confidentiality_codes((), cda_code=bad)
    assert caught.value.code == "visibility.cda_confidentiality"


def test_restrictions_must_be_members() -> None:
    with pytest.raises(InvalidConfidentialityCode, match="expected Restriction members"):
        confidentiality_codes(["MASQUE_PS"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["N"], set()),
        (["N", "INVISIBLE_REP_LEGAUX"], {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}),
        (["N", "INVISIBLE_REPRESENTANTS_LEGAUX"], {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}),
        ([" masque_ps "], {Restriction.MASQUE_PS}),
        (["V", "MASQUE_PT", "MASQUE_PSOCIAL"], {Restriction.MASQUE_PT, Restriction.MASQUE_PSOCIAL}),
        ([Code(code="N", code_system=HL7), Code(code="MASQUE_PS", code_system=TRE_A07)], {Restriction.MASQUE_PS}),
        ([Code(code="INVISIBLE_REP_LEGAUX", code_system=TRE_A07)], {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}),
    ],
)
def test_parse(codes: list[Code | str], expected: set[Restriction]) -> None:
    assert parse_confidentiality_codes(codes) == expected


@pytest.mark.parametrize(
    ("codes", "error_code"),
    [
        (["SECRET"], "visibility.restriction_unknown"),
        ([Code(code="MASQUE_PS", code_system=HL7)], "visibility.confidentiality_code"),
        ([Code(code="N", code_system=TRE_A07)], "visibility.restriction_unknown"),
        ([Code(code="MASQUE_PS", code_system="1.2.3")], "visibility.confidentiality_system"),
        ([42], "visibility.confidentiality_code"),
        ("MASQUE_PS", "visibility.confidentiality_list"),
    ],
)
def test_parse_rejects_unknown_codes(codes: object, error_code: str) -> None:
    with pytest.raises(InvalidConfidentialityCode) as caught:
        parse_confidentiality_codes(codes)  # type: ignore[arg-type]
    assert caught.value.code == error_code


def test_long_junk_is_not_echoed() -> None:
    with pytest.raises(InvalidConfidentialityCode) as caught:
        parse_confidentiality_codes(["X" * 500])
    assert "X" * 41 not in str(caught.value)


@given(st.frozensets(st.sampled_from(Restriction)), st.sampled_from(["N", "R", "V"]))
def test_round_trip(restrictions: frozenset[Restriction], cda_code: str) -> None:
    """The XDS list is the CDA's code followed by each restriction, and reads back to the same set."""
    codes = confidentiality_codes(restrictions, cda_code)
    assert codes[0].code == cda_code
    assert len(codes) == len(restrictions) + 1
    assert parse_confidentiality_codes(codes) == restrictions
    assert parse_confidentiality_codes([c.code for c in codes]) == restrictions
